"""Translation workflow: metadata, status tool, safety and parity checks, notices."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from nyf import markdown_source
from nyf.translation_check import check_translation
from nyf.translations import blob_hash, parse_translation_meta
from nyf.yamlfile import DataError
from sitebuild import BuildFailed, build_fixture

ENGLISH = """\
# Help now {#help-now}

It is not your fault.

## Stop replying {#stop-replying}

- Do not pay.
- Do not send more.

Call [116 111](tel:116111) or read [what to do](evidence.md#save-evidence).
See [Take It Down](https://takeitdown.ncmec.org/).
"""

CZECH = """\
# Pomoc hned {#help-now}

Není to tvoje vina.

## Přestaň odpovídat {#stop-replying}

- Neplať.
- Neposílej nic dalšího.

Zavolej na [116 111](tel:116111) nebo si přečti [co dělat](evidence.md#save-evidence).
Viz [Take It Down](https://takeitdown.ncmec.org/).
"""


def meta(source: str, status: str = "machine-assisted", extra: str = "") -> str:
    return f"---\ntitle: T\ntranslation:\n  source: {source}\n  status: {status}\n{extra}---\n\n"


def test_blob_hash_is_what_git_computes(tmp_path: Path):
    path = tmp_path / "page.md"
    path.write_text(ENGLISH, encoding="utf-8")
    git = subprocess.run(["git", "hash-object", str(path)], capture_output=True, text=True)
    assert blob_hash(path.read_bytes()) == git.stdout.strip()


def test_a_faithful_translation_has_no_problem():
    assert check_translation(ENGLISH, CZECH, "docs/cs/help-now/index.md") == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # A script element.
        (lambda t: t + "\n<script>alert(1)</script>\n", "not allowed in a translation: <script>"),
        # An inline event handler through raw HTML.
        (lambda t: t + '\n<p onclick="x()">Klikni</p>\n', "onclick="),
        # An inline style through attr_list.
        (lambda t: t.replace("Není to tvoje vina.", 'Není to tvoje vina.\n{: style="color:red"}'),
         "style="),
        # An iframe.
        (lambda t: t + '\n<iframe src="https://x.example/"></iframe>\n', "<iframe>"),
        # A javascript: link.
        (lambda t: t + "\n[x](javascript:alert(1))\n", "javascript:"),
        # A link to a host that the English page does not link to.
        (lambda t: t.replace("https://takeitdown.ncmec.org/", "https://evil.example/"),
         "link to https://evil.example/ is not in the English page"),
        # A changed phone link.
        (lambda t: t.replace("tel:116111", "tel:+420800123456"), "phone links differ"),
        # A phone number added in the text.
        (lambda t: t.replace("Není to tvoje vina.", "Není to tvoje vina. Volej 800 155 555."),
         "the number 800155555 is not in the English page"),
        # A heading id dropped.
        (lambda t: t.replace(" {#stop-replying}", ""),
         "heading id {#stop-replying} of the English page is missing"),
        # An internal link changed.
        (lambda t: t.replace("evidence.md#save-evidence", "report.md"),
         "link report.md is not in the English page"),
        # A list item added.
        (lambda t: t.replace("- Neplať.", "- Neplať.\n- Navíc."), "3 list items, but the English"),
    ],
)  # fmt: skip
def test_rejected_translations(change, expected):
    problems = [str(p) for p in check_translation(ENGLISH, change(CZECH), "docs/cs/x.md")]
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("docs/cs/x.md:") for p in problems)


def test_problem_names_the_line():
    bad = CZECH.replace("Není to tvoje vina.", '<p onclick="x()">Není</p>')
    problems = check_translation(ENGLISH, bad, "docs/cs/x.md", body_line=5)
    assert str(problems[0]).startswith("docs/cs/x.md:7 ")


HASH = "a" * 40


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        # No translation block at all.
        ("---\ntitle: T\n---\n", "translation: missing"),
        # A short hash.
        (meta("abc123"), "expected the 40-character git blob hash"),
        # An unknown status.
        (meta(HASH, "done"), "found 'done', expected one of"),
        # Reviewed without a reviewer.
        (meta(HASH, "reviewed", "  reviewed_on: 2026-11-01\n"), "needs the reviewer's name"),
        # Reviewed with a bad date.
        (meta(HASH, "reviewed", "  reviewed_by: Jana\n  reviewed_on: 1.11.2026\n"),
         "expected a date as YYYY-MM-DD"),
        # A misspelt field.
        (meta(HASH, "machine-assisted", "  reviewer: Jana\n"), "unknown field 'reviewer'"),
    ],
)  # fmt: skip
def test_bad_translation_metadata(front, expected):
    source = markdown_source.parse(front + "# T\n", "docs/cs/x.md")
    with pytest.raises(DataError) as raised:
        parse_translation_meta(source.front_matter, "docs/cs/x.md")
    assert expected in str(raised.value)
    assert str(raised.value).startswith("docs/cs/x.md:")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n---\n\n{body}"


def test_notices_in_built_pages(tmp_path: Path):
    english_help = page("Help now", ENGLISH.replace("evidence.md#save-evidence", "../index.md"))
    current = blob_hash(english_help.encode())
    czech = CZECH.replace("evidence.md#save-evidence", "../index.md")
    german = czech.replace("Pomoc hned", "Hilfe")
    pages = {
        "en/index.md": page("Home", "# Home\n"),
        "en/help-now/index.md": english_help,
        "cs/help-now/index.md": meta(current) + czech,
        "de/help-now/index.md": meta("b" * 40, "reviewed",
                                     "  reviewed_by: Jo\n  reviewed_on: 2026-11-01\n") + german,
    }  # fmt: skip
    site = build_fixture(tmp_path, pages)
    cs = (site / "cs/help-now/index.html").read_text(encoding="utf-8")
    de = (site / "de/help-now/index.html").read_text(encoding="utf-8")
    # Up to date but machine-assisted: says so, no outdated notice.
    assert "nyf-notice--translation" in cs
    assert "English page has changed" not in cs
    # Reviewed but outdated: links to the English page.
    assert "This page was translated with the help of a machine" not in de
    assert 'href="../../help-now/" hreflang="en"' in de
    # The translators' status page is generated.
    status = (site / "about/translation-status/index.html").read_text(encoding="utf-8")
    assert "Translation status" in status


def test_build_refuses_an_unsafe_translation(tmp_path: Path):
    english = page("Home", "# Home {#home}\n\nText.\n")
    pages = {
        "en/index.md": english,
        "cs/index.md": meta(blob_hash(english.encode()))
        + '# Domů {#home}\n\n<p onclick="steal()">Text.</p>\n',
    }
    with pytest.raises(BuildFailed) as raised:
        build_fixture(tmp_path, pages)
    assert "docs/cs/index.md:" in str(raised.value)
    assert "onclick=" in str(raised.value)
