"""A Markdown page's source, read as MkDocs reads it: text, front matter, body, ids.

Every check of docs/<lang>/*.md (content rules, translations, lesson plans,
plain-text titles) reads pages through this one module, so they agree with
each other and with the build on what a page says:

- the bytes are UTF-8 with an optional byte-order mark, and line ends are
  normalised, exactly as MkDocs' ``File.content_string`` reads them; a file in
  a legacy encoding (Latin-1, Windows-1250, UTF-16) is one :class:`DataError`
  naming the first byte that is not UTF-8, never a traceback;
- front matter is what ``mkdocs.utils.meta.get_data`` takes for front matter
  (its own pattern: a ``---`` opener, a ``---`` or ``...`` closer), parsed by
  the strict loader of nyf.yamlfile with the file's real line numbers;
- explicit ids have one grammar, attr_list's ``{#id}`` / ``{: #id .class}``,
  on headings (``## Title {#id}``) and on other blocks, with their lines.

Problems in the front matter are kept on the source (``error``) rather than
raised, so that a check can still read the body; ``id_errors`` lists ids with
spaces, odd characters or given twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import YAML_RE

from nyf.yamlfile import DataError, YamlDocument, parse_yaml

#: The byte-order mark that MkDocs (encoding utf-8-sig) drops from a page.
BOM = "\ufeff"
#: An id that survives translation and works in a URL fragment and in CSS.
VALID_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
# attr_list: {#id}, {: #id .class key=value }. The id token runs to the next
# space or brace, so an id written with a space shows up as two tokens.
_ATTR_LIST = re.compile(r"\{:?[ \t]*(#[^}\n]*?)[ \t]*\}")
_TRAILING_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^}\n]*?)[ \t]*\}[ \t]*$")
_ID_TOKEN = re.compile(r"(?:^|[ \t])#([^ \t}]+)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_TYPE_NAMES = {
    list: "a list",
    dict: "a mapping",
    bool: "true or false",
    int: "a number",
    float: "a number",
}


@dataclass(frozen=True)
class Heading:
    """An ATX heading: level, text without its attr_list, explicit id, line."""

    level: int
    text: str
    id: str | None
    line: int


@dataclass(frozen=True)
class ExplicitId:
    """An ``{#id}`` as written, on a heading or another block, with its line."""

    id: str
    line: int
    source: str  # the whole attr_list, as written, for messages


@dataclass
class MarkdownSource:
    """A page split into front matter and body, with line numbers."""

    file: str
    text: str
    body: str
    body_line: int  # line of the first body line in the file
    front_matter: YamlDocument | None = None  # None: absent, empty or invalid
    error: DataError | None = None  # the front matter's problem, if any
    has_front_matter: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    def key_line(self, *path: str | int) -> int:
        """Line of a front-matter value such as ("lesson", "activities", 2) or its parent."""
        lines = self.front_matter.lines if self.front_matter else {}
        while path and path not in lines:
            path = path[:-1]
        return lines[path] if path else 1

    def checked(self) -> MarkdownSource:
        """This source, or the front matter's :class:`DataError` raised."""
        if self.error is not None:
            raise self.error
        return self

    def lines(self) -> list[tuple[int, str]]:
        return body_lines(self.body, self.body_line)

    def headings(self) -> list[Heading]:
        return headings(self.body, self.body_line)

    def explicit_ids(self) -> list[ExplicitId]:
        return explicit_ids(self.body, self.body_line)


def describe(value: Any) -> str:
    """A YAML value's kind as a translator would say it: "a list", "a number"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "an empty value"
    return _TYPE_NAMES.get(type(value), "text" if isinstance(value, str) else type(value).__name__)


# --- reading ------------------------------------------------------------------


def decode(raw: bytes, file: str) -> str:
    """Page text as MkDocs reads it: UTF-8, no byte-order mark, ``\\n`` line ends."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError(
            file,
            line,
            "",
            f"not UTF-8 (byte 0x{raw[error.start]:02X} at offset {error.start}); "
            "save the file as UTF-8",
        ) from None
    # Text mode (MkDocs opens pages with open()) turns \r\n and \r into \n.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read(path: Path, file: str) -> str:
    """The text of the page at ``path``; ``file`` names it in messages."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(file, None, "", f"cannot be read: {error.strerror}") from None
    return decode(raw, file)


def load(path: Path, file: str) -> MarkdownSource:
    """Read and split the page at ``path`` (a decoding problem raises DataError)."""
    return parse(read(path, file), file)


def parse(text: str, file: str) -> MarkdownSource:
    """Split page text into front matter and body, as ``get_data`` does."""
    text = text.removeprefix(BOM)
    match = YAML_RE.match(text)
    if not match:
        return MarkdownSource(file, text, text, 1)
    body_line = text.count("\n", 0, match.end()) + 1
    source = MarkdownSource(file, text, text[match.end() :], body_line, has_front_matter=True)
    yaml_text = match.group(1)
    if all(not line.strip() or line.lstrip().startswith("#") for line in yaml_text.split("\n")):
        return source  # an empty front matter: no keys
    try:
        # The leading newline stands for the opening ---: YAML lines are file lines.
        doc = parse_yaml("\n" + yaml_text, file)
    except DataError as error:
        source.error = DataError(file, error.line, error.field or "front matter", error.message)
        return source
    if not isinstance(doc.data, dict):
        source.error = DataError(
            file,
            doc.line_of(()) or 2,
            "front matter",
            f"found {describe(doc.data)}, expected key: value lines such as title: Help now",
        )
        return source
    source.front_matter, source.meta = doc, doc.data
    return source


# --- the body -------------------------------------------------------------------


def body_lines(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line number, text) of body lines outside fenced code blocks."""
    out: list[tuple[int, str]] = []
    in_fence = False
    for index, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            out.append((first_line + index, line))
    return out


