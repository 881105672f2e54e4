"""Check every link, asset, #anchor, hreflang alternate and sitemap entry of a built site.

Usage: python scripts/check_links.py SITE_DIR [--external] [--timeout S] [--no-cache]

Offline by default (it reads the files; it blocks the build on a problem).
``--external`` also checks outbound links over the network, concurrently and
politely (the checker of scripts/check_helpline_sites.py), with a cache of
results in .cache/external-links.json; it advises, and is never run in CI.

Exit status: 0 no problems, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml
from nyf import edition, linkcheck, urlcache, urlcheck
from nyf.languages import ROOT, load_registry
from nyf.yamlfile import DataError

CACHE_FILE = ROOT / ".cache" / "external-links.json"


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even where it uses !!python/name or !ENV tags."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_from(config_file: Path) -> str:
    registry = load_registry()
    chosen = edition.environment_edition(ROOT, registry)
    if chosen is not None:
        return chosen.site_url
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)
    return (config or {}).get("site_url") or "/"


def site_languages() -> list[linkcheck.SiteLanguage]:
    """The built site's languages: the edition's when NYF_EDITION names one."""
    registry = load_registry()
    chosen = edition.environment_edition(ROOT, registry)
    if chosen is not None:
        registry = edition.apply_to_registry(registry, chosen)
    return [
        linkcheck.SiteLanguage(lang.code, lang.hreflang, lang.url_prefix)
        for lang in registry.published()
    ]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="check_links.py", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build -d SITE_DIR)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="for site_url")
    parser.add_argument("--external", action="store_true", help="also check outbound URLs")
    parser.add_argument("--timeout", type=float, default=urlcheck.DEFAULT_TIMEOUT)
    parser.add_argument("--retries", type=int, default=urlcheck.DEFAULT_RETRIES)
    parser.add_argument("--per-host", type=int, default=urlcheck.DEFAULT_PER_HOST)
    parser.add_argument("--workers", type=int, default=urlcheck.DEFAULT_WORKERS)
    parser.add_argument("--cache", type=Path, default=CACHE_FILE, help="results cache (JSON)")
    parser.add_argument("--no-cache", action="store_true", help="check every URL again")
    return parser


def report_external(external: dict[str, list[str]], args: argparse.Namespace) -> list:
    """Check outbound URLs; print failures and redirects; return the failures."""

    def check(urls: list[str]) -> list[urlcheck.UrlStatus]:
        return urlcheck.check_all(urls, args.timeout, args.retries, args.workers, args.per_host)

    cache = None if args.no_cache else args.cache
    results = urlcache.cached_check(external, check, cache, urlcheck.UrlStatus)
    failures = []
    for url in sorted(results):
        result = results[url]
        pages = external[url]
        where = pages[0] + (f" (and {len(pages) - 1} more pages)" if len(pages) > 1 else "")
        status = f" HTTP {result.status}" if result.status is not None else ""
        detail = f" {result.detail}" if result.detail else ""
        if result.outcome == "redirect":
            print(f"{where}: external link {url}:{status} redirect{detail} (update the link)")
        elif result.outcome != urlcache.GOOD_OUTCOME:
            failures.append(result)
            print(f"{where}: external link {url}: {result.outcome}{status}{detail}")
    return failures


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: not a built site (no index.html)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        languages = site_languages()
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    report = linkcheck.check_site(args.site_dir, site_url_from(args.config), languages)
    for problem in report.problems:
        print(problem)
    elapsed = time.perf_counter() - started
    print(
        f"checked {report.pages} pages, {report.references} references in {elapsed:.2f}s: "
        f"{len(report.problems)} problems",
        file=sys.stderr,
    )
    failed = bool(report.problems)
    if args.external:
        failures = report_external(report.external, args)
        print(
            f"checked {len(report.external)} external URLs: {len(failures)} failed",
            file=sys.stderr,
        )
        failed = failed or bool(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
