"""MkDocs hook: the crisis-route check of nyf.content_rules in every language, and a report.

The build stops when a page in any language names danger, self-harm or suicide
without the crisis route marker: a reader must never meet those words without
the way out. (The other content rules, the five crisis steps among them, run in
tests/test_content.py.) The build also logs, for the pages a frightened young
person reads, the Flesch-Kincaid grade and the words before the first section
of help-now.
"""

from __future__ import annotations

import logging
from pathlib import Path

import readability
from mkdocs.exceptions import PluginError
from nyf import content_rules as cr
from nyf.yamlfile import DataError

log = logging.getLogger("mkdocs.hooks.content_rules")

#: The English pages whose reading grade the build reports.
REPORTED_PREFIXES = ("help-now/", "young-people/")


def crisis_findings(docs: Path, rules_dir: Path) -> list[cr.Finding]:
    """Crisis-route findings for every language folder under ``docs``."""
    findings: list[cr.Finding] = []
    for lang_dir in sorted(p for p in docs.iterdir() if p.is_dir()):
        if not (rules_dir / f"{lang_dir.name}.yml").is_file():
            continue  # not a language folder (assets, for example)
        rules = cr.load_rules(lang_dir.name, rules_dir)
        for name, page in cr.load_pages(lang_dir, docs.parent).items():
            findings += cr.check_crisis_route(name, page, rules)
    return findings


def on_pre_build(config) -> None:
    plugin = config.plugins["i18n"]
    if plugin.current_language not in (None, plugin.default_language):
        return  # checked once, in the first (default language) build
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    try:
        findings = crisis_findings(docs, root / "data" / "content-rules")
    except DataError as error:
        raise PluginError(str(error)) from None
    if findings:
        raise PluginError(
            f"{len(findings)} crisis problem(s):\n  " + "\n  ".join(str(f) for f in findings)
        )
    english = docs / plugin.default_language
    for path in sorted(english.rglob("*.md")):
        name = path.relative_to(english).as_posix()
        if name == "index.md" or name.startswith(REPORTED_PREFIXES):
            score = readability.score_text(path.read_text(encoding="utf-8"))
            log.info("readability: %s Flesch-Kincaid grade %.1f", name, score.grade)
    help_now = english / "help-now" / "index.md"
    if help_now.is_file():
        page = cr.parse_page(help_now.read_text(encoding="utf-8"), "help-now/index.md")
        log.info(
            "help-now/index.md: %d words before the first section",
            cr.words_before_first_section(page),
        )
