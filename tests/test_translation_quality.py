"""The translation quality gate: every unit in its language, and the glossary's words."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import translation_quality as gate
from babel.messages.catalog import Catalog
from nyf import page_po
from nyf import translation_quality as tq
from sitebuild import ROOT

NAMES = {"en": "English", "cs": "Czech", "pl": "Polish", "ar": "Arabic", "sk": "Slovak",
         "uk": "Ukrainian", "ru": "Russian", "de": "German", "mt": "Maltese"}  # fmt: skip
_FIX = "add the translator comment `# lang-ok: <reason>`"


@pytest.fixture(scope="module")
def detector() -> tq.Detector:
    # Maltese: a registry language that lingua has no model of.
    return tq.Detector({code: code for code in NAMES})


def _unit(code: str, msgid: str, msgstr: str, *comments: str, fuzzy: bool = False) -> tq.Unit:
    return tq.Unit(f"locales/pages/x/{code}.po", 7, code, msgid, msgstr, fuzzy, comments)


SAVE = "Take screenshots of the chat, the profile and the demands before you block the person."
# (what, unit, the message of its failure or None, the count it adds to)
LANGUAGE_CASES = [
    ("a Czech unit left in English", _unit("cs", SAVE, SAVE.replace(" the person", " them")),
     "left in English, not Czech (lingua: English 0.9", "failed"),
    ("a Czech unit that is the English text", _unit("cs", SAVE, SAVE),
     "left in English (the translation is the English text); translate it", "failed"),
    ("a Polish unit written in Czech",
     _unit("pl", SAVE, "Udělej si snímky obrazovky chatu, profilu a požadavků, než toho člověka "
                       "zablokuješ."),
     "written in Czech, not Polish (lingua: Czech", "failed"),
    ("an Arabic unit in English", _unit("ar", SAVE, SAVE.replace(" the person", " them")),
     "left in English, not Arabic (lingua: English 1.00, Arabic 0.00)", "failed"),
    ("a Ukrainian unit in Russian",
     _unit("uk", SAVE, "Сделай снимки экрана переписки, профиля и требований, прежде чем "
                       "заблокировать этого человека."),
     "written in Russian, not Ukrainian", "failed"),
    ("a Maltese unit that is the English text: no model, still refused", _unit("mt", SAVE, SAVE),
     "left in English (the translation is the English text)", "failed"),
    ("a Maltese translation: no model to judge it",
     _unit("mt", SAVE, "Ħu screenshots taċ-chat, tal-profil u tat-talbiet qabel ma timblokka "
                       "lill-persuna."),
     None, "no_model"),
    ("a short unit is not judged", _unit("cs", "Stop replying.", "Stop replying now."),
     None, "short"),
    ("an exempt unit", _unit("cs", SAVE, SAVE, "lang-ok: the title of a source, as published"),
     None, "exempt"),
    ("a Czech unit", _unit("cs", SAVE, "Než toho člověka zablokuješ, udělej si snímky obrazovky "
                                       "chatu, profilu a požadavků."),
     None, "checked"),
    # lingua's letter tables give "ó" to Slovak, not to Czech: judged again without accents.
    ("a Czech unit with 'kód'", _unit("cs", "Keep the receipts, payment details and gift card "
                                            "codes.",
                                      "Schovej si potvrzení, údaje o platbě a kódy dárkových "
                                      "karet."),
     None, "checked"),
    ("names and titles copied from the English are not judged",
     _unit("cs", 'Report it to the Internet Watch Foundation with "Report Remove" or use Take '
                 "It Down.",
           'Nahlas to Internet Watch Foundation přes "Report Remove" nebo použij Take It Down.'),
     None, "short"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("unit", "expected", "count"),
    [case[1:] for case in LANGUAGE_CASES],
    ids=[case[0] for case in LANGUAGE_CASES],
)
def test_language_of_each_unit(detector, unit: tq.Unit, expected: str | None, count: str):
    report = tq.check_languages([unit], detector, NAMES)
    messages = [str(problem) for problem in report.problems]
    if expected is None:
        assert messages == []
    else:
        assert len(messages) == 1 and expected in messages[0], messages
        assert messages[0].startswith(f"locales/pages/x/{unit.code}.po:7: msgid ")
        assert _FIX in messages[0]
    counts = report.counts[unit.code]
    assert getattr(counts, count) == 1
    assert counts.failed == (expected is not None)


def test_the_detector_judges_among_the_languages_asked(detector):
    assert detector.guess(SAVE, ["cs", "pl"]).best[0] in ("cs", "pl")
    assert detector.guess(SAVE, ["cs"]).best[0] == "en"  # one language: among all it knows
    assert detector.fast([SAVE, "Přestaň odpovídat a nic neplať."]) == ["en", "cs"]
    assert not detector.supports("mt")


class _Stub:
    """A detector whose verdicts a test sets: fast, fast among few, accurate, without accents."""

    def __init__(self, fast: str, *guesses: tuple[tuple[str, float], ...]):
        self.verdict, self.guesses, self.asked = fast, list(guesses), []

    def supports(self, code: str) -> bool:
        return True

    def fast(self, texts):
        return [self.verdict for _ in texts]

    def guess(self, text: str, codes, fast: bool = False) -> tq.Guess:
        self.asked.append(("fast" if fast else "accurate", text))
        return tq.Guess(self.guesses.pop(0))


SPANISH = "Mitos y realidades: creencias comunes que son falsas y lo que es verdad."


@pytest.mark.parametrize(
    ("stub", "asked", "fails"),
    [
        # A weak verdict of the fast pass loads no model.
        (_Stub("pt", (("pt", 0.6), ("es", 0.4))), ["fast"], False),
        # Strong in the fast pass, not in high accuracy.
        (_Stub("pt", (("pt", 0.9),), (("es", 0.8),), (("es", 0.8),)),
         ["fast", "accurate", "accurate"], False),
        # Strong with accents only: lingua's letter tables, not the language.
        (_Stub("pt", (("pt", 0.9),), (("pt", 0.9),), (("es", 0.6), ("pt", 0.4))),
         ["fast", "accurate", "accurate"], False),
        (_Stub("pt", (("pt", 0.9),), (("pt", 0.9),), (("pt", 0.8),)),
         ["fast", "accurate", "accurate"], True),
    ],
)  # fmt: skip
def test_the_three_verdicts_that_fail_a_unit(stub: _Stub, asked: list[str], fails: bool):
    unit = _unit("es", "Myths and facts: common beliefs that are false, and what is true.", SPANISH)
    report = tq.check_languages([unit], stub, NAMES)
    assert [kind for kind, _ in stub.asked] == asked
    assert bool(report.problems) == fails
    if len(stub.asked) == 3:
        assert stub.asked[2][1] == tq.without_accents(stub.asked[1][1])


def test_a_detector_verdict_below_the_confidence_is_no_failure():
    guess = tq.Guess((("sk", 0.6), ("cs", 0.4)))
    assert tq.language_problem("cs", guess, NAMES) is None
    assert tq.language_problem("sk", guess, NAMES) is None
    confident = tq.Guess((("sk", 0.9), ("cs", 0.1)))
    assert tq.language_problem("cs", confident, NAMES).startswith(
        "written in Slovak, not Czech (lingua: Slovak 0.90, Czech 0.10)"
    )


@pytest.mark.parametrize(
    ("msgid", "msgstr", "judged"),
    [
        # Link targets, URLs, web addresses, code, ids, numbers and markup.
        ("See [the page](a.md#b) {: #id }", "Viz [stránku](a.md#b) {: #id }", "Viz stránku"),
        ("Go to https://x.org or `x.yml`.", "Jdi na https://x.org nebo `x.yml`.", "Jdi na nebo"),
        ("Call 116 111 (**free**).", "Volej 116 111 (**zdarma**).", "Volej zdarma"),
        ("See e-bezpeci.cz.", "Viz e-bezpeci.cz.", "Viz"),
        # Names: runs of capitalised words that the English has, small words between.
        ("Ask the Internet Watch Foundation.", "Zeptej se Internet Watch Foundation.", "Zeptej se"),
        (
            "Centre for the Prevention of Risky Virtual Communication, Olomouc",
            "Centre for the Prevention of Risky Virtual Communication, Olomouc",
            "",
        ),
        (
            "NSPCC Childline and Internet Watch Foundation.",
            "NSPCC Childline a Internet Watch Foundation.",
            "a",
        ),
        # Arabic writes "and" as one word with the name.
        ("Childline and IWF.", "Childline وIWF.", "و"),
        # A cited title: quoted, emphasised or a link text that starts with the site.
        (
            'The guide "Online blackmail" helps.',
            "Průvodce „Online blackmail“ pomáhá.",
            "Průvodce pomáhá",
        ),
        (
            "The guide *Online blackmail* helps.",
            "Průvodce *Online blackmail* pomáhá.",
            "Průvodce pomáhá",
        ),
        ("[iwf.org.uk: report remove](https://x)", "[iwf.org.uk: report remove](https://x)", ""),
        # What the English does not have stays judged: capitalised Czech, a changed title.
        ("Stop.", "Přestaň.", "Přestaň"),
        (
            'The guide "Online blackmail".',
            'Průvodce "Vydírání online".',
            "Průvodce Vydírání online",
        ),
        # Bold is not a title: English left in bold is judged.
        ("**Stop replying.** Now.", "**Stop replying.** Hned.", "replying Hned"),
        # A lowercase word is no name, even where the English has it.
        ("Tell an adult you trust.", "Tell an adult you trust.", "an adult you trust"),
    ],
)
def test_judged_text_leaves_out_what_is_not_translated(msgid: str, msgstr: str, judged: str):
    assert tq.judged_text(msgid, msgstr) == judged


def test_copied_spans_are_whole_words():
    # "a" (Czech "and") is in the English too, but only inside other words here.
    assert tq.copied_spans("Take It Down", "Take It Down a Thorn") == [(0, 12)]
    assert tq.copied_spans("Takeover", "Take") == []


# --- glossary ---------------------------------------------------------------------

TERMS = tq.glossary_terms(
    {
        "terms": {
            "helpline": {"en": "helpline", "note": "n", "cs": "linka pomoci",
                         "de": "Beratungsstelle", "ar": "خط المساعدة"},
            "sextortion": {"en": "sextortion", "cs": "sexuální vydírání (sextortion)",
                           "ar": "الابتزاز الجنسي"},
            "not your fault": {"en": "It is not your fault.", "cs": "Není to tvoje vina."},
            "offender": {"en": "offender", "cs": "pachatel", "ar": "الجاني"},
            "broken": "not a mapping",
        }
    }
)  # fmt: skip

# (what, unit, expected: "matched" | a reported miss | a failure)
GLOSSARY_CASES = [
    ("an inflected Czech term", _unit("cs", "Call a helpline.", "Zavolej na linku pomoci."),
     "matched"),
    ("a Czech plural", _unit("cs", "Helplines can help.", "Linky pomoci můžou pomoct."),
     "matched"),
    ("an alternative in brackets", _unit("cs", "This is sextortion.", "Je to sextortion."),
     "matched"),
    ("an Arabic term with a prefix",
     _unit("ar", "Sextortion is a crime.", "والابتزاز الجنسي جريمة."), "matched"),
    ("an Arabic term with a preposition and a case ending",
     _unit("ar", "Know that a helpline exists.", "معرفة أن هناك خطًا للمساعدة."), "matched"),
    ("a sentence term in another form",
     _unit("cs", "It is not your fault. Really.", "Není to tvoje vina. Opravdu."), "matched"),
    ("a term missing: reported",
     _unit("cs", "The offender lies.", "Ten člověk lže."),
     "miss: the English has 'offender': use the glossary's 'pachatel'"),
    ("a core term partly there: reported",
     _unit("cs", "This is sextortion.", "Je to vydírání."),
     "miss: the English has 'sextortion': use the glossary's 'sexuální vydírání (sextortion)'"),
    ("a core term missing altogether: fails",
     _unit("cs", "Call a helpline.", "Zavolej někomu, komu věříš."),
     "fail: the English has 'helpline': use the glossary's 'linka pomoci' (a core term: no word "
     "of it is in the translation)"),
    ("a core sentence missing altogether: fails",
     _unit("cs", "It is not your fault.", "Nic se neděje."),
     "fail: the English has 'It is not your fault.': use the glossary's 'Není to tvoje vina.'"),
    ("the first part of a German compound: reported, not failed",
     _unit("de", "Helplines for children.", "Beratung für Kinder."), "miss: "),
    ("an Arabic broken plural: reported",
     _unit("ar", "Offenders lie.", "الجناة يكذبون."), "miss: "),
    ("a term inside a cited title that stays English: not checked",
     _unit("cs", 'The guide "Sextortion help" (2024).', 'Průvodce "Sextortion help" (2024).'),
     None),
    ("a term in a link target: not checked",
     _unit("cs", "See [this](sextortion.md).", "Viz [tohle](sextortion.md)."), None),
    ("a fuzzy unit: its translation is of older English",
     _unit("cs", "Call a helpline.", "Zavolej.", fuzzy=True), None),
    ("a unit that is the English text: the language check's",
     _unit("cs", "Child Helpline International", "Child Helpline International"), None),
    ("an exempt unit", _unit("cs", "A helpline.", "Eine Hotline.", "lang-ok: German quote"),
     None),
    ("no glossary entry in the language", _unit("pl", "Call a helpline.", "Zadzwoń."), None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("unit", "expected"),
    [case[1:] for case in GLOSSARY_CASES],
    ids=[case[0] for case in GLOSSARY_CASES],
)
def test_glossary_use_of_each_unit(unit: tq.Unit, expected: str | None):
    report = tq.check_glossary([unit], TERMS)
    counts = report.counts[unit.code]
    found = [f"miss: {p.message}" for p in report.misses] + [
        f"fail: {p.message}" for p in report.problems
    ]
    if expected is None:
        assert (counts.checked, found) == (0, [])
    elif expected == "matched":
        assert (counts.checked, counts.matched, found) == (1, 1, [])
    else:
        assert len(found) == 1 and found[0].startswith(expected), found
        failed = expected.startswith("fail")
        assert (counts.checked, counts.missed, counts.failed) == (1, not failed, failed)
        shown = report.problems or report.misses
        assert str(shown[0]).startswith(f"locales/pages/x/{unit.code}.po:7: msgid ")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("vin", "vin"), ("vina", "vin"), ("linka", "lin"), ("pomoci", "pomoc"),
     ("vydírání", "vydír"), ("beratungsstelle", "beratungsste")],
)  # fmt: skip
def test_stem(word: str, expected: str):
    assert tq.stem(word) == expected


def test_turkish_capital_dotted_i_is_one_word():
    assert tq._words("İnternet ihbar hattı") == ["internet", "ihbar", "hattı"]
    assert tq._words("ÇOCUK") == ["çocuk"]


def test_term_matching_helpers():
    assert tq.alternatives("a, b (c) / d; e") == ["a", "b", "c", "d", "e"]
    term = TERMS[2]
    assert term.key == "not your fault" and term.core
    assert tq.english_uses(term, "And it is not your fault!")
    assert not tq.english_uses(term, "It is not your fault-finding.")
    assert tq.english_uses(TERMS[0], "Two helplines.")
    assert not tq.english_uses(TERMS[0], "helpline-like")
    assert [t.key for t in TERMS] == ["helpline", "sextortion", "not your fault", "offender"]
    assert tq.glossary_terms(None) == []


# --- reading ----------------------------------------------------------------------


def test_units_of_a_catalog_and_the_cheap_test_for_translations(tmp_path: Path):
    catalog = Catalog(locale="cs")
    catalog.add("A", "a", user_comments=["lang-ok: a name"])
    catalog.add("B", "")
    catalog.add(("C", "Cs"), ("c", "cs"))
    catalog.add("D", "d", flags=["fuzzy"])
    path = tmp_path / "cs.po"
    page_po.write_catalog(catalog, path)
    assert tq.has_translations(path.read_bytes())
    units = tq.read_units(path, "x/cs.po", "cs")
    assert [(u.msgid, u.msgstr, u.fuzzy, u.exemption) for u in units] == [
        ("A", "a", False, "a name"),
        ("D", "d", True, None),
    ]
    assert str(units[0].problem("why")) == f"x/cs.po:{units[0].line}: msgid 'A': why"
    empty = Catalog(locale="cs")
    empty.add("A", "")
    page_po.write_catalog(empty, path)
    assert not tq.has_translations(path.read_bytes())
    assert tq.read_units(path, "x/cs.po", "cs") == []


# --- the script -------------------------------------------------------------------


def _project(tmp_path: Path, units: list[tuple[str, str, list[str]]]) -> Path:
    """A project with the real registry and glossary, one English page and its Czech PO."""
    (tmp_path / "data").mkdir()
    for name in ("languages.yml", "glossary.yml"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    (tmp_path / "docs/en").mkdir(parents=True)
    (tmp_path / "docs/en/x.md").write_text("# X\n", encoding="utf-8")
    catalog = Catalog(locale="cs")
    for msgid, msgstr, comments in units:
        catalog.add(msgid, msgstr, user_comments=comments)
    page_po.write_catalog(catalog, page_po.po_path(tmp_path, "x.md", "cs"))
    return tmp_path


def test_script_reports_file_line_msgid_and_figures(tmp_path: Path, capsys):
    root = _project(tmp_path, [
        (SAVE, SAVE, []),
        ("Call a helpline now, it is free and nobody will judge you.",
         "Zavolej hned někomu, je to zdarma a nikdo tě nebude soudit.", []),
        ("It is not your fault.", "Není to tvoje vina.", []),
    ])  # fmt: skip
    assert gate.run(root, ["cs"], misses=True) == 1
    out, err = capsys.readouterr()
    assert re.search(rf"^locales/pages/x/cs\.po:\d+: msgid {re.escape(repr(SAVE[:67]))[:-1]}", err)
    assert "left in English (the translation is the English text)" in err
    assert "the English has 'helpline': use the glossary's 'linka pomoci'" in err
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["lang", "units", "|"]
    assert lines[1].split() == ["cs", "3", "|", "2", "1", "0", "0", "1", "|", "2", "1", "0", "1"]
    assert lines[-1].startswith("2 unit(s) failed; 0 glossary miss(es) reported")
    assert "minimum 30 letters" in lines[-1]


def test_script_passes_good_translations(tmp_path: Path, capsys):
    root = _project(tmp_path, [(SAVE, SAVE, ["lang-ok: a quotation kept in English"])])
    assert gate.main.__module__ == "translation_quality"
    assert gate.run(root, ["cs"]) == 0
    assert "0 unit(s) failed" in capsys.readouterr().out


def test_script_names_a_broken_po_file(tmp_path: Path, capsys, monkeypatch):
    root = _project(tmp_path, [("A", "a", [])])
    path = page_po.po_path(root, "x.md", "cs")
    path.write_text(path.read_text(encoding="utf-8") + 'msgid "B"\nmsgstr "b\n', encoding="utf-8")
    monkeypatch.setattr(gate, "ROOT", root)
    assert gate.main(["--language", "cs"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("locales/pages/x/cs.po:") and "Traceback" not in err
    assert gate.main(["--language", "xx"]) == 1
    assert "unknown language 'xx'" in capsys.readouterr().err
