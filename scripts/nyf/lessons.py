"""The ``lesson:`` front matter of lesson plans: its schema and its validator.

Lesson pages (docs/<lang>/schools/lessons/ages-*.md) carry structured metadata
that overrides/partials/lesson-header.html renders as the lesson header, and
sections that every plan needs (ground rules, a baseline revisited in the
plenary, a distancing activity, a sources-of-support handout, notes for pupils
with special educational needs, what a second adult does). The schema below is
the one description of that metadata; translators translate the text values
and keep the keys.

The structure follows the session plans of CEOP's "Online Blackmail" pack and
the PSHE Association's guidance (sources 40 and 48 on the sources page):
ground rules first, a baseline activity that the plenary revisits, timed
activities that add up to the stated length, a distancing activity.

Every problem becomes one :class:`LessonError` that names the file, the line,
the field, what was found and what was expected; overrides/hooks/lessons.py
stops the build with them, and tests/test_lessons.py checks each message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from jsonschema import Draft202012Validator

from nyf import markdown_source
from nyf.markdown_source import MarkdownSource
from nyf.schema_messages import SchemaProblem
from nyf.schema_messages import problems as schema_problems
from nyf.yamlfile import DataError, Path_, format_path

AGE_BANDS = ("9-12", "13-15", "16-18")

#: A school lesson is rarely shorter than 20 minutes or longer than a double period.
MIN_MINUTES = 20
MAX_MINUTES = 120

#: What each timed activity is for. ``distancing`` works through a made-up
#: character's story (never the pupils' own); ``main`` is any other teaching
#: activity; ``closing`` helps pupils step back from the topic at the end.
ACTIVITY_KINDS = ("ground-rules", "baseline", "distancing", "main", "plenary", "closing")

#: Every plan sets ground rules, takes a baseline, works through a made-up
#: story and revisits the baseline in a plenary (CEOP "Online Blackmail" pack).
REQUIRED_KINDS = ("ground-rules", "baseline", "plenary", "distancing")

#: Sections of the body that every plan needs, by explicit heading id, with
#: what each is for. Other pages and printed worksheets link to these ids.
REQUIRED_SECTIONS: dict[str, str] = {
    "ground-rules": "the ground rules the class agrees at the start",
    "baseline": "the baseline activity that the plenary revisits",
    "plenary": "the plenary that revisits the baseline",
    "distancing": "the distancing activity (a made-up character's story)",
    "support-handout": "the sources-of-support handout",
    "send": "notes for pupils with special educational needs",
    "second-adult": "what a second adult does when a pupil leaves the room",
    "worksheet": "the printable worksheet",
}

#: The parts of a plan split for the page budget, in reading order, after the
#: plan itself (overview, before the lesson, safeguarding): notes for special
#: educational needs and the second adult, the activities, then the discussion,
#: the worksheet and the handout. The lesson pack prints them in this order.
PARTS = ("support", "activities", "worksheet")

#: Text values are plain text: escaped where rendered, and refused here when
#: they hold markup, so that a translation cannot bring in tags or scripts.
_MARKUP = re.compile(r"<\s*[A-Za-z/!?]|\{\{|\{%")
_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_FILE_BAND = re.compile(r"ages-(\d+-\d+)\.md$")
_LESSON_FILE = re.compile(r"(?:^|/)schools/lessons/ages-[^/]+\.md$")

#: How long a found value may be in a message before it is cut.
_SHOW_CHARS = 60

_TEXT = {"description": "a line of plain text", "type": "string", "minLength": 3}


def _text_list(description: str) -> dict[str, Any]:
    return {"description": description, "type": "array", "minItems": 1, "items": _TEXT}


ACTIVITY_SCHEMA: dict[str, Any] = {
    "description": "an activity with id, title, minutes and kind",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "minutes", "kind"],
    "properties": {
        "id": {
            "description": "the explicit id of the activity's heading in the page, "
            "such as activity-2 (lowercase letters, digits and hyphens)",
            "type": "string",
            "pattern": _ID.pattern,
        },
        "title": {**_TEXT, "description": "the activity's name, as in its heading"},
        "minutes": {
            "description": "a whole number of minutes",
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_MINUTES,
        },
        "kind": {
            "description": "what the activity is for: one of " + ", ".join(ACTIVITY_KINDS),
            "type": "string",
            "enum": list(ACTIVITY_KINDS),
        },
    },
}

LESSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Lesson plan front matter (the lesson: key)",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "age_band",
        "duration_minutes",
        "objectives",
        "materials",
        "safeguarding",
        "activities",
    ],
    "properties": {
        "age_band": {
            "description": "the age band the lesson is written for: one of " + ", ".join(AGE_BANDS),
            "type": "string",
            "enum": list(AGE_BANDS),
        },
        "duration_minutes": {
            "description": f"a whole number of minutes between {MIN_MINUTES} and "
            f"{MAX_MINUTES}; the activities' minutes add up to it",
            "type": "integer",
            "minimum": MIN_MINUTES,
            "maximum": MAX_MINUTES,
        },
        "objectives": _text_list("a list of what pupils will learn, one sentence each"),
        "materials": _text_list("a list of what the teacher prepares, one item each"),
        "safeguarding": _text_list("a list of safeguarding notes, one note each"),
        "activities": {
            "description": "a list of timed activities (id, title, minutes, kind) "
            "whose minutes add up to duration_minutes",
            "type": "array",
            "minItems": 1,
            "items": ACTIVITY_SCHEMA,
        },
    },
}

_VALIDATOR = Draft202012Validator(LESSON_SCHEMA)


#: One problem in one lesson plan, phrased for the teacher or translator: the
#: project's one kind of file error (file, line, field, message).
LessonError = DataError


def is_lesson_file(path: str) -> bool:
    """True for a lesson plan (schools/lessons/ages-*.md) in any language folder."""
    return bool(_LESSON_FILE.search(path.replace("\\", "/")))


def needs_check(path: str, source: MarkdownSource) -> bool:
    """Whether a page is checked as a lesson plan: it declares lesson:, or it is a
    lesson plan file with front matter (a real page; bare fixture pages have none)."""
    return "lesson" in source.meta or (is_lesson_file(path) and source.has_front_matter)


def show(value: Any) -> str:
    """A found value as a reader can recognise it in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "an empty list" if not value else f"a list of {len(value)}"
    if isinstance(value, dict):
        return "fields (" + ", ".join(str(k) for k in value) + ")" if value else "no fields"
    text = str(value)
    if len(text) > _SHOW_CHARS:
        text = text[: _SHOW_CHARS - 3] + "..."
    return json.dumps(text, ensure_ascii=False)


