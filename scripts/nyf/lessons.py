"""The ``lesson:`` front matter of lesson plans: its schema and its validator.

Lesson pages (docs/<lang>/schools/lessons/ages-*.md) carry structured metadata
that overrides/partials/lesson-header.html renders as the lesson header. The
schema below is the one description of that metadata; translators translate
the text values and keep the keys.
"""

from __future__ import annotations

import re
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

AGE_BANDS = ("9-12", "13-15", "16-18")

#: A school lesson is rarely shorter than 20 minutes or longer than a double period.
MIN_MINUTES = 20
MAX_MINUTES = 120

_TEXT_LIST = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 3}}

LESSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Lesson plan front matter (the lesson: key)",
    "type": "object",
    "additionalProperties": False,
    "required": ["age_band", "duration_minutes", "objectives", "materials", "safeguarding"],
    "properties": {
        "age_band": {
            "description": "The age band the lesson is written for; matches the file name.",
            "type": "string",
            "enum": list(AGE_BANDS),
        },
        "duration_minutes": {
            "description": "Length of the lesson in minutes; the timed activities add up to it.",
            "type": "integer",
            "minimum": MIN_MINUTES,
            "maximum": MAX_MINUTES,
        },
        "objectives": {
            "description": "What pupils will know or be able to do, one sentence each.",
            **_TEXT_LIST,
        },
        "materials": {
            "description": "What the teacher prepares, one item each.",
            **_TEXT_LIST,
        },
        "safeguarding": {
            "description": "Safeguarding notes shown in the lesson header, one note each.",
            **_TEXT_LIST,
        },
    },
}

_VALIDATOR = Draft202012Validator(LESSON_SCHEMA)
_FILE_BAND = re.compile(r"ages-(\d+-\d+)\.md$")


def _where(error: ValidationError) -> str:
    out = "lesson"
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _message(error: ValidationError) -> str:
    """A readable message: what was found and what was expected."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "required":
        missing = error.message.split("'")[1]
        expected = LESSON_SCHEMA["properties"][missing]["description"]
        return f"the field {missing!r} is missing ({expected})"
    if error.validator == "additionalProperties":
        allowed = ", ".join(LESSON_SCHEMA["properties"])
        return f"{error.message}; the allowed fields are {allowed}"
    if error.validator == "enum":
        return (
            f"{error.instance!r} is not allowed; expected one of {', '.join(error.validator_value)}"
        )
    if error.validator == "type":
        expected = {
            "array": "a list ('- item' lines)",
            "string": "text",
            "integer": "a whole number",
        }
        wanted = expected.get(error.validator_value, error.validator_value)
        return f"expected {wanted}, found {error.instance!r}"
    if error.validator in ("minimum", "maximum"):
        return (
            f"{error.instance} minutes is outside {schema.get('minimum')}-{schema.get('maximum')}"
        )
    if error.validator == "minItems":
        return "the list is empty; give at least one item"
    if error.validator == "minLength":
        return f"{error.instance!r} is too short; write a full item"
    return error.message


def validate_lesson_meta(meta: Any, file: str) -> list[str]:
    """Readable errors for the ``lesson:`` front matter of ``file``; [] when valid."""
    if meta is None:
        return [f"{file}: lesson: is missing; a lesson plan needs a lesson: block in front matter"]
    if not isinstance(meta, dict):
        return [
            f"{file}: lesson: expected fields (age_band:, duration_minutes:, ...), found {meta!r}"
        ]
    errors = [
        f"{file}: {_where(error)}: {_message(error)}"
        for error in sorted(_VALIDATOR.iter_errors(meta), key=lambda e: list(e.absolute_path))
    ]
    band = _FILE_BAND.search(file)
    if band and meta.get("age_band") in AGE_BANDS and meta["age_band"] != band.group(1):
        errors.append(
            f"{file}: lesson.age_band: {meta['age_band']!r} does not match the file name "
            f"(expected {band.group(1)!r})"
        )
    return errors
