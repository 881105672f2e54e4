"""Quality gates of the translations: every unit in its language, with the glossary's words.

Usage: python scripts/translation_quality.py [--misses] [--language CODE ...]

Reads every translated unit of the page PO files (locales/pages/) and of the
interface catalogs (locales/<locale>/LC_MESSAGES/messages.po), offline:

- language: a unit confidently in another language than its file's (left in
  English, or written in another language) fails; units too short to judge are
  skipped, and a unit with the translator comment `# lang-ok: <reason>` is exempt;
- glossary: where the English uses a term of data/glossary.yml, the translation
  should use the language's term; misses are counted (--misses lists them), and
  only a core term missing altogether fails.

Prints each failure (file:line: msgid: why) and a table per language, with the
time taken; exits 1 when a unit fails. What it checks is described in
TRANSLATING.md ("What the build checks in a translation") and in
scripts/nyf/translation_quality.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from babel import Locale
from nyf import catalogs, page_po
from nyf import translation_quality as tq
from nyf.languages import Registry, load_registry
from nyf.page_build import english_pages
from nyf.yamlfile import DataError, load_yaml

ROOT = Path(__file__).resolve().parents[1]


def read_all(root: Path, registry: Registry, codes: list[str]) -> list[tq.Unit]:
    """The translated units of every page PO file and interface catalog of ``codes``."""
    units: list[tq.Unit] = []
    pages = english_pages(root / "docs", registry.source.code)
    for code in codes:
        lang = registry.get(code)
        for page in pages:
            path = page_po.po_path(root, page, lang.locale)
            if path.is_file():
                units += tq.read_units(path, page_po.display(root, path), code)
        path = catalogs.po_path(lang.locale, root / "locales")
        if path.is_file():
            units += tq.units_of(
                catalogs.read_catalog(path, lang.locale), page_po.display(root, path), code
            )
    return units


def english_name(registry: Registry, code: str) -> str:
    return Locale.parse(registry.get(code).locale).get_display_name("en") or code


def run(root: Path, codes: list[str] | None = None, misses: bool = False, out=None) -> int:
    out = out or sys.stdout
    started = time.perf_counter()
    registry = load_registry(root / "data" / "languages.yml")
    chosen = codes or [lang.code for lang in registry.languages if not lang.source]
    units = read_all(root, registry, chosen)
    read = time.perf_counter() - started
    names = {lang.code: english_name(registry, lang.code) for lang in registry.languages}
    detector = tq.Detector({lang.code: lang.hreflang for lang in registry.languages})
    language = tq.check_languages(units, detector, names)
    terms = tq.glossary_terms(load_yaml(root / "data" / "glossary.yml", "data/glossary.yml").data)
    glossary = tq.check_glossary(units, terms)
    elapsed = time.perf_counter() - started

    problems = language.problems + glossary.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    if misses:
        for miss in glossary.misses:
            print(f"glossary (warning): {miss}", file=out)
    print(
        f"{'lang':5} {'units':>6} | {'language: checked':>17} {'short':>6} {'exempt':>6} "
        f"{'no model':>8} {'failed':>6} | {'glossary: uses':>14} {'matched':>7} {'missed':>6} "
        f"{'failed':>6}",
        file=out,
    )
    total = {"units": 0}
    for code in chosen:
        count = sum(1 for unit in units if unit.code == code)
        lc = language.counts.get(code, tq.LanguageCounts())
        gc = glossary.counts.get(code, tq.GlossaryCounts())
        row = {"units": count, **{f"l_{k}": v for k, v in vars(lc).items()},
               **{f"g_{k}": v for k, v in vars(gc).items()}}  # fmt: skip
        for key, value in row.items():
            total[key] = total.get(key, 0) + value
        if count:
            _row(code, row, out)
    _row("all", total, out)
    print(
        f"{len(problems)} unit(s) failed; {len(glossary.misses)} glossary miss(es) reported "
        f"(--misses lists them); {len(units)} units read in {read:.1f} s, "
        f"checked in {elapsed:.1f} s (minimum {tq.MIN_LETTERS} letters to judge a language)",
        file=out,
    )
    return 1 if problems else 0


def _row(code: str, row: dict[str, int], out) -> None:
    print(
        f"{code:5} {row['units']:>6} | {row['l_checked']:>17} {row['l_short']:>6} "
        f"{row['l_exempt']:>6} {row['l_no_model']:>8} {row['l_failed']:>6} | "
        f"{row['g_checked']:>14} {row['g_matched']:>7} {row['g_missed']:>6} {row['g_failed']:>6}",
        file=out,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--misses", action="store_true", help="list every glossary miss")
    parser.add_argument("--language", action="append", metavar="CODE", help="only this language")
    args = parser.parse_args(argv)
    try:
        return run(ROOT, args.language, args.misses)
    except (DataError, KeyError) as error:
        print(str(error).strip("'\""), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
