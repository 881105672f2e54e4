"""The performance budget: first-view cost per page, CSS pruning, deferred theme requests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import perf_budget
import pytest
from jinja2 import Environment, FileSystemLoader
from nyf.cssprune import (
    SEARCH_OUTPUT_CLASSES,
    drop_unused_keyframes,
    hashed_name,
    prune_css,
    split_css,
)
from sitebuild import ROOT, serve

BUDGET = perf_budget.Budget(
    max_gzip_bytes=20_000,
    max_requests=4,
    not_before_interaction=["search/search_index.json"],
    browser_pages=[""],
)


def write(base: Path, files: dict[str, str | bytes]) -> Path:
    for path, content in files.items():
        target = base / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return base


def page(head: str = "", body: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def cost_of(tmp_path: Path, files: dict, name: str = "index.html") -> perf_budget.PageCost:
    site = write(tmp_path, files)
    return perf_budget.page_cost(perf_budget.Site(site), name)


def test_counts_stylesheets_their_urls_scripts_images_and_one_icon(tmp_path: Path):
    cost = cost_of(
        tmp_path,
        {
            "index.html": page(
                '<link rel="stylesheet" href="a.css"><link rel="icon" href="i.svg">'
                '<link rel="icon" href="i2.png"><script src="a.js"></script>',
                '<img src="p.png" alt=""><img src="lazy.png" loading="lazy" alt="">'
                '<img src="data:image/png;base64,AA" alt="">',
            ),
            "a.css": "@font-face{src:url(f.woff2)} b{background:url('data:x')}",
            "f.woff2": b"font",
            "i.svg": "<svg/>",
            "i2.png": b"x",
            "a.js": "x",
            "p.png": b"png",
            "lazy.png": b"png",
        },
    )
    # The lazy image, the second icon and data: URLs are not first-view requests.
    assert sorted(cost.resources) == ["a.css", "a.js", "f.woff2", "i.svg", "index.html", "p.png"]
    assert cost.requests == 6


def test_a_page_over_the_byte_budget_is_reported(tmp_path: Path):
    heavy = os.urandom(25_000)  # random bytes do not compress
    cost = cost_of(
        tmp_path, {"index.html": page(body='<img src="big.jpg" alt="">'), "big.jpg": heavy}
    )
    problems = perf_budget.over_budget(cost, BUDGET)
    assert len(problems) == 1
    assert problems[0].startswith("index.html: ")
    assert problems[0].endswith("bytes gzip on first view, budget 20000")


def test_a_page_over_the_request_budget_is_reported(tmp_path: Path):
    scripts = "".join(f'<script src="s{i}.js"></script>' for i in range(5))
    files = {"index.html": page(body=scripts), **{f"s{i}.js": "x" for i in range(5)}}
    problems = perf_budget.over_budget(cost_of(tmp_path, files), BUDGET)
    assert problems == ["index.html: 6 requests on first view, budget 4"]


def test_a_missing_asset_is_reported(tmp_path: Path):
    cost = cost_of(tmp_path, {"index.html": page('<link rel="stylesheet" href="gone.css">')})
    assert perf_budget.over_budget(cost, BUDGET) == [
        "index.html: loads gone.css, which does not exist"
    ]


def test_heaviest_pages_first_and_redirects_skipped(tmp_path: Path):
    site = write(
        tmp_path,
        {
            "index.html": page(body="small"),
            "big/index.html": page(body=os.urandom(3000).hex()),
            "old/index.html": page('<meta http-equiv="refresh" content="0; url=/big/">'),
        },
    )
    assert [c.page for c in perf_budget.site_costs(site)] == ["big/index.html", "index.html"]


def test_main_exit_status(tmp_path: Path, capsys):
    site = write(tmp_path / "site", {"index.html": page(body="hi")})
    budget = tmp_path / "budget.yml"
    budget.write_text(
        "max_gzip_bytes: 100\nmax_requests: 8\nnot_before_interaction: []\nbrowser_pages: []\n",
        encoding="utf-8",
    )
    assert perf_budget.main([str(site), "--budget", str(budget)]) == 0
    budget.write_text(budget.read_text().replace("100", "10"), encoding="utf-8")
    assert perf_budget.main([str(site), "--budget", str(budget)]) == 1
    assert "index.html: " in capsys.readouterr().out


def test_a_search_index_over_its_budget_fails(tmp_path: Path, capsys):
    docs = [{"location": f"cs/{n}/", "title": os.urandom(40).hex(), "text": ""} for n in range(9)]
    index = json.dumps({"config": {}, "docs": docs})
    site = write(
        tmp_path / "site",
        {"index.html": page(body="hi"), "cs/search/search_index.json": index},
    )
    budget = tmp_path / "budget.yml"
    budget.write_text(
        "max_gzip_bytes: 1000\nmax_requests: 8\nnot_before_interaction: []\nbrowser_pages: []\n"
        "max_search_index_gzip_bytes: 100000\n",
        encoding="utf-8",
    )
    assert perf_budget.main([str(site), "--budget", str(budget)]) == 0
    out = capsys.readouterr().out
    assert "cs/search/search_index.json" in out and "9" in out  # its entries and sizes
    budget.write_text(budget.read_text().replace("100000", "100"), encoding="utf-8")
    assert perf_budget.main([str(site), "--budget", str(budget)]) == 1
    assert "cs/search/search_index.json: " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A key missing.
        ("max_requests: 8\nnot_before_interaction: []\nbrowser_pages: []\n", "max_gzip_bytes"),
        # A size written as text.
        (
            "max_gzip_bytes: 60 KB\nmax_requests: 8\nnot_before_interaction: []\n"
            "browser_pages: []\n",
            "max_gzip_bytes: found '60 KB', expected int",
        ),
        # A misspelt key.
        (
            "max_gzip_bytes: 1\nmax_requests: 8\nnot_before_interaction: []\nbrowser_pages: []\n"
            "max_request: 3\n",
            "unknown key 'max_request'",
        ),
        # The search index budget written as text.
        (
            "max_gzip_bytes: 1\nmax_requests: 8\nnot_before_interaction: []\nbrowser_pages: []\n"
            "max_search_index_gzip_bytes: 60 KB\n",
            "max_search_index_gzip_bytes: found '60 KB', expected int",
        ),
        # An exception without its reason.
        (
            "max_gzip_bytes: 1\nmax_requests: 8\nnot_before_interaction: []\nbrowser_pages: []\n"
            "exceptions:\n  - pages: a/index.html\n    max_gzip_bytes: 9\n",
            r"exceptions\[0\]\.reason: found None, expected str",
        ),
        # An exception whose limit is text.
        (
            "max_gzip_bytes: 1\nmax_requests: 8\nnot_before_interaction: []\nbrowser_pages: []\n"
            "exceptions:\n  - pages: a/index.html\n    max_gzip_bytes: lots\n    reason: long\n",
            r"exceptions\[0\]\.max_gzip_bytes: found 'lots', expected int",
        ),
    ],
)
def test_bad_budget_files_are_refused(tmp_path: Path, text: str, message: str):
    path = tmp_path / "budget.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        perf_budget.load_budget(path)


def test_an_exception_raises_the_byte_budget_of_its_pages_only(tmp_path: Path):
    site = write(tmp_path / "site", {"index.html": page(body="hi"), "ref/index.html": page("x")})
    budget = perf_budget.Budget(10, 8, [], [], exceptions=(("ref/*", 10_000),))
    costs = {cost.page: cost for cost in perf_budget.site_costs(site)}
    assert perf_budget.over_budget(costs["ref/index.html"], budget) == []
    assert perf_budget.over_budget(costs["index.html"], budget) != []


def test_committed_budget_holds_the_targets():
    budget = perf_budget.load_budget(perf_budget.BUDGET_FILE)
    assert budget.max_gzip_bytes == 25 * 1024
    assert budget.max_requests == 5
    # Exceptions stay few and small, and never cover a crisis page.
    assert len(budget.exceptions) <= 2
    assert all(limit <= 35 * 1024 for _pages, limit in budget.exceptions)
    crisis_pages = ["index.html", "help-now/index.html", "ar/help-now/evidence/index.html"]
    for page in [*crisis_pages, "young-people/index.html", "parents/index.html"]:
        assert budget.max_gzip_bytes_for(page) == budget.max_gzip_bytes, page
    assert "search/search_index.json" in budget.not_before_interaction
    assert budget.max_search_index_gzip_bytes == 60 * 1024


# --- pruning Material's stylesheet ---------------------------------------------------


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        # A rule for a class no page uses goes.
        (".used{a:1}.unused{a:2}", ".used{a:1}"),
        # Only the selectors that cannot match go.
        (".used,.unused{a:1}", ".used{a:1}"),
        # :not(.unused) matches everything: kept.
        (".used:not(.unused){a:1}", ".used:not(.unused){a:1}"),
        # :is() with one used class may match: kept.
        (":is(.unused,.used) p{a:1}", ":is(.unused,.used) p{a:1}"),
        # Element and attribute selectors are kept.
        ("p[class=x]{a:1}", "p[class=x]{a:1}"),
        # Pruned inside @media, and an empty @media goes.
        ("@media screen{.unused{a:1}}@media print{.used{a:1}}", "@media print{.used{a:1}}"),
        # Keyframes are kept whole.
        ("@keyframes k{0%{a:1}to{a:2}}", "@keyframes k{0%{a:1}to{a:2}}"),
        # A class the script builds from a prefix (md-tag--${x}) is kept.
        (".md-tag--news{a:1}", ".md-tag--news{a:1}"),
        # A class named in the script is kept.
        (".md-search-result{a:1}", ".md-search-result{a:1}"),
        # A custom property nobody reads goes; one that is read stays.
        (
            ":root{--unread:url(data:x);--read:red}.used{color:var(--read)}",
            ":root{--read:red}.used{color:var(--read)}",
        ),
        # A property read only by a dropped property goes too.
        (":root{--a:red;--b:var(--a)}.used{x:1}", ".used{x:1}"),
    ],
)
def test_prune_css(css: str, expected: str):
    html = ['<p class="used">']
    script = 'el.className="md-search-result";x=`md-tag--${t}`'
    assert prune_css(css, html, script) == expected


def test_prune_css_keeps_properties_our_stylesheet_reads():
    css = ":root{--md-x:red}.used{a:1}"
    assert prune_css(css, ['<p class="used">'], "", other_css="a{color:var(--md-x)}") == css


def test_search_output_rules_move_to_their_own_stylesheet():
    css = (
        ".md-header{a:1}.md-search-result,.md-nav{b:2}"
        "@media screen{.md-search__output{c:3}.md-grid{d:4}}@keyframes k{0%{e:5}}"
    )
    stay, move = split_css(css, SEARCH_OUTPUT_CLASSES)
    assert stay == (
        ".md-header{a:1}.md-nav{b:2}@media screen{.md-search__output{c:3}.md-grid{d:4}}"
        "@keyframes k{0%{e:5}}"
    )
    assert move == ".md-search-result{b:2}"


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        # A keyframes rule no animation names goes.
        ("@keyframes gone{0%{a:1}to{a:2}}.x{b:1}", ".x{b:1}"),
        # One named by animation or animation-name stays.
        (
            "@keyframes spin{0%{a:1}}.x{animation:spin 1s}",
            "@keyframes spin{0%{a:1}}.x{animation:spin 1s}",
        ),
        ("@keyframes p{0%{a:1}}.x{animation-name:p}", "@keyframes p{0%{a:1}}.x{animation-name:p}"),
    ],
)
def test_unused_keyframes_are_dropped(css: str, expected: str):
    assert drop_unused_keyframes(css) == expected


def test_pruned_file_gets_a_new_name():
    assert hashed_name("main.57a0d79d.min.css", "a") != hashed_name("main.57a0d79d.min.css", "b")
    assert hashed_name("main.57a0d79d.min.css", "a").startswith("main.")
    assert hashed_name("main.57a0d79d.min.css", "a").endswith(".min.css")


# --- in a real browser ---------------------------------------------------------------


DEFERRED_JS = ROOT / "overrides/assets/javascripts/nyf/12-deferred-requests.js"


def render_deferred(theme_scripts: str) -> str:
    """The placeholders main.html writes for Material's scripts, then our script."""
    env = Environment(loader=FileSystemLoader(ROOT / "overrides"))
    env.filters["url"] = lambda path: path  # MkDocs' filter: the page is at the root here
    template = env.get_template("partials/deferred-requests.html")
    return template.render(theme_scripts=theme_scripts) + '<script src="deferred.js"></script>'


