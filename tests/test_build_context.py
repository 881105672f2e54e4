"""One build context per build: the project's own data, read once, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import write_po
from nyf.build_context import BuildContext, build_context, project_root, start_build
from nyf.catalogs import read_catalog
from sitebuild import ROOT, make_project, run_mkdocs

NOTICE = "This page has not been translated into your language yet, so it is shown in English."


def _config(root: Path) -> SimpleNamespace:
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"))


def test_the_root_is_the_folder_of_mkdocs_yml(tmp_path: Path):
    assert project_root(_config(tmp_path)) == tmp_path.resolve()


def test_a_build_shares_one_context_and_a_new_run_starts_afresh(tmp_path: Path):
    config = _config(ROOT)
    first = start_build(config)
    assert build_context(config) is first
    assert first.registry is first.registry  # read once
    assert first.translations("cs") is first.translations("cs")  # compiled once
    second = start_build(config)
    assert second is not first and build_context(config) is second


def test_catalogs_are_compiled_in_memory(tmp_path: Path):
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    context = BuildContext(tmp_path)
    context._registry = BuildContext(ROOT).registry
    assert context.translations("cs").gettext("Get help") != "Get help"
    assert list(locales.rglob("*.mo")) == []


@pytest.mark.slow
def test_a_fixture_project_builds_with_its_own_catalogs(tmp_path: Path):
    """The hooks read the project of the mkdocs.yml they build, not this repository."""
    pages = {"en/index.md": "---\ntitle: Home\n---\n\n# Home\n\nText.\n"}
    config_file = make_project(tmp_path, pages)
    (tmp_path / "locales").unlink()
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    po = tmp_path / "locales/cs/LC_MESSAGES/messages.po"
    catalog = read_catalog(po, "cs")
    catalog[NOTICE].string = "FIXTURE " + catalog[NOTICE].string
    with po.open("wb") as fh:
        write_po(fh, catalog)
    result = run_mkdocs(config_file, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FIXTURE " in (tmp_path / "site/cs/index.html").read_text(encoding="utf-8")
    assert list((tmp_path / "locales").rglob("*.mo")) == []
