"""Join our small CSS and JS parts into one file each, to save requests.

A reader on a slow phone pays for every request. Each component keeps its own
file in overrides/assets/{stylesheets,javascripts}/nyf/ and the build serves
them as one site.css and one site.js, in file-name order.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Folders of parts, and the one file each is served as.
BUNDLES = {
    "assets/stylesheets/nyf/": "assets/stylesheets/site.css",
    "assets/javascripts/nyf/": "assets/javascripts/site.js",
}


def bundle_target(src_uri: str) -> str | None:
    """The bundle a theme file belongs to, or None."""
    for prefix, target in BUNDLES.items():
        if src_uri.startswith(prefix) and "/" not in src_uri[len(prefix) :]:
            return target
    return None


def join_parts(parts: Iterable[tuple[str, str]]) -> str:
    """Concatenate (name, text) parts in name order, each headed by its name."""
    return "\n".join(f"/* {name} */\n{text.rstrip()}\n" for name, text in sorted(parts))


def static_host_headers(content_security_policy: str) -> str:
    """A ``_headers`` file (Netlify, Cloudflare Pages) with our security headers."""
    return (
        "/*\n"
        f"  Content-Security-Policy: {content_security_policy}; frame-ancestors 'none'\n"
        "  Referrer-Policy: no-referrer\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Permissions-Policy: geolocation=(), camera=(), microphone=(), interest-cohort=()\n"
    )
