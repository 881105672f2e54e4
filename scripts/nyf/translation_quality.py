"""Quality gates of translated units: written in the right language, with the glossary's words.

Two checks of every translated unit (page PO files and the interface catalogs),
run offline by ``scripts/translation_quality.py`` in ``make test``. The safety
checks (links, numbers, ids, markup unchanged) are :mod:`nyf.page_po_checks`.

Language. A unit fails when its translation is confidently in another language
than its PO file's, above all when it was left in English. What is judged is the
translation without what never needs translating (:func:`judged_text`): link
targets, URLs and web addresses, code, ids, placeholders, numbers, Markdown, and
what the translation copies verbatim from the English as a name or a cited
title (:func:`copied_spans`). A unit with fewer than :data:`MIN_LETTERS` letters
left is too short to judge. The detector is lingua (offline models), restricted
to the registry's languages (:class:`Detector`). A unit that must stay in
another language has a translator comment ``# lang-ok: <reason>``.

Glossary. Where a unit's English uses a term of data/glossary.yml, its
translation should use the language's term (:func:`uses_term`). Misses are
counted and reported; a unit fails only when the term is a core term
(:data:`CORE_TERMS`) and no word of it appears at all (:func:`mentions_term`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Message

from nyf.page_po_checks import UnitProblem

#: Fewer letters than this, once cleaned, are not judged. Measured on the
#: translations of December 2026 (7 languages): the first wrong verdicts
#: (Ukrainian taken for Russian or Bulgarian) come with 15 to 19 letters; 30
#: keeps a margin.
MIN_LETTERS = 30
#: A unit fails when the detector gives another language at least this
#: confidence (0 to 1, among the expected language, its verdict and English).
MIN_CONFIDENCE = 0.7
#: Glossary terms (keys of data/glossary.yml) whose absence fails a unit.
CORE_TERMS = ("not your fault", "helpline", "sextortion")
#: The translator comment that exempts a unit: ``# lang-ok: a cited title``.
LANG_OK = re.compile(r"^\s*lang-ok:\s*(\S.*)$", re.IGNORECASE)
_FIX = (
    "translate it; if it must stay as it is (a cited title, a name), add the translator "
    "comment `# lang-ok: <reason>` above the unit"
)

# --- what is judged -------------------------------------------------------------

_LINK_TARGET = re.compile(r"(?<=\])\([^)]*\)")
_URL = re.compile(r"(?:https?://|mailto:|tel:|www\.)\S+", re.IGNORECASE)
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b(?:/[^\s)\]]*)?")
_OTHER = re.compile(
    r"<[^>]*>"  # HTML
    r"|`[^`]*`"  # code
    r"|\{[^}]*\}"  # ids, attributes, {placeholders}
    r"|%\([^)]*\)[sd]|%[sd]"  # %-placeholders
)
_LATIN = "A-Za-z\u00c0-\u024f"
_LATIN_WORD = re.compile(rf"(?<![{_LATIN}])[{_LATIN}]+(?:['’&.-][{_LATIN}]+)*")
#: Small words inside a name: "Centre for the Prevention of Risky Virtual Communication".
_NAME_JOINERS = frozenset({"of", "for", "the", "and", "to", "in", "on", "at", "&"})
#: Quoted spans and single emphasis: a cited title.
_QUOTED = re.compile(
    r'"([^"\n]+)"|“([^”\n]+)”|„([^“”\n]+)[“”]|«\s*([^»\n]+?)\s*»|‚([^‘’\n]+)[‘’]'
    r"|‘([^’\n]+)’|(?<!\w)'([^'\n]+)'(?!\w)"
    r"|(?<![*\w])\*(?!\*)([^*\n]+)(?<!\*)\*(?![*\w])|(?<!\w)_([^_\n]+)_(?!\w)"
)
#: A link's text that starts with the address of the site it cites.
_SITE_LINK_TEXT = re.compile(r"\[((?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b[^\]\n]*)\]")


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces (positions stay the same)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _matched(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def copied_spans(msgid: str, msgstr: str) -> list[tuple[int, int]]:
    """Where ``msgstr`` copies ``msgid`` verbatim as a name or a cited title.

    Quoted spans and single emphasis (*title*), link texts that start with a web
    address ("[iwf.org.uk: Report Remove]"), and runs of capitalised words, with
    the small words of names between them ("Internet Watch Foundation", "Take It
    Down", "June"), each only where the English has the same text.
    """
    spans = [
        match.span(group)
        for match in _QUOTED.finditer(msgstr)
        for group, inner in enumerate(match.groups(), start=1)
        if inner and inner.strip() and inner.strip() in msgid
    ]
    spans += [
        match.span(1)
        for match in _SITE_LINK_TEXT.finditer(msgstr)
        if f"[{match.group(1)}]" in msgid
    ]
    for run in _name_runs(msgstr):
        start = 0
        while start < len(run):
            for end in range(len(run), start, -1):
                first, last = run[start], run[end - 1]
                if not (_capitalised(first) and _capitalised(last)):
                    continue
                if _in_english(msgstr[first.start() : last.end()], msgid):
                    spans.append((first.start(), last.end()))
                    start = end
                    break
            else:
                start += 1
    return spans


def _capitalised(word: re.Match[str]) -> bool:
    return word.group()[0].isupper()


def _name_runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of Latin-script words that are capitalised or join a name, one space apart."""
    runs: list[list[re.Match[str]]] = []
    previous: re.Match[str] | None = None
    for word in _LATIN_WORD.finditer(text):
        name_word = _capitalised(word) or word.group().lower() in _NAME_JOINERS
        gap = text[previous.end() : word.start()] if previous else ""
        if name_word and runs and previous is runs[-1][-1] and gap.strip() in ("", "&"):
            runs[-1].append(word)
        elif _capitalised(word):
            runs.append([word])
        previous = word
    return runs


def _in_english(text: str, msgid: str) -> bool:
    """Is ``text`` in ``msgid`` as whole words?"""
    return bool(_whole(text, msgid))


def _whole(text: str, within: str) -> list[tuple[int, int]]:
    """Where ``text`` occurs in ``within``, not as part of a longer word."""
    found = []
    start = within.find(text)
    while start >= 0 and text:
        end = start + len(text)
        before = within[start - 1] if start else " "
        after = within[end] if end < len(within) else " "
        if not _is_latin_letter(before) and not _is_latin_letter(after):
            found.append((start, end))
        start = within.find(text, start + 1)
    return found


def _is_latin_letter(char: str) -> bool:
    return (char.isascii() and char.isalpha()) or "\u00c0" <= char <= "\u024f"


def _without_addresses(text: str) -> str:
    return _blank(text, _matched(_LINK_TARGET, text) + _matched(_URL, text))


def judged_text(msgid: str, msgstr: str) -> str:
    """The words of ``msgstr`` that the language check judges (see the module's docstring)."""
    text = _without_addresses(msgstr)
    text = _blank(text, copied_spans(msgid, text))
    text = _blank(text, _matched(_OTHER, text) + _matched(_DOMAIN, text))
    return " ".join(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text))


