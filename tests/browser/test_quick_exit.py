"""The quick-exit control in a real browser, as GOV.UK tests "Exit this page".

Each behaviour runs in a left-to-right (en) and a right-to-left (ar) language.
The neutral sites of data/languages.yml are answered locally (browserkit).
"""

from __future__ import annotations

import pytest
from browserkit import language_home
from nyf import catalogs
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

#: One left-to-right and one right-to-left language.
DIRECTIONS = ["en", "ar"]

BUTTON = "[data-nyf-exit-button]"
STATUS = "[data-nyf-exit-status]"


@pytest.fixture(params=DIRECTIONS)
def language(request, registry):
    return registry.get(request.param)


def _gettext(language, message: str) -> str:
    return catalogs.translations(language.locale).gettext(message)


def _assert_left_for(tab, language) -> None:
    """The page was blanked at once, then replaced by the language's neutral site,
    and nothing else was asked of any other host."""
    tab.page.wait_for_url(language.exit_url)
    assert tab.external == [language.exit_url]
    exits = tab.exits
    assert len(exits) == 1, exits
    blanked = exits[0]["blanked"]
    assert blanked["exiting"] and blanked["overlay"]
    assert blanked["covered"], "something of the page was still visible"
    assert blanked["exposed"] == [], "left reachable by keyboard or screen reader"
    # All that is left to read is the neutral announcement in the page's language.
    assert blanked["text"] == _gettext(language, "Leaving this page.")
    assert blanked["focusOnBody"]


def _assert_still_here(tab, home: str) -> None:
    tab.page.evaluate("0")  # let the key events run to the end
    assert tab.page.url == home
    assert tab.external == []
    assert tab.exits == []
    assert not tab.page.evaluate("document.documentElement.classList.contains('nyf-exiting')")


def _press_shift(page, times: int) -> None:
    for _ in range(times):
        page.keyboard.press("Shift")


def test_click_blanks_the_page_then_replaces_the_history_entry(open_tab, language):
    tab = open_tab()
    page = tab.page
    home = language_home(tab.site_url, language)
    earlier = home + "help-now/"
    page.goto(earlier)
    page.goto(home)
    assert page.locator("html").get_attribute("dir") == language.dir
    button = page.locator(BUTTON)
    expect(button).to_have_text(_gettext(language, "Exit this page"))
    button.click()
    _assert_left_for(tab, language)
    # location.replace(): Back skips the exited page.
    page.go_back()
    assert page.url == earlier


def test_keyboard_reaches_it_second_and_enter_exits(open_tab, language):
    tab = open_tab()
    page = tab.page
    page.goto(language_home(tab.site_url, language))
    page.keyboard.press("Tab")
    # First tab stop: Material's "Skip to content"; the second is the quick exit.
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-nyf-exit-button]')")
    page.keyboard.press("Enter")
    _assert_left_for(tab, language)


def test_space_exits_like_a_button(open_tab, language):
    tab = open_tab()
    page = tab.page
    page.goto(language_home(tab.site_url, language))
    button = page.locator(BUTTON)
    expect(button).to_have_attribute("role", "button")
    button.focus()
    page.keyboard.press(" ")
    _assert_left_for(tab, language)


def test_shift_three_times_exits_and_announces_what_is_left(open_tab, language):
    tab = open_tab()
    page = tab.page
    page.goto(language_home(tab.site_url, language))
    status = page.locator(STATUS)
    two_more = _gettext(language, "Press Shift 2 more times to exit this page.")
    one_more = _gettext(language, "Press Shift 1 more time to exit this page.")
    if language.code != "en":
        assert two_more != "Press Shift 2 more times to exit this page.", "not translated"
    expect(status).to_have_attribute("aria-live", "polite")

    _press_shift(page, 1)
    expect(status).to_have_text(two_more)
    _press_shift(page, 1)
    expect(status).to_have_text(one_more)
    _press_shift(page, 1)
    _assert_left_for(tab, language)


def test_shift_with_another_key_does_not_count(open_tab, language):
    tab = open_tab()
    page = tab.page
    home = language_home(tab.site_url, language)
    page.goto(home)
    for _ in range(3):
        page.keyboard.down("Shift")
        page.keyboard.press("KeyA")
        page.keyboard.up("Shift")
    _assert_still_here(tab, home)
    expect(page.locator(STATUS)).to_have_text("")


def test_another_key_resets_the_count(open_tab, language):
    tab = open_tab()
    page = tab.page
    home = language_home(tab.site_url, language)
    page.goto(home)
    _press_shift(page, 2)
    page.keyboard.press("KeyX")
    expect(page.locator(STATUS)).to_have_text("")
    _press_shift(page, 1)
    # Counting starts again: this is the first press, not the third.
    _assert_still_here(tab, home)
    expect(page.locator(STATUS)).to_have_text(
        _gettext(language, "Press Shift 2 more times to exit this page.")
    )
    _press_shift(page, 2)
    _assert_left_for(tab, language)


