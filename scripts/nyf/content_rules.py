"""Content rules for the Markdown pages in docs/<lang>/: pure functions.

The pages are read by frightened young people, parents and teachers, and then
translated. These checks keep them usable and translatable:

- front matter with a ``title`` and a ``description`` short enough for search
  results and link previews;
- exactly one ``# H1``, and it opens the page;
- no empty section (a heading followed directly by a heading of the same or a
  higher level, or a heading that ends the page);
- every ``#anchor`` that a page links to is an explicit ``{#id}`` in the
  target page (auto-generated slugs change when a heading is translated);
- every H2 of a help-now page has an explicit id (other pages deep-link them);
- no contractions in the English source (they trip up translation tools);
- no victim-blaming phrase and no graphic term from
  ``data/content-rules/<lang>.yml``, matched case-insensitively on word
  boundaries;
- lesson plans carry valid ``lesson:`` front matter and the sections every
  lesson needs;
- a page that talks about danger, self-harm or suicide (``crisis_terms`` in
  ``data/content-rules/<lang>.yml``) offers the crisis route: the
  ``<!-- helplines:crisis -->`` marker, which the build turns into the reader's
  24/7 line and emergency number;
- the crisis pages show the five crisis steps word for word
  (``crisis_steps`` in the rules file), so a child sees the same steps on
  every page.

``words_before_first_section`` measures how much a reader must get through
before the first ``##`` heading; the build reports it for the help-now page.

Each check returns a list of :class:`Finding`; an empty list means the page
passes. ``tests/test_content.py`` runs them over docs/en.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nyf import lessons, markdown_source, theme_markup
from nyf.markdown_source import Heading, MarkdownSource
from nyf.translation_pages import STATUS_PAGE
from nyf.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "data" / "content-rules"

#: Search engines cut meta descriptions at about 155-160 characters.
MAX_DESCRIPTION_CHARS = 160

#: Sections every lesson plan must have, by explicit id (the lesson header and
#: the print stylesheet rely on #worksheet; teachers rely on the rest).
REQUIRED_LESSON_IDS = ("safeguarding", "activities", "discussion", "closing-activity", "worksheet")

#: The marker that the helplines hook replaces with the crisis route (a 24/7
#: line to talk or text for the reader's country, then the emergency number).
CRISIS_MARKER = "<!-- helplines:crisis -->"

#: Pages that may name danger or suicide without offering the crisis route,
#: each with the reason. Keep this list short: every exemption is a page where
#: a frightened reader could land without the way out.
CRISIS_ROUTE_EXEMPT = {
    "about/sources.md": "a list of sources; it describes what each source says",
    "about/sources/list-1.md": "a list of sources; it describes what each source says",
    "about/sources/list-2.md": "a list of sources; it describes what each source says",
    "about/sources/list-3.md": "a list of sources; it describes what each source says",
}

#: A numbered list this long on a crisis page is taken to be the crisis steps.
MIN_STEPS_TO_COMPARE = 3

#: Pages that show the five crisis steps (the ``crisis_steps`` of the rules file).
CRISIS_STEP_PAGES = (
    "index.md",
    "help-now/index.md",
    "young-people/index.md",
    "help-now/helping-a-friend.md",
)

# [text](target) and [text](target "title"); images share the syntax.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_APOSTROPHE = "['\u2019]"
_CONTRACTION = re.compile(
    rf"\b(?:[a-z]+n{_APOSTROPHE}t"  # don't, isn't, can't, won't
    rf"|[a-z]+{_APOSTROPHE}(?:re|ve|ll|d|m)"  # you're, I've, we'll, I'd, I'm
    rf"|(?:it|that|what|there|here|he|she|who|where|when|why|how|let){_APOSTROPHE}s)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """One broken rule in one file, phrased for the writer who fixes it."""

    file: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} [{self.rule}] {self.message}"


@dataclass
class Page:
    """A Markdown page (nyf.markdown_source); ``errors``: its front matter's syntax problem."""

    source: MarkdownSource
    errors: list[Finding] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.source.file

    @property
    def meta(self) -> dict[str, Any]:
        return self.source.meta

    @property
    def body(self) -> str:
        return self.source.body

    @property
    def body_line(self) -> int:
        return self.source.body_line


@dataclass(frozen=True)
class Rules:
    """Phrases that must not appear in one language's pages."""

    language: str
    victim_blaming: tuple[str, ...]
    graphic: tuple[str, ...]
    contractions: bool
    crisis_terms: tuple[str, ...] = ()
    crisis_steps: tuple[str, ...] = ()


