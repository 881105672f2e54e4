"""The helpline website checker, against local servers only (never the internet)."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import check_helpline_sites as checker
import pytest
from nyf import urlcheck


class _Handler(BaseHTTPRequestHandler):
    active = 0
    peak = 0
    hits: ClassVar[dict[str, int]] = {}
    lock = threading.Lock()

    def do_GET(self):
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.peak = max(cls.peak, cls.active)
            cls.hits[self.path] = cls.hits.get(self.path, 0) + 1
        time.sleep(0.05)  # long enough for concurrent requests to overlap
        # Counted out before answering: once the client has the answer, the
        # next request it sends may come in at once (it did, on a busy machine).
        with cls.lock:
            cls.active -= 1
        if self.path.startswith("/ok"):
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/missing":
            self.send_response(404)
        else:
            self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    _Handler.active = _Handler.peak = 0
    _Handler.hits = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def silent_server():
    """Accepts connections (in the kernel backlog) but never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    sock.close()


@pytest.mark.parametrize(
    ("path", "outcome", "status"),
    [
        ("/ok", "ok", 200),  # answers
        ("/moved", "redirect", 301),  # moved: reported, not followed
        ("/missing", "client_error", 404),  # gone
        ("/broken", "server_error", 500),  # broken, after retries
    ],
)
def test_status_of_each_answer(server, path, outcome, status):
    result = urlcheck.check_url(server + path, timeout=2, retries=1, backoff=0)
    assert (result.outcome, result.status) == (outcome, status)
    if outcome == "redirect":
        assert result.detail == "-> /ok"


def test_server_errors_are_retried_client_errors_are_not(server):
    urlcheck.check_url(server + "/broken", timeout=2, retries=2, backoff=0)
    urlcheck.check_url(server + "/missing", timeout=2, retries=2, backoff=0)
    assert _Handler.hits == {"/broken": 3, "/missing": 1}


def test_a_server_that_never_answers_times_out(silent_server):
    started = time.monotonic()
    result = urlcheck.check_url(silent_server, timeout=0.3, retries=1, backoff=0)
    assert result.outcome == "timeout"
    assert result.attempts == 2
    assert time.monotonic() - started < 5


def test_connection_refused_is_an_error():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on this port now
    result = urlcheck.check_url(f"http://127.0.0.1:{port}/", timeout=1, retries=0)
    assert result.outcome == "error"


def test_per_host_limit_and_concurrency(server):
    urls = [f"{server}/ok{i}" for i in range(6)]
    results = urlcheck.check_all(urls, timeout=2, retries=0, workers=6, per_host=1)
    assert [r.outcome for r in results] == ["ok"] * 6
    assert _Handler.peak == 1
    _Handler.peak = 0
    urlcheck.check_all(urls, timeout=2, retries=0, workers=6, per_host=3)
    assert 1 < _Handler.peak <= 3


def test_main_reports_each_url_and_exit_status(server, capsys):
    assert checker.main(["--timeout", "2", "--retries", "0", server + "/ok"]) == 0
    assert checker.main(["--timeout", "2", "--retries", "0", server + "/missing"]) == 1
    out = capsys.readouterr().out
    assert f"ok           200 {server}/ok" in out
    assert "client_error 404" in out


def test_main_usage_error_exits_2():
    with pytest.raises(SystemExit) as exc:
        checker.main(["--workers", "0", "https://example.org/"])
    assert exc.value.code == 2


def test_data_urls_are_https_addresses_from_the_data():
    import datetime as dt

    from nyf import helplines

    urls = checker.data_urls(helplines.load_directory(dt.date(2026, 11, 23)))
    assert "https://www.linkabezpeci.cz" in urls
    assert all(url.startswith("https://") for url in urls)


def test_report_per_service_says_what_answered_and_what_did_not(server):
    from nyf import helplines

    service = {
        "id": "cz-x",
        "name": "X",
        "phones": [{"number": "116 111"}],
        "website": server + "/ok",
        "report_url": server + "/missing",
        "checked": {"date": "2026-11-30", "by": "Safer Internet Centre CZ"},
    }
    unchecked = {"id": "cz-y", "name": "Y", "chat": server + "/ok"}
    directory = helplines.Directory(
        countries={"CZ": helplines.Country("CZ", "CZ.yml", (service, unchecked))}
    )
    results = urlcheck.check_all(checker.data_urls(directory), 2, 0, 2, 2)
    report = checker.service_report(directory, results)
    assert report[:5] == [
        "CZ cz-x (X): NEEDS ATTENTION",
        "  answered: website",
        f"  did not answer: report_url (client_error 404: {server}/missing)",
        "  call by hand: 116 111",
        "  last checked by a person: 2026-11-30 by Safer Internet Centre CZ",
    ]
    assert report[5:] == [
        "CZ cz-y (Y): ok",
        "  answered: chat",
        "  last checked by a person: never",
    ]
