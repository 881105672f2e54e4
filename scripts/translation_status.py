"""Per language: which pages are up to date, outdated, missing or unreviewed.

Usage:
  python scripts/translation_status.py [LANG ...] [--json] [--pages]
  python scripts/translation_status.py --diff LANG PAGE

--pages lists every page with its state; --json prints the same as JSON;
--diff shows what changed in the English page since the version the
translation was made from (needs git: the old version is looked up by its
blob hash).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from nyf import markdown_source
from nyf.languages import ROOT, load_registry
from nyf.translations import english_at, language_report, page_state, read_translation_meta
from nyf.yamlfile import DataError

DOCS = ROOT / "docs"


def diff(docs: Path, language: str, page: str, default: str, root: Path = ROOT) -> tuple[int, str]:
    english = docs / default / page
    translated = docs / language / page
    if not english.is_file():
        return 2, f"error: docs/{default}/{page} does not exist"
    if not translated.is_file():
        return 1, f"docs/{language}/{page} is missing: there is no translation to compare"
    meta = read_translation_meta(translated, f"docs/{language}/{page}")
    state = page_state(docs, language, page, default)
    if state.state == "up-to-date":
        return 0, f"docs/{language}/{page} is up to date: the English page has not changed."
    old = english_at(meta.source, root)
    if old is None:
        return 1, (
            f"docs/{language}/{page}: translation.source {meta.source} is not in git history, "
            "so the old English text cannot be shown; compare by hand and update the hash"
        )
    new = markdown_source.read(english, f"docs/{default}/{page}")
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"docs/{default}/{page} (translated version {meta.source[:10]})",
        tofile=f"docs/{default}/{page} (now {state.current[:10]})",
    )
    return 0, "".join(lines)


def table(reports: list[dict]) -> str:
    head = f"{'lang':<6}{'pages':>6}{'up to date':>12}{'outdated':>10}{'missing':>9}"
    head += f"{'unreviewed':>12}{'invalid':>9}{'  % up to date':>15}"
    rows = [head, "-" * len(head)]
    for r in reports:
        rows.append(
            f"{r['language']:<6}{r['pages']:>6}{r['up_to_date']:>12}{r['outdated']:>10}"
            f"{r['missing']:>9}{r['unreviewed']:>12}{r['invalid']:>9}"
            f"{r['percent_up_to_date']:>14.1f}%"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None, docs: Path = DOCS, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", help="language codes (default: all)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--pages", action="store_true", help="list every page")
    parser.add_argument("--diff", nargs=2, metavar=("LANG", "PAGE"))
    args = parser.parse_args(argv)
    try:
        registry = load_registry(root / "data/languages.yml")
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    default = registry.default.code
    known = [lang.code for lang in registry.languages if not lang.default]
    if args.diff:
        language, page = args.diff
        if language not in known:
            parser.error(f"unknown language {language!r}; expected one of {', '.join(known)}")
        try:
            code, text = diff(docs, language, page, default, root)
        except DataError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(text)
        return code
    wanted = args.languages or known
    for language in wanted:
        if language not in known:
            parser.error(f"unknown language {language!r}; expected one of {', '.join(known)}")
    reports = [language_report(docs, language, default) for language in wanted]
    if args.json:
        print(json.dumps(reports, indent=2, ensure_ascii=False))
        return 0
    print(table(reports))
    for report in reports:
        for detail in report["details"]:
            if detail["state"] == "invalid":
                print(f"error: {detail['error']}")
            elif args.pages:
                review = "reviewed" if detail["reviewed"] else "unreviewed"
                review = "" if detail["state"] == "missing" else f" ({review})"
                print(f"{report['language']}  {detail['state']:<11} {detail['page']}{review}")
    return 1 if any(r["invalid"] for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