# --- parsing -----------------------------------------------------------------


def parse_page(text: str, file: str) -> Page:
    """Split ``text`` into front matter and body (nyf.markdown_source)."""
    source = markdown_source.parse(text, file)
    page = Page(source)
    if source.error is not None:
        error = source.error
        message = (
            f"{error.field}: {error.message}" if error.field != "front matter" else error.message
        )
        page.errors.append(Finding(file, error.line or 1, "front-matter", message))
    return page


def _body_lines(page: Page) -> list[tuple[int, str]]:
    return page.source.lines()


def headings(page: Page) -> list[Heading]:
    """ATX headings of the body (fenced code excluded), with explicit ids."""
    return page.source.headings()


def explicit_ids(page: Page) -> set[str]:
    """Every ``{#id}`` written in the page: on headings or other attr_list blocks."""
    return {found.id for found in page.source.explicit_ids()}


def links(page: Page) -> list[tuple[int, str]]:
    """(line, target) of every Markdown link in the body."""
    found = []
    for number, line in _body_lines(page):
        for match in _LINK.finditer(_INLINE_CODE.sub("", line)):
            found.append((number, match.group(1)))
    return found


def prose(page: Page) -> str:
    """Text a reader sees: body without code and link targets, plus title and description."""
    lines = []
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str):
            lines.append(value)
    for _number, line in _body_lines(page):
        line = _INLINE_CODE.sub(" ", line)
        line = _LINK.sub("]", line)
        lines.append(line)
    return "\n".join(lines)


# --- rules --------------------------------------------------------------------


#: The keys a rules file may have, in the order an error message lists them.
RULE_KEYS = ("victim_blaming", "graphic", "contractions", "crisis_terms", "crisis_steps")


