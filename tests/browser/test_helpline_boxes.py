"""The helpline boxes in a real browser: chooser, shared choice, requests, axe.

A fixture site with the three markers on one page (the content engineers place
them in the real pages) and the get-help box every page has. Tested like
GOV.UK tests Exit this page: without JavaScript, before a choice, after a
choice, and with axe on every state.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from sitebuild import build_fixture, serve

pytestmark = pytest.mark.browser

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)
#: A phone screen: the first-screen box must fit in it with the page's first lines.
PHONE = {"width": 390, "height": 844}

PAGE = (
    "---\ntitle: Help now\ndescription: Help now.\n---\n\n# Help now\n\n"
    "It is not your fault.\n\n1. Stop.\n2. Keep evidence.\n3. Tell someone.\n"
    "4. Report.\n5. Get help.\n\n<!-- helplines:first-screen -->\n\nMore text.\n\n"
    "<!-- helplines:crisis -->\n\n<!-- helplines:support-handout -->\n"
)
PAGES = {
    "en/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nText.\n",
    "en/help-now/index.md": PAGE,
    "en/helplines/index.md": (
        "---\ntitle: Helplines\ndescription: Helplines.\n---\n\n# Helplines {#helplines}\n\n"
        "<!-- helplines:directory -->\n"
    ),
}


@pytest.fixture(scope="module")
def boxes_url(tmp_path_factory):
    site = build_fixture(tmp_path_factory.mktemp("boxes"), PAGES)
    with serve(site) as url:
        yield url


@pytest.fixture
def tab(browser, boxes_url):
    contexts = []

    def _open(path: str, country: str | None = None, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        context.route(lambda url: not url.startswith(boxes_url), lambda route: route.abort())
        if country:
            context.add_init_script(f"localStorage.setItem('nyf-country', '{country}')")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(boxes_url + path)
        page.wait_for_load_state("networkidle")
        return page, requests, errors

    yield _open
    for context in contexts:
        context.close()


def _axe(page) -> list[str]:
    page.evaluate(AXE_SOURCE)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in results["violations"]]


def test_without_javascript_every_box_links_to_the_directory(tab):
    page, requests, _ = tab("help-now/", java_script_enabled=False)
    for kind in ("first", "crisis", "handout", "get-help"):
        box = page.locator(f'[data-nyf-hl="{kind}"]').first
        assert box.locator('a[href="../helplines/"]').count() == 1, kind
    assert not page.locator("[data-nyf-hl-select]").first.is_visible()
    assert page.get_by_text("Call your emergency number: 112 across Europe.").is_visible()
    assert not [url for url in requests if url.endswith(".json")]


def test_before_a_choice_a_chooser_and_nothing_fetched(tab):
    page, requests, errors = tab("help-now/", viewport=PHONE)
    chooser = page.locator('[data-nyf-hl="first"] select')
    assert chooser.is_visible()
    assert chooser.locator('option[value="CZ"]').inner_text() == "Czechia"
    assert not [url for url in requests if url.endswith(".json")], "no data before a choice"
    assert page.get_by_text("Call your emergency number: 112 across Europe.").is_visible()
    assert errors == []
    assert _axe(page) == []


def test_a_choice_in_one_box_fills_every_box_and_is_remembered(tab, boxes_url):
    page, requests, errors = tab("help-now/", viewport=PHONE)
    page.locator('[data-nyf-hl="get-help"] select').select_option("CZ")
    crisis = page.locator('[data-nyf-hl="crisis"]')
    crisis.locator('a[href="tel:116111"]').wait_for()
    assert crisis.locator('a[href="tel:112"]').count() == 1  # then the emergency number
    assert not crisis.locator("[data-nyf-hl-fallback]").is_visible()
    first = page.locator('[data-nyf-hl="first"]')
    assert first.locator("select").input_value() == "CZ"
    assert first.locator('a[href="tel:116111"]').count() >= 1
    handout = page.locator('[data-nyf-hl="handout"]')
    assert "STOPonline.cz" in handout.inner_text()
    assert "Take It Down" in handout.inner_text()
    assert "CyberTipline" not in handout.inner_text()  # US-only
    assert page.evaluate("localStorage.getItem('nyf-country')") == "CZ"
    data = [url for url in requests if url.endswith(".json")]
    assert data == [boxes_url + "helplines/cz.json"], "one small request, once"
    assert errors == []
    assert _axe(page) == []


def test_the_choice_is_shared_by_the_next_page(tab, boxes_url):
    page, requests, _ = tab("", country="GB")
    box = page.locator('[data-nyf-hl="get-help"]')
    box.locator('a[href="tel:+448001111"]').wait_for()  # Childline, 24/7
    assert box.locator("select").input_value() == "GB"
    assert [url for url in requests if url.endswith(".json")] == [boxes_url + "helplines/gb.json"]


def test_first_screen_box_fits_the_first_phone_screen(tab):
    page, _, _ = tab("help-now/", country="CZ", viewport=PHONE)
    box = page.locator('[data-nyf-hl="first"]')
    box.locator('a[href="tel:116111"]').first.wait_for()
    bounds = box.bounding_box()
    assert bounds["y"] + bounds["height"] <= PHONE["height"], bounds


def test_arabic_boxes_are_right_to_left_and_translated(tab):
    page, _, errors = tab("ar/help-now/", country="CZ", viewport=PHONE)
    crisis = page.locator('[data-nyf-hl="crisis"]')
    crisis.locator('a[href="tel:116111"]').wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert crisis.locator('a[href="tel:116111"]').get_attribute("dir") == "ltr"
    assert "الآن" in crisis.inner_text()  # "Talk or text to someone now:" in Arabic
    assert errors == []
    assert _axe(page) == []


def test_a_country_without_a_sourced_emergency_number(tab):
    # Bosnia and Herzegovina: 112 does not work there; the box must not say it does.
    page, _, _ = tab("help-now/", country="BA")
    crisis = page.locator('[data-nyf-hl="crisis"]')
    crisis.locator('a[href^="tel:"]').first.wait_for()
    assert "112" not in crisis.inner_text()


HOSTILE = '<img src=x onerror="window.__pwned=1">" onmouseover="window.__pwned=1'


def test_hostile_data_is_shown_as_text(browser, boxes_url):
    context = browser.new_context()
    data = {
        "code": "CZ",
        "name": HOSTILE,
        "page": "cz/",
        "emergency": {"number": HOSTILE, "tel": "javascript:window.__pwned=1"},
        "child": [{"name": HOSTILE, "always": False, "hours": HOSTILE, "website": HOSTILE}],
        "crisis": {
            "name": HOSTILE,
            "always": True,
            "phones": [{"number": HOSTILE, "tel": "javascript:window.__pwned=1"}],
            "website": "javascript:window.__pwned=1",
        },
        "hotline": [],
        "police": [],
        "removal": [],
        "labels": {
            key: HOSTILE
            for key in (
                "call",
                "text",
                "chat",
                "website",
                "report_url",
                "crisis",
                "emergency",
                "no_crisis",
                "more",
                "always",
                "child",
                "hotline",
                "police",
                "removal",
            )
        },
    }
    context.route("**/helplines/cz.json", lambda route: route.fulfill(json=data))
    context.add_init_script("localStorage.setItem('nyf-country', 'CZ')")
    page = context.new_page()
    page.goto(boxes_url + "help-now/")
    box = page.locator('[data-nyf-hl="crisis"]')
    box.get_by_text(HOSTILE).first.wait_for()
    assert box.locator("img").count() == 0
    for link in box.locator("a").all():
        assert not (link.get_attribute("href") or "").startswith("javascript:")
    page.locator('[data-nyf-hl="crisis"] a').first.hover()
    assert page.evaluate("window.__pwned") is None
    context.close()
