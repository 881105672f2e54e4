"""Lesson plans: the lesson: schema and its messages, the build hook, the header.

Every mistake a teacher or translator can make in a lesson's front matter gets
one case below with the exact message it prints: file, line, field, what was
found and what was expected.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment, FileSystemLoader
from nyf import catalogs, lessons, markdown_source
from sitebuild import ROOT, make_project, run_mkdocs

FILE = "docs/en/schools/lessons/ages-13-15.md"

#: A valid lesson plan. Line numbers matter: the messages below name them.
GOOD = """\
---
title: T
description: D
lesson:
  age_band: "13-15"
  duration_minutes: 30
  objectives:
    - Spot the trick.
  materials:
    - The worksheet.
  safeguarding:
    - Not for assemblies.
  activities:
    - id: ground-rules
      title: Ground rules
      minutes: 5
      kind: ground-rules
    - id: baseline
      title: Baseline
      minutes: 5
      kind: baseline
    - id: distancing
      title: "Alex's story"
      minutes: 10
      kind: distancing
    - id: plenary
      title: Plenary
      minutes: 10
      kind: plenary
---

# T

## Notes {#send}

## The second adult {#second-adult}

## Activities {#activities}

### Ground rules {#ground-rules}

### Baseline {#baseline}

### Alex {#distancing}

### Plenary {#plenary}

## Worksheet {#worksheet}

