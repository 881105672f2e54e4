"""Content checks for the English source pages in docs/en/.

The real pages are checked one by one (so a failure names the page), then
small bad inputs prove that each rule can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import readability
from nyf import content_rules as cr
from nyf.languages import load_registry
from nyf.translation_pages import STATUS_PAGE
from nyf.yamlfile import DataError

ROOT = Path(__file__).resolve().parents[1]
DOCS_EN = ROOT / "docs" / "en"

#: Pages owned by other parts of the project (generated or written elsewhere)
#: are still link targets, but their prose is checked by their own tests.
NOT_CONTENT_PAGES = {"helplines/index.md"}

#: The outline in PRODUCT.md: every page must exist.
OUTLINE = [
    "index.md",
    "help-now/index.md",
    "help-now/evidence.md",
    "help-now/report.md",
    "help-now/remove-images.md",
    "help-now/helping-a-friend.md",
    "understand/index.md",
    "understand/sextortion.md",
    "understand/grooming.md",
    "understand/five-phases.md",
    "understand/financial-sextortion.md",
    "understand/scam-emails.md",
    "understand/myths.md",
    "young-people/index.md",
    "young-people/younger.md",
    "parents/index.md",
    "schools/index.md",
    "schools/lessons/index.md",
    "schools/lessons/ages-9-12.md",
    "schools/lessons/ages-13-15.md",
    "schools/lessons/ages-16-18.md",
    "safety-rules.md",
    "staying-safe-on-this-site.md",
    "about/index.md",
    "about/sources.md",
    "about/accessibility.md",
    "about/privacy.md",
    "about/translate.md",
    "about/glossary.md",
]

PAGES = cr.load_pages(DOCS_EN)
RULES = cr.load_rules("en")


def _fail_on(findings: list[cr.Finding]) -> None:
    assert not findings, "\n" + "\n".join(str(f) for f in findings)


@pytest.mark.parametrize("name", OUTLINE)
def test_outline_page_exists(name):
    assert name in PAGES, f"docs/en/{name} is in the outline but does not exist"


@pytest.mark.parametrize("name", [n for n in PAGES if n not in NOT_CONTENT_PAGES])
def test_page_follows_content_rules(name):
    _fail_on(cr.check_page(name, PAGES[name], RULES, cr.lesson_part_ids(name, PAGES)))


def test_every_internal_link_and_anchor_exists():
    _fail_on(cr.check_links(PAGES, generated=frozenset({STATUS_PAGE})))


#: The numbered list of sources, split over pages (about/sources/list-1.md...).
SOURCE_LISTS = sorted(
    (n for n in PAGES if n.startswith("about/sources/list-")),
    key=lambda n: int(n.rsplit("-", 1)[1].removesuffix(".md")),
)


def _source_ids(name: str) -> list[str]:
    return [i for i in (f.id for f in PAGES[name].source.explicit_ids()) if i.startswith("source-")]


def test_sources_pages_number_every_source_in_order():
    ids = [i for name in SOURCE_LISTS for i in _source_ids(name)]
    assert len(SOURCE_LISTS) >= 2, SOURCE_LISTS
    assert ids == [f"source-{n}" for n in range(1, len(ids) + 1)], ids


@pytest.mark.parametrize("name", SOURCE_LISTS)
def test_sources_page_title_names_its_range(name):
    numbers = [int(i.split("-")[1]) for i in _source_ids(name)]
    title = PAGES[name].meta["title"]
    assert title == f"Sources {numbers[0]} to {numbers[-1]}", (name, title)


def test_every_source_is_cited_somewhere():
    cited = set()
    for name, page in PAGES.items():
        if name == "about/sources.md" or name in SOURCE_LISTS:
            continue
        for _line, target in cr.links(page):
            resolved, anchor = cr.resolve_link(name, target)
            if resolved in SOURCE_LISTS and anchor:
                cited.add(anchor)
    listed = {i for name in SOURCE_LISTS for i in _source_ids(name)}
    assert listed - cited == set(), f"sources never cited by a page: {sorted(listed - cited)}"


def test_no_page_links_a_source_on_the_sources_index():
    """Citations go straight to the list page; the index keeps old anchors only."""
    stale = []
    for name, page in PAGES.items():
        for line, target in cr.links(page):
            resolved, anchor = cr.resolve_link(name, target)
            if resolved == "about/sources.md" and (anchor or "").startswith("source-"):
                stale.append(f"{name}:{line}: {target}")
    assert not stale, stale


# --- the rules can fail ----------------------------------------------------------

GOOD_FRONT = "---\ntitle: T\ndescription: D\n---\n\n"


def _page(text: str, file: str = "x.md") -> cr.Page:
    return cr.parse_page(text, file)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # no front matter at all
        ("# Title\n\nText.\n", "front-matter"),
        # description missing
        ("---\ntitle: T\n---\n\n# Title\n\nText.\n", "front-matter"),
        # title empty
        ("---\ntitle: ''\ndescription: D\n---\n\n# Title\n\nText.\n", "front-matter"),
        # description too long for search results
        ("---\ntitle: T\ndescription: " + "x" * 170 + "\n---\n\n# T\n\nText.\n", "front-matter"),
        ("---\ntitle: T\ndescription: " + "x" * 161 + "\n---\n\n# T\n\nText.\n", "front-matter"),
        # broken YAML in front matter
        ("---\ntitle: [T\ndescription: D\n---\n\n# T\n\nText.\n", "front-matter"),
        # two H1s
        (GOOD_FRONT + "# One\n\nText.\n\n# Two\n\nText.\n", "h1"),
        # no H1
        (GOOD_FRONT + "## Only an H2\n\nText.\n", "h1"),
        # text before the H1
        (GOOD_FRONT + "Intro.\n\n# Title\n\nText.\n", "h1"),
        # empty section: H2 directly followed by H2
        (GOOD_FRONT + "# T\n\n## A {#a}\n\n## B {#b}\n\nText.\n", "empty-section"),
        # empty section: H3 directly followed by H2
        (GOOD_FRONT + "# T\n\n## A\n\nText.\n\n### A1\n\n## B\n\nText.\n", "empty-section"),
        # empty section: the page ends with a heading
        (GOOD_FRONT + "# T\n\nText.\n\n## End\n", "empty-section"),
        # contractions, straight and curly apostrophes
        (GOOD_FRONT + "# T\n\nDon't pay.\n", "contraction"),
        (GOOD_FRONT + "# T\n\nIt\u2019s not your fault.\n", "contraction"),
        (GOOD_FRONT + "# T\n\nYou're safe.\n", "contraction"),
        # a contraction in the description counts too
        ("---\ntitle: T\ndescription: We'll help\n---\n\n# T\n\nText.\n", "contraction"),
        # victim blaming, any case, across a line break
        (GOOD_FRONT + "# T\n\nYou should never\nhave sent it.\n", "victim-blaming"),
        (GOOD_FRONT + "# T\n\nIt was YOUR OWN FAULT.\n", "victim-blaming"),
        # graphic term
        (GOOD_FRONT + "# T\n\nThey asked for naked photos.\n", "graphic"),
    ],
)
def test_each_page_rule_fires(text, rule):
    findings = cr.check_page("x.md", _page(text), RULES)
    assert rule in {f.rule for f in findings}, findings


@pytest.mark.parametrize(
    "text",
    [
        # possessives are not contractions
        GOOD_FRONT + "# T\n\nThe helpline's number and Europol's advice.\n",
        # a description of 160 characters is "at most 160", as the PO note says
        "---\ntitle: T\ndescription: " + "x" * 160 + "\n---\n\n# T\n\nText.\n",
        # word boundaries: 'pornographic' is banned, 'anusual' would not be a word
        # we use, but 'canus' must not match 'anus'
        GOOD_FRONT + "# T\n\nThe canus example and a panorama.\n",
        # a heading followed by a deeper heading is not empty
        GOOD_FRONT + "# T\n\n## A {#a}\n\n### A1 {#a1}\n\nText.\n",
        # code is not prose
        GOOD_FRONT + "# T\n\nType `don't` in the box.\n",
    ],
)
def test_rules_do_not_fire_on_good_text(text):
    _fail_on(cr.check_page("x.md", _page(text), RULES))


def test_help_now_h2_needs_an_explicit_id():
    page = _page(GOOD_FRONT + "# T\n\n## Stop replying\n\nText.\n")
    findings = cr.check_page("help-now/evidence.md", page, RULES)
    assert [f.rule for f in findings] == ["heading-id"]
    assert "{#stop-replying}" in findings[0].message


@pytest.mark.parametrize(
    ("target", "rule"),
    [
        # an anchor that is only an auto-generated slug is refused
        ("b.md#some-heading", "anchor"),
        # an id that does not exist anywhere
        ("b.md#missing", "anchor"),
        # a same-page anchor that does not exist
        ("#nowhere", "anchor"),
        # a page that does not exist
        ("c.md", "link"),
        ("../outside.md#x", "link"),
    ],
)
def test_link_rule_fires(target, rule):
    pages = {
        "a.md": _page(GOOD_FRONT + f"# A {{#top}}\n\nSee [this]({target}).\n", "a.md"),
        "b.md": _page(GOOD_FRONT + "# B\n\n## Some heading\n\nText {#para}\n", "b.md"),
    }
    assert [f.rule for f in cr.check_links(pages)] == [rule]


def test_link_rule_accepts_explicit_ids_and_external_links():
    pages = {
        "a.md": _page(
            GOOD_FRONT + "# A {#top}\n\n[1](b.md#sec) [2](#top) [3](https://x.org/#y) "
            "[4](tel:116111) [5](sub/c.md#c)\n",
            "a.md",
        ),
        "b.md": _page(GOOD_FRONT + "# B\n\n## Sec {#sec}\n\nText.\n", "b.md"),
        "sub/c.md": _page(GOOD_FRONT + "# C\n\nBack [up](../b.md#sec) {#c}\n", "sub/c.md"),
    }
    _fail_on(cr.check_links(pages))


# The lesson: front matter and its messages: tests/test_lessons.py.


def test_lesson_page_needs_worksheet_section():
    text = (
        "---\ntitle: T\ndescription: D\nlesson:\n  age_band: '9-12'\n  duration_minutes: 45\n"
        "  objectives: [a b c]\n  materials: [a b c]\n  safeguarding: [a b c]\n---\n\n"
        "# T\n\n## Safeguarding {#safeguarding}\n\nText.\n"
    )
    findings = cr.check_page("schools/lessons/ages-9-12.md", _page(text), RULES)
    assert "a lesson needs a section with the id {#worksheet}, in the plan or one of its parts" in {
        f.message for f in findings
    }


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        # a phrase list given as one string
        ("victim_blaming: your fault\n", "expected a list of phrases"),
        # an unknown key (typo)
        ("victim_blamming: [x]\n", "unknown key 'victim_blamming'"),
        # an empty phrase
        ("graphic: ['']\n", "expected a phrase as text"),
        # contractions not a boolean
        ("contractions: maybe\n", "expected true or false"),
    ],
)
def test_rules_file_errors(tmp_path, yaml_text, expected):
    (tmp_path / "xx.yml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DataError, match=expected):
        cr.load_rules("xx", tmp_path)


# --- readability ---------------------------------------------------------------

#: Pages a frightened young person may land on: written for a 12-year-old.
PLAIN_PAGES = [
    "index.md",
    *sorted(name for name in PAGES if name.startswith(("help-now/", "young-people/"))),
]
#: Flesch-Kincaid grade 6 is about age 11-12; reading ease 70+ is "fairly easy".
MAX_GRADE = 6.0
MIN_READING_EASE = 70.0


@pytest.mark.parametrize("name", PLAIN_PAGES)
def test_pages_for_young_readers_are_plain(name):
    score = readability.score_text((DOCS_EN / name).read_text(encoding="utf-8"))
    assert score.grade <= MAX_GRADE, f"{name}: Flesch-Kincaid grade {score.grade:.1f}"
    assert score.reading_ease >= MIN_READING_EASE, f"{name}: reading ease {score.reading_ease:.1f}"


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("stop", 1), ("make", 1), ("stopped", 1), ("wanted", 2), ("helpline", 2), ("evidence", 3)],
)
def test_syllable_counter(word, syllables):
    assert readability.count_syllables(word) == syllables


def test_readability_separates_hard_from_plain_text():
    plain = "# Help\n\nStop replying. Do not pay. Tell someone you trust.\n"
    hard = (
        "# Help\n\nNotwithstanding considerable institutional deliberation, "
        "comprehensive multidisciplinary interventions necessitate "
        "unprecedented organisational collaboration.\n"
    )
    assert readability.score_text(plain).grade <= MAX_GRADE
    assert readability.score_text(hard).grade > MAX_GRADE
    assert readability.score_text(hard).reading_ease < MIN_READING_EASE


def _translated_pages() -> list[tuple[str, str]]:
    found = []
    for lang_dir in sorted((ROOT / "docs").iterdir()):
        if lang_dir.is_dir() and lang_dir.name != "en":
            found += [(lang_dir.name, name) for name in cr.load_pages(lang_dir)]
    return found


@pytest.mark.parametrize(("language", "name"), _translated_pages())
def test_translated_page_follows_its_languages_rules(language, name):
    # Every translated language must have its own list of blaming and graphic phrases.
    rules = cr.load_rules(language)
    pages = cr.load_pages(ROOT / "docs" / language)
    _fail_on(cr.check_page(name, pages[name], rules, cr.lesson_part_ids(name, pages)))


# --- the crisis route, the five steps and the first screen ------------------------

#: The help-now page must fit its opening, the five steps and the helpline box
#: on the first 390x844 phone screen; about 100 words is what fits.
MAX_WORDS_BEFORE_FIRST_SECTION = 100

STEPS_MD = "".join(
    f"{n}. **{step.split('. ', 1)[0]}.** {step.split('. ', 1)[1]}\n"
    for n, step in enumerate(RULES.crisis_steps, 1)
)


def test_help_now_opening_fits_the_first_screen():
    words = cr.words_before_first_section(PAGES["help-now/index.md"])
    assert words <= MAX_WORDS_BEFORE_FIRST_SECTION, (
        f"help-now/index.md has {words} words before its first ## heading; "
        f"keep it to {MAX_WORDS_BEFORE_FIRST_SECTION} so the steps and the helpline box "
        "fit the first phone screen"
    )


def test_english_rules_have_five_crisis_steps():
    assert len(RULES.crisis_steps) == 5, RULES.crisis_steps


@pytest.mark.parametrize("name", cr.CRISIS_STEP_PAGES)
def test_crisis_pages_show_the_same_five_steps(name):
    _fail_on(cr.check_crisis_steps(name, PAGES[name], RULES))


@pytest.mark.parametrize("language", [lang.code for lang in load_registry().published()])
def test_every_published_language_lists_its_crisis_words(language):
    # Without them, the crisis-route check could not fail in that language.
    assert cr.load_rules(language).crisis_terms, f"data/content-rules/{language}.yml"


@pytest.mark.parametrize(
    ("name", "text", "rules"),
    [
        # suicide named, no crisis route
        ("x.md", "If you think about suicide, talk to someone.\n", ["crisis-route"]),
        # danger named, across a line break and in another case
        ("x.md", "If you are IN\nDANGER, call.\n", ["crisis-route"]),
        # the marker inside a sentence does not count: it must be a block of its own
        ("x.md", "In danger? <!-- helplines:crisis --> Call.\n", ["crisis-route"]),
        # the marker on its own line satisfies the rule
        ("x.md", "If you are in danger, call.\n\n<!-- helplines:crisis -->\n", []),
        # a page on the exemption list
        ("about/sources.md", "The link to suicide.\n", []),
        # 'dangerous' is not 'in danger'
        ("x.md", "This phase is dangerous.\n", []),
    ],
)
def test_crisis_route_rule(name, text, rules):
    page = _page(GOOD_FRONT + "# T\n\n" + text)
    assert [f.rule for f in cr.check_crisis_route(name, page, RULES)] == rules


def test_crisis_route_rule_in_another_language():
    rules = cr.load_rules("de")
    page = _page(GOOD_FRONT + "# T\n\nWenn du in Gefahr bist, ruf an.\n")
    assert [f.rule for f in cr.check_crisis_route("x.md", page, rules)] == ["crisis-route"]


@pytest.mark.parametrize(
    ("steps", "fires"),
    [
        # the canonical steps, with bold
        (STEPS_MD, False),
        # the same steps with a link inside an item: links are read as their text
        (STEPS_MD.replace("Stop replying.", "[Stop replying](help.md)."), False),
        # one word changed
        (STEPS_MD.replace("Do not argue", "Never argue"), True),
        # two steps swapped
        ("\n".join([STEPS_MD.splitlines()[i] for i in (0, 2, 1, 3, 4)]) + "\n", True),
        # a step missing
        ("\n".join(STEPS_MD.splitlines()[:4]) + "\n", True),
        # no list at all
        ("Stop replying and tell someone.\n", True),
    ],
)
def test_crisis_steps_rule(steps, fires):
    page = _page(GOOD_FRONT + "# T\n\n" + steps)
    findings = cr.check_crisis_steps("index.md", page, RULES)
    assert bool(findings) is fires, findings
    assert all(f.rule == "crisis-steps" for f in findings)


def test_crisis_steps_rule_names_the_step_that_differs():
    page = _page(GOOD_FRONT + "# T\n\n" + STEPS_MD.replace("Do not argue", "Never argue"))
    (finding,) = cr.check_crisis_steps("help-now/index.md", page, RULES)
    assert "step 1:" in finding.message and "Never argue" in finding.message


def test_words_before_first_section_skips_markers_and_citations():
    page = _page(
        GOOD_FRONT + "# Title words\n\nOne two three. [[3]](s.md#source-3)\n\n"
        "<!-- helplines:first-screen -->\n\n[four five](x.md)\n\n## Next {#n}\n\nLater.\n"
    )
    assert cr.words_before_first_section(page) == 5


def test_crisis_terms_must_be_a_list(tmp_path):
    (tmp_path / "xx.yml").write_text("crisis_terms: suicide\n", encoding="utf-8")
    with pytest.raises(DataError, match="expected a list of phrases"):
        cr.load_rules("xx", tmp_path)


def test_lesson_sections_may_be_in_its_parts():
    plan = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n## Safeguarding {#safeguarding}\n\nText.\n"
    part = "---\ntitle: P\ndescription: D\n---\n\n# P\n\n## Worksheet {#worksheet}\n\nText.\n"
    pages = {
        "schools/lessons/ages-9-12.md": _page(plan),
        "schools/lessons/ages-9-12/worksheet.md": _page(part),
        "schools/lessons/ages-13-15/worksheet.md": _page(part.replace("worksheet}", "w2}")),
    }
    ids = cr.lesson_part_ids("schools/lessons/ages-9-12.md", pages)
    assert ids == {"worksheet"}
    messages = {f.message for f in cr.check_lesson(pages["schools/lessons/ages-9-12.md"], ids)}
    assert not any("{#worksheet}" in m for m in messages), messages
    assert any("{#activities}" in m for m in messages), messages
