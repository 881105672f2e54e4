"""Untrusted text stays text: titles, descriptions, catalogs; valid markup around Material."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.support import NullTranslations
from markupsafe import Markup
from nyf.catalogs import escaped
from nyf.theme_markup import (
    MATERIAL_TOGGLES,
    escaped_title,
    fix_material_markup,
    inline_icon,
    plain_text_errors,
)
from nyf.translations import blob_hash
from sitebuild import BuildFailed, build_fixture

HOSTILE = '<script>alert(1)</script> & "quoted" <b>bold</b>'
HOSTILE_ESCAPED = (
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quoted&#34; &lt;b&gt;bold&lt;/b&gt;"
)


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        # A title given as a list (a translator added "- " by mistake).
        ("title:\n  - Help\n  - now\n", "docs/x.md:2 title: found a list, expected plain text"),
        # A description given as a mapping.
        (
            "description:\n  text: Help\n",
            "docs/x.md:2 description: found a mapping, expected plain",
        ),
        # A number.
        ("title: 42\n", "docs/x.md:2 title: found a number, expected plain text"),
        # An empty title.
        ('title: ""\n', "docs/x.md:2 title: found an empty value, expected plain text"),
        # A key with no value at all.
        ("title:\n", "docs/x.md:2 title: found an empty value, expected plain text"),
    ],
)
def test_front_matter_that_is_not_plain_text_is_refused(front_matter: str, expected: str):
    import yaml

    source = f"---\n{front_matter}---\n\n# Page\n"
    meta = yaml.safe_load(front_matter)
    errors = plain_text_errors(meta, source, "docs/x.md")
    assert len(errors) == 1
    assert errors[0].startswith(expected)


def test_plain_text_front_matter_passes():
    meta = {"title": "Help now", "description": 'Say "no" & go'}
    assert plain_text_errors(meta, "---\ntitle: Help now\n---\n", "docs/x.md") == []


def test_titles_become_escaped_text_once():
    title = escaped_title(HOSTILE)
    assert isinstance(title, Markup)
    assert str(title) == HOSTILE_ESCAPED
    assert escaped_title(title) == title  # not escaped twice
    assert escaped_title(None) is None


def test_catalog_strings_are_escaped():
    class Hostile(NullTranslations):
        def gettext(self, message):
            return HOSTILE

    assert escaped(Hostile().gettext)("Get help") == HOSTILE_ESCAPED


def test_material_toggles_lose_the_invalid_attribute_and_alignment_becomes_a_class():
    page = (
        "<body>\n    " + "\n    ".join(MATERIAL_TOGGLES) + '\n<td style="text-align: right;">1</td>'
    )
    fixed = fix_material_markup(page)
    assert "autocomplete" not in fixed
    assert 'style="' not in fixed
    assert '<td class="nyf-align-right">1</td>' in fixed
    assert "\n    " not in fixed  # indentation dropped


def test_white_space_is_kept_where_it_is_content():
    page = "<pre>\n    code\n</pre>"
    assert fix_material_markup(page) == page


def test_inline_icon_is_a_valid_data_url(tmp_path: Path):
    icon = tmp_path / "i.svg"
    icon.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">\n <circle r="1"/></svg>'
    )
    url = inline_icon(icon)
    assert url is not None and url.startswith("data:image/svg+xml,")
    assert not re.search(r'[\s"<>]', url)
    assert inline_icon(tmp_path / "missing.svg") is None


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    quoted = HOSTILE.replace("'", "''")
    english = f"---\ntitle: '{quoted}'\ndescription: '{quoted}'\n---\n\n# Heading\n\nText.\n"
    source = blob_hash(english.encode("utf-8"))
    arabic = english.replace(
        "---\n\n", f"translation:\n  source: {source}\n  status: machine-assisted\n---\n\n", 1
    )
    pages = {
        "en/index.md": "---\ntitle: Home\n---\n\n# Home\n\nText.\n",
        "en/hostile.md": english,
        "en/part/index.md": "---\ntitle: Section <i>x</i>\n---\n\n# Section\n\nText.\n",
        "en/part/child.md": "# Child\n\nText.\n",
        "ar/hostile.md": arabic,
    }
    return build_fixture(tmp_path_factory.mktemp("hostile"), pages)


@pytest.mark.slow
@pytest.mark.parametrize("path", ["hostile/index.html", "ar/hostile/index.html"])
def test_hostile_title_and_description_are_text_in_head_and_nav(hostile_site: Path, path: str):
    html = (hostile_site / path).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<b>bold</b>" not in html
    assert "<i>x</i>" not in html  # the section title in the nav
    head = html[: html.index("</head>")]
    title = re.search(r"<title>(.*?)</title>", head, re.DOTALL).group(1)
    assert HOSTILE_ESCAPED in title
    description = re.search(r'<meta name="description" content="([^"]*)">', head).group(1)
    assert description == HOSTILE_ESCAPED
    assert HOSTILE_ESCAPED in html[html.index("</head>") :]  # the nav's link to the page


@pytest.mark.slow
def test_a_title_given_as_a_list_stops_the_build(tmp_path: Path):
    pages = {"en/index.md": "---\ntitle:\n  - Help\n  - now\n---\n\n# Home\n"}
    with pytest.raises(BuildFailed) as failure:
        build_fixture(tmp_path, pages)
    # The content rules (before the build) say it first, tagged with their rule.
    assert "index.md:2 [front-matter] title: found a list, expected plain text" in str(
        failure.value
    )
    assert "Traceback" not in str(failure.value)
