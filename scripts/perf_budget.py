"""Report what each page costs on first view, heaviest first; fail over budget.

Usage: python scripts/perf_budget.py SITE_DIR [--budget data/perf-budget.yml]
       [--top N] [--browser] [--assets]

Per page: the gzip bytes of everything the first view loads (the HTML, its
stylesheets and what they url(), scripts, eager images, the icon) and the
number of requests, read from the files. Then each language's search index
(raw and gzip), which a page fetches only when the reader starts a search.
``--browser`` also loads the budget's sample pages in Debian's chromium
(Playwright) on a local copy of the site and reports every request made
before the reader interacts, such as a search index that the theme's script
fetches on load.

Exit status: 0 within budget, 1 over budget, 2 usage error.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import yaml
from nyf.builtsite import BuiltSite, load_site, resolve_url
from nyf.localserver import serve
from nyf.search_index import IndexSize, index_sizes

ROOT = Path(__file__).resolve().parents[1]
BUDGET_FILE = ROOT / "data" / "perf-budget.yml"
#: The compression level most static hosts use (nginx gzip_comp_level and
#: Apache mod_deflate both default to 6): what a reader really downloads.
GZIP_LEVEL = 6
#: How long the browser may go on fetching after "load" before we call the
#: first view finished (the reader has not interacted yet).
SETTLE_MS = 1500
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
_BUDGET_KEYS = {
    "max_gzip_bytes": int,
    "max_requests": int,
    "not_before_interaction": list,
    "browser_pages": list,
}
#: Optional: the gzip bytes of each language's search index, fetched on a search.
_OPTIONAL_KEYS = {"max_search_index_gzip_bytes": int}
#: Optional: pages allowed more bytes, each with the reason (a long reference page).
_EXCEPTION_KEYS = {"pages": str, "max_gzip_bytes": int, "reason": str}


@dataclass(frozen=True)
class Budget:
    max_gzip_bytes: int
    max_requests: int
    not_before_interaction: list[str]
    browser_pages: list[str]
    exceptions: tuple[tuple[str, int], ...] = ()
    max_search_index_gzip_bytes: int | None = None

    def max_gzip_bytes_for(self, page: str) -> int:
        """The byte budget of one page: the general one, or its exception's."""
        for pattern, limit in self.exceptions:
            if fnmatch(page, pattern):
                return limit
        return self.max_gzip_bytes


@dataclass
class PageCost:
    page: str
    resources: dict[str, int] = field(default_factory=dict)  # site path -> gzip bytes
    missing: list[str] = field(default_factory=list)

    @property
    def gzip_bytes(self) -> int:
        return sum(self.resources.values())

    @property
    def requests(self) -> int:
        return len(self.resources) + len(self.missing)


def load_budget(path: Path) -> Budget:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of {', '.join(_BUDGET_KEYS)}")
    for key, kind in _BUDGET_KEYS.items():
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            raise ValueError(f"{path}: {key}: found {data.get(key)!r}, expected {kind.__name__}")
    for key, kind in _OPTIONAL_KEYS.items():
        if key in data and (not isinstance(data[key], kind) or isinstance(data[key], bool)):
            raise ValueError(f"{path}: {key}: found {data[key]!r}, expected {kind.__name__}")
    unknown = sorted(set(data) - set(_BUDGET_KEYS) - set(_OPTIONAL_KEYS) - {"exceptions"})
    if unknown:
        allowed = ", ".join([*_BUDGET_KEYS, *_OPTIONAL_KEYS, "exceptions"])
        raise ValueError(f"{path}: unknown key {unknown[0]!r}; allowed: {allowed}")
    exceptions = []
    for number, entry in enumerate(data.get("exceptions") or []):
        for key, kind in _EXCEPTION_KEYS.items():
            value = entry.get(key) if isinstance(entry, dict) else None
            if not isinstance(value, kind) or isinstance(value, bool) or value == "":
                raise ValueError(
                    f"{path}: exceptions[{number}].{key}: found {value!r}, expected "
                    f"{kind.__name__} (each exception needs pages, max_gzip_bytes and a reason)"
                )
        exceptions.append((entry["pages"], entry["max_gzip_bytes"]))
    return Budget(
        **{key: data[key] for key in _BUDGET_KEYS},
        exceptions=tuple(exceptions),
        **{key: data[key] for key in _OPTIONAL_KEYS if key in data},
    )


