"""Editions in a real browser: the country block and the report box follow the country.

The Czech police's advice on blocking (a ``<!-- country: CZ -->`` block on
help-now/) shows in the Czech edition (editions/cz.yml) and, on the
international site, only for a reader who chose the Czech Republic in a
helpline box; everyone else gets the ``other`` variant. Without JavaScript
the edition's variant shows.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CZ_VARIANT = "[data-nyf-country-for='CZ']"
OTHER_VARIANT = "[data-nyf-country-for='other']"


@pytest.fixture
def open_page(browser):
    contexts = []

    def _open(base: str, path: str, country: str | None = None, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        context.route(lambda url: not url.startswith(base), lambda route: route.abort())
        if country:
            context.add_init_script(f"localStorage.setItem('nyf-country', '{country}')")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + path)
        page.errors = errors
        return page

    yield _open
    for context in contexts:
        context.close()


def visible(page) -> tuple[bool, bool]:
    return page.locator(CZ_VARIANT).is_visible(), page.locator(OTHER_VARIANT).is_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_czech_edition_shows_the_czech_advice(open_page, cz_site_url, javascript):
    page = open_page(cz_site_url, "help-now/", java_script_enabled=javascript)
    assert visible(page) == (True, False)
    assert not page.errors


def test_czech_edition_reader_who_chose_another_country_gets_the_other_advice(
    open_page, cz_site_url
):
    page = open_page(cz_site_url, "help-now/", country="DE")
    assert visible(page) == (False, True)


def test_international_site_shows_the_other_advice_until_the_reader_chooses_cz(open_page, site_url):
    page = open_page(site_url, "help-now/")
    assert visible(page) == (False, True)
    page.locator("#nyf-get-help-country").select_option("CZ")
    assert visible(page) == (True, False)
    page.reload()
    assert visible(page) == (True, False)  # remembered (localStorage)
    assert not page.errors


def test_country_script_loads_only_on_pages_with_a_block(open_page, site_url):
    scripts: list[str] = []
    page = open_page(site_url, "")
    scripts = [s.get_attribute("src") for s in page.locator("script[src]").all()]
    assert not any("country" in (src or "") for src in scripts)
    page = open_page(site_url, "help-now/")
    scripts = [s.get_attribute("src") for s in page.locator("script[src]").all()]
    assert any("country.js" in (src or "") for src in scripts)


def test_czech_edition_report_box_shows_the_czech_police_without_a_choice(open_page, cz_site_url):
    page = open_page(cz_site_url, "help-now/report/")
    box = page.locator("[data-nyf-hl='report']")
    box.locator(".nyf-hl__service").first.wait_for()
    text = box.inner_text()
    assert "Policie České republiky" in text
    assert "STOPonline.cz" in text
    assert page.locator("[data-nyf-hl='report'] select").input_value() == "CZ"


def test_remove_box_lists_only_services_that_apply_to_the_chosen_country(open_page, site_url):
    page = open_page(site_url, "help-now/remove-images/", country="CZ")
    box = page.locator("[data-nyf-hl='remove']")
    box.locator(".nyf-hl__service").first.wait_for()
    text = box.inner_text()
    assert "STOPonline.cz" in text
    assert "Report Remove" not in text  # United Kingdom only
