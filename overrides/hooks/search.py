"""MkDocs hook: one search index per language (nyf.search_index says what is in it).

mkdocs-static-i18n builds each language in turn; this hook collects the pages
of each build and writes that language's index when its build ends. The
default language's index goes at the root, after mkdocs-static-i18n has
written its index of every language there.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from nyf import search_index, site_i18n
from nyf.build_context import build_context
from nyf.helplines import INTERNATIONAL

#: The pages of each language's build, by language code.
_pages: dict[str, list[search_index.PageIndex]] = {}
#: A country's helpline page, after the language's prefix (helplines/cz/).
_COUNTRY_PAGE = re.compile(r"^helplines/([a-z]{2})/$")


def _language(config):
    plugin = config.plugins["i18n"]
    return build_context(config).language(plugin.current_language or plugin.default_language)


def on_pre_build(config) -> None:
    _pages[_language(config).code] = []


def _country_keys(config, url: str) -> list[str]:
    match = _COUNTRY_PAGE.match(url)
    if not match:
        return []
    code = match.group(1).upper()
    countries = build_context(config).helpline_directory().countries
    if code == INTERNATIONAL or code not in countries:
        return []
    return search_index.country_names(code)


# Before Material's search plugin (0), which removes data-search-* attributes.
@event_priority(10)
def on_page_context(context, page, config, nav):
    if (page.meta.get("search") or {}).get("exclude"):
        return context
    language = _language(config)
    source = getattr(page.file, "locale", language.code)
    fallback = None
    if site_i18n.is_fallback(source, language.code):
        fallback = build_context(config).registry.get(source)
    in_language = page.url[len(language.url_prefix) :]
    keys = _country_keys(config, in_language)
    try:
        max_text = search_index.max_text(page.meta)
    except ValueError as error:
        # The key is not translated: the English page is the one to fix.
        english = page.file.src_uri.split("/", 1)[-1]
        source = build_context(config).registry.source.code
        raise PluginError(f"docs/{source}/{english}: front matter: {error}") from None
    _pages.setdefault(language.code, []).append(
        search_index.PageIndex(
            url=page.url,
            title=str(page.meta.get("title") or page.title or ""),
            html=page.content or "",
            fallback=fallback,
            keys=keys,
            numbers=bool(keys),
            boost=search_index.CRISIS_BOOST if search_index.is_crisis_page(in_language) else 1.0,
            max_text=max_text,
        )
    )
    return context


# After mkdocs-static-i18n (-100), which writes one index of every language at
# the root. It builds the other languages from inside the default language's
# on_post_build ("building"), and leaves current_language at the last one.
@event_priority(-200)
def on_post_build(config) -> None:
    if config.plugins["i18n"].building:
        language = _language(config)
    else:
        language = build_context(config).registry.default
    search_index.write_index(Path(config.site_dir), language, _pages.pop(language.code, []))