## Handout {#support-handout}
"""

ACTIVITIES_BLOCK = GOOD[GOOD.index("  activities:\n") : GOOD.index("---\n\n# T")]
EXPECTED_ACTIVITIES = (
    "a list of timed activities (id, title, minutes, kind) whose minutes add up to duration_minutes"
)
EXPECTED_DURATION = (
    "a whole number of minutes between 20 and 120; the activities' minutes add up to it"
)
REQUIRED = "age_band, duration_minutes, objectives, materials, safeguarding, activities"
PLAIN = "expected plain text without HTML or template tags"


def _errors(text: str, file: str = FILE) -> list[str]:
    return [str(e) for e in lessons.check_lesson_source(text, file)]


def _change(old: str, new: str, count: int = 1) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, count)


def test_the_good_lesson_passes():
    assert _errors(GOOD) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # minutes written as a word
        (
            _change(
                "      minutes: 10\n      kind: distancing",
                "      minutes: ten\n      kind: distancing",
            ),
            [
                f'{FILE}:24 lesson.activities[2].minutes: found "ten", expected a whole number '
                f"of minutes"
            ],
        ),
        # minutes with their unit
        (
            _change(
                "      minutes: 10\n      kind: distancing",
                "      minutes: 10 minutes\n      kind: distancing",
            ),
            [
                f'{FILE}:24 lesson.activities[2].minutes: found "10 minutes", expected a whole '
                f"number of minutes"
            ],
        ),
        # minutes as a decimal
        (
            _change(
                "      minutes: 10\n      kind: distancing",
                "      minutes: 7.5\n      kind: distancing",
            ),
            [
                f"{FILE}:24 lesson.activities[2].minutes: found 7.5, expected a whole number of "
                f"minutes"
            ],
        ),
        # minutes as yes/no
        (
            _change(
                "      minutes: 10\n      kind: distancing",
                "      minutes: true\n      kind: distancing",
            ),
            [
                f"{FILE}:24 lesson.activities[2].minutes: found true, expected a whole number of "
                f"minutes"
            ],
        ),
        # minutes left out
        (
            _change("      minutes: 10\n      kind: distancing", "      kind: distancing"),
            [
                f'{FILE}:22 lesson.activities[2]: the field "minutes" is missing, expected a '
                f"whole number of minutes"
            ],
        ),
        # minutes that do not add up to the duration
        (
            _change(
                "      minutes: 10\n      kind: plenary", "      minutes: 5\n      kind: plenary"
            ),
            [
                f"{FILE}:13 lesson.activities: found minutes that add up to 25 (5 + 5 + 10 + 5), "
                "expected 30, the duration_minutes; change an activity's minutes or "
                "duration_minutes"
            ],
        ),
        # zero minutes: out of range, and the sum is off too
        (
            _change(
                "      minutes: 10\n      kind: plenary", "      minutes: 0\n      kind: plenary"
            ),
            [
                f"{FILE}:28 lesson.activities[3].minutes: found 0, expected a whole number of "
                f"minutes",
                f"{FILE}:13 lesson.activities: found minutes that add up to 20 (5 + 5 + 10 + 0), "
                "expected 30, the duration_minutes; change an activity's minutes or "
                "duration_minutes",
            ],
        ),
        # duration not a number
        (
            _change("duration_minutes: 30", "duration_minutes: thirty"),
            [f'{FILE}:6 lesson.duration_minutes: found "thirty", expected {EXPECTED_DURATION}'],
        ),
        # duration with its unit
        (
            _change("duration_minutes: 30", 'duration_minutes: "30 min"'),
            [f'{FILE}:6 lesson.duration_minutes: found "30 min", expected {EXPECTED_DURATION}'],
        ),
        # duration too short for a lesson (the activities still add up to 30)
        (
            _change("duration_minutes: 30", "duration_minutes: 10"),
            [
                f"{FILE}:6 lesson.duration_minutes: found 10, expected {EXPECTED_DURATION}",
                f"{FILE}:13 lesson.activities: found minutes that add up to 30 (5 + 5 + 10 + 10), "
                "expected 10, the duration_minutes; change an activity's minutes or "
                "duration_minutes",
            ],
        ),
        # duration left out
        (
            _change("  duration_minutes: 30\n", ""),
            [
                f'{FILE}:4 lesson: the field "duration_minutes" is missing, expected '
                f"{EXPECTED_DURATION}"
            ],
        ),
        # no activities at all
        (
            _change(ACTIVITIES_BLOCK, ""),
            [f'{FILE}:4 lesson: the field "activities" is missing, expected {EXPECTED_ACTIVITIES}'],
        ),
        # an empty list of activities
        (
            _change(ACTIVITIES_BLOCK, "  activities: []\n"),
            [f"{FILE}:13 lesson.activities: found an empty list, expected {EXPECTED_ACTIVITIES}"],
        ),
        # activities as one line of text
        (
            _change(ACTIVITIES_BLOCK, "  activities: Ground rules, baseline, story\n"),
            [
                f'{FILE}:13 lesson.activities: found "Ground rules, baseline, story", expected '
                f"{EXPECTED_ACTIVITIES}"
            ],
        ),
        # an activity that is a number, not fields
        (
            _change(ACTIVITIES_BLOCK, "  activities:\n    - 30\n"),
            [
                f"{FILE}:14 lesson.activities[0]: found 30, expected an activity with id, title, "
                f"minutes and kind"
            ],
        ),
        # a misspelt field of the lesson: one mistake, one message (not also
        # "activities is missing")
        (
            _change("  activities:\n", "  activites:\n"),
            [
                f"{FILE}:13 lesson.activites: found an unknown field, expected one of {REQUIRED} "
                "(check the spelling)",
            ],
        ),
        # an unknown field in an activity
        (
            _change("      kind: ground-rules\n", "      kind: ground-rules\n      note: x\n"),
            [
                f"{FILE}:18 lesson.activities[0].note: found an unknown field, expected one of "
                "id, title, minutes, kind (check the spelling)"
            ],
        ),
        # an empty list of objectives
        (
            _change("  objectives:\n    - Spot the trick.\n", "  objectives: []\n"),
            [
                f"{FILE}:7 lesson.objectives: found an empty list, expected a list of what pupils "
                "will learn, one sentence each"
            ],
        ),
        # objectives as one line of text
        (
            _change("  objectives:\n    - Spot the trick.\n", "  objectives: Learn things\n"),
            [
                f'{FILE}:7 lesson.objectives: found "Learn things", expected a list of what pupils '
                "will learn, one sentence each"
            ],
        ),
        # an objective that is a number
        (
            _change("    - Spot the trick.", "    - 42"),
            [f"{FILE}:8 lesson.objectives[0]: found 42, expected a line of plain text"],
        ),
        # a title too short to mean anything
        (
            _change("title: Plenary", "title: ab"),
            [
                f'{FILE}:27 lesson.activities[3].title: found "ab", expected a full item of at '
                f"least 3 characters"
            ],
        ),
        # a script in a title
        (
            _change("title: Plenary", 'title: "<script>alert(1)</script>"'),
            [f'{FILE}:27 lesson.activities[3].title: found "<script>alert(1)</script>", {PLAIN}'],
        ),
        # an HTML tag in an objective
        (
            _change("    - Spot the trick.", '    - "Spot the <b>trick</b>."'),
            [f'{FILE}:8 lesson.objectives[0]: found "Spot the <b>trick</b>.", {PLAIN}'],
        ),
        # an HTML comment in a material
        (
            _change("    - The worksheet.", '    - "The worksheet <!-- x -->"'),
            [f'{FILE}:10 lesson.materials[0]: found "The worksheet <!-- x -->", {PLAIN}'],
        ),
        # a template expression in a safeguarding note
        (
            _change("    - Not for assemblies.", '    - "Not for {{ config.site_name }}"'),
            [
                f'{FILE}:12 lesson.safeguarding[0]: found "Not for {{{{ config.site_name }}}}", '
                f"{PLAIN}"
            ],
        ),
        # an age band that does not exist
        (
            _change('age_band: "13-15"', 'age_band: "8-10"'),
            [
                f'{FILE}:5 lesson.age_band: found "8-10", expected the age band the lesson is '
                f"written for: one of 9-12, 13-15, 16-18"
            ],
        ),
        # an age band that does not match the file name
        (
            _change('age_band: "13-15"', 'age_band: "16-18"'),
            [
                f'{FILE}:5 lesson.age_band: found "16-18", expected "13-15", the age band in the '
                f"file name"
            ],
        ),
        # an unknown kind of activity
        (
            _change("kind: distancing", "kind: story"),
            [
                f'{FILE}:25 lesson.activities[2].kind: found "story", expected what the activity '
                f"is for: "
                "one of ground-rules, baseline, distancing, main, plenary, closing"
            ],
        ),
        # no baseline
        (
            _change("      kind: baseline", "      kind: main"),
            [
                f'{FILE}:13 lesson.activities: found no activity of kind "baseline", expected one '
                "(every plan has ground rules, a baseline, a distancing activity and a plenary)"
            ],
        ),
        # ground rules not first
        (
            _change("kind: ground-rules", "kind: baseline").replace(
                "      kind: baseline\n    - id: distancing",
                "      kind: ground-rules\n    - id: distancing",
            ),
            [
                f'{FILE}:17 lesson.activities[0].kind: found "baseline", expected "ground-rules": '
                "the class agrees its ground rules before anything else"
            ],
        ),
        # the plenary before the baseline it revisits
        (
            _change("      kind: baseline", "      kind: plenary").replace(
                "      kind: plenary\n---", "      kind: baseline\n---"
            ),
            [
                f'{FILE}:21 lesson.activities[1].kind: found the "plenary" before the "baseline", '
                "expected the plenary to come after the baseline, which it revisits"
            ],
        ),
        # two activities with the same id
        (
            _change("    - id: baseline", "    - id: ground-rules"),
            [
                f'{FILE}:18 lesson.activities[1].id: found "ground-rules" again (first in '
                f"activities[0]), "
                "expected a different id for each activity"
            ],
        ),
        # an id that is not a heading of the page
        (
            _change("    - id: distancing", "    - id: story"),
            [
                f'{FILE}:22 lesson.activities[2].id: found "story", expected the id of a heading '
                "in this page or its parts (write {#story} after the activity's heading)"
            ],
        ),
        # an id with spaces and capitals
        (
            _change("    - id: distancing", '    - id: "Alex story"'),
            [
                f'{FILE}:22 lesson.activities[2].id: found "Alex story", expected the explicit '
                f"id of the "
                "activity's heading in the page, such as activity-2 (lowercase letters, digits "
                "and hyphens)"
            ],
        ),
        # a required section without its id
        (
            _change("## Notes {#send}", "## Notes"),
            [
                f"{FILE}:31 #send: found no heading with the id {{#send}}, expected a section with "
                "notes for pupils with special educational needs"
            ],
        ),
        # no handout
        (
            _change("## Handout {#support-handout}", "## Handout"),
            [
                f"{FILE}:31 #support-handout: found no heading with the id {{#support-handout}}, "
                "expected a section with the sources-of-support handout"
            ],
        ),
        # lesson: missing altogether
        (
            GOOD.replace(GOOD[GOOD.index("lesson:\n") : GOOD.index("---\n\n# T")], ""),
            [
                f"{FILE}:1 lesson: found nothing, expected a lesson: block in the front matter "
                f"with {REQUIRED}"
            ],
        ),
        # lesson: as one line of text
        (
            GOOD.replace(
                GOOD[GOOD.index("lesson:\n") : GOOD.index("---\n\n# T")], "lesson: 45 minutes\n"
            ),
            [f'{FILE}:4 lesson: found "45 minutes", expected fields ({REQUIRED})'],
        ),
        # a key given twice
        (
            _change("  duration_minutes: 30\n", "  duration_minutes: 30\n  duration_minutes: 30\n"),
            [
                f"{FILE}:7 lesson.duration_minutes: duplicate key 'duration_minutes' (first "
                f"given on "
                "line 6); keep one and delete the other"
            ],
        ),
        # a tab used for indentation
        (
            _change("  safeguarding:\n    - Not", "  safeguarding:\n\t- Not"),
            [f"{FILE}:12 front matter: a tab is used for indentation; YAML needs spaces"],
        ),
        # no front matter
        (
            GOOD[GOOD.index("# T") :],
            [f"{FILE}:1 lesson: found no front matter, expected --- lines with a lesson: block"],
        ),
    ],
)
def test_every_bad_value_gets_one_clear_message(text, expected):
    assert sorted(_errors(text)) == sorted(expected)


def test_an_unclosed_quote_names_its_line():
    errors = _errors(_change("title: Plenary", 'title: "Plenary'))
    assert len(errors) == 1
    assert re.match(rf"{re.escape(FILE)}:\d+ front matter: YAML syntax error: ", errors[0]), errors


def test_every_lesson_on_the_site_is_valid_and_adds_up():
    english = ROOT / "docs/en"
    names = [p.relative_to(english).as_posix() for p in english.rglob("*.md")]
    plans = sorted((english / "schools/lessons").glob("ages-*.md"))
    assert len(plans) == 3, plans
    for path in plans:
        name = path.relative_to(english).as_posix()
        parts = lessons.part_names(name, names)
        assert len(parts) == len(lessons.PARTS), parts
        ids = [
            found.id
            for part in parts
            for found in markdown_source.parse(
                (english / part).read_text(encoding="utf-8"), part
            ).explicit_ids()
        ]
        source = markdown_source.parse(path.read_text(encoding="utf-8"), name)
        assert [str(e) for e in lessons.check_lesson_page(source, ids)] == []


def test_lesson_files_are_recognised_in_every_language():
    assert lessons.is_lesson_file("en/schools/lessons/ages-9-12.md")
    assert lessons.is_lesson_file("docs/ar/schools/lessons/ages-16-18.md")
    assert not lessons.is_lesson_file("en/schools/lessons/index.md")
    assert not lessons.is_lesson_file("en/schools/index.md")


def test_the_schema_describes_every_field():
    """Each field's description is the 'expected' part of its messages."""
    for schema in (lessons.LESSON_SCHEMA, lessons.ACTIVITY_SCHEMA):
        for name, field in schema["properties"].items():
            assert field.get("description"), name


