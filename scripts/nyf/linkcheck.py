"""Check every internal link, asset, anchor, hreflang and sitemap entry of a built site.

The pure core of scripts/check_links.py. It works on the files in the site
folder only (no server, no network), over the one model of a built site
(nyf.builtsite: each file read and parsed once); every reference is resolved
the way a static host serves the site (``dir/`` → ``dir/index.html``).
Outbound links are collected for the optional, networked ``--external``
check (nyf.urlcheck).
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from nyf.builtsite import BuiltSite, Page, Resolved, load_site
from nyf.site_i18n import NOT_FOUND_PAGE

#: Fragments a browser understands without an element (scroll to the top).
_BUILTIN_FRAGMENTS = {"", "top"}
_SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


@dataclass(frozen=True)
class SiteLanguage:
    """What the checker needs to know about one published language."""

    code: str
    hreflang: str
    url_prefix: str  # '' for the default language, 'cs/' for the others


@dataclass(frozen=True)
class Problem:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass
class Report:
    problems: list[Problem]
    pages: int
    references: int
    external: dict[str, list[str]]  # outbound URL -> pages that link to it


class Site:
    """A built site's model, its languages, and how URLs map onto its files."""

    def __init__(self, model: BuiltSite, languages: list[SiteLanguage]) -> None:
        self.model = model
        self.dir = model.dir
        self.files = model.files
        self.languages = languages
        self._fallback: dict[str, bool] = {}  # page path -> is_fallback, computed once
        parts = urlsplit(model.site_url)
        self.origin = f"{parts.scheme}://{parts.netloc}".lower()

    def resolve(self, page_path: str, url: str) -> Resolved | None:
        return self.model.resolve(page_path, url)

    def target_file(self, path: str) -> str | None:
        return self.model.target_file(path)

    def language_of(self, path: str) -> SiteLanguage | None:
        """The language whose folder holds ``path`` (the default one for the root)."""
        default = None
        for language in self.languages:
            if not language.url_prefix:
                default = language
            elif path.startswith(language.url_prefix):
                return language
        return default

    def slug(self, path: str) -> str:
        """``cs/help-now/index.html`` → ``help-now/index.html``."""
        language = self.language_of(path)
        return path[len(language.url_prefix) :] if language else path

    def is_not_found_page(self, path: str) -> bool:
        """``404.html`` or ``cs/404.html``: a language's 404 page (no alternates, not
        in the sitemap)."""
        homes = {""} | {lang.url_prefix for lang in self.languages}
        return path in {home + NOT_FOUND_PAGE for home in homes}

    def is_fallback(self, page: Page) -> bool:
        """English content under another language's folder, not a translation.

        Marked by the fallback notice (overrides/main.html) or, for search
        engines, by a canonical URL that names another page.
        """
        if page.path not in self._fallback:
            canonical = page.canonical
            self._fallback[page.path] = page.fallback_notice or (
                canonical is not None and _page_of(self, page.path, canonical) != page.path
            )
        return self._fallback[page.path]


def _describe_missing(resolved_path: str) -> str:
    if resolved_path == "" or resolved_path.endswith("/"):
        return f"{resolved_path}index.html does not exist"
    return f"{resolved_path} does not exist"


