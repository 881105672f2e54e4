"""Contributor docs stay true: every command and path they mention exists."""

from __future__ import annotations

import re

import pytest
from sitebuild import ROOT

DOCS = [
    "README.md",
    "TRANSLATING.md",
    "DEPLOYING.md",
    "scripts/README.md",
    "data/helplines/README.md",
]
_MAKE = re.compile(r"`make ([a-z-]+)")
# Paths from the project root; bare file names depend on context and are skipped.
_PATH = re.compile(r"`((?:docs|data|locales|overrides|scripts|tests|\.ci|\.github)/[^`\s]*)`")


def targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z-]+):", makefile, re.MULTILINE))


@pytest.mark.parametrize("doc", [d for d in DOCS if (ROOT / d).exists()])
def test_make_targets_exist(doc: str):
    text = (ROOT / doc).read_text(encoding="utf-8")
    missing = sorted(set(_MAKE.findall(text)) - targets())
    assert missing == [], f"{doc} mentions make targets that do not exist"


@pytest.mark.parametrize("doc", [d for d in DOCS if (ROOT / d).exists()])
def test_paths_exist(doc: str):
    text = (ROOT / doc).read_text(encoding="utf-8")
    missing = []
    for path in _PATH.findall(text):
        if "<" in path or "*" in path:
            continue  # a pattern such as docs/<code>/
        if not (ROOT / path.split("#")[0]).exists():
            missing.append(path)
    assert missing == [], f"{doc} mentions paths that do not exist"


def test_pattern_finds_paths():
    assert _PATH.findall("see `docs/en/index.md` and `data/languages.yml`") == [
        "docs/en/index.md",
        "data/languages.yml",
    ]