def heading_match(line: str) -> tuple[int, str] | None:
    """(level, text) when ``line`` is an ATX heading."""
    match = _HEADING.match(line)
    return (len(match.group(1)), match.group(2)) if match else None


def _ids_in(attr_list: str) -> list[str]:
    return _ID_TOKEN.findall(attr_list)


def headings(body: str, first_line: int = 1) -> list[Heading]:
    """ATX headings (fenced code excluded), each with its explicit id."""
    found = []
    for number, line in body_lines(body, first_line):
        match = heading_match(line)
        if not match:
            continue
        level, text = match
        attr = _TRAILING_ATTR_LIST.search(text)
        ids = _ids_in(attr.group(1)) if attr else []
        if attr and (ids or attr.group(1).startswith((".", ":"))):
            text = text[: attr.start()]
        found.append(Heading(level, text, ids[0] if ids else None, number))
    return found


def explicit_ids(body: str, first_line: int = 1) -> list[ExplicitId]:
    """Every ``{#id}`` of the body, on headings or other blocks, in order."""
    found = []
    for number, line in body_lines(body, first_line):
        for match in _ATTR_LIST.finditer(_INLINE_CODE.sub("", line)):
            found += [ExplicitId(i, number, match.group(0)) for i in _ids_in(match.group(1))]
    return found


def id_errors(source: MarkdownSource) -> list[DataError]:
    """Ids that break links: a space in the id, odd characters, the same id twice."""
    errors = []
    first: dict[str, int] = {}
    for found in source.explicit_ids():
        tokens = found.source.strip("{}: \t").split()
        if len(tokens) > 1 and not all(t.startswith(("#", ".")) or "=" in t for t in tokens):
            errors.append(
                DataError(
                    source.file,
                    found.line,
                    "id",
                    f"found {found.source} with a space in the id, expected one word such as "
                    f"{{#{'-'.join(t.lstrip('#') for t in tokens if '=' not in t).lower()}}}",
                )
            )
            continue
        if not VALID_ID.match(found.id):
            errors.append(
                DataError(
                    source.file,
                    found.line,
                    "id",
                    f"found {{#{found.id}}}, expected an id of letters, digits and hyphens "
                    "that starts with a letter",
                )
            )
        elif found.id in first:
            errors.append(
                DataError(
                    source.file,
                    found.line,
                    "id",
                    f"found {{#{found.id}}} again (first on line {first[found.id]}), "
                    "expected each id once in a page",
                )
            )
        else:
            first[found.id] = found.line
    return errors


def iter_pages(lang_dir: Path, display_root: Path) -> Iterator[tuple[str, Path, str]]:
    """(name under ``lang_dir``, path, display name) of every page, sorted."""
    for path in sorted(lang_dir.rglob("*.md")):
        try:
            display = path.relative_to(display_root).as_posix()
        except ValueError:
            display = path.as_posix()
        yield path.relative_to(lang_dir).as_posix(), path, display