def check_references(site: Site, pages: Mapping[str, Page]) -> tuple[list[Problem], dict]:
    """Missing files and ids, links to redirect stubs, links that leave the reader's language."""
    problems: list[Problem] = []
    external: dict[str, list[str]] = defaultdict(list)
    default_codes = {lang.code for lang in site.languages if not lang.url_prefix}
    for page in pages.values():
        if page.config_error:
            problems.append(Problem(page.path, page.config_error))
        page_language = site.language_of(page.path)
        for ref in page.references:
            resolved = site.resolve(page.path, ref.url)
            if resolved is None:
                continue
            if resolved.external:
                if ref.kind == "link":
                    external[ref.url.strip()].append(page.path)
                continue
            if resolved.path is None:
                problems.append(Problem(page.path, f"{ref.label}: leaves the site"))
                continue
            if ref.url.startswith("#"):
                target: str | None = page.path
            else:
                target = site.target_file(resolved.path)
            if target is None:
                problems.append(
                    Problem(page.path, f"{ref.label}: {_describe_missing(resolved.path)}")
                )
                continue
            fragment = resolved.fragment
            if (
                fragment not in _BUILTIN_FRAGMENTS
                and target in pages
                and fragment not in pages[target].ids
            ):
                problems.append(
                    Problem(page.path, f'{ref.label}: no element with id "{fragment}" in {target}')
                )
            if ref.kind != "link":
                continue
            stub = pages.get(target)
            if stub is not None and stub.is_redirect and not page.is_redirect:
                problems.append(
                    Problem(
                        page.path,
                        f"link {ref.url}: {target} is a redirect stub (to {stub.redirect_to}); "
                        "expected a link to the page it redirects to",
                    )
                )
            target_language = site.language_of(target)
            if (
                ref.hreflang is None
                and page_language is not None
                and page_language.url_prefix
                and target.endswith(".html")
                and target_language is not None
                and target_language.code in default_codes
            ):
                own = page_language.url_prefix + target
                if own in site.files:
                    problems.append(
                        Problem(
                            page.path,
                            f"link {ref.url}: leads to the {target_language.code} page "
                            f"{target} although {own} exists",
                        )
                    )
    return problems, dict(external)


def _page_of(site: Site, page_path: str, url: str) -> str | None:
    return site.model.page_of(page_path, url)


def check_hreflang(site: Site, pages: Mapping[str, Page]) -> list[Problem]:
    """Alternates exist, are reciprocal, are complete, skip fallback pages, and
    x-default names the default language's page."""
    problems: list[Problem] = []
    known = {lang.hreflang for lang in site.languages} | {"x-default"}
    default = next((lang for lang in site.languages if not lang.url_prefix), None)
    translated: dict[str, str] = {}  # page path -> its language code, for real translations
    for page in pages.values():
        if page.is_redirect or site.is_not_found_page(page.path):
            continue
        if site.is_fallback(page):
            if page.alternates:
                why = f"canonical {page.canonical}" if page.canonical else "fallback notice"
                problems.append(
                    Problem(
                        page.path,
                        f"hreflang: a fallback page ({why}) advertises "
                        f"{len(page.alternates)} alternates; expected none",
                    )
                )
            continue
        language = site.language_of(page.path)
        if language is not None:
            translated[page.path] = language.code
    by_slug: dict[str, list[str]] = defaultdict(list)
    for path in translated:
        by_slug[site.slug(path)].append(path)
    hreflang_of = {lang.code: lang.hreflang for lang in site.languages}

    @functools.cache
    def alternate_targets(path: str) -> frozenset[str | None]:
        return frozenset(_page_of(site, path, a.url) for a in pages[path].alternates)

    for path in translated:
        page = pages[path]
        listed: dict[str, str | None] = {}
        for alt in page.alternates:
            if alt.hreflang not in known:
                problems.append(
                    Problem(
                        path,
                        f'hreflang="{alt.hreflang}" {alt.url}: not a published language '
                        f"(expected one of {', '.join(sorted(known))})",
                    )
                )
            target = _page_of(site, path, alt.url)
            listed[alt.hreflang] = target
            if target is None:
                problems.append(Problem(path, f'hreflang="{alt.hreflang}" {alt.url}: no such page'))
                continue
            if alt.hreflang == "x-default" and default is not None:
                expected = default.url_prefix + site.slug(path)
                if target != expected:
                    problems.append(
                        Problem(
                            path,
                            f'hreflang="x-default" {alt.url}: leads to {target}; expected the '
                            f"default language's ({default.code}) page {expected}",
                        )
                    )
            if target in pages and target not in translated and not pages[target].is_redirect:
                problems.append(
                    Problem(
                        path,
                        f'hreflang="{alt.hreflang}" {alt.url}: {target} is a fallback page, '
                        "not a translation",
                    )
                )
            elif target in translated and target != path and path not in alternate_targets(target):
                problems.append(
                    Problem(
                        path,
                        f'hreflang="{alt.hreflang}" {alt.url}: not reciprocal, '
                        f"{target} has no alternate pointing back to {path}",
                    )
                )
        siblings = by_slug[site.slug(path)]
        if len(siblings) < 2:
            continue
        for sibling in sorted(siblings):
            expected = hreflang_of[translated[sibling]]
            if listed.get(expected) != sibling:
                problems.append(
                    Problem(
                        path,
                        f'hreflang: missing <link rel="alternate" hreflang="{expected}"> '
                        f"for the translation {sibling}",
                    )
                )
    return problems


