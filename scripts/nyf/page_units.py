"""A page as translation units, and a page rebuilt from translated units.

The Markdown is split by translate-toolkit's Markdown support (the
``translate.storage.markdown`` store, which parses with mistletoe): one unit
per heading, paragraph, list item, table cell and link title. It was chosen
over mdpo by a round trip on our own pages (tests/test_page_po.py): with
every translation equal to its source, translate-toolkit gives back pages
whose HTML equals the English (mdpo turned front matter into a heading and
dropped HTML comments such as our helpline markers).

What CommonMark does not know is handled here, around that library:

- front matter: only the values readers see become units (title,
  description, and the lesson plan's texts); keys, numbers and ids stay;
- admonitions and collapsible blocks (``!!! note "Title"`` / ``??? note``):
  their body is indented, which CommonMark reads as one code block, so it is
  unindented between two marker comments before the split and indented again
  after, and the title becomes a unit of its own;
- links stay written out in the units (no ``{1}`` placeholders), so that a
  translator sees what a link points to, and the checks in
  :mod:`nyf.page_po_checks` compare every target with the English.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from translate.storage.markdown import MarkdownFile

from nyf import markdown_source

#: ``!!! note "Title"``, ``??? tip``, ``???+ note ""``: an admonition or a details block.
_CONTAINER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+(?:[ \t]+[\w-]+)*)"
    r'(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$'
)
_OPEN = "<!-- nyf-unit:open {} -->"
_OPEN_RE = re.compile(r"^<!-- nyf-unit:open (?P<head>.*?)(?P<notitle> notitle)? -->$")
_CLOSE = "<!-- nyf-unit:close -->"
#: The second line of a definition list item (def_list): ":   the definition".
_DEFINITION = re.compile(r"^:[ \t]+")

#: Front-matter values that readers see, as key paths ("*": every list item).
FRONT_MATTER_TEXT: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("description",),
    ("lesson", "objectives", "*"),
    ("lesson", "materials", "*"),
    ("lesson", "safeguarding", "*"),
    ("lesson", "activities", "*", "title"),
)
#: What a translator is told about a front-matter value.
FRONT_MATTER_NOTES = {
    "title": "The page title: browser tab, search results and the navigation. "
    "Plain text, no Markdown, at most 60 characters.",
    "description": "The page description for search engines and link previews. "
    "Plain text, no Markdown, at most 160 characters.",
}
_LESSON_NOTE = "Lesson plan metadata shown to teachers. Plain text, no Markdown."


@dataclass
class Unit:
    """One translation unit of a page."""

    msgid: str
    line: int  # line in the English file (1-based), for `#:` references
    context: str  # where it is: "front matter: title", or the heading path
    notes: list[str] = field(default_factory=list)
    kind: str = "body"  # body | title | description | lesson | container-title
    block: str = ""  # the Markdown block it comes from: h2, p, li, td... ("" in front matter)


# --- containers (admonitions, details) ----------------------------------------


def _flatten(lines: list[str], titles: set[str]) -> list[str]:
    """Unindent container bodies between marker comments (recursively)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _CONTAINER.match(lines[i])
        definition = None
        if not match and i + 1 < len(lines) and lines[i].strip():
            definition = _DEFINITION.match(lines[i + 1])
        if definition:
            # A definition list item: "Term" then ":   definition" (def_list).
            match = {"indent": "", "marker": "", "kind": "def", "title": lines[i].strip()}
            lines = [*lines[: i + 1], "    " + lines[i + 1][definition.end() :], *lines[i + 2 :]]
        elif not match:
            out.append(lines[i])
            i += 1
            continue
        indent = match["indent"]
        body_indent = indent + "    "
        j = i + 1
        body: list[str] = []
        while j < len(lines) and (not lines[j].strip() or lines[j].startswith(body_indent)):
            body.append(lines[j][len(body_indent) :] if lines[j].strip() else "")
            j += 1
        while body and not body[-1]:
            body.pop()
            j -= 1
        head = f"{match['marker']} {match['kind']}".strip()
        title = match["title"]
        out.append(indent + _OPEN.format(head + ("" if title else " notitle")))
        out.append("")
        if title:
            titles.add(title)
            out += [indent + title, ""]
        out += [indent + line if line else "" for line in _flatten(body, titles)]
        out += ["", indent + _CLOSE]
        i = j
    return out


