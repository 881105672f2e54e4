"""Page translations as PO units: round trip, checks, thresholds, import, status."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import markdown
import page_po as page_po_tool
import pytest
import yaml
from babel.messages.catalog import Catalog
from nyf import page_build, page_po, page_units
from nyf.languages import load_registry
from nyf.page_po_checks import check_unit
from nyf.yamlfile import DataError
from sitebuild import ROOT, make_project, run_mkdocs

ENGLISH_PAGES = sorted(
    str(p.relative_to(ROOT / "docs/en")) for p in (ROOT / "docs/en").rglob("*.md")
)
HOME = "---\ntitle: Home\ndescription: Home page.\n---\n\n# Home\n"
_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)


def _extensions() -> tuple[list[str], dict]:
    names, configs = [], {}
    for item in _CONFIG["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options
        else:
            names.append(item)
    return names, configs


def html_of(text: str) -> tuple[dict, str]:
    source = text.split("\n---\n", 1)
    meta = yaml.safe_load(source[0].removeprefix("---\n"))
    names, configs = _extensions()
    html = markdown.markdown(source[1], extensions=names, extension_configs=configs)
    return meta, re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html))


@pytest.mark.parametrize("page", ENGLISH_PAGES)
def test_round_trip_gives_back_the_english_page(page: str):
    """extract -> msgstr = msgid -> generate: the same HTML and the same front matter."""
    text = (ROOT / "docs/en" / page).read_text(encoding="utf-8")
    units = {u.msgid for u in page_units.page_units(text, page)}
    rendered = page_units.render_page(
        text, page, lambda msgid: msgid if msgid in units else None, {}
    )
    assert html_of(rendered) == html_of(text)


def test_round_trip_translates_every_kind_of_block():
    """Each Markdown feature of the site carries the translation, and keeps its structure."""
    text = (
        "---\ntitle: T\ndescription: D.\nlesson:\n  objectives:\n    - Learn.\n"
        "  activities:\n    - id: a\n      title: Act\n      minutes: 5\n---\n\n"
        "# Head {#head}\n\nPara with [a link](x.md#y).\n\n- Item\n\n"
        '??? note "Box title"\n\n    Box body.\n\n    - Box item\n\n'
        "| A | B |\n|---|---:|\n| Cell | 2 |\n\nTerm\n:   Definition.\n\n"
        "<!-- helplines:crisis -->\n\nAfter {: #after }\n\n"
        '<div class="nyf-box" markdown>\n\nIn a **box**.\n\n</div>\n'
    )
    units = page_units.page_units(text, "x.md")
    assert [u.msgid for u in units] == [
        "T", "D.", "Learn.", "Act", "Head", "Para with [a link](x.md#y).", "Item",
        "Box title", "Box body.", "Box item", "A", "B", "Cell", "2", "Term", "Definition.",
        "After {: #after }", "In a **box**.",
    ]  # fmt: skip
    out = page_units.render_page(text, "x.md", lambda s: f"«{s}»", {"translation": {"po": "p"}})
    meta, html = html_of(out)
    assert meta["title"] == "«T»" and meta["lesson"]["activities"][0]["minutes"] == 5
    assert meta["lesson"]["objectives"] == ["«Learn.»"] and meta["translation"] == {"po": "p"}
    for fragment in ('<h1 id="head">«Head»</h1>', '<a href="x.md#y">a link</a>',
                     '<summary>«Box title»</summary>', "<li>«Box item»</li>",
                     '«2»</td>', "<dt>«Term»</dt>", "<!-- helplines:crisis -->",
                     '<div class="nyf-box"><p>«In a <strong>box</strong>.»</p>'):  # fmt: skip
        assert fragment in html, fragment


def test_missing_units_are_english_and_marked():
    text = "---\ntitle: T\n---\n\n# Head {#h}\n\nOne.\n\nTwo.\n"
    out = page_units.render_page(
        text, "x.md", {"One.": "Jedna."}.get, {}, lambda s: f'<span lang="en">{s}</span>'
    )
    assert "Jedna." in out and '<span lang="en">Two.</span>' in out
    assert '# <span lang="en">Head</span> {#h}' in out
    assert "title: T\n" in out  # plain text in the head, never markup


@pytest.mark.parametrize(
    ("msgid", "msgstr", "kind", "expected"),
    [
        ("Call [us](a.md).", "Volej <script>x()</script>[nám](a.md).", "body", "adds markup"),
        ("Text.", '<img src=x onerror="steal()">Text.', "body", "adds markup <imgsrc=xonerror="),
        ("See [x](a.md).", "Viz [x](https://evil.example).", "body", "adds links to https://evil"),
        ("See [x](a.md).", "Viz x.", "body", "drops links to a.md"),
        ("See [x](a.md).", "Viz [x](a.md) www.evil.example.", "body", "adds links to www.evil"),
        ("Call 116 111.", "Volej 116 112.", "body", "adds phone numbers 116112"),
        ("Call 0800 1111.", "Volej.", "body", "drops phone numbers 08001111"),
        ("Text {: #id }", "Text", "body", "drops ids/attributes {: #id }"),
        ("Text {1}.", "Text.", "body", "drops placeholders {1}"),
        ("One line.", "Jeden\nřádek.", "body", "has a line break"),
        ("A cell", "A | B", "body", "split a table cell"),
        ("Plain.", "# Nadpis", "body", "starts like a Markdown heading"),
        ("Plain.", "- položka", "body", "starts like a Markdown heading, list"),
        ("Help now", "**Pomoc**", "title", "this is plain text"),
        ("Help now", "[Pomoc](x.md)", "description", "this is plain text"),
        ("Why?", 'Proč "tohle"?', "container-title", "straight double quote"),
    ],
)
def test_unsafe_or_lossy_unit_is_refused(msgid, msgstr, kind, expected):
    problems = check_unit(msgid, msgstr, kind)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("See [x](a.md) and [y](b.md).", "Viz [y](b.md) a [x](a.md)."),  # reordered links
        ("Call 116 111.", "اتصل بالرقم <bdi>116 111</bdi>."),  # isolated number in RTL
        ("**Stop.** Now.", "**Přestaň.** Hned."),
        ("Text.", ""),  # untranslated
        ("Open `https://x.example/a/`.", "Öffne `https://x.example/a/`, dann."),  # code span
    ],
)
def test_faithful_unit_passes(msgid, msgstr):
    assert check_unit(msgid, msgstr) == []


def _po(path: Path, entries: list[tuple[str, str, str]], locale: str = "cs") -> None:
    """entries: (msgid, msgstr, flags/comments: "fuzzy" | "reviewed" | "")."""
    catalog = Catalog(locale=locale)
    for msgid, msgstr, state in entries:
        flags = ["fuzzy"] if state == "fuzzy" else []
        comments = ["reviewed: Jana, 2026-11-20"] if state == "reviewed" else []
        catalog.add(msgid, msgstr, flags=flags, user_comments=comments)
    page_po.write_catalog(catalog, path)


def test_status_counts_units_and_review(tmp_path: Path):
    path = tmp_path / "x.po"
    _po(path, [("A", "a", "reviewed"), ("B", "b", ""), ("C", "c", "fuzzy"), ("D", "", "")])
    catalog = page_po.load_page_catalog(tmp_path, "x.md", "cs")
    assert catalog is None  # not where the layout puts it
    page = page_po.po_path(tmp_path, "x.md", "cs")
    page.parent.mkdir(parents=True)
    shutil.move(path, page)
    catalog = page_po.load_page_catalog(tmp_path, "x.md", "cs")
    status = page_po.unit_status(["A", "B", "C", "D", "E"], catalog)
    assert (status.total, status.translated, status.fuzzy, status.missing) == (5, 2, 1, 2)
    assert (status.reviewed, status.machine_assisted, status.percent) == (1, 1, 40.0)


def test_changed_english_makes_the_unit_fuzzy_and_drops_its_review(tmp_path: Path):
    po = Catalog(locale="cs")
    po.add("Do not pay the person.", "Neplať tomu člověku.", user_comments=["reviewed: Jana"])
    template = Catalog()
    template.add("Do not pay the person who threatens you.")
    merged = page_po.updated(po, template)
    message = merged.get("Do not pay the person who threatens you.")
    assert message.fuzzy and message.string == "Neplať tomu člověku."
    assert message.previous_id == ["Do not pay the person."]
    assert message.user_comments == []


def test_a_fuzzy_unit_with_long_old_english_is_written_as_a_valid_po_file(tmp_path: Path):
    """Babel 2.18 breaks a long #| msgid; written twice, the file must still compile."""
    old = "The police in the Czech Republic say: do not block the person, but stop replying. " * 2
    po = Catalog(locale="cs")
    po.add(old, "Policie radí: neblokuj.", user_comments=['| msgid "stale"'])
    template = Catalog()
    template.add("You are in the Czech Republic, so follow the advice of the Czech police. " * 2)
    path = tmp_path / "cs.po"
    page_po.write_catalog(page_po.updated(po, template), path)
    again = page_po.read_catalog(path, "cs.po", locale="cs")
    page_po.write_catalog(again, path)
    text = path.read_text(encoding="utf-8")
    assert "#|" not in text and "# |" not in text
    assert "#, fuzzy" in text
    if shutil.which("msgfmt"):
        import subprocess

        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)])
        assert result.returncode == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thresholds: []\n", "expected a list"),
        ('thresholds:\n  - pages: "*"\n', "exactly the keys pages and percent"),
        ('thresholds:\n  - pages: "*"\n    percent: 0\n', "a number from 1 to 100"),
        ('thresholds:\n  - pages: "*"\n    percent: "all"\n', "a number from 1 to 100"),
        ('thresholds:\n  - pages: ""\n    percent: 50\n', "expected a path pattern"),
        ('thresholds:\n  - pages: "help-now/*"\n    percent: 100\n', 'must be pages: "*"'),
    ],
)
def test_bad_thresholds_file(tmp_path: Path, text: str, expected: str):
    (tmp_path / "data").mkdir()
    (tmp_path / page_build.THRESHOLDS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(expected)) as raised:
        page_build.load_thresholds(tmp_path)
    assert str(raised.value).startswith("data/translation-thresholds.yml:")


