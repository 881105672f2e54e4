"""MkDocs hook: check translated pages, show their notices, publish the status page."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from nyf import page_build
from nyf.build_context import build_context
from nyf.generated_pages import add_generated_page
from nyf.translation_pages import (
    STATUS_PAGE,
    check_all_translations,
    notice_for,
    status_page_markdown,
)
from nyf.yamlfile import DataError


def _registry(config):
    return build_context(config).registry


def on_pre_build(config) -> None:
    plugin = config.plugins["i18n"]
    if plugin.current_language not in (None, plugin.default_language):
        return  # checked once, in the first (default language) build
    try:
        problems = check_all_translations(Path(config.docs_dir), _registry(config))
    except DataError as error:
        raise PluginError(str(error)) from None
    if problems:
        raise PluginError(
            f"{len(problems)} problem(s) in translated pages:\n  " + "\n  ".join(problems)
        )


@event_priority(-150)  # after mkdocs-static-i18n: see nyf/generated_pages.py
def on_files(files, config):
    context = build_context(config)
    generated = context.derived.get("page_translations")
    if generated is None:  # a build that did not start in the i18n hook
        generated = page_build.generate(context.root, Path(config.docs_dir), context.registry)
    content = status_page_markdown(Path(config.docs_dir), context.registry, generated)
    add_generated_page(files, config, STATUS_PAGE, content, [context.registry.source.code])
    return files


def on_page_context(context, page, config, nav):
    plugin = config.plugins["i18n"]
    current = plugin.current_language
    # The English source folder, whichever language an edition builds at the root.
    default = build_context(config).registry.source.code
    context["nyf_translation"] = None
    if current == default or getattr(page.file, "locale", default) != current:
        return context  # the English source, or an English fallback
    if page.file.abs_src_path is None:
        return context  # a generated page
    docs = Path(config.docs_dir)
    translated = Path(page.file.abs_src_path)
    english = docs / default / translated.relative_to(docs / current)
    try:
        notice = notice_for(translated, english, str(translated.relative_to(docs.parent)))
    except DataError as error:
        raise PluginError(str(error)) from None
    english_file = page.file.alternates.get(default)
    context["nyf_translation"] = notice
    context["nyf_english_url"] = english_file.url if english_file else ""
    return context