def _unflatten(lines: list[str]) -> list[str]:
    """Undo :func:`_flatten` on rendered Markdown."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        match = _OPEN_RE.match(stripped)
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        title = None
        if not match["notitle"]:
            title_lines = []
            while i < len(lines) and lines[i].strip():
                title_lines.append(lines[i].strip())
                i += 1
            title = " ".join(title_lines)
        depth, body = 1, []
        while i < len(lines):
            current = lines[i].strip()
            if _OPEN_RE.match(current):
                depth += 1
            elif current == _CLOSE:
                depth -= 1
                if depth == 0:
                    i += 1
                    break
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        head = match["head"]
        inner = [indent + "    " + line if line.strip() else "" for line in _unflatten(body)]
        if head == "def":
            out.append(indent + (title or ""))
            if inner:
                inner[0] = indent + ":   " + inner[0][len(indent) + 4 :]
            out += inner
            continue
        out.append(indent + head + (f' "{title}"' if title is not None else ""))
        out.append("")
        out += inner
    return out


# --- the body -----------------------------------------------------------------

Lookup = Callable[[str], str | None]


def _store(
    body: str,
    lookup: Lookup | None = None,
    untranslated: Callable[[str], str] | None = None,
    titles: frozenset[str] | set[str] = frozenset(),
) -> MarkdownFile:
    def callback(text: str) -> str:
        found = None if lookup is None else lookup(text)
        if found is not None:
            return found
        if untranslated is None or text in titles:
            return text
        return untranslated(text)

    return MarkdownFile(
        inputfile=io.BytesIO(body.encode("utf-8")),
        callback=callback,
        lookup_callback=None if lookup is None else lambda text: callback(text),
        extract_frontmatter=False,
        no_placeholders=True,
    )


def _heading_level(docpath: str) -> int | None:
    last = docpath.rsplit("/", 1)[-1]
    match = re.fullmatch(r"h(\d)\[\d+\]", last)
    return int(match[1]) if match else None


def body_units(body: str, first_line: int = 1) -> list[Unit]:
    """The translation units of a page's body, in order, with context and lines."""
    titles: set[str] = set()
    flat = _flatten(body.split("\n"), titles)
    store = _store("\n".join(flat))
    source_lines = body.split("\n")
    units: list[Unit] = []
    headings: dict[int, str] = {}
    cursor = 0
    for unit in store.units:
        text = unit.source
        docpath = unit.getdocpath() or ""
        level = _heading_level(docpath)
        line, cursor = _find_line(source_lines, text, cursor)
        if level is not None:
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = text
            context = " > ".join(headings[k] for k in sorted(headings))
        else:
            context = " > ".join(headings[k] for k in sorted(headings)) or "(top of page)"
        kind = "container-title" if text in titles else "body"
        notes = (
            ["The title of a box. Plain text, no Markdown, no straight double quotes."]
            if kind == "container-title"
            else []
        )
        block = re.sub(r"\[\d+\]", "", docpath.rsplit("/", 1)[-1])
        units.append(Unit(text, first_line + line, context, notes, kind, block))
    return units


_WORD = re.compile(r"[^\W_]{3,}")


def _find_line(lines: list[str], text: str, cursor: int) -> tuple[int, int]:
    """The line (0-based) where ``text`` starts, searching from ``cursor`` on."""
    words = _WORD.findall(text)[:3]
    if not words:
        return cursor, cursor
    for index in range(cursor, len(lines)):
        if all(word in lines[index] for word in words[:2]):
            return index, index
    return cursor, cursor


def render_body(body: str, lookup: Lookup, untranslated: Callable[[str], str] | None = None) -> str:
    """The body rebuilt with every unit replaced by ``lookup(unit)``.

    A unit without a translation (``lookup`` gives None) stays as it is, or
    becomes ``untranslated(unit)`` (a box title always stays as it is).
    """
    titles: set[str] = set()
    flat = _flatten(body.split("\n"), titles)
    rendered = _store("\n".join(flat), lookup, untranslated, titles).filesrc
    return "\n".join(_unflatten(rendered.split("\n"))).rstrip("\n") + "\n"


# --- front matter -------------------------------------------------------------


def _walk(data: Any, path: tuple[str, ...], prefix: tuple[str | int, ...] = ()):
    """(key path, value) of every value at ``path`` ("*" matches each list item)."""
    if not path:
        if isinstance(data, str):
            yield prefix, data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _walk(item, rest, (*prefix, index))
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest, (*prefix, head))


def front_matter_units(source: markdown_source.MarkdownSource) -> list[Unit]:
    units: list[Unit] = []
    meta = source.meta or {}
    for path in FRONT_MATTER_TEXT:
        for key_path, value in _walk(meta, path):
            name = ".".join(str(part) for part in key_path)
            kind = path[0] if path[0] in FRONT_MATTER_NOTES else "lesson"
            note = FRONT_MATTER_NOTES.get(path[0], _LESSON_NOTE)
            units.append(
                Unit(value, source.key_line(*key_path), f"front matter: {name}", [note], kind)
            )
    return units


def page_units(text: str, file: str) -> list[Unit]:
    """Every unit of the page ``text`` (front matter first); ``file`` names it in messages."""
    source = markdown_source.parse(text, file).checked()
    return front_matter_units(source) + body_units(source.body, source.body_line)


def _set(data: Any, key_path: tuple[str | int, ...], value: str) -> None:
    for part in key_path[:-1]:
        data = data[part]
    data[key_path[-1]] = value


def render_page(
    text: str,
    file: str,
    lookup: Lookup,
    extra_meta: dict[str, Any],
    untranslated: Callable[[str], str] | None = None,
) -> str:
    """The page ``text`` translated through ``lookup``, with ``extra_meta`` in its front matter."""
    source = markdown_source.parse(text, file).checked()
    meta = copy.deepcopy(source.meta or {})
    for path in FRONT_MATTER_TEXT:
        for key_path, value in list(_walk(meta, path)):
            found = lookup(value)
            if found is not None:
                _set(meta, key_path, found)
    meta.update(extra_meta)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n\n" + render_body(source.body, lookup, untranslated)
