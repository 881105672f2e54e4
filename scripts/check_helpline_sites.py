"""Check that the helplines' web addresses still answer (on demand, never in CI).

Usage: python scripts/check_helpline_sites.py [--timeout S] [--retries N]
       [--workers N] [--per-host N] [URL...]

With no URL, checks every website, chat and report_url in data/helplines/
and reports per service what answered, what did not, which numbers still need
a call by hand, and when the record was last checked by a person. Network
checks advise, they do not block: run this before a deployment, then record
your check in the data (checked: {date, by}; see data/helplines/README.md).
Redirects are reported, not followed, so a moved page can be updated in the
data; certificate errors are reported as findings.

Exit status: 0 every address answered 200, 1 some did not, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from nyf import helplines
from nyf.urlcheck import (
    DEFAULT_PER_HOST,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_WORKERS,
    UrlStatus,
    check_all,
)

URL_FIELDS = ("website", "chat", "report_url")


def data_urls(directory: helplines.Directory) -> list[str]:
    return [
        service[name]
        for country in directory.countries.values()
        for service in country.services
        for name in URL_FIELDS
        if name in service
    ]


def service_report(directory: helplines.Directory, results: list[UrlStatus]) -> list[str]:
    """One block per service: what answered, what did not, what to call by hand."""
    by_url = {result.url: result for result in results}
    lines = []
    for code in sorted(directory.countries):
        for service in directory.countries[code].services:
            answered, failed = [], []
            for name in URL_FIELDS:
                if name in service and service[name] in by_url:
                    result = by_url[service[name]]
                    if result.outcome == "ok":
                        answered.append(name)
                    else:
                        code_ = f" {result.status}" if result.status else ""
                        failed.append(f"{name} ({result.outcome}{code_}: {result.url})")
            numbers = [p["number"] for p in service.get("phones", []) + service.get("sms", [])]
            checked = service.get("checked")
            last = f"{checked['date']} by {checked['by']}" if checked else "never"
            status = "NEEDS ATTENTION" if failed else "ok"
            lines.append(f"{code} {service['id']} ({service['name']}): {status}")
            lines.append(f"  answered: {', '.join(answered) or 'nothing checked'}")
            if failed:
                lines.append(f"  did not answer: {'; '.join(failed)}")
            if numbers:
                lines.append(f"  call by hand: {', '.join(numbers)}")
            lines.append(f"  last checked by a person: {last}")
    return lines


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
    directory = None
    if not urls:
        directory = helplines.load_directory(dt.date.today())
        if directory.errors:
            print(helplines.format_findings(directory.errors), file=sys.stderr)
            return 1
        urls = data_urls(directory)
    results = check_all(urls, args.timeout, args.retries, args.workers, args.per_host)
    if directory is None:
        for result in results:
            print(result)
    else:
        print("\n".join(service_report(directory, results)))
    failed = [r for r in results if r.outcome != "ok"]
    print(f"{len(results)} addresses checked, {len(failed)} need attention")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
