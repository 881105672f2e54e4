"""Make a QR code (SVG) for any page of the site, for posters and slides.

Usage: python scripts/qrcode.py URL_OR_PATH -o out.svg

URL_OR_PATH is a full address (https://...) or a path on the site such as
/cs/help-now/ or help-now/, joined to site_url from mkdocs.yml.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from check_links import site_url_from
from nyf.languages import ROOT
from nyf.qr import qr_svg
from nyf.site_i18n import absolute_url


def page_url(url_or_path: str, site_url: str) -> str:
    if url_or_path.startswith(("https://", "http://")):
        return url_or_path
    return absolute_url(site_url, url_or_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qrcode.py", description=__doc__.splitlines()[0])
    parser.add_argument("url", help="https://... or a path on the site, such as /cs/help-now/")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the SVG file to write")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="for site_url")
    args = parser.parse_args(argv)
    if args.output.suffix.lower() != ".svg":
        parser.error(f"-o {args.output}: expected a file name ending in .svg")
    url = page_url(args.url, site_url_from(args.config))
    args.output.write_text(qr_svg(url, title=url), encoding="utf-8")
    print(f"{args.output}: QR code for {url}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
