"""Gettext catalogs for our own interface strings (everything in overrides/).

The catalogs live in ``locales/<locale>/LC_MESSAGES/messages.po`` with the
template ``locales/messages.pot``. Compiled ``.mo`` files are build artefacts:
:func:`translations` compiles a catalog when its ``.mo`` is missing or older
than the ``.po``, so a plain ``mkdocs build`` works on a fresh clone.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from markupsafe import escape

from nyf.languages import Registry
from nyf.yamlfile import DataError, decode_text

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
# a comment, or nothing. A quote inside a string must be escaped (\"), and
# only the escapes gettext knows are allowed (\n, \t, \", \\).
_PO_LINE = re.compile(
    r"^(?:(?P<keyword>msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"
    r'"(?P<text>(?:[^"\\]|\\[\\"nt])*)"\s*$'
)
# A %-placeholder: %(name)s, %d, %%; Jinja and Python's % operator read these.
_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]"
)
# Markup a translator might type: <b>, </p>, <script, <!--.
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>?")


def check_po_syntax(text: str, display: str) -> None:
    """Babel forgives some broken lines and duplicates; translators need to hear about them."""
    seen: dict[tuple[str, str], int] = {}
    context, msgid, msgid_line, current = "", "", 0, ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _PO_LINE.match(stripped)
        if not match:
            raise DataError(
                display,
                number,
                "",
                f'malformed catalog line {stripped[:60]!r}; expected msgid "..." or '
                'msgstr "..." with the text in straight double quotes (write \\" for a quote '
                "inside the text, \\\\ for a backslash)",
            )
        keyword = match["keyword"] or current
        if match["keyword"] == "msgctxt":
            context = ""
        elif match["keyword"] == "msgid":
            msgid, msgid_line = "", number
        elif keyword.startswith("msgstr") and current in ("msgid", "msgid_plural"):
            key = (context, msgid)
            if key in seen and msgid:
                raise DataError(
                    display,
                    msgid_line,
                    "msgid",
                    f"{msgid!r} is given twice (first on line {seen[key]}); "
                    "expected each msgid once: keep one entry and delete the other",
                )
            seen[key] = msgid_line
            context = ""
        if keyword == "msgid":
            msgid += match["text"]
        elif keyword == "msgctxt":
            context += match["text"]
        current = keyword


def _header_line(text: str, name: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip('"').startswith(f"{name}:"):
            return number
    return None


def _check_header(catalog: Catalog, text: str, display: str, locale: str | None) -> None:
    """The charset must be UTF-8 and Plural-Forms a formula gettext can read."""
    if catalog.charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise DataError(
            display,
            _header_line(text, "Content-Type"),
            "Content-Type",
            f"found charset={catalog.charset}; expected charset=UTF-8 (save the file as UTF-8)",
        )
    forms = dict(catalog.mime_headers).get("Plural-Forms")
    if not forms:
        return
    expected = Catalog(locale=locale).plural_forms if locale else "nplurals=2; plural=(n != 1);"
    try:
        gettext.c2py(catalog.plural_expr)
        number = int(forms.split("nplurals=")[1].split(";")[0])
    except (ValueError, IndexError):
        raise DataError(
            display,
            _header_line(text, "Plural-Forms"),
            "Plural-Forms",
            f"found {forms!r}, which gettext cannot read; expected {expected!r}",
        ) from None
    if number != catalog.num_plurals:
        raise DataError(
            display,
            _header_line(text, "Plural-Forms"),
            "Plural-Forms",
            f"found {forms!r}; expected {expected!r}",
        )


def _po_file_error(exc: PoFileError, display: str, nplurals: str) -> DataError:
    """Babel's parse error as one message for a translator, at the entry's line."""
    what = re.sub(r" on \d+$", "", str(exc))
    lineno = getattr(exc, "lineno", None)
    line = lineno + 1 if isinstance(lineno, int) else None  # Babel counts from 0
    if "more translations than num_plurals" in what:
        return DataError(
            display,
            line,
            "msgstr",
            f"found more plural forms than the header's Plural-Forms allows (nplurals={nplurals}); "
            f"expected msgstr[0] to msgstr[{int(nplurals) - 1 if nplurals.isdigit() else 'N-1'}], "
            "numbered without gaps",
        )
    if what.startswith("missing msgstr"):
        return DataError(display, line, "msgstr", f'{what}; expected msgstr "..." after each msgid')
    return DataError(
        display, line, "", f"malformed catalog: {what}; check the quotes of that entry"
    )


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a .po/.pot file; a malformed one raises :class:`DataError`."""
    display = _display(path)
    text = decode_text(path.read_bytes(), display, "a gettext catalog")
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise DataError(
            display,
            None,
            "",
            "the file is empty; expected a gettext catalog (msgid/msgstr entries): "
            "run `make catalogs-update` to recreate it",
        )
    check_po_syntax(text, display)
    nplurals = re.search(r"nplurals\s*=\s*(\d+)", text)
    try:
        catalog = read_po(io.StringIO(text), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise _po_file_error(exc, display, nplurals[1] if nplurals else "?") from None
    except ValueError as exc:
        raise DataError(display, None, "", f"cannot be read as a catalog: {exc}") from None
    _check_header(catalog, text, display, locale)
    return catalog


def _placeholders(text: str, percent: bool, brace: bool) -> dict[str, str]:
    """Named placeholders of ``text`` as written: {"num": "%(num)d", "date": "{date}"}."""
    found: dict[str, str] = {}
    if percent:
        for match in _PERCENT.finditer(text):
            if match["name"] is not None:
                found.setdefault(match["name"], match.group(0))
    if brace:
        for _literal, name, _spec, _conversion in string.Formatter().parse(text):
            if name:
                found.setdefault(re.split(r"[.\[]", name, maxsplit=1)[0], f"{{{name}}}")
    return found


class _AnyValue(dict):
    """A mapping with every key, to try a %-format string without its values."""

    def __missing__(self, key: str) -> int:
        return 0


def _format_problem(text: str, percent: bool, brace: bool) -> str | None:
    """Why ``text`` cannot be formatted the way the site formats it, if it cannot."""
    if percent:
        try:
            text % _AnyValue()
        except (ValueError, TypeError) as exc:
            return f"a % that is not a placeholder ({exc}); write %% for a percent sign"
    if brace:
        try:
            _placeholders(text, False, True)
        except ValueError as exc:
            return f"an unmatched brace ({exc}); write {{{{ or }}}} for a brace"
    return None


def _shown(placeholders: dict[str, str]) -> str:
    return ", ".join(sorted(placeholders.values())) or "none"


def message_problems(message: Message, display: str) -> list[DataError]:
    """Placeholders, markup and plural forms of one translated entry."""
    if not message.id or message.fuzzy:
        return []
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    if not any(forms):
        return []  # untranslated: reported as such
    # Jinja's newstyle gettext %-formats every string of a template.
    jinja = any(str(location).endswith(".html") for location, _line in message.locations)
    percent = jinja or "python-format" in message.flags
    brace = "python-brace-format" in message.flags
    plural = isinstance(message.string, tuple)
    problems: list[DataError] = []
    msgid = ids[0]

    def problem(index: int, text: str) -> None:
        field = f"msgstr[{index}]" if plural else "msgstr"
        problems.append(DataError(display, message.lineno, field, text))

    wanted: dict[str, str] = {}
    for text in ids:
        wanted.update(_placeholders(text, percent, brace))
    used: set[str] = set()
    for index, text in enumerate(forms):
        if not text:
            problem(
                index,
                f"is missing or empty in the translation of {msgid!r}; expected "
                f"{len(forms)} plural forms, msgstr[0] to msgstr[{len(forms) - 1}], as the "
                "header's Plural-Forms says",
            )
            continue
        broken = _format_problem(text, percent, brace)
        if broken:
            problem(index, f"found {text!r} with {broken}")
            continue
        names = _placeholders(text, percent, brace)
        used |= set(names)
        extras = sorted(set(names) - set(wanted))
        if extras:
            # A renamed placeholder is one mistake: say what was found, not also what is missing.
            problem(
                index,
                f"found the placeholder {', '.join(names[e] for e in extras)}, which is not in "
                f"msgid {msgid!r}; expected the msgid's placeholders unchanged: {_shown(wanted)}",
            )
        elif not plural and set(wanted) - set(names):
            missing = sorted(set(wanted) - set(names))
            problem(
                index,
                f"the placeholder {', '.join(wanted[m] for m in missing)} of msgid {msgid!r} is "
                f"missing; expected every placeholder of the msgid, unchanged: {_shown(wanted)}",
            )
        markup = _MARKUP.search(text)
        if markup and not _MARKUP.search(msgid):
            problem(
                index,
                f"found markup {markup.group(0)!r} in the translation of {msgid!r}; expected "
                "plain text (a translation is shown as text, never as HTML)",
            )
    if plural and all(forms):
        # A form for one item may leave the number out ("minuta"); every form may not.
        for missing in sorted(set(wanted) - used):
            problem(
                0,
                f"the placeholder {wanted[missing]} of msgid {msgid!r} is in no plural form; "
                "expected it in the forms that show the number",
            )
    return problems


def catalog_problems(catalog: Catalog, display: str) -> list[DataError]:
    """Every entry whose translation would break or mislead the page it is shown on."""
    return [problem for message in catalog for problem in message_problems(message, display)]


def compile_catalog(locale: str, locales_dir: Path = LOCALES_DIR) -> bytes | None:
    """One locale's .po compiled to .mo bytes in memory, or None without a .po.

    Nothing is written: compiled catalogs are build artefacts, not sources.
    """
    po = po_path(locale, locales_dir)
    if not po.is_file():
        return None
    catalog = read_catalog(po, locale)
    problems = catalog_problems(catalog, _display(po))
    if problems:
        raise problems[0]
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
    display = _display(po)
    for message in catalog:
        if message.id and not message.fuzzy and template.get(message.id, message.context) is None:
            status.errors.append(
                f"{display}:{message.lineno} msgid: {message.id!r} is not in the template "
                f"{_display(POT)}; expected each msgid exactly as in the template (translate "
                "only the msgstr), or run `make catalogs-update`"
            )
    ours_problems = catalog_problems(catalog, display)
    status.errors += [str(problem) for problem in ours_problems]
    reported = {problem.line for problem in ours_problems}
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
        if message.lineno in reported:
            continue  # already said in our own words
        for error in errors:
            status.errors.append(f"{display}:{message.lineno} {message.id!r}: {error}")
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
    return [lang.locale for lang in registry.languages if not lang.source]


def update(registry: Registry, locales_dir: Path = LOCALES_DIR) -> None:
    """Create or update the .po of every language but the source, from the .pot."""
    for locale in translated_locales(registry):
        po = po_path(locale, locales_dir)
        if po.is_file():
            # pybabel update silently drops an entry it cannot read: stop first and say where.
            read_catalog(po, locale)
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
