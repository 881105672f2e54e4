"""Lighthouse scores (mobile) of sample pages, on demand; never in CI.

Usage: python scripts/lighthouse.py SITE_DIR [--out DIR] [--pages P ...]

Serves SITE_DIR on 127.0.0.1 with gzip (as a static host would), runs npm's
``lighthouse`` with Debian's chromium on each page (mobile, its default
throttling) and prints the four scores. Lighthouse is installed at run time
into /tmp/nyf-lighthouse (npm), never into the project.

Exit status: 0 all scores printed, 1 a run failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from nyf.localserver import serve

NPM_PREFIX = Path("/tmp/nyf-lighthouse")
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The home page, a help-now page and a helpline page, in English and Arabic (RTL).
DEFAULT_PAGES = ["", "help-now/", "helplines/cz/", "ar/", "ar/help-now/", "ar/helplines/cz/"]
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it, like a real static host."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects dir to dir/
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in _COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


def serve_gzip(directory: Path):
    return serve(directory, _GzipHandler)


def lighthouse_binary() -> Path:
    binary = NPM_PREFIX / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is missing: install Node.js 18 or later")
        NPM_PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--silent", "--prefix", str(NPM_PREFIX), "lighthouse"], check=True
        )
    return binary


def run_lighthouse(binary: Path, url: str, out: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def failed_audits(report_file: Path) -> list[str]:
    """Audits that cost points, for the report (weight > 0 and score < 1)."""
    report = json.loads(report_file.read_text(encoding="utf-8"))
    found = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{name}: {ref['id']} ({audit.get('displayValue', audit['score'])})")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lighthouse.py", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/nyf-lighthouse/reports"))
    parser.add_argument("--pages", nargs="+", default=DEFAULT_PAGES)
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: not a built site (no index.html)", file=sys.stderr)
        return 2
    binary = lighthouse_binary()
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{'page':<22} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    status = 0
    with serve_gzip(args.site_dir) as base:
        for page in args.pages:
            out = args.out / ((page.strip("/").replace("/", "_") or "home") + ".json")
            try:
                scores = run_lighthouse(binary, base + page, out)
            except (subprocess.SubprocessError, KeyError, json.JSONDecodeError) as error:
                print(f"{page or '/':<22} lighthouse failed: {error}")
                status = 1
                continue
            print(f"{page or '/':<22} " + " ".join(f"{scores[c]:>14}" for c in CATEGORIES))
            for audit in failed_audits(out):
                print(f"{'':<22}   {audit}")
    return status


if __name__ == "__main__":
    sys.exit(main())
