"""Translated pages, generated from the English pages and the PO catalogs.

``docs/<code>/`` (every language but the source, English) is generated at the start
of every build and ``mkdocs serve`` rebuild, and ignored by git: nobody edits
it. For each English page and language:

- the language's PO file is merged in memory with the English as it is now
  (a changed sentence gets the old translation, fuzzy, as msgmerge would);
- every translated unit is checked (nyf.page_po_checks); a problem stops the
  build with the PO file, the line and the msgid;
- when enough units are translated (data/translation-thresholds.yml) the page
  is written, its missing units in English marked ``lang="en"``; otherwise
  there is no file, and the reader gets the English page with a notice.

Files are written only when their text changes, so ``mkdocs serve`` does not
rebuild in a loop.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from nyf import page_po, page_units
from nyf.languages import Language, Registry
from nyf.page_po_checks import UnitProblem, check_unit
from nyf.translations import blob_hash
from nyf.yamlfile import DataError, load_yaml

THRESHOLDS_FILE = Path("data") / "translation-thresholds.yml"
#: The front-matter key that marks a page as generated (and names its PO file).
GENERATED_KEY = "po"
#: The front-matter key of a stand-in: the English page, written into another
#: language's folder when an edition builds that language at the site root
#: (mkdocs-static-i18n falls back only to the root language, and the reader of
#: an untranslated page must get the English one, not the Czech).
STANDIN_KEY = "nyf_standin"


@dataclass(frozen=True)
class Threshold:
    pattern: str
    percent: float


def load_thresholds(root: Path) -> list[Threshold]:
    path = root / THRESHOLDS_FILE
    doc = load_yaml(path, str(THRESHOLDS_FILE))
    items = doc.data.get("thresholds") if isinstance(doc.data, dict) else None
    if not isinstance(items, list) or not items:
        raise doc.error(("thresholds",), "expected a list of {pages: pattern, percent: number}")
    found = []
    for index, item in enumerate(items):
        where = ("thresholds", index)
        if not isinstance(item, dict) or set(item) != {"pages", "percent"}:
            raise doc.error(where, "expected exactly the keys pages and percent")
        pattern, percent = item["pages"], item["percent"]
        if not isinstance(pattern, str) or not pattern:
            raise doc.error((*where, "pages"), f"found {pattern!r}, expected a path pattern")
        if (
            isinstance(percent, bool)
            or not isinstance(percent, int | float)
            or not 0 < percent <= 100
        ):
            raise doc.error(
                (*where, "percent"), f"found {percent!r}, expected a number from 1 to 100"
            )
        found.append(Threshold(pattern, float(percent)))
    if found[-1].pattern != "*":
        raise doc.error(("thresholds", len(found) - 1), 'the last entry must be pages: "*"')
    return found


def threshold_for(page: str, thresholds: list[Threshold]) -> float:
    for threshold in thresholds:
        if fnmatch.fnmatchcase(page, threshold.pattern):
            return threshold.percent
    return 100.0


@dataclass
class PageResult:
    """One page in one language: its status, and the Markdown when it is built."""

    page: str
    language: str
    status: page_po.UnitStatus
    threshold: float
    markdown: str | None = None
    po_file: str = ""
    #: The English page, when the edition needs a stand-in for it (not built).
    standin: str | None = None

    @property
    def built(self) -> bool:
        return self.markdown is not None


@dataclass
class Generated:
    results: list[PageResult] = field(default_factory=list)
    problems: list[UnitProblem] = field(default_factory=list)

    def for_language(self, code: str) -> list[PageResult]:
        return [r for r in self.results if r.language == code]


def english_pages(docs_dir: Path, default: str) -> list[str]:
    root = docs_dir / default
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.md"))


def merged_catalog(
    root: Path, page: str, locale: str, template: Catalog
) -> page_po.PageCatalog | None:
    """The PO of ``page`` merged in memory with today's English (None: no PO file)."""
    found = page_po.load_page_catalog(root, page, locale)
    if found is None or found.catalog is None:
        return None
    if all(message.id in found.entries for message in template if message.id):
        return found  # up to date with the English
    merged = page_po.updated(found.catalog, template)
    result = page_po.PageCatalog(page, locale, found.file, catalog=merged)
    for message in merged:
        if message.id and not isinstance(message.id, tuple):
            old = found.entries.get(message.id)
            result.entries[message.id] = page_po.Entry(
                message.string or "",
                message.fuzzy,
                bool(old and old.reviewed and not message.fuzzy),
                old.line if old else 0,
            )
    return result