#: A stand-in for Material's bundle.js: waits for DOMContentLoaded like
#: Material, then fetches the index and the sitemap and starts the worker.
FAKE_BUNDLE = """
document.addEventListener("DOMContentLoaded", function () {
  window.bundleReady = true;
  var x = new XMLHttpRequest(); x.open("GET", "search/search_index.json"); x.send();
  var s = new XMLHttpRequest(); s.open("GET", "sitemap.xml"); s.send();
  var w = new Worker("assets/javascripts/workers/search.1234.min.js");
  w.addEventListener("message", function (e) { window.workerSaid = e.data; });
  w.postMessage("ping");
});
"""
FAKE_SITE = {
    "deferred.js": DEFERRED_JS.read_text(encoding="utf-8"),
    "assets/javascripts/bundle.js": FAKE_BUNDLE,
    "assets/javascripts/workers/search.1234.min.js": "onmessage = e => postMessage(e.data + '!');",
    "search/search_index.json": "{}",
    "sitemap.xml": "<urlset/>",
    "assets/stylesheets/search.css": ".md-search-result{color:red}",
}
SEARCH_BOX = (
    '<div class="md-search"><input class="md-search__input"></div>'
    '<div class="md-select"><a href="#">Čeština</a></div>'
)


def _load(browser, base: str):
    context = browser.new_context()
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda r: requested.append(r.url[len(base) :]))
    tab.goto(base)
    tab.wait_for_timeout(500)
    return context, tab, requested


