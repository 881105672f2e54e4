"""A split page keeps its old anchors: nyf.part_anchors and the built sources page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nyf import part_anchors


@pytest.mark.parametrize(
    ("parent", "url", "expected"),
    [
        ("about/sources/", "about/sources/list-1/", True),
        ("uk/about/sources/", "uk/about/sources/list-2/", True),
        ("about/sources/", "about/sources/", False),  # the page itself
        ("about/sources/", "about/sources/a/b/", False),  # two levels down
        ("about/sources/", "about/privacy/", False),  # a neighbour
        ("", "about/", False),  # the home page has no parts
    ],
)
def test_is_part(parent, url, expected):
    assert part_anchors.is_part(parent, url) is expected


PARTS = {"about/sources/list-1/": ["source-1", "source-2"], "about/sources/list-2/": ["source-3"]}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (  # a span per id, in front of the first link to each part
            '<li><a href="list-1/">A</a></li><li><a href="list-2/">B</a></li>',
            '<li><span id="source-1"></span><span id="source-2"></span><a href="list-1/">A</a>'
            '</li><li><span id="source-3"></span><a href="list-2/">B</a></li>',
        ),
        (  # the first link to a part without an anchor (the list of parts)
            '<a href="list-2/#source-3">x</a> <a href="list-2/">y</a> <a href="list-2/">z</a>',
            '<a href="list-2/#source-3">x</a> <span id="source-3"></span><a href="list-2/">y</a>'
            ' <a href="list-2/">z</a>',
        ),
        (  # else the first link with one
            '<a href="list-2/#source-3">x</a> <a href="list-2/#source-3">y</a>',
            '<span id="source-3"></span><a href="list-2/#source-3">x</a>'
            ' <a href="list-2/#source-3">y</a>',
        ),
        (  # an id the page still has is not written twice
            '<h2 id="source-1">S</h2><a href="list-1/">A</a>',
            '<h2 id="source-1">S</h2><span id="source-2"></span><a href="list-1/">A</a>',
        ),
        (  # links elsewhere are left alone
            '<a href="../privacy/">P</a><a href="https://example.org/list-1/">E</a>',
            '<a href="../privacy/">P</a><a href="https://example.org/list-1/">E</a>',
        ),
    ],
)
def test_add_anchors(content, expected):
    assert part_anchors.add_anchors(content, "about/sources/", PARTS) == expected


@pytest.mark.parametrize("lang", ["", "uk/", "ar/"])
def test_built_sources_page_keeps_every_old_source_anchor(site_dir: Path, lang: str):
    index = (site_dir / lang / "about/sources/index.html").read_text(encoding="utf-8")
    for number in range(1, 45):
        match = re.search(
            rf'<span id="source-{number}"></span>(?:<span[^>]*></span>)*<a href="([^"]+)"', index
        )
        assert match, f"{lang}about/sources/: no anchor source-{number}"
        part = site_dir / lang / "about/sources" / match.group(1) / "index.html"
        assert f'id="source-{number}"' in part.read_text(encoding="utf-8"), (number, part)
