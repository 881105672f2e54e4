"""Shared fixtures: the real site built once per session, served on 127.0.0.1."""

from __future__ import annotations

import inspect
import os
import shutil
from pathlib import Path

import pytest
from nyf.printer import CHROMIUM as PRINT_CHROMIUM
from nyf.printer import CHROMIUM_ARGS as PRINT_CHROMIUM_ARGS
from sitebuild import build_real_site, serve

CHROMIUM = Path(PRINT_CHROMIUM)
# The printer's flags for a Chromium without network (no background services,
# which would try to reach Google's hosts), and no sandbox for the test runner.
CHROMIUM_ARGS = ["--no-sandbox", *PRINT_CHROMIUM_ARGS]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The whole site, built strictly once for the session.

    `make test` builds the site first (a failing build then stops the run with
    one clear message) and passes it in NYF_BUILT_SITE, so it is not built twice.
    """
    built = os.environ.get("NYF_BUILT_SITE")
    if built:
        return Path(built).resolve()
    return build_real_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def cz_site_dir(tmp_path_factory) -> Path:
    """The Czech edition (editions/cz.yml), built strictly once for the session.

    NYF_BUILT_CZ_SITE names one built already (make build EDITION=editions/cz.yml).
    """
    built = os.environ.get("NYF_BUILT_CZ_SITE")
    if built:
        return Path(built).resolve()
    return build_real_site(tmp_path_factory.mktemp("cz-site"), "editions/cz.yml")


@pytest.fixture(scope="session")
def cz_site_url(cz_site_dir):
    with serve(cz_site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        pytest.fail("Debian's chromium is missing: run scripts/install_test_tools.sh")
    with playwright_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


#: What makes a test slow: building a site (the real one or a fixture) or
#: running the Nu HTML Checker. Tests that do are marked ``slow`` here, so the
#: marker is consistent without anyone remembering it: `pytest -m "not slow"`
#: is the quick loop while editing.
SLOW_FIXTURES = {"site_dir", "site_url", "site", "hostile_site", "cz_site_dir", "cz_site_url"}
SLOW_CALLS = ("build_fixture(", "run_mkdocs(", "build_real_site(", "nu_errors(")


def _is_slow(item: pytest.Item) -> bool:
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function else ""
    except (OSError, TypeError):
        return False
    return any(call in source for call in SLOW_CALLS)


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if _is_slow(item) and "slow" not in item.keywords:
            item.add_marker(pytest.mark.slow)