@pytest.mark.browser
def test_deferred_theme_scripts_wait_for_a_search(browser, tmp_path: Path):
    deferred = render_deferred('<script src="assets/javascripts/bundle.js"></script>')
    site = write(tmp_path, {**FAKE_SITE, "index.html": page(body=SEARCH_BOX + deferred)})
    with serve(site) as base:
        context, tab, requested = _load(browser, base)
        assert requested == ["", "deferred.js"]  # the page and our script on first view
        assert tab.evaluate("document.documentElement.className") == "js"
        tab.focus(".md-search__input")
        tab.wait_for_function("window.workerSaid === 'ping!'", timeout=5000)
        assert "assets/javascripts/bundle.js" in requested
        assert "search/search_index.json" in requested
        assert "assets/stylesheets/search.css" in requested
        assert "sitemap.xml" not in requested  # until the language switcher is used
        tab.hover(".md-select a")
        tab.wait_for_timeout(300)
        assert "sitemap.xml" in requested
        context.close()


@pytest.mark.browser
def test_browser_reports_a_search_index_fetched_on_load(browser, tmp_path: Path):
    eager = "<script>fetch('search/search_index.json')</script>"
    site = write(tmp_path, {"index.html": page(body=eager), "search/search_index.json": "{}"})
    loads = perf_budget.browser_loads(site, [""], BUDGET, browser)
    assert loads[0].forbidden == ["search/search_index.json"]
    (site / "index.html").write_text(page(body="calm"), encoding="utf-8")
    assert perf_budget.browser_loads(site, [""], BUDGET, browser)[0].forbidden == []


