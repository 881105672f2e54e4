"""The generated nginx.conf, served by Debian's nginx, over HTTP.

tests/nginxserver.py starts nginx on 127.0.0.1 with the server block the build
wrote. Since data/redirects.yml may hold no redirect, one more is added to
that block, written by the same generator as the others.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from nginxserver import NginxServer, serve_with_nginx
from nyf import hosting
from nyf.languages import load_registry
from nyf.redirects import load_redirects, moved_urls

ROOT = Path(__file__).resolve().parents[1]
#: An extra redirect, between two pages every language has.
TEST_REDIRECT = ("help-now/keep-evidence/", "help-now/evidence/")


@pytest.fixture(scope="module")
def server(site_dir: Path) -> Iterator[NginxServer]:
    old, new = TEST_REDIRECT
    with serve_with_nginx(site_dir, hosting.nginx_redirects(((f"/{old}", f"/{new}"),))) as nginx:
        yield nginx


def _meta_policy(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found, "the page has no CSP <meta>"
    return found.group(1)


PAGES = ["/", "/help-now/", "/cs/", "/cs/help-now/evidence/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_the_policy_and_security_headers(server: NginxServer, path: str):
    answer = server.get(path)
    assert answer.status == 200
    policy = _meta_policy(answer.body.decode())
    # The header is the page's own policy, plus what only a header can say.
    assert answer.headers["Content-Security-Policy"] == f"{policy}; frame-ancestors 'none'"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in answer.headers["Permissions-Policy"]
    assert "nginx/" not in answer.headers.get("Server", "")


def test_every_redirect_answers_301_with_its_new_address(server: NginxServer):
    registry = load_registry(ROOT / "data/languages.yml")
    moved = [(m.old, m.new) for m in moved_urls(load_redirects(), registry.published())]
    old, new = TEST_REDIRECT
    for old_path, new_path in [*moved, (old, new)]:
        answer = server.get(f"/{old_path}")
        assert (answer.status, answer.headers["Location"]) == (301, f"/{new_path}"), old_path
        assert answer.headers["Referrer-Policy"] == "no-referrer"
        assert server.get(answer.headers["Location"]).status == 200


def test_a_folder_without_its_slash_is_redirected_on_the_same_host(server: NginxServer):
    answer = server.get("/help-now")
    assert (answer.status, answer.headers["Location"]) == (301, "/help-now/")


def test_a_missing_page_answers_404_in_its_language(server: NginxServer):
    registry = load_registry(ROOT / "data/languages.yml")
    for language in registry.published():
        answer = server.get(f"/{language.url_prefix}does-not-exist/")
        assert answer.status == 404, language.code
        html = answer.body.decode()
        assert re.search(rf'<html lang="{language.hreflang}" dir="{language.dir}"', html), (
            language.code
        )
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.parametrize("path", ["/nginx.conf", "/_headers", "/_redirects"])
def test_the_files_for_hosts_are_not_served(server: NginxServer, path: str):
    assert server.get(path).status == 404


@pytest.mark.parametrize("path", ["/", "/assets/javascripts/site.js"])
def test_text_is_gzipped_for_browsers_that_ask(server: NginxServer, path: str):
    plain = server.get(path)
    packed = server.get(path, **{"Accept-Encoding": "gzip"})
    assert plain.headers["Content-Encoding"] is None
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body)


def test_fingerprinted_files_are_kept_a_year_and_nothing_else_is(server: NginxServer):
    fingerprinted = hosting.fingerprinted_files(server.site)
    assert any(path.endswith(".css") for path in fingerprinted), fingerprinted
    for path in fingerprinted:
        answer = server.get(f"/{path}")
        assert answer.status == 200, path
        assert answer.headers["Cache-Control"] == hosting.LONG_CACHE, path
        # nginx drops the server's headers in a location that adds its own: not here.
        assert answer.headers["X-Content-Type-Options"] == "nosniff", path
    for path in ["/", "/cs/help-now/", "/assets/javascripts/site.js", "/does-not-exist/"]:
        cache = server.get(path).headers["Cache-Control"]
        assert cache == "no-cache", path  # never immutable, never no-store (quick exit)
