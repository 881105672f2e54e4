"""MkDocs hook: print/pdfs.json, every PDF that `make print` publishes.

The list is computed from the data (the registry's published languages, the
helpline countries, the lesson pages), not from the printed files, so a
`make build` without `make print` knows every PDF URL: the link check and the
published-URL check accept exactly these. Thin glue over nyf.printing.
"""

from __future__ import annotations

import json
from pathlib import Path

from nyf import helplines, printing
from nyf.build_context import build_context

HELP_NOW_PAGE = "help-now/index.md"
DIRECTORY_PAGE = "helplines/index.md"


def on_post_build(config):
    plugin = config.plugins["i18n"]
    if (plugin.current_language or plugin.default_language) != plugin.default_language:
        return  # once, at the site root
    source = Path(config.docs_dir) / plugin.default_language
    if not (source / HELP_NOW_PAGE).is_file() or not (source / DIRECTORY_PAGE).is_file():
        return  # small fixture sites print nothing
    context = build_context(config)
    languages = [lang.code for lang in context.registry.published()]
    countries = sorted(
        code for code in context.helpline_directory().countries if code != helplines.INTERNATIONAL
    )
    lessons = printing.lesson_slugs(Path(config.docs_dir), plugin.default_language)
    listing = printing.pdf_list(languages, countries, lessons)
    listing["site_url"] = config.site_url or "/"
    listing["site_name"] = config.site_name
    target = Path(config.site_dir) / printing.PRINT_DIR / printing.PDF_LIST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(listing, ensure_ascii=False, indent=0), encoding="utf-8")