# --- the real site ---------------------------------------------------------------------


def test_every_built_page_is_within_budget(site_dir: Path):
    budget = perf_budget.load_budget(perf_budget.BUDGET_FILE)
    costs = perf_budget.site_costs(site_dir)
    assert costs, "no pages measured"
    problems = [problem for cost in costs for problem in perf_budget.over_budget(cost, budget)]
    assert problems == [], "\n".join(problems)
    # What a Material update or a new stylesheet would break first: one of each.
    home = next(cost for cost in costs if cost.page == "index.html")
    kinds = sorted(Path(path).suffix for path in home.resources)
    assert kinds == [".css", ".html", ".js"], home.resources


@pytest.mark.browser
def test_budget_pages_in_chromium_are_within_budget(browser, site_dir: Path):
    budget = perf_budget.load_budget(perf_budget.BUDGET_FILE)
    loads = perf_budget.browser_loads(site_dir, budget.browser_pages, budget, browser)
    for load in loads:
        assert load.forbidden == [], f"{load.page}: fetched before interaction: {load.forbidden}"
        assert len(load.fetched) <= budget.max_requests, (load.page, load.fetched)
        assert load.gzip_bytes <= budget.max_gzip_bytes, (load.page, load.gzip_bytes)


#: Rules that must survive the pruning, each for something a reader uses.
MUST_KEEP = {
    "site": [
        ".md-header__option",  # the language button
        "[dir=rtl]",  # right-to-left layout (Arabic)
        ".md-nav__link--active",  # where the reader is, in the navigation
        ".md-search__input",  # the search field in the header
        ".md-typeset__table",  # tables wrapped by Material's script
        ".nyf-exit",  # the quick exit
    ],
    "search": [".md-search-result__link", ".md-search-result__article", ".md-search-result mark"],
}


def test_theme_css_is_pruned_and_keeps_what_readers_use(site_dir: Path):
    import material

    styles = site_dir / "assets/stylesheets"
    sheets = {
        path.name.split(".")[0]: path.read_text(encoding="utf-8") for path in styles.glob("*.css")
    }
    assert sorted(sheets) == ["search", "site"], sorted(sheets)
    installed = Path(material.__file__).parent / "templates/assets/stylesheets"
    original = sum(len(p.read_text(encoding="utf-8")) for p in installed.glob("*.min.css"))
    assert len(sheets["site"]) + len(sheets["search"]) < original * 0.6, "pruning did not happen"
    for sheet, selectors in MUST_KEEP.items():
        for selector in selectors:
            assert selector in sheets[sheet], f"{selector} was pruned from {sheet}.css"
