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
    if node.tag not in (
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
    ) and not node.tag.startswith("tag:yaml.org,2002:"):
        raise doc.error(path, f"unsupported YAML tag {node.tag!r}; write plain text")
    return _scalar(node)


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
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            # The scanner fails where the file ends; the reader needs the opening quote.
            mark, problem = exc.context_mark, "a quote is opened here and never closed"
        line = mark.line + 1 if mark else None
        hint = "check indentation and quotes"
        if problem == "mapping values are not allowed here":
            # Most often a colon inside a title ("Help: now") or a line indented too far.
            problem = "a colon and a space inside a value, or a line indented too far"
            hint = 'put the value in quotes (title: "Help: now") or check the indentation'
        raise DataError(file, line, "", f"YAML syntax error: {problem}; {hint}") from None
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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(name, None, "", "is not UTF-8 text; save it as UTF-8") from None
    return parse_yaml(text, name)
