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