def _untranslated(language: Language):
    direction = ' dir="ltr"' if language.dir == "rtl" else ""

    def wrap(text: str) -> str:
        return f'<span lang="en"{direction}>{text}</span>'

    return wrap


def standin_markdown(english: str) -> str:
    """The English page marked as a stand-in (its front matter gets STANDIN_KEY)."""
    if english.startswith("---\n"):
        return f"---\n{STANDIN_KEY}: true\n{english[4:]}"
    return f"---\n{STANDIN_KEY}: true\n---\n{english}"


def needs_standins(registry: Registry) -> bool:
    """An edition builds a language other than English at the root (see STANDIN_KEY)."""
    return not registry.default.source


def is_standin(path: Path) -> bool:
    head = path.read_text(encoding="utf-8", errors="replace")[:200]
    return head.startswith(f"---\n{STANDIN_KEY}: true\n")


def generate(root: Path, docs_dir: Path, registry: Registry) -> Generated:
    """Every translated page of every language, in memory."""
    default = registry.source.code
    standins = needs_standins(registry)
    thresholds = load_thresholds(root)
    out = Generated()
    for page in english_pages(docs_dir, default):
        text = page_po.page_text(docs_dir, page, default)
        units = page_units.page_units(text, f"docs/{default}/{page}")
        kinds = {unit.msgid: unit.kind for unit in units}
        template = page_po.template(text, page)
        source_hash = blob_hash((docs_dir / default / page).read_bytes())
        for language in registry.languages:
            if language.source:
                continue
            catalog = merged_catalog(root, page, language.locale, template)
            status = page_po.unit_status([u.msgid for u in units], catalog)
            result = PageResult(page, language.code, status, threshold_for(page, thresholds))
            out.results.append(result)
            if standins and language.published:
                result.standin = standin_markdown(text)
            if catalog is None:
                continue
            result.po_file = catalog.file
            for msgid, entry in catalog.entries.items():
                if msgid in kinds and entry.msgstr:
                    for message in check_unit(msgid, entry.msgstr, kinds[msgid]):
                        out.problems.append(UnitProblem(catalog.file, entry.line, msgid, message))
            if 100 * (status.translated + status.fuzzy) / max(status.total, 1) < result.threshold:
                continue
            meta = {
                "translation": {
                    "source": source_hash,
                    "status": "reviewed" if status.reviewed == status.total else "machine-assisted",
                    GENERATED_KEY: catalog.file,
                    "fuzzy": status.fuzzy,
                    "missing": status.missing,
                }
            }
            result.markdown = page_units.render_page(
                text, f"docs/{default}/{page}", catalog.lookup, meta, _untranslated(language)
            )
            result.standin = None
    return out


def is_generated(path: Path) -> bool:
    """Whether a file in docs/<code>/ was written by :func:`write_pages`.

    The mark is in the front matter, which can be long (a lesson plan's), so
    the whole front matter is read, not a fixed number of characters.
    """
    text = path.read_text(encoding="utf-8", errors="replace")
    front = text.split("\n---\n", 1)[0] if text.startswith("---\n") else ""
    return f"\n  {GENERATED_KEY}: locales/pages/" in front or is_standin(path)


def standin_sources(generated: Generated) -> set[str]:
    """The ``<code>/<page>`` source paths of the stand-ins (English in another folder)."""
    return {f"{r.language}/{r.page}" for r in generated.results if r.standin is not None}


