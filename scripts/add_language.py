"""Scaffold a new language: its registry entry and its gettext catalog.

Usage: python scripts/add_language.py CODE [--locale LOCALE] [--exit-url URL] [--publish]

Adds CODE to data/languages.yml (not published until you say so), with the
autonym, text direction and search language that Babel and lunr.js know,
creates locales/<locale>/LC_MESSAGES/messages.po, and tells you what to do
next. It does not copy English pages into docs/CODE/: an untranslated copy
would claim to be a translation. Untranslated pages fall back to English
with a notice until they are translated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError
from nyf import catalogs
from nyf.languages import REGISTRY_FILE, load_registry, lunr_languages, material_theme_dirs
from nyf.yamlfile import DataError

DEFAULT_EXIT_URL = "https://www.wikipedia.org/"


def registry_entry(code: str, locale: str, exit_url: str, publish: bool) -> str:
    """The YAML text of a new registry entry, with values derived from Babel."""
    babel_locale = Locale.parse(locale)
    autonym = babel_locale.get_display_name(locale) or code
    autonym = autonym[:1].upper() + autonym[1:]
    direction = "rtl" if babel_locale.character_order == "right-to-left" else "ltr"
    language = code.split("-")[0]
    has_material = any(
        (d / "partials/languages" / f"{code}.html").is_file() for d in material_theme_dirs()
    )
    search = language if language in lunr_languages() else "null"
    return (
        f"\n  - code: {code}\n"
        f"    locale: {locale}\n"
        f"    material: {code if has_material else 'en'}\n"
        f"    hreflang: {code}\n"
        f"    name: {autonym}\n"
        f"    dir: {direction}\n"
        f"    search: {search}\n"
        f"    published: {'true' if publish else 'false'}\n"
        f"    exit_url: {exit_url}\n"
    )


NEXT_STEPS = """\
Added {code} ({name}) to data/languages.yml{published}.

Next:
  1. Check the entry in data/languages.yml, above all exit_url: the neutral
     site the quick exit opens (a weather or news site in {name}).
  2. Translate locales/{locale}/LC_MESSAGES/messages.po (a .po editor such as
     Poedit works); `make catalogs-check` lists what is left.
  3. Run `make translations-update`: it creates locales/pages/<page>/{locale}.po
     for every page. Translate them with Poedit, Weblate or Crowdin, starting
     with index and help-now/ (see docs/en/about/translate.md);
     `make translation-status` shows what is missing.
  4. Add your country's helplines in data/helplines/ if they are not there.
  5. Preview: make serve. Publish: set published: true in data/languages.yml.
"""


def main(
    argv: list[str] | None = None,
    registry_file: Path = REGISTRY_FILE,
    locales_dir: Path | None = None,
) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", help="language code for URLs and docs/<code>/, e.g. ga or pt-BR")
    parser.add_argument("--locale", help="Babel locale (default: the code, e.g. pt_BR)")
    parser.add_argument("--exit-url", default=DEFAULT_EXIT_URL, help="quick-exit destination")
    parser.add_argument("--publish", action="store_true", help="publish it at once")
    args = parser.parse_args(argv)
    locale = args.locale or args.code.replace("-", "_")
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        print(f"error: Babel does not know the locale {locale!r}; pass --locale, "
              "e.g. --locale pt_BR", file=sys.stderr)  # fmt: skip
        return 2
    try:
        registry = load_registry(registry_file)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if any(lang.code == args.code for lang in registry.languages):
        print(f"error: {args.code!r} is already in {registry_file.name}", file=sys.stderr)
        return 1
    original = registry_file.read_text(encoding="utf-8")
    entry = registry_entry(args.code, locale, args.exit_url, args.publish)
    registry_file.write_text(original.rstrip("\n") + "\n" + entry, encoding="utf-8")
    try:
        load_registry(registry_file)
    except DataError as error:
        registry_file.write_text(original, encoding="utf-8")
        print(f"error: the new entry is not valid, nothing changed: {error}", file=sys.stderr)
        return 1

    catalogs.update(load_registry(registry_file), locales_dir or catalogs.LOCALES_DIR)
    name = Locale.parse(locale).get_display_name(locale)
    print(NEXT_STEPS.format(code=args.code, name=name, locale=locale,
                            published="" if args.publish else " (not published yet)"))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
