"""MkDocs hook: escaped titles, valid markup around Material, an inline icon.

Thin glue over nyf.theme_markup (which says why each step is needed).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from nyf.build_context import build_context
from nyf.theme_markup import escaped_title, fix_material_markup, inline_icon, plain_text_errors


def on_env(env, config, files):
    for folder in config.theme.dirs:
        icon = inline_icon(Path(folder) / config.theme["favicon"])
        if icon:
            env.globals["nyf_favicon"] = icon
            break
    edition = build_context(config).edition
    if edition is not None and edition.logo_svg:
        # An edition's logo is its icon too (checked by nyf.edition.check_svg).
        env.globals["nyf_favicon"] = "data:image/svg+xml," + quote(edition.logo_svg, safe="=:/'")
    return env


def on_page_markdown(markdown: str, page, config, files) -> str:
    errors = plain_text_errors(page.meta, page.file.content_string, page.file.src_path)
    if errors:
        raise PluginError("\n".join(errors))
    return markdown


# Last, once the page's title is known (front matter or its first heading).
@event_priority(-100)
def on_page_content(html: str, page, config, files) -> str:
    page.meta["title"] = escaped_title(page.title)
    return html


def on_post_page(output: str, page, config) -> str:
    return fix_material_markup(output)


# Before hooks/i18n.py keeps the default language's 404 page (priority 0).
@event_priority(50)
def on_post_template(output: str, template_name: str, config) -> str:
    return fix_material_markup(output) if template_name == "404.html" else output
