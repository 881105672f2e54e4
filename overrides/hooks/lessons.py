"""MkDocs hook: an invalid lesson plan stops the build.

Thin glue over nyf.lessons: each lesson page's source (front matter and the
ids of its headings) is checked, and every problem is reported with its file,
line, field, what was found and what was expected, without a traceback.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from nyf import lessons, markdown_source


def on_page_markdown(markdown, page, config, files):
    name = _display_name(page.file, Path(config.config_file_path).parent)
    source = markdown_source.parse(page.file.content_string, name)
    if not lessons.needs_check(page.file.src_uri, source):
        return markdown
    errors = lessons.check_lesson_page(source)
    if errors:
        raise PluginError(
            f"invalid lesson plan ({len(errors)} problem(s)):\n  "
            + "\n  ".join(str(e) for e in errors)
        )
    return markdown


def _display_name(file, project: Path) -> str:
    """The source path relative to the project, as a teacher finds it in the repository."""
    if file.abs_src_path:
        try:
            return Path(file.abs_src_path).relative_to(project).as_posix()
        except ValueError:
            return Path(file.abs_src_path).as_posix()
    return file.src_uri
