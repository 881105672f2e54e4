"""Validate the helpline data files against the schema and the semantic rules.

Usage: python scripts/validate_helplines.py [--strict] [--today YYYY-MM-DD] [FILES...]

With no FILES, checks every file in data/helplines/. Prints one line per
finding (file:line field: message) and a summary.

Exit status: 0 valid (warnings allowed), 1 invalid data (including a FILE that
does not exist), 2 usage error (unknown option, malformed --today).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from nyf import helplines


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, found {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="validate_helplines.py",
        description="Validate data/helplines/*.yml (schema, phone numbers, dates, sources).",
    )
    parser.add_argument("files", nargs="*", type=Path, help="files to check (default: all)")
    parser.add_argument(
        "--strict", action="store_true", help="treat stale records (older than 12 months) as errors"
    )
    parser.add_argument(
        "--today", type=_date, default=None, help="the date to check against (default: today)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits 2 on a usage error
    today = args.today or dt.date.today()
    directory = helplines.load_directory(today, files=args.files or None, strict=args.strict)
    for finding in directory.findings:
        print(finding, file=sys.stderr if finding.is_error else sys.stdout)
    errors, warnings = len(directory.errors), len(directory.warnings)
    print(
        f"{len(directory.countries)} files valid, {directory.service_count()} services; "
        f"{errors} error(s), {warnings} warning(s)"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
