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

import yaml
from nyf import helpline_export, helplines

MKDOCS_FILE = helplines.ROOT / "mkdocs.yml"


def site_url(mkdocs_file: Path = MKDOCS_FILE) -> str:
    """The site's address from mkdocs.yml: the publisher's URL and, with about/, the contact."""
    config = yaml.safe_load(mkdocs_file.read_text(encoding="utf-8"))
    return config["site_url"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="export_helplines.py", description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path, help="directory to write the two files into")
    args = parser.parse_args(argv)
    directory = helplines.load_directory(dt.date.today())
    if directory.errors:
        print(helplines.format_findings(directory.errors), file=sys.stderr)
        print("not exported: fix the errors above first", file=sys.stderr)
        return 1
    publication = helpline_export.Publication(site_url(), dt.date.today())
    for path in helpline_export.write_export(
        directory, helplines.load_schema(), args.out_dir, publication
    ):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
