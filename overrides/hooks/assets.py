"""MkDocs hook: our CSS and JS parts as one site.css and one site.js."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from nyf.build_context import build_context
from nyf.bundle import bundle_target, join_parts

#: An edition's colours (editions/<name>.yml), after 00-base.css in site.css.
EDITION_CSS = ("assets/stylesheets/nyf/05-edition.css", "assets/stylesheets/site.css")


# After mkdocs-static-i18n's on_files (-100), which cannot handle generated files.
@event_priority(-150)
def on_files(files: Files, config) -> Files:
    parts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for file in list(files):
        target = bundle_target(file.src_uri)
        if target is None:
            continue
        parts[target].append((file.src_uri, Path(file.abs_src_path).read_text(encoding="utf-8")))
        files.remove(file)
    edition = build_context(config).edition
    if edition is not None and edition.colours:
        parts[EDITION_CSS[1]].append((EDITION_CSS[0], edition.colours_css()))
    for target, texts in parts.items():
        files.append(File.generated(config, target, content=join_parts(texts)))
    return files
