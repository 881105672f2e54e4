"""Check web addresses: concurrent, with timeouts, retries and a per-host limit.

The one URL checker of the project, used by scripts/check_helpline_sites.py
(the helplines' websites) and scripts/check_links.py --external (every
outbound link). Redirects and certificate errors are reported, not followed
or hidden. Never run in CI: it is the only code here that uses the network.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

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
