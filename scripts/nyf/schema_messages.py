"""What a JSON Schema error means to the person who edits the file.

The helpline data (nyf.helplines) and the ``lesson:`` front matter of lesson
plans (nyf.lessons) are checked with JSON Schema. jsonschema's own messages
("'x' is a required property", "Additional properties are not allowed")
are written for programmers; this module turns each error into a
:class:`SchemaProblem` a message can be written from: the path, what kind of
problem, what was found, which field is unknown or missing, what is allowed,
and the nearest allowed spelling. Each caller words its messages from it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jsonschema.exceptions import ValidationError

#: How close a misspelling must be to suggest the allowed word (difflib ratio).
SUGGESTION_CUTOFF = 0.6


@dataclass(frozen=True)
class SchemaProblem:
    """One problem with a value, at ``path`` in the document."""

    path: tuple[str | int, ...]
    kind: str  # the JSON Schema keyword that failed: type, enum, required, ...
    found: Any  # the value at path (for required and additionalProperties: the mapping)
    name: str = ""  # the unknown or missing field
    allowed: tuple[str, ...] = ()  # allowed fields (unknown field) or values (enum)
    suggestion: str | None = None  # the allowed word nearest to what was written
    rule: Any = None  # the keyword's value in the schema (a type, a pattern, a bound)
    schema: dict[str, Any] = field(default_factory=dict)  # the schema of the value
    message: str = ""  # jsonschema's own message, for keywords without wording

    @property
    def field_path(self) -> tuple[str | int, ...]:
        """Where the message points: the unknown or missing field itself, if any."""
        return (*self.path, self.name) if self.name else self.path


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """The choice nearest to ``word``, if one is close enough to be a slip."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=SUGGESTION_CUTOFF)
    return close[0] if close else None


def problems(errors: Iterable[ValidationError]) -> list[SchemaProblem]:
    """The problems behind jsonschema's errors, one per unknown or missing field.

    A misspelt field is one mistake, not two: when an unknown field's nearest
    allowed name is a required field that is missing ("servces" for
    "services"), the "missing" problem is left out.
    """
    found: list[SchemaProblem] = []
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = tuple(sorted(error.schema.get("properties", {})))
            found.extend(
                SchemaProblem(
                    path,
                    "additionalProperties",
                    error.instance,
                    name=str(extra),
                    allowed=allowed,
                    suggestion=did_you_mean(extra, allowed),
                    schema=error.schema,
                )
                for extra in sorted(set(error.instance) - set(allowed), key=str)
            )
        elif error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            found.append(
                SchemaProblem(path, "required", error.instance, name=missing, schema=error.schema)
            )
        else:
            allowed = ()
            if error.validator == "enum":
                allowed = tuple(str(choice) for choice in error.validator_value)
            found.append(
                SchemaProblem(
                    path,
                    str(error.validator),
                    error.instance,
                    allowed=allowed,
                    suggestion=did_you_mean(error.instance, allowed) if allowed else None,
                    rule=error.validator_value,
                    schema=error.schema,
                    message=error.message,
                )
            )
    suggested = {
        (p.path, p.suggestion) for p in found if p.kind == "additionalProperties" and p.suggestion
    }
    return [p for p in found if not (p.kind == "required" and (p.path, p.name) in suggested)]
