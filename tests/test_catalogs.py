"""Gettext catalogs: status per language, malformed catalogs, compilation."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from nyf import catalogs
from nyf.languages import load_registry
from nyf.yamlfile import DataError
from sitebuild import ROOT

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Exit this page"
msgstr "Opustit stránku"

#, fuzzy
msgid "Page not found"
msgstr "Stránka nenalezena"

msgid "Go to the home page"
msgstr ""
"""


def write_po(locales: Path, text: str, locale: str = "cs") -> Path:
    path = catalogs.po_path(locale, locales)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def template() -> Catalog:
    catalog = Catalog()
    for msgid in ["Exit this page", "Page not found", "Go to the home page"]:
        catalog.add(msgid)
    return catalog


def test_status_reports_untranslated_and_fuzzy(tmp_path: Path):
    write_po(tmp_path, PO)
    status = catalogs.catalog_status("cs", template(), tmp_path)
    assert status.untranslated == ["Go to the home page"]
    assert status.fuzzy == ["Page not found"]
    assert not status.complete
    assert round(status.percent) == 33


def test_missing_catalog_is_reported(tmp_path: Path):
    status = catalogs.catalog_status("ga", template(), tmp_path)
    assert status.missing_file and len(status.untranslated) == 3


def test_fuzzy_strings_never_reach_readers(tmp_path: Path):
    write_po(tmp_path, PO)
    translations = catalogs.translations("cs", tmp_path)
    assert translations.gettext("Exit this page") == "Opustit stránku"
    assert translations.gettext("Page not found") == "Page not found"


def test_malformed_catalog_gets_a_clear_message(tmp_path: Path):
    path = write_po(tmp_path, PO.replace('msgstr "Opustit stránku"', 'msgstr "Opustit stránku'))
    with pytest.raises(DataError) as raised:
        catalogs.translations("cs", tmp_path)
    message = str(raised.value)
    assert str(path) in message and "malformed catalog" in message


def test_placeholder_mismatch_is_an_error(tmp_path: Path):
    po = PO + '\n#, python-format\nmsgid "Call %(number)s"\nmsgstr "Volej %(cislo)s"\n'
    write_po(tmp_path, po)
    catalog = template()
    catalog.add("Call %(number)s", flags=["python-format"])
    status = catalogs.catalog_status("cs", catalog, tmp_path)
    assert any("placeholder" in error or "cislo" in error for error in status.errors)


def test_every_published_language_has_a_complete_catalog():
    pot = catalogs.read_catalog(ROOT / "locales/messages.pot")
    for language in load_registry().published():
        if language.default:
            continue
        status = catalogs.catalog_status(language.locale, pot)
        assert status.complete, (language.code, status.untranslated, status.fuzzy, status.errors)


# A small catalog with one entry of each kind the site formats; each bad case
# below breaks one line of it the way a translator might.
FULL_PO = """\
msgid ""
msgstr ""
"Language: cs\\n"
"Plural-Forms: nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

#: overrides/404.html:8
msgid "Page not found"
msgstr "Stránka nenalezena"

#: scripts/nyf/helpline_pages.py:264
#, python-brace-format
msgid "Newest source: {date}"
msgstr "Nejnovější zdroj: {date}"

#: overrides/partials/qr.html:3
#, python-format
msgid "QR code for this page: %(url)s"
msgstr "QR kód této stránky: %(url)s"

#: overrides/partials/lesson-header.html:34
#, python-format
msgid "%(num)d minute"
msgid_plural "%(num)d minutes"
msgstr[0] "%(num)d minuta"
msgstr[1] "%(num)d minuty"
msgstr[2] "%(num)d minut"
"""
PAGE_NOT_FOUND = 'msgstr "Stránka nenalezena"'
NEWEST = 'msgstr "Nejnovější zdroj: {date}"'
QR = 'msgstr "QR kód této stránky: %(url)s"'


def full_template() -> Catalog:
    catalog = Catalog()
    catalog.add("Page not found")
    catalog.add("Newest source: {date}", flags=["python-brace-format"])
    catalog.add("QR code for this page: %(url)s", flags=["python-format"])
    catalog.add(("%(num)d minute", "%(num)d minutes"), flags=["python-format"])
    return catalog


def broken(old: str, new: str) -> str:
    assert old in FULL_PO, old
    return FULL_PO.replace(old, new, 1)


