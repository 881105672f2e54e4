"""Guards for what we borrow from Material: a theme update that changes it fails here.

Each partial we copied into overrides/ is compared with the installed Material
file after applying our intended edits, so an upgrade that changes the
original fails with the name of the file and what to re-check. Markup we fix
in the output (nyf.theme_markup) must still be what Material writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from nyf.theme_markup import MATERIAL_TOGGLES

ROOT = Path(__file__).resolve().parents[1]
MATERIAL = Path(material.__file__).parent / "templates"
MATERIAL_VERSION = "9.8.1"
GENERATED = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
_OUR_HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)

#: Our copy -> (Material's file, [(Material's text, our text)]): the only edits.
COPIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "partials/nav-item.html": (
        "partials/nav-item.html",
        [
            (
                'id="{{ path }}_label" tabindex="{{ tabindex }}">',
                'id="{{ path }}_label" {% if tabindex %}tabindex="{{ tabindex }}"{% endif %}>',
            ),
            (
                'aria-labelledby="{{ path }}_label" aria-expanded',
                'aria-label="{{ nav_item.title | striptags | e }}" aria-expanded',
            ),
        ],
    ),
    "partials/search.html": (
        "partials/search.html",
        [
            (
                'data-md-component="search" role="dialog">',
                'data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
            )
        ],
    ),
    "partials/logo.html": (
        "partials/logo.html",
        [
            (
                "{% if config.theme.logo %}",
                "{% if nyf_edition and nyf_edition.logo_svg %}\n"
                "  {{ nyf_edition.logo_svg | safe }}\n"
                "{% elif config.theme.logo %}",
            )
        ],
    ),
    "partials/copyright.html": (
        "partials/copyright.html",
        [
            (
                '<div class="md-copyright">\n',
                '<div class="md-copyright">\n  {% include "partials/publisher.html" %}\n',
            )
        ],
    ),
}
#: Material partials we replace with our own markup -> Material's markup that
#: ours (or our script) reproduces, so that Material's styles still apply.
REPLACED = {
    # The language menu: a link to the languages page, styled as Material's button.
    "partials/alternate.html": [
        '<div class="md-header__option">',
        'class="md-header__button md-icon"',
        'config.theme.icon.alternate or "material/translate"',
    ],
}
#: Material partials we replace with nothing (inline scripts a strict CSP refuses).
#: The hash-free text is what their replacement comments say they did.
EMPTIED = {
    "partials/javascripts/base.html": "__md_scope=new URL(",
    "partials/javascripts/content.html": "__tabbed_",
}


def test_material_is_the_version_our_copies_name():
    from importlib.metadata import version

    assert version("mkdocs-material") == MATERIAL_VERSION, (
        "Material was upgraded: re-check every copied partial in overrides/partials "
        "(their header comments say what changed) and update MATERIAL_VERSION"
    )


@pytest.mark.parametrize("ours", sorted(COPIES))
def test_copied_partial_is_material_plus_our_edits(ours: str):
    original_name, edits = COPIES[ours]
    original = (MATERIAL / original_name).read_text(encoding="utf-8")
    assert original.startswith(GENERATED)
    expected = original[len(GENERATED) :]
    for before, after in edits:
        assert before in expected, (
            f"Material's {original_name} no longer contains {before!r}: "
            f"re-check overrides/{ours} against it"
        )
        expected = expected.replace(before, after)
    copy = (ROOT / "overrides" / ours).read_text(encoding="utf-8")
    assert f"Material {MATERIAL_VERSION}" in copy, f"overrides/{ours} must name the version"
    assert _OUR_HEADER.sub("", copy, count=1) == expected, (
        f"overrides/{ours} differs from Material's {original_name} by more than the "
        "edits listed in tests/test_theme_copies.py"
    )


@pytest.mark.parametrize(("ours", "marker"), sorted(EMPTIED.items()))
def test_emptied_partial_still_replaces_an_inline_script(ours: str, marker: str):
    original = (MATERIAL / ours).read_text(encoding="utf-8")
    assert "<script>" in original and marker in original, (
        f"Material's {ours} changed: re-check what overrides/{ours} replaces"
    )
    copy = (ROOT / "overrides" / ours).read_text(encoding="utf-8")
    assert "<script" not in _OUR_HEADER.sub("", copy, count=1).lower()


@pytest.mark.parametrize("ours", sorted(REPLACED))
def test_replaced_partial_still_matches_materials_markup(ours: str):
    original = (MATERIAL / ours).read_text(encoding="utf-8")
    for markup in REPLACED[ours]:
        assert markup in original, (
            f"Material's {ours} no longer writes {markup!r}: re-check overrides/{ours} "
            "and the script that builds its menu"
        )
    assert f"Material {MATERIAL_VERSION}" in (ROOT / "overrides" / ours).read_text(encoding="utf-8")


def test_material_still_writes_the_toggles_we_fix():
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    for toggle in MATERIAL_TOGGLES:
        assert toggle in base, f"Material's base.html changed: update MATERIAL_TOGGLES ({toggle})"


def test_every_copied_partial_is_guarded():
    """A new copy of a Material template must be listed above."""
    ours = {
        path.relative_to(ROOT / "overrides").as_posix()
        for path in (ROOT / "overrides" / "partials").rglob("*.html")
    }
    borrowed = {
        name
        for name in ours
        if (MATERIAL / name).is_file()
        and name
        not in {"partials/languages/" + p.name for p in (MATERIAL / "partials/languages").glob("*")}
    }
    assert borrowed == set(COPIES) | set(EMPTIED) | set(REPLACED)
