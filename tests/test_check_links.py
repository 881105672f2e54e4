"""The offline link checker and the external URL checker, on tiny fixture sites."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import check_links
import pytest
from nyf import urlcache, urlcheck
from nyf.languages import load_registry
from nyf.linkcheck import SiteLanguage, check_site
from nyf.redirects import redirect_html
from nyf.yamlfile import DataError

SITE_URL = "https://notyourfault.example.org/"
LANGUAGES = [SiteLanguage("en", "en", ""), SiteLanguage("cs", "cs", "cs/")]
ORIGIN = SITE_URL.rstrip("/")


def html(body: str = "", head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def alternates(*pairs: tuple[str, str]) -> str:
    return "".join(f'<link rel="alternate" hreflang="{h}" href="{ORIGIN}{u}">' for h, u in pairs)


def sitemap(*paths: str) -> str:
    """A sitemap: help-now/ with its Czech alternate, then one <url> per path."""
    entries = "".join(f"<url><loc>{SITE_URL}{path}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        f"<url><loc>{SITE_URL}help-now/</loc>"
        f'<xhtml:link rel="alternate" hreflang="cs" href="{SITE_URL}cs/help-now/"/></url>'
        f"{entries}</urlset>"
    )


#: Every page of GOOD_SITE but help-now/, which sitemap() always lists.
SITEMAP_PATHS = ("", "help-now/evidence/", "cs/", "cs/help-now/", "cs/help-now/evidence/")


#: A small, correct two-language site: English root, a Czech translation of
#: help-now/ and evidence/, hreflang both ways.
GOOD_HEAD_EN = alternates(
    ("en", "/help-now/"), ("cs", "/cs/help-now/"), ("x-default", "/help-now/")
)
GOOD_HEAD_CS = alternates(
    ("en", "/help-now/"), ("cs", "/cs/help-now/"), ("x-default", "/help-now/")
)
EVIDENCE_ALTS = alternates(
    ("en", "/help-now/evidence/"),
    ("cs", "/cs/help-now/evidence/"),
    ("x-default", "/help-now/evidence/"),
)
HOME_ALTS = alternates(("en", "/"), ("cs", "/cs/"), ("x-default", "/"))
GOOD_SITE = {
    "index.html": html('<a href="help-now/">Help</a><img src="assets/logo.svg" alt="">', HOME_ALTS),
    "assets/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "assets/site.css": "a{background:url(logo.svg)} b{background:url('data:image/png;base64,AA')}",
    "help-now/index.html": html(
        '<link rel="stylesheet" href="../assets/site.css">'
        '<a href="evidence/#keep-evidence">Evidence</a><h2 id="top-steps">Steps</h2>'
        '<a href="#top-steps">up</a><a href="mailto:a@b.c">mail</a>'
        '<a href="https://notyourfault.example.org/help-now/evidence/">abs</a>',
        GOOD_HEAD_EN,
    ),
    "help-now/evidence/index.html": html('<h2 id="keep-evidence">Keep</h2>', EVIDENCE_ALTS),
    "cs/index.html": html('<a href="help-now/">Pomoc</a>', HOME_ALTS),
    "cs/help-now/index.html": html(
        '<a href="evidence/#keep-evidence">Důkazy</a>'
        '<a href="../../help-now/" hreflang="en">English</a>',
        GOOD_HEAD_CS,
    ),
    "cs/help-now/evidence/index.html": html('<h2 id="keep-evidence">Důkazy</h2>', EVIDENCE_ALTS),
    "sitemap.xml": sitemap(*SITEMAP_PATHS),
}


#: A redirect stub exactly as the build writes one for a moved page (nyf.redirects).
REDIRECT_STUB = redirect_html(
    "/help-now/", f"{SITE_URL}help-now/", load_registry().get("en"), lambda text: text
)
#: Material's config JSON as base.html writes it (only the keys that name paths).
MATERIAL_CONFIG = (
    '<script id="__config" type="application/json">'
    '{{"base": "{base}", "search": "{search}"}}</script>'
)
#: The notice and English content of a page not translated yet (overrides/main.html).
FALLBACK_NOTICE = (
    '<aside class="nyf-notice nyf-notice--fallback" role="note"><p>Not translated.</p></aside>'
    '<div lang="en" dir="ltr"><h2 id="keep-evidence">Keep</h2></div>'
)
FALLBACK_PAGE = html(FALLBACK_NOTICE, f'<link rel="canonical" href="{SITE_URL}help-now/evidence/">')


def write_site(base: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        target = base / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return base


def problems_of(base: Path, changes: dict[str, str | None]) -> list[str]:
    files = {**GOOD_SITE, **changes}
    site = write_site(base, {k: v for k, v in files.items() if v is not None})
    return [str(p) for p in check_site(site, SITE_URL, LANGUAGES).problems]


def test_a_correct_site_has_no_problems(tmp_path: Path):
    assert problems_of(tmp_path, {}) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # An anchor that the target page lacks (the id was renamed).
        (
            {"cs/help-now/evidence/index.html": html('<h2 id="dukazy">x</h2>', EVIDENCE_ALTS)},
            "cs/help-now/index.html: link evidence/#keep-evidence: no element with id "
            '"keep-evidence" in cs/help-now/evidence/index.html',
        ),
        # A link to a page that does not exist.
        (
            {"index.html": html('<a href="helpnow/">Help</a>')},
            "index.html: link helpnow/: helpnow/index.html does not exist",
        ),
        # A same-page anchor with no target.
        (
            {"index.html": html('<a href="#steps">Steps</a>')},
            'index.html: link #steps: no element with id "steps" in index.html',
        ),
        # A missing image.
        (
            {"index.html": html('<img src="assets/missing.png" alt="">')},
            "index.html: image assets/missing.png: assets/missing.png does not exist",
        ),
        # A missing stylesheet and script.
        (
            {"index.html": html('<link rel="stylesheet" href="/assets/x.css">')},
            "index.html: stylesheet /assets/x.css: assets/x.css does not exist",
        ),
        (
            {"index.html": html('<script src="assets/x.js"></script>')},
            "index.html: script assets/x.js: assets/x.js does not exist",
        ),
        # An absolute link on the site's own host is internal.
        (
            {"index.html": html(f'<a href="{SITE_URL}gone/">x</a>')},
            f"index.html: link {SITE_URL}gone/: gone/index.html does not exist",
        ),
        # A Czech page that sends the reader to the English page of a translated slug.
        (
            {
                "cs/help-now/index.html": html(
                    '<a href="../../help-now/evidence/">Důkazy</a>', GOOD_HEAD_CS
                )
            },
            "cs/help-now/index.html: link ../../help-now/evidence/: leads to the en page "
            "help-now/evidence/index.html although cs/help-now/evidence/index.html exists",
        ),
        # An hreflang alternate that is not returned by the other page.
        (
            {"help-now/index.html": html("", alternates(("en", "/help-now/")))},
            'cs/help-now/index.html: hreflang="en" https://notyourfault.example.org/help-now/: '
            "not reciprocal, help-now/index.html has no alternate pointing back to "
            "cs/help-now/index.html",
        ),
        # A translation that lists no alternate for its English original.
        (
            {"cs/help-now/index.html": html("", alternates(("cs", "/cs/help-now/")))},
            'cs/help-now/index.html: hreflang: missing <link rel="alternate" hreflang="en"> '
            "for the translation help-now/index.html",
        ),
        # An alternate pointing at a page that does not exist.
        (
            {
                "help-now/evidence/index.html": html(
                    '<h2 id="keep-evidence">x</h2>',
                    EVIDENCE_ALTS + alternates(("de", "/de/help-now/evidence/")),
                )
            },
            'help-now/evidence/index.html: hreflang="de" '
            "https://notyourfault.example.org/de/help-now/evidence/: no such page",
        ),
        # A fallback page (canonical points at English) must not advertise alternates.
        (
            {
                "cs/help-now/evidence/index.html": html(
                    '<h2 id="keep-evidence">x</h2>',
                    f'<link rel="canonical" href="{SITE_URL}help-now/evidence/">' + EVIDENCE_ALTS,
                )
            },
            "cs/help-now/evidence/index.html: hreflang: a fallback page (canonical "
            f"{SITE_URL}help-now/evidence/) advertises 3 alternates; expected none",
        ),
        # An alternate that points at a fallback page (English text under cs/).
        (
            {
                "cs/help-now/index.html": html(
                    "", f'<link rel="canonical" href="{SITE_URL}help-now/">'
                )
            },
            'help-now/index.html: hreflang="cs" https://notyourfault.example.org/cs/help-now/: '
            "cs/help-now/index.html is a fallback page, not a translation",
        ),
        # A sitemap entry for a page that was removed.
        (
            {"cs/help-now/index.html": None, "cs/help-now/evidence/index.html": None},
            f'sitemap.xml: xhtml:link hreflang="cs" {SITE_URL}cs/help-now/: no page '
            "(cs/help-now/index.html does not exist)",
        ),
        # A url() in CSS that names no file.
        (
            {"assets/site.css": "a{background:url(../fonts/x.woff2)}"},
            "assets/site.css: url(../fonts/x.woff2): fonts/x.woff2 does not exist",
        ),
        # An x-default alternate that names a translation, not the English page.
        (
            {
                "cs/help-now/index.html": html(
                    "",
                    alternates(
                        ("en", "/help-now/"),
                        ("cs", "/cs/help-now/"),
                        ("x-default", "/cs/help-now/"),
                    ),
                )
            },
            f'cs/help-now/index.html: hreflang="x-default" {ORIGIN}/cs/help-now/: leads to '
            "cs/help-now/index.html; expected the default language's (en) page "
            "help-now/index.html",
        ),
        # A link to the redirect stub of a moved page, not to the page itself.
        (
            {
                "index.html": html('<a href="old-help/">Help</a>', HOME_ALTS),
                "old-help/index.html": REDIRECT_STUB,
            },
            "index.html: link old-help/: old-help/index.html is a redirect stub (to /help-now/); "
            "expected a link to the page it redirects to",
        ),
        # A style attribute whose image is missing.
        (
            {"index.html": html('<div style="background:url(assets/gone.png)"></div>', HOME_ALTS)},
            "index.html: <div style> url(assets/gone.png): assets/gone.png does not exist",
        ),
        # A <style> element whose font and imported stylesheet are missing.
        (
            {"index.html": html("<style>a{background:url('fonts/x.woff2')}</style>", HOME_ALTS)},
            "index.html: <style> url(fonts/x.woff2): fonts/x.woff2 does not exist",
        ),
        (
            {"index.html": html('<style>@import "assets/gone.css";</style>', HOME_ALTS)},
            "index.html: <style> url(assets/gone.css): assets/gone.css does not exist",
        ),
        # Material's config names a search worker that the build did not write.
        (
            {
                "index.html": html(
                    MATERIAL_CONFIG.format(base=".", search="assets/workers/s.js"), HOME_ALTS
                )
            },
            'index.html: #__config "search" assets/workers/s.js: assets/workers/s.js does '
            "not exist",
        ),
        # ...or a base folder that holds no site.
        (
            {
                "help-now/index.html": html(
                    MATERIAL_CONFIG.format(base="../nowhere", search="../index.html"), GOOD_HEAD_EN
                )
            },
            'help-now/index.html: #__config "base" ../nowhere: nowhere does not exist',
        ),
        # Material's config that is not JSON (a template error).
        (
            {
                "index.html": html(
                    '<script id="__config" type="application/json">{"base": </script>'
                )
            },
            "index.html: #__config: found text that is not JSON (Expecting value: line 1 "
            "column 10 (char 9)), expected JSON",
        ),
        # A theme script held back until a search (partials/deferred-requests.html) is missing.
        (
            {
                "index.html": html(
                    '<script type="text/plain" data-nyf-deferred-src="assets/b.js"></script>',
                    HOME_ALTS,
                )
            },
            "index.html: deferred-script assets/b.js: assets/b.js does not exist",
        ),
        # A published page that the sitemap leaves out.
        (
            {"sitemap.xml": sitemap(*[p for p in SITEMAP_PATHS if p != "cs/"])},
            f"sitemap.xml: no <loc> for the published page cs/index.html ({SITE_URL}cs/)",
        ),
        # A fallback page (English under cs/, with the notice) that the sitemap lists.
        (
            {"cs/help-now/evidence/index.html": FALLBACK_PAGE},
            f"sitemap.xml: <loc> {SITE_URL}cs/help-now/evidence/: cs/help-now/evidence/index.html "
            "is a fallback page (content in en), not a translation; expected only published pages",
        ),
        # A fallback page known by its notice only, which advertises alternates.
        (
            {"cs/help-now/evidence/index.html": html(FALLBACK_NOTICE, EVIDENCE_ALTS)},
            "cs/help-now/evidence/index.html: hreflang: a fallback page (fallback notice) "
            "advertises 3 alternates; expected none",
        ),
    ],
)
def test_each_fault_is_reported(tmp_path: Path, changes: dict, expected: str):
    assert expected in problems_of(tmp_path, changes)


def test_main_exit_status_and_message(tmp_path: Path, capsys):
    site = write_site(
        tmp_path / "site", {**GOOD_SITE, "index.html": html('<a href="x/">x</a>', HOME_ALTS)}
    )
    assert check_links.main([str(site)]) == 1
    assert "index.html: link x/: x/index.html does not exist" in capsys.readouterr().out
    (site / "index.html").write_text(html('<a href="help-now/">x</a>', HOME_ALTS), encoding="utf-8")
    assert check_links.main([str(site)]) == 0


def test_a_broken_registry_is_one_message_not_a_traceback(tmp_path: Path, capsys, monkeypatch):
    site = write_site(tmp_path / "site", GOOD_SITE)

    def broken_registry():
        raise DataError("data/languages.yml", 33, "languages[0]", "found 'cs', expected a mapping")

    monkeypatch.setattr(check_links, "site_languages", broken_registry)
    assert check_links.main([str(site)]) == 2
    assert "data/languages.yml:33 languages[0]" in capsys.readouterr().err


def test_real_site_has_no_broken_links(site_dir: Path):
    languages = check_links.site_languages()
    report = check_site(
        site_dir, check_links.site_url_from(check_links.ROOT / "mkdocs.yml"), languages
    )
    assert report.pages > 0
    assert [str(p) for p in report.problems] == []


# --- external links, against a local server only -------------------------------------


class _Handler(BaseHTTPRequestHandler):
    release = threading.Event()
    hits: ClassVar[dict[str, int]] = {}

    def log_message(self, *args) -> None:
        pass

    def _answer(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path == "/hang":
            self.release.wait(10)  # never answers within the client's timeout
            return
        status = {"/ok": 200, "/moved": 301, "/missing": 404, "/broken": 500}[self.path]
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer


@pytest.fixture
def local_server() -> Iterator[str]:
    _Handler.release.clear()
    _Handler.hits.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _Handler.release.set()
        server.shutdown()
        server.server_close()


def test_main_external_reports_each_kind_of_answer(local_server: str, tmp_path: Path, capsys):
    names = ("ok", "moved", "missing", "broken", "hang")
    links = "".join(f'<a href="{local_server}/{n}">{n}</a>' for n in names)
    site = write_site(tmp_path / "site", {**GOOD_SITE, "index.html": html(links, HOME_ALTS)})
    cache = tmp_path / "c.json"
    argv = [str(site), "--external", "--timeout", "0.5", "--retries", "0", "--cache", str(cache)]
    started = time.monotonic()
    assert check_links.main(argv) == 1
    # Concurrent and bounded: the URL that never answers costs one short timeout.
    assert time.monotonic() - started < 5
    out = capsys.readouterr().out.splitlines()
    prefix = f"index.html: external link {local_server}"
    assert f"{prefix}/moved: HTTP 301 redirect -> /ok (update the link)" in out
    assert f"{prefix}/missing: client_error HTTP 404 Not Found" in out
    assert f"{prefix}/broken: server_error HTTP 500 Internal Server Error" in out
    assert f"{prefix}/hang: timeout no answer within 0.5 s" in out
    assert not any("/ok:" in line for line in out)
    assert set(json.loads(cache.read_text(encoding="utf-8"))) == {
        f"{local_server}/{n}" for n in names
    }


def test_cache_skips_good_results_but_rechecks_failures(local_server: str, tmp_path: Path):
    cache = tmp_path / "cache.json"
    urls = [f"{local_server}/ok", f"{local_server}/missing"]

    def check(todo: list[str]):
        return urlcheck.check_all(todo, timeout=1, retries=0)

    def run(now=time.time):
        return urlcache.cached_check(urls, check, cache, urlcheck.UrlStatus, now=now)

    run()
    second = run()
    assert _Handler.hits == {"/ok": 1, "/missing": 2}
    assert second[f"{local_server}/ok"].outcome == "ok"
    # A good result older than a day is checked again.
    run(now=lambda: time.time() + 2 * urlcache.DEFAULT_MAX_AGE)
    assert _Handler.hits["/ok"] == 2
