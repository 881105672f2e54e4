"""Check every internal link, asset, anchor, hreflang and sitemap entry of a built site.

The pure core of scripts/check_links.py. It works on the files in the site
folder only (no server, no network): each HTML file is parsed once with the
stdlib's html.parser, its ids and references are collected, and every
reference is resolved the way a static host serves the site
(``dir/`` → ``dir/index.html``). Outbound links are collected for the
optional, networked ``--external`` check (nyf.urlcheck).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urljoin, urlsplit

#: Below this many pages, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
#: Schemes that are not fetched documents (nothing to check offline).
_SKIPPED_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "data:", "blob:", "about:")
#: Fragments a browser understands without an element (scroll to the top).
_BUILTIN_FRAGMENTS = {"", "top"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)""", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s]+)", re.IGNORECASE)
#: Where a site's own host is replaced while resolving (any reserved name works).
_LOCAL_HOST = "site.invalid"
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
class Reference:
    kind: str  # link, image, stylesheet, script, alternate, canonical, refresh, ...
    url: str
    hreflang: str | None = None


@dataclass
class ParsedPage:
    """What one HTML file holds that the checks need."""

    path: str
    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)

    @property
    def canonical(self) -> str | None:
        return next((r.url for r in self.references if r.kind == "canonical"), None)

    @property
    def alternates(self) -> list[Reference]:
        return [r for r in self.references if r.kind == "alternate" and r.hreflang]

    @property
    def is_redirect(self) -> bool:
        return any(r.kind == "refresh" for r in self.references)


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


