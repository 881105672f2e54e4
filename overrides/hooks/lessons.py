"""MkDocs hook: an invalid lesson plan stops the build.

Thin glue over nyf.lessons: each lesson page's source (front matter and the
ids of its headings) is checked, and every problem is reported with its file,
line, field, what was found and what was expected, without a traceback.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from nyf import lessons, markdown_source
from nyf.build_context import build_context


def on_page_markdown(markdown, page, config, files):
    name = _display_name(page.file, Path(config.config_file_path).parent)
    source = markdown_source.parse(page.file.content_string, name)
    if not lessons.needs_check(page.file.src_uri, source):
        return markdown
    errors = lessons.check_lesson_page(source, list(_part_of_id(page.file, config)))
    if errors:
        raise PluginError(
            f"invalid lesson plan ({len(errors)} problem(s)):\n  "
            + "\n  ".join(str(e) for e in errors)
        )
    return markdown


def on_page_context(context, page, config, nav):
    """The lesson header's links to sections in the parts: ``nyf_lesson_links``."""
    if page.meta.get("lesson"):
        context["nyf_lesson_links"] = {
            ident: f"{part.rsplit('/', 1)[-1].removesuffix('.md')}/#{ident}"
            for ident, part in _part_of_id(page.file, config).items()
        }
    return context


def _part_of_id(file, config) -> dict[str, str]:
    """Each id of the plan's parts, with its part page, from the English pages
    (ids are not translated)."""
    english = Path(config.docs_dir) / build_context(config).registry.source.code
    name = file.src_uri.split("/", 1)[-1]
    names = [p.relative_to(english).as_posix() for p in english.glob("schools/lessons/*/*.md")]
    found: dict[str, str] = {}
    for part in lessons.part_names(name, names):
        text = (english / part).read_text(encoding="utf-8")
        for explicit in markdown_source.parse(text, part).explicit_ids():
            found.setdefault(explicit.id, part)
    return found


def _display_name(file, project: Path) -> str:
    """The source path relative to the project, as a teacher finds it in the repository."""
    if file.abs_src_path:
        try:
            return Path(file.abs_src_path).relative_to(project).as_posix()
        except ValueError:
            return Path(file.abs_src_path).as_posix()
    return file.src_uri
