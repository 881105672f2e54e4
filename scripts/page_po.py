"""Page translations as PO catalogs: extract, update, import, status, check, TMX.

    python scripts/page_po.py extract          write locales/pages/<page>.pot from docs/en/
    python scripts/page_po.py update           extract, then merge every language's PO with it
                                               (a PO file is created for every language)
    python scripts/page_po.py import cs help-now/index.md FILE.md
                                               turn a Markdown translation into PO units
                                               (FILE's front matter `translation: source:`
                                               names the English version it translates)
    python scripts/page_po.py status [--json]  units translated, fuzzy, missing, reviewed
    python scripts/page_po.py check            what CI checks: templates up to date, every PO
                                               valid (msgfmt --check when gettext is installed),
                                               every unit safe
    python scripts/page_po.py tmx OUT.tmx      the reviewed translations, for a new tool's memory

See TRANSLATING.md for the workflow.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from babel.messages.catalog import Catalog
from nyf import markdown_source, page_po
from nyf.languages import Registry, load_registry
from nyf.page_build import english_pages, generate, import_translation
from nyf.page_po_checks import UnitProblem, check_unit
from nyf.translations import english_at
from nyf.yamlfile import DataError, load_yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _registry() -> Registry:
    return load_registry(ROOT / "data" / "languages.yml")


def _glossary_for(registry: Registry) -> dict[str | None, dict[str, str]]:
    """English term -> 'term = translation' per language (None: the template)."""
    doc = load_yaml(ROOT / "data" / "glossary.yml", "data/glossary.yml")
    terms = doc.data.get("terms") if isinstance(doc.data, dict) else None
    result: dict[str | None, dict[str, str]] = {None: {}}
    for lang in registry.languages:
        result[lang.code] = {}
    for entry in (terms or {}).values():
        english = entry.get("en") if isinstance(entry, dict) else None
        if not isinstance(english, str):
            continue
        result[None][english] = english
        for lang in registry.languages:
            if isinstance(entry.get(lang.code), str):
                result[lang.code][english] = f"{english} = {entry[lang.code]}"
    return result


def _templates(registry: Registry) -> dict[str, Catalog]:
    default = registry.source.code
    glossary = _glossary_for(registry).get(None, {})
    return {
        page: page_po.template(page_po.page_text(DOCS, page, default), page, glossary)
        for page in english_pages(DOCS, default)
    }


def extract(registry: Registry) -> dict[str, Catalog]:
    templates = _templates(registry)
    wanted = set()
    for page, catalog in templates.items():
        path = page_po.pot_path(ROOT, page)
        wanted.add(path)
        if page_po.write_catalog(catalog, path):
            print(f"wrote {page_po.display(ROOT, path)}")
    for path in (ROOT / page_po.PAGES_DIR).rglob("*.pot"):
        if path not in wanted:
            path.unlink()
            print(f"removed {page_po.display(ROOT, path)} (its English page is gone)")
    return templates


def update(registry: Registry) -> None:
    templates = extract(registry)
    glossaries = _glossary_for(registry)
    for page, template in templates.items():
        for lang in registry.languages:
            if lang.source:
                continue
            found = page_po.load_page_catalog(ROOT, page, lang.locale)
            catalog = found.catalog if found else page_po.new_po(page, lang.locale)
            catalog = page_po.updated(catalog, template)
            _glossary_comments(catalog, glossaries.get(lang.code, {}))
            path = page_po.po_path(ROOT, page, lang.locale)
            if page_po.write_catalog(catalog, path):
                print(f"wrote {page_po.display(ROOT, path)}")


def _glossary_comments(catalog: Catalog, glossary: dict[str, str]) -> None:
    for message in catalog:
        if not message.id:
            continue
        comments = [c for c in message.auto_comments if not c.startswith("Glossary: ")]
        terms = page_po.glossary_terms(message.id, glossary)
        if terms:
            comments.append("Glossary: " + "; ".join(terms))
        message.auto_comments = comments


def import_page(registry: Registry, code: str, page: str, file: Path) -> None:
    lang = registry.get(code)
    shown = str(file)
    translated = markdown_source.read(file, shown)
    source = markdown_source.parse(translated, shown).checked()
    meta = (source.meta or {}).get("translation") or {}
    english_now = page_po.page_text(DOCS, page, registry.source.code)
    english_then = english_now
    if isinstance(meta, dict) and meta.get("source"):
        english_then = english_at(str(meta["source"]), ROOT) or english_now
    catalog = import_translation(
        ROOT, page, lang.locale, english_then, english_now, translated, shown
    )
    path = page_po.po_path(ROOT, page, lang.locale)
    page_po.write_catalog(catalog, path)
    units = [m for m in catalog if m.id]
    done = sum(1 for m in units if m.string and not m.fuzzy)
    fuzzy = sum(1 for m in units if m.string and m.fuzzy)
    print(f"{page_po.display(ROOT, path)}: {done} translated, {fuzzy} fuzzy, of {len(units)}")


def status(registry: Registry, as_json: bool) -> None:
    generated = generate(ROOT, DOCS, registry)
    report = []
    for lang in registry.languages:
        if lang.source:
            continue
        pages = generated.for_language(lang.code)
        totals = {"total": 0, "translated": 0, "fuzzy": 0, "missing": 0, "reviewed": 0}
        for result in pages:
            for key in totals:
                totals[key] += getattr(result.status, key)
        built = sum(1 for r in pages if r.built)
        report.append({"language": lang.code, "pages": len(pages), "pages_built": built,
                       **totals,
                       "details": [{"page": r.page, "built": r.built, "threshold": r.threshold,
                                    "percent": r.status.percent,
                                    **{k: getattr(r.status, k) for k in totals}}
                                   for r in pages]})  # fmt: skip
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    heads = ("units", "transl.", "fuzzy", "missing", "reviewed")
    print(f"{'lang':6} {'pages':>11} " + " ".join(f"{h:>8}" for h in heads))
    for row in report:
        counts = (row[k] for k in ("total", "translated", "fuzzy", "missing", "reviewed"))
        print(f"{row['language']:6} {row['pages_built']:>4} of {row['pages']:<4} "
              + " ".join(f"{n:>8}" for n in counts))  # fmt: skip


def check(registry: Registry) -> int:
    problems: list[str] = []
    templates = _templates(registry)
    for page, template in templates.items():
        path = page_po.pot_path(ROOT, page)
        stale = not path.is_file() or {m.id for m in template if m.id} != {
            m.id for m in page_po.read_catalog(path, page_po.display(ROOT, path)) if m.id
        }
        if stale:
            problems.append(f"{page_po.display(ROOT, path)}: out of date with docs/en/{page}; "
                            "run: make translations-update")  # fmt: skip
    msgfmt = shutil.which("msgfmt")
    for path in sorted((ROOT / page_po.PAGES_DIR).rglob("*.po")):
        shown = page_po.display(ROOT, path)
        try:
            catalog = page_po.read_catalog(path, shown)
        except DataError as error:
            problems.append(str(error))
            continue
        for message in catalog:
            if message.id and isinstance(message.string, str) and message.string:
                for text in check_unit(message.id, message.string, _kind(message)):
                    problems.append(str(UnitProblem(shown, message.lineno or 0, message.id, text)))
        if msgfmt:
            result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)],
                                    capture_output=True, text=True)  # fmt: skip
            if result.returncode != 0 or result.stderr.strip():  # warnings too: Poedit shows them
                problems.append(f"{shown}: msgfmt --check: {result.stderr.strip()}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        f"{len(problems)} problem(s) in page catalogs" + ("" if msgfmt else " (msgfmt not found)")
    )
    return 1 if problems else 0


def _kind(message) -> str:
    for comment in message.auto_comments:
        if comment.startswith("front matter: title"):
            return "title"
        if comment.startswith("front matter: description"):
            return "description"
        if comment.startswith("The title of a box"):
            return "container-title"
    return "body"


def tmx(registry: Registry, out: Path) -> None:
    """Reviewed, non-fuzzy units of every language as one TMX 1.4 file (English source)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
             '<header creationtool="nyf page_po.py" creationtoolversion="1" datatype="plaintext" '
             'segtype="paragraph" adminlang="en" srclang="en" o-tmf="PO"/>', "<body>"]  # fmt: skip
    count = 0
    for page in english_pages(DOCS, registry.source.code):
        for lang in registry.languages:
            if lang.source:
                continue
            found = page_po.load_page_catalog(ROOT, page, lang.locale)
            for msgid, entry in found.entries.items() if found else []:
                if entry.msgstr and entry.reviewed and not entry.fuzzy:
                    count += 1
                    lines += [f'<tu><prop type="x-page">{xml_escape(page)}</prop>',
                              f'<tuv xml:lang="en"><seg>{xml_escape(msgid)}</seg></tuv>',
                              f'<tuv xml:lang="{lang.hreflang}">'
                              f"<seg>{xml_escape(entry.msgstr)}</seg></tuv>",
                              "</tu>"]  # fmt: skip
    lines += ["</body>", "</tmx>"]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}: {count} reviewed unit(s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract")
    sub.add_parser("update")
    imp = sub.add_parser("import")
    imp.add_argument("language")
    imp.add_argument("page")
    imp.add_argument("file", type=Path)
    st = sub.add_parser("status")
    st.add_argument("--json", action="store_true")
    sub.add_parser("check")
    tx = sub.add_parser("tmx")
    tx.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    try:
        registry = _registry()
        if args.command == "extract":
            extract(registry)
        elif args.command == "update":
            update(registry)
        elif args.command == "import":
            import_page(registry, args.language, args.page, args.file)
        elif args.command == "status":
            status(registry, args.json)
        elif args.command == "check":
            return check(registry)
        elif args.command == "tmx":
            tmx(registry, args.out)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