class Site:
    """A built site on disk: its model (read once, when first needed) and gzip sizes."""

    def __init__(self, site_dir: Path, model: BuiltSite | None = None) -> None:
        self.dir = site_dir
        self._model = model
        self._sizes: dict[str, int] = {}

    @property
    def model(self) -> BuiltSite:
        if self._model is None:
            self._model = load_site(self.dir)
        return self._model

    def gzip_size(self, path: str) -> int:
        if path not in self._sizes:
            data = (self.dir / path).read_bytes()
            self._sizes[path] = len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
        return self._sizes[path]

    def resolve(self, from_path: str, url: str) -> str | None:
        """Site path of a same-site URL, or None for data:, other hosts and the like."""
        if not url.strip():
            return from_path or "index.html"  # the document itself
        if url.startswith("#"):
            return None
        resolved = resolve_url(from_path, url)
        if resolved is None or resolved.path is None:
            return None
        path = resolved.path
        if path == "" or path.endswith("/"):
            path += "index.html"
        return path


def page_cost(site: Site, page: str) -> PageCost:
    cost = PageCost(page)
    cost.resources[page] = site.gzip_size(page)
    todo = [(page, ref.url) for ref in site.model.pages[page].first_view()]
    while todo:
        base, url = todo.pop(0)
        path = site.resolve(base, url)
        if path is None or path in cost.resources or path in cost.missing:
            continue
        if path not in site.model.files:
            cost.missing.append(path)
            continue
        cost.resources[path] = site.gzip_size(path)
        stylesheet = site.model.stylesheets.get(path)
        if stylesheet is not None:
            todo.extend((path, u) for u in stylesheet.urls)
    return cost


def site_costs(site_dir: Path) -> list[PageCost]:
    """Every page of the site but redirect stubs, heaviest first."""
    site = Site(site_dir)
    pages = sorted(path for path, page in site.model.pages.items() if not page.is_redirect)
    costs = [page_cost(site, path) for path in pages]
    return sorted(costs, key=lambda c: (-c.gzip_bytes, -c.requests, c.page))


def over_budget(cost: PageCost, budget: Budget) -> list[str]:
    problems = []
    limit = budget.max_gzip_bytes_for(cost.page)
    if cost.gzip_bytes > limit:
        problems.append(f"{cost.page}: {cost.gzip_bytes} bytes gzip on first view, budget {limit}")
    if cost.requests > budget.max_requests:
        problems.append(
            f"{cost.page}: {cost.requests} requests on first view, budget {budget.max_requests}"
        )
    problems.extend(f"{cost.page}: loads {path}, which does not exist" for path in cost.missing)
    return problems


def format_table(costs: list[PageCost], budget: Budget, top: int | None) -> str:
    rows = [f"{'page':<52} {'requests':>8} {'gzip KB':>8}  status"]
    for cost in costs[:top] if top else costs:
        status = "ok" if not over_budget(cost, budget) else "OVER"
        rows.append(f"{cost.page:<52} {cost.requests:>8} {cost.gzip_bytes / 1024:>8.1f}  {status}")
    return "\n".join(rows)


def format_assets(costs: list[PageCost]) -> str:
    """What each shared file costs, and on how many pages it loads."""
    used: dict[str, tuple[int, int]] = {}
    for cost in costs:
        for path, size in cost.resources.items():
            if path != cost.page:
                used[path] = (size, used.get(path, (size, 0))[1] + 1)
    shared = {path: value for path, value in used.items() if value[1] > 1}
    rows = [f"{'asset':<52} {'pages':>6} {'gzip KB':>8}"]
    for path, (size, count) in sorted(shared.items(), key=lambda item: -item[1][0]):
        rows.append(f"{path:<52} {count:>6} {size / 1024:>8.1f}")
    single = [size for size, count in used.values() if count == 1]
    if single:
        rows.append(
            f"{len(single)} files loaded by one page each (such as qr.svg), "
            f"at most {max(single) / 1024:.1f} KB"
        )
    return "\n".join(rows)


def search_index_problems(sizes: list[IndexSize], budget: Budget) -> list[str]:
    limit = budget.max_search_index_gzip_bytes
    if limit is None:
        return []
    return [
        f"{size.path}: {size.gzip} bytes gzip, budget {limit} (fetched when a search starts)"
        for size in sizes
        if size.gzip > limit
    ]


