"""Country variants of advice: which variant shows, and the message for each mistake."""

from __future__ import annotations

import re

import pytest
from nyf import country_blocks
from nyf.yamlfile import DataError

BLOCK = (
    "Before.\n\n<!-- country: CZ, SK -->\n\nCzech advice.\n\n<!-- country: other -->\n\n"
    "Other advice.\n\n<!-- /country -->\n\nAfter.\n"
)


def shown(markdown: str) -> list[str]:
    """The variants that are not hidden, by their countries."""
    return re.findall(r'<div data-nyf-country-for="([^"]+)" markdown>', markdown)


@pytest.mark.parametrize(
    ("country", "expected"),
    [("CZ", ["CZ SK"]), ("SK", ["CZ SK"]), ("DE", ["other"]), (None, ["other"])],
)
def test_the_edition_country_variant_shows_and_the_others_are_hidden(country, expected):
    out = country_blocks.render(BLOCK, "docs/en/x.md", country)
    assert shown(out) == expected
    assert len(re.findall(r"data-nyf-country-for=", out)) == 2  # every variant is there
    assert out.startswith("Before.\n") and out.endswith("After.\n")
    assert "Czech advice." in out and "Other advice." in out


def test_without_other_a_block_may_show_nothing():
    text = "<!-- country: CZ -->\n\nCzech.\n\n<!-- /country -->\n"
    assert shown(country_blocks.render(text, "x.md", None)) == []
    assert shown(country_blocks.render(text, "x.md", "CZ")) == ["CZ"]


def test_page_without_blocks_is_unchanged():
    assert country_blocks.render("# T\n\nText.\n", "x.md", "CZ") == "# T\n\nText.\n"


def test_markers_in_a_code_example_are_left_alone():
    text = "```\n<!-- country: XX -->\n```\n"
    assert country_blocks.render(text, "x.md", None) == text


#: (the page's Markdown, the line of the message, what the message must say)
BAD = [
    pytest.param("<!-- country: CZ -->\n\nText.\n", 1, "not closed; end it with <!-- /country -->",
                 id="unclosed"),
    pytest.param("Text.\n\n<!-- /country -->\n", 3, "without a block to close", id="stray-close"),
    pytest.param("<!-- country: CZ -->\n\nA.\n\n<!-- country: SK -->\n\nB.\n\n<!-- /country -->\n"
                 "\n<!-- /country -->\n", 11, "a block inside a block is not allowed",
                 id="nested"),
    pytest.param("<!-- country: XX -->\n\nA.\n\n<!-- /country -->\n", 1,
                 "'XX' is not a country code; write two capital letters such as CZ",
                 id="unknown-country"),
    pytest.param("<!-- country: cz -->\n\nA.\n\n<!-- /country -->\n", 1,
                 "'cz' is not a country code", id="lowercase"),
    pytest.param("<!-- country -->\n\nA.\n\n<!-- /country -->\n", 1,
                 "name the country, such as <!-- country: CZ -->", id="no-country"),
    pytest.param("<!-- country: CZ -->\nA.\n\n<!-- /country -->\n", 1,
                 "leave a blank line before and after each marker", id="no-blank-line"),
    pytest.param("Text <!-- country: CZ -->\n", 1, "a marker must be alone on its line",
                 id="inline-marker"),
    pytest.param("<!-- country: other -->\n\nA.\n\n<!-- country: CZ -->\n\nB.\n\n"
                 "<!-- /country -->\n", 5, "the other variant comes last", id="other-first"),
    pytest.param("<!-- country: CZ -->\n\nA.\n\n<!-- country: other -->\n\nB.\n\n"
                 "<!-- country: other -->\n\nC.\n\n<!-- /country -->\n", 9,
                 "only one other variant", id="two-others"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "message"), BAD)
def test_malformed_block_fails_with_file_and_line(text, line, message):
    with pytest.raises(DataError) as caught:
        country_blocks.render(text, "docs/en/x.md", "CZ")
    assert message in str(caught.value)
    assert (caught.value.file, caught.value.line) == ("docs/en/x.md", line)