def _schema_at(path: Iterable[str | int]) -> dict[str, Any]:
    """The schema of the value at ``path`` inside lesson:."""
    schema: dict[str, Any] = LESSON_SCHEMA
    for part in path:
        if isinstance(part, int):
            schema = schema.get("items", {})
        else:
            schema = schema.get("properties", {}).get(part, {})
    return schema


def _expected(path: Iterable[str | int]) -> str:
    return _schema_at(path).get("description", "a value")


class _Collector:
    """Turns problems at paths inside lesson: into LessonErrors with lines."""

    def __init__(self, file: str, lines: Mapping[Path_, int], fallback_line: int | None):
        self.file = file
        self.lines = lines
        self.fallback = fallback_line
        self.errors: list[LessonError] = []

    def line_of(self, path: Path_) -> int | None:
        full: Path_ = ("lesson", *path)
        while full:
            if full in self.lines:
                return self.lines[full]
            full = full[:-1]
        return self.fallback

    def add(self, path: Path_, message: str) -> None:
        field = format_path(("lesson", *path))
        self.errors.append(LessonError(self.file, self.line_of(path), field, message))


def _schema_error(out: _Collector, problem: SchemaProblem) -> None:
    path, found = problem.path, problem.found
    if problem.kind == "required":
        name = problem.name
        out.add(path, f'the field "{name}" is missing, expected {_expected((*path, name))}')
    elif problem.kind == "additionalProperties":
        allowed = ", ".join(_schema_at(path).get("properties", {}))
        out.add(
            problem.field_path,
            f"found an unknown field, expected one of {allowed} (check the spelling)",
        )
    elif problem.kind == "minItems":
        out.add(path, f"found an empty list, expected {_expected(path)}")
    elif problem.kind == "minLength":
        out.add(path, f"found {show(found)}, expected a full item of at least 3 characters")
    elif problem.kind in ("type", "enum", "minimum", "maximum", "pattern"):
        out.add(path, f"found {show(found)}, expected {_expected(path)}")
    else:  # a rule added to the schema without a message of its own
        out.add(path, f"found {show(found)}; {problem.message}")