def english_text(msgid: str, msgstr: str) -> str:
    """``msgid`` without addresses, code and what ``msgstr`` copies of it (names, titles):
    the English whose glossary terms the translation should use."""
    text = _without_addresses(msgid)
    translation = _without_addresses(msgstr)
    for start, end in copied_spans(text, translation):
        text = _blank(text, _whole(translation[start:end], text))
    return _blank(text, _matched(_OTHER, text) + _matched(_DOMAIN, text))


def letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


# --- units ------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One translated unit, where it is and what the translator said about it."""

    file: str
    line: int
    code: str  # the language's code in the registry
    msgid: str
    msgstr: str
    fuzzy: bool = False
    comments: tuple[str, ...] = ()  # translator comments

    @property
    def exemption(self) -> str | None:
        """The reason of a ``# lang-ok: <reason>`` comment, if the unit has one."""
        for comment in self.comments:
            match = LANG_OK.match(comment)
            if match:
                return match.group(1).strip()
        return None

    @property
    def identical(self) -> bool:
        """Is the translation the English text?"""
        return self.msgstr.strip() == self.msgid.strip()

    def problem(self, message: str) -> UnitProblem:
        """``message`` about this unit, naming its file, line and msgid."""
        return UnitProblem(self.file, self.line, self.msgid, message)


