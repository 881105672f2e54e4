"""Benchmark: each language's search index (raw and gzip) and the time to the first result.

Usage: python scripts/bench_search.py SITE_DIR [--repeat N] [--network local|3g|all]
       [--languages cs de ...]

Prints one table of the search indexes the built site holds (every
``search_index.json``: entries, raw bytes, gzip bytes), then, for each
published language of data/languages.yml, the time from the moment a reader
focuses the search box on the language's home page to the first result for
the glossary term for "evidence", in Debian's chromium (a fresh context per
run, nothing cached), best and median of N runs. The site is served gzipped,
as a static host serves it; ``--network 3g`` also throttles it like a slow
phone connection (1.6 Mbit/s down, 150 ms round trip).

A benchmark, not a test: it asserts nothing about time. Exit status 0, or 2 on
a usage error (no such site).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import statistics
import sys
import time
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import yaml
from nyf.languages import REGISTRY_FILE, load_registry
from nyf.localserver import QuietHandler, serve
from nyf.search_index import index_sizes

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Chrome DevTools' "Fast 3G" preset: what a phone on a poor connection gets.
NETWORKS = {
    "local": None,
    "3g": {"latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8},
}
TIMEOUT_MS = 30_000
_COMPRESSED = (".json", ".js", ".css", ".html", ".xml", ".svg")


class GzipHandler(QuietHandler):
    """Serves text files gzipped, as static hosts do (Python's server does not)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in _COMPRESSED and path.is_file()):
            return SimpleHTTPRequestHandler.send_head(self)
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def glossary_term(code: str, term: str = "evidence") -> str:
    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    entry = glossary["terms"][term]
    return entry.get(code) or entry["en"]


def first_result_ms(browser, url: str, query: str, network: dict | None) -> float | None:
    """Milliseconds from focusing the search box to the first result (None: no result)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        if network:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)
        started = time.perf_counter()
        page.click(".md-search__input")
        page.keyboard.type(query)
        page.keyboard.press("End")  # a keyup, as a real keyboard sends for every letter
        try:
            page.wait_for_selector(".md-search-result__item", timeout=TIMEOUT_MS)
        except Exception:  # Playwright's TimeoutError: no result at all
            return None
        return (time.perf_counter() - started) * 1000
    finally:
        context.close()


def _ms(values: list[float]) -> str:
    if not values:
        return f"{'no result':>19}"
    return f"{min(values):10.0f} {statistics.median(values):8.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--network", choices=[*NETWORKS, "all"], default="all")
    parser.add_argument("--languages", nargs="*", help="language codes (default: all published)")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no built site here (run mkdocs build first)", file=sys.stderr)
        return 2

    print(f"{'search index':<40} {'entries':>7} {'raw KB':>8} {'gzip KB':>8}")
    for size in index_sizes(args.site_dir):
        print(f"{size.path:<40} {size.entries:>7} {size.raw / 1024:>8.1f} {size.gzip / 1024:>8.1f}")

    languages = load_registry(REGISTRY_FILE).published()
    if args.languages:
        languages = [lang for lang in languages if lang.code in args.languages]
    networks = list(NETWORKS) if args.network == "all" else [args.network]
    from playwright.sync_api import sync_playwright

    print(f"\nTime to the first result on the home page, ms ({args.repeat} runs: best, median)")
    heads = " ".join(f"{name + ' best':>10} {'median':>8}" for name in networks)
    print(f"{'language':<10} {'query':<26} {heads}")
    with serve(args.site_dir, GzipHandler) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for language in languages:
                query = glossary_term(language.code)
                cells = []
                for name in networks:
                    times = [
                        first_result_ms(browser, base + language.url_prefix, query, NETWORKS[name])
                        for _ in range(args.repeat)
                    ]
                    cells.append(_ms([t for t in times if t is not None]))
                shown = json.dumps(query, ensure_ascii=False)
                print(f"{language.code:<10} {shown:<26} {' '.join(cells)}")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