BAD_CATALOGS = [
    # An unclosed quote.
    ("unclosed quote", broken(PAGE_NOT_FOUND, 'msgstr "Stránka nenalezena'), 9,
     "malformed catalog line"),
    # Curly quotes from a word processor.
    ("curly quotes", broken(PAGE_NOT_FOUND, "msgstr “Stránka nenalezena”"), 9,
     "in straight double quotes"),
    # A quote inside the text, not escaped.
    ("inner quote", broken(PAGE_NOT_FOUND, 'msgstr "Stránka "nenalezena""'), 9,
     'write \\" for a quote'),
    # A misspelt keyword.
    ("keyword typo", broken(PAGE_NOT_FOUND, 'msgtsr "Stránka nenalezena"'), 9,
     "malformed catalog line 'msgtsr"),
    # A backslash that is not an escape gettext knows.
    ("bad escape", broken(PAGE_NOT_FOUND, 'msgstr "Stránka \\q nenalezena"'), 9,
     "malformed catalog line"),
    # msgstr deleted.
    ("msgstr missing", broken(PAGE_NOT_FOUND + "\n", ""), 8,
     "msgstr: missing msgstr for msgid 'Page not found'"),
    # The same msgid twice.
    ("duplicate msgid", FULL_PO + '\nmsgid "Page not found"\nmsgstr "Jiná"\n', 29,
     "msgid: 'Page not found' is given twice (first on line 8)"),
    # A brace placeholder translated (renamed).
    ("brace renamed", broken(NEWEST, 'msgstr "Nejnovější zdroj: {datum}"'), 13,
     "msgstr: found the placeholder {datum}, which is not in msgid 'Newest source: {date}'; "
     "expected the msgid's placeholders unchanged: {date}"),
    # A brace placeholder dropped.
    ("brace dropped", broken(NEWEST, 'msgstr "Nejnovější zdroj"'), 13,
     "msgstr: the placeholder {date} of msgid 'Newest source: {date}' is missing"),
    # A brace placeholder added.
    ("brace added", broken(NEWEST, 'msgstr "Nejnovější zdroj: {date} ({who})"'), 13,
     "found the placeholder {who}, which is not in msgid"),
    # A brace not closed.
    ("brace unclosed", broken(NEWEST, 'msgstr "Nejnovější zdroj: {date"'), 13,
     "with an unmatched brace (expected '}' before end of string)"),
    # A stray closing brace.
    ("stray brace", broken(NEWEST, 'msgstr "Nejnovější zdroj: {date} }"'), 13,
     "with an unmatched brace (Single '}' encountered"),
    # A %-placeholder translated (renamed).
    ("percent renamed", broken(QR, 'msgstr "QR kód této stránky: %(adresa)s"'), 18,
     "msgstr: found the placeholder %(adresa)s, which is not in msgid "
     "'QR code for this page: %(url)s'; expected the msgid's placeholders unchanged: %(url)s"),
    # A %-placeholder dropped.
    ("percent dropped", broken(QR, 'msgstr "QR kód této stránky"'), 18,
     "the placeholder %(url)s of msgid 'QR code for this page: %(url)s' is missing"),
    # A %-placeholder whose parenthesis was lost.
    ("percent broken", broken(QR, 'msgstr "QR kód této stránky: %(url"'), 18,
     "with a % that is not a placeholder (incomplete format key); write %% for a percent"),
    # A percent sign in a template string: Jinja %-formats every one.
    ("lone percent", broken(PAGE_NOT_FOUND, 'msgstr "Stránka nenalezena na 100%"'), 8,
     "with a % that is not a placeholder (incomplete format)"),
    # A plural form's placeholder renamed.
    ("plural renamed", broken('msgstr[1] "%(num)d minuty"', 'msgstr[1] "%(pocet)d minuty"'),
     23, "msgstr[1]: found the placeholder %(pocet)d, which is not in msgid '%(num)d minute'"),
    # The number left out of every plural form.
    ("plural number dropped",
     broken('"%(num)d minuta"\nmsgstr[1] "%(num)d minuty"\nmsgstr[2] "%(num)d minut"',
            '"minuta"\nmsgstr[1] "minuty"\nmsgstr[2] "minut"'),
     23, "the placeholder %(num)d of msgid '%(num)d minute' is in no plural form"),
    # A plural form missing.
    ("plural form missing", broken('msgstr[2] "%(num)d minut"\n', ""), 23,
     "msgstr[2]: is missing or empty in the translation of '%(num)d minute'; expected 3 "
     "plural forms"),
    # A plural form too many.
    ("plural form extra", FULL_PO + 'msgstr[3] "%(num)d minut"\n', 23,
     "msgstr: found more plural forms than the header's Plural-Forms allows"),
    # Markup typed into a translation.
    ("script", broken(PAGE_NOT_FOUND, 'msgstr "<script>alert(1)</script>Stránka"'), 8,
     "msgstr: found markup '<script>' in the translation of 'Page not found'; expected "
     "plain text"),
    # Bold markup typed into a translation.
    ("bold", broken(PAGE_NOT_FOUND, 'msgstr "<b>Stránka</b> nenalezena"'), 8,
     "found markup '<b>'"),
    # A Plural-Forms formula with a parenthesis lost.
    ("plural formula", broken("(n>=2 && n<=4) ? 1 : 2);", "(n>=2 && n<=4 ? 1 : 2);"), 4,
     "Plural-Forms: found 'nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4 ? 1 : 2);', which "
     "gettext cannot read; expected 'nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);'"),
    # A charset that is not the file's.
    ("charset latin-1", broken("charset=utf-8", "charset=ISO-8859-1"), 5,
     "Content-Type: found charset=iso-8859-1; expected charset=UTF-8"),
    # The placeholder charset pybabel writes in a template.
    ("charset placeholder", broken("charset=utf-8", "charset=CHARSET"), 5,
     "Content-Type: found charset=charset; expected charset=UTF-8"),
    # The file saved as Latin-1.
    ("saved as latin-1", FULL_PO.replace("ý", "y").replace("č", "c").replace("ě", "e")
     .replace("ó", "o").replace("á", "á").encode("latin-1", "replace"), 9,
     "found the byte b'\\xe1', which is not UTF-8"),
    # The file saved as UTF-16.
    ("saved as utf-16", FULL_PO.encode("utf-16"), None,
     "is saved as UTF-16; expected a gettext catalog saved as UTF-8"),
    # An empty file.
    ("empty", "", None, "the file is empty; expected a gettext catalog"),
]  # fmt: skip


