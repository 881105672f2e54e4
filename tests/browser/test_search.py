"""The real search on the built site, as a reader uses it, in every published language.

Material's search runs from bundle.js, which we load only when the reader
starts a search (partials/deferred-requests.html). These tests catch a theme
upgrade or a Content-Security-Policy change that breaks it: nothing is fetched
before the reader starts, results appear after typing, no console error.
"""

from __future__ import annotations

import pytest
import yaml
from browserkit import language_home
from nyf.languages import REGISTRY_FILE, load_registry
from sitebuild import ROOT

pytestmark = pytest.mark.browser

#: Requests that belong to the search and must wait for the reader.
SEARCH_REQUESTS = ("search_index.json", "/workers/search.", "/lunr/", "bundle.")


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


def _glossary_term(code: str, term: str = "evidence") -> str:
    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    return glossary["terms"][term][code]


#: Known failures, each with its cause: a fix makes the test pass, and then
#: strict xfail fails until the entry is removed.
KNOWN_BROKEN = {
    "uk": "lunr's trimmer strips Cyrillic letters when no Cyrillic stemmer is "
    "loaded, so no Ukrainian word is indexed (search in the reader's language issue)",
}


def pytest_generate_tests(metafunc):
    if "code" in metafunc.fixturenames:
        published = load_registry(REGISTRY_FILE).published()
        metafunc.parametrize(
            "code",
            [
                pytest.param(
                    language.code,
                    marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BROKEN[language.code])]
                    if language.code in KNOWN_BROKEN
                    else [],
                )
                for language in published
            ],
        )


def test_search_waits_for_the_reader_then_finds_the_glossary_term(open_tab, registry, code):
    language = registry.get(code)
    tab = open_tab(viewport={"width": 1280, "height": 800})
    page = tab.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(language_home(tab.site_url, language))
    page.wait_for_timeout(500)
    early = [url for url in requested if any(part in url for part in SEARCH_REQUESTS)]
    assert early == [], f"fetched before the reader started a search: {early}"
    # The closed search box shows no result area ("Initializing search"): its
    # rules are in the page's stylesheet, not in the one fetched with the search.
    assert not page.evaluate(SHOWN_JS, ".md-search-result__meta")
    page.click(".md-search__input")
    page.keyboard.type(_glossary_term(code))
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.locator(".md-search-result__item").count() > 0
    assert any("search_index.json" in url for url in requested)
    assert tab.console_errors == [], "\n".join(tab.console_errors)
    assert page.evaluate("window.nyfCspViolations") == []
