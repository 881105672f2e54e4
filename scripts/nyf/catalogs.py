"""Gettext catalogs for our own interface strings (everything in overrides/).

The catalogs live in ``locales/<locale>/LC_MESSAGES/messages.po`` with the
template ``locales/messages.pot``. Compiled ``.mo`` files are build artefacts:
:func:`translations` compiles a catalog when its ``.mo`` is missing or older
than the ``.po``, so a plain ``mkdocs build`` works on a fresh clone.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from markupsafe import escape

from nyf.languages import Registry
from nyf.yamlfile import DataError

ROOT = Path(__file__).resolve().parents[2]
LOCALES_DIR = ROOT / "locales"
DOMAIN = "messages"
POT = LOCALES_DIR / f"{DOMAIN}.pot"


def po_path(locale: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# One line of a .po file: a keyword and a quoted string, a continued string,
# a comment, or nothing. A quote inside a string must be escaped (\").
_PO_LINE = re.compile(
    r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'
)


def check_po_syntax(text: str, display: str) -> None:
    """Babel forgives some broken lines; translators need to hear about them."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            raise DataError(
                display,
                number,
                "",
                f'malformed catalog line {stripped[:60]!r}; expected msgid "..." or '
                'msgstr "..." with the text in straight double quotes (write \\" for a quote '
                "inside the text)",
            )


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a .po/.pot file; a malformed one raises :class:`DataError`."""
    try:
        check_po_syntax(path.read_text(encoding="utf-8"), _display(path))
        with path.open("rb") as fh:
            return read_po(fh, locale=locale, abort_invalid=True)
    except PoFileError as exc:
        # Babel's message already names the line ("... on 12").
        raise DataError(
            _display(path), None, "", f"malformed catalog: {exc}; fix the quotes of that entry"
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise DataError(_display(path), None, "", f"cannot be read as a catalog: {exc}") from None


def compile_catalog(locale: str, locales_dir: Path = LOCALES_DIR) -> bytes | None:
    """One locale's .po compiled to .mo bytes in memory, or None without a .po.

    Nothing is written: compiled catalogs are build artefacts, not sources.
    """
    po = po_path(locale, locales_dir)
    if not po.is_file():
        return None
    catalog = read_catalog(po, locale)
    buffer = io.BytesIO()
    # Fuzzy entries are left out: a guessed translation must not reach a reader.
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def translations(locale: str, locales_dir: Path = LOCALES_DIR) -> NullTranslations:
    """The translations of ``locale``; the source language gets the msgids back."""
    compiled = compile_catalog(locale, locales_dir)
    if compiled is None:
        return NullTranslations()
    return Translations(io.BytesIO(compiled), domain=DOMAIN)


@dataclass
class CatalogStatus:
    """How complete one language's catalog is."""

    locale: str
    total: int = 0
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    missing_file: bool = False

    @property
    def complete(self) -> bool:
        return not (self.missing_file or self.untranslated or self.fuzzy or self.errors)

    @property
    def percent(self) -> float:
        if not self.total:
            return 100.0
        done = self.total - len(self.untranslated) - len(self.fuzzy)
        return 100.0 * done / self.total


def catalog_status(
    locale: str, template: Catalog, locales_dir: Path = LOCALES_DIR
) -> CatalogStatus:
    """Compare a language's catalog with the template: untranslated, fuzzy, errors."""
    status = CatalogStatus(locale=locale, total=sum(1 for m in template if m.id))
    po = po_path(locale, locales_dir)
    if not po.is_file():
        status.missing_file = True
        status.untranslated = [str(m.id) for m in template if m.id]
        return status
    catalog = read_catalog(po, locale)
    for message in template:
        if not message.id:
            continue
        ours = catalog.get(message.id, message.context)
        if (
            ours is None
            or not ours.string
            or (isinstance(ours.string, tuple) and not all(ours.string))
        ):
            status.untranslated.append(str(message.id))
        elif ours.fuzzy:
            status.fuzzy.append(str(message.id))
    for message, errors in catalog.check():
        for error in errors:
            status.errors.append(f"{_display(po)}:{message.lineno} {message.id!r}: {error}")
    return status


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    # Run from the project root so the .pot names files relative to it.
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        _pybabel(
            "extract",
            "-F", "babel.cfg",
            "-c", "Translators:",
            "--sort-by-file",
            "--project", "Not Your Fault",
            "-o", str(POT.relative_to(ROOT)),
            ".",
        )  # fmt: skip
    finally:
        os.chdir(here)


def translated_locales(registry: Registry) -> list[str]:
    return [lang.locale for lang in registry.languages if not lang.default]


def update(registry: Registry, locales_dir: Path = LOCALES_DIR) -> None:
    """Create or update the .po of every language but the source, from the .pot."""
    for locale in translated_locales(registry):
        po = po_path(locale, locales_dir)
        if po.is_file():
            _pybabel("update", "-i", str(POT), "-d", str(locales_dir), "-l", locale,
                     "--ignore-obsolete")  # fmt: skip
        else:
            _pybabel("init", "-i", str(POT), "-d", str(locales_dir), "-l", locale)


def escaped(function: Callable[..., str]) -> Callable[..., str]:
    """``function`` (gettext, ngettext) whose result is HTML-escaped text.

    Our templates mark no msgid with markup, so a translation is always plain
    text; a ``<`` or ``"`` a translator types is shown, never parsed.
    """

    def escaped_function(*args: object) -> str:
        return str(escape(function(*args)))

    return escaped_function
