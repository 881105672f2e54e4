"""No page makes the browser contact another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nyf.privacy import css_external_urls, html_external_assets, scan_site
from sitebuild import ROOT


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Google Fonts, the default of Material.
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', 1),
        # A preconnect already opens a connection.
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', 1),
        # A protocol-relative script.
        ('<script src="//cdn.example.com/x.js"></script>', 1),
        # An image in srcset.
        ('<img src="a.png" srcset="a.png 1x, https://x.example/b.png 2x">', 1),
        # An inline style.
        ("<div style=\"background:url('https://x.example/a.png')\"></div>", 1),
        # A <style> element with @import.
        ('<style>@import "https://x.example/a.css";</style>', 1),
        # A theme script held back until a search still loads from its host later.
        ('<script type="text/plain" data-nyf-deferred-src="https://cdn.example/b.js"></script>', 1),
        # Material's search worker named in its config JSON.
        (
            '<script id="__config" type="application/json">'
            '{"base": ".", "search": "https://cdn.example/worker.js"}</script>',
            1,
        ),
        # A navigation link to another site is not a request.
        ('<a href="https://www.childline.org.uk/">Childline</a>', 0),
        # Local assets are fine.
        ('<link rel="stylesheet" href="../assets/site.css"><script src="/a.js"></script>', 0),
        # An hreflang alternate is not fetched.
        ('<link rel="alternate" hreflang="cs" href="https://notyourfault.example.org/cs/">', 0),
    ],
)
def test_html_asset_detection(html: str, expected: int):
    assert len(html_external_assets(html)) == expected


def test_css_ignores_comments_and_svg_namespaces():
    css = "/* https://fontawesome.com */ a{background:url(\"data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'>\")}"
    assert css_external_urls(css) == []
    assert css_external_urls("a{background:url(https://x.example/a.png)}") == [
        "https://x.example/a.png"
    ]


def test_built_site_loads_nothing_from_another_host(site_dir: Path):
    problems = [str(found) for found in scan_site(site_dir)]
    assert problems == []


def test_every_page_has_a_content_security_policy(site_dir: Path):
    pages = list(site_dir.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # a redirect stub has nothing to protect
        assert "Content-Security-Policy" in text and "default-src 'self'" in text, page


def test_our_scripts_reference_no_other_host(site_dir: Path):
    text = (site_dir / "assets/javascripts/site.js").read_text(encoding="utf-8")
    assert re.findall(r"https?://[^\s'\"]+", text) == []


def test_no_cookies_or_analytics_configured():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "font: false" in config
    assert "analytics" not in config and "consent" not in config


def test_static_host_headers_carry_the_same_policy(site_dir: Path):
    headers = (site_dir / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self';" in headers
    assert "frame-ancestors 'none'" in headers and "Referrer-Policy: no-referrer" in headers