def published_pages(site: Site, pages: Mapping[str, Page]) -> list[str]:
    """The pages a sitemap must list: not redirects, 404, fallbacks or noindex pages."""
    return sorted(
        page.path
        for page in pages.values()
        if not site.is_not_found_page(page.path)
        and not page.is_redirect
        and not page.noindex
        and not site.is_fallback(page)
    )


def check_sitemap(site: Site, pages: Mapping[str, Page]) -> list[Problem]:
    """sitemap.xml names pages of the site: every published page, and no fallback."""
    sitemap = site.dir / "sitemap.xml"
    if not sitemap.is_file():
        return []
    try:
        tree = ElementTree.parse(sitemap)
    except ElementTree.ParseError as error:
        return [Problem("sitemap.xml", f"not well-formed XML: {error}")]
    problems = []
    urls = [("<loc>", el.text or "") for el in tree.iterfind(".//sm:loc", _SITEMAP_NS)]
    urls += [
        (f'xhtml:link hreflang="{el.get("hreflang")}"', el.get("href", ""))
        for el in tree.iterfind(".//xhtml:link", _SITEMAP_NS)
    ]
    located = set()
    for what, url in urls:
        url = url.strip()
        if not url.lower().startswith(site.origin):
            problems.append(Problem("sitemap.xml", f"{what} {url}: not on {site.origin}"))
            continue
        target = _page_of(site, "sitemap.xml", url)
        if target is None or target not in pages:
            resolved = site.resolve("sitemap.xml", url)
            missing = _describe_missing(resolved.path) if resolved and resolved.path else url
            problems.append(Problem("sitemap.xml", f"{what} {url}: no page ({missing})"))
            continue
        if what == "<loc>":
            located.add(target)
        if site.is_fallback(pages[target]):
            problems.append(
                Problem(
                    "sitemap.xml",
                    f"{what} {url}: {target} is a fallback page (content in "
                    f"{pages[target].content_lang or 'another language'}), not a translation; "
                    "expected only published pages",
                )
            )
    for path in published_pages(site, pages):
        if path not in located:
            url = site.model.site_url.rstrip("/") + "/" + path.removesuffix("index.html")
            problems.append(
                Problem("sitemap.xml", f"no <loc> for the published page {path} ({url})")
            )
    return problems


def check_stylesheets(site: Site) -> list[Problem]:
    """Every url() and @import in the site's own CSS files names a file of the site."""
    problems = []
    for path, stylesheet in site.model.stylesheets.items():
        for url in stylesheet.urls:
            if url.startswith("#"):
                continue
            resolved = site.resolve(path, url)
            if resolved is None or resolved.external:
                continue
            if resolved.path is None or site.target_file(resolved.path) is None:
                where = _describe_missing(resolved.path) if resolved.path else "leaves the site"
                problems.append(Problem(path, f"url({url}): {where}"))
    return problems


def check_site(site_dir: Path, site_url: str, languages: list[SiteLanguage]) -> Report:
    """Run every offline check over a built site."""
    site = Site(load_site(site_dir, site_url), languages)
    pages = site.model.pages
    problems, external = check_references(site, pages)
    problems += check_hreflang(site, pages)
    problems += check_sitemap(site, pages)
    problems += check_stylesheets(site)
    problems = sorted(set(problems), key=lambda p: (p.file, p.message))
    count = sum(len(page.references) for page in pages.values())
    return Report(problems, len(pages), count, external)
