"""Scaffolding a language: one registry entry and a catalog, no copied pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import add_language
import pytest
from nyf.languages import load_registry
from sitebuild import ROOT


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    target = tmp_path / "languages.yml"
    shutil.copy(ROOT / "data/languages.yml", target)
    return target


def test_adds_scottish_gaelic_with_derived_fields(registry_file: Path, tmp_path: Path, capsys):
    locales = tmp_path / "locales"
    code = add_language.main(
        ["gd", "--exit-url", "https://gd.wikipedia.org/"], registry_file, locales
    )
    assert code == 0
    gaelic = load_registry(registry_file).get("gd")
    assert (gaelic.name, gaelic.dir, gaelic.material, gaelic.search) == (
        "Gàidhlig", "ltr", "en", None,
    )  # fmt: skip
    assert gaelic.published is False
    assert (locales / "gd/LC_MESSAGES/messages.po").is_file()
    assert not (ROOT / "docs/gd").exists()
    assert "Next:" in capsys.readouterr().out
    # The comments of the registry are kept.
    assert registry_file.read_text(encoding="utf-8").startswith("# The language registry")


def test_derives_right_to_left_for_hebrew(registry_file: Path, tmp_path: Path):
    assert add_language.main(["he"], registry_file, tmp_path / "locales") == 0
    hebrew = load_registry(registry_file).get("he")
    assert (hebrew.dir, hebrew.material) == ("rtl", "he")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        # The language is there already.
        (["cs"], 1, "'cs' is already in"),
        # Babel does not know it.
        (["zz"], 2, "Babel does not know the locale 'zz'"),
        # A plain-http exit URL is refused and nothing changes.
        (["gd", "--exit-url", "http://x.ie/"], 1, "nothing changed"),
    ],
)
def test_refusals(registry_file: Path, tmp_path: Path, capsys, argv, code, message):
    before = registry_file.read_text(encoding="utf-8")
    assert add_language.main(argv, registry_file, tmp_path / "locales") == code
    assert message in capsys.readouterr().err
    assert registry_file.read_text(encoding="utf-8") == before