def _check_messages(locales: Path) -> list[str]:
    """What `catalogs.py check` reports for the catalog (the build stops at the first)."""
    try:
        return catalogs.catalog_status("cs", full_template(), locales).errors
    except DataError as error:
        return [str(error)]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [case[1:] for case in BAD_CATALOGS],
    ids=[case[0] for case in BAD_CATALOGS],
)
def test_bad_catalog_gets_one_clear_message(tmp_path: Path, text, line, expected):
    path = catalogs.po_path("cs", tmp_path)
    path.parent.mkdir(parents=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    where = f"{path}:{line} " if line else f"{path} "
    # The build: compiling the catalog stops with the message.
    with pytest.raises(DataError) as raised:
        catalogs.translations("cs", tmp_path)
    assert str(raised.value).startswith(where), str(raised.value)
    assert expected in str(raised.value)
    # The check: the same message, once.
    messages = _check_messages(tmp_path)
    assert messages == [str(raised.value)], messages


@pytest.mark.parametrize(
    "text",
    [
        # Notepad's UTF-8 with a byte-order mark.
        ("\ufeff" + FULL_PO).encode("utf-8"),
        # Windows line endings.
        FULL_PO.replace("\n", "\r\n").encode("utf-8"),
    ],
)
def test_harmless_variants_are_accepted(tmp_path: Path, text: bytes):
    path = catalogs.po_path("cs", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(text)
    assert catalogs.translations("cs", tmp_path).gettext("Page not found") == "Stránka nenalezena"
    assert _check_messages(tmp_path) == []


def test_an_edited_msgid_is_reported_by_the_check(tmp_path: Path):
    write_po(tmp_path, FULL_PO.replace('msgid "Page not found"', 'msgid "Page not found!"'))
    messages = _check_messages(tmp_path)
    assert messages == [
        f"{catalogs.po_path('cs', tmp_path)}:8 msgid: 'Page not found!' is not in the template "
        "locales/messages.pot; expected each msgid exactly as in the template (translate only "
        "the msgstr), or run `make catalogs-update`"
    ]


def test_update_stops_at_a_malformed_catalog_instead_of_dropping_the_entry(tmp_path: Path):
    # pybabel update would rewrite the file without the entry it cannot read.
    text = FULL_PO.replace(PAGE_NOT_FOUND, 'msgstr "Stránka nenalezena')
    path = write_po(tmp_path, text)
    with pytest.raises(DataError) as raised:
        catalogs.update(load_registry(), tmp_path)
    assert str(raised.value).startswith(f"{path}:9 malformed catalog line")
    assert path.read_text(encoding="utf-8") == text