# --- the build refuses an invalid lesson -------------------------------------


@pytest.mark.slow
def test_the_build_stops_on_an_invalid_lesson_with_its_message(tmp_path: Path):
    bad = GOOD.replace(
        "      minutes: 10\n      kind: distancing", "      minutes: ten\n      kind: distancing"
    )
    pages = {"en/index.md": "# Home\n", "en/schools/lessons/ages-13-15.md": bad}
    result = run_mkdocs(make_project(tmp_path, pages), tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert (
        # The content rules (before the build) say it first, tagged with their rule.
        "docs/en/schools/lessons/ages-13-15.md:24 [lesson] lesson.activities[2].minutes: "
        'found "ten", '
        "expected a whole number of minutes"
    ) in output
    assert "Traceback" not in output


# --- the lesson header escapes every value -----------------------------------

HOSTILE = ("<script>alert(1)</script>", '" onmouseover="x', "&amp;")


class _Markup(HTMLParser):
    """Tags, attributes and text of a fragment, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self.ids.extend(value for name, value in attrs if name == "id" and value)

    def handle_data(self, data):
        self.text.append(data)


def _render_header(lesson: dict, locale: str | None) -> str:
    env = Environment(loader=FileSystemLoader(ROOT / "overrides"), extensions=["jinja2.ext.i18n"])
    if locale:
        env.install_gettext_translations(catalogs.translations(locale), newstyle=True)
    else:
        env.install_null_translations(newstyle=True)
    page = SimpleNamespace(meta={"lesson": lesson})
    return env.get_template("partials/lesson-header.html").render(page=page)


def _hostile_lesson() -> dict:
    return {
        "age_band": HOSTILE[0],
        "duration_minutes": 45,
        "objectives": list(HOSTILE),
        "materials": list(HOSTILE),
        "safeguarding": list(HOSTILE),
        "activities": [
            {"id": HOSTILE[1], "title": value, "minutes": 5, "kind": "main"} for value in HOSTILE
        ],
    }


@pytest.mark.parametrize(
    ("locale", "direction"),
    [
        (None, "ltr"),  # English, the source
        ("ar", "rtl"),  # Arabic, right to left
    ],
)
def test_header_shows_hostile_values_as_text(locale, direction):
    html = _render_header(_hostile_lesson(), locale)
    document = f'<html dir="{direction}"><body>{html}</body></html>'
    parsed = _Markup()
    parsed.feed(document)
    text = "".join(parsed.text)
    for value in HOSTILE:
        assert value in text, value  # shown as the reader typed it
    assert "script" not in parsed.tags
    assert not any(name.startswith("on") for name, _ in parsed.attributes)
    assert not any(name == "style" for name, _ in parsed.attributes)
    # the id becomes part of a link target, never a new attribute
    assert ("href", '#" onmouseover="x') in parsed.attributes
    assert len(parsed.ids) == len(set(parsed.ids))


def test_header_is_translated_in_arabic():
    html = _render_header(_hostile_lesson(), "ar")
    assert "الأنشطة" in html  # "Activities"
    assert "Activities" not in html


def test_header_lists_are_valid_definition_lists():
    """A dl holds only dt/dd pairs (or divs of them); no block inside an inline element."""
    html = _render_header(_hostile_lesson(), None)
    for dl in re.findall(r"<dl[^>]*>(.*?)</dl>", html, re.DOTALL):
        children = re.findall(r"<(/?)(\w+)", dl)
        depth, top = 0, []
        for closing, tag in children:
            if not closing and depth == 0:
                top.append(tag)
            if tag in ("dt", "dd", "div", "ul", "ol", "li", "a", "span"):
                depth += -1 if closing else 1
        assert set(top) <= {"dt", "dd", "div"}, top
    assert not re.search(r"<span[^>]*>[^<]*<(p|div|ul|ol)\b", html)


def test_header_marks_english_values_on_a_fallback_page():
    """On an Arabic page that falls back to English, the values say they are English."""
    env = Environment(loader=FileSystemLoader(ROOT / "overrides"), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(catalogs.translations("ar"), newstyle=True)
    html = env.get_template("partials/lesson-header.html").render(
        page=SimpleNamespace(meta={"lesson": _hostile_lesson()}),
        nyf_fallback=True,
        nyf_source_language=SimpleNamespace(hreflang="en", dir="ltr"),
    )
    assert html.count('<ul lang="en" dir="ltr">') == 3
    assert html.count('" lang="en" dir="ltr">') == len(HOSTILE)  # the activity links
    assert "الأنشطة" in html  # the labels stay Arabic


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (  # the parts in reading order, whatever the order found
            [
                "schools/lessons/ages-9-12/worksheet.md",
                "schools/lessons/ages-9-12/support.md",
                "schools/lessons/ages-9-12/activities.md",
            ],
            [
                "schools/lessons/ages-9-12/support.md",
                "schools/lessons/ages-9-12/activities.md",
                "schools/lessons/ages-9-12/worksheet.md",
            ],
        ),
        (  # a part of another name comes after them; deeper pages and other plans are not parts
            [
                "schools/lessons/ages-9-12/extra.md",
                "schools/lessons/ages-9-12/worksheet.md",
                "schools/lessons/ages-9-12/a/b.md",
                "schools/lessons/ages-13-15/support.md",
                "schools/lessons/ages-9-12.md",
            ],
            ["schools/lessons/ages-9-12/worksheet.md", "schools/lessons/ages-9-12/extra.md"],
        ),
        ([], []),  # a plan in one page
    ],
)
def test_part_names(names, expected):
    assert lessons.part_names("schools/lessons/ages-9-12.md", names) == expected


def test_activity_ids_may_be_in_the_parts():
    text = (ROOT / "docs/en/schools/lessons/ages-9-12.md").read_text(encoding="utf-8")
    source = markdown_source.parse(text, "ages-9-12.md")
    alone = lessons.check_lesson_page(source)
    assert any("ground-rules" in e.message for e in alone), alone
    ids = [a["id"] for a in source.meta["lesson"]["activities"]]
    ids += ["send", "second-adult", "worksheet", "support-handout"]
    assert lessons.check_lesson_page(source, ids) == []
