"""What the site shows about translations: page notices and the status page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nyf import markdown_source
from nyf.languages import Registry
from nyf.translation_check import Problem, check_translation
from nyf.translations import (
    blob_hash,
    english_at,
    language_report,
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
        if lang.default:
            continue
        root = docs_dir / lang.code
        for path in sorted(root.rglob("*.md")) if root.is_dir() else []:
            found.append((lang.code, str(path.relative_to(root))))
    return found


def check_all_translations(docs_dir: Path, registry: Registry) -> list[str]:
    """Every problem of every translated page: metadata, safety, structure."""
    default = registry.default.code
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


def status_page_markdown(docs_dir: Path, registry: Registry) -> str:
    """The translators' status page, generated at build time (English)."""
    default = registry.default.code
    lines = [
        "---",
        "title: Translation status",
        "description: Which pages are translated, outdated or missing in each language.",
        "---",
        "",
        "# Translation status {#translation-status}",
        "",
        "This page is made when the site is built. It shows, for each language, how many "
        "pages are up to date, outdated (the English page changed since it was translated), "
        "missing, or not yet reviewed by a person.",
        *(
            ["", "The [translator guide](translate.md) explains how to update a page."]
            if (docs_dir / default / "about/translate.md").is_file()
            else []
        ),
        "",
        "| Language | Up to date | Outdated | Missing | Not reviewed | Up to date (%) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    details: list[str] = []
    for lang in registry.languages:
        if lang.default:
            continue
        report = language_report(docs_dir, lang.code, default)
        lines.append(
            f"| {lang.name} ({lang.code}) | {report['up_to_date']} | {report['outdated']} | "
            f"{report['missing']} | {report['unreviewed']} | {report['percent_up_to_date']} |"
        )
        todo = [d for d in report["details"] if d["state"] != "up-to-date" or not d["reviewed"]]
        if todo:
            details += ["", f"## {lang.name} ({lang.code}) {{#lang-{lang.code}}}", ""]
            details += [
                f"- `{d['page']}`: {d['state']}"
                + ("" if d["state"] == "missing" or d["reviewed"] else ", not reviewed")
                for d in todo
            ]
    return "\n".join(lines + details) + "\n"
