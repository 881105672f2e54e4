"""The site in the browser, served by nginx with the headers the build generated.

A Content-Security-Policy header reaches what the page's <meta> cannot: the
search runs in a web worker, which obeys only the policy of its own answer.
These tests open the site through the generated nginx.conf (tests/nginxserver.py)
and check that search, the 404 page and the quick exit still work under it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from nginxserver import serve_with_nginx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(site_dir: Path) -> Iterator[str]:
    """The site through nginx, for this module's open_tab."""
    with serve_with_nginx(site_dir) as nginx:
        yield nginx.url


def test_search_runs_under_the_header_policy(open_tab):
    tab = open_tab(viewport={"width": 1280, "height": 800})
    page = tab.page
    response = page.goto(tab.site_url)
    assert response is not None and "frame-ancestors" in response.headers["content-security-policy"]
    page.click(".md-search__input")
    page.keyboard.type("evidence")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.evaluate("window.nyfCspViolations") == []
    assert tab.console_errors == [], "\n".join(tab.console_errors)


def test_the_czech_404_page_works_under_the_header_policy(open_tab):
    tab = open_tab()
    page = tab.page
    response = page.goto(tab.site_url + "cs/no-such-page/")
    assert response is not None and response.status == 404
    assert page.evaluate("document.documentElement.lang") == "cs"
    assert page.evaluate("window.nyfCspViolations") == []
    # The 404 status itself is logged by Chromium as a failed load; nothing else may be.
    assert [error for error in tab.console_errors if "404" not in error] == []


def test_quick_exit_leaves_under_the_header_policy(open_tab, registry):
    tab = open_tab()
    page = tab.page
    page.goto(tab.site_url + "help-now/")
    page.click("[data-nyf-exit-button]")
    page.wait_for_url(registry.default.exit_url)
    assert tab.external == [registry.default.exit_url]
    assert [run["blanked"]["covered"] for run in tab.exits] == [True]
