"""MkDocs hook: tell the web hosts about headers, redirects and 404 pages.

Thin glue over nyf.hosting. Runs once, after every language is built and the
stylesheet got its fingerprinted name: writes _headers and _redirects
(Netlify, Cloudflare Pages) and nginx.conf (a server of your own) into the site.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from nyf import hosting, redirects
from nyf.build_context import build_context
from nyf.yamlfile import DataError


def _policy_line(config) -> int | None:
    """The line of content_security_policy in mkdocs.yml, for messages."""
    try:
        text = Path(config.config_file_path).read_text(encoding="utf-8")
    except (OSError, TypeError, UnicodeDecodeError):
        return None
    found = re.search(r"^\s*content_security_policy:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _policy(config) -> str | None:
    try:
        return hosting.content_security_policy(
            config.extra.get("content_security_policy"), _policy_line(config)
        )
    except DataError as error:
        raise PluginError(str(error)) from None


def on_config(config):
    # Every page's <meta> carries the policy too: refuse a bad one before any page.
    _policy(config)
    return config


# After hooks/prune_css.py (-300) renamed the stylesheet it writes.
@event_priority(-400)
def on_post_build(config) -> None:
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return
    context = build_context(config)
    site = Path(config.site_dir)
    try:
        plan = hosting.make_plan(
            policy=_policy(config),
            redirects=redirects.load_redirects(context.data_dir / "redirects.yml"),
            languages=context.registry.published(),
            fingerprinted=hosting.fingerprinted_files(site),
            site_url=config.site_url or "/",
        )
    except DataError as error:
        raise PluginError(str(error)) from None
    for name, text in (
        (hosting.HEADERS_FILE, hosting.headers_file(plan)),
        (hosting.REDIRECTS_FILE, hosting.redirects_file(plan)),
        (hosting.NGINX_FILE, hosting.nginx_server_block(plan)),
    ):
        (site / name).write_text(text, encoding="utf-8")
