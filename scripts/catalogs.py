"""Extract, update, compile and check the gettext catalogs in locales/.

Usage: python scripts/catalogs.py {extract,update,compile,check}

extract  writes locales/messages.pot from overrides/ and scripts/nyf/ (babel.cfg),
         keeping comments that start with "Translators:".
update   creates or updates locales/<locale>/LC_MESSAGES/messages.po for every
         language in data/languages.yml except the source language.
compile  compiles every .po in memory, to show that it compiles (the build does
         the same; no .mo file is written into the source tree).
check    reports untranslated and fuzzy strings per language; exits 1 when a
         published language has any, or when a catalog is malformed.
"""

from __future__ import annotations

import argparse
import sys

from nyf import catalogs
from nyf.languages import Registry, load_registry
from nyf.yamlfile import DataError

ROOT = catalogs.ROOT
POT = catalogs.POT


def compile_all(registry: Registry) -> None:
    for locale in catalogs.translated_locales(registry):
        compiled = catalogs.compile_catalog(locale)
        size = f"{len(compiled)} bytes" if compiled is not None else "no catalog"
        print(f"{locale:<10} compiles ({size})")


def check(registry: Registry, out=sys.stdout) -> int:
    template = catalogs.read_catalog(POT)
    failed = False
    print(f"{'language':<10} {'done':>6} {'untranslated':>13} {'fuzzy':>6}", file=out)
    for lang in registry.languages:
        if lang.source:
            continue
        status = catalogs.catalog_status(lang.locale, template)
        note = "" if lang.published else "  (not published)"
        print(
            f"{lang.code:<10} {status.percent:>5.0f}% {len(status.untranslated):>13} "
            f"{len(status.fuzzy):>6}{note}",
            file=out,
        )
        if status.missing_file:
            print(f"  missing {catalogs.po_path(lang.locale).relative_to(ROOT)}; run "
                  "`make catalogs-update`", file=out)  # fmt: skip
        for msgid in status.untranslated if not status.missing_file else []:
            print(f"  untranslated: {msgid!r}", file=out)
        for msgid in status.fuzzy:
            print(f"  fuzzy (needs review, not shown to readers): {msgid!r}", file=out)
        for error in status.errors:
            print(f"  error: {error}", file=out)
        if lang.published and not status.complete:
            failed = True
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["extract", "update", "compile", "check"])
    args = parser.parse_args(argv)
    try:
        registry = load_registry()
        if args.command == "extract":
            catalogs.extract()
        elif args.command == "update":
            catalogs.update(registry)
        elif args.command == "compile":
            compile_all(registry)
        else:
            return check(registry)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
