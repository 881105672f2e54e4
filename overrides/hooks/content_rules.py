"""MkDocs hook: the content rules of nyf.content_rules and the glossary stop the build.

Before anything is built, every page of every language is read as MkDocs reads
it (nyf.markdown_source) and checked: front matter, titles, ids, lesson plans,
headings, phrases, the crisis route and the five crisis steps, and the links of
the English pages; data/glossary.yml is checked as well. Each problem is one
line with its file and line, never a traceback. A fixture site may ask for the
source rules only (``extra: nyf_content_rules: source``): see
nyf.content_rules.BUILD_LEVELS. The build also logs, for the pages a frightened
young person reads, the Flesch-Kincaid grade and the words before the first
section of help-now.
"""

from __future__ import annotations

import logging
from pathlib import Path

import readability
from mkdocs.exceptions import PluginError
from nyf import content_rules as cr
from nyf import markdown_source
from nyf.glossary import check_glossary
from nyf.languages import load_registry
from nyf.yamlfile import DataError

log = logging.getLogger("mkdocs.hooks.content_rules")

GLOSSARY = "data/glossary.yml"

#: The English pages whose reading grade the build reports.
REPORTED_PREFIXES = ("help-now/", "young-people/")


def on_pre_build(config) -> None:
    plugin = config.plugins["i18n"]
    if plugin.current_language not in (None, plugin.default_language):
        return  # checked once, in the first (default language) build
    docs = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    level = config.extra.get("nyf_content_rules", "all")
    if level not in cr.BUILD_LEVELS:
        raise PluginError(
            f"extra.nyf_content_rules: found {level!r}, expected one of {cr.BUILD_LEVELS}"
        )
    try:
        registry = load_registry(root / "data" / "languages.yml")
        findings = [
            str(f)
            for f in cr.check_docs(
                docs, root / "data" / "content-rules", plugin.default_language, root, level
            )
        ]
    except DataError as error:
        raise PluginError(str(error)) from None
    # A fixture site may publish a language the glossary does not have yet.
    complete = level == "all"
    findings += map(str, check_glossary(root / GLOSSARY, registry, GLOSSARY, complete))
    if findings:
        raise PluginError(f"{len(findings)} content problem(s):\n  " + "\n  ".join(findings))
    english = docs / plugin.default_language
    for path in sorted(english.rglob("*.md")):
        name = path.relative_to(english).as_posix()
        if name == "index.md" or name.startswith(REPORTED_PREFIXES):
            score = readability.score_text(markdown_source.read(path, name))
            log.info("readability: %s Flesch-Kincaid grade %.1f", name, score.grade)
    help_now = english / "help-now" / "index.md"
    if help_now.is_file():
        page = cr.parse_page(
            markdown_source.read(help_now, "help-now/index.md"), "help-now/index.md"
        )
        log.info(
            "help-now/index.md: %d words before the first section",
            cr.words_before_first_section(page),
        )
