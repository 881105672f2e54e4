"""Page translations as gettext PO catalogs: one template per page, one PO per language.

Layout (the same for Weblate, Crowdin and Poedit)::

    locales/pages/help-now/index.pot        the template, extracted from docs/en/help-now/index.md
    locales/pages/help-now/index/cs.po      its Czech translation (file name: the Babel locale)

The translated Markdown that the site builds (``docs/<code>/...``) is generated
from English + PO at build time (:mod:`nyf.page_build`) and never edited.

Review state, per unit, is a translator comment, because every tool keeps a
translator comment when it saves the file (Weblate's "approved" state and
Crowdin's approvals live in their databases, not in the file)::

    # reviewed: Jana Nováková, Linka bezpečí, 2026-11-20
    msgid "Stop replying."
    msgstr "Přestaň odpovídat."

A translated unit without it is machine-assisted (not yet reviewed by a
fluent person); a fuzzy unit is never counted as reviewed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from nyf import markdown_source, page_units
from nyf.catalogs import check_po_syntax
from nyf.yamlfile import DataError, decode_text

PAGES_DIR = Path("locales") / "pages"
PROJECT = "Not Your Fault pages"
CONTACT = "translations@notyourfault.example.org"
TEAM = f"Not Your Fault translators <{CONTACT}>"
HEADER = """\
# Translations of the pages of Not Your Fault, unit by unit.
# The content is licensed CC BY 4.0 (see LICENSES.md); keep the attribution.
# Generated from docs/en/ by scripts/page_po.py; see TRANSLATING.md.
#"""


def _headers(catalog: Catalog) -> Catalog:
    """The project's header, contact and team in a template or PO file (no tool defaults)."""
    catalog.header_comment = HEADER
    catalog.msgid_bugs_address = CONTACT
    if not catalog.last_translator or "EMAIL@ADDRESS" in catalog.last_translator:
        catalog.last_translator = TEAM
    if not catalog.language_team or "LL@li.org" in catalog.language_team:
        catalog.language_team = TEAM
    return catalog


#: A translator comment that marks a unit as reviewed.
REVIEWED = re.compile(r"^\s*reviewed\b", re.IGNORECASE)


def component(page: str) -> str:
    """``help-now/index.md`` -> ``help-now/index``: the page's name in the catalogs."""
    return page[: -len(".md")] if page.endswith(".md") else page


def pot_path(root: Path, page: str) -> Path:
    return root / PAGES_DIR / f"{component(page)}.pot"


def po_path(root: Path, page: str, locale: str) -> Path:
    return root / PAGES_DIR / component(page) / f"{locale}.po"


def display(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# --- templates ----------------------------------------------------------------


def template(text: str, page: str, glossary: dict[str, str] | None = None) -> Catalog:
    """The POT catalog of the English page ``text`` (``docs/en/<page>``)."""
    catalog = _headers(Catalog(project=PROJECT, version="1", fuzzy=False, charset="utf-8"))
    catalog.creation_date = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    file = f"docs/en/{page}"
    for unit in page_units.page_units(text, file):
        comments = [f"{unit.context}", *unit.notes]
        terms = glossary_terms(unit.msgid, glossary or {})
        if terms:
            comments.append("Glossary: " + "; ".join(terms))
        existing = catalog.get(unit.msgid)
        if existing is not None:
            existing.locations.append((file, unit.line))
            continue
        catalog.add(unit.msgid, locations=[(file, unit.line)], auto_comments=comments)
    return catalog


def glossary_terms(text: str, glossary: dict[str, str]) -> list[str]:
    """The glossary entries (``"evidence = důkazy"``) whose English term ``text`` uses."""
    lowered = text.lower()
    return [
        entry
        for term, entry in glossary.items()
        if re.search(rf"(?<![\w-]){re.escape(term.lower())}(?![\w-])", lowered)
    ]


#: A previous msgid that Babel read back as a translator comment ("| msgid ...").
_PREVIOUS = re.compile(r'^\|\s*(msgid\b|")')


def write_catalog(catalog: Catalog, path: Path) -> bool:
    """Write ``catalog`` to ``path`` when its text changed; True if written."""
    for message in [*catalog, *catalog.obsolete.values()]:
        # Babel flags text with a "%" as python-format; page text is no format string.
        message.flags.discard("python-format")
        # Babel 2.18 writes a long previous msgid (#| msgid "..." over several
        # lines) as one broken line, and reads such lines back as comments: the
        # PO file would no longer compile. The fuzzy flag says the English
        # changed; the old English is in git.
        message.previous_id = []
        message.user_comments = [c for c in message.user_comments if not _PREVIOUS.match(c)]
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, omit_header=False, sort_output=False)
    data = buffer.getvalue()
    # Babel writes today's date in the header; keep files stable between runs.
    data = re.sub(
        rb'"POT-Creation-Date: [^"]*"', b'"POT-Creation-Date: 2026-01-01 00:00+0000\\\\n"', data
    )
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


