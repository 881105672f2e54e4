"""Keep every published URL working: check the built site against the committed list.

Usage: python scripts/published_urls.py check SITE_DIR [--list data/published-urls.txt]
       python scripts/published_urls.py add SITE_DIR [--list data/published-urls.txt]

``check`` fails when a URL on the list no longer resolves in SITE_DIR (a
folder with an index.html: a page or a redirect page). A page that moved
needs a redirect in data/redirects.yml. ``add`` appends the site's new URLs
to the list after a release (it never removes one).

The PDFs of `make print` (thousands: a poster per country and language...)
are recorded by a rule rather than one by one: data/published-pdfs.yml lists
the languages, countries and lessons they have been published for, and every
PDF that nyf.printing.plan() names for them must stay in the site's
print/pdfs.json (the list the build writes). ``add`` merges the site's.

The list holds one URL per line, relative to the site root and starting with
/ (/cs/help-now/), sorted; lines starting with # are comments.

Exit status: 0 fine, 1 URLs no longer resolve, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml
from nyf import printing
from nyf.yamlfile import DataError, decode_text, load_yaml

ROOT = Path(__file__).resolve().parents[1]
LIST_FILE = ROOT / "data" / "published-urls.txt"
PDF_RULE_FILE = ROOT / "data" / "published-pdfs.yml"
PDF_RULE_FIELDS = ("languages", "countries", "lessons", "lesson_languages")
PDF_HEADER = """\
# The PDFs of `make print` published so far, recorded by a rule: every PDF that
# nyf.printing.plan() names for these languages, countries and lessons
# (/print/<lang>/poster-<cc>-a4.pdf...) must stay in the site's print/pdfs.json.
# Listed one by one they would be thousands of lines. Never delete an entry.
# After a release: python scripts/published_urls.py add site
"""
#: Pages that are not addresses anyone links to.
NOT_PUBLISHED = {"404.html"}
#: A listed URL: a path from the site root, of URL-safe segments, ending in /
#: (a page) or in a file name (helplines.json).
_LISTED_URL = re.compile(r"^/([A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*([A-Za-z0-9_~-][A-Za-z0-9._~-]*)?$")
HEADER = """\
# Every public URL of the site, in every language: a URL on this list must keep
# working (teachers print links and QR codes). Relative to the site root.
# When a page moves, add a redirect to data/redirects.yml; never delete a line.
# After a release: python scripts/published_urls.py add site
"""


def site_urls(site_dir: Path) -> set[str]:
    """Every page URL of a built site (directory URLs: /cs/help-now/)."""
    urls = set()
    root = str(site_dir)
    for folder, _dirs, names in os.walk(root):
        if "index.html" not in names:
            continue
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        urls.add("/" if rel == "." else f"/{rel}/")
    return urls


def read_list(path: Path) -> list[tuple[int, str]]:
    """(line number, URL) for every URL line of the list; a missing list is empty."""
    if not path.is_file():
        return []
    entries = []
    text = decode_text(path.read_bytes(), _display(path), "one URL per line")
    for number, line in enumerate(text.splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            entries.append((number, text))
    return entries


def resolves(site_dir: Path, url: str) -> bool:
    relative = url.lstrip("/")
    return (site_dir / relative / "index.html").is_file() or (
        not url.endswith("/") and (site_dir / relative).is_file()
    )


def check(site_dir: Path, list_file: Path) -> list[str]:
    """One message per listed URL that no longer resolves, or is malformed."""
    problems = []
    display = _display(list_file)
    for number, url in read_list(list_file):
        if not url.startswith("/"):
            problems.append(f"{display}:{number}: {url!r}: expected a URL starting with /")
        elif not _LISTED_URL.match(url):
            problems.append(
                f"{display}:{number}: {url!r}: expected a path from the site root such as "
                "/cs/help-now/ (no spaces, ?, # or ..)"
            )
        elif not resolves(site_dir, url):
            page = url.lstrip("/") + ("" if url.endswith("/") else "/")
            problems.append(
                f"{display}:{number}: {url} no longer resolves in {site_dir} (no {page}index.html);"
                " if the page moved, map its old path to the new one in data/redirects.yml"
            )
    return problems


def add(site_dir: Path, list_file: Path) -> list[str]:
    """Write the list with the site's new URLs merged in; return the URLs added."""
    listed = {url for _number, url in read_list(list_file)}
    old_text = (
        decode_text(list_file.read_bytes(), _display(list_file)) if list_file.is_file() else HEADER
    )
    comments = [line for line in old_text.splitlines() if line.strip().startswith("#")]
    found = site_urls(site_dir) - {f"/{name}/" for name in NOT_PUBLISHED}
    added = sorted(found - listed)
    lines = [*comments, *sorted(listed | found)]
    list_file.parent.mkdir(parents=True, exist_ok=True)
    list_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return added


