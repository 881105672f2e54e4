"""The Czech edition (editions/cz.yml) as built: Czech at the root, English under /en/.

One strict build of the edition for the session (the ``cz_site_dir`` fixture);
``make build EDITION=editions/international.yml`` is compared with the site
``make build`` makes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from nyf import edition as ed
from nyf.languages import REGISTRY_FILE, load_registry

ROOT = Path(__file__).resolve().parents[1]
CZ = ed.load_edition(ROOT / "editions/cz.yml", load_registry(REGISTRY_FILE), ROOT, {"CZ"} | {"INT"})
BASE = CZ.site_url


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def html_tag(text: str) -> str:
    return re.search(r"<html\b[^>]*>", text).group(0)


def alternates(text: str) -> dict[str, str]:
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text)
    return dict(found)


def test_czech_is_at_the_root_and_english_under_en(cz_site_dir):
    assert 'lang="cs"' in html_tag(read(cz_site_dir, "index.html"))
    assert 'lang="en"' in html_tag(read(cz_site_dir, "en/index.html"))
    assert 'lang="uk"' in html_tag(read(cz_site_dir, "uk/index.html"))
    assert (cz_site_dir / "en/help-now/index.html").is_file()
    assert not (cz_site_dir / "cs").exists()
    # Only the edition's languages are built.
    assert not (cz_site_dir / "de").exists()


def test_hreflang_and_x_default_follow_the_edition(cz_site_dir):
    links = alternates(read(cz_site_dir, "help-now/index.html"))
    assert links == {
        "cs": BASE + "help-now/",
        "en": BASE + "en/help-now/",
        "uk": BASE + "uk/help-now/",
        "x-default": BASE + "help-now/",
    }
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', read(cz_site_dir, "index.html"))
    assert canonical.group(1) == BASE


def test_sitemap_lists_the_czech_pages_with_their_translations(cz_site_dir):
    sitemap = read(cz_site_dir, "sitemap.xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert BASE in locs and BASE + "help-now/" in locs and BASE + "en/help-now/" in locs
    entry = sitemap[sitemap.index(f"<loc>{BASE}help-now/</loc>") :].split("</url>")[0]
    assert f'hreflang="en" href="{BASE}en/help-now/"' in entry
    assert f'hreflang="x-default" href="{BASE}help-now/"' in entry


def test_czech_helplines_come_first(cz_site_dir):
    directory = read(cz_site_dir, "helplines/index.html")
    first = re.search(r'<ul class="nyf-country-list">\s*<li><a href="([^"]+)"', directory)
    assert first.group(1) == "cz/"
    page = read(cz_site_dir, "index.html")
    options = re.findall(r'<option value="([A-Z]*)"', page)
    assert options[:2] == ["", "CZ"]
    # The boxes show the edition's country without a choice (00-base.js reads it).
    assert 'data-nyf-country="CZ"' in html_tag(page)


def test_name_logo_colours_and_publisher(cz_site_dir):
    page = read(cz_site_dir, "index.html")
    assert "<title>Není to tvoje vina</title>" in page
    assert 'fill="#1d4f91"' in page  # the logo, inline
    assert "Example Safer Internet Centre (fictional example)" in page
    assert 'href="https://www.example.org/imprint"' in page
    css = next((cz_site_dir / "assets/stylesheets").glob("site.*.css")).read_text("utf-8")
    assert "--md-primary-fg-color:#1d4f91" in css
    assert 'href="https://www.chmi.cz/"' in page  # the quick exit


def built_page(page: str) -> str:
    """docs/en/<page> -> its index.html under a language's folder."""
    return (
        "index.html"
        if page == "index.md"
        else page.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/index.html"
    )


def test_untranslated_page_is_the_english_one_with_the_notice(cz_site_dir):
    missing = [
        page
        for path in (ROOT / "docs/en").rglob("*.md")
        if not (
            cz_site_dir / "uk" / built_page(page := path.relative_to(ROOT / "docs/en").as_posix())
        ).exists()
    ]
    assert not missing, "every English page has a Ukrainian page (or its stand-in)"
    sitemap = read(cz_site_dir, "sitemap.xml")
    standins = [
        page
        for page in sorted(cz_site_dir.glob("uk/**/index.html"))
        if "nyf-notice--fallback" in page.read_text("utf-8")
    ]
    if not standins:
        pytest.skip("every page is translated into Ukrainian")
    text = standins[0].read_text("utf-8")
    url = standins[0].parent.relative_to(cz_site_dir / "uk").as_posix()
    assert not alternates(text), "a stand-in is not advertised as a translation"
    assert f"<loc>{BASE}uk/{url}/</loc>" not in sitemap
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
    assert canonical == BASE + f"en/{url}/"
    assert '<div lang="en" dir="ltr">' in text


def test_hosting_files_follow_the_edition(cz_site_dir):
    redirects = read(cz_site_dir, "_redirects")
    assert "/en/* /en/404.html 404" in redirects
    assert "/cs/*" not in redirects
    nginx = read(cz_site_dir, "nginx.conf")
    assert "error_page 404 /404.html;" in nginx
    assert "location /en/ { error_page 404 /en/404.html; }" in nginx
    assert "server_name cz.notyourfault.example.org;" in nginx
    assert 'lang="cs"' in html_tag(read(cz_site_dir, "404.html"))
    assert 'lang="en"' in html_tag(read(cz_site_dir, "en/404.html"))


def test_search_indexes_follow_the_edition(cz_site_dir):
    root_index = json.loads(read(cz_site_dir, "search/search_index.json"))
    locations = [doc["location"] for doc in root_index["docs"]]
    assert "help-now/" in locations
    assert not any(location.startswith("en/") for location in locations)
    english = json.loads(read(cz_site_dir, "en/search/search_index.json"))
    assert all(doc["location"].startswith("en/") for doc in english["docs"])


def test_international_edition_is_the_site_as_it_is():
    """editions/international.yml changes nothing: the same registry, address and theme.

    (Its build was byte-identical to the plain build when this was written; that
    check took four minutes at thirty languages, so the inputs are compared.)
    """
    import yaml

    registry = load_registry(REGISTRY_FILE)
    countries = {p.stem for p in (ROOT / "data" / "helplines").glob("[A-Z][A-Z].yml")}
    edition = ed.load_edition(ROOT / "editions/international.yml", registry, ROOT, countries)
    assert ed.apply_to_registry(registry, edition) == registry
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert edition.site_url == config["site_url"]
    # Nothing for the templates to add: no logo, colours, publisher or country.
    assert (edition.logo_svg, edition.colours, edition.publisher) == (None, {}, None)
    assert edition.default_country is None