def test_presses_more_than_five_seconds_apart_do_not_count(open_tab, language):
    tab = open_tab()
    page = tab.page
    page.clock.install()
    home = language_home(tab.site_url, language)
    page.goto(home)
    _press_shift(page, 2)
    page.clock.run_for(5100)
    _press_shift(page, 1)
    _assert_still_here(tab, home)
    _press_shift(page, 2)
    _assert_left_for(tab, language)


def test_without_javascript_it_is_a_plain_link(open_tab, language):
    tab = open_tab(java_script_enabled=False)
    page = tab.page
    page.goto(language_home(tab.site_url, language))
    button = page.locator(BUTTON)
    assert button.get_attribute("href") == language.exit_url
    assert set(button.get_attribute("rel").split()) == {"nofollow", "noreferrer"}
    assert button.get_attribute("role") is None  # no script: a link, announced as one
    expect(button).to_be_visible()
    button.click()
    page.wait_for_url(language.exit_url)
    assert tab.external == [language.exit_url]


def test_restore_from_the_back_forward_cache_gives_a_usable_page(open_tab, language):
    """A blanked page that the browser restores from its back/forward cache is
    usable again. Chromium never restores the exited page itself (replace()
    removed its history entry), so the restore is the event a browser fires
    for it, pageshow with persisted = true, sent right after the exit."""
    tab = open_tab()
    page = tab.page
    page.goto(language_home(tab.site_url, language))
    page.evaluate("window.nyfTestRestore = true")
    _press_shift(page, 1)
    page.locator(BUTTON).click()
    _assert_left_for(tab, language)
    restored = tab.exits[0]["restored"]
    assert not restored["exiting"]
    assert not restored["overlay"]
    assert restored["hidden"] == [], "still inert or aria-hidden after the restore"
    assert restored["status"] == "", "the Shift count was not reset"


def test_back_after_exit_gives_a_usable_page(open_tab, language):
    """Real navigation: leave, come back with Back; the page shown works."""
    tab = open_tab()
    page = tab.page
    home = language_home(tab.site_url, language)
    page.goto(home)
    page.goto(home + "help-now/")
    page.locator(BUTTON).click()
    _assert_left_for(tab, language)
    page.go_back()
    assert page.url == home
    assert not page.evaluate("document.documentElement.classList.contains('nyf-exiting')")
    expect(page.locator(BUTTON)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    tab.external.clear()
    page.evaluate("localStorage.clear()")
    _press_shift(page, 3)
    _assert_left_for(tab, language)


#: Phone at 320 CSS px, and a 1280 x 800 screen at 200 % zoom (640 x 400 CSS px).
VIEWPORTS = [
    pytest.param({"width": 320, "height": 568}, id="320px"),
    pytest.param({"width": 640, "height": 400}, id="200pc-zoom"),
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_visible_and_not_covered_while_scrolling(open_tab, language, viewport):
    tab = open_tab(viewport=viewport)
    page = tab.page
    page.goto(language_home(tab.site_url, language))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_timeout(100)  # let Material's scroll handlers run

    def top_element_is_button() -> bool:
        return page.evaluate(
            """() => {
                const button = document.querySelector('[data-nyf-exit-button]');
                const box = button.getBoundingClientRect();
                const points = [[box.left + 4, box.top + 4], [box.right - 4, box.bottom - 4],
                                [(box.left + box.right) / 2, (box.top + box.bottom) / 2]];
                return box.top >= 0 && box.right <= window.innerWidth && box.left >= 0
                    && points.every(([x, y]) => button.contains(document.elementFromPoint(x, y)));
            }"""
        )

    assert top_element_is_button()
    bar = page.locator("[data-nyf-exit]").bounding_box()
    header = page.locator(".md-header__inner").bounding_box()
    assert bar["y"] == 0
    assert header["y"] >= bar["y"] + bar["height"] - 1, "the header covers the bar"

    # Material's drawer (phones) and search (small screens) open below it.
    page.evaluate("document.getElementById('__drawer').click()")
    page.wait_for_timeout(300)
    assert top_element_is_button()
    page.evaluate("document.getElementById('__drawer').click()")
    page.evaluate("document.getElementById('__search').click()")
    page.wait_for_timeout(400)
    assert top_element_is_button()
    search = page.locator(".md-search__input").bounding_box()
    assert search["y"] >= bar["y"] + bar["height"] - 1, "the bar covers the search field"


def test_hidden_in_print(open_tab, language):
    tab = open_tab()
    page = tab.page
    page.goto(language_home(tab.site_url, language))
    page.emulate_media(media="print")
    expect(page.locator("[data-nyf-exit]")).to_be_hidden()


def test_links_to_the_staying_safe_page(open_tab, language, site_dir):
    tab = open_tab()
    page = tab.page
    page.goto(language_home(tab.site_url, language) + "help-now/")
    link = page.locator(".nyf-exit__help")
    expect(link).to_have_text(_gettext(language, "Staying safe on this site"))
    target = page.evaluate("document.querySelector('.nyf-exit__help').href")
    assert target == language_home(tab.site_url, language) + "staying-safe-on-this-site/"
    link.click()
    page.wait_for_url(target)
    assert page.locator("html").get_attribute("lang") == language.hreflang