def units_of(messages: Iterable[Message], file: str, code: str) -> list[Unit]:
    """The translated units of a catalog (singular messages with a translation)."""
    found = []
    for message in messages:
        msgid, msgstr = message.id, message.string
        if msgid and isinstance(msgid, str) and msgstr and isinstance(msgstr, str):
            comments = tuple(message.user_comments)
            line = message.lineno or 0
            found.append(Unit(file, line, code, msgid, msgstr, message.fuzzy, comments))
    return found


#: A msgstr with text, other than the header's: a PO file with a translation.
_TRANSLATED = re.compile(rb'^msgstr (?:"[^"\n]|""\n")', re.MULTILINE)


def has_translations(data: bytes) -> bool:
    """Cheap test of a PO file's bytes: does any unit besides the header have a msgstr?

    Most page PO files of unpublished languages hold no translation yet, and
    parsing them would cost more than the checks.
    """
    return len(_TRANSLATED.findall(data)) > 1


def read_units(path: Path, shown: str, code: str) -> list[Unit]:
    """The translated units of the page PO file at ``path`` ([] when it has none)."""
    from nyf.page_po import read_catalog  # strict, with file and line on errors

    if not has_translations(path.read_bytes()):
        return []
    return units_of(read_catalog(path, shown), shown, code)


# --- language -------------------------------------------------------------------


@dataclass(frozen=True)
class Guess:
    """What the detector says of a text: languages (registry codes) by confidence."""

    scores: tuple[tuple[str, float], ...]

    @property
    def best(self) -> tuple[str, float]:
        return self.scores[0]

    def of(self, code: str) -> float:
        return dict(self.scores).get(code, 0.0)


def primary_subtag(tag: str) -> str:
    return re.split(r"[-_]", tag)[0].lower()


class Detector:
    """lingua, restricted to the registry's languages that it has a model of.

    :meth:`fast` (lingua's low-accuracy mode, among all the site's languages)
    sorts out the texts in their expected language; :meth:`guess` judges the
    others in high-accuracy mode among a few languages, loading only their
    models (about a second each).
    """

    def __init__(self, tags: dict[str, str]):
        """``tags``: registry code -> BCP 47 tag (hreflang) of each language to know."""
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        self._builder = LanguageDetectorBuilder
        self.languages: dict[str, Any] = {}
        for code, tag in tags.items():
            iso = getattr(IsoCode639_1, primary_subtag(tag).upper(), None)
            if iso is not None:
                self.languages[code] = Language.from_iso_code_639_1(iso)
        self._codes = {language: code for code, language in self.languages.items()}
        known = set(self.languages.values())
        self._fast = self._builder.from_languages(*known).with_low_accuracy_mode().build()
        self._accurate: dict[frozenset[str], Any] = {}

    def supports(self, code: str) -> bool:
        return code in self.languages

    def fast(self, texts: Sequence[str]) -> list[str | None]:
        """The most likely language of each text (None: none of the site's)."""
        found = self._fast.detect_languages_in_parallel_of(list(texts))
        return [self._codes.get(language) if language else None for language in found]

    def guess(self, text: str, codes: Iterable[str], fast: bool = False) -> Guess:
        """The high-accuracy verdict among the languages ``codes`` (registry codes); with
        ``fast``, the low-accuracy one (its confidence shared among ``codes`` only)."""
        key = frozenset(code for code in codes if code in self.languages)
        if fast:
            values = self._fast.compute_language_confidence_values(text)
            scores = {self._codes[v.language]: float(v.value) for v in values}
            total = sum(scores.get(code, 0.0) for code in key) or 1.0
            ranked = sorted(key, key=lambda code: -scores.get(code, 0.0))
            return Guess(tuple((code, scores.get(code, 0.0) / total) for code in ranked))
        if key not in self._accurate:
            languages = {self.languages[code] for code in key}
            if len(languages) < 2:  # lingua compares two languages at least
                languages = set(self.languages.values())
            self._accurate[key] = self._builder.from_languages(*languages).build()
        values = self._accurate[key].compute_language_confidence_values(text)
        return Guess(tuple((self._codes[v.language], float(v.value)) for v in values))