class _PageParser(HTMLParser):
    """Collects ids and references; one instance per file."""

    #: element -> (attribute, kind) pairs that refer to another resource.
    _ATTRIBUTES: ClassVar[dict[str, tuple[tuple[str, str], ...]]] = {
        "a": (("href", "link"),),
        "area": (("href", "link"),),
        "img": (("src", "image"), ("srcset", "image")),
        "source": (("src", "media"), ("srcset", "image")),
        "script": (("src", "script"),),
        "iframe": (("src", "frame"),),
        "video": (("src", "media"), ("poster", "image")),
        "audio": (("src", "media"),),
        "track": (("src", "media"),),
        "object": (("data", "object"),),
        "embed": (("src", "object"),),
    }

    def __init__(self, page: ParsedPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        refs = self.page.references
        if tag == "link" and "href" in values:
            rels = values.get("rel", "").lower().split()
            kind = next(
                (k for k in ("stylesheet", "icon", "canonical", "alternate") if k in rels),
                rels[0] if rels else "link-element",
            )
            refs.append(Reference(kind, values["href"], values.get("hreflang")))
            return
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content", ""))
            if match:
                refs.append(Reference("refresh", match.group(1)))
            return
        for attribute, kind in self._ATTRIBUTES.get(tag, ()):
            value = values.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                refs.extend(Reference(kind, u) for u in _srcset_urls(value))
            else:
                refs.append(Reference(kind, value, values.get("hreflang")))

    handle_startendtag = handle_starttag


def _srcset_urls(srcset: str) -> list[str]:
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


def parse_html(path: str, text: str) -> ParsedPage:
    page = ParsedPage(path)
    parser = _PageParser(page)
    parser.feed(text)
    parser.close()
    return page


def _parse_file(args: tuple[str, str]) -> ParsedPage:
    root, path = args
    with open(os.path.join(root, path), encoding="utf-8", errors="replace") as handle:
        return parse_html(path, handle.read())


def list_files(site_dir: Path) -> set[str]:
    """Every file of the site, as a POSIX path relative to ``site_dir``."""
    found = set()
    root = str(site_dir)
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found.update(prefix + name for name in names)
    return found


def parse_pages(site_dir: Path, html_files: Iterable[str]) -> dict[str, ParsedPage]:
    """Parse every HTML file once, in parallel when there are many."""
    jobs = [(str(site_dir), path) for path in sorted(html_files)]
    if len(jobs) < PARALLEL_THRESHOLD or (os.cpu_count() or 1) < 2:
        pages = [_parse_file(job) for job in jobs]
    else:
        with ProcessPoolExecutor() as pool:
            pages = list(pool.map(_parse_file, jobs, chunksize=16))
    return {page.path: page for page in pages}


@dataclass(frozen=True)
class Resolved:
    """A reference resolved against the site: the file it names and its fragment."""

    path: str | None  # site-relative file path, or None when it leaves the site
    fragment: str
    external: bool


class Site:
    """The files of a built site and how URLs map onto them."""

    def __init__(self, site_dir: Path, site_url: str, languages: list[SiteLanguage]) -> None:
        self.dir = site_dir
        parts = urlsplit(site_url)
        self.origin = f"{parts.scheme}://{parts.netloc}".lower()
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.languages = languages
        self.files = list_files(site_dir)

    def resolve(self, page_path: str, url: str) -> Resolved | None:
        """Resolve ``url`` as written in ``page_path``; None for non-document schemes."""
        url = url.strip()
        lowered = url.lower()
        if not url or lowered.startswith(_SKIPPED_SCHEMES):
            return None
        if lowered.startswith(self.origin + "/") or lowered == self.origin:
            url = url[len(self.origin) :] or "/"
        elif lowered.startswith(("http://", "https://", "//")):
            return Resolved(None, "", external=True)
        elif re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
            return None  # another scheme (ftp:, geo:...): not ours to check offline
        base = f"http://{_LOCAL_HOST}{self.base_path}{page_path}"
        joined = urlsplit(urljoin(base, url))
        fragment = unquote(joined.fragment)
        if joined.netloc != _LOCAL_HOST or not joined.path.startswith(self.base_path):
            return Resolved(None, fragment, external=False)
        return Resolved(unquote(joined.path[len(self.base_path) :]), fragment, external=False)

    def target_file(self, path: str) -> str | None:
        """The file a static host serves for ``path``, or None."""
        if path == "" or path.endswith("/"):
            candidate = path + "index.html"
            return candidate if candidate in self.files else None
        if path in self.files:
            return path
        if f"{path}/index.html" in self.files:
            return f"{path}/index.html"
        return None

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


def _describe_missing(resolved_path: str) -> str:
    if resolved_path == "" or resolved_path.endswith("/"):
        return f"{resolved_path}index.html does not exist"
    return f"{resolved_path} does not exist"


def check_references(site: Site, pages: dict[str, ParsedPage]) -> tuple[list[Problem], dict]:
    """Missing files and ids, and links that leave the reader's language."""
    problems: list[Problem] = []
    external: dict[str, list[str]] = defaultdict(list)
    default_codes = {lang.code for lang in site.languages if not lang.url_prefix}
    for page in pages.values():
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
                problems.append(Problem(page.path, f"{ref.kind} {ref.url}: leaves the site"))
                continue
            if resolved.path == "" and ref.url.startswith("#"):
                target: str | None = page.path
            elif ref.url.startswith("#"):
                target = page.path
            else:
                target = site.target_file(resolved.path)
            if target is None:
                problems.append(
                    Problem(page.path, f"{ref.kind} {ref.url}: {_describe_missing(resolved.path)}")
                )
                continue
            fragment = resolved.fragment
            if (
                fragment not in _BUILTIN_FRAGMENTS
                and target in pages
                and fragment not in pages[target].ids
            ):
                problems.append(
                    Problem(
                        page.path,
                        f'{ref.kind} {ref.url}: no element with id "{fragment}" in {target}',
                    )
                )
            if (
                ref.kind == "link"
                and ref.hreflang is None
                and page_language is not None
                and page_language.url_prefix
                and target.endswith(".html")
                and site.language_of(target) is not None
                and site.language_of(target).code in default_codes
            ):
                own = page_language.url_prefix + target
                if own in site.files:
                    problems.append(
                        Problem(
                            page.path,
                            f"link {ref.url}: leads to the {site.language_of(target).code} page "
                            f"{target} although {own} exists",
                        )
                    )
    return problems, dict(external)


def _page_of(site: Site, page_path: str, url: str) -> str | None:
    resolved = site.resolve(page_path, url)
    if resolved is None or resolved.path is None:
        return None
    return site.target_file(resolved.path)


def check_hreflang(site: Site, pages: dict[str, ParsedPage]) -> list[Problem]:
    """Alternates exist, are reciprocal, are complete, and skip fallback pages."""
    problems: list[Problem] = []
    known = {lang.hreflang for lang in site.languages} | {"x-default"}
    translated: dict[str, str] = {}  # page path -> its language code, for real translations
    for page in pages.values():
        if page.is_redirect or page.path == "404.html":
            continue
        canonical = page.canonical
        is_fallback = canonical is not None and _page_of(site, page.path, canonical) != page.path
        if is_fallback:
            if page.alternates:
                problems.append(
                    Problem(
                        page.path,
                        f"hreflang: a fallback page (canonical {canonical}) advertises "
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
            elif target in pages and target not in translated and not pages[target].is_redirect:
                problems.append(
                    Problem(
                        path,
                        f'hreflang="{alt.hreflang}" {alt.url}: {target} is a fallback page, '
                        "not a translation",
                    )
                )
            elif target in translated and target != path:
                back = {_page_of(site, target, a.url) for a in pages[target].alternates}
                if path not in back:
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


def check_sitemap(site: Site, pages: dict[str, ParsedPage]) -> list[Problem]:
    """Every <loc> and xhtml:link of sitemap.xml names a page of the site."""
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
    return problems


def check_stylesheets(site: Site) -> list[Problem]:
    """Every url() in the site's own CSS files names a file of the site."""
    problems = []
    for path in sorted(p for p in site.files if p.endswith(".css")):
        text = _CSS_COMMENT.sub("", (site.dir / path).read_text(encoding="utf-8", errors="replace"))
        for url in _CSS_URL.findall(text):
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
    site = Site(site_dir, site_url, languages)
    html_files = [p for p in site.files if p.endswith(".html")]
    pages = parse_pages(site_dir, html_files)
    problems, external = check_references(site, pages)
    problems += check_hreflang(site, pages)
    problems += check_sitemap(site, pages)
    problems += check_stylesheets(site)
    problems = sorted(set(problems), key=lambda p: (p.file, p.message))
    count = sum(len(page.references) for page in pages.values())
    return Report(problems, len(pages), count, external)