# --- translations -------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    msgstr: str
    fuzzy: bool
    reviewed: bool
    line: int


@dataclass
class PageCatalog:
    """One page's translation into one language, read from its PO file."""

    page: str
    locale: str
    file: str  # the PO file, for messages
    entries: dict[str, Entry] = field(default_factory=dict)
    catalog: Catalog | None = None

    def lookup(self, msgid: str, include_fuzzy: bool = True) -> str | None:
        entry = self.entries.get(msgid)
        if entry is None or not entry.msgstr or (entry.fuzzy and not include_fuzzy):
            return None
        return entry.msgstr


def read_catalog(path: Path, shown: str, locale: str | None = None) -> Catalog:
    """A PO file read strictly; any problem is one DataError naming the file and line."""
    raw = path.read_bytes()
    text = decode_text(raw, shown, "a PO file")
    check_po_syntax(text, shown)
    try:
        return read_po(io.BytesIO(text.encode("utf-8")), locale=locale, abort_invalid=True)
    except (PoFileError, ValueError) as error:
        line = getattr(error, "lineno", 0)
        raise DataError(shown, line, "", f"not a valid PO file: {error}") from None


def load_page_catalog(root: Path, page: str, locale: str) -> PageCatalog | None:
    """The PO of ``page`` in ``locale``, or None when there is none."""
    path = po_path(root, page, locale)
    if not path.is_file():
        return None
    shown = display(root, path)
    catalog = read_catalog(path, shown)
    result = PageCatalog(page, locale, shown, catalog=catalog)
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        msgstr = message.string if isinstance(message.string, str) else ""
        reviewed = any(REVIEWED.match(comment) for comment in message.user_comments)
        result.entries[message.id] = Entry(msgstr, message.fuzzy, reviewed, message.lineno or 0)
    return result


@dataclass(frozen=True)
class UnitStatus:
    """How far one page is translated into one language, unit by unit."""

    total: int
    translated: int  # translated and not fuzzy
    fuzzy: int
    missing: int
    reviewed: int  # translated, not fuzzy, and marked reviewed

    @property
    def percent(self) -> float:
        return round(100 * self.translated / self.total, 1) if self.total else 100.0

    @property
    def machine_assisted(self) -> int:
        return self.translated - self.reviewed


def unit_status(msgids: list[str], catalog: PageCatalog | None) -> UnitStatus:
    """Count the English page's units (``msgids``) by their state in ``catalog``."""
    translated = fuzzy = reviewed = 0
    for msgid in dict.fromkeys(msgids):
        entry = catalog.entries.get(msgid) if catalog else None
        if entry is None or not entry.msgstr:
            continue
        if entry.fuzzy:
            fuzzy += 1
        else:
            translated += 1
            reviewed += entry.reviewed
    total = len(dict.fromkeys(msgids))
    return UnitStatus(total, translated, fuzzy, total - translated - fuzzy, reviewed)


def new_po(page: str, locale: str, plural_forms: str | None = None) -> Catalog:
    catalog = Catalog(locale=locale, project=PROJECT, version="1", fuzzy=False, charset="utf-8")
    _headers(catalog)
    catalog.creation_date = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    catalog.revision_date = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return catalog


def updated(po: Catalog, pot: Catalog) -> Catalog:
    """``po`` merged with the template ``pot``, as msgmerge does.

    A unit whose English is new gets the translation of the most similar old
    unit, marked fuzzy (see :func:`write_catalog` for the old English); units no
    longer in the English become obsolete (``#~``); translator comments
    (review marks) stay with their unit.
    """
    po.update(pot, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    _headers(po)
    for message in po:
        if message.fuzzy and message.id:
            # A review is of a translation of one English text: not of this one.
            message.user_comments = [c for c in message.user_comments if not REVIEWED.match(c)]
    return po


def page_text(docs_dir: Path, page: str, default: str) -> str:
    path = docs_dir / default / page
    return markdown_source.read(path, f"docs/{default}/{page}")
