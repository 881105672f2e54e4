"""The helpline directory in the site: rendering, sorting, the fixture site, open data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel import Locale
from jsonschema import Draft202012Validator
from nyf import catalogs, collation, helpline_boxes, helpline_pages, helplines
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
    assert sorted(names, key=lambda n: collation.collation_key(n, language)) == expected


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
    ("locale", "service", "expected"),
    [
        # The newest dated source, not a check; and no check recorded.
        (
            "en",
            {"sources": [{"url": "u", "date": "2009-02-12"}, {"url": "u", "date": "2025-04"}]},
            ["Newest source: April 2025", "Not yet checked on the service's own website"],
        ),
        # Czech: a label and a date, no case for the date to agree with.
        (
            "cs",
            {"sources": [{"url": "u", "date": "2025-04-30"}]},
            ["Newest source: 30. dubna 2025", "Not yet checked on the service's own website"],
        ),
        # Undated sources are said to be undated, not dated by the year of the table.
        (
            "uk",
            {"sources": [{"url": "u"}]},
            ["The sources are undated", "Not yet checked on the service's own website"],
        ),
        # A recorded check: when and who.
        (
            "de",
            {
                "sources": [{"url": "u", "date": "2024"}],
                "checked": {"date": "2026-11-30", "by": "Saferinternet.at"},
            },
            [
                "Newest source: 2024",
                "Checked on the service's own website: 30. November 2026 (Saferinternet.at)",
            ],
        ),
    ],
)
def test_dates_say_what_they_are(locale, service, expected):
    assert labels(locale).provenance(service) == expected


@pytest.mark.parametrize(
    ("ages", "expected"),
    [
        ({"max": 17, "of": "image"}, "For images taken before the age of 18"),
        ({"min": 18, "of": "image"}, "Only for images taken at the age of 18 or older"),
        ({"max": 26, "of": "user"}, "For ages up to 26"),
        ({"min": 5, "max": 25, "of": "user"}, "For ages 5 to 25"),
    ],
)
def test_ages_say_whose_age(ages, expected):
    assert labels().ages(ages) == expected


HOSTILE = '<script>alert(1)</script>" onmouseover="x'


def hostile_service() -> dict:
    return {
        "id": "cz-x",
        "country": "CZ",
        "kind": "child_helpline",
        "audience": ["children"],
        "name": HOSTILE,
        "phones": [{"number": "116 111", "tel": "tel:116111", "region": "CZ", "short": True}],
        "website": 'https://example.org/" onmouseover="x',
        "caveats": ["many_calls_unanswered"],
        "checked": {"date": "2026-11-01", "by": HOSTILE},
        "sources": [{"url": 'https://example.org/"><script>x</script>', "quote": HOSTILE}],
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_service_card_escapes_hostile_values(language, monkeypatch):
    translated = helpline_pages.Labels(
        Locale.parse(language), catalogs.translations(language).gettext
    )
    # A hostile translation too: catalogs are data, escaped like the rest.
    monkeypatch.setattr(helpline_pages.Labels, "caveat", lambda self, code: HOSTILE)
    html = helpline_pages.render_service(hostile_service(), translated)
    assert "<script>" not in html
    assert '" onmouseover="x' not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x") == 3
    assert 'href="https://example.org/&quot; onmouseover=&quot;x"' in html
    assert '<a class="nyf-tel" href="tel:116111" dir="ltr">116 111</a>' in html


def test_card_has_no_duplicate_dt_and_shows_cost_per_number():
    service = {
        "id": "de-x",
        "country": "DE",
        "kind": "emergency",
        "audience": ["everyone"],
        "name": "110 / 112",
        "phones": [
            {"number": "110", "tel": "tel:110", "purpose": "police", "cost": "free"},
            {"number": "112", "tel": "tel:112", "purpose": "emergency"},
        ],
        "sources": [{"url": "https://example.org/"}],
    }
    html = helpline_pages.render_service(service, labels())
    assert html.count("<dt>") == len(set(re.findall(r"<dt>([^<]*)</dt>", html))) == 1
    assert html.count("<dd>") == 2
    assert "(police, free)" in html
    assert "(emergency)</span>" in html  # no cost claimed where no source states one


def test_caveats_are_shown_on_the_card():
    service = {**hostile_service(), "name": "X", "caveats": ["public_content_only"]}
    html = helpline_pages.render_service(service, labels())
    assert '<ul class="nyf-service__caveats"><li>It can act only on images' in html


def test_cross_border_services_follow_their_area():
    directory = helplines.load_directory(TODAY)
    international = directory.countries["INT"]
    gb = [s["id"] for s in helpline_pages.international_for("GB", international)]
    cz = [s["id"] for s in helpline_pages.international_for("CZ", international)]
    assert "int-report-remove" in gb
    assert "int-report-remove" not in cz
    assert {"int-take-it-down", "int-stopncii"} <= set(cz)


def test_us_only_services_are_not_listed_for_other_countries():
    directory = helplines.load_directory(TODAY)
    for code, country in directory.countries.items():
        ids = [s["id"] for s in country.services] + [
            s["id"] for s in helpline_pages.international_for(code, directory.countries["INT"])
        ]
        assert ("us-ncmec-cybertipline" in ids) == (code == "US"), code


def test_every_country_has_a_crisis_line_with_a_source():
    directory = helplines.load_directory(TODAY)
    for code, country in directory.countries.items():
        if code == "INT":
            continue
        line = helplines.crisis_line(country.services)
        assert line is not None, code
        assert line["sources"], code
        assert line.get("phones") or line.get("sms"), code


def _line(sid: str, kind: str, number: str, always: bool) -> dict:
    hours = {"always": True} if always else {"weekly": []}
    return {"id": sid, "kind": kind, "phones": [{"number": number}], "hours": hours}


@pytest.mark.parametrize(
    ("services", "expected"),
    [
        # A 24/7 child helpline before a 24/7 crisis line.
        (
            [
                _line("a", "crisis_line", "116 123", True),
                _line("b", "child_helpline", "116 111", True),
            ],
            "b",
        ),
        # A 24/7 crisis line before a child helpline open only in the day.
        (
            [
                _line("a", "child_helpline", "116 111", False),
                _line("b", "crisis_line", "0800 1", True),
            ],
            "b",
        ),
        # Among 24/7 crisis lines, 116 123.
        (
            [_line("a", "crisis_line", "0800 1", True), _line("b", "crisis_line", "116 123", True)],
            "b",
        ),
        # A line meant mainly for adults after one that is not.
        (
            [
                {**_line("a", "crisis_line", "116 123", True), "caveats": ["mainly_for_adults"]},
                _line("b", "crisis_line", "0800 1", True),
            ],
            "b",
        ),
        # A line without a number cannot be called.
        ([{"id": "a", "kind": "crisis_line", "website": "https://x"}], None),
    ],
)
def test_crisis_line_choice(services, expected):
    line = helplines.crisis_line(services)
    assert (line["id"] if line else None) == expected


# A fixture site: our mkdocs.yml, overrides, hooks and the real helpline data.

PAGES = {
    "en/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nText.\n",
    "en/help-now/index.md": (
        "---\ntitle: Help now\ndescription: Help now.\n---\n\n# Help now\n\n"
        "It is not your fault.\n\n<!-- helplines:first-screen -->\n\nSteps.\n\n"
        "<!-- helplines:crisis -->\n\nMore.\n\n<!-- helplines:crisis -->\n\n"
        "<!-- helplines:support-handout -->\n\n"
        "Not a marker: `<!-- helplines:crisis -->` in a sentence.\n"
    ),
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
    # One file per country in data/helplines/, besides international.yml.
    assert len(codes) == len(helplines.data_files()) - 1
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
    assert len(names) == len(helplines.data_files()) - 1  # every country, not international
    assert names.index("Česko") < names.index("Dánsko") < names.index("Chorvatsko")
    assert names.index("Francie") < names.index("Chorvatsko") < names.index("Irsko")
    # The list is marked Czech even inside the English fallback page.
    assert re.search(r'<div (?=[^>]*lang="cs")[^>]*>\s*<ul class="nyf-country-list">', html)
    assert "helplines:directory" not in html
    english = read(site, "helplines/index.html")
    names = re.findall(r'<li><a href="[a-z]{2}/">([^<]+)</a></li>', english)
    assert names[:3] == ["Albania", "Australia", "Austria"]


def test_new_countries_are_named_and_sorted_the_readers_way(site: Path):
    czech = re.findall(
        r'<li><a href="[a-z]{2}/">([^<]+)</a></li>', read(site, "cs/helplines/index.html")
    )
    # Č is a letter of its own in Czech: Černá Hora after Bosna a Hercegovina, before Dánsko.
    assert czech.index("Bosna a Hercegovina") < czech.index("Černá Hora") < czech.index("Dánsko")
    assert czech.index("Dánsko") < czech.index("Chorvatsko")
    assert {"Lichtenštejnsko", "Moldavsko", "Srbsko", "Turecko", "Gruzie"} <= set(czech)
    arabic = read(site, "ar/helplines/index.html")
    assert "الجبل الأسود" in arabic  # Montenegro, from Babel
    ukrainian = read(site, "uk/helplines/me/index.html")
    assert "Чорногорія" in ukrainian


def test_get_help_box_on_every_page(site: Path):
    home = read(site, "cs/index.html")
    box = re.search(r"<aside class=\"nyf-get-help.*?</aside>", home, re.S).group(0)
    assert 'data-nyf-hl-src="helplines/"' in box
    assert 'href="helplines/"' in box  # works without JavaScript
    assert '<option value="CZ">Česko</option>' in box  # the chooser is in the page
    assert "get-help.json" not in home  # nothing to fetch before a choice
    deep = read(site, "cs/helplines/cz/index.html")
    assert 'data-nyf-hl-src="../"' in deep
    data = json.loads(read(site, "cs/helplines/cz.json"))
    assert data["name"] == "Česko"
    assert data["crisis"]["phones"][0]["tel"] == "tel:116111"
    assert data["emergency"] == {"number": "112", "tel": "tel:112"}
    assert len(read(site, "cs/helplines/cz.json").encode()) < 6_000


def _boxes(html: str) -> list[str]:
    return re.findall(r"<(?:section|div|aside) class=\"nyf-hl .*?</(?:section|div|aside)>", html)


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_markers_become_boxes_in_every_language(site: Path, prefix: str):
    html = read(site, f"{prefix}help-now/index.html")
    assert "<!-- helplines:first-screen -->" not in html
    assert html.count('data-nyf-hl="first"') == 1
    assert html.count('data-nyf-hl="crisis"') == 2
    assert html.count('data-nyf-hl="handout"') == 1
    assert "<code>&lt;!-- helplines:crisis --&gt;</code>" in html  # inline: left alone
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids must be unique"
    names = re.findall(r'<(?:section|aside)[^>]*aria-labelledby="([^"]+)"', html)
    titles = [re.search(rf'id="{n}"[^>]*>([^<]+)<', html).group(1) for n in names]
    assert len(titles) == len(set(titles)), f"landmark names must be unique: {titles}"
    assert 'data-nyf-hl-src="../helplines/"' in html
    assert 'href="../helplines/"' in html  # without JavaScript: the directory


def test_boxes_obey_the_content_security_policy(site: Path):
    html = read(site, "help-now/index.html")
    boxes = re.findall(r"<(section|div|aside) [^>]*data-nyf-hl=.*?</\1>", html, re.S)
    assert len(boxes) == 5  # first-screen, two crisis, handout, get-help
    for box in boxes:
        assert "<script" not in box
        assert " style=" not in box
        assert not re.search(r"\son[a-z]+=", box)
        assert "javascript:" not in box


@pytest.mark.parametrize(
    ("kind", "budget"),
    [("first", 800), ("crisis", 600), ("handout", 800), ("report", 800), ("remove", 800)],
)
def test_boxes_are_small(kind: str, budget: int):
    html = helpline_boxes.render_box(kind, 1, labels(), [], "../helplines/", "../helplines/")
    assert len(html.encode()) < budget, len(html.encode())


@pytest.mark.parametrize(
    ("marker", "title"),
    [
        ("<!-- helplines:report -->", "Report it in your country"),
        ("<!-- helplines:remove -->", "Get images removed in your country"),
    ],
)
def test_report_and_remove_markers_become_their_boxes(marker, title):
    def render(kind: str, index: int) -> str:
        return helpline_boxes.render_box(
            kind, index, labels(), [{"code": "CZ", "name": "Czechia"}], 'x"/', 'x"/'
        )

    html = helpline_boxes.replace_markers(f"Text.\n\n{marker}\n\nMore.\n", render)
    assert f">{title}</h2>" in html
    assert '<option value="CZ">Czechia</option>' in html
    assert 'data-nyf-hl-src="x&quot;/"' in html  # every value escaped


def test_first_screen_box_and_get_help_box_are_named_differently():
    first = helpline_boxes.render_box("first", 1, labels(), [], "x/", "x/")
    assert 'aria-labelledby="nyf-hl-first-1"' in first
    assert ">Someone to talk to, now</h2>" in first


@pytest.mark.parametrize(
    ("code", "hotlines", "removal"),
    [
        # The US gets its CyberTipline; the UK Report Remove; everyone Take It Down.
        ("US", {"NCMEC CyberTipline"}, {"Take It Down", "StopNCII.org"}),
        ("GB", set(), {"Report Remove", "Take It Down", "StopNCII.org"}),
        ("CZ", {"STOPonline.cz"}, {"Take It Down", "StopNCII.org"}),
    ],
)
def test_country_data_for_the_boxes(code, hotlines, removal):
    data = helpline_boxes.country_data(helplines.load_directory(TODAY), code, labels())
    assert hotlines <= {h["name"] for h in data["hotline"]}
    assert "NCMEC CyberTipline" not in {h["name"] for h in data["hotline"]} or code == "US"
    assert removal <= {r["name"] for r in data["removal"]}
    if code != "GB":
        assert "Report Remove" not in {r["name"] for r in data["removal"]}


def test_country_pages_show_honest_dates_ltr_and_rtl(site: Path):
    english = read(site, "helplines/cz/index.html")
    assert "Last checked" not in english
    assert "Newest source: April 2025" in english
    assert "Not yet checked on the service&#x27;s own website" in english
    assert "free unless it says otherwise" not in english
    arabic = read(site, "ar/helplines/cz/index.html")
    assert re.search(r'<html[^>]*dir="rtl"', arabic)
    assert "Last checked" not in arabic
    newest = catalogs.translations("ar").gettext("Newest source: {date}")
    assert newest != "Newest source: {date}", "translated into Arabic"
    assert newest.format(date="أبريل 2025") in arabic


def test_us_only_service_only_on_the_us_page(site: Path):
    assert "CyberTipline" in read(site, "helplines/us/index.html")
    for code in ("cz", "gb", "de", "ca"):
        assert "CyberTipline" not in read(site, f"helplines/{code}/index.html"), code
        assert "1-800-THE-LOST" not in read(site, f"ar/helplines/{code}/index.html"), code


def test_crisis_line_on_every_country_page(site: Path):
    directory = helplines.load_directory(TODAY)
    for code, country in directory.countries.items():
        if code == "INT":
            continue
        line = helplines.crisis_line(country.services)
        for prefix in ("", "ar/"):
            html = read(site, f"{prefix}helplines/{code.lower()}/index.html")
            note = re.search(r'<div class="nyf-hl nyf-hl--crisis" role="note">.*?</div>', html)
            assert note, code
            assert f'href="#{line["id"]}"' in note.group(0), code


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


def test_every_caveat_has_a_sentence_and_the_guide_shows_it():
    codes = helplines.load_schema()["properties"]["services"]["items"]["properties"]["caveats"]
    guide = (helplines.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for code in codes["items"]["enum"]:
        sentence = labels().caveat(code)
        assert f"| `{code}` | {sentence} |" in guide, code
