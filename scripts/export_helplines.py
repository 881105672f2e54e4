"""Export the helpline data as open data: helplines.json and helplines.schema.json.

Usage: python scripts/export_helplines.py OUT_DIR

The site build publishes the same two files at its root (overrides/hooks/
helplines.py); this script is for using the data outside the site. Refuses
invalid data (exit 1); exit 2 on a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nyf import helplines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="export_helplines.py", description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path, help="directory to write the two files into")
    args = parser.parse_args(argv)
    directory = helplines.load_directory(dt.date.today())
    if directory.errors:
        print(helplines.format_findings(directory.errors), file=sys.stderr)
        print("not exported: fix the errors above first", file=sys.stderr)
        return 1
    for path in helplines.write_export(directory, helplines.load_schema(), args.out_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