def _markup_errors(out: _Collector, value: Any, path: Path_) -> None:
    if isinstance(value, str):
        if _MARKUP.search(value):
            out.add(path, f"found {show(value)}, expected plain text without HTML or template tags")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _markup_errors(out, item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            _markup_errors(out, item, (*path, key))


def _activity_errors(
    out: _Collector, meta: dict[str, Any], section_ids: frozenset[str] | None
) -> None:
    activities = meta.get("activities")
    if not isinstance(activities, list) or not activities:
        return  # the schema has reported it
    items = [a if isinstance(a, dict) else {} for a in activities]
    minutes = [a.get("minutes") for a in items]
    duration = meta.get("duration_minutes")
    if (
        all(isinstance(m, int) and not isinstance(m, bool) for m in minutes)
        and isinstance(duration, int)
        and not isinstance(duration, bool)
        and sum(minutes) != duration  # type: ignore[arg-type]
    ):
        listed = " + ".join(str(m) for m in minutes)
        out.add(
            ("activities",),
            f"found minutes that add up to {sum(minutes)} ({listed}), "  # type: ignore[arg-type]
            f"expected {duration}, the duration_minutes; change an activity's minutes "
            "or duration_minutes",
        )
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            out.add(
                ("activities", index, "id"),
                f'found "{ident}" again (first in activities[{seen[ident]}]), '
                "expected a different id for each activity",
            )
        else:
            seen[ident] = index
        if section_ids is not None and _ID.match(ident) and ident not in section_ids:
            out.add(
                ("activities", index, "id"),
                f'found "{ident}", expected the id of a heading in this page or its parts '
                f"(write {{#{ident}}} after the activity's heading)",
            )
    kinds = [item.get("kind") for item in items]
    for kind in REQUIRED_KINDS:
        if kind not in kinds and all(k in ACTIVITY_KINDS for k in kinds):
            out.add(
                ("activities",),
                f'found no activity of kind "{kind}", expected one '
                "(every plan has ground rules, a baseline, a distancing activity and a plenary)",
            )
    if kinds and kinds[0] in ACTIVITY_KINDS and kinds[0] != "ground-rules":
        out.add(
            ("activities", 0, "kind"),
            f'found "{kinds[0]}", expected "ground-rules": the class agrees its ground '
            "rules before anything else",
        )
    if (
        "baseline" in kinds
        and "plenary" in kinds
        and kinds.index("plenary") < kinds.index("baseline")
    ):
        out.add(
            ("activities", kinds.index("plenary"), "kind"),
            'found the "plenary" before the "baseline", expected the plenary to come '
            "after the baseline, which it revisits",
        )


def check_lesson_meta(
    meta: Any,
    file: str,
    lines: Mapping[Path_, int] | None = None,
    section_ids: Iterable[str] | None = None,
    fallback_line: int | None = None,
    body_line: int | None = None,
) -> list[LessonError]:
    """Every problem in the ``lesson:`` value ``meta`` of ``file``; [] when it is valid.

    ``lines`` maps paths such as ``("lesson", "activities", 2, "minutes")`` to
    line numbers in the file; ``section_ids`` are the explicit heading ids of
    the page (the activities' ids must be among them, and so must
    REQUIRED_SECTIONS); without them those checks are skipped.
    """
    out = _Collector(file, lines or {}, fallback_line)
    ids = frozenset(section_ids) if section_ids is not None else None
    if meta is None:
        out.add(
            (),
            "found nothing, expected a lesson: block in the front matter with "
            + ", ".join(LESSON_SCHEMA["required"]),
        )
        return out.errors
    if not isinstance(meta, dict):
        out.add(
            (),
            f"found {show(meta)}, expected fields (" + ", ".join(LESSON_SCHEMA["required"]) + ")",
        )
        return out.errors
    errors = sorted(_VALIDATOR.iter_errors(meta), key=lambda e: [str(p) for p in e.path])
    for problem in schema_problems(errors):
        _schema_error(out, problem)
    _markup_errors(out, meta, ())
    band = _FILE_BAND.search(file)
    if band and meta.get("age_band") in AGE_BANDS and meta["age_band"] != band.group(1):
        out.add(
            ("age_band",),
            f'found "{meta["age_band"]}", expected "{band.group(1)}", '
            "the age band in the file name",
        )
    _activity_errors(out, meta, ids)
    if ids is not None:
        for section, purpose in REQUIRED_SECTIONS.items():
            if section not in ids:
                out.errors.append(
                    LessonError(
                        file,
                        body_line,
                        f"#{section}",
                        f"found no heading with the id {{#{section}}}, expected a section "
                        f"with {purpose}",
                    )
                )
    return out.errors


def part_names(lesson: str, names: Iterable[str]) -> list[str]:
    """The part pages of the lesson plan ``lesson`` among ``names``, in order.

    A long plan is split into parts, one level below it (``ages-16-18.md`` and
    ``ages-16-18/support.md``...), each under the page budget; the plan's
    sections and activities may be in any of them.
    """
    folder = lesson.removesuffix(".md") + "/"
    found = {n for n in names if n.startswith(folder) and "/" not in n[len(folder) :]}
    return [f"{folder}{part}.md" for part in PARTS if f"{folder}{part}.md" in found] + sorted(
        found - {f"{folder}{part}.md" for part in PARTS}
    )


def check_lesson_page(source: MarkdownSource, part_ids: Iterable[str] = ()) -> list[LessonError]:
    """Every problem in a lesson plan read by nyf.markdown_source.

    ``part_ids``: the explicit ids of its part pages (see :func:`part_names`).
    """
    if source.error is not None:
        error = source.error
        return [LessonError(source.file, error.line, error.field, error.message)]
    if source.front_matter is None:
        return [
            LessonError(
                source.file,
                1,
                "lesson",
                "found no front matter, expected --- lines with a lesson: block",
            )
        ]
    return check_lesson_meta(
        source.meta.get("lesson"),
        source.file,
        lines=source.front_matter.lines,
        section_ids=[*(found.id for found in source.explicit_ids()), *part_ids],
        fallback_line=source.key_line("lesson"),
        body_line=source.body_line,
    )


def check_lesson_source(text: str, file: str) -> list[LessonError]:
    """Every problem in the lesson plan ``text`` (a whole Markdown file) named ``file``."""
    return check_lesson_page(markdown_source.parse(text, file))
