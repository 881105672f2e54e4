"""MkDocs hook: the helpline directory, its country pages, the helpline boxes, open data.

Thin glue; the rules live in scripts/nyf/helplines.py (model, validation,
export), scripts/nyf/helpline_pages.py (cards and pages) and
scripts/nyf/helpline_boxes.py (the get-help, first-screen, crisis and
support-handout boxes, and the per-country JSON they read). Invalid data stops the
build. Generated pages are added with nyf.generated_pages.add_generated_page,
after mkdocs-static-i18n's on_files (File.generated files break it before).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from babel import Locale
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from nyf import helpline_boxes, helpline_export, helpline_pages, helplines
from nyf.build_context import build_context
from nyf.generated_pages import add_generated_page
from nyf.yamlfile import DataError

log = logging.getLogger("mkdocs.hooks.helplines")

MARKER = "<!-- helplines:directory -->"
DIRECTORY_PAGE = "helplines/index.md"
DATA_DIR = "helplines/"


def _directory(config) -> helplines.Directory:
    directory = build_context(config).helpline_directory()
    if directory.errors:
        raise PluginError(
            "invalid helpline data (run scripts/validate_helplines.py):\n  "
            + "\n  ".join(str(f) for f in directory.errors)
        )
    return directory


def _language(config):
    plugin = config.plugins["i18n"]
    return build_context(config).language(plugin.current_language or plugin.default_language)


def _labels(config, language) -> helpline_pages.Labels:
    try:
        translations = build_context(config).translations(language.locale)
    except DataError as error:
        raise PluginError(str(error)) from None
    return helpline_pages.Labels(Locale.parse(language.locale), translations.gettext)


def _prefix(config) -> str:
    plugin = config.plugins["i18n"]
    current = plugin.current_language or plugin.default_language
    return "" if current == plugin.default_language else f"{current}/"


def _has_directory(config) -> bool:
    """Whether the site has a helpline directory page (small fixture sites do not)."""
    default = config.plugins["i18n"].default_language
    return (Path(config.docs_dir) / default / DIRECTORY_PAGE).is_file()


def on_config(config):
    plugin = config.plugins["i18n"]
    directory = _directory(config)  # invalid data stops the build here
    if plugin.current_language is None:
        log.info(
            "helplines: %d countries, %d services, %d warning(s) (stale records: "
            "run scripts/validate_helplines.py)",
            len(directory.countries),
            directory.service_count(),
            len(directory.warnings),
        )
    return config


@event_priority(-150)  # after mkdocs-static-i18n: see nyf/generated_pages.py
def on_files(files, config):
    if not _has_directory(config):
        return files
    directory = _directory(config)
    labels = _labels(config, _language(config))
    international = directory.countries.get(helplines.INTERNATIONAL)
    for code, country in directory.countries.items():
        if code == helplines.INTERNATIONAL:
            continue
        content = helpline_pages.render_country_page(country, international, labels)
        add_generated_page(files, config, f"helplines/{code.lower()}.md", content)
    return files


def _default_country(config) -> str | None:
    """The edition's default country (editions/<name>.yml), listed and shown first."""
    edition = build_context(config).edition
    return edition.default_country if edition is not None else None


def _options(config, labels: helpline_pages.Labels) -> list[dict[str, str]]:
    """The localised country list of the boxes, made once per build and locale."""
    derived = build_context(config).derived
    key = ("country options", str(labels.locale))
    if key not in derived:
        derived[key] = helpline_boxes.country_options(
            _directory(config), labels, _default_country(config)
        )
    return derived[key]  # type: ignore[return-value]


def on_page_markdown(markdown, page, config, files):
    language = _language(config)
    if MARKER in markdown:
        # In the reader's language even on an English fallback page: a child looks
        # for their country's name as they know it. lang/dir say so.
        html = helpline_pages.render_directory(
            _directory(config), _labels(config, language), _default_country(config)
        )
        wrapped = (
            f'<div lang="{language.hreflang}" dir="{language.dir}" markdown>\n\n{html}\n</div>'
        )
        markdown = markdown.replace(MARKER, wrapped)
    if "<!-- helplines:" not in markdown or not _has_directory(config):
        return markdown
    labels = _labels(config, language)
    prefix = _prefix(config)
    data_url = get_relative_url(prefix + DATA_DIR, page.url)
    directory_url = data_url

    def render(kind: str, index: int) -> str:
        return helpline_boxes.render_box(
            kind, index, labels, _options(config, labels), data_url, directory_url
        )

    return helpline_boxes.replace_markers(markdown, render)


def on_page_context(context, page, config, nav):
    if not _has_directory(config):
        context["nyf_get_help"] = None
        return context
    prefix = _prefix(config)
    directory = get_relative_url(prefix + DATA_DIR, page.url)
    context["nyf_get_help"] = {
        "data": directory,
        "directory": directory,
        "countries": _options(config, _labels(config, _language(config))),
    }
    return context


def _publication(config) -> helpline_export.Publication:
    return helpline_export.Publication(config.site_url or "/", dt.date.today())


def on_post_build(config):
    site = Path(config.site_dir)
    directory = _directory(config)
    if not _has_directory(config):
        return
    labels = _labels(config, _language(config))
    target_dir = site / _prefix(config) / DATA_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    for code in directory.countries:
        if code == helplines.INTERNATIONAL:
            continue
        data = helpline_boxes.country_data(directory, code, labels)
        (target_dir / f"{code.lower()}.json").write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8"
        )
    if not _prefix(config):  # once, at the site root
        schema = helplines.load_schema(build_context(config).data_dir / "helplines")
        helpline_export.write_export(directory, schema, site, _publication(config))
