"""What the site shows about translations: page notices and the status page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nyf import markdown_source
from nyf.languages import Registry
from nyf.page_build import Generated, is_standin
from nyf.translation_check import Problem, check_translation
from nyf.translations import (
    blob_hash,
    english_at,
    parse_translation_meta,
    read_translation_meta,
)
from nyf.yamlfile import DataError

#: The translators' status page, generated at build time in every language.
STATUS_PAGE = "about/translation-status.md"


@dataclass(frozen=True)
class TranslationNotice:
    outdated: bool
    machine_assisted: bool
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    partial: bool = False  # some units are shown in English


def translated_files(docs_dir: Path, registry: Registry) -> list[tuple[str, str]]:
    """(language, page) for every translated page that has an English source."""
    found = []
    for lang in registry.languages:
        if lang.source:
            continue
        root = docs_dir / lang.code
        for path in sorted(root.rglob("*.md")) if root.is_dir() else []:
            if is_standin(path):
                continue  # the English page itself, standing in (nyf.page_build)
            found.append((lang.code, str(path.relative_to(root))))
    return found


def check_all_translations(docs_dir: Path, registry: Registry) -> list[str]:
    """Every problem of every translated page: metadata, safety, structure."""
    default = registry.source.code
    problems: list[str] = []
    for language, page in translated_files(docs_dir, registry):
        display = f"docs/{language}/{page}"
        english = docs_dir / default / page
        if not english.is_file():
            problems.append(f"{display}: there is no English page docs/{default}/{page}; "
                            "rename the file to match the English file name")  # fmt: skip
            continue
        try:
            source = markdown_source.load(docs_dir / language / page, display).checked()
            meta = parse_translation_meta(source.front_matter, display)
            english_display = f"docs/{default}/{page}"
            english_text = markdown_source.read(english, english_display)
            if meta.source != blob_hash(english.read_bytes()):
                # An outdated translation keeps the shape of the English it was made
                # from (its notice tells readers so); compare it with that version.
                english_text = english_at(meta.source, docs_dir.parent) or english_text
        except DataError as error:
            problems.append(str(error))
            continue
        english_body = markdown_source.parse(english_text, english_display).body
        found: list[Problem] = check_translation(
            english_body, source.body, display, source.body_line
        )
        problems.extend(str(problem) for problem in found)
    return problems


def notice_for(translated: Path, english: Path, display: str) -> TranslationNotice:
    meta = read_translation_meta(translated, display)
    return TranslationNotice(
        outdated=meta.source != blob_hash(english.read_bytes()) or meta.fuzzy > 0,
        partial=meta.missing > 0,
        machine_assisted=not meta.reviewed,
        reviewed_by=meta.reviewed_by,
        reviewed_on=meta.reviewed_on,
    )


def status_page_markdown(docs_dir: Path, registry: Registry, generated: Generated) -> str:
    """The translators' status page, generated at build time (English), from the PO files."""
    default = registry.source.code
    lines = [
        "---",
        "title: Translation status",
        "description: How much of each page is translated, out of date or missing, by language.",
        "---",
        "",
        "# Translation status {#translation-status}",
        "",
        "This page is made when the site is built, from the translation files "
        "(`locales/pages/`). It counts units: headings, paragraphs, list items and table "
        "cells. *Fuzzy* units were translated, but the English has changed since. "
        "*Reviewed* units have been checked by a fluent person; the others are "
        "machine-assisted. A page is published in a language when enough of its units "
        "are translated (all of them for the pages for someone in crisis).",
        *(
            ["", "The [translator guide](translate.md) explains how to translate a page."]
            if (docs_dir / default / "about/translate.md").is_file()
            else []
        ),
        "",
        "| Language | Pages published | Units translated | Fuzzy | Missing | Reviewed |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    details: list[str] = []
    for lang in registry.languages:
        if lang.source:
            continue
        results = generated.for_language(lang.code)
        total = sum(r.status.total for r in results) or 1
        count = {key: sum(getattr(r.status, key) for r in results)
                 for key in ("translated", "fuzzy", "missing", "reviewed")}  # fmt: skip
        built = sum(1 for r in results if r.built)
        lines.append(
            f"| {lang.name} ({lang.code}) | {built} of {len(results)} | "
            f"{count['translated']} ({100 * count['translated'] / total:.0f} %) | "
            f"{count['fuzzy']} | {count['missing']} | {count['reviewed']} |"
        )
        todo = [r for r in results if r.status.translated < r.status.total]
        if todo:
            details += ["", f"## {lang.name} ({lang.code}) {{#lang-{lang.code}}}", ""]
            details += [
                f"- `{r.page}`: {r.status.percent:g} % translated"
                + (f", {r.status.fuzzy} fuzzy" if r.status.fuzzy else "")
                + ("" if r.built else f" (published from {r.threshold:g} %)")
                for r in todo
            ]
    return "\n".join(lines + details) + "\n"
