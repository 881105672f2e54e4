"""MkDocs hook: country variants of advice (nyf.country_blocks says how they work).

Every variant is rendered; those that do not apply to the edition's default
country are hidden. A page with a block loads assets/javascripts/country.js
(main.html), which shows the variant of the country the reader chose.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from nyf import country_blocks
from nyf.build_context import build_context
from nyf.yamlfile import DataError

#: page.meta key: the page has a country block, so it loads country.js.
META_KEY = "nyf_country_blocks"


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not country_blocks.has_blocks(markdown):
        return markdown
    edition = build_context(config).edition
    country = edition.default_country if edition is not None else None
    try:
        rendered = country_blocks.render(markdown, f"docs/{page.file.src_uri}", country)
    except DataError as error:
        raise PluginError(str(error)) from None
    page.meta[META_KEY] = True
    return rendered
