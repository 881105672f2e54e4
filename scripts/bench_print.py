"""How long `make print` takes, and how big its PDFs are: in total and per kind.

Usage: python scripts/bench_print.py [SITE_DIR] [--lang CODE ...] [--country CC ...]
                                     [--kind KIND ...] [--out DIR] [--workers N]

Prints the PDFs of SITE_DIR/print/pdfs.json (all, or those chosen as with
scripts/print_pdfs.py) into DIR (default: a temporary folder, removed after)
and reports the count, time and size per kind, and the total. Nothing is
asserted: compare the figures between changes.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import print_pdfs
from nyf.printer import print_parallel


def main(argv: list[str] | None = None) -> int:
    args = print_pdfs.parse_args(argv)
    try:
        context, jobs = print_pdfs.prepare(args)
    except ValueError as error:
        print(f"bench_print: {error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="nyf-print-") as temporary:
        out = args.out or Path(temporary)
        start = time.perf_counter()
        printed = print_parallel(context, out, jobs, args.workers, quiet=True)
        total = time.perf_counter() - start
    kinds: dict[str, list] = defaultdict(list)
    for item in printed:
        kinds[item.job.kind].append(item)
    print(f"{'kind':<16}{'PDFs':>7}{'seconds':>10}{'s/PDF':>8}{'MB':>8}")
    for kind, items in kinds.items():
        seconds = sum(i.seconds for i in items)
        size = sum(i.size for i in items) / 1e6
        print(f"{kind:<16}{len(items):>7}{seconds:>10.1f}{seconds / len(items):>8.2f}{size:>8.1f}")
    size = sum(i.size for i in printed) / 1e6
    languages = len({i.job.lang for i in printed})
    print(
        f"{'total':<16}{len(printed):>7}{total:>10.1f}{total / max(len(printed), 1):>8.2f}"
        f"{size:>8.1f}   ({languages} languages, {args.workers} Chromium(s) side by side)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
