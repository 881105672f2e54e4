"""Search in the reader's language: one small search index per language.

Material's search plugin writes one index for the whole site; with every
language in it, a reader downloads all of them (1.8 MB, 300+ KB gzip at eight
languages) and gets results in any language. Instead the hook
overrides/hooks/search.py writes one index per published language of
data/languages.yml, at ``<lang>/search/search_index.json`` (the default
language at the root, where Material looks), holding the pages built in that
language: its translations, and the English pages served in it as a fallback,
whose titles say "(English)". The page's own script
(12-deferred-requests.js) fetches its language's index instead of the root
one, only when the reader starts a search.

What is indexed, to keep each index small (the heaviest about 50 KB gzip):

- every section of a page (a heading with an id), with its title;
- the section's text as plain text: no markup, no source markers ("[3]");
- at most ``MAX_PAGE_TEXT`` characters of text per page, in reading order:
  a long reference page (the sources, a lesson plan) keeps its opening and
  the title of every section, not every word; a page split into parts sets
  less (``search: {max_text: 600}`` in each part's front matter), so that the
  parts together cost the index no more than the page did;
- a section whose text is the same as one indexed before keeps its title
  only (the services that work across borders, on every country's page);
- nothing marked ``data-search-exclude`` (Material's attribute: the sources
  and dates of each helpline card), and no page with ``search: {exclude:
  true}`` in its front matter;
- ``keys``, a field that is searched but never shown: phone numbers written
  as one number ("116 111" as "116111", and the number a tel: link dials),
  and on a country's helpline page the country's name in English and in its
  own languages ("Deutschland", "Česko"), so a reader finds it under the
  name they know.

How words match is in the worker (overrides/assets/javascripts/workers/
nyf-search.js): the index's ``config.lang`` names the lunr.js language of the
registry's ``search:`` field (its stemmer and stop words), or is empty.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

from babel import Locale
from babel.languages import get_official_languages
from markupsafe import Markup, escape
from material.plugins.search.plugin import Parser

from nyf.languages import Language

#: Where a language's index is written, under its URL prefix ('' or 'cs/').
INDEX_PATH = "search/search_index.json"
#: What static hosts use (nginx and Apache default to level 6).
GZIP_LEVEL = 6
#: Characters of text indexed per page, at most (titles are always indexed).
MAX_PAGE_TEXT = 4500
#: Digit groups with at least this many digits in all are one phone number.
#: The worker joins a query's digits by the same rule (MIN_JOINED_DIGITS).
MIN_JOINED_DIGITS = 5
#: Where words split, in the index and in a query: white space, dashes and
#: punctuation, apostrophes included ("d’écoute" is "d" and "écoute").
SEPARATOR = r"[\s\-\u2010-\u2015.,;:!?¿¡()\[\]{}<>\"'«»‹›„“”‚‘’/\\|…·•]+"
#: Searched fields and their weights. ``keys`` is searched, never shown.
FIELDS = {"title": {"boost": 10.0}, "text": {"boost": 1.0}, "keys": {"boost": 10.0}}
#: Material's pipeline names; the worker replaces the functions themselves.
PIPELINE = ["trimmer", "stopWordFilter", "stemmer"]
#: The pages a reader in crisis needs (after the language's prefix): the home
#: page and the help-now section. A match there counts this many times more,
#: so "blackmail" or "report" finds them before the sources and lesson plans.
CRISIS_PAGES = ("", "help-now/")
CRISIS_BOOST = 20.0

#: Digits in groups (the worker's DIGIT_GROUPS is the same expression).
DIGIT_GROUPS = re.compile(r"\+?\d+(?:[\s.\-/()]+\d+)+")
_TEL = re.compile(r"""href=["']tel:\+?([\d\s.\-()]+)["']""")
_TAG = re.compile(r"<[^>]*>")
_SOURCE_MARKER = re.compile(r"\s*\[\d+(?:\]\s*\[\d+)*\]")
_SPACE = re.compile(r"\s+")
#: Elements inside a word or a sentence: no space around them. At the edges of
#: every other element (a heading, a list item, a table cell, <br>) a reader
#: sees a break, so the words on either side are kept apart.
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
        "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
        "var",
    }
)  # fmt: skip


class _Parser(Parser):
    """Material's section parser, with a space where the page shows a break.

    Material's parser joins the text of adjacent elements ("Call116 111"
    for ``<dt>Call</dt><dd>116 111</dd>``), which hides the number from a
    search for "116".
    """

    def _space(self) -> None:
        if self.section is not None:
            self.handle_data(" ")

    def handle_starttag(self, tag, attrs):
        if tag not in _INLINE:
            self._space()
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag not in _INLINE:
            self._space()


@dataclass(frozen=True)
class Section:
    """One section of a page: the text under a heading with an id."""

    anchor: str | None  # the heading's id; None for the page's own entry
    title: str  # HTML, escaped
    text: str  # plain text, escaped


def page_sections(html: str) -> list[Section]:
    """The sections of a page's content, as Material's search divides it."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    sections = []
    for section in parser.data:
        if section.is_excluded():
            continue
        title = _SPACE.sub(" ", "".join(section.title)).strip()
        text = _TAG.sub(" ", "".join(section.text))
        text = _SPACE.sub(" ", _SOURCE_MARKER.sub("", text)).strip()
        sections.append(Section(section.id, title, text))
    return sections


def joined_numbers(text: str) -> list[str]:
    """Phone numbers written in groups ("116 111", "+49 800 111"), as one number each."""
    found = []
    for match in DIGIT_GROUPS.finditer(unescape(text)):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= MIN_JOINED_DIGITS and digits not in found:
            found.append(digits)
    return found


def dialled_numbers(html: str) -> list[str]:
    """The numbers a page's tel: links dial, digits only ("420116111")."""
    found = []
    for match in _TEL.finditer(html):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) >= MIN_JOINED_DIGITS and digits not in found:
            found.append(digits)
    return found


