"""Markup fixes around Material's templates: escaped titles, valid HTML, lighter pages.

Pure functions for overrides/hooks/theme_markup.py:

- Titles and descriptions come from front matter, which translators write:
  MkDocs' Jinja environment does not autoescape, and Material prints page
  titles without escaping in the nav, the header and the footer, so a title
  is made escaped text (``Markup``) once, before any template sees it.
- A title or description that is not plain text (a list, a number) is an
  error with its file and line, not a page that shows "['a', 'b']".
- Material 9.8.1's base.html marks its two checkbox toggles
  ``autocomplete="off"``, which HTML allows only on text-like inputs; no
  block covers those lines, so the attribute is removed from the output
  (tests/test_theme_copies.py fails if Material's markup changes).
- Markdown's table alignment (``|---:|``) writes ``style="text-align: …"``,
  which a Content-Security-Policy without 'unsafe-inline' styles refuses: it
  becomes a class (``nyf-align-right``) that our stylesheet defines.
- Indentation between tags is dropped (about 1 KB gzip a page); pages with
  ``<pre>`` or ``<textarea>``, where white space is content, are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup, escape

from nyf import markdown_source
from nyf.markdown_source import MarkdownSource, describe

#: Front-matter fields that are shown as text in the page head or the nav.
PLAIN_TEXT_FIELDS = ("title", "description")
#: Material 9.8.1 base.html's toggles, exactly as it writes them.
MATERIAL_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
    'autocomplete="off">',
)
_ALIGN_STYLE = re.compile(r'<(td|th) style="text-align: (left|right|center);"')
_INDENT = re.compile(r"\n\s+")  # indentation and blank lines
_WHITESPACE_IS_CONTENT = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)


def escaped_title(title: str | None) -> Markup | None:
    """A page or section title as escaped text; an already escaped one is kept."""
    return None if title is None else escape(title)


def plain_text_problems(meta: dict, source: MarkdownSource) -> list[tuple[int, str]]:
    """(line, message) for each front-matter field that must be plain text and is not."""
    return [
        (
            source.key_line(key),
            f"{key}: found {describe(meta[key])}, expected plain text on one line, "
            f'such as {key}: "Help now"',
        )
        for key in PLAIN_TEXT_FIELDS
        if key in meta and not (isinstance(meta[key], str) and meta[key].strip())
    ]


def plain_text_errors(meta: dict, source: str, path: str) -> list[str]:
    """One message per front-matter field that must be plain text and is not."""
    parsed = markdown_source.parse(source, path)
    return [f"{path}:{line} {message}" for line, message in plain_text_problems(meta, parsed)]


def fix_material_markup(html: str) -> str:
    """Valid HTML for Material's toggles, no style attributes, no indentation or blank lines."""
    for toggle in MATERIAL_TOGGLES:
        html = html.replace(toggle, toggle.replace(' autocomplete="off"', ""))
    html = _ALIGN_STYLE.sub(r'<\1 class="nyf-align-\2"', html)
    if not _WHITESPACE_IS_CONTENT.search(html):
        html = _INDENT.sub("\n", html)
    return html


def inline_icon(path: Path) -> str | None:
    """An SVG icon as a data: URL (no request on first view), or None for other files."""
    if path.suffix != ".svg" or not path.is_file():
        return None
    svg = " ".join(path.read_text(encoding="utf-8").split())
    return "data:image/svg+xml," + quote(svg, safe="=:/'")
