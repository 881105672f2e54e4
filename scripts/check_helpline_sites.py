"""Check that the helplines' web addresses still answer (on demand, never in CI).

Usage: python scripts/check_helpline_sites.py [--timeout S] [--retries N]
       [--workers N] [--per-host N] [URL...]

With no URL, checks every website, chat and report_url in data/helplines/.
Network checks advise, they do not block: run this before a deployment and
update the data by hand. Redirects are reported, not followed, so a moved
page can be updated in the data; certificate errors are reported as findings.

Exit status: 0 every address answered 200, 1 some did not, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nyf import helplines

#: Seconds to wait for a server; helpline sites can be slow but not this slow.
DEFAULT_TIMEOUT = 15.0
#: Attempts after the first for timeouts, connection errors and 5xx answers.
DEFAULT_RETRIES = 2
#: First pause between attempts; doubles each time (be gentle with small sites).
DEFAULT_BACKOFF = 1.0
DEFAULT_WORKERS = 8
#: At most this many requests at once to one host: several services share hosts.
DEFAULT_PER_HOST = 2
USER_AGENT = "NotYourFault-link-check/1 (+https://notyourfault.example.org/about/)"

URL_FIELDS = ("website", "chat", "report_url")


@dataclass(frozen=True)
class UrlStatus:
    url: str
    outcome: str  # ok, redirect, client_error, server_error, timeout, certificate, error
    status: int | None
    detail: str
    attempts: int

    def __str__(self) -> str:
        code = self.status if self.status is not None else "-"
        return (
            f"{self.outcome:<12} {code!s:>3} {self.url}{'  ' + self.detail if self.detail else ''}"
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect())


def _attempt(url: str, timeout: float) -> UrlStatus:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT}, method="GET")
    try:
        with _opener().open(request, timeout=timeout) as response:
            return UrlStatus(url, "ok", response.status, "", 1)
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            return UrlStatus(url, "redirect", exc.code, f"-> {exc.headers.get('Location', '?')}", 1)
        outcome = "client_error" if exc.code < 500 else "server_error"
        return UrlStatus(url, outcome, exc.code, exc.reason or "", 1)
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ssl.SSLCertVerificationError):
            return UrlStatus(url, "certificate", None, reason.verify_message or str(reason), 1)
        if isinstance(reason, TimeoutError | socket.timeout):
            return UrlStatus(url, "timeout", None, f"no answer within {timeout:g} s", 1)
        return UrlStatus(url, "error", None, str(reason), 1)
    except TimeoutError:
        return UrlStatus(url, "timeout", None, f"no answer within {timeout:g} s", 1)
    except (OSError, ValueError) as exc:
        return UrlStatus(url, "error", None, str(exc), 1)


_RETRYABLE = {"timeout", "error", "server_error"}


def check_url(
    url: str,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> UrlStatus:
    """Fetch ``url``, retrying transient failures; never raises."""
    result = _attempt(url, timeout)
    attempts = 1
    while result.outcome in _RETRYABLE and attempts <= retries:
        sleep(backoff * 2 ** (attempts - 1))
        result = _attempt(url, timeout)
        attempts += 1
    return UrlStatus(result.url, result.outcome, result.status, result.detail, attempts)


def check_all(
    urls: Iterable[str],
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    workers: int = DEFAULT_WORKERS,
    per_host: int = DEFAULT_PER_HOST,
    backoff: float = DEFAULT_BACKOFF,
) -> list[UrlStatus]:
    """Check ``urls`` concurrently, at most ``per_host`` at a time per host."""
    unique = list(dict.fromkeys(urls))
    limits: dict[str, threading.BoundedSemaphore] = {}
    for url in unique:
        limits.setdefault(urlsplit(url).netloc.lower(), threading.BoundedSemaphore(per_host))

    def run(url: str) -> UrlStatus:
        with limits[urlsplit(url).netloc.lower()]:
            return check_url(url, timeout, retries, backoff)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, unique))


def data_urls(directory: helplines.Directory) -> list[str]:
    return [
        service[name]
        for country in directory.countries.values()
        for service in country.services
        for name in URL_FIELDS
        if name in service
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_helpline_sites.py", description=__doc__.split("\n")[0]
    )
    parser.add_argument("urls", nargs="*", help="addresses to check (default: all in the data)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    parser.add_argument("--retries", type=int, default=DEFAULT_RETRIES)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--per-host", type=int, default=DEFAULT_PER_HOST)
    args = parser.parse_args(argv)
    if args.workers < 1 or args.per_host < 1 or args.retries < 0 or args.timeout <= 0:
        parser.error("--workers and --per-host must be at least 1, --retries at least 0")
    urls = args.urls
    if not urls:
        directory = helplines.load_directory(dt.date.today())
        if directory.errors:
            print(helplines.format_findings(directory.errors), file=sys.stderr)
            return 1
        urls = data_urls(directory)
    results = check_all(urls, args.timeout, args.retries, args.workers, args.per_host)
    for result in results:
        print(result)
    failed = [r for r in results if r.outcome != "ok"]
    print(f"{len(results)} addresses checked, {len(failed)} need attention")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