def format_search_indexes(sizes: list[IndexSize]) -> str:
    rows = [
        f"{'search index (fetched on a search)':<52} {'entries':>8} {'raw KB':>8} {'gzip KB':>8}"
    ]
    for size in sizes:
        rows.append(
            f"{size.path:<52} {size.entries:>8} {size.raw / 1024:>8.1f} {size.gzip / 1024:>8.1f}"
        )
    return "\n".join(rows)


# --- the browser: what is fetched before the reader interacts -------------------------


@dataclass
class BrowserLoad:
    page: str
    fetched: list[str]  # site paths requested before any interaction
    gzip_bytes: int
    forbidden: list[str]


def browser_loads(
    site_dir: Path, pages: list[str], budget: Budget, browser=None
) -> list[BrowserLoad]:
    """Load each page in chromium; record every request until the page settles.

    ``browser``: a Playwright Browser to reuse (the tests have one); by default
    Debian's chromium is started and closed here.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            own = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return browser_loads(site_dir, pages, budget, own)
            finally:
                own.close()
    site = Site(site_dir)
    loads = []
    with serve(site_dir) as base:
        for page_url in pages:
            context = browser.new_context()
            tab = context.new_page()
            requested: list[str] = []
            tab.on("request", lambda request, seen=requested: seen.append(request.url))
            tab.goto(base + page_url, wait_until="load")
            tab.wait_for_timeout(SETTLE_MS)
            context.close()
            paths = [
                site.resolve("", url[len(base) :]) or url
                for url in requested
                if url.startswith(base)
            ]
            paths += [url for url in requested if not url.startswith(base)]
            size = sum(site.gzip_size(p) for p in paths if (site_dir / p).is_file())
            forbidden = [
                p for p in paths if any(marker in p for marker in budget.not_before_interaction)
            ]
            loads.append(BrowserLoad(page_url, paths, size, forbidden))
    return loads


def format_browser(loads: list[BrowserLoad]) -> str:
    rows = [
        f"{'page (in chromium)':<40} {'requests':>8} {'gzip KB':>8}  fetched before interaction"
    ]
    for load in loads:
        names = ", ".join(Path(p).name for p in load.fetched)
        rows.append(
            f"{load.page or '/':<40} {len(load.fetched):>8} {load.gzip_bytes / 1024:>8.1f}  {names}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="perf_budget.py", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--budget", type=Path, default=BUDGET_FILE)
    parser.add_argument("--top", type=int, default=20, help="rows of the table (0: all)")
    parser.add_argument("--browser", action="store_true", help="also measure in chromium")
    parser.add_argument("--assets", action="store_true", help="also list each asset's cost")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: not a built site (no index.html)", file=sys.stderr)
        return 2
    try:
        budget = load_budget(args.budget)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(error, file=sys.stderr)
        return 2
    costs = site_costs(args.site_dir)
    print(format_table(costs, budget, args.top or None))
    if args.assets:
        print()
        print(format_assets(costs))
    problems = [problem for cost in costs for problem in over_budget(cost, budget)]
    indexes = index_sizes(args.site_dir)
    if indexes:
        print()
        print(format_search_indexes(indexes))
        problems.extend(search_index_problems(indexes, budget))
    if args.browser:
        loads = browser_loads(args.site_dir, budget.browser_pages, budget)
        print()
        print(format_browser(loads))
        for load in loads:
            problems.extend(
                f"{load.page or '/'}: fetches {path} before the reader interacts"
                for path in load.forbidden
            )
            if len(load.fetched) > budget.max_requests:
                problems.append(
                    f"{load.page or '/'}: {len(load.fetched)} requests in chromium before the "
                    f"reader interacts, budget {budget.max_requests}"
                )
            if load.gzip_bytes > budget.max_gzip_bytes:
                problems.append(
                    f"{load.page or '/'}: {load.gzip_bytes} bytes gzip in chromium before the "
                    f"reader interacts, budget {budget.max_gzip_bytes}"
                )
    print()
    for problem in problems:
        print(problem)
    print(
        f"{len(costs)} pages; heaviest {costs[0].gzip_bytes / 1024:.1f} KB gzip, "
        f"most requests {max(c.requests for c in costs)}: {len(problems)} over budget",
        file=sys.stderr,
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
