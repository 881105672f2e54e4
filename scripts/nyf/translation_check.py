"""Check a translated page against its English source: safe, and the same shape.

Translations come from outside contributors, so a translated page is untrusted
input. It may not add scripts, inline event handlers, styles, iframes or other
active content; it may not add or change a phone number, or link to another
host that the English page does not link to; and it keeps the English page's
structure: the same headings with the same ids, the same internal links, and
the same number of list items and blocks. Each problem names the file, the
line where it can be found, and what to do.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown

from nyf import markdown_source

#: The Markdown extensions of mkdocs.yml that change structure.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
FORBIDDEN_TAGS = {
    "script", "style", "iframe", "frame", "object", "embed", "form", "input", "button",
    "link", "meta", "base", "svg", "math", "template", "audio", "video", "source",
}  # fmt: skip
#: Elements that count as one block of content each.
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "blockquote",
              "pre", "dt", "dd", "details"}  # fmt: skip
_SAFE_SCHEMES = {"", "http", "https", "mailto", "tel", "sms"}
#: A run of 6+ digits (spaces, dots and dashes allowed between): a phone number.
#: A phone number: six digits or more, grouped by spaces (no-break ones too),
#: dots, hyphens or slashes. One pattern for the page and the PO unit checks.
_PHONE = re.compile(r"(?<![\w])\+?\d(?:[ .\-/\u00a0]?\d){5,}(?![\w])")


@dataclass
class PageShape:
    headings: list[tuple[int, str]] = field(default_factory=list)
    internal_links: list[str] = field(default_factory=list)
    external_links: list[str] = field(default_factory=list)
    tel_links: list[str] = field(default_factory=list)
    list_items: int = 0
    blocks: int = 0
    unsafe: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _ShapeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape = PageShape()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shape = self.shape
        if tag in FORBIDDEN_TAGS:
            shape.unsafe.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                shape.unsafe.append(f"{name}=")
            elif name == "style":
                shape.unsafe.append("style=")
            elif name in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme not in _SAFE_SCHEMES:
                    shape.unsafe.append(f"{scheme}:")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            shape.headings.append((int(tag[1]), dict(attrs).get("id") or ""))
        if tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") or href.startswith("//"):
                shape.external_links.append(href)
            elif parts.scheme == "tel":
                shape.tel_links.append(href)
            elif not parts.scheme and href:
                shape.internal_links.append(href)
        if tag == "li":
            shape.list_items += 1
        if tag in BLOCK_TAGS:
            shape.blocks += 1

    def handle_data(self, data: str) -> None:
        self.shape.text.append(data)


def page_shape(source: str) -> PageShape:
    """Render Markdown as MkDocs would and read its structure."""
    html = markdown.markdown(source, extensions=EXTENSIONS)
    parser = _ShapeParser()
    parser.feed(html)
    return parser.shape


def explicit_ids(body: str) -> list[str]:
    """Heading ids written in the body (``## Title {#id}``), in order."""
    return [heading.id for heading in markdown_source.headings(body) if heading.id]


def phone_numbers(text: str) -> Counter[str]:
    """Each phone number in ``text`` as its digits, counted."""
    return Counter(re.sub(r"\D", "", match) for match in _PHONE.findall(text))


def _line_of(source: str, needle: str, body_line: int) -> int:
    """First line of the file that contains ``needle`` (case-insensitive)."""
    lowered = needle.lower().rstrip(">")
    for number, line in enumerate(source.splitlines(), start=body_line):
        if lowered and lowered in line.lower():
            return number
    return body_line


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.message}"


def check_translation(
    english: str, translated: str, file: str, body_line: int = 1
) -> list[Problem]:
    """Every problem of ``translated`` (the page body) against ``english``."""
    problems: list[Problem] = []
    ours, theirs = page_shape(english), page_shape(translated)

    def add(needle: str, message: str) -> None:
        problems.append(Problem(file, _line_of(translated, needle, body_line), message))

    for item in dict.fromkeys(theirs.unsafe):
        add(item, f"not allowed in a translation: {item} (scripts, event handlers, styles, "
                  "iframes and similar); remove it")  # fmt: skip
    english_ids, their_ids = explicit_ids(english), explicit_ids(translated)
    for hid in english_ids:
        if hid not in their_ids:
            add("#", f"heading id {{#{hid}}} of the English page is missing; "
                     f"keep {{#{hid}}} on the translated heading")  # fmt: skip
    for hid in their_ids:
        if hid not in english_ids:
            add(hid, f"heading id {{#{hid}}} is not in the English page; use the English ids")
    our_levels = [level for level, _id in ours.headings]
    their_levels = [level for level, _id in theirs.headings]
    if our_levels != their_levels:
        add("#", "the headings differ from the English page: "
                 f"English h{' h'.join(map(str, our_levels))}, "
                 f"translation h{' h'.join(map(str, their_levels))}")  # fmt: skip
    for href in sorted(set(theirs.external_links) - set(ours.external_links)):
        add(href, f"link to {href} is not in the English page; a translation may only "
                  "link to the sites the English page links to")  # fmt: skip
    missing = Counter(ours.internal_links) - Counter(theirs.internal_links)
    extra = Counter(theirs.internal_links) - Counter(ours.internal_links)
    for href in sorted(extra):
        add(href, f"link {href} is not in the English page; keep the English links")
    for href in sorted(missing):
        add("](", f"link {href} of the English page is missing")
    if Counter(theirs.tel_links) != Counter(ours.tel_links):
        changed = sorted(set(theirs.tel_links) ^ set(ours.tel_links))
        add("tel:", f"phone links differ from the English page: {', '.join(changed)}; "
                    "phone numbers may not be changed in a translation")  # fmt: skip
    english_numbers = phone_numbers(" ".join(ours.text))
    for number in phone_numbers(" ".join(theirs.text)):
        if number not in english_numbers:
            add(number[:3], f"the number {number} is not in the English page; "
                            "phone numbers may not be added or changed")  # fmt: skip
    if theirs.list_items != ours.list_items:
        add("- ", f"{theirs.list_items} list items, but the English page has "
                  f"{ours.list_items}")  # fmt: skip
    if theirs.blocks != ours.blocks:
        add("", f"{theirs.blocks} blocks (paragraphs, list items, headings, tables), but the "
                f"English page has {ours.blocks}; translate every block, add none")  # fmt: skip
    return problems
