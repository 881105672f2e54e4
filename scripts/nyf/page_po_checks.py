"""Checks of one translated unit against its English: safe, and nothing lost.

A translation comes from outside contributors, through translation tools.
It may not add markup (HTML, scripts, event handlers), links to other
targets, phone numbers, or Markdown that changes the page's structure; it
may not drop a link, an id or a placeholder of its English. Titles,
descriptions and box titles are plain text. Each problem names the PO file,
the line and the msgid, and says what to do.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from nyf.translation_check import phone_numbers

#: Markdown links and images: [text](target) / ![alt](target); autolinks <https://...>.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![(<\w])(?:https?://|www\.)[^\s)>\]`'\"]+", re.IGNORECASE)
#: HTML a translator might type: <b>, </p>, <script, <!--, <img onerror=...>.
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>?")
#: Inline markup a translation may add: isolating a number or name in right-to-left text.
ALLOWED_TAGS = frozenset({"<bdi>", "</bdi>"})
_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^}\n]*\}")
_PLACEHOLDER = re.compile(r"\{\d+\}")
#: 6+ digits with spaces, dots, dashes or slashes between: a phone number.
#: What starts a Markdown block other than a paragraph.
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|>|[-*+]\s|\d+[.)]\s|\||:\s|!!!|\?\?\?|```|~~~)")
_PLAIN_MARKS = re.compile(r"<|>|\[|\]|`|\*\*|__|\{|\}")


@dataclass(frozen=True)
class UnitProblem:
    file: str
    line: int
    msgid: str
    message: str

    def __str__(self) -> str:
        shown = self.msgid if len(self.msgid) <= 70 else self.msgid[:67] + "..."
        return f"{self.file}:{self.line}: msgid {shown!r}: {self.message}"


def _links(text: str) -> Counter[str]:
    return Counter(_LINK.findall(text) + _AUTOLINK.findall(text) + _BARE_URL.findall(text))


def _diff(name: str, source: Counter[str], target: Counter[str]) -> str | None:
    added = sorted((target - source).elements())
    dropped = sorted((source - target).elements())
    parts = []
    if added:
        parts.append(f"adds {name} {', '.join(added)}")
    if dropped:
        parts.append(f"drops {name} {', '.join(dropped)}")
    return "; ".join(parts) if parts else None


def check_unit(msgid: str, msgstr: str, kind: str = "body") -> list[str]:
    """What is wrong with ``msgstr`` as a translation of ``msgid`` (empty: fine)."""
    if not msgstr:
        return []
    problems: list[str] = []
    if kind != "body":
        if _PLAIN_MARKS.search(msgstr) and not _PLAIN_MARKS.search(msgid):
            problems.append(
                "this is plain text (a title, description or box title): remove the markup "
                "(<, >, [, ], `, **, {, })"
            )
        if kind == "container-title" and '"' in msgstr:
            problems.append('a box title cannot hold a straight double quote ("): use „ “ or « »')
        if "\n" in msgstr.strip():
            problems.append("this is one line: remove the line break")
    tags = Counter(
        tag.lower().replace(" ", "")
        for tag in _TAG.findall(msgstr)
        if tag.lower().replace(" ", "") not in ALLOWED_TAGS
    )
    source_tags = Counter(tag.lower().replace(" ", "") for tag in _TAG.findall(msgid))
    if tags - source_tags:
        added = ", ".join(sorted((tags - source_tags).elements()))
        problems.append(
            f"adds markup {added}; a translation is text (keep only the English's markup)"
        )
    for name, pick in (("links to", _links), ("phone numbers", phone_numbers)):
        found = _diff(name, pick(msgid), pick(msgstr))
        if found:
            problems.append(f"{found}; keep exactly the English's links and numbers")
    for name, pattern in (("ids/attributes", _ATTR_LIST), ("placeholders", _PLACEHOLDER)):
        found = _diff(name, Counter(pattern.findall(msgid)), Counter(pattern.findall(msgstr)))
        if found:
            problems.append(f"{found}; copy them from the English unchanged")
    if "\n" in msgstr.strip() and "\n" not in msgid.strip():
        problems.append("has a line break that the English does not have: remove it")
    if "|" in msgstr and "|" not in msgid:
        problems.append("has a | (it would split a table cell): use another character")
    if _BLOCK_START.match(msgstr) and not _BLOCK_START.match(msgid):
        problems.append(
            "starts like a Markdown heading, list, quote or table (#, -, *, 1., >, |): "
            "start with a word"
        )
    return problems
