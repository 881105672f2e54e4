"""The generated nginx.conf, served by Debian's nginx, over HTTP.

nginx (installed by scripts/install_test_tools.sh) runs on 127.0.0.1 on a free
port, in the foreground as one process, with its pid, logs and temporary files
in a temporary folder, as an ordinary user (nobody, when the tests run as
root). It serves the built site with the server block the build wrote, changed
in two lines only: listen and root. Since data/redirects.yml may hold no
redirect, one more is added to that block, written by the same generator.
"""

from __future__ import annotations

import gzip
import http.client
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from nyf import hosting
from nyf.languages import load_registry
from nyf.redirects import load_redirects, moved_urls

ROOT = Path(__file__).resolve().parents[1]
#: Debian's nginx, wherever the PATH of the test runner looks.
NGINX_PATHS = ("nginx", "/usr/sbin/nginx")
#: Debian's list of file types (the http block of its nginx.conf includes it).
MIME_TYPES = Path("/etc/nginx/mime.types")
#: An extra redirect, between two pages every language has.
TEST_REDIRECT = ("help-now/keep-evidence/", "help-now/evidence/")
#: How long nginx may take to open its port before the test gives up.
START_TIMEOUT_S = 10
_LISTEN = re.compile(r"^ *listen .*;\n", re.MULTILINE)
_ROOT = re.compile(r"^ *root .*;$", re.MULTILINE)

WRAPPER = """\
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{server}
}}
"""


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class Server:
    port: int
    site: Path

    def get(self, path: str, **headers: str) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()


def nginx_binary() -> str:
    for name in NGINX_PATHS:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("nginx is missing: run scripts/install_test_tools.sh")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served_config(site: Path, port: int) -> str:
    """The build's server block, on 127.0.0.1:port, over ``site``, with TEST_REDIRECT."""
    text = (site / hosting.NGINX_FILE).read_text(encoding="utf-8")
    assert len(_LISTEN.findall(text)) == 2 and len(_ROOT.findall(text)) == 1, text[:2000]
    text = _LISTEN.sub("", text)
    text = _ROOT.sub(f"    listen 127.0.0.1:{port};\n    root {site};", text)
    old, new = TEST_REDIRECT
    extra = hosting.nginx_redirects(((f"/{old}", f"/{new}"),))
    return text.rstrip().removesuffix("}") + extra + "}\n"


def _readable_by_others(site: Path) -> bool:
    folders = [site, *site.parents]
    return all(folder.stat().st_mode & stat.S_IXOTH for folder in folders) and bool(
        (site / "index.html").stat().st_mode & stat.S_IROTH
    )


@pytest.fixture(scope="module")
def server(site_dir: Path) -> Iterator[Server]:
    binary = nginx_binary()
    tmp = Path(tempfile.mkdtemp(prefix="nyf-nginx-"))
    command = [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
    site = site_dir.resolve()
    if os.geteuid() == 0:
        # Never as root: as nobody, in a folder of its own.
        nobody = pwd.getpwnam("nobody")
        os.chown(tmp, nobody.pw_uid, nobody.pw_gid)
        if not _readable_by_others(site):  # a site built under pytest's private tmp
            site = Path(shutil.copytree(site, tmp / "site"))
            for path in [site, *site.rglob("*")]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        setpriv = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}"]
        command = [*setpriv, "--clear-groups", *command]
    port = free_port()
    (tmp / "nginx.conf").write_text(
        WRAPPER.format(tmp=tmp, mime_types=MIME_TYPES, server=served_config(site, port)),
        encoding="utf-8",
    )
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                log = (tmp / "error.log").read_text(errors="replace") if tmp.exists() else ""
                pytest.fail(f"nginx stopped: {process.stdout.read().decode()}\n{log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"nginx did not open 127.0.0.1:{port}")
                time.sleep(0.05)
        yield Server(port, site)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


def _meta_policy(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found, "the page has no CSP <meta>"
    return found.group(1)


PAGES = ["/", "/help-now/", "/cs/", "/cs/help-now/evidence/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_the_policy_and_security_headers(server: Server, path: str):
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


def test_every_redirect_answers_301_with_its_new_address(server: Server):
    registry = load_registry(ROOT / "data/languages.yml")
    moved = [(m.old, m.new) for m in moved_urls(load_redirects(), registry.published())]
    old, new = TEST_REDIRECT
    for old_path, new_path in [*moved, (old, new)]:
        answer = server.get(f"/{old_path}")
        assert (answer.status, answer.headers["Location"]) == (301, f"/{new_path}"), old_path
        assert answer.headers["Referrer-Policy"] == "no-referrer"
        assert server.get(answer.headers["Location"]).status == 200


def test_a_folder_without_its_slash_is_redirected_on_the_same_host(server: Server):
    answer = server.get("/help-now")
    assert (answer.status, answer.headers["Location"]) == (301, "/help-now/")


def test_a_missing_page_answers_404_in_its_language(server: Server):
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
def test_the_files_for_hosts_are_not_served(server: Server, path: str):
    assert server.get(path).status == 404


@pytest.mark.parametrize("path", ["/", "/assets/javascripts/site.js"])
def test_text_is_gzipped_for_browsers_that_ask(server: Server, path: str):
    plain = server.get(path)
    packed = server.get(path, **{"Accept-Encoding": "gzip"})
    assert plain.headers["Content-Encoding"] is None
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body)


def test_fingerprinted_files_are_kept_a_year_and_nothing_else_is(server: Server):
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
