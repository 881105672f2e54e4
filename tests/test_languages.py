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


def test_real_registry_publishes_the_finished_languages():
    registry = load_registry()
    assert [lang.code for lang in registry.published()] == [
        "en", "cs", "de", "fr", "es", "pl", "uk", "ar", "bg", "da", "el", "et", "fi", "ga",
        "hr", "hu", "it", "lt", "lv", "mt", "nl", "pt", "ro", "sk", "sl", "sv", "is", "nb",
        "tr", "ru",
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
        # An empty name: the language switcher would show nothing.
        (registry_text(entry(name='""')), 16, "name: is empty, expected the language's own name"),
        # A name left blank after the colon.
        (registry_text(entry(name="")), 16, "name: found nothing, expected the language's own"),
        # A space in the exit address.
        (
            registry_text(entry(exit_url="https:// www.met.ie/")),
            20,
            "found 'https:// www.met.ie/', expected an https:// address without spaces",
        ),
        # A locale written with a dash, as in URLs.
        (registry_text(entry(locale="ga-IE")), 13, "Babel does not know the locale 'ga-IE'"),
        # A direction in capitals.
        (registry_text(entry(dir="RTL")), 17, "found 'RTL', expected ltr or rtl"),
        # An entry that is only a code.
        (registry_text("  - ga\n"), 12, "found 'ga', expected a mapping of fields"),
        # languages: with nothing under it.
        ("languages:\n", 1, "found nothing; expected a non-empty list of languages"),
        # A list at the top instead of languages:.
        ("- code: en\n", 1, "found a list or text; expected a top-level key 'languages:'"),
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
        # An unclosed quote, named on the line that opens it.
        (
            'languages:\n  - code: en\n    name: "English\n    dir: ltr\n',
            "data/languages.yml:3 YAML syntax error: a quote opened on this line is not closed",
        ),
        # A colon inside an unquoted value.
        (
            "languages:\n  - code: en\n    site_name: Help: now\n",
            "data/languages.yml:3 YAML syntax error: a colon and a space inside a value",
        ),
    ],
)
def test_malformed_yaml(text, expected):
    with pytest.raises(DataError, match=expected):
        parse(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Saved as UTF-16 (Notepad's "Unicode").
        ("languages: []\n".encode("utf-16"), "is saved as UTF-16; expected YAML saved as UTF-8"),
        # Saved as Latin-1: the first byte that is not UTF-8, with its line.
        (
            "languages:\n  - name: Español\n".encode("latin-1"),
            ":2 found the byte b'\\xf1', which is not UTF-8",
        ),
    ],
)
def test_registry_in_another_encoding(tmp_path: Path, raw: bytes, expected: str):
    path = tmp_path / "languages.yml"
    path.write_bytes(raw)
    with pytest.raises(DataError) as raised:
        load_registry(path)
    assert str(raised.value).startswith(str(path))
    assert expected in str(raised.value)


def test_missing_registry_file(tmp_path: Path):
    with pytest.raises(DataError, match="file not found"):
        load_registry(tmp_path / "languages.yml")


def test_search_languages_come_from_the_installed_theme():
    import material
    from nyf.languages import lunr_languages

    folder = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min"
    languages = lunr_languages()
    assert {"en", "de", "fr", "es", "ar"} <= languages
    assert not languages & {"multi", "stemmer"}
    for code in languages - {"en"}:
        assert (folder / f"lunr.{code}.min.js").is_file(), code


# --- the languages page behind the language menu ----------------------------------------


def test_languages_page_lists_every_published_language_escaped():
    from nyf.site_i18n import languages_page_markdown, languages_page_url

    hostile = entry(code="ga", name="'\"<script>alert(1)</script>'", published="true")
    hidden = entry(code="mt", locale="mt", hreflang="mt", name="Malti", published="false")
    registry = parse_registry(parse_yaml(registry_text(hostile, hidden), "languages.yml"))
    text = languages_page_markdown(registry, "https://example.org/nyf/", 'Jazyky "<b>"')
    body = text.split("\n---\n", 1)[1]
    assert "<script>alert" not in text and "<b>" not in body
    assert "&lt;script&gt;" in text
    assert 'title: "Jazyky \\"<b>\\""' in text  # YAML-quoted; the heading is escaped
    assert '<h1 id="languages">Jazyky &#34;&lt;b&gt;&#34;</h1>' in text
    assert '<a href="/nyf/" hreflang="en" lang="en" dir="ltr">English</a>' in text
    assert 'href="/nyf/ga/" hreflang="ga"' in text
    assert "Malti" not in text  # not published
    assert '<script src="/nyf/assets/javascripts/languages.js"></script>' in text
    assert languages_page_url(registry.get("ga")) == "ga/languages/"
    assert languages_page_url(registry.default) == "languages/"
