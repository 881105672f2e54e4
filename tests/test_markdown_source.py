"""Every bad page a translator can save gets one message with file, line, found, expected.

The page is read as the build reads it (nyf.markdown_source) and checked with
the source rules the build runs on every page (nyf.content_rules.check_source).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nyf import content_rules as cr
from nyf import markdown_source
from nyf.translations import read_translation_meta
from nyf.yamlfile import DataError
from sitebuild import make_project, run_mkdocs

FILE = "docs/cs/x.md"
RULES = cr.load_rules("cs")
GOOD = "---\ntitle: Pomoc\ndescription: D\n---\n\n# Pomoc {#pomoc}\n\nText.\n"
PLAIN = 'expected plain text on one line, such as title: "Help now"'
COLON = (
    "YAML syntax error: a colon and a space inside a value, or a line indented too far; "
    "put a value that holds ': ' in double quotes, and line each field up with the one above"
)


def messages(raw: bytes) -> list[str]:
    """What the build says about a page saved as ``raw``."""
    try:
        text = markdown_source.decode(raw, FILE)
    except DataError as error:
        return [str(error)]
    return [str(f) for f in cr.check_source("x.md", cr.parse_page(text, FILE), RULES)]


def change(old: str, new: str) -> bytes:
    assert old in GOOD, old
    return GOOD.replace(old, new).encode()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A byte-order mark (Notepad's "UTF-8 with BOM"): read like MkDocs reads it.
        (("\ufeff" + GOOD).encode(), []),
        # The YAML document end marker ... closes the front matter, as in MkDocs.
        (change("D\n---", "D\n..."), []),
        # Windows line ends.
        (GOOD.replace("\n", "\r\n").encode(), []),
        # A tab used for indentation.
        (
            change("description", "\tdescription"),
            [f"{FILE}:3 [front-matter] a tab is used for indentation; YAML needs spaces"],
        ),
        # A quote opened and never closed: the line of the opening quote.
        (
            change("title: Pomoc", 'title: "Pomoc'),
            [
                f"{FILE}:2 [front-matter] YAML syntax error: a quote opened on this line is not "
                'closed; expected the text between two straight quotes ("...")'
            ],
        ),
        # A colon inside an unquoted title.
        (change("title: Pomoc", "title: Pomoc: hned"), [f"{FILE}:2 [front-matter] {COLON}"]),
        # A line indented under the line before.
        (change("description", "  description"), [f"{FILE}:3 [front-matter] {COLON}"]),
        # The title as a list (a "- " added by mistake).
        (
            change("title: Pomoc", "title:\n  - Pomoc\n  - hned"),
            [f"{FILE}:2 [front-matter] title: found a list, {PLAIN}"],
        ),
        # The title as a number.
        (
            change("title: Pomoc", "title: 112"),
            [f"{FILE}:2 [front-matter] title: found a number, {PLAIN}"],
        ),
        # The title as a boolean.
        (
            change("title: Pomoc", "title: true"),
            [f"{FILE}:2 [front-matter] title: found true or false, {PLAIN}"],
        ),
        # An empty title.
        (
            change("title: Pomoc", "title:"),
            [f"{FILE}:2 [front-matter] title: found an empty value, {PLAIN}"],
        ),
        # A key given twice.
        (
            change("description: D", "description: D\ntitle: Znovu"),
            [
                f"{FILE}:4 [front-matter] title: duplicate key 'title' (first given on line 2); "
                "keep one and delete the other"
            ],
        ),
        # Front matter that is a list, not key: value lines.
        (
            b"---\n- title: Pomoc\n---\n\n# Pomoc\n",
            [
                f"{FILE}:2 [front-matter] found a list, expected key: value lines such as "
                "title: Help now"
            ],
        ),
        # Front matter that is one line of text.
        (
            b"---\nPomoc hned\n---\n\n# Pomoc\n",
            [
                f"{FILE}:2 [front-matter] found text, expected key: value lines such as "
                "title: Help now"
            ],
        ),
        # Saved in Windows-1250 (a Czech legacy encoding).
        (
            GOOD.replace("Text.", "Nápověda.").encode("cp1250"),
            [f"{FILE}:8 not UTF-8 (byte 0xE1 at offset 56); save the file as UTF-8"],
        ),
        # Saved in Latin-1.
        (
            GOOD.replace("Text.", "Père.").encode("latin-1"),
            [f"{FILE}:8 not UTF-8 (byte 0xE8 at offset 56); save the file as UTF-8"],
        ),
        # Saved as UTF-16 (Notepad's "Unicode").
        (
            GOOD.encode("utf-16"),
            [f"{FILE}:1 not UTF-8 (byte 0xFF at offset 0); save the file as UTF-8"],
        ),
        # A heading id with a space in it.
        (
            (GOOD + "\n## Co dělat {#co delat}\n\nText.\n").encode(),
            [
                f"{FILE}:10 [heading-id] found {{#co delat}} with a space in the id, expected "
                "one word such as {#co-delat}"
            ],
        ),
        # The same id twice in a page.
        (
            (GOOD + "\n## Znovu {#pomoc}\n\nText.\n").encode(),
            [
                f"{FILE}:10 [heading-id] found {{#pomoc}} again (first on line 6), expected each "
                "id once in a page"
            ],
        ),
        # An id that starts with a digit.
        (
            (GOOD + "\n## První {#1-krok}\n\nText.\n").encode(),
            [
                f"{FILE}:10 [heading-id] found {{#1-krok}}, expected an id of letters, digits and "
                "hyphens that starts with a letter"
            ],
        ),
    ],
)
def test_every_bad_page_gets_one_message(raw: bytes, expected: list[str]):
    assert messages(raw) == expected


def test_front_matter_lines_are_the_files_lines():
    source = markdown_source.parse("\ufeff---\ntitle: T\nlesson:\n  a: 1\n...\n\n# T\n", FILE)
    assert source.meta == {"title": "T", "lesson": {"a": 1}}
    assert (source.key_line("title"), source.key_line("lesson", "a")) == (2, 4)
    assert source.body_line == 6
    assert source.headings()[0].line == 7


def test_one_grammar_for_ids_outside_code():
    body = "# T {#t}\n\n## A {: #a .wide }\n\nText {#para}\n\n```\n## B {#code}\n```\n`{#inline}`\n"
    assert [(h.level, h.text, h.id) for h in markdown_source.headings(body)] == [
        (1, "T", "t"),
        (2, "A", "a"),
    ]
    assert [i.id for i in markdown_source.explicit_ids(body)] == ["t", "a", "para"]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        # A translated page whose front matter is a list.
        ("---\n- translation: x\n---\n", f"{FILE}:2 front matter: found a list, expected key: "),
        # A translated page with broken YAML.
        ('---\ntitle: "T\n---\n', f"{FILE}:2 front matter: YAML syntax error: a quote opened "),
    ],
)
def test_translation_metadata_of_a_bad_page(tmp_path: Path, front: str, expected: str):
    page = tmp_path / "x.md"
    page.write_text(front + "\n# T\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_translation_meta(page, FILE)
    assert str(raised.value).startswith(expected)


def test_translation_metadata_of_a_latin1_page(tmp_path: Path):
    page = tmp_path / "x.md"
    page.write_bytes("---\ntitle: Père\n---\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"^docs/cs/x\.md:2 not UTF-8 \(byte 0xE8 at offset 12\)"):
        read_translation_meta(page, FILE)


# --- the build refuses a bad page ------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("page", "raw", "expected"),
    [
        # A page saved in Latin-1: MkDocs alone would stop with a traceback.
        (
            "en/about.md",
            "---\ntitle: Père\n---\n\n# About\n".encode("latin-1"),
            "docs/en/about.md:2 not UTF-8 (byte 0xE8 at offset 12); save the file as UTF-8",
        ),
        # A title given as a list, with a heading id with a space.
        (
            "en/about.md",
            b"---\ntitle:\n  - A\n---\n\n# About {#about us}\n",
            "docs/en/about.md:2 [front-matter] title: found a list, expected plain text",
        ),
    ],
)
def test_the_build_stops_on_a_bad_page(tmp_path: Path, page: str, raw: bytes, expected: str):
    config = make_project(tmp_path, {"en/index.md": "# Home\n"})
    (tmp_path / "docs" / page).write_bytes(raw)
    result = run_mkdocs(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output
    assert "Traceback" not in output
