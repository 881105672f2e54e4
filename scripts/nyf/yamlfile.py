"""Strict, line-aware YAML loading for the files people edit by hand.

Registry and helpline files are written by translators and helpline staff,
not programmers, so a mistake must produce one message that names the file,
the line, the field, what was found and what was expected. This loader:

- keeps the line of every value, so later checks can point at it;
- refuses duplicate keys (PyYAML silently keeps the last one);
- reads YAML 1.2 booleans only: ``true``/``false``. ``NO`` (Norway), ``yes``,
  ``on`` and ``off`` stay strings instead of silently becoming booleans;
- reports tabs, syntax errors, empty files and non-YAML files as
  :class:`DataError`, never as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: A path to a value inside a document: keys and list indexes.
Path_ = tuple[str | int, ...]

_BOOL_TRUE = {"true", "True", "TRUE"}
_BOOL_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
#: The only tags a data file may carry: YAML's own types, never Python objects.
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
#: PyYAML's words for common slips, and what the person editing should do instead.
_SYNTAX_HINTS = {
    "mapping values are not allowed here": (
        "a colon and a space inside a value, or a line indented too far; put a value "
        "that holds ': ' in double quotes, and line each field up with the one above"
    ),
    "found character '\\t' that cannot start any token": ("a tab is used; YAML needs spaces"),
    "expected ',' or ']'": "a list opened with [ is not closed; expected ] at its end",
    "expected ',' or '}'": "a mapping opened with { is not closed; expected } at its end",
    "found undefined alias": "a value starts with *; put the value in double quotes",
    "found character '%' that cannot start any token": (
        "a value starts with %; put the value in double quotes"
    ),
    "found character '@' that cannot start any token": (
        "a value starts with @; put the value in double quotes"
    ),
    "found character '`' that cannot start any token": (
        "a value starts with `; put the value in double quotes"
    ),
}
# A line that opens a quoted value: key: "..., - "..., key: '...
_OPENS_DOUBLE = re.compile(r'^\s*(?:-\s+)?(?:[^\s"\'#][^:"]*:\s+)?"')
_OPENS_SINGLE = re.compile(r"^\s*(?:-\s+)?(?:[^\s\"'#][^:']*:\s+)?'")


@dataclass(frozen=True)
class DataError(Exception):
    """One problem in one file, phrased for the person who edits that file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f" {self.field}:" if self.field else ""
        return f"{where}{what} {self.message}"


@dataclass
class YamlDocument:
    """A loaded YAML file: its data and the line of every value in it."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """Line of the value at ``path``, or of its closest known parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def error(self, path: Path_, message: str) -> DataError:
        return DataError(self.file, self.line_of(path), format_path(path), message)


def format_path(path: Path_) -> str:
    """``("services", 1, "phone")`` -> ``services[1].phone``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _scalar(node: yaml.ScalarNode) -> Any:
    """Resolve a plain scalar by YAML 1.2 core rules; quoted ones stay strings."""
    value = node.value
    if node.style:  # quoted or block scalar: always a string
        return value
    if value in _NULL:
        return None
    if value in _BOOL_TRUE:
        return True
    if value in _BOOL_FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _convert(doc: YamlDocument, node: yaml.Node, path: Path_) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise doc.error(path, "a key must be plain text, not a list or mapping")
            key = key_node.value
            if key in result:
                first = doc.lines.get((*path, key))
                raise DataError(
                    doc.file,
                    key_node.start_mark.line + 1,
                    format_path((*path, key)),
                    f"duplicate key {key!r} (first given on line {first}); "
                    "keep one and delete the other",
                )
            result[key] = _convert(doc, value_node, (*path, key))
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(doc, item, (*path, i)) for i, item in enumerate(node.value)]
    if node.tag not in _CORE_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise doc.error(path, f"found the YAML tag {tag}; expected plain text without tags")
    return _scalar(node)


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line up to ``before`` that opens a quoted value and does not close it."""
    for number, line in enumerate(text.splitlines()[:before], start=1):
        if line.lstrip().startswith("#"):
            continue
        if _OPENS_DOUBLE.match(line):
            rest = line[line.index('"') + 1 :]
            closed = re.search(r'(?<!\\)(?:\\\\)*"', rest)
            if not closed:
                return number
        elif _OPENS_SINGLE.match(line):
            rest = line[line.index("'") + 1 :].replace("''", "")
            if "'" not in rest:
                return number
    return None


def _syntax_error(text: str, file: str, exc: yaml.MarkedYAMLError) -> DataError:
    """One plain message for a YAML syntax error, at the line where the slip is."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or exc.context or "invalid YAML"
    quote_line = _unclosed_quote(text, line or len(text.splitlines()))
    if quote_line is not None:
        return DataError(
            file,
            quote_line,
            "",
            "YAML syntax error: a quote opened on this line is not closed; "
            'expected the text between two straight quotes ("...")',
        )
    for known, hint in _SYNTAX_HINTS.items():
        if problem.startswith(known):
            return DataError(file, line, "", f"YAML syntax error: {hint}")
    return DataError(file, line, "", f"YAML syntax error: {problem}; check indentation and quotes")


def decode_text(raw: bytes, file: str, expected: str = "text") -> str:
    """UTF-8 bytes as text (a byte-order mark is dropped); else one :class:`DataError`."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(file, None, "", f"is saved as UTF-16; expected {expected} saved as UTF-8")
    if b"\x00" in raw:
        raise DataError(file, None, "", f"this is not a text file; expected {expected}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            file,
            line,
            "",
            f"found the byte {raw[exc.start : exc.start + 1]!r}, which is not UTF-8 (the file "
            f"was saved as Latin-1 or Windows-1252?); expected {expected} saved as UTF-8",
        ) from None


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse ``text`` (the contents of ``file``) into a :class:`YamlDocument`."""
    doc = YamlDocument(file=file, data=None)
    if "\x00" in text:
        raise DataError(file, None, "", "this is not a text file; expected YAML")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise DataError(file, None, "", "the file is empty; expected YAML data")
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            raise DataError(file, number, "", "a tab is used for indentation; YAML needs spaces")
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, file, exc) from None
    except yaml.YAMLError as exc:
        raise DataError(file, None, "", f"not valid YAML: {exc}") from None
    if len(nodes) != 1:
        raise DataError(file, None, "", "expected one YAML document, found several (---)")
    doc.data = _convert(doc, nodes[0], ())
    return doc


def load_yaml(path: Path, display: str | None = None) -> YamlDocument:
    """Read and parse a YAML file; ``display`` is the name used in messages."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(name, None, "", "file not found") from None
    except OSError as exc:
        raise DataError(name, None, "", f"cannot be read: {exc.strerror}") from None
    return parse_yaml(decode_text(raw, name, "YAML"), name)
