"""MkDocs hook: a split page keeps its old anchors (see nyf.part_anchors).

Thin glue: the ids of each part come from its English source, so every
language gets the same anchors.
"""

from __future__ import annotations

from pathlib import Path

from nyf import markdown_source, part_anchors
from nyf.build_context import build_context


def on_page_content(html, page, config, files):
    if not page.meta.get("part_anchors"):
        return html
    docs = Path(config.docs_dir) / build_context(config).registry.source.code
    parts = {}
    for file in files.documentation_pages():
        if part_anchors.is_part(page.url, file.url):
            english = docs / file.src_uri.split("/", 1)[1]
            source = markdown_source.parse(english.read_text(encoding="utf-8"), str(english))
            parts[file.url] = [found.id for found in source.explicit_ids()]
    return part_anchors.add_anchors(html, page.url, parts)
