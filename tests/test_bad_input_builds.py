"""The build with one file broken the way its editor might: one message, never a traceback.

The unit tests (test_helplines, test_catalogs, test_languages, test_published_urls)
hold a case for every bad input; these build a small fixture site with one of
each kind of file broken, to show that the hooks stop the build with the same
message and no traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import ROOT, make_project, run_mkdocs
from test_helpline_pages import PAGES

CS_PO = "locales/cs/LC_MESSAGES/messages.po"


def _replace(old: str, new: str):
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


CASES = [
    # services: left without a list.
    (
        "data/helplines/CZ.yml",
        lambda text: "country: CZ\nservices:\n",
        "data/helplines/CZ.yml:2 services: found nothing; expected a list",
    ),
    # A WhatsApp number that is only a plus sign.
    (
        "data/helplines/CZ.yml",
        _replace(
            '    chat: "https://chat', '    whatsapp:\n      - number: "+"\n    chat: "https://chat'
        ),
        "data/helplines/CZ.yml:12 services[0].whatsapp[0].number: '+' cannot be read as a "
        "phone number",
    ),
    # A helpline file saved as UTF-16.
    (
        "data/helplines/CZ.yml",
        lambda text: text.encode("utf-16"),
        "data/helplines/CZ.yml is saved as UTF-16; expected YAML saved as UTF-8",
    ),
    # A tab in the allowlist.
    (
        "data/helplines/allowlist.yml",
        _replace("  - country: BG", "\t- country: BG"),
        "data/helplines/allowlist.yml:10 a tab is used for indentation; YAML needs spaces",
    ),
    # An empty language name.
    (
        "data/languages.yml",
        _replace("name: English", 'name: ""'),
        "data/languages.yml:37 languages[0].name: is empty, expected the language's own name",
    ),
    # A redirect whose new path was left blank.
    (
        "data/redirects.yml",
        _replace("redirects: {}", "redirects:\n  old-page/:"),
        "data/redirects.yml:12 redirects.old-page/: found nothing, expected a path",
    ),
    # A redirect written with the language folder of the old address.
    (
        "data/redirects.yml",
        _replace("redirects: {}", "redirects:\n  cs/old-page/: help-now/"),
        "data/redirects.yml:12 redirects.cs/old-page/: 'cs/old-page/' starts with the language "
        "folder 'cs/'",
    ),
    # A policy with a keyword in double quotes, which would end the header (and the <meta>).
    (
        "mkdocs.yml",
        _replace("default-src 'self';", 'default-src "self";'),
        "extra.content_security_policy: found '\"' in the policy; a policy quotes its "
        "keywords with single quotes ('self', 'none')",
    ),
    # A catalog placeholder translated.
    (
        CS_PO,
        _replace('msgstr "Nejnovější zdroj: {date}"', 'msgstr "Nejnovější zdroj: {datum}"'),
        "msgstr: found the placeholder {datum}, which is not in msgid 'Newest source: {date}'",
    ),
    # A catalog whose header names another charset.
    (
        CS_PO,
        _replace("charset=utf-8", "charset=ISO-8859-1"),
        "Content-Type: found charset=iso-8859-1; expected charset=UTF-8",
    ),
    # A Plural-Forms formula with a parenthesis lost.
    (
        CS_PO,
        _replace("(n>=2 && n<=4) ? 1 : 2);", "(n>=2 && n<=4 ? 1 : 2);"),
        "Plural-Forms: found 'nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4 ? 1 : 2);', "
        "which gettext cannot read",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "change", "expected"), CASES, ids=[f"{c[0]}: {c[2][:40]}" for c in CASES]
)
def test_broken_file_stops_the_build_with_one_message(tmp_path: Path, path, change, expected):
    config = make_project(tmp_path, PAGES)
    if path.startswith("locales/"):
        # The fixture links to the real catalogs: break a copy, never the real one.
        (tmp_path / "locales").unlink()
        shutil.copytree(
            ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo")
        )
    target = tmp_path / path
    changed = change(target.read_text(encoding="utf-8"))
    if isinstance(changed, bytes):
        target.write_bytes(changed)
    else:
        target.write_text(changed, encoding="utf-8")
    result = run_mkdocs(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output[-3000:]
    assert expected in output, output[-3000:]
