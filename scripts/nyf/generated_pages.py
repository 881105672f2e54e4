"""Add pages generated at build time (helpline pages, status pages) to a language.

mkdocs-static-i18n cannot handle ``File.generated`` files in its own on_files
(it reads ``abs_src_path``, which generated files lack), so generated pages are
added AFTER it, in a hook's ``on_files`` with a priority below -100, one
language at a time, and given the attributes the plugin would have set:
``locale``, ``alternates`` (for the language switcher, hreflang and the
sitemap) and ``norm_src_uri``.

Usage in a hook::

    @event_priority(-150)
    def on_files(files, config):
        add_generated_page(files, config, "helplines/cz.md", markdown)
"""

from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.files import File, Files

from nyf.build_context import build_context


def add_generated_page(
    files: Files,
    config,
    norm_src_uri: str,
    content: str,
    translated_languages: list[str] | None = None,
) -> File:
    """Add ``norm_src_uri`` (e.g. ``helplines/cz.md``) for the language being built.

    ``translated_languages`` are the languages that get this page in their own
    language (default: every built language); the others are fallbacks.
    """
    plugin = config.plugins["i18n"]
    current = plugin.current_language
    default = plugin.default_language
    # Pages are written in the source language (English), whichever is at the root.
    source = build_context(config).registry.source.code
    built = plugin.build_languages
    translated = built if translated_languages is None else translated_languages

    def src_for(language: str) -> str:
        return norm_src_uri if language == default else f"{language}/{norm_src_uri}"

    file = File.generated(config, src_for(current), content=content)
    file.locale = current if current in translated else source
    file.locale_alternate_of = current
    file.localization = None if current == default else current
    file.norm_src_uri = norm_src_uri
    file.alternates = {}
    for language in built:
        url = file.url if language == current else _url_of(config, src_for(language))
        locale = language if language in translated else source
        file.alternates[language] = SimpleNamespace(url=url, locale=locale)
    files.append(file)
    plugin.i18n_files_per_language.setdefault(current, []).append(file)
    return file


def _url_of(config, src_uri: str) -> str:
    return File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls).url
