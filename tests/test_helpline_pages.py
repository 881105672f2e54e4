"""The helpline directory in the site: rendering, sorting, the fixture site, open data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel import Locale
from jsonschema import Draft202012Validator
from nyf import helpline_pages, helplines
from sitebuild import build_fixture, make_project, run_mkdocs

TODAY = dt.date(2026, 11, 23)


def labels(locale: str = "en") -> helpline_pages.Labels:
    return helpline_pages.Labels(Locale.parse(locale), lambda text: text)


@pytest.mark.parametrize(
    ("language", "names", "expected"),
    [
        # Czech: č after c, ch after h, ř after r, š after s, accents on vowels are secondary.
        (
            "cs",
            [
                "Chorvatsko",
                "Česko",
                "Dánsko",
                "Cypr",
                "Řecko",
                "Rumunsko",
                "Island",
                "Švédsko",
                "Spojené státy",
            ],
            [
                "Cypr",
                "Česko",
                "Dánsko",
                "Chorvatsko",
                "Island",
                "Rumunsko",
                "Řecko",
                "Spojené státy",
                "Švédsko",
            ],
        ),
        # Polish: ł after l, ś after s.
        (
            "pl",
            ["Łotwa", "Luksemburg", "Litwa", "Szwecja", "Słowacja", "Śląsk"],
            ["Litwa", "Luksemburg", "Łotwa", "Słowacja", "Szwecja", "Śląsk"],
        ),
        # German: umlauts sort with their base letter.
        (
            "de",
            ["Österreich", "Norwegen", "Polen", "Ägypten", "Albanien"],
            ["Ägypten", "Albanien", "Norwegen", "Österreich", "Polen"],
        ),
        # Ukrainian: і, ї, є, ґ inside the alphabet, not after я as in code-point order.
        (
            "uk",
            ["Ірландія", "Японія", "Естонія", "Італія", "Гренландія", "Ґвінея"],
            ["Гренландія", "Ґвінея", "Естонія", "Ірландія", "Італія", "Японія"],
        ),
        # Spanish: ñ after n.
        ("es", ["Ñandú", "Noruega", "Omán"], ["Noruega", "Ñandú", "Omán"]),
    ],
)
def test_countries_sort_the_way_the_language_sorts(language, names, expected):
    assert sorted(names, key=lambda n: helpline_pages.collation_key(n, language)) == expected


def test_country_names_in_the_readers_language():
    codes = ["CZ", "DE", "AT"]
    assert helpline_pages.sorted_country_codes(codes, Locale.parse("cs")) == ["CZ", "DE", "AT"]
    assert helpline_pages.sorted_country_codes(codes, Locale.parse("en")) == ["AT", "CZ", "DE"]


@pytest.mark.parametrize(
    ("locale", "hours", "expected"),
    [
        ("en", {"always": True}, ["Open 24 hours a day, every day"]),
        (
            "en",
            {
                "weekly": [
                    {"days": ["mon", "tue", "wed", "thu", "fri"], "open": "09:00", "close": "20:00"}
                ]
            },
            ["Monday–Friday: 9:00\u202fAM–8:00\u202fPM"],
        ),
        (
            "de",
            {"weekly": [{"days": ["mon", "wed", "thu"], "open": "10:00", "close": "12:00"}]},
            ["Montag, Mittwoch, Donnerstag: 10:00–12:00"],
        ),
        (
            "cs",
            {"weekly": [{"days": ["sat"], "open": "09:30", "close": "24:00"}]},
            ["sobota: 9:30–midnight"],
        ),
        (
            "fr",
            {"weekly": [{"days": list(helpline_pages.DAYS), "open": "09:00", "close": "23:00"}]},
            ["Every day: 09:00–23:00"],
        ),
    ],
)
def test_hours_in_the_readers_language(locale, hours, expected):
    assert labels(locale).hours(hours) == expected


@pytest.mark.parametrize(
    ("locale", "verified", "expected"),
    [
        ("en", "2025-04-30", "Last checked on April 30, 2025"),
        ("cs", "2025-04-30", "Last checked on 30. dubna 2025"),
        ("de", "2025-04", "Last checked on April 2025"),
        ("uk", "2026", "Last checked on 2026"),
    ],
)
def test_verified_date_in_the_readers_language(locale, verified, expected):
    assert labels(locale).verified(verified) == expected


def test_service_card_escapes_data_and_links_numbers():
    service = {
        "id": "cz-x",
        "kind": "child_helpline",
        "name": "<script>alert(1)</script>",
        "phones": [{"number": "116 111", "tel": "tel:116111", "region": "CZ", "short": True}],
        "verified": "2026",
    }
    html = helpline_pages.render_service(service, labels())
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<a class="nyf-tel" href="tel:116111" dir="ltr">116 111</a>' in html


def test_report_remove_only_on_the_uk_page():
    directory = helplines.load_directory(TODAY)
    international = directory.countries["INT"]
    gb = [s["id"] for s in helpline_pages.international_for("GB", international)]
    cz = [s["id"] for s in helpline_pages.international_for("CZ", international)]
    assert "int-report-remove" in gb
    assert "int-report-remove" not in cz
    assert "int-take-it-down" in cz


def test_get_help_data_is_small_and_complete():
    data = helpline_pages.get_help_data(helplines.load_directory(TODAY), labels("cs"))
    assert len(data["countries"]) == 36
    cz = next(c for c in data["countries"] if c["code"] == "CZ")
    assert cz["name"] == "Česko"
    assert cz["helplines"][0]["phones"] == [{"number": "116 111", "tel": "tel:116111"}]
    assert cz["emergency"] == [{"number": "112", "tel": "tel:112"}]
    assert len(json.dumps(data, ensure_ascii=False, separators=(",", ":"))) < 16_000


# A fixture site: our mkdocs.yml, overrides, hooks and the real helpline data.

PAGES = {
    "en/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nText.\n",
    "en/helplines/index.md": (
        "---\ntitle: Helplines\ndescription: Helplines.\n---\n\n# Helplines {#helplines}\n\n"
        "<!-- helplines:directory -->\n"
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("helplines"), PAGES)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_a_page_per_country_in_every_language(site: Path):
    codes = [c.lower() for c in helplines.load_directory(TODAY).countries if c != "INT"]
    assert len(codes) == 36
    for prefix in ("", "cs/", "de/", "ar/"):
        for code in codes:
            assert (site / f"{prefix}helplines/{code}/index.html").is_file(), prefix + code
    assert not (site / "helplines/int/index.html").exists()


def test_country_page_language_and_links(site: Path):
    html = read(site, "cs/helplines/cz/index.html")
    assert re.search(r'<html[^>]*lang="cs"', html)
    assert "Česko" in html
    assert 'href="tel:116111"' in html
    assert ">116 111</a>" in html
    assert 'href="https://www.linkabezpeci.cz"' in html
    arabic = read(site, "ar/helplines/cz/index.html")
    assert re.search(r'<html[^>]*dir="rtl"', arabic)
    assert 'dir="ltr">116 111</a>' in arabic


def test_directory_lists_countries_in_the_readers_order(site: Path):
    html = read(site, "cs/helplines/index.html")
    names = re.findall(r'<li><a href="[a-z]{2}/">([^<]+)</a></li>', html)
    assert len(names) == 36
    assert names.index("Česko") < names.index("Dánsko") < names.index("Chorvatsko")
    assert names.index("Francie") < names.index("Chorvatsko") < names.index("Irsko")
    # The list is marked Czech even inside the English fallback page.
    assert re.search(r'<div (?=[^>]*lang="cs")[^>]*>\s*<ul class="nyf-country-list">', html)
    assert "helplines:directory" not in html
    english = read(site, "helplines/index.html")
    names = re.findall(r'<li><a href="[a-z]{2}/">([^<]+)</a></li>', english)
    assert names[:3] == ["Australia", "Austria", "Belgium"]


def test_get_help_box_on_every_page(site: Path):
    home = read(site, "cs/index.html")
    box = re.search(r"<aside class=\"nyf-get-help.*?</aside>", home, re.S).group(0)
    assert 'data-nyf-get-help-src="helplines/get-help.json"' in box
    assert 'href="helplines/"' in box  # works without JavaScript
    deep = read(site, "cs/helplines/cz/index.html")
    assert 'data-nyf-get-help-src="../get-help.json"' in deep
    data = json.loads(read(site, "cs/helplines/get-help.json"))
    assert data["countries"][0]["name"] == "Austrálie"


def test_open_data_published_at_the_root(site: Path):
    data = json.loads(read(site, "helplines.json"))
    schema = json.loads(read(site, "helplines.schema.json"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert {c["code"] for c in data["countries"]} >= {"CZ", "NO", "INT"}
    assert not (site / "cs/helplines.json").exists()


def test_invalid_data_stops_the_build(tmp_path: Path):
    config = make_project(tmp_path, PAGES)
    bad = tmp_path / "data/helplines/CZ.yml"
    bad.write_text(bad.read_text(encoding="utf-8").replace('"116 111"', '"16 6 111"', 1), "utf-8")
    result = run_mkdocs(config, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/helplines/CZ.yml:" in output
    assert "did you mean 116 111?" in output