def load_rules(language: str, rules_dir: Path = RULES_DIR) -> Rules:
    """Load ``data/content-rules/<language>.yml``; a malformed file raises DataError."""
    path = rules_dir / f"{language}.yml"
    doc = load_yaml(path, display=f"data/content-rules/{language}.yml")
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "expected keys victim_blaming:, graphic: and contractions:")
    unknown = set(data) - set(RULE_KEYS)
    if unknown:
        key = sorted(unknown)[0]
        raise doc.error((key,), f"unknown key {key!r}; expected one of {', '.join(RULE_KEYS)}")
    lists = {}
    for key in ("victim_blaming", "graphic", "crisis_terms", "crisis_steps"):
        items = data.get(key) or []
        if not isinstance(items, list):
            raise doc.error((key,), "expected a list of phrases (one '- phrase' per line)")
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise doc.error((key, index), f"expected a phrase as text, found {item!r}")
        lists[key] = tuple(item.strip() for item in items)
    contractions = data.get("contractions", False)
    if not isinstance(contractions, bool):
        raise doc.error(("contractions",), f"expected true or false, found {contractions!r}")
    return Rules(
        language,
        lists["victim_blaming"],
        lists["graphic"],
        contractions,
        lists["crisis_terms"],
        lists["crisis_steps"],
    )


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Case-insensitive, whole-word pattern; any run of spaces matches any whitespace."""
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def check_front_matter(page: Page) -> list[Finding]:
    if not page.source.has_front_matter:
        message = "no front matter; start the file with ---, title:, ---"
        return [Finding(page.file, 1, "front-matter", message)]
    findings = list(page.errors)
    if page.errors:
        return findings
    for key in ("title", "description"):
        if key not in page.meta:
            findings.append(
                Finding(page.file, 1, "front-matter", f"{key}: is missing; add {key}: text")
            )
    findings += [
        Finding(page.file, line, "front-matter", message)
        for line, message in theme_markup.plain_text_problems(page.meta, page.source)
    ]
    description = page.meta.get("description")
    # "At most 160", as the PO unit's note says (nyf.page_units) and its check counts.
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION_CHARS:
        findings.append(
            Finding(
                page.file,
                page.source.key_line("description"),
                "front-matter",
                f"description: is {len(description)} characters; "
                f"keep it to {MAX_DESCRIPTION_CHARS} at most so search results show it whole",
            )
        )
    return findings


def check_ids(page: Page) -> list[Finding]:
    """Explicit ids without spaces or odd characters, each once in the page."""
    return [
        Finding(error.file, error.line or page.body_line, "heading-id", error.message)
        for error in markdown_source.id_errors(page.source)
    ]


def check_h1(page: Page) -> list[Finding]:
    found = headings(page)
    h1s = [h for h in found if h.level == 1]
    if len(h1s) != 1:
        lines = ", ".join(str(h.line) for h in h1s) or "none"
        return [
            Finding(
                page.file,
                h1s[1].line if len(h1s) > 1 else page.body_line,
                "h1",
                f"expected exactly one '# Heading', found {len(h1s)} (lines: {lines})",
            )
        ]
    first_text = next(
        ((n, line) for n, line in _body_lines(page) if line.strip()), (page.body_line, "")
    )
    if not found or found[0] is not h1s[0] or first_text[0] != h1s[0].line:
        return [Finding(page.file, first_text[0], "h1", "the page must begin with its '# Heading'")]
    return []


def check_empty_sections(page: Page) -> list[Finding]:
    """A heading directly followed by a heading of the same or higher level is empty."""
    findings = []
    lines = _body_lines(page)
    for index, (number, line) in enumerate(lines):
        match = markdown_source.heading_match(line)
        if not match:
            continue
        level = match[0]
        following = next((text for _n, text in lines[index + 1 :] if text.strip()), None)
        next_heading = markdown_source.heading_match(following) if following is not None else None
        if following is None:
            findings.append(
                Finding(page.file, number, "empty-section", "the page ends with an empty heading")
            )
        elif next_heading and next_heading[0] <= level:
            findings.append(
                Finding(
                    page.file,
                    number,
                    "empty-section",
                    f"{line.strip()!r} has no content before the next heading; "
                    "write something or remove it",
                )
            )
    return findings


def check_h2_ids(page: Page) -> list[Finding]:
    """Every H2 must carry an explicit {#id} (used for the help-now pages)."""
    return [
        Finding(
            page.file,
            h.line,
            "heading-id",
            f"'## {h.text}' needs an explicit id, for example {{#{_suggest_id(h.text)}}}",
        )
        for h in headings(page)
        if h.level == 2 and not h.id
    ]


def _suggest_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def check_contractions(page: Page) -> list[Finding]:
    text = prose(page)
    findings = []
    for match in _CONTRACTION.finditer(text):
        findings.append(
            Finding(
                page.file,
                _prose_line(page, match.group(0)),
                "contraction",
                f"{match.group(0)!r} is a contraction; write it in full (for example 'do not')",
            )
        )
    return findings


def check_banned_phrases(page: Page, rules: Rules) -> list[Finding]:
    text = prose(page)
    findings = []
    for kind, phrases in (("victim-blaming", rules.victim_blaming), ("graphic", rules.graphic)):
        for phrase in phrases:
            for match in phrase_pattern(phrase).finditer(text):
                findings.append(
                    Finding(
                        page.file,
                        _prose_line(page, match.group(0)),
                        kind,
                        f"{match.group(0)!r} is on the {kind} list in "
                        f"data/content-rules/{rules.language}.yml; rephrase",
                    )
                )
    return findings


def _prose_line(page: Page, fragment: str) -> int:
    """Best-effort line of ``fragment`` in the file (front matter counts as line 1)."""
    pattern = re.compile(re.escape(fragment), re.IGNORECASE)
    for number, line in _body_lines(page):
        if pattern.search(line):
            return number
    return 1


def check_lesson(page: Page, part_ids: frozenset[str] = frozenset()) -> list[Finding]:
    """The lesson: front matter (nyf.lessons) and the sections every lesson needs.

    ``part_ids``: the ids of the plan's part pages (:func:`lesson_part_ids`).
    """
    if page.errors:
        return []  # the front matter's own problem is reported by check_front_matter
    findings = [
        Finding(error.file, error.line or 1, "lesson", f"{error.field}: {error.message}")
        for error in lessons.check_lesson_page(page.source, part_ids)
    ]
    ids = {h.id for h in headings(page) if h.id} | part_ids
    for required in REQUIRED_LESSON_IDS:
        if required not in ids:
            findings.append(
                Finding(
                    page.file,
                    page.body_line,
                    "lesson",
                    f"a lesson needs a section with the id {{#{required}}}, "
                    "in the plan or one of its parts",
                )
            )
    return findings


def resolve_link(source: str, target: str) -> tuple[str | None, str | None]:
    """(page path relative to the docs language root, anchor) for an internal link.

    Returns (None, None) for external links (``https:``, ``mailto:``, ``tel:``).
    ``source`` is the linking page, relative to the same root, with / separators.
    """
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("//"):
        return None, None
    path, _, anchor = target.partition("#")
    if not path:
        resolved = source
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    return resolved, anchor or None


def check_links(pages: dict[str, Page], generated: frozenset[str] = frozenset()) -> list[Finding]:
    """Every internal link points at an existing page, and every #anchor at an explicit id.

    ``generated`` names pages made at build time (such as the translation status
    page): links to them are fine, anchors into them are not checked.
    """
    ids = {name: explicit_ids(page) for name, page in pages.items()}
    findings = []
    for name, page in pages.items():
        for line, target in links(page):
            resolved, anchor = resolve_link(name, target)
            if resolved is None or (resolved in generated and not anchor):
                continue
            if resolved not in pages:
                findings.append(
                    Finding(page.file, line, "link", f"{target!r}: no page {resolved!r} in docs")
                )
                continue
            if anchor and anchor not in ids[resolved]:
                findings.append(
                    Finding(
                        page.file,
                        line,
                        "anchor",
                        f"{target!r}: {resolved} has no explicit {{#{anchor}}}; "
                        "add it to the heading (auto-generated ids change with translation)",
                    )
                )
    return findings


def is_lesson_page(name: str) -> bool:
    return bool(re.fullmatch(r"schools/lessons/ages-[^/]+\.md", name))


# --- the crisis route and the five steps ---------------------------------------------

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ORDERED_ITEM = re.compile(r"^\s{0,3}\d+[.)]\s+(.*)$")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def check_crisis_route(name: str, page: Page, rules: Rules) -> list[Finding]:
    """A page that names danger, self-harm or suicide must carry the crisis marker."""
    if name in CRISIS_ROUTE_EXEMPT or not rules.crisis_terms:
        return []
    if any(line.strip() == CRISIS_MARKER for _n, line in _body_lines(page)):
        return []
    text = prose(page)
    for term in rules.crisis_terms:
        match = phrase_pattern(term).search(text)
        if match:
            return [
                Finding(
                    page.file,
                    _prose_line(page, match.group(0)),
                    "crisis-route",
                    f"the page mentions {match.group(0)!r} but does not offer the crisis "
                    f"route; add {CRISIS_MARKER} on a line of its own, with a blank line "
                    "before and after, where the page talks about it",
                )
            ]
    return []


def normalise_step(text: str) -> str:
    """A list item as a reader sees it: no bold, links reduced to their text."""
    text = _MARKDOWN_LINK.sub(r"\1", text).replace("**", "").replace("__", "")
    return " ".join(text.split())


def ordered_lists(page: Page) -> list[tuple[int, list[str]]]:
    """(first line, items) of every top-level numbered list in the body."""
    found: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in _body_lines(page):
        match = _ORDERED_ITEM.match(line)
        if match:
            if not current:
                start = number
            current.append(normalise_step(match.group(1)))
        elif line.strip() and current and line.startswith((" ", "\t")):
            current[-1] = normalise_step(current[-1] + " " + line)  # a wrapped item
        elif current:
            found.append((start, current))
            current = []
    if current:
        found.append((start, current))
    return found


def check_crisis_steps(name: str, page: Page, rules: Rules) -> list[Finding]:
    """A crisis page shows the five steps exactly as the rules file has them."""
    if name not in CRISIS_STEP_PAGES or not rules.crisis_steps:
        return []
    expected = [normalise_step(step) for step in rules.crisis_steps]
    lists = ordered_lists(page)
    if any(items == expected for _line, items in lists):
        return []
    # The list that shares the most steps is the one the writer meant.
    candidates = [item for item in lists if len(item[1]) >= MIN_STEPS_TO_COMPARE]
    near = max(candidates, key=lambda item: sum(step in expected for step in item[1]), default=None)
    if near is None:
        return [
            Finding(
                page.file,
                page.body_line,
                "crisis-steps",
                f"the page does not show the {len(expected)} crisis steps; copy them from "
                f"crisis_steps: in data/content-rules/{rules.language}.yml",
            )
        ]
    line, items = near
    diffs = [
        f"step {i + 1}: {got!r} (expected {want!r})"
        for i, (got, want) in enumerate(zip(items, expected, strict=False))
        if got != want
    ]
    if len(items) != len(expected):
        diffs.append(f"{len(items)} steps (expected {len(expected)})")
    return [
        Finding(
            page.file,
            line,
            "crisis-steps",
            "the crisis steps differ from crisis_steps: in "
            f"data/content-rules/{rules.language}.yml: " + "; ".join(diffs),
        )
    ]


def words_before_first_section(page: Page) -> int:
    """Words a reader meets between the page title and the first ``##`` heading.

    Markers and citation links are not read, so they do not count; link text does.
    """
    words = 0
    body = _HTML_COMMENT.sub("", page.body)
    for line in body.split("\n"):
        heading = markdown_source.heading_match(line)
        if heading and heading[0] >= 2:
            break
        if heading:
            continue
        line = re.sub(r"\[\[\d+\]\]\([^)]*\)", "", line)
        line = _MARKDOWN_LINK.sub(r"\1", line)
        words += len(re.findall(r"\w+(?:['\u2019-]\w+)*", line))
    return words


def lesson_part_ids(name: str, pages: Mapping[str, Page]) -> frozenset[str]:
    """The explicit ids of the part pages of the lesson plan ``name``."""
    return frozenset(
        i for part in lessons.part_names(name, pages) for i in explicit_ids(pages[part])
    )


def check_page(
    name: str, page: Page, rules: Rules, part_ids: frozenset[str] = frozenset()
) -> list[Finding]:
    """All single-page rules for the page at ``name`` (relative to docs/<lang>/).

    ``part_ids``: for a lesson plan, the ids of its parts (:func:`lesson_part_ids`).
    """
    findings = check_front_matter(page)
    findings += check_h1(page)
    findings += check_ids(page)
    findings += check_empty_sections(page)
    if name.startswith("help-now/"):
        findings += check_h2_ids(page)
    if rules.contractions:
        findings += check_contractions(page)
    findings += check_banned_phrases(page, rules)
    if is_lesson_page(name):
        findings += check_lesson(page, part_ids)
    findings += check_crisis_route(name, page, rules)
    findings += check_crisis_steps(name, page, rules)
    return findings


def check_source(
    name: str, page: Page, rules: Rules, part_ids: frozenset[str] = frozenset()
) -> list[Finding]:
    """The rules without which a page cannot be built as meant, whatever its prose.

    Readable front matter with plain-text titles, well-formed ids, a valid
    lesson plan, the crisis route: what the build of a fixture site checks too.
    """
    findings = list(page.errors)
    findings += [
        Finding(page.file, line, "front-matter", message)
        for line, message in theme_markup.plain_text_problems(page.meta, page.source)
    ]
    findings += check_ids(page)
    if lessons.needs_check(name, page.source):
        findings += check_lesson(page, part_ids)
    findings += check_crisis_route(name, page, rules)
    return findings


#: What the build checks: every rule (the real site), or the source rules only
#: (fixture sites of other tests, whose pages are a bare "# Title").
BUILD_LEVELS = ("all", "source")


def check_docs(
    docs: Path, rules_dir: Path, default: str, display_root: Path, level: str = "all"
) -> list[Finding]:
    """Findings for every page of every language folder under ``docs`` that has rules.

    With ``level="all"`` the links and anchors of the default language are checked
    too (translations keep the English links: nyf.translation_check).
    A page that is not UTF-8 or a malformed rules file raises DataError.
    """
    check = check_page if level == "all" else check_source
    findings: list[Finding] = []
    for lang_dir in sorted(p for p in docs.iterdir() if p.is_dir()):
        if not (rules_dir / f"{lang_dir.name}.yml").is_file():
            continue  # not a language folder (assets, for example)
        rules = load_rules(lang_dir.name, rules_dir)
        pages = load_pages(lang_dir, display_root)
        for name, page in pages.items():
            findings += check(name, page, rules, lesson_part_ids(name, pages))
        if level == "all" and lang_dir.name == default:
            findings += check_links(pages, generated=frozenset({STATUS_PAGE}))
    return findings


def load_pages(docs_lang_dir: Path, display_root: Path = ROOT) -> dict[str, Page]:
    """Every Markdown page under ``docs/<lang>/``, keyed by its path relative to it.

    A page that is not UTF-8 raises DataError (there is no text to check).
    """
    return {
        name: parse_page(markdown_source.read(path, display), display)
        for name, path, display in markdown_source.iter_pages(docs_lang_dir, display_root)
    }
