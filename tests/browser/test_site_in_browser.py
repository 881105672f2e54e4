"""Every content page of every language in a real browser: axe, CSP, requests, console.

axe-core comes from the axe-playwright-python package (pinned in
requirements/dev.txt), which ships axe.min.js; we inject that file ourselves.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import axe_playwright_python
import pytest
from browserkit import is_stand_in, language_home, pages_to_test, site_pages
from nyf.languages import REGISTRY_FILE, load_registry

pytestmark = pytest.mark.browser

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)
#: Impacts that fail the test: all of them, minor included.
BLOCKING_IMPACTS = {"minor", "moderate", "serious", "critical"}
#: axe rules switched off, each with the reason. Keep this empty if you can.
DISABLED_RULES: dict[str, str] = {}

AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {rule: {"enabled": False} for rule in DISABLED_RULES},
}


def _run_axe(page) -> list[dict]:
    page.evaluate(AXE_SOURCE)
    results = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    return results["violations"]


def _describe(url: str, violation: dict) -> str:
    targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
    return f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


#: In a language other than the source, axe runs on the home page, help-now, the
#: languages page, one helpline page and one English stand-in: one page of each
#: template. A translation cannot change the markup (the PO checks refuse any
#: markup the English does not have), and the source language's run checks
#: every page. Every page of every language is still loaded and checked for
#: CSP violations, console errors, lang, dir and requests to other hosts.
AXE_SAMPLE = ("", "help-now/", "languages/")


def _axe_here(rest: str, language, site_dir: Path, path: str) -> bool:
    if language.default or rest in AXE_SAMPLE:
        return True
    if rest.startswith("helplines/") and rest != "helplines/":
        return True  # the one country page pages_to_test keeps
    return is_stand_in(site_dir, path)  # the one stand-in pages_to_test keeps


def _pages_of(language, site_dir: Path, languages) -> list[str]:
    """The pages of one language: under its prefix, or (default) outside every other's."""
    pages = site_pages(site_dir)
    if language.url_prefix:
        return [page for page in pages if page.startswith(language.url_prefix)]
    others = tuple(lang.url_prefix for lang in languages if lang.url_prefix)
    return [page for page in pages if not page.startswith(others)]


def pytest_generate_tests(metafunc):
    """One test per published language, straight from the registry."""
    published = [lang.code for lang in load_registry(REGISTRY_FILE).published()]
    if "code" in metafunc.fixturenames:
        metafunc.parametrize("code", published)
    elif "other_code" in metafunc.fixturenames:
        # Every language's list links are checked in the page test; clicking
        # through is the same script in each: a sample of scripts and directions.
        default = load_registry(REGISTRY_FILE).default.code
        sample = ("cs", "ar", "uk", "el", "tr")
        metafunc.parametrize(
            "other_code", [code for code in published if code != default and code in sample]
        )


@pytest.fixture
def language(code, registry):
    return registry.get(code)


def test_every_page_passes_axe_and_its_csp_loads_nothing_from_elsewhere_and_logs_no_error(
    open_tab, site_dir, site_url, language, languages
):
    pages = pages_to_test(_pages_of(language, site_dir, languages), site_dir)
    assert pages, f"no pages built for {language.code}"
    tab = open_tab()
    page = tab.page
    problems: list[str] = []
    switcher_problems: list[str] = []
    csp_violations: list[str] = []
    for path in pages:
        url = site_url + path
        response = page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        assert page.locator("html").get_attribute("lang") == language.hreflang, url
        assert page.locator("html").get_attribute("dir") == language.dir, url
        csp_violations += [f"{url}: {v}" for v in page.evaluate("window.nyfCspViolations")]
        rest = path[len(language.url_prefix) :]
        for violation in _run_axe(page) if _axe_here(rest, language, site_dir, path) else []:
            if violation["impact"] in BLOCKING_IMPACTS:
                problems.append(_describe(url, violation))
            else:
                print(_describe(url, violation))
        if path == pages[0]:
            switcher_problems += _switcher_problems(page, path, language, languages, site_url)
    assert csp_violations == [], "Content-Security-Policy violations:\n" + "\n".join(csp_violations)
    assert problems == [], "axe violations:\n" + "\n".join(problems)
    assert switcher_problems == [], "\n".join(switcher_problems)
    assert tab.external == [], "requests to other hosts:\n" + "\n".join(tab.external)
    assert tab.console_errors == [], "\n".join(tab.console_errors)


def _switcher_problems(page, path, language, languages, site_url) -> list[str]:
    """The language button leads to the list, whose links keep the reader on this page."""
    page.locator(".md-header__option a.md-header__button").click()
    page.wait_for_url(lambda url: "/languages/?p=" in url)
    page.wait_for_selector("[data-nyf-language-list][data-nyf-ready]", state="attached")
    rest = path[len(language.url_prefix) :]
    problems = []
    found = page.evaluate(
        "Array.from(document.querySelectorAll('[data-nyf-language-list] a'))"
        ".map((a) => [a.hreflang, a.lang, a.href])"
    )
    if [hreflang for hreflang, _, _ in found] != [lang.hreflang for lang in languages]:
        problems.append(f"{path}: the languages page lists {found}")
    for hreflang, lang, href in found:
        target = next(lang for lang in languages if lang.hreflang == hreflang)
        expected = language_home(site_url, target) + rest
        if href != expected or lang != hreflang:
            problems.append(f"{path}: {hreflang} ({lang}) -> {href}, expected {expected}")
    return problems


def test_not_found_page_passes_axe_in_every_language(open_tab, site_url, languages):
    tab = open_tab()
    page = tab.page
    response = page.goto(urljoin(site_url, "no-such-page/"))
    assert response is not None and response.status == 404
    languages_shown = page.evaluate(
        "Array.from(document.querySelectorAll('.nyf-404 [lang]')).map((el) => el.lang)"
    )
    assert languages_shown == [lang.hreflang for lang in languages]
    problems = [
        _describe(page.url, violation)
        for violation in _run_axe(page)
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert problems == [], "\n".join(problems)
    assert tab.external == []
    # The 404 status itself is logged by Chromium as a failed load; nothing else may be.
    errors = [error for error in tab.console_errors if "404" not in error]
    assert errors == [], "\n".join(errors)


def test_language_switcher_goes_to_the_same_page(open_tab, registry, other_code):
    """Click through as a reader does: English help-now -> the list -> the other help-now."""
    target = registry.get(other_code)
    tab = open_tab()
    page = tab.page
    page.goto(language_home(tab.site_url, registry.default) + "help-now/")
    page.locator(".md-header__option a.md-header__button").click()
    page.wait_for_selector("[data-nyf-language-list][data-nyf-ready]", state="attached")
    page.locator(f"[data-nyf-language-list] a[hreflang='{target.hreflang}']").click()
    page.wait_for_url(language_home(tab.site_url, target) + "help-now/")
    assert page.locator("html").get_attribute("lang") == target.hreflang
    assert page.locator("html").get_attribute("dir") == target.dir
    # ... and back again, from the translated page to the English one.
    page.locator(".md-header__option a.md-header__button").click()
    page.wait_for_selector("[data-nyf-language-list][data-nyf-ready]", state="attached")
    page.locator(f"[data-nyf-language-list] a[hreflang='{registry.default.hreflang}']").click()
    page.wait_for_url(language_home(tab.site_url, registry.default) + "help-now/")
    assert tab.console_errors == [], "\n".join(tab.console_errors)
