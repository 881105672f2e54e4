"""Build small fixture sites and check what mkdocs + our hooks generated."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from nyf.translations import blob_hash
from sitebuild import ROOT, BuildFailed, build_fixture

SITE_URL = "https://notyourfault.example.org/"


def page(title: str, body: str = "", source: str | None = None) -> str:
    meta = f"translation:\n  source: {source}\n  status: machine-assisted\n" if source else ""
    return f"---\ntitle: {title}\ndescription: {title}.\n{meta}---\n\n# {title}\n\n{body}\n"


ENGLISH_HOME = page("Home", "[About](about.md#why)")
HOME_HASH = blob_hash(ENGLISH_HOME.encode())
PAGES = {
    "en/index.md": ENGLISH_HOME,
    "en/about.md": page("About", "## Why {#why}\n\nText."),
    "cs/index.md": page("Domů", "[O nás](about.md#why)", HOME_HASH),
    "ar/index.md": page("الرئيسية", "[حول](about.md#why)", HOME_HASH),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("fixture"), PAGES)


def html_of(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def html_tag(text: str) -> str:
    return re.search(r"<html[^>]*>", text).group(0)


def alternates(text: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))


def test_generated_files(site: Path):
    for path in ["index.html", "about/index.html", "404.html", "sitemap.xml"]:
        assert (site / path).is_file(), path
    for code in ["cs", "de", "fr", "es", "pl", "uk", "ar"]:
        assert (site / code / "index.html").is_file(), code
        assert (site / code / "about/index.html").is_file(), code


@pytest.mark.parametrize(
    ("path", "lang", "direction"),
    [
        ("index.html", "en", "ltr"),
        ("cs/index.html", "cs", "ltr"),
        ("uk/about/index.html", "uk", "ltr"),
        ("ar/index.html", "ar", "rtl"),
        # A fallback page keeps the reader's language on <html>; its content is marked en.
        ("ar/about/index.html", "ar", "rtl"),
    ],
)
def test_html_lang_and_dir(site: Path, path: str, lang: str, direction: str):
    assert html_tag(html_of(site, path)) == f'<html lang="{lang}" dir="{direction}" class="no-js">'


def test_fallback_page_says_so_in_the_readers_language(site: Path):
    text = html_of(site, "cs/about/index.html")
    assert "Tato stránka zatím není přeložena do češtiny" in text
    assert '<div lang="en" dir="ltr">' in text
    # Not advertised as a translation; canonical is the English original.
    assert alternates(text) == {}
    assert f'<link rel="canonical" href="{SITE_URL}about/">' in text


def test_rtl_fallback_content_is_marked_ltr_english(site: Path):
    text = html_of(site, "ar/about/index.html")
    assert "لم تُترجم هذه الصفحة إلى العربية بعد" in text
    assert '<div lang="en" dir="ltr">' in text


def test_translated_page_has_absolute_hreflang_with_x_default(site: Path):
    expected = {
        "en": SITE_URL,
        "cs": f"{SITE_URL}cs/",
        "ar": f"{SITE_URL}ar/",
        "x-default": SITE_URL,
    }
    assert alternates(html_of(site, "index.html")) == expected
    assert alternates(html_of(site, "cs/index.html")) == expected
    assert "nyf-notice--fallback" not in html_of(site, "cs/index.html")


def test_sitemap_lists_only_real_translations(site: Path):
    sitemap = html_of(site, "sitemap.xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert sorted(locs) == sorted(
        [
            SITE_URL,
            f"{SITE_URL}about/",
            f"{SITE_URL}about/translation-status/",
            f"{SITE_URL}cs/",
            f"{SITE_URL}ar/",
            # The languages page is generated in every language.
            *[
                f"{SITE_URL}{prefix}languages/"
                for prefix in ("", "cs/", "de/", "fr/", "es/", "pl/", "uk/", "ar/")
            ],
        ]
    )
    assert f"<loc>{SITE_URL}de/</loc>" not in sitemap
    assert 'hreflang="x-default"' in sitemap


def test_404_serves_every_language(site: Path):
    text = html_of(site, "404.html")
    assert html_tag(text).startswith('<html lang="en" dir="ltr"')
    for lang, message in [
        ("en", "This page does not exist."),
        ("cs", "Tato stránka neexistuje."),
        ("ar", "هذه الصفحة غير موجودة."),
    ]:
        assert re.search(rf'<li lang="{lang}" dir="(ltr|rtl)">\s*<p>{message}', text), lang
    # Links work from any depth: they are root-relative.
    assert '<a href="/cs/" hreflang="cs">' in text


@pytest.mark.parametrize(("code", "direction"), [("cs", "ltr"), ("ar", "rtl")])
def test_each_language_has_its_own_404_page_with_its_message_first(site: Path, code, direction):
    """For hosts that serve a 404 page per folder (Netlify, Cloudflare Pages, nginx)."""
    text = html_of(site, f"{code}/404.html")
    assert html_tag(text).startswith(f'<html lang="{code}" dir="{direction}"')
    assert re.findall(r'<li lang="([a-z]+)"', text)[0] == code
    assert "/assets/stylesheets/site." in text  # root-relative, as at the root


IRISH = (
    (ROOT / "data/languages.yml").read_text(encoding="utf-8")
    + """
  - code: gd
    locale: gd
    material: en
    hreflang: gd
    name: Gàidhlig
    dir: ltr
    search: null
    published: true
    exit_url: https://www.met.ie/
