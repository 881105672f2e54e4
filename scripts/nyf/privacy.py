"""Find anything in a built site that would make the browser contact another host.

A reader may be watched; a request to a font CDN or an analytics host tells a
third party that someone opened this page. Navigation links to other sites are
fine (the reader chooses to follow them); assets are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

#: Elements and attributes that the browser fetches by itself.
_FETCHED = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href",),
    "use": ("href",),
}
#: <link rel> values that make the browser fetch or connect.
_FETCHING_RELS = {
    "stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
    "modulepreload", "manifest", "apple-touch-icon", "shortcut", "mask-icon",
}  # fmt: skip
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
# Material's stylesheet carries licence comments with URLs; they fetch nothing.
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SVG_NAMESPACE = "http://www.w3.org/"


@dataclass(frozen=True)
class ExternalAsset:
    file: str
    what: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what} loads {self.url} from another host"


def is_external(url: str) -> bool:
    return bool(_EXTERNAL.match(url)) and not url.strip().startswith(_SVG_NAMESPACE)


class _AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & _FETCHING_RELS and is_external(values.get("href", "")):
                self.found.append((f"<link rel={values.get('rel')}>", values["href"]))
        for name in _FETCHED.get(tag, ()):
            for url in values.get(name, "").split(","):
                url = url.strip().split(" ")[0]
                if url and is_external(url):
                    self.found.append((f"<{tag} {name}>", url))
        if "style" in values:
            self.found.extend((f"<{tag} style>", url) for url in css_external_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found.extend(("<style>", url) for url in css_external_urls(data))


def css_external_urls(css: str) -> list[str]:
    css = _CSS_COMMENT.sub("", css)
    urls = [a or b for a, b in _CSS_URL.findall(css)]
    return [url for url in urls if is_external(url)]


def html_external_assets(html: str) -> list[tuple[str, str]]:
    parser = _AssetParser()
    parser.feed(html)
    return parser.found


def scan_site(site: Path) -> Iterator[ExternalAsset]:
    """Every asset reference to another host in the built site's HTML and CSS."""
    for path in sorted(site.rglob("*")):
        name = str(path.relative_to(site))
        if path.suffix == ".html":
            for what, url in html_external_assets(path.read_text(encoding="utf-8")):
                yield ExternalAsset(name, what, url)
        elif path.suffix == ".css":
            for url in css_external_urls(path.read_text(encoding="utf-8")):
                yield ExternalAsset(name, "url()", url)
