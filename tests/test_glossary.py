"""The translators' glossary covers every key term in every language; bad input is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from nyf.glossary import check_glossary
from nyf.languages import load_registry
from nyf.yamlfile import load_yaml
from sitebuild import ROOT, make_project, run_mkdocs

KEY_TERMS = {"sextortion", "grooming", "helpline", "evidence", "report", "quick exit"}
FILE = "data/glossary.yml"
REGISTRY = load_registry()
LANGUAGES = [lang.code for lang in REGISTRY.published() if not lang.default]
TERM = "  grooming:\n    en: grooming\n    note: An adult building trust.\n" + "".join(
    f"    {code}: x{code}\n" for code in LANGUAGES
)
GOOD = "terms:\n" + TERM


def test_every_key_term_in_every_language():
    assert check_glossary(ROOT / FILE, REGISTRY, FILE) == []
    assert set(load_yaml(ROOT / FILE).data["terms"]) >= KEY_TERMS


def _messages(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return [str(error) for error in check_glossary(path, REGISTRY, FILE)]


LAST = LANGUAGES[-1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The good glossary.
        (GOOD, []),
        # A language left out of a term.
        (
            GOOD.replace(f"    {LAST}: x{LAST}\n", ""),
            [f"{FILE}:2 terms.grooming: no {LAST}: line, expected the term in {LAST} as text"],
        ),
        # A language left empty.
        (
            GOOD.replace(f"    {LAST}: x{LAST}\n", f"    {LAST}:\n"),
            [
                f"{FILE}:{4 + len(LANGUAGES)} terms.grooming.{LAST}: found an empty value, "
                f"expected the term in {LAST} as text"
            ],
        ),
        # A misspelt language code.
        (
            GOOD + "    cz: navíc\n",
            [
                f"{FILE}:{5 + len(LANGUAGES)} terms.grooming.cz: found the field 'cz', expected "
                "en, note or a language code of data/languages.yml ("
                + ", ".join(sorted(lang.code for lang in REGISTRY.languages if not lang.default))
                + ")"
            ],
        ),
        # A term given as one line of text, not a mapping.
        (
            GOOD + "  helpline: linka pomoci\n",
            [
                f"{FILE}:{5 + len(LANGUAGES)} terms.helpline: found text, expected en:, note: "
                "and one line a language"
            ],
        ),
        # The same term twice.
        (
            GOOD + TERM,
            [
                f"{FILE}:{5 + len(LANGUAGES)} terms.grooming: duplicate key 'grooming' (first "
                "given on line 2); keep one and delete the other"
            ],
        ),
        # A tab used for indentation.
        (
            GOOD.replace("    note:", "\tnote:"),
            [f"{FILE}:4 a tab is used for indentation; YAML needs spaces"],
        ),
        # The terms: line forgotten.
        (
            TERM.replace("  ", "", 1),
            [f"{FILE}:1 found grooming, expected one key, terms:, with the terms below it"],
        ),
        # No terms at all.
        ("terms:\n", [f"{FILE}:1 terms: found an empty value, expected term: lines"]),
    ],
)
def test_every_bad_glossary_gets_one_message(tmp_path: Path, text: str, expected: list[str]):
    assert _messages(tmp_path, text) == expected


def test_a_language_may_be_missing_when_completeness_is_not_asked(tmp_path: Path):
    path = tmp_path / "glossary.yml"
    path.write_text(GOOD.replace(f"    {LAST}: x{LAST}\n", ""), encoding="utf-8")
    assert check_glossary(path, REGISTRY, FILE, complete=False) == []


@pytest.mark.slow
def test_a_malformed_glossary_stops_the_build(tmp_path: Path):
    config = make_project(tmp_path, {"en/index.md": "# Home\n"})
    (tmp_path / FILE).write_text(GOOD + "  helpline: linka pomoci\n", encoding="utf-8")
    result = run_mkdocs(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{FILE}:{5 + len(LANGUAGES)} terms.helpline: found text, expected en:" in output
    assert "Traceback" not in output