def is_crisis_page(url: str) -> bool:
    """Whether a page (its URL after the language's prefix) is one of CRISIS_PAGES."""
    return url == "" or any(page and url.startswith(page) for page in CRISIS_PAGES)


def country_names(code: str) -> list[str]:
    """A country's name in English and in its own languages ("Deutschland", "Česko")."""
    names = [Locale("en").territories.get(code, code)]
    for language in get_official_languages(code, de_facto=True):
        name = Locale.parse(language).territories.get(code)
        if name and name not in names:
            names.append(name)
    return names


@dataclass
class PageIndex:
    """What one page gives the index of the language it is built in."""

    url: str  # the page's URL from the site root ('cs/help-now/')
    title: str  # the page's title, plain text
    html: str  # the page's content (HTML)
    fallback: Language | None = None  # the language of the text, when not the page's
    keys: list[str] = field(default_factory=list)  # extra words for the page's entry
    numbers: bool = False  # a helpline page: its phone numbers are search terms
    boost: float = 1.0  # how much a match here counts (a crisis page: more)
    max_text: int | None = None  # characters of text indexed, at most (MAX_PAGE_TEXT)

    def entries(self) -> list[dict[str, Any]]:
        """The page's search entries: its own (first), then one per section."""
        sections = page_sections(self.html)
        if not sections or sections[0].anchor is not None:
            sections.insert(0, Section(None, "", ""))
        entries = []
        room = MAX_PAGE_TEXT if self.max_text is None else self.max_text
        for position, section in enumerate(sections):
            text = _shorten(section.text, room)
            room -= len(text)
            entry: dict[str, Any] = {
                "location": self.url + (f"#{section.anchor}" if section.anchor else ""),
                "title": section.title or str(escape(self.title)),
                "text": text,
            }
            keys = joined_numbers(section.text) if self.numbers else []
            if position == 0:
                if self.fallback is not None:
                    entry["title"] = _labelled(entry["title"], self.fallback)
                dialled = dialled_numbers(self.html) if self.numbers else []
                keys = [*self.keys, *dialled, *keys]
            keys = list(dict.fromkeys(keys))
            if keys:
                entry["keys"] = " ".join(str(escape(key)) for key in keys)
            if self.boost != 1.0:
                entry["boost"] = self.boost
            entries.append(entry)
        return entries


def max_text(meta: dict[str, Any]) -> int:
    """The ``search: {max_text: N}`` of a page's front matter, or MAX_PAGE_TEXT.

    Raises ValueError with what to write when the value is not a whole number
    from 0 to MAX_PAGE_TEXT.
    """
    search = meta.get("search") or {}
    value = search.get("max_text", MAX_PAGE_TEXT) if isinstance(search, dict) else MAX_PAGE_TEXT
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PAGE_TEXT:
        raise ValueError(
            f"search.max_text: found {value!r}, expected a whole number of characters "
            f"from 0 to {MAX_PAGE_TEXT}, such as 600"
        )
    return value


def _shorten(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    cut = text[: max(room, 0)]
    return cut.rsplit(" ", 1)[0] if " " in cut else ""


def _labelled(title: str, language: Language) -> str:
    """A fallback page's title, in its language, and which language that is."""
    return str(
        Markup('<span lang="{lang}" dir="{dir}">{title}</span> ({name})').format(
            lang=language.hreflang, dir=language.dir, title=Markup(title), name=language.name
        )
    )


def index_config(language: Language) -> dict[str, Any]:
    """The ``config`` of a language's index, as Material's worker reads it."""
    return {
        "lang": [language.search] if language.search else [],
        "separator": SEPARATOR,
        "pipeline": PIPELINE,
        "fields": FIELDS,
    }


def index_document(language: Language, pages: list[PageIndex]) -> str:
    """A language's whole index as JSON text (compact, UTF-8 letters as they are)."""
    docs = []
    seen: set[str] = set()
    for page in pages:
        for entry in page.entries():
            if entry["text"] in seen:
                entry["text"] = ""  # said already (the cross-border services of every country)
            seen.add(entry["text"])
            docs.append(entry)
    data = {"config": index_config(language), "docs": docs}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_index(site_dir: Path, language: Language, pages: list[PageIndex]) -> Path:
    """Write a language's index at ``<lang>/search/search_index.json``."""
    path = site_dir / language.url_prefix / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(index_document(language, pages), encoding="utf-8")
    return path


@dataclass(frozen=True)
class IndexSize:
    path: str
    entries: int
    raw: int
    gzip: int


def index_sizes(site_dir: Path) -> list[IndexSize]:
    """Every search index of a built site: entries, raw and gzip bytes."""
    sizes = []
    for path in sorted(site_dir.rglob("search_index.json")):
        data = path.read_bytes()
        entries = len(json.loads(data).get("docs", []))
        sizes.append(
            IndexSize(
                path.relative_to(site_dir).as_posix(),
                entries,
                len(data),
                len(gzip.compress(data, GZIP_LEVEL)),
            )
        )
    return sizes
