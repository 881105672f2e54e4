"""Find anything in a built site that would make the browser contact another host.

A reader may be watched; a request to a font CDN or an analytics host tells a
third party that someone opened this page. Navigation links to other sites are
fine (the reader chooses to follow them); assets are not, nor are the requests
a page makes later (the deferred theme scripts, Material's search worker).
Reads the one model of a built site (nyf.builtsite).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nyf.builtsite import css_references, load_site, parse_page

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
#: SVG and XHTML namespace URIs name a vocabulary; nothing fetches them.
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


def css_external_urls(css: str) -> list[str]:
    return [url for url in css_references(css) if is_external(url)]


def html_external_assets(html: str) -> list[tuple[str, str]]:
    """(element, URL) of every request to another host that the page makes."""
    return [
        (ref.element, ref.url)
        for ref in parse_page("", html).references
        if ref.fetched and is_external(ref.url)
    ]


def scan_site(site: Path) -> Iterator[ExternalAsset]:
    """Every asset reference to another host in the built site's HTML and CSS."""
    model = load_site(site)
    for name in sorted([*model.pages, *model.stylesheets], key=lambda path: path.split("/")):
        if name in model.pages:
            for ref in model.pages[name].references:
                if ref.fetched and is_external(ref.url):
                    yield ExternalAsset(name, ref.element, ref.url)
        else:
            for url in model.stylesheets[name].urls:
                if is_external(url):
                    yield ExternalAsset(name, "url()", url)