def test_thresholds_of_the_site():
    thresholds = page_build.load_thresholds(ROOT)
    assert page_build.threshold_for("help-now/report.md", thresholds) == 100
    assert page_build.threshold_for("index.md", thresholds) == 100
    assert page_build.threshold_for("understand/myths.md", thresholds) < 100


def test_import_needs_the_same_blocks():
    english = "# Title\n\nOne.\n\nTwo.\n"
    with pytest.raises(DataError, match="has 2 text blocks, the English has 3") as raised:
        page_build.align(english, "# Titulek\n\nJedna. Dva.\n", "x.md", "docs/cs/x.md")
    assert str(raised.value).startswith("docs/cs/x.md:")
    pairs = page_build.align(english, "# Titulek\n\nJedna.\n\nDva.\n", "x.md", "docs/cs/x.md")
    assert pairs == {"Title": "Titulek", "One.": "Jedna.", "Two.": "Dva."}


@pytest.mark.parametrize(
    ("po_text", "expected"),
    [
        ('msgid "A"\nmsgstr "a\n', "malformed catalog line"),
        ('msgid "A"\nmsgstr "a"\nmsgid "A"\nmsgstr "b"\n', "twice"),
    ],
)
def test_broken_po_file_names_file_and_line(tmp_path: Path, po_text: str, expected: str):
    path = tmp_path / "cs.po"
    path.write_text(po_text, encoding="utf-8")
    with pytest.raises(DataError, match=expected) as raised:
        page_po.read_catalog(path, "locales/pages/x/cs.po")
    assert re.match(r"^locales/pages/x/cs\.po:\d+", str(raised.value))


