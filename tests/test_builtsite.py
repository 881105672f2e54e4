"""The built-site model: what one parse of a page and a stylesheet finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from nyf.builtsite import css_references, load_site, parse_page


def refs(html: str) -> list[tuple[str, str, bool, bool]]:
    """(kind, url, fetched, first_view) of every reference of ``html``."""
    page = parse_page("index.html", html)
    return [(r.kind, r.url, r.fetched, r.first_view) for r in page.references]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # A link is navigation: never fetched by the browser on its own.
        ('<a href="help-now/">x</a>', [("link", "help-now/", False, False)]),
        # An eager image loads on first view; a lazy one later.
        ('<img src="a.png" alt="">', [("image", "a.png", True, True)]),
        ('<img src="a.png" loading="lazy" alt="">', [("image", "a.png", True, False)]),
        # srcset candidates are fetched, but not counted as first view (src is).
        (
            '<img srcset="a.png 1x, b.png 2x" alt="">',
            [("image", "a.png", True, False), ("image", "b.png", True, False)],
        ),
        # A browser fetches one icon.
        (
            '<link rel="icon" href="i.svg"><link rel="icon" href="i.png">',
            [("icon", "i.svg", True, True), ("icon", "i.png", True, False)],
        ),
        # Alternates and the canonical are not requests.
        (
            '<link rel="alternate" hreflang="cs" href="/cs/"><link rel="canonical" href="/">',
            [("alternate", "/cs/", False, False), ("canonical", "/", False, False)],
        ),
        # A preconnect opens a connection but fetches nothing on first view.
        (
            '<link rel="preconnect" href="//x.example">',
            [("preconnect", "//x.example", True, False)],
        ),
        # url() in a style attribute and in <style>, @import too.
        ('<p style="background:url(a.png)">', [("style", "a.png", True, True)]),
        (
            '<style>@import "b.css"; a{background:url("c d.png")}</style>',
            [("style", "b.css", True, True), ("style", "c d.png", True, True)],
        ),
        # The theme's scripts held back until a search load later, not on first view.
        (
            '<script type="text/plain" data-nyf-deferred-src="b.js"></script>'
            '<script type="text/plain" data-nyf-deferred-stylesheet="s.css"></script>',
            [
                ("deferred-script", "b.js", True, False),
                ("deferred-stylesheet", "s.css", True, False),
            ],
        ),
        # The language's search index and our search worker, fetched on a search.
        (
            '<script type="text/plain" data-nyf-search-index="cs/search/i.json" '
            'data-nyf-search-worker="w/nyf.js"></script>',
            [
                ("deferred-data", "cs/search/i.json", True, False),
                ("deferred-script", "w/nyf.js", True, False),
            ],
        ),
        # Material's config: the base is a folder, the search worker is fetched on a search.
        (
            '<script id="__config" type="application/json">'
            '{"base": "..", "search": "w.js", "version": null}</script>',
            [("config", "..", False, False), ("config", "w.js", True, False)],
        ),
        # A redirect stub's refresh.
        (
            '<meta http-equiv="refresh" content="0; url=/new/">',
            [("refresh", "/new/", False, False)],
        ),
    ],
)
def test_references_and_how_they_load(html: str, expected: list):
    assert refs(html) == expected


def test_page_facts():
    page = parse_page(
        "cs/x/index.html",
        '<html lang="cs" dir="ltr"><head><meta name="robots" content="noindex"></head><body>'
        '<a name="old"></a><h2 id="new">x</h2>'
        '<aside class="nyf-notice nyf-notice--fallback"></aside><div lang="en">y</div></body>',
    )
    assert (page.lang, page.dir, page.noindex) == ("cs", "ltr", True)
    assert page.ids == {"old", "new"}
    assert (page.fallback_notice, page.content_lang) == (True, "en")
    assert not page.is_redirect


def test_css_references_skip_comments():
    css = '/* url(gone.png) */ a{background:url(a.png)} @import url("b.css");'
    assert css_references(css) == ["a.png", "b.css"]


def test_load_site_reads_pages_and_stylesheets(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">a</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text("<p>", encoding="utf-8")
    (tmp_path / "a" / "s.css").write_text("b{background:url(../x.png)}", encoding="utf-8")
    site = load_site(tmp_path)
    assert sorted(site.pages) == ["a/index.html", "index.html"]
    assert site.stylesheets["a/s.css"].urls == ("../x.png",)
    assert site.page_of("index.html", "a/") == "a/index.html"
    assert site.page_of("index.html", "b/") is None
