"""Print the site's PDFs: help-now leaflets, posters and lesson packs (`make print`).

Usage: python scripts/print_pdfs.py [SITE_DIR] [--out DIR] [--lang CODE ...]
                                    [--country CC ...] [--kind KIND ...] [--workers N]

Reads SITE_DIR/print/pdfs.json (written by `make build`: every PDF the site
publishes) and prints them, or those of some languages, countries or kinds,
with Chromium into DIR/<lang>/ (default SITE_DIR/print/). Languages are URL
codes of data/languages.yml (en, cs, ar), countries helpline codes (CZ, cz),
kinds: leaflet, poster, lesson, lesson-country. Several values may be given
with commas or spaces (--lang "en ar").

Exit status: 0 printed, 1 printing failed, 2 bad input (unknown language,
country or kind; no built site).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from nyf import printing
from nyf.languages import load_registry
from nyf.printer import Context, print_parallel

ROOT = Path(__file__).resolve().parents[1]


def _values(raw: list[str] | None) -> list[str]:
    return [v for item in raw or [] for v in item.replace(",", " ").split()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, help="folder of the PDFs (default SITE/print)")
    parser.add_argument("--lang", action="append", help="language code(s), e.g. en or 'en ar'")
    parser.add_argument("--country", action="append", help="country code(s), e.g. CZ")
    parser.add_argument("--kind", action="append", help=", ".join(printing.KINDS))
    parser.add_argument("--quiet", action="store_true", help="no line per PDF")
    parser.add_argument(
        "--workers",
        type=int,
        default=min(os.cpu_count() or 1, 4),
        help="Chromiums printing side by side (default: the CPUs, at most 4)",
    )
    return parser.parse_args(argv)


def prepare(args: argparse.Namespace) -> tuple[Context, list[printing.Job]]:
    """The site and the jobs the user asked for; ValueError says what is wrong."""
    try:
        listing = printing.read_pdf_list(args.site)
    except FileNotFoundError as error:
        raise ValueError(str(error)) from None
    langs = _values(args.lang)
    countries = [c.upper() for c in _values(args.country)]
    kinds = _values(args.kind)
    for message in (
        printing.check_choice("language", langs, listing["languages"]),
        printing.check_choice("country", countries, listing["countries"]),
        printing.check_choice("kind", kinds, list(printing.KINDS), "expected one of"),
    ):
        if message:
            raise ValueError(message)
    jobs = printing.select(
        printing.plan(
            listing["languages"],
            listing["countries"],
            listing["lessons"],
            lesson_languages=listing.get("lesson_languages"),
        ),
        langs,
        countries,
        kinds,
    )
    registry = load_registry()
    context = Context(
        site_dir=args.site,
        site_url=listing["site_url"],
        site_name=listing["site_name"],
        languages={lang.code: lang for lang in registry.languages},
    )
    return context, jobs


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        context, jobs = prepare(args)
    except ValueError as error:
        print(f"print_pdfs: {error}", file=sys.stderr)
        return 2
    out = args.out or args.site / printing.PRINT_DIR
    start = time.perf_counter()
    try:
        printed = print_parallel(context, out, jobs, args.workers, args.quiet)
    except (OSError, ValueError) as error:
        print(f"print_pdfs: printing failed: {error}", file=sys.stderr)
        return 1
    total = sum(p.size for p in printed) / 1e6
    seconds = time.perf_counter() - start
    print(f"{len(printed)} PDF(s), {total:.1f} MB, in {seconds:.0f} s: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