"""
)


def test_language_that_material_lacks_builds_with_one_registry_entry(tmp_path: Path):
    pages = {**PAGES, "gd/index.md": page("Baile", "[Faoi](about.md#why)", HOME_HASH)}
    site = build_fixture(tmp_path, pages, registry=IRISH)
    text = html_of(site, "gd/index.html")
    assert html_tag(text) == '<html lang="gd" dir="ltr" class="no-js">'
    assert alternates(text)["gd"] == f"{SITE_URL}gd/"
    # Irish has no catalog yet: the fallback notice is in English, not missing.
    assert "has not been translated" in html_of(site, "gd/about/index.html")
    # Its own search index: its pages, matched without a stemmer (lunr.js has none).
    index = json.loads(html_of(site, "gd/search/search_index.json"))
    assert index["config"]["lang"] == []
    assert {doc["location"] for doc in index["docs"]} >= {"gd/", "gd/about/", "gd/about/#why"}
    assert all(doc["location"].startswith("gd/") for doc in index["docs"])


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # A link to a page that does not exist.
        ({"en/index.md": "# Home\n\n[x](missing.md)\n"}, "missing.md"),
        # A link to an anchor that does not exist.
        (
            {"en/index.md": "# Home\n\n[x](about.md#nope)\n", "en/about.md": "# About\n"},
            "#nope",
        ),
    ],
)
def test_broken_links_and_anchors_fail_the_build(tmp_path: Path, pages, expected):
    with pytest.raises(BuildFailed, match=re.escape(expected)):
        build_fixture(tmp_path, pages)


def test_bad_registry_fails_the_build_with_one_message(tmp_path: Path):
    with pytest.raises(BuildFailed) as raised:
        build_fixture(
            tmp_path,
            PAGES,
            registry=IRISH.replace("dir: ltr\n    search: null", "dir: up\n    search: null"),
        )
    output = str(raised.value)
    assert "data/languages.yml:" in output and "found 'up', expected ltr or rtl" in output
    assert "Traceback" not in output


def test_site_name_and_title_per_language(site: Path):
    # The registry names the site in each language.
    assert "<title>Domů - Není to tvoje vina</title>" in html_of(site, "cs/index.html")
    assert "<title>Home - Not Your Fault</title>" in html_of(site, "index.html")
    assert "<title>About - Nicht deine Schuld</title>" in html_of(site, "de/about/index.html")


def test_a_page_titled_with_the_site_name_gets_it_once(site_dir: Path):
    assert "<title>Not Your Fault</title>" in html_of(site_dir, "index.html")


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("index.html", "languages/?p="),
        ("about/index.html", "../languages/?p=about/"),
        ("cs/about/index.html", "../languages/?p=about/"),
        ("ar/index.html", "languages/?p="),
    ],
)
def test_language_button_leads_to_the_list_with_this_page(site: Path, path: str, button: str):
    text = html_of(site, path)
    assert re.search(r'<a href="([^"]*)" class="md-header__button md-icon"', text).group(1) == (
        button
    )
    assert "md-select__link" not in text  # no language names in every page


def test_languages_page_lists_every_language_in_its_own_language(site: Path):
    text = html_of(site, "cs/languages/index.html")
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)" dir="(\w+)">', text)
    codes = [code for _, code, _, _ in links]
    assert codes[0] == "en" and "cs" in codes and "ar" in codes
    assert ("/ar/", "ar", "ar", "rtl") in links
    assert '<script src="/assets/javascripts/languages.js"></script>' in text
    assert (site / "assets/javascripts/languages.js").is_file()
    assert f"<loc>{SITE_URL}cs/languages/</loc>" in html_of(site, "sitemap.xml")
