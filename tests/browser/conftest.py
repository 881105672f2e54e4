"""Fixtures for the browser tests: one browser context per test, offline.

Every request for a host other than the local test server is recorded and
answered locally, so the quick exit can "leave" without leaving the machine
and a test can prove that a page asked for nothing from elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from browserkit import CSP_WITNESS_JS, ELSEWHERE_HTML, EXIT_WITNESS_JS, Tab
from nyf.languages import REGISTRY_FILE, Language, load_registry


@pytest.fixture(scope="session")
def registry():
    return load_registry(REGISTRY_FILE)


@pytest.fixture(scope="session")
def languages(registry) -> list[Language]:
    return registry.published()


@pytest.fixture
def open_tab(browser, site_url) -> Iterator[Callable[..., Tab]]:
    """Open a page in a fresh context: ``open_tab(**context_options)``.

    Outside requests are recorded in ``Tab.external`` and answered with a tiny
    local page; each run of the quick exit is recorded in ``Tab.exits``.
    """
    contexts = []

    def _open(**options) -> Tab:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        tab = Tab(page=page, site_url=site_url, context=context)

        def answer(route) -> None:
            tab.external.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body=ELSEWHERE_HTML)

        context.route(lambda url: not url.startswith(site_url), answer)
        context.add_init_script(EXIT_WITNESS_JS)
        context.add_init_script(CSP_WITNESS_JS)

        def console(message) -> None:
            if message.type == "error":
                tab.console_errors.append(f"{page.url}: {message.text}")

        page.on("console", console)
        page.on("pageerror", lambda error: tab.console_errors.append(f"{page.url}: {error}"))
        return tab

    yield _open
    for context in contexts:
        context.close()