def without_accents(text: str) -> str:
    """``text`` without diacritics: "kódy" -> "kody"."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


@dataclass
class LanguageCounts:
    """Per language: units judged, too short to judge, exempt, failed, and long
    enough but in a language the detector has no model of."""

    checked: int = 0
    short: int = 0
    exempt: int = 0
    failed: int = 0
    no_model: int = 0


@dataclass
class LanguageReport:
    counts: dict[str, LanguageCounts] = field(default_factory=dict)
    problems: list[UnitProblem] = field(default_factory=list)


def check_languages(
    units: Sequence[Unit], detector: Detector, names: dict[str, str]
) -> LanguageReport:
    """Is every unit long enough to judge in its file's language? (``names``: code -> name)

    A unit whose translation is the English text fails without the detector (so
    also in a language it has no model of). The others that the fast pass puts
    in another language are judged among the expected language, that verdict
    and English: in low-accuracy mode, then in high-accuracy mode for the text
    and for the text without diacritics; a unit fails when the other language
    has :data:`MIN_CONFIDENCE` in all three. (lingua rules a language out by its
    letters: a Czech text with "kód" or "móda" is judged Slovak, since its
    tables give "ó" to Slovak and not to Czech.)
    """
    report = LanguageReport()
    pending: list[tuple[Unit, str]] = []
    for unit in units:
        counts = report.counts.setdefault(unit.code, LanguageCounts())
        text = judged_text(unit.msgid, unit.msgstr)
        if letters(text) < MIN_LETTERS:
            counts.short += 1
        elif unit.exemption:
            counts.exempt += 1
        elif unit.identical:
            counts.checked += 1
            counts.failed += 1
            report.problems.append(
                unit.problem(f"left in English (the translation is the English text); {_FIX}")
            )
        elif not detector.supports(unit.code):
            counts.no_model += 1
        else:
            counts.checked += 1
            pending.append((unit, text))
    verdicts = detector.fast([text for _, text in pending])
    for (unit, text), verdict in zip(pending, verdicts, strict=True):
        if verdict is None or verdict == unit.code:
            continue
        candidates = (unit.code, verdict, "en")
        if not language_problem(unit.code, detector.guess(text, candidates, fast=True), names):
            continue  # a weak verdict of the fast pass: no model to load for it
        message = language_problem(unit.code, detector.guess(text, candidates), names)
        plain = detector.guess(without_accents(text), candidates)
        if message and language_problem(unit.code, plain, names):
            report.counts[unit.code].failed += 1
            report.problems.append(unit.problem(message))
    return report


def language_problem(expected: str, guess: Guess, names: dict[str, str]) -> str | None:
    """Why a text judged as ``guess`` is not in the ``expected`` language (None: it may be)."""
    code, confidence = guess.best
    if code == expected or confidence < MIN_CONFIDENCE:
        return None
    name, wanted = names.get(code, code), names.get(expected, expected)
    what = "left in English" if primary_subtag(code) == "en" else f"written in {name}"
    return (
        f"{what}, not {wanted} (lingua: {name} {confidence:.2f}, "
        f"{wanted} {guess.of(expected):.2f}); {_FIX}"
    )


# --- glossary -------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    key: str
    english: str
    translations: dict[str, str]

    @property
    def core(self) -> bool:
        return self.key in CORE_TERMS


def glossary_terms(data: Any) -> list[Term]:
    """The terms of a loaded data/glossary.yml (its shape is checked by nyf.glossary)."""
    terms = data.get("terms") if isinstance(data, dict) else None
    found = []
    for key, entry in (terms or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("en"), str):
            translations = {
                code: value
                for code, value in entry.items()
                if code not in ("en", "note") and isinstance(value, str) and value.strip()
            }
            found.append(Term(str(key), entry["en"], translations))
    return found


def english_uses(term: Term, english: str) -> bool:
    """Does the English text use the term (as words, singular or plural)?"""
    words = re.escape(term.english.strip().rstrip(".!?").lower())
    return re.search(rf"(?<![\w-]){words}(?:s|es)?(?![\w-])", english.lower()) is not None


def alternatives(entry: str) -> list[str]:
    """``"sexuální vydírání (sextortion)"`` -> ``["sexuální vydírání", "sextortion"]``."""
    return [part.strip() for part in re.split(r"[,;()/]", entry) if part.strip()]


#: The shortest stem of a long word: shorter beginnings match unrelated words.
MIN_STEM = 5
#: How many letters at the end of a long word its inflected forms may change.
SUFFIX = 3
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


def _words(text: str) -> list[str]:
    """The words of ``text``, case-folded, without Arabic vowel marks.

    Turkish capital İ case-folds to i and a combining dot, which would split
    the word: the dot goes, so "İnternet" matches "internet".
    """
    text = unicodedata.normalize("NFC", text).casefold().replace("i\u0307", "i")
    text = _ARABIC_MARKS.sub("", text)
    return re.findall(r"[^\W\d_]+", text)


def stem(word: str) -> str:
    """The beginning of ``word`` that its inflected forms share.

    Up to 3 letters: the word; 4 or 5: the first 3 ("vina": "viny", "linka":
    "linek"); longer: all but the last :data:`SUFFIX` letters, and at least
    :data:`MIN_STEM` ("vydírání": "vydíráním").
    """
    if len(word) <= 3:
        return word
    if len(word) <= MIN_STEM:
        return word[:3]
    return word[: max(MIN_STEM, len(word) - SUFFIX)]


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in word)


def _word_used(word: str, found: list[str]) -> bool:
    """Is ``word`` (of a glossary entry) among the words ``found``, in any inflected form?

    Latin, Cyrillic, Greek: a word that starts with its :func:`stem`, or the
    word itself when it is short. Arabic writes the article, prepositions,
    conjunctions and pronouns as one word with it: a word that contains the
    word without its article (less its last letter, which inflection changes,
    ة -> ت), or for a short word, the word with those around it.
    """
    if not _is_arabic(word):
        return word in found if len(word) <= 3 else any(w.startswith(stem(word)) for w in found)
    core = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if len(core) >= 4:
        return any(core[:-1] in other for other in found)
    affixed = re.compile(rf"[وف]?(?:[بكل]?ال|لل|[بكل])?{re.escape(core)}(?:ا|ه|ها|ك|كم|ي|هم)?")
    return any(affixed.fullmatch(other) for other in found)


def uses_term(text: str, entry: str) -> bool:
    """Does ``text`` use the glossary ``entry``: every word of one of its alternatives
    (:func:`alternatives`), each in any inflected form, case-insensitively?"""
    found = _words(text)
    return any(
        words and all(_word_used(word, found) for word in words)
        for words in (_words(alternative) for alternative in alternatives(entry))
    )


def mentions_term(text: str, entry: str) -> bool:
    """The lenient test: any word of 4 or more letters of any alternative of ``entry``
    (or any word of an alternative that has none so long), or the first part of
    such a compound word ("Beratung" of "Beratungsstelle")?"""
    found = _words(text)
    for alternative in alternatives(entry):
        words = _words(alternative)
        long_words = [word for word in words if len(word) >= 4] or words
        if any(_word_used(word, found) for word in long_words):
            return True
        if any(
            len(other) >= 6 and word.startswith(other) for word in long_words for other in found
        ):
            return True
    return False


@dataclass
class GlossaryCounts:
    """Per language: uses of a term in the English checked; of those, matched in the
    translation, missed (reported) and failed (a core term missing altogether)."""

    checked: int = 0
    matched: int = 0
    missed: int = 0
    failed: int = 0


@dataclass
class GlossaryReport:
    counts: dict[str, GlossaryCounts] = field(default_factory=dict)
    misses: list[UnitProblem] = field(default_factory=list)  # reported
    problems: list[UnitProblem] = field(default_factory=list)  # failures


def check_glossary(units: Sequence[Unit], terms: Sequence[Term]) -> GlossaryReport:
    """Where a unit's English uses a glossary term, does its translation use the language's?

    Left out: fuzzy units (their translation is of an older English), units whose
    translation is the English text or that are exempt (``# lang-ok``): those are
    the language check's. In the English, names and titles that the translation
    copies do not count (:func:`english_text`).
    """
    report = GlossaryReport()
    for unit in units:
        counts = report.counts.setdefault(unit.code, GlossaryCounts())
        if unit.fuzzy or unit.identical or unit.exemption:
            continue
        english = english_text(unit.msgid, unit.msgstr)
        for term in terms:
            entry = term.translations.get(unit.code)
            if not entry or not english_uses(term, english):
                continue
            counts.checked += 1
            if uses_term(unit.msgstr, entry):
                counts.matched += 1
                continue
            message = f"the English has {term.english!r}: use the glossary's {entry!r}"
            if term.core and not mentions_term(unit.msgstr, entry):
                counts.failed += 1
                report.problems.append(
                    unit.problem(f"{message} (a core term: no word of it is in the translation)")
                )
            else:
                counts.missed += 1
                report.misses.append(unit.problem(message))
    return report