def test_repository_holds_no_hand_written_translations():
    tracked = subprocess.run(
        ["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked and all(path.startswith("docs/en/") for path in tracked)


def test_templates_and_catalogs_are_up_to_date_and_valid(capsys):
    """What `make test` runs: POT files match docs/en/, every PO is valid and safe."""
    code = page_po_tool.main(["check"])
    assert code == 0, capsys.readouterr().err


def test_every_language_has_a_po_for_every_page():
    registry = load_registry(ROOT / "data/languages.yml")
    for page in ENGLISH_PAGES:
        assert page_po.pot_path(ROOT, page).is_file(), page
        for lang in registry.languages:
            if not lang.default:
                assert page_po.po_path(ROOT, page, lang.locale).is_file(), (page, lang.code)


def test_tmx_holds_reviewed_units_only(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(page_po_tool, "ROOT", tmp_path)
    monkeypatch.setattr(page_po_tool, "DOCS", tmp_path / "docs")
    (tmp_path / "docs/en").mkdir(parents=True)
    (tmp_path / "docs/en/x.md").write_text("# A\n\nB & C.\n", encoding="utf-8")
    target = page_po.po_path(tmp_path, "x.md", "cs")
    target.parent.mkdir(parents=True)
    _po(target, [("A", "a", "reviewed"), ("B & C.", "b a c.", "")])
    page_po_tool.tmx(load_registry(ROOT / "data/languages.yml"), tmp_path / "out.tmx")
    tmx = (tmp_path / "out.tmx").read_text(encoding="utf-8")
    assert '<tuv xml:lang="cs"><seg>a</seg></tuv>' in tmx
    assert "b a c." not in tmx


def _fixture_with_po(tmp_path: Path, pages: dict[str, str], po: dict[str, list], **kwargs) -> Path:
    config = make_project(tmp_path, pages, **kwargs)
    (tmp_path / "locales").unlink()
    shutil.copytree(ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("pages"))
    for (page, locale), entries in po.items():
        target = page_po.po_path(tmp_path, page, locale)
        target.parent.mkdir(parents=True, exist_ok=True)
        _po(target, entries, locale)
    return config


def _article(html: str) -> str:
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    return body.split("</article>", 1)[0]


@pytest.mark.slow
def test_built_translation_of_identity_po_equals_the_english_build(tmp_path: Path):
    """Real build: cs built from PO files whose msgstr is the msgid equals the English page."""
    lesson = "schools/lessons/ages-13-15"
    names = ["help-now/index.md", f"{lesson}.md", "about/glossary.md"]
    names += [f"{lesson}/{part}.md" for part in ("support", "activities", "worksheet")]
    pages = {f"en/{name}": (ROOT / "docs/en" / name).read_text(encoding="utf-8") for name in names}
    pages["en/index.md"] = "---\ntitle: Home\ndescription: Home page.\n---\n\n# Home\n"
    po = {}
    for name in names:
        units = page_units.page_units(pages[f"en/{name}"], name)
        po[(name, "cs")] = [(u.msgid, u.msgid, "") for u in units]
    # Only a few pages of the site: their links to the others may not resolve.
    quiet = {key: "info" for key in ("omitted_files", "unrecognized_links", "anchors", "not_found")}
    config = _fixture_with_po(tmp_path, pages, po, config_changes={"validation": quiet})
    result = run_mkdocs(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    for name in names:
        url = name.removesuffix(".md").removesuffix("index").rstrip("/")
        english = (tmp_path / "site" / url / "index.html").read_text(encoding="utf-8")
        czech = (tmp_path / "site/cs" / url / "index.html").read_text(encoding="utf-8")
        # The lesson box's labels are interface strings, in the reader's language.
        lesson = re.compile(r'<aside class="nyf-lesson".*?</aside>', re.S)
        for objective in re.findall(r"<li>(.*?)</li>", "".join(lesson.findall(english))):
            assert objective in czech
        assert _strip_paths(lesson.sub("", _article(czech))) == _strip_paths(
            lesson.sub("", _article(english))
        ), name


def _strip_paths(html: str) -> str:
    """The page's content without its translation notice and with paths blanked."""
    html = re.sub(
        r'<aside class="nyf-notice nyf-notice--translation".*?</aside>', "", html, flags=re.S
    )
    html = re.sub(r'(href|src)="[^"]*"', r'\1=""', html)
    # The QR code of the page's own address, with interface strings.
    html = re.sub(r'<div class="nyf-qr".*?</a>\s*</div>', "", html, flags=re.S)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.slow
def test_partial_and_fuzzy_translation_in_the_built_site(tmp_path: Path):
    english = (
        "---\ntitle: About\ndescription: About us.\n---\n\n# About\n\nOne.\n\nTwo.\n\nThree.\n"
    )
    pages = {
        "en/index.md": "---\ntitle: Home\ndescription: Home page.\n---\n\n# Home\n",
        "en/about.md": english,
    }
    po = {
        ("about.md", "cs"): [("About", "O nás", ""), ("About us.", "O nás.", ""),
                             ("One.", "Jedna.", ""), ("Two.", "Dva.", "fuzzy")],
        ("about.md", "ar"): [("About", "حول", "")],  # 20 %: below the threshold
    }  # fmt: skip
    config = _fixture_with_po(tmp_path, pages, po)
    result = run_mkdocs(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout
    cs = (tmp_path / "site/cs/about/index.html").read_text(encoding="utf-8")
    assert "Jedna." in cs and "Dva." in cs  # the fuzzy unit shows its old translation...
    assert (
        "The English page has changed" in cs or "nyf-notice--translation" in cs
    )  # ...with a notice
    assert '<span lang="en">Three.</span>' in cs
    ar = (tmp_path / "site/ar/about/index.html").read_text(encoding="utf-8")
    assert "حول" not in _article(ar)  # the English fallback page
    status = (tmp_path / "site/about/translation-status/index.html").read_text(encoding="utf-8")
    assert "Čeština (cs)" in status


@pytest.mark.slow
def test_unsafe_po_unit_stops_the_build_with_file_line_and_msgid(tmp_path: Path):
    pages = {
        "en/index.md": HOME + "\nSee [x](a.md).\n",
        "en/a.md": "---\ntitle: A\ndescription: A page.\n---\n\n# A\n",
    }
    po = {
        ("index.md", "cs"): [
            ("Home", "Domů", ""),
            ("See [x](a.md).", "Viz [x](https://evil.example).", ""),
        ]
    }
    config = _fixture_with_po(tmp_path, pages, po)
    result = run_mkdocs(config, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(
        r"locales/pages/index/cs\.po:\d+: msgid 'See \[x\]\(a\.md\)\.': adds links to https://evil",
        result.stdout + result.stderr,
    ), result
    assert "Traceback" not in result.stdout + result.stderr


def test_crowdin_config_finds_every_language_of_the_registry():
    """crowdin.yml names files by %two_letters_code%: right while every locale is one."""
    config = yaml.safe_load((ROOT / "crowdin.yml").read_text(encoding="utf-8"))
    registry = load_registry(ROOT / "data/languages.yml")
    for lang in registry.languages:
        if not lang.default:
            assert re.fullmatch(r"[a-z]{2}", lang.locale), f"{lang.locale}: map it in crowdin.yml"
            assert page_po.po_path(ROOT, "index.md", lang.locale).is_file()
    sources = [entry["source"] for entry in config["files"]]
    assert sources == ["/locales/pages/**/*.pot", "/locales/messages.pot"]
    assert all("%two_letters_code%" in entry["translation"] for entry in config["files"])


def test_country_block_variants_are_separate_units_and_keep_their_markers():
    """Each variant's paragraphs are units of their own; the markers survive translation."""
    text = (
        "---\ntitle: T\n---\n\n# Head {#h}\n\n<!-- country: CZ, SK -->\n\nCzech advice.\n\n"
        "More Czech advice.\n\n<!-- country: other -->\n\nOther advice.\n\n<!-- /country -->\n\n"
        "After.\n"
    )
    units = [u.msgid for u in page_units.page_units(text, "x.md")]
    assert units == ["T", "Head", "Czech advice.", "More Czech advice.", "Other advice.", "After."]
    out = page_units.render_page(text, "x.md", lambda s: f"«{s}»", {})
    for marker in ("<!-- country: CZ, SK -->", "<!-- country: other -->", "<!-- /country -->"):
        assert f"\n\n{marker}\n\n" in out
    assert "«Czech advice.»" in out and "«Other advice.»" in out


@pytest.mark.parametrize(
    ("text", "generated"),
    [
        # a lesson plan's front matter is long: the mark comes after 2,000 characters
        ("---\ntitle: T\nlesson:\n" + "  - x\n" * 600
         + "translation:\n  po: locales/pages/p/uk.po\n---\n\n# T\n", True),
        ("---\ntitle: T\ntranslation:\n  po: locales/pages/p/uk.po\n---\n\n# T\n", True),
        # written by hand: no mark in the front matter (text below it does not count)
        ("---\ntitle: T\n---\n\n# T\n\n```\ntranslation:\n"
         "  po: locales/pages/p/uk.po\n```\n", False),
        ("# T\n", False),
    ],
)  # fmt: skip
def test_a_generated_page_is_known_by_its_front_matter(tmp_path: Path, text, generated):
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    assert page_build.is_generated(page) is generated
