"""The one model of a built site: its files, pages, links, assets, ids and CSS references.

Read by the link checker (nyf.linkcheck), the privacy check (nyf.privacy) and
the performance budget (scripts/perf_budget.py), so that each HTML file is
parsed once, by one parser, and every check agrees on what a page refers to.

Each HTML file is read once with the stdlib's html.parser (in parallel when
there are many) into a frozen ``Page``: its ``lang`` and ``dir``, ids, and
every ``Reference`` it makes, with the kind of request it causes:

- ``<a href>`` links, ``<link rel=alternate hreflang>`` alternates and the
  canonical, ``<meta http-equiv=refresh>`` (a redirect stub, as
  nyf.redirects writes them);
- fetched assets: stylesheets, scripts, icons, images (eager or lazy), media,
  frames, and ``url()``/``@import`` in ``<style>`` and ``style=""``;
- requests made later, not on first view: the placeholders
  ``script[data-nyf-deferred-src]``, ``script[data-nyf-deferred-stylesheet]``
  and the search's ``data-nyf-search-index`` and ``data-nyf-search-worker``
  (partials/deferred-requests.html), and the paths in Material's ``#__config``
  JSON (the search worker, the site base).

Each CSS file is read once into its ``url()`` and ``@import`` references. URLs
resolve the way a static host serves the site (``dir/`` → ``dir/index.html``).

The PDFs that ``print/pdfs.json`` lists (written by the build, printed by a
separate `make print`) count as files of the site, printed or not: a link to
a listed PDF is good, a link to any other PDF is broken.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar
from urllib.parse import unquote, urljoin, urlsplit

#: Below this many pages, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
#: Keys of Material's #__config JSON that hold a path of the site: "base" is
#: the site root the theme's scripts resolve against, "search" its worker.
CONFIG_PATH_KEYS = ("base", "search")
#: Keys of #__config whose path the browser fetches (the worker, on a search).
CONFIG_FETCHED_KEYS = frozenset({"search"})
#: <link rel> values that make the browser fetch or connect (privacy).
FETCHING_RELS = frozenset(
    {
        "stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
        "modulepreload", "manifest", "apple-touch-icon", "shortcut", "mask-icon",
    }
)  # fmt: skip
#: <link rel> values fetched while the page first renders (performance budget).
FIRST_VIEW_RELS = frozenset(
    {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
)
#: The class of the notice above a page shown in English under another language.
FALLBACK_NOTICE_CLASS = "nyf-notice--fallback"
#: Schemes that are not fetched documents (nothing to check offline).
_SKIPPED_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "data:", "blob:", "about:")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# A quoted url() may hold spaces and the other quote (data: SVGs); @import may
# name its file without url().
_CSS_REFERENCE = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]+))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s]+)", re.IGNORECASE)
#: Where a site's own host is replaced while resolving (any reserved name works).
_LOCAL_HOST = "site.invalid"


@dataclass(frozen=True)
class Reference:
    """One URL a page names, and what the browser does with it."""

    kind: str  # link, image, stylesheet, script, icon, alternate, canonical, refresh, style, ...
    url: str
    element: str  # where the page names it: '<img src>', '<link rel=icon>', '<div style>'
    hreflang: str | None = None
    fetched: bool = False  # the browser requests it without the reader following a link
    first_view: bool = False  # ...and while the page first renders (eager, one icon)

    @property
    def label(self) -> str:
        """How a message names it: ``image a.png``, ``<style> url(a.png)``."""
        if self.kind == "style":
            return f"{self.element} url({self.url})"
        if self.kind == "config":
            return f"{self.element} {self.url}"
        return f"{self.kind} {self.url}"


@dataclass(frozen=True)
class Page:
    """What one HTML file of the built site holds."""

    path: str  # site-relative, POSIX: 'cs/help-now/index.html'
    lang: str | None
    dir: str | None
    ids: frozenset[str]
    references: tuple[Reference, ...]
    fallback_notice: bool = False  # the "not translated yet" notice is shown
    content_lang: str | None = None  # the lang of the fallback's content wrapper
    noindex: bool = False  # <meta name="robots" content="noindex">
    config_error: str | None = None  # #__config is not valid JSON

    @property
    def canonical(self) -> str | None:
        return next((r.url for r in self.references if r.kind == "canonical"), None)

    @property
    def alternates(self) -> list[Reference]:
        return [r for r in self.references if r.kind == "alternate" and r.hreflang]

    @property
    def redirect_to(self) -> str | None:
        """The URL of ``<meta http-equiv="refresh">``: set on redirect stubs only."""
        return next((r.url for r in self.references if r.kind == "refresh"), None)

    @property
    def is_redirect(self) -> bool:
        return self.redirect_to is not None

    def first_view(self) -> list[Reference]:
        return [r for r in self.references if r.first_view]


@dataclass(frozen=True)
class Stylesheet:
    path: str
    urls: tuple[str, ...]  # url() and @import, comments removed


def css_references(css: str) -> list[str]:
    """Every url() and @import of a stylesheet, in order, outside comments."""
    css = _CSS_COMMENT.sub("", css)
    return [next(g for g in groups if g) for groups in _CSS_REFERENCE.findall(css) if any(groups)]


def _srcset_urls(srcset: str) -> list[str]:
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


class _PageParser(HTMLParser):
    """Collects one page's ids and references; one instance per file."""

    #: element -> (attribute, kind) pairs that refer to another resource.
    _ATTRIBUTES: ClassVar[dict[str, tuple[tuple[str, str], ...]]] = {
        "a": (("href", "link"),),
        "area": (("href", "link"),),
        "img": (("src", "image"), ("srcset", "image")),
        "source": (("src", "media"), ("srcset", "image")),
        "script": (("src", "script"),),
        "iframe": (("src", "frame"),),
        "frame": (("src", "frame"),),
        "video": (("src", "media"), ("poster", "image")),
        "audio": (("src", "media"),),
        "track": (("src", "media"),),
        "object": (("data", "object"),),
        "embed": (("src", "object"),),
        "input": (("src", "image"),),
        "image": (("href", "image"),),
        "use": (("href", "use"),),
    }
    #: (element, attribute) pairs fetched while the page first renders, unless lazy.
    _FIRST_VIEW = frozenset({("img", "src"), ("script", "src"), ("video", "poster")})
    #: Kinds of the table above that are navigation, not requests.
    _NAVIGATION = frozenset({"link"})
    #: Deferred placeholders (partials/deferred-requests.html) -> kind.
    _DEFERRED = (
        ("data-nyf-deferred-src", "deferred-script"),
        ("data-nyf-deferred-stylesheet", "deferred-stylesheet"),
        ("data-nyf-search-index", "deferred-data"),
        ("data-nyf-search-worker", "deferred-script"),
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.dir: str | None = None
        self.ids: set[str] = set()
        self.refs: list[Reference] = []
        self.fallback_notice = False
        self.content_lang: str | None = None
        self.noindex = False
        self.config_error: str | None = None
        self._icon_seen = False
        self._text_of: str | None = None  # "style" or "config" while inside one
        self._text: list[str] = []

    def _add(self, kind: str, url: str, element: str, **flags) -> None:
        self.refs.append(Reference(kind, url, element, **flags))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if tag == "html":
            self.lang, self.dir = values.get("lang"), values.get("dir")
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if FALLBACK_NOTICE_CLASS in values.get("class", "").split():
            self.fallback_notice = True
        elif self.fallback_notice and self.content_lang is None and "lang" in values:
            self.content_lang = values["lang"]
        if "style" in values:
            for url in css_references(values["style"]):
                self._add("style", url, f"<{tag} style>", fetched=True, first_view=True)
        if tag == "link":
            self._link(values)
        elif tag == "meta":
            self._meta(values)
        elif tag == "style":
            self._text_of, self._text = "style", []
        elif tag == "script":
            if values.get("id") == "__config":
                self._text_of, self._text = "config", []
            for attribute, kind in self._DEFERRED:
                if values.get(attribute):
                    self._add(kind, values[attribute], f"<script {attribute}>", fetched=True)
        for attribute, kind in self._ATTRIBUTES.get(tag, ()):
            value = values.get(attribute)
            if value is None:
                continue
            fetched = kind not in self._NAVIGATION
            eager = (tag, attribute) in self._FIRST_VIEW and bool(value)
            eager = eager and values.get("loading") != "lazy"
            urls = _srcset_urls(value) if attribute == "srcset" else [value]
            for url in urls:
                self.refs.append(
                    Reference(
                        kind, url, f"<{tag} {attribute}>", values.get("hreflang"), fetched, eager
                    )
                )

    handle_startendtag = handle_starttag

    def _link(self, values: dict[str, str]) -> None:
        if "href" not in values:
            return
        rel = values.get("rel", "")
        names = rel.lower().split()
        rels = set(names)
        kind = next(
            (k for k in ("stylesheet", "icon", "canonical", "alternate") if k in rels),
            names[0] if names else "link-element",
        )
        first_view = bool(rels & FIRST_VIEW_RELS) and bool(values["href"])
        if "icon" in rels and first_view:
            first_view = not self._icon_seen  # a browser fetches one icon
            self._icon_seen = True
        self.refs.append(
            Reference(
                kind,
                values["href"],
                f"<link rel={rel}>",
                values.get("hreflang"),
                fetched=bool(rels & FETCHING_RELS),
                first_view=first_view,
            )
        )

    def _meta(self, values: dict[str, str]) -> None:
        if values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content", ""))
            if match:
                self._add("refresh", match.group(1), "<meta http-equiv=refresh>")
        if values.get("name", "").lower() == "robots":
            self.noindex = "noindex" in values.get("content", "").lower()

    def handle_data(self, data: str) -> None:
        if self._text_of is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._text_of == "style" and tag == "style":
            for url in css_references("".join(self._text)):
                self._add("style", url, "<style>", fetched=True, first_view=True)
        elif self._text_of == "config" and tag == "script":
            self._config("".join(self._text))
        self._text_of = None

    def _config(self, text: str) -> None:
        try:
            config = json.loads(text)
        except ValueError as error:
            self.config_error = f"#__config: found text that is not JSON ({error}), expected JSON"
            return
        if not isinstance(config, dict):
            self.config_error = f"#__config: found {type(config).__name__}, expected an object"
            return
        for key in CONFIG_PATH_KEYS:
            value = config.get(key)
            if isinstance(value, str):
                self._add("config", value, f'#__config "{key}"', fetched=key in CONFIG_FETCHED_KEYS)


def parse_page(path: str, text: str) -> Page:
    """The model of one HTML page (``path`` is site-relative)."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return Page(
        path,
        parser.lang,
        parser.dir,
        frozenset(parser.ids),
        tuple(parser.refs),
        parser.fallback_notice,
        parser.content_lang,
        parser.noindex,
        parser.config_error,
    )


def _read(root: str, path: str) -> str:
    with open(os.path.join(root, path), encoding="utf-8", errors="replace") as handle:
        return handle.read()


def _parse_file(args: tuple[str, str]) -> Page:
    root, path = args
    return parse_page(path, _read(root, path))


def list_files(site_dir: Path) -> set[str]:
    """Every file of the site, as a POSIX path relative to ``site_dir``."""
    found = set()
    root = str(site_dir)
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found.update(prefix + name for name in names)
    return found


def promised_files(site_dir: Path) -> set[str]:
    """The PDFs that print/pdfs.json lists, as paths relative to ``site_dir``."""
    listing = site_dir / "print" / "pdfs.json"
    if not listing.is_file():
        return set()
    return {url.lstrip("/") for url in json.loads(listing.read_text("utf-8")).get("pdfs", [])}


def parse_pages(site_dir: Path, html_files: Iterable[str]) -> dict[str, Page]:
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
    """A reference resolved against the site: the file path it names and its fragment."""

    path: str | None  # site-relative path, or None when it leaves the site
    fragment: str
    external: bool


@functools.lru_cache(maxsize=8)
def _origin_and_base(site_url: str) -> tuple[str | None, str]:
    """``https://example.org/nyf`` → (``https://example.org``, ``/nyf/``); parsed once."""
    parts = urlsplit(site_url)
    origin = f"{parts.scheme}://{parts.netloc}".lower() if parts.netloc else None
    return origin, parts.path if parts.path.endswith("/") else parts.path + "/"


def resolve_url(page_path: str, url: str, site_url: str = "/") -> Resolved | None:
    """Resolve ``url`` as written in ``page_path``; None for non-document schemes.

    ``site_url`` gives the site's origin (absolute URLs on it are internal) and
    base path; with the default "/", the site is served at the root.
    """
    origin, base_path = _origin_and_base(site_url)
    url = url.strip()
    lowered = url.lower()
    if not url or lowered.startswith(_SKIPPED_SCHEMES):
        return None
    if origin and (lowered.startswith(origin + "/") or lowered == origin):
        url = url[len(origin) :] or "/"
    elif lowered.startswith(("http://", "https://", "//")):
        return Resolved(None, "", external=True)
    elif re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        return None  # another scheme (ftp:, geo:...): not ours to check offline
    joined = urlsplit(urljoin(f"http://{_LOCAL_HOST}{base_path}{page_path}", url))
    fragment = unquote(joined.fragment)
    if joined.netloc != _LOCAL_HOST or not joined.path.startswith(base_path):
        return Resolved(None, fragment, external=False)
    return Resolved(unquote(joined.path[len(base_path) :]), fragment, external=False)


@dataclass(frozen=True)
class BuiltSite:
    """A built site: every file, every page's model, every stylesheet's references."""

    dir: Path
    site_url: str
    files: frozenset[str]
    pages: Mapping[str, Page]
    stylesheets: Mapping[str, Stylesheet]

    def resolve(self, page_path: str, url: str) -> Resolved | None:
        return resolve_url(page_path, url, self.site_url)

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

    def page_of(self, from_path: str, url: str) -> str | None:
        """The file that ``url``, written in ``from_path``, serves; None when none."""
        resolved = self.resolve(from_path, url)
        if resolved is None or resolved.path is None:
            return None
        return self.target_file(resolved.path)


def load_site(site_dir: Path, site_url: str = "/") -> BuiltSite:
    """Read a built site once: every HTML page (in parallel) and every stylesheet."""
    files = list_files(site_dir) | promised_files(site_dir)
    pages = parse_pages(site_dir, (p for p in files if p.endswith(".html")))
    root = str(site_dir)
    stylesheets = {
        path: Stylesheet(path, tuple(css_references(_read(root, path))))
        for path in sorted(p for p in files if p.endswith(".css"))
    }
    return BuiltSite(
        site_dir,
        site_url,
        frozenset(files),
        MappingProxyType(pages),
        MappingProxyType(stylesheets),
    )
