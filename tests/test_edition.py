"""Editions (editions/<name>.yml): the message for each mistake, and what an edition changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from nyf import edition as ed
from nyf.languages import REGISTRY_FILE, load_registry
from nyf.yamlfile import DataError, parse_yaml

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = load_registry(REGISTRY_FILE)
COUNTRIES = {p.stem for p in (ROOT / "data" / "helplines").glob("[A-Z][A-Z].yml")}
PUBLISHED = [lang.code for lang in REGISTRY.published()]
UNPUBLISHED = next((lang.code for lang in REGISTRY.languages if not lang.published), None)

GOOD = """\
site_url: https://cz.example.org/
default_language: cs
languages: [cs, en, uk]
default_country: CZ
site_name:
  cs: Není to tvoje vina
logo: editions/logos/cz-example.svg
colours:
  primary: "#1d4f91"
  accent: "#a0302a"
quick_exit:
  cs: https://www.chmi.cz/
publisher:
  name: Example centre
  contact: hello@example.org
  imprint: https://www.example.org/imprint
"""


def parse(text: str, root: Path = ROOT) -> ed.Edition:
    return ed.parse_edition(parse_yaml(text, "editions/x.yml"), REGISTRY, root, COUNTRIES)


def changed(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new)


def test_good_edition_parses():
    edition = parse(GOOD)
    assert edition.default_language == "cs"
    assert edition.languages == ("cs", "en", "uk")
    assert edition.default_country == "CZ"
    assert edition.publisher.contact_href == "mailto:hello@example.org"
    assert edition.logo_svg.startswith("<svg") and 'aria-hidden="true"' in edition.logo_svg


#: (the file's text, the line of the message, what the message must say)
BAD = [
    pytest.param(changed("site_url: https://cz.example.org/\n", ""), 1,
                 "missing key 'site_url': write site_url: followed by an https:// address",
                 id="no-site-url"),
    pytest.param(changed("https://cz.example.org/", "http://cz.example.org/"), 1,
                 "site_url: found 'http://cz.example.org/'; expected an https:// address such as "
                 "https://www.example.org/ (the site links only to secure https:// addresses)",
                 id="http-site-url"),
    pytest.param(changed("default_language: cs", "default_language: Czech"), 2,
                 "default_language: found 'Czech'; expected a language code of data/languages.yml",
                 id="language-name-not-code"),
    pytest.param(changed("default_language: cs", "default_language: de"), 2,
                 "found 'de', which is not in languages; expected one of cs, en, uk",
                 id="default-not-built"),
    pytest.param(changed("[cs, en, uk]", "[cs, uk]"), 3,
                 "must include 'en', the source language", id="no-english"),
    pytest.param(changed("[cs, en, uk]", "[cs, en, xx]"), 3,
                 "languages[2]: the language 'xx' is not in data/languages.yml; expected one of",
                 id="unknown-language"),
    pytest.param(changed("[cs, en, uk]", "[cs, en, cs]"), 3,
                 "name each language only once", id="twice"),
    pytest.param(changed("[cs, en, uk]", "all"), 3,
                 "found 'all'; expected a list of language codes such as [cs, en, uk], or "
                 "published", id="languages-word"),
    pytest.param(changed("[cs, en, uk]", "[]"), 3,
                 "is empty; give at least one entry", id="languages-empty"),
    pytest.param(changed("default_country: CZ", "default_country: cz"), 4,
                 "default_country: found 'cz'; expected a two-letter country code such as CZ",
                 id="country-lowercase"),
    pytest.param(changed("default_country: CZ", "default_country: XK"), 4,
                 "data/helplines/ has no file XK.yml", id="country-without-data"),
    pytest.param(changed("  cs: Není to tvoje vina", "  de: Nicht deine Schuld"), 6,
                 "site_name.de: the language 'de' is not in languages", id="name-other-language"),
    pytest.param(changed("  cs: Není to tvoje vina", "  cs: <b>Není</b>"), 6,
                 "site_name.cs: found '<b>Není</b>'; expected the site's name as plain text",
                 id="name-markup"),
    pytest.param(changed("cz-example.svg", "cz-example.png"), 7,
                 "logo: found 'editions/logos/cz-example.png'; expected the path of an .svg file",
                 id="logo-png"),
    pytest.param(changed("cz-example.svg", "missing.svg"), 7,
                 "which is not a file in the repository", id="logo-missing"),
    pytest.param(changed("logo: editions/logos/cz-example.svg", "logo: ../../etc/x.svg"), 7,
                 "which is not a file in the repository", id="logo-outside"),
    pytest.param(changed('primary: "#1d4f91"', "primary: blue"), 9,
                 "colours.primary: found 'blue'; expected a colour such as #1b5e52",
                 id="colour-name"),
    pytest.param(changed('accent: "#a0302a"', 'accent: "#ff9900"'), 10,
                 "colours.accent: white text on #ff9900 has a contrast ratio of 2.14:1; WCAG AA "
                 "needs at least 4.5:1", id="colour-contrast"),
    pytest.param(changed('  accent: "#a0302a"\n', ""), 8,
                 "missing key 'accent'", id="colour-missing"),
    pytest.param(changed("  cs: https://www.chmi.cz/", "  cs: www.chmi.cz"), 12,
                 "quick_exit.cs: found 'www.chmi.cz'; expected an https:// address of a neutral",
                 id="exit-not-url"),
    pytest.param(changed("  contact: hello@example.org", "  contact: hello"), 15,
                 "publisher.contact: found 'hello'; expected an e-mail address or an https://",
                 id="contact"),
    pytest.param(changed("  imprint: https://www.example.org/imprint\n", ""), 13,
                 "missing key 'imprint'", id="no-imprint"),
    pytest.param(changed("publisher:", "publsher:"), 13,
                 "unknown key 'publsher'; expected one of", id="misspelt-key"),
    pytest.param("- cs\n- en\n", 1, "found a list; expected keys such as site_url:",
                 id="a-list"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "message"), BAD)
def test_bad_edition_is_refused_with_file_line_and_what_to_write(text, line, message):
    with pytest.raises(DataError) as caught:
        parse(text)
    assert message in str(caught.value)
    assert caught.value.file == "editions/x.yml"
    assert caught.value.line == line


def test_misspelt_key_suggests_the_right_one():
    with pytest.raises(DataError, match="did you mean 'publisher'"):
        parse(changed("publisher:", "publsher:"))


@pytest.mark.skipif(UNPUBLISHED is None, reason="every language is published")
def test_unpublished_language_is_refused():
    with pytest.raises(DataError, match=r"is not published in data/languages\.yml"):
        parse(changed("[cs, en, uk]", f"[cs, en, {UNPUBLISHED}]"))


SVG = 'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"'

#: (the logo, what the message must say)
BAD_LOGOS = [
    pytest.param(f"<svg {SVG}><script>alert(1)</script></svg>", "holds a <script> element",
                 id="script"),
    pytest.param(f'<svg {SVG} onload="alert(1)"/>', "has the event handler onload=", id="onload"),
    pytest.param(f'<svg {SVG}><a href="https://evil.example/">x</a></svg>',
                 "refers to 'https://evil.example/'", id="link"),
    pytest.param(f'<svg {SVG} xmlns:xlink="http://www.w3.org/1999/xlink"><use '
                 'xlink:href="other.svg#a"/></svg>', "refers to 'other.svg#a'", id="use-file"),
    pytest.param(f'<svg {SVG}><rect fill="url(https://x.example/p)"/></svg>',
                 "may not refer to another file or host", id="url-fill"),
    pytest.param(f"<svg {SVG}><image/></svg>", "holds a <image> element", id="image"),
    pytest.param(f"<svg {SVG}><style>@import url(x.css)</style></svg>",
                 "holds a <style> element", id="style-element"),
    pytest.param(f'<svg {SVG}><rect style="fill:red"/></svg>', "use attributes such as fill=",
                 id="style-attribute"),
    pytest.param(f"<svg {SVG}><foreignObject/></svg>", "holds a <foreignObject> element",
                 id="foreign-object"),
    pytest.param('<!DOCTYPE svg [<!ENTITY x "y">]><svg/>', "DOCTYPE or ENTITY", id="entity"),
    pytest.param("<html/>", "has the root element 'html'", id="not-svg"),
    pytest.param("<svg", "is not well-formed XML", id="broken"),
]  # fmt: skip


@pytest.mark.parametrize(("svg", "message"), BAD_LOGOS)
def test_unsafe_logo_is_refused(svg, message):
    with pytest.raises(DataError) as caught:
        ed.check_svg(svg, "editions/logos/x.svg")
    assert message in str(caught.value)
    assert str(caught.value).startswith("editions/logos/x.svg")


def test_logo_in_the_edition_file_is_checked(tmp_path):
    (tmp_path / "editions").mkdir()
    (tmp_path / "editions/bad.svg").write_text(f'<svg {SVG} onclick="x()"/>', encoding="utf-8")
    with pytest.raises(DataError, match=r"editions/bad.svg .*event handler onclick="):
        parse(changed("editions/logos/cz-example.svg", "editions/bad.svg"), root=tmp_path)


def test_plain_logo_with_internal_references_is_kept():
    svg = (
        f'<svg {SVG}><defs><linearGradient id="g"/></defs>'
        '<rect fill="url(#g)" width="8" height="8"/></svg>'
    )
    assert 'fill="url(#g)"' in ed.check_svg(svg, "x.svg")


@pytest.mark.parametrize(
    ("one", "two", "ratio"),
    [("#ffffff", "#000000", 21.0), ("#ffffff", "#1b5e52", 7.58), ("#ffffff", "#ffffff", 1.0)],
)
def test_contrast_ratio_is_wcag(one, two, ratio):
    assert ed.contrast_ratio(one, two) == pytest.approx(ratio, abs=0.01)


def test_edition_applies_to_the_registry():
    registry = ed.apply_to_registry(REGISTRY, parse(GOOD))
    assert registry.default.code == "cs" and registry.default.url_prefix == ""
    assert registry.get("en").url_prefix == "en/"
    assert registry.source.code == "en"
    assert [lang.code for lang in registry.published()] == [
        code for code in PUBLISHED if code in ("cs", "en", "uk")
    ]
    assert registry.get("cs").exit_url == "https://www.chmi.cz/"


def test_international_edition_changes_nothing():
    """`make build EDITION=editions/international.yml` is the site `make build` makes."""
    edition = ed.load_edition(ROOT / "editions/international.yml", REGISTRY, ROOT, COUNTRIES)
    assert ed.apply_to_registry(REGISTRY, edition) == REGISTRY
    mkdocs = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert edition.site_url == mkdocs["site_url"]
    assert edition.default_country is None
    assert not (edition.logo_svg or edition.colours or edition.publisher or edition.site_name)


def test_shipped_czech_edition_is_valid():
    edition = ed.load_edition(ROOT / "editions/cz.yml", REGISTRY, ROOT, COUNTRIES)
    assert (edition.default_language, edition.default_country) == ("cs", "CZ")
    assert "fictional" in edition.publisher.name


def test_missing_edition_file_says_how_to_name_one():
    with pytest.raises(DataError, match="no such edition file; expected a file such as"):
        ed.load_edition(ROOT / "editions/nope.yml", REGISTRY, ROOT, COUNTRIES)


def test_edition_path_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(ed.ENV_VAR, raising=False)
    assert ed.edition_path(ROOT) is None
    monkeypatch.setenv(ed.ENV_VAR, "editions/cz.yml")
    assert ed.edition_path(ROOT) == ROOT / "editions/cz.yml"


def test_source_and_default_are_separate():
    assert REGISTRY.source.code == "en"
    changed_default = dataclasses.replace(
        REGISTRY,
        languages=tuple(
            dataclasses.replace(lang, default=lang.code == "cs") for lang in REGISTRY.languages
        ),
    )
    assert changed_default.source.code == "en" and changed_default.default.code == "cs"
