"""Join our small CSS and JS parts into one file each, to save requests.

A reader on a slow phone pays for every request. Each component keeps its own
file in overrides/assets/{stylesheets,javascripts}/nyf/ and the build serves
them as one site.css and one site.js, in file-name order.
"""

from __future__ import annotations

from collections.abc import Iterable

import rjsmin

from nyf.cssprune import minify_css

#: Folders of parts, and the one file each is served as.
BUNDLES = {
    "assets/stylesheets/nyf/": "assets/stylesheets/site.css",
    "assets/javascripts/nyf/": "assets/javascripts/site.js",
    # Only on pages with a country block (hooks/country_blocks.py, main.html).
    "assets/javascripts/country/": "assets/javascripts/country.js",
}


def bundle_target(src_uri: str) -> str | None:
    """The bundle a theme file belongs to, or None."""
    for prefix, target in BUNDLES.items():
        if src_uri.startswith(prefix) and "/" not in src_uri[len(prefix) :]:
            return target
    return None


def join_parts(parts: Iterable[tuple[str, str]]) -> str:
    """Concatenate (name, text) parts in name order, each headed by its name.

    Comments and indentation are for the people who edit the parts, not for a
    reader's download: CSS parts are minified, JavaScript parts lose their
    comments and the whitespace the code does not need (rjsmin: it renames
    nothing and does not rewrite the code).
    """
    return "\n".join(
        f"/* {name} */\n{_compact(name, text).rstrip()}\n" for name, text in sorted(parts)
    )


def _compact(name: str, text: str) -> str:
    if name.endswith(".css"):
        return minify_css(text)
    if name.endswith(".js"):
        return rjsmin.jsmin(text)
    return text
