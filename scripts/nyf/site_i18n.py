"""Pure functions behind the i18n hook: fallback detection, hreflang, <html>.

The MkDocs hook in overrides/hooks/i18n.py is thin glue around these, so the
tests can check each rule without building a site.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.utils.meta import get_data

from nyf.languages import Language, Registry


class I18nFile(Protocol):
    """What mkdocs-static-i18n adds to a MkDocs File (only what we read)."""

    url: str
    locale: str


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


def absolute_url(site_url: str, url: str) -> str:
    """Join the site URL and a page URL the way MkDocs writes page URLs."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base if url in ("", "./", ".") else base + url.lstrip("/")


#: The page a host shows for a missing URL. Every language has its own at its
#: home (404.html, cs/404.html), for the hosts that can serve one per folder.
NOT_FOUND_PAGE = "404.html"


def not_found_page(language: Language) -> str:
    """Site-relative path of a language's 404 page: ``404.html``, ``cs/404.html``."""
    return language.url_prefix + NOT_FOUND_PAGE


def site_path(site_url: str) -> str:
    """The path the site is served under: ``/``, or ``/nyf/`` for a project site."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def language_home(site_url: str, language: Language) -> str:
    """Root-relative address of a language's home page (works from any URL)."""
    return site_path(site_url) + language.url_prefix


#: The page that lists every language, one per language (languages/, cs/languages/).
#: The language button in the header links to it (partials/alternate.html), so
#: that thirty language names are not in every page (about 0.7 KB gzip each).
LANGUAGES_PAGE = "languages.md"


def languages_page_url(language: Language) -> str:
    """Site-relative URL of a language's languages page: ``languages/``, ``cs/languages/``."""
    return language.url_prefix + LANGUAGES_PAGE.removesuffix(".md") + "/"


def languages_page_markdown(registry: Registry, site_url: str, title: str) -> str:
    """The languages page: a heading and a link to every published language's home.

    Names come from the registry (contributors' data): escaped. Each link carries
    its language's hreflang, lang and dir, so a screen reader pronounces the name
    in its own language. assets/javascripts/languages.js turns each home into
    the page the reader came from.
    """
    items = "\n".join(
        f'<li><a href="{escape(language_home(site_url, language))}" '
        f'hreflang="{escape(language.hreflang)}" lang="{escape(language.hreflang)}" '
        f'dir="{escape(language.dir)}">{escape(language.name)}</a></li>'
        for language in registry.published()
    )
    heading = escape(title)
    return (
        f"---\ntitle: {_yaml_string(title)}\nsearch:\n  exclude: true\n---\n\n"
        f'<h1 id="languages">{heading}</h1>\n\n'
        f'<ul class="nyf-languages" data-nyf-language-list>\n{items}\n</ul>\n\n'
        f'<script src="{escape(site_path(site_url))}assets/javascripts/languages.js"></script>\n'
    )


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar for ``text`` (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def is_fallback(file_locale: str, build_language: str) -> bool:
    """A page is a fallback when its source file is not in the language built."""
    return file_locale != build_language


def hreflang_alternates(
    alternates: dict[str, I18nFile], registry: Registry, site_url: str
) -> list[Alternate]:
    """Alternates of a page that really are translations, plus ``x-default``.

    A language whose version of the page is the English fallback is left out:
    advertising it would tell search engines the English text is Czech.
    """
    out: list[Alternate] = []
    for lang in registry.published():
        file = alternates.get(lang.code)
        if file is None or is_fallback(file.locale, lang.code):
            continue
        out.append(Alternate(lang.hreflang, absolute_url(site_url, file.url)))
    default_file = alternates.get(registry.default.code)
    if out and default_file is not None:
        out.append(Alternate("x-default", absolute_url(site_url, default_file.url)))
    return out


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def set_html_lang_dir(output: str, language: Language, country: str | None = None) -> str:
    """Give the page's ``<html>`` element the registry's ``lang`` and ``dir``.

    Material writes ``lang`` from its own language file (which may be a
    stand-in such as en for a language it lacks) and ``dir`` only on <body>;
    assistive technology and search engines read the <html> element.
    """
    tag = f'<html lang="{html.escape(language.hreflang)}" dir="{language.dir}" class="no-js">'
    if country:
        # An edition's default country (editions/<name>.yml): the helpline boxes and
        # country blocks show it until the reader chooses another.
        tag = tag[:-1] + f' data-nyf-country="{html.escape(country)}">'
    return _HTML_TAG.sub(tag, output, count=1)


def title_sections_from_index_pages(items) -> None:
    """Give every nav section the ``title`` of its index page's front matter.

    Front matter is translated with the page, so the sections of each language
    get that language's names without a second list of translations. (Page
    titles are not known yet when the nav is built, so the front matter is
    read here.)
    """
    for item in items:
        children = getattr(item, "children", None)
        if not children:
            continue
        title_sections_from_index_pages(children)
        first = children[0]
        if getattr(first, "is_page", False) and first.file.name == "index":
            _markdown, meta = get_data(first.file.content_string)
            if isinstance(meta.get("title"), str):
                # Material prints section titles unescaped: make this one text.
                item.title = escape(meta["title"])
