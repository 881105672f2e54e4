"""Translation bookkeeping: which English version a page translates, and its review.

A translated page records, in its front matter::

    translation:
      source: 5f0c3e1...        # git blob hash of the English file it translates
      status: machine-assisted  # or: reviewed
      reviewed_by: Jana Nováková   # only when reviewed
      reviewed_on: 2026-11-20      # only when reviewed

The blob hash is what `git hash-object docs/en/<page>` prints, so a translator
can fill it in by hand, and `git show <hash>` gives back the English text that
was translated. A page is *outdated* when the English file's hash changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nyf import markdown_source
from nyf.yamlfile import DataError, YamlDocument

STATUSES = ("machine-assisted", "reviewed")
_HASH = re.compile(r"^[0-9a-f]{40}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def english_at(blob: str, root: Path) -> str | None:
    """The English text with git blob hash ``blob``, or None if git (or the blob) is missing."""
    try:
        result = subprocess.run(
            ["git", "cat-file", "-p", blob], cwd=root, capture_output=True, check=False
        )
    except OSError:
        return None  # no git on this machine
    if result.returncode != 0:
        return None
    return markdown_source.decode(result.stdout, f"git blob {blob}")


def blob_hash(data: bytes) -> str:
    """The git blob hash of ``data`` (as ``git hash-object`` computes it)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass(frozen=True)
class TranslationMeta:
    source: str
    status: str
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    po: str | None = None  # generated from this PO file (nyf.page_build)
    fuzzy: int = 0  # units whose English changed since they were translated
    missing: int = 0  # units shown in English

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"


def parse_translation_meta(doc: YamlDocument | None, file: str) -> TranslationMeta:
    """Check a translated page's ``translation:`` front matter."""
    hint = (
        "add a 'translation:' block to the front matter with 'source:' (the git hash-object "
        "of the English page) and 'status: machine-assisted'"
    )
    if doc is None or not isinstance(doc.data, dict) or "translation" not in doc.data:
        raise DataError(file, 1, "translation", f"missing; {hint}")
    meta: Any = doc.data["translation"]
    path = ("translation",)
    if not isinstance(meta, dict):
        raise doc.error(path, f"found {meta!r}, expected a mapping with source and status")
    allowed = {"source", "status", "reviewed_by", "reviewed_on", "po", "fuzzy", "missing"}
    for key in meta:
        if key not in allowed:
            raise doc.error((*path, key), f"unknown field {key!r}; allowed: {', '.join(allowed)}")
    source = meta.get("source")
    if not isinstance(source, str) or not _HASH.match(source):
        raise doc.error(
            (*path, "source"),
            f"found {source!r}, expected the 40-character git blob hash of the English page "
            "(run: git hash-object docs/en/<page>.md)",
        )
    status = meta.get("status")
    if status not in STATUSES:
        raise doc.error((*path, "status"), f"found {status!r}, expected one of {STATUSES}")
    reviewed_by, reviewed_on = meta.get("reviewed_by"), meta.get("reviewed_on")
    if status == "reviewed":
        if not isinstance(reviewed_by, str) or not reviewed_by.strip():
            raise doc.error((*path, "reviewed_by"), "a reviewed page needs the reviewer's name")
        if not isinstance(reviewed_on, str) or not _DATE.match(reviewed_on):
            raise doc.error(
                (*path, "reviewed_on"), f"found {reviewed_on!r}, expected a date as YYYY-MM-DD"
            )
        try:
            dt.date.fromisoformat(reviewed_on)
        except ValueError:
            raise doc.error((*path, "reviewed_on"), f"{reviewed_on!r} is not a date") from None
    elif reviewed_by or reviewed_on:
        raise doc.error(
            (*path, "status"), "reviewed_by/reviewed_on are given, so status must be reviewed"
        )
    counts = {key: meta.get(key, 0) for key in ("fuzzy", "missing")}
    for key, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise doc.error((*path, key), f"found {value!r}, expected a number of units")
    po = meta.get("po")
    return TranslationMeta(source, status, reviewed_by, reviewed_on, po, **counts)


def read_translation_meta(path: Path, display: str) -> TranslationMeta:
    """The translation: block of the page at ``path``; any problem raises DataError."""
    source = markdown_source.load(path, display).checked()
    return parse_translation_meta(source.front_matter, display)