def write_pages(docs_dir: Path, registry: Registry, generated: Generated) -> None:
    """Write the generated pages into docs/<code>/; remove the ones no longer built.

    A file in docs/<code>/ that was not generated (a Markdown translation
    written by hand, as before the PO catalogs: test fixtures, or a page a
    contributor has not imported yet) is left alone and built as it is, with
    the checks of nyf.translation_check; the repository itself holds none
    (tests/test_page_po.py).
    """
    wanted: dict[Path, str] = {}
    for result in generated.results:
        text = result.markdown if result.markdown is not None else result.standin
        if text is not None:
            wanted[docs_dir / result.language / result.page] = text
    for language in registry.languages:
        if language.source:
            continue
        folder = docs_dir / language.code
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            if not is_generated(path):
                wanted.pop(path, None)
            elif path not in wanted:
                path.unlink()
    for path, text in wanted.items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def generate_and_write(root: Path, docs_dir: Path, registry: Registry) -> Generated:
    """Generate every translated page and write it; problems raise one DataError."""
    generated = generate(root, docs_dir, registry)
    problems = [str(problem) for problem in generated.problems]
    if problems:
        raise DataError(
            "locales/pages",
            0,
            "",
            f"{len(problems)} problem(s) in page translations:\n  " + "\n  ".join(problems),
        )
    write_pages(docs_dir, registry, generated)
    return generated


# --- importing a Markdown translation -----------------------------------------


def align(english: str, translated: str, page: str, shown: str) -> dict[str, str]:
    """msgid -> msgstr, from a Markdown translation with the English's structure.

    The English must be the version that was translated. Front-matter values
    pair by key; body units pair in order, so the two must have the same
    units: a mismatch is one DataError that shows where they part.
    """
    english_units = page_units.page_units(english, f"docs/en/{page}")
    translated_units = page_units.page_units(translated, shown)
    pairs: dict[str, str] = {}
    by_context = {u.context: u for u in translated_units if u.context.startswith("front matter")}
    english_body = [u for u in english_units if not u.context.startswith("front matter")]
    translated_body = [u for u in translated_units if not u.context.startswith("front matter")]
    for unit in english_units:
        if unit.context.startswith("front matter") and unit.context in by_context:
            pairs.setdefault(unit.msgid, by_context[unit.context].msgid)
    if len(english_body) != len(translated_body):
        pairs_in_order = zip(english_body, translated_body, strict=False)
        index = next(
            (
                i
                for i, (source, target) in enumerate(pairs_in_order)
                if source.block != target.block
            ),
            min(len(english_body), len(translated_body)),
        )
        near = translated_body[min(index, len(translated_body) - 1)] if translated_body else None
        raise DataError(
            shown,
            near.line if near else 0,
            "",
            f"has {len(translated_body)} text blocks, the English has {len(english_body)}; "
            f"they part near English {english_body[min(index, len(english_body) - 1)].msgid[:60]!r}"
            + (f" / translation {near.msgid[:60]!r}" if near else "")
            + ": give every heading, paragraph, list item and table cell its own translation",
        )
    for source, target in zip(english_body, translated_body, strict=True):
        pairs.setdefault(source.msgid, target.msgid)
    return pairs


def import_translation(
    root: Path,
    page: str,
    locale: str,
    english_then: str,
    english_now: str,
    translated: str,
    shown: str,
    plural_forms: str | None = None,
) -> Catalog:
    """The PO catalog for a Markdown translation of ``english_then``, merged with ``english_now``.

    The imported Markdown is the newer work: its units replace those already in
    the PO file (a unit whose text changes loses its review mark).
    """
    pairs = align(english_then, translated, page, shown)
    existing = page_po.load_page_catalog(root, page, locale)
    catalog = existing.catalog if existing else page_po.new_po(page, locale)
    old_template = page_po.template(english_then, page)
    for message in old_template:
        if not message.id:
            continue
        text = pairs.get(message.id, "")
        current = catalog.get(message.id)
        if current is None:
            catalog.add(message.id, text, locations=message.locations)
        elif text and (text != current.string or current.fuzzy):
            if text != current.string:
                current.user_comments = [
                    c for c in current.user_comments if not page_po.REVIEWED.match(c)
                ]
            current.string = text
            current.flags.discard("fuzzy")
    return page_po.updated(catalog, page_po.template(english_now, page))
