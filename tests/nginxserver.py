"""Serve a built site with Debian's nginx and the server block the build wrote.

nginx (installed by scripts/install_test_tools.sh) runs on 127.0.0.1 on a free
port, in the foreground as one process, with its pid, logs and temporary files
in a temporary folder, as an ordinary user (nobody, when the tests run as
root). The server block is the build's nginx.conf, changed in two lines only:
listen and root.
"""

from __future__ import annotations

import contextlib
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

#: Debian's nginx, wherever the PATH of the test runner looks.
NGINX_PATHS = ("nginx", "/usr/sbin/nginx")
#: Debian's list of file types (the http block of its nginx.conf includes it).
MIME_TYPES = Path("/etc/nginx/mime.types")
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
class NginxServer:
    port: int
    site: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, **headers: str) -> Answer:
        """One GET, redirects not followed."""
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served_config(site: Path, port: int, extra: str = "") -> str:
    """The build's server block, on 127.0.0.1:port over ``site``, ``extra`` added inside."""
    text = (site / hosting.NGINX_FILE).read_text(encoding="utf-8")
    assert len(_LISTEN.findall(text)) == 2 and len(_ROOT.findall(text)) == 1, text[:2000]
    text = _LISTEN.sub("", text)
    text = _ROOT.sub(f"    listen 127.0.0.1:{port};\n    root {site};", text)
    return text.rstrip().removesuffix("}") + extra + "}\n"


def _readable_by_others(site: Path) -> bool:
    folders = [site, *site.parents]
    return all(folder.stat().st_mode & stat.S_IXOTH for folder in folders) and bool(
        (site / "index.html").stat().st_mode & stat.S_IROTH
    )


def _wait_for_port(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            text = log.read_text(errors="replace") if log.is_file() else ""
            pytest.fail(f"nginx stopped:\n{output}\n{text}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"nginx did not open 127.0.0.1:{port}")
            time.sleep(0.05)


@contextlib.contextmanager
def serve_with_nginx(site_dir: Path, extra: str = "") -> Iterator[NginxServer]:
    """nginx serving ``site_dir`` for the length of the ``with``; stopped and cleaned after."""
    binary = nginx_binary()
    tmp = Path(tempfile.mkdtemp(prefix="nyf-nginx-"))
    try:
        site = site_dir.resolve()
        command = [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf")]
        command += ["-e", str(tmp / "error.log")]
        if os.geteuid() == 0:
            # Never as root: as nobody, in a folder of its own.
            nobody = pwd.getpwnam("nobody")
            os.chown(tmp, nobody.pw_uid, nobody.pw_gid)
            if not _readable_by_others(site):  # e.g. a site built in pytest's private tmp
                site = Path(shutil.copytree(site, tmp / "site"))
                for path in [site, *site.rglob("*")]:
                    os.chown(path, nobody.pw_uid, nobody.pw_gid)
            user = [f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
            command = ["setpriv", *user, *command]
        port = _free_port()
        config = WRAPPER.format(
            tmp=tmp, mime_types=MIME_TYPES, server=served_config(site, port, extra)
        )
        (tmp / "nginx.conf").write_text(config, encoding="utf-8")
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            _wait_for_port(process, port, tmp / "error.log")
            yield NginxServer(port, site)
        finally:
            process.terminate()
            process.wait(timeout=10)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
