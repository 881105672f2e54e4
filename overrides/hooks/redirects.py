"""MkDocs hook: write a redirect page at each old URL of data/redirects.yml.

Thin glue over nyf.redirects. Runs once, after every language is built.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from nyf import redirects
from nyf.build_context import build_context
from nyf.yamlfile import DataError


# After mkdocs-static-i18n (-100) has built every language into site_dir.
@event_priority(-200)
def on_post_build(config) -> None:
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return
    context = build_context(config)
    try:
        registry = context.registry
        moved = redirects.load_redirects(context.data_dir / "redirects.yml")
    except DataError as error:
        raise PluginError(str(error)) from None
    site = Path(config.site_dir)
    try:
        pages = redirects.redirect_pages(
            moved,
            registry.published(),
            config.site_url or "/",
            lambda language: context.translations(language.locale).gettext,
        )
    except DataError as error:
        raise PluginError(str(error)) from None
    for r in moved:
        if not (site / r.new / "index.html").is_file():
            message = (
                f"found {r.new!r}, which is not a page of the site; "
                "expected the path of an existing page, such as help-now/evidence/"
            )
            raise PluginError(str(r.error(message)))
    for path, text in pages.items():
        target = site / path
        if target.is_file():
            old = path.removesuffix("index.html")
            r = max((r for r in moved if old.endswith(r.old)), key=lambda r: len(r.old))
            message = (
                f"/{old} is still a page; expected an old path "
                "that is no longer a page (remove the redirect or the page)"
            )
            raise PluginError(str(r.error(message)))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
