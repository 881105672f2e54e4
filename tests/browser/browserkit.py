"""Helpers shared by the browser tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from nyf.languages import Language

#: The localStorage key under which EXIT_WITNESS_JS keeps its reports.
EXIT_REPORT = "nyf-exit-report"

#: What an outside site "serves" in the tests: a page that is obviously not ours.
ELSEWHERE_HTML = "<!doctype html><html lang=en><title>Elsewhere</title><p>Elsewhere</p></html>"

#: Installed before the page's own scripts. It looks at the page at the very
#: moment the quick exit has run (a window listener in the bubbling phase runs
#: after the control's own click and key handlers) and reports what a person or
#: a screen reader could still reach. It has to look from inside: once the exit
#: navigation has started, Chromium answers the test only after the neutral
#: site has replaced the page. It writes to localStorage (synchronous, and kept
#: when the page goes), which the test reads from the context. With
#: window.nyfTestRestore set it then fires the pageshow event of a
#: back/forward-cache restore and reports the page again.
EXIT_WITNESS_JS = """
(() => {
  const EXIT_REPORT = 'nyf-exit-report';
  const look = () => {
    const overlay = document.querySelector('.nyf-exit-overlay');
    const w = window.innerWidth, h = window.innerHeight;
    const points = [[5, 5], [w - 5, 5], [w / 2, h / 2], [5, h - 5], [w - 5, h - 5]];
    return {
      exiting: document.documentElement.classList.contains('nyf-exiting'),
      overlay: Boolean(overlay),
      covered: points.every(([x, y]) => overlay && document.elementFromPoint(x, y) === overlay),
      exposed: Array.from(document.body.children)
        .filter((el) => el !== overlay)
        .filter((el) => el.getAttribute('aria-hidden') !== 'true' || !el.inert)
        .map((el) => el.tagName + '.' + el.className),
      hidden: Array.from(document.body.children)
        .filter((el) => el.getAttribute('aria-hidden') === 'true' || el.inert)
        .map((el) => el.tagName + '.' + el.className),
      text: document.body.innerText.trim(),
      focusOnBody: document.activeElement === document.body,
      status: (document.querySelector('[data-nyf-exit-status]') || {}).textContent || '',
    };
  };
  const report = () => {
    if (!document.documentElement.classList.contains('nyf-exiting') || window.nyfReported) {
      return;
    }
    window.nyfReported = true;
    const blanked = look();
    let restored = null;
    if (window.nyfTestRestore) {
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      restored = look();
    }
    const reports = JSON.parse(localStorage.getItem(EXIT_REPORT) || '[]');
    reports.push({ url: location.href, blanked, restored });
    localStorage.setItem(EXIT_REPORT, JSON.stringify(reports));
  };
  for (const type of ['click', 'keydown', 'keyup']) {
    window.addEventListener(type, report);
  }
})();
"""


#: Installed before the page's scripts: records every Content-Security-Policy
#: violation (a refused inline script or style, a request to another host).
CSP_WITNESS_JS = """
window.nyfCspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.nyfCspViolations.push(
    event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' + (event.sample || '')
  );
});
"""


@dataclass
class Tab:
    """A page in its own context, with what it asked of other hosts and what it logged."""

    page: object
    site_url: str
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    context: object = None

    @property
    def exits(self) -> list[dict]:
        """What EXIT_WITNESS_JS saw each time the quick exit ran on our site."""
        for origin in self.context.storage_state()["origins"]:
            if self.site_url.startswith(origin["origin"]):
                for item in origin["localStorage"]:
                    if item["name"] == EXIT_REPORT:
                        return json.loads(item["value"])
        return []


def site_pages(site_dir: Path) -> list[str]:
    """Paths of every page of the built site (``''``, ``help-now/``, ``cs/``...)."""
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        relative = index.parent.relative_to(site_dir).as_posix()
        if relative.split("/")[0] in ("assets", "search"):
            continue
        pages.append("" if relative == "." else relative + "/")
    return pages


def pages_to_test(pages: list[str], site_dir: Path | None = None) -> list[str]:
    """Every content page, and one country page of the helpline directory.

    The country pages are one template with other data (the helpline tests
    check their data); one per language stands for them in the browser. With
    ``site_dir``, a language's English stand-ins (pages not yet translated,
    whose canonical address is the English page) are one template too: the
    first stands for them, so thirty languages do not mean thirty times the
    English pages.
    """
    country_pages = [page for page in pages if _is_country_page(page)]
    content = [page for page in pages if not _is_country_page(page)]
    if site_dir is not None:
        stand_ins = [page for page in content if is_stand_in(site_dir, page)]
        content = [page for page in content if page not in stand_ins[1:]]
    return content + country_pages[:1]


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')


def is_stand_in(site_dir: Path, page: str) -> bool:
    text = (site_dir / page / "index.html").read_text(encoding="utf-8")
    found = _CANONICAL.search(text)
    return bool(found) and not urlsplit(found.group(1)).path.endswith("/" + page)


def _is_country_page(page: str) -> bool:
    parts = page.rstrip("/").split("/")
    return len(parts) >= 2 and parts[-2] == "helplines" and len(parts[-1]) == 2


def language_home(site_url: str, language: Language) -> str:
    """Address of a language's home page on the test server."""
    return site_url + language.url_prefix
