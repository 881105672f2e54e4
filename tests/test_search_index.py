"""One search index per language: what is indexed, and the indexes of the built site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import perf_budget
import pytest
from nyf import search_index, site_i18n
from nyf.builtsite import load_site
from nyf.languages import REGISTRY_FILE, load_registry
from nyf.search_index import PageIndex
from sitebuild import ROOT

REGISTRY = load_registry(REGISTRY_FILE)
ENGLISH = REGISTRY.default
ARABIC = REGISTRY.get("ar")


# --- sections and text ---------------------------------------------------------------


def test_sections_split_at_headings_with_ids_and_keep_words_apart():
    html = (
        '<h1 id="t">Help <em>now</em></h1><p>Stop. <strong>Do</strong>n\'t pay.</p>'
        '<h2 id="call">Call</h2><dl><dt>Call</dt><dd><a href="tel:116111">116 111</a></dd></dl>'
        "<p>Line one<br>line two</p><ul><li>one</li><li>two</li></ul>"
    )
    sections = search_index.page_sections(html)
    assert [(s.anchor, s.title) for s in sections] == [(None, "Help now"), ("call", "Call")]
    assert sections[0].text == "Stop. Don't pay."  # inline elements join, no space added
    assert sections[1].text == "Call 116 111 Line one line two one two"


def test_sections_leave_out_source_markers_markup_and_excluded_elements():
    html = (
        '<h1 id="sources">Sources</h1><p>Europol says so. [3] [12]</p>'
        '<p data-search-exclude="provenance">Newest source: 2024</p>'
        "<p>Text &amp; &lt;b&gt; stays escaped.</p>"
    )
    [section] = search_index.page_sections(html)
    assert section.text == "Europol says so. Text &amp; &lt;b&gt; stays escaped."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call 116 111 now", ["116111"]),
        ("0800 111 0 111 or 0800-111-0-222", ["08001110111", "08001110222"]),
        ("+49 (0) 800 111, +49 800 111", ["490800111", "49800111"]),
        ("Call 116&nbsp;111 or 116 111", ["116111"]),  # once, with a no-break space
        # Too short to be a phone number: ages, one number.
        ("Ages 9-12 and 112", []),
    ],
)
def test_numbers_in_groups_are_joined(text: str, expected: list[str]):
    assert search_index.joined_numbers(text) == expected


def test_the_worker_joins_a_querys_digits_by_the_same_rule():
    worker = (ROOT / "overrides/assets/javascripts/workers/nyf-search.js").read_text("utf-8")
    minimum = re.search(r"var MIN_JOINED_DIGITS = (\d+);", worker)
    groups = re.search(r"var DIGIT_GROUPS = /(.+)/g;", worker)
    assert minimum and int(minimum.group(1)) == search_index.MIN_JOINED_DIGITS
    assert groups and groups.group(1).replace("\\/", "/") == search_index.DIGIT_GROUPS.pattern


def test_dialled_numbers_come_from_tel_links():
    html = '<a href="tel:+420116111">116 111</a><a href="tel:112">112</a><a href="tel:116 111">'
    assert search_index.dialled_numbers(html) == ["420116111", "116111"]


def test_country_names_in_english_and_in_the_countrys_own_languages():
    assert search_index.country_names("DE") == ["Germany", "Deutschland"]
    assert search_index.country_names("CZ") == ["Czechia", "Česko"]
    assert {"Schweiz", "Suisse", "Svizzera"} <= set(search_index.country_names("CH"))


@pytest.mark.parametrize(
    ("url", "crisis"),
    [("", True), ("help-now/", True), ("help-now/report/", True), ("helplines/", False)],
)
def test_crisis_pages(url: str, crisis: bool):
    assert search_index.is_crisis_page(url) is crisis


# --- entries of a page ------------------------------------------------------------------


def test_a_page_gives_its_entry_then_its_sections():
    page = PageIndex("cs/help-now/", "Pomoc", '<h1 id="p">Pomoc</h1><p>Hned.</p><h2 id="a">A</h2>')
    assert page.entries() == [
        {"location": "cs/help-now/", "title": "Pomoc", "text": "Hned."},
        {"location": "cs/help-now/#a", "title": "A", "text": ""},
    ]


def test_a_fallback_page_is_labelled_with_its_language_and_escaped():
    page = PageIndex("ar/about/", "<b>About</b>", "<p>Text.</p>", fallback=ENGLISH)
    [entry] = page.entries()
    # No <h1>: the page's title, escaped, marked as English text for screen readers.
    assert entry["title"] == ('<span lang="en" dir="ltr">&lt;b&gt;About&lt;/b&gt;</span> (English)')
    rtl = PageIndex("x/", "t", '<h1 id="t">عنوان</h1>', fallback=ARABIC).entries()[0]["title"]
    assert rtl == '<span lang="ar" dir="rtl">عنوان</span> (العربية)'


def test_a_helpline_page_has_its_numbers_and_names_as_keys():
    html = (
        '<h1 id="t">Česko</h1><p>Call <a href="tel:+420116111">116 111</a></p>'
        '<h2 id="crisis">Crisis</h2><p>116 123</p>'
    )
    helpline = PageIndex("helplines/cz/", "Česko", html, keys=["Czechia", "Česko"], numbers=True)
    first, crisis = helpline.entries()
    assert first["keys"] == "Czechia Česko 420116111 116111"
    assert crisis["keys"] == "116123"
    # Elsewhere a number is text, not a key: "116 111" finds the helplines.
    assert "keys" not in PageIndex("about/", "About", html).entries()[0]


def test_boost_and_keys_are_escaped():
    html = '<h1 id="home">Home</h1>'
    page = PageIndex("", "Home", html, keys=["Bosnia & Herzegovina"], boost=5.0)
    [entry] = page.entries()
    assert (entry["keys"], entry["boost"]) == ("Bosnia &amp; Herzegovina", 5.0)


def test_long_pages_keep_their_opening_and_every_title(monkeypatch):
    opening = "Every fact comes from a source."
    html = (
        f'<h1 id="sources">Sources</h1><p>{opening}</p>'
        '<h3 id="s1">1. Europol</h3><p>A long description of the first source.</p>'
        '<h3 id="s2">2. FBI</h3><p>Another one.</p>'
    )
    page = PageIndex("about/sources/", "Sources", html)
    monkeypatch.setattr(search_index, "MAX_PAGE_TEXT", len(opening))
    assert [(e["title"], e["text"]) for e in page.entries()] == [
        ("Sources", opening),
        ("1. Europol", ""),
        ("2. FBI", ""),
    ]
    # Cut at a word, never inside one.
    monkeypatch.setattr(search_index, "MAX_PAGE_TEXT", len(opening) + 9)
    assert [e["text"] for e in page.entries()] == [opening, "A long", ""]


def test_a_part_of_a_split_page_indexes_its_own_smaller_share():
    html = (
        '<h1 id="p">Sources 1 to 15</h1><p>Part of the list.</p>'
        '<h2 id="s1">1. Europol</h2><p>Long.</p>'
    )
    page = PageIndex("about/sources/list-1/", "Sources 1 to 15", html, max_text=8)
    assert [(e["title"], e["text"]) for e in page.entries()] == [
        ("Sources 1 to 15", "Part of"),
        ("1. Europol", ""),
    ]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({}, search_index.MAX_PAGE_TEXT),
        ({"search": {"exclude": True}}, search_index.MAX_PAGE_TEXT),
        ({"search": {"max_text": 600}}, 600),
        ({"search": {"max_text": 0}}, 0),
    ],
)
def test_max_text_from_front_matter(meta, expected):
    assert search_index.max_text(meta) == expected


@pytest.mark.parametrize(
    ("value", "found"),
    [("600", "'600'"), (-1, "-1"), (True, "True"), (4501, "4501"), (6.5, "6.5"), (None, "None")],
)
def test_bad_max_text_says_what_to_write(value, found):
    with pytest.raises(ValueError) as error:
        search_index.max_text({"search": {"max_text": value}})
    assert str(error.value) == (
        f"search.max_text: found {found}, expected a whole number of characters "
        "from 0 to 4500, such as 600"
    )


# --- a language's index ------------------------------------------------------------------


@pytest.mark.parametrize("language", REGISTRY.published(), ids=lambda lang: lang.code)
def test_the_index_config_comes_from_the_registry(language):
    config = search_index.index_config(language)
    assert config["lang"] == ([language.search] if language.search else [])
    assert set(config["fields"]) == {"title", "text", "keys"}


def test_an_index_says_repeated_text_once(tmp_path: Path):
    shared = '<h2 id="international">Across borders</h2><p>Take It Down.</p>'
    pages = [
        PageIndex("cs/helplines/at/", "Rakousko", '<h1 id="at">Rakousko</h1>' + shared),
        PageIndex("cs/helplines/cz/", "Česko", '<h1 id="cz">Česko</h1>' + shared),
    ]
    path = search_index.write_index(tmp_path, REGISTRY.get("cs"), pages)
    assert path == tmp_path / "cs/search/search_index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [d["text"] for d in data["docs"]] == ["", "Take It Down.", "", ""]
    assert "Česko" in path.read_text(encoding="utf-8")  # letters as they are, not \\u escapes
    root = search_index.write_index(tmp_path, ENGLISH, [])
    assert root == tmp_path / "search/search_index.json"
    sizes = search_index.index_sizes(tmp_path)
    assert [(s.path, s.entries) for s in sizes] == [
        ("cs/search/search_index.json", 4),
        ("search/search_index.json", 0),
    ]
    assert all(0 < size.gzip < size.raw or size.entries == 0 for size in sizes)


# --- what we rely on in Material's scripts ------------------------------------------------


def _material_sources(name: str) -> str:
    folder = Path(material.__file__).parent / "templates/assets/javascripts"
    [source_map] = folder.glob(f"{name}.*.min.js.map")
    return "\n".join(filter(None, json.loads(source_map.read_text())["sourcesContent"]))


def test_material_scripts_are_what_our_search_changes_expect():
    """A Material update that changes one of these breaks workers/nyf-search.js or
    12-deferred-requests.js: re-check them (their comments say what they rely on)."""
    bundle = _material_sources("bundle")
    # The index is requested from the site root (12-deferred-requests.js redirects it).
    assert 'new URL("search/search_index.json", config.base)' in bundle
    # The worker's messages: SETUP is 0, QUERY is 2.
    assert "SETUP,                               /* Search index setup */\n  READY," in bundle
    assert "READY,                               /* Search index ready */\n  QUERY," in bundle
    worker = _material_sources("workers/search")
    # The one listener we hand our messages.
    assert 'addEventListener("message", async ev => {\n  postMessage(await handler(ev.data))' in (
        worker
    )
    # The stemmers load relative to the worker, and lunr is global.
    assert 'let base = "../lunr"' in worker and "self.lunr = lunr" in worker
    # The language and the pipeline are set up before the reference field is named.
    setup = worker.index("this.searchPipeline.remove(lang[fn])")
    assert setup < worker.index('this.ref("location")') < worker.index("this.add(doc,")
    # Every query word gets a trailing wildcard, and results highlight by position.
    assert "`${term}*`" in worker and "positions.push(...match[field].position)" in worker


# --- the built site ----------------------------------------------------------------------


def _index(site_dir: Path, language) -> dict:
    path = site_dir / language.url_prefix / search_index.INDEX_PATH
    return json.loads(path.read_text(encoding="utf-8"))


def test_one_index_per_published_language_and_no_other(site_dir: Path):
    expected = {lang.url_prefix + search_index.INDEX_PATH for lang in REGISTRY.published()}
    found = {size.path for size in search_index.index_sizes(site_dir)}
    assert found == expected


def test_each_index_holds_its_languages_pages_only_within_budget(site_dir: Path):
    model = load_site(site_dir)
    prefixes = tuple(lang.url_prefix for lang in REGISTRY.published() if lang.url_prefix)
    for language in REGISTRY.published():
        data = _index(site_dir, language)
        assert data["config"] == search_index.index_config(language)
        pages = {entry["location"] for entry in data["docs"] if "#" not in entry["location"]}
        built = {
            path.removesuffix("index.html")
            for path, page in model.pages.items()
            if path.endswith("index.html")
            and not page.is_redirect
            # The languages page is a list of links, kept out of search.
            and not path.endswith(site_i18n.languages_page_url(language) + "index.html")
        }
        if language.url_prefix:
            built = {path for path in built if path.startswith(language.url_prefix)}
        else:
            built = {path for path in built if not path.startswith(prefixes)}
        assert pages == built, language.code
    budget = perf_budget.load_budget(perf_budget.BUDGET_FILE)
    sizes = search_index.index_sizes(site_dir)
    assert perf_budget.search_index_problems(sizes, budget) == []


def test_fallback_pages_are_labelled_and_helpline_pages_have_keys(site_dir: Path):
    for language in REGISTRY.published():
        docs = {entry["location"]: entry for entry in _index(site_dir, language)["docs"]}
        prefix = language.url_prefix
        home = docs[prefix]
        assert "lang=" not in home["title"]  # every language translates its home page
        if not language.default:
            # A page the language lacks (no docs/<code>/ file) is the English one, labelled.
            for name in ("about/sources", "understand/myths", "schools/index"):
                translated = (ROOT / "docs" / language.code / f"{name}.md").is_file()
                title = docs[f"{prefix}{name.removesuffix('/index')}/"]["title"]
                labelled = title.endswith(f"</span> ({ENGLISH.name})")
                assert labelled != translated, (language.code, name)
        czech = docs[prefix + "helplines/cz/"]
        assert {"Czechia", "Česko", "116111"} <= set(czech["keys"].split()), language.code
    html = (site_dir / "helplines/cz/index.html").read_text(encoding="utf-8")
    assert "data-search-exclude" not in html  # Material removes it from the page
