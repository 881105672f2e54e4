"""MkDocs hook: print/pdfs.json, every PDF that `make print` publishes, and links to them.

The list is computed from the data (the registry's published languages, the
helpline countries, the lesson pages), not from the printed files, so a
`make build` without `make print` knows every PDF URL: the link check and the
published-URL check accept exactly these. Each lesson page links its pack, each
country's helpline page its poster and its lesson packs. Thin glue over
nyf.printing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.utils import get_relative_url
from nyf import helplines, printing
from nyf.build_context import build_context

HELP_NOW_PAGE = "help-now/index.md"
DIRECTORY_PAGE = "helplines/index.md"


def on_post_build(config):
    plugin = config.plugins["i18n"]
    if (plugin.current_language or plugin.default_language) != plugin.default_language:
        return  # once, at the site root
    if not _prints(config):
        return  # small fixture sites print nothing
    context = build_context(config)
    languages = [lang.code for lang in context.registry.published()]
    countries = sorted(
        code for code in context.helpline_directory().countries if code != helplines.INTERNATIONAL
    )
    lessons = printing.lesson_slugs(Path(config.docs_dir), plugin.default_language)
    listing = printing.pdf_list(languages, countries, lessons, _lesson_languages(config))
    listing["site_url"] = config.site_url or "/"
    listing["site_name"] = config.site_name
    target = Path(config.site_dir) / printing.PRINT_DIR / printing.PDF_LIST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(listing, ensure_ascii=False, indent=0), encoding="utf-8")


def _lesson_languages(config) -> list[str]:
    """The languages with every lesson plan translated (the source language always)."""
    context = build_context(config)
    key = "print lesson languages"
    if key not in context.derived:
        generated = context.derived.get("page_translations")
        source = context.registry.source.code
        lesson_pages = {
            f"schools/lessons/{slug}.md"
            for slug in printing.lesson_slugs(Path(config.docs_dir), source)
        }
        chosen = []
        for language in context.registry.published():
            if language.code == source or generated is None:
                chosen.append(language.code)
                continue
            built = {
                r.page for r in generated.for_language(language.code) if r.built and not r.standin
            }
            if lesson_pages <= built:
                chosen.append(language.code)
        context.derived[key] = chosen
    return context.derived[key]  # type: ignore[return-value]


_COUNTRY_PAGE = re.compile(r"(?:^|/)helplines/([a-z]{2})/$")
_LESSON_PAGE = re.compile(r"(?:^|/)schools/lessons/([a-z0-9-]+)/$")


def _prints(config) -> bool:
    """Whether the site prints (small fixture sites without the pages do not)."""
    source = Path(config.docs_dir) / config.plugins["i18n"].default_language
    return (source / HELP_NOW_PAGE).is_file() and (source / DIRECTORY_PAGE).is_file()


def on_page_content(html, page, config, files):
    """Links to the page's PDFs, after its title: a lesson's pack, a country's poster."""
    if not _prints(config):
        return html
    plugin = config.plugins["i18n"]
    lang = plugin.current_language or plugin.default_language
    context = build_context(config)
    _ = context.translations(context.language(lang).locale).gettext
    # Where the lessons are not translated, the English packs (marked hreflang="en").
    pdf_lang = lang if lang in _lesson_languages(config) else context.registry.source.code
    lessons = printing.lesson_slugs(Path(config.docs_dir), plugin.default_language)

    def relative(url: str) -> str:
        return get_relative_url(url.lstrip("/"), page.url)

    lesson = _LESSON_PAGE.search(page.url)
    country = _COUNTRY_PAGE.search(page.url)
    if lesson and lesson.group(1) in lessons:
        block = printing.lesson_links(
            _, pdf_lang, lesson.group(1), relative, "../../../helplines/", lang
        )
    elif country and country.group(1).upper() in context.helpline_directory().countries:
        block = printing.country_links(
            _, lang, country.group(1).upper(), lessons, relative, pdf_lang
        )
    else:
        return html
    return re.sub(r"(</h1>)", lambda m: m.group(1) + "\n" + block, html, count=1)