def read_pdf_rule(path: Path) -> dict[str, list[str]]:
    """The languages, countries and lessons of data/published-pdfs.yml (empty if missing)."""
    if not path.is_file():
        return {name: [] for name in PDF_RULE_FIELDS}
    data = load_yaml(path, _display(path)).data or {}
    rule = {}
    for name in PDF_RULE_FIELDS:
        # Lesson packs were printed in every language until lesson_languages existed.
        default = data.get("languages", []) if name == "lesson_languages" else []
        values = data.get(name, default)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DataError(_display(path), None, name, "expected a list of codes")
        rule[name] = values
    return rule


def check_pdfs(site_dir: Path, rule_file: Path) -> list[str]:
    """One message per published PDF that the site no longer lists in print/pdfs.json."""
    rule = read_pdf_rule(rule_file)
    try:
        jobs = printing.plan(
            rule["languages"],
            rule["countries"],
            rule["lessons"],
            lesson_languages=rule["lesson_languages"],
        )
    except ValueError as error:
        return [f"{_display(rule_file)}: {error}"]
    if not jobs:
        return []
    try:
        listed = set(printing.read_pdf_list(site_dir)["pdfs"])
    except FileNotFoundError as error:
        return [str(error)]
    display = _display(rule_file)
    return [
        f"{display}: {job.url} is no longer in print/pdfs.json; a published PDF keeps "
        "being printed (keep its language, country and lesson)"
        for job in jobs
        if job.url not in listed
    ]


def add_pdfs(site_dir: Path, rule_file: Path) -> list[str]:
    """Merge the site's languages, countries and lessons into the rule; return what is new."""
    rule = read_pdf_rule(rule_file)
    try:
        listing = printing.read_pdf_list(site_dir)
    except FileNotFoundError:
        return []
    added = []
    for name in PDF_RULE_FIELDS:
        new = [v for v in listing.get(name, listing["languages"]) if v not in rule[name]]
        added += [f"{name}: {v}" for v in new]
        rule[name] = sorted(set(rule[name]) | set(new))
    body = yaml.safe_dump(rule, allow_unicode=True, default_flow_style=None, width=80)
    rule_file.write_text(PDF_HEADER + body, encoding="utf-8")
    return added


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="published_urls.py", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "add"])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--list", type=Path, default=LIST_FILE, help="the published URL list")
    parser.add_argument(
        "--pdfs", type=Path, default=PDF_RULE_FILE, help="the rule of the published PDFs"
    )
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: not a built site (no index.html)", file=sys.stderr)
        return 2
    if args.command == "add":
        try:
            added = add(args.site_dir, args.list) + add_pdfs(args.site_dir, args.pdfs)
        except DataError as error:
            print(error, file=sys.stderr)
            return 1
        for url in added:
            print(f"added {url}")
        print(f"{len(added)} URLs added to {_display(args.list)}", file=sys.stderr)
        return 0
    try:
        if not args.list.is_file():
            raise DataError(
                _display(args.list),
                None,
                "",
                "file not found; expected the list "
                "of published URLs (create it with: published_urls.py add SITE)",
            )
        problems = check(args.site_dir, args.list) + check_pdfs(args.site_dir, args.pdfs)
        count = len(read_list(args.list))
        if not count:
            raise DataError(
                _display(args.list),
                None,
                "",
                "has no URLs; expected one URL per line (a URL once published stays listed)",
            )
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    for problem in problems:
        print(problem)
    print(f"{count} published URLs checked: {len(problems)} no longer resolve", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
