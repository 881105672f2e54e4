"""Every built page is valid HTML, as the Nu HTML Checker (the W3C validator) sees it.

The checker (vnu.jar, pinned in scripts/install_test_tools.sh) runs once over
the whole built site. Any error fails, with the page, line and message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
VNU_COMMAND = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html"]


def nu_errors(site_dir: Path) -> list[dict]:
    if not VNU_JAR.is_file() or not shutil.which("java"):
        pytest.fail("the Nu HTML Checker is missing: run scripts/install_test_tools.sh")
    result = subprocess.run(
        [*VNU_COMMAND, str(site_dir)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


@pytest.mark.slow
def test_every_built_page_is_valid_html(site_dir: Path):
    errors = nu_errors(site_dir)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    assert pages > 0
    summary = Counter(error["message"] for error in errors)
    examples = [
        f"{error['url'].split(site_dir.name + '/', 1)[-1]}:{error.get('lastLine', '?')}: "
        f"{error['message']}"
        for error in errors[:20]
    ]
    assert errors == [], (
        f"{len(errors)} HTML error(s) in {pages} pages; most common:\n"
        + "\n".join(f"{count} × {message}" for message, count in summary.most_common(10))
        + "\nfirst ones:\n"
        + "\n".join(examples)
    )


@pytest.mark.slow
def test_the_checker_finds_an_error(tmp_path: Path):
    """The check can fail: a page with Material's old invalid markup is reported."""
    page = tmp_path / "index.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>x</title>'
        '<input type="checkbox" id="a" autocomplete="off"><label for="a" tabindex="">a</label>',
        encoding="utf-8",
    )
    messages = {error["message"].split(":")[0] for error in nu_errors(tmp_path)}
    assert any("tabindex" in message for message in messages)
    assert any("autocomplete" in message for message in messages)
