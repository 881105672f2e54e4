"""The language registry: what it derives, and the message for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from nyf.languages import load_registry, parse_registry
from nyf.yamlfile import DataError, parse_yaml

GOOD_ENTRY = """\
  - code: en
    locale: en
    material: en
    hreflang: en
    name: English
    dir: ltr
    search: en
    published: true
    default: true
    exit_url: https://www.bbc.co.uk/weather
"""


def registry_text(*extra: str) -> str:
    return "languages:\n" + GOOD_ENTRY + "".join(extra)


def entry(**changes: object) -> str:
    fields = {
        "code": "ga",
        "locale": "ga",
        "material": "en",
        "hreflang": "ga",
        "name": "Gaeilge",
        "dir": "ltr",
        "search": "null",
        "published": "true",
        "exit_url": "https://www.met.ie/",
    }
    fields.update({k: v for k, v in changes.items() if v is not None})
    lines = [f"    {k}: {v}" for k, v in fields.items() if changes.get(k, "") is not None]
    lines[0] = "  - " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def parse(text: str):
    return parse_registry(parse_yaml(text, "data/languages.yml"))


def test_real_registry_has_the_eight_languages():
    registry = load_registry()
    assert [lang.code for lang in registry.published()] == [
        "en", "cs", "de", "fr", "es", "pl", "uk", "ar",
    ]  # fmt: skip
    assert registry.default.code == "en"
    assert registry.get("ar").dir == "rtl"


def test_derived_plugin_languages_and_search():
    registry = parse(registry_text(entry()))
    plugin = registry.i18n_plugin_languages()
    assert plugin[0] == {
        "locale": "en",
        "name": "English",
        "default": True,
        "build": True,
        "theme": {"language": "en", "direction": "ltr"},
    }
    # Irish: Material has no theme translation, so its strings use English.
    assert plugin[1]["theme"] == {"language": "en", "direction": "ltr"}
    assert registry.search_languages() == ["en"]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        # A field with a typo is named, with the fields that are allowed.
        (registry_text(entry(dirr="ltr")), 21, "unknown field 'dirr'"),
        # A required field is missing.
        (registry_text(entry(name=None)), 12, "missing field 'name'"),
        # Babel does not know the locale: one message, not a traceback.
        (registry_text(entry(locale="xx_YY")), 13, "Babel does not know the locale 'xx_YY'"),
        # Material has no language 'ga' and no override partial exists.
        (registry_text(entry(material="ga")), 14, "Material for MkDocs has no language 'ga'"),
        # Direction must be ltr or rtl.
        (registry_text(entry(dir="right")), 17, "found 'right', expected ltr or rtl"),
        # `published: yes` is a string under YAML 1.2, not a boolean.
        (registry_text(entry(published="yes")), 19, "found 'yes', expected true or false"),
        # The same code twice.
        (registry_text(entry(code="en")), 12, "the code 'en' is already used"),
        # lunr.js has no Irish stemmer.
        (registry_text(entry(search="ga")), 18, "lunr.js has no language 'ga'"),
        # The exit link must be https.
        (registry_text(entry(exit_url="http://x.ie")), 20, "expected an https:// address"),
        # A code that mkdocs-static-i18n would refuse.
        (registry_text(entry(code="Irish")), 12, "found 'Irish', expected a language code"),
        # Two defaults.
        (registry_text(entry(default="true")), 1, "exactly one language with 'default: true'"),
        # Not a list.
        ("languages: en\n", 1, "expected a non-empty list of languages"),
        # Wrong top level.
        ("langs: []\n", 1, "expected a top-level key 'languages:'"),
    ],
)
def test_bad_registry_gets_one_clear_message(text, line, expected):
    with pytest.raises(DataError) as raised:
        parse(text)
    message = str(raised.value)
    assert expected in message
    assert message.startswith(f"data/languages.yml:{line} ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A tab used for indentation.
        ("languages:\n\t- code: en\n", "data/languages.yml:2 a tab is used for indentation"),
        # Broken YAML syntax.
        ("languages: [en\n", "YAML syntax error"),
        # An empty file.
        ("# nothing\n", "the file is empty"),
        # A duplicate key.
        ("languages: []\nlanguages: []\n", "duplicate key 'languages'"),
        # A binary file.
        ("\x00\x01", "this is not a text file"),
    ],
)
def test_malformed_yaml(text, expected):
    with pytest.raises(DataError, match=expected):
        parse(text)


def test_missing_registry_file(tmp_path: Path):
    with pytest.raises(DataError, match="file not found"):
        load_registry(tmp_path / "languages.yml")
