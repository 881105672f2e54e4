"""MkDocs hook: one stylesheet per page, without the rules this site never uses.

Thin glue over nyf.cssprune, once, after every language is built: prune
Material's main and palette stylesheets, join them with ours (site.css) into
one file with a content-hashed name (so no browser keeps a stale copy), and
point every page at it. One request instead of three. The rules of search
results go to search.css, which the page fetches only with the search.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from nyf.cssprune import (
    SEARCH_OUTPUT_CLASSES,
    drop_unused_keyframes,
    hashed_name,
    prune_css,
    split_css,
    theme_script_names,
)

#: Our stylesheet (hooks/assets.py), which becomes the only one of every page.
SITE_CSS = "site.css"
#: The search results' rules, loaded with the search (12-deferred-requests.js).
SEARCH_CSS = "search.css"


# After mkdocs-static-i18n (-100) has built every language, and after the
# other post-build hooks (-200) have written their pages.
@event_priority(-300)
def on_post_build(config) -> None:
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return
    site = Path(config.site_dir)
    styles = site / "assets" / "stylesheets"
    scripts = site / "assets" / "javascripts"
    mains = sorted(styles.glob("main.*.min.css"))
    ours = styles / SITE_CSS
    if len(mains) != 1 or not ours.is_file():
        return  # not Material's layout: leave it alone
    theme = mains + sorted(styles.glob("palette.*.min.css"))
    pages = sorted(site.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    our_css = ours.read_text(encoding="utf-8")
    our_js = "\n".join(p.read_text(encoding="utf-8") for p in scripts.glob("site*.js"))
    bundle = "\n".join(p.read_text(encoding="utf-8") for p in scripts.glob("bundle.*.js"))
    pruned = prune_css(
        "".join(p.read_text(encoding="utf-8") for p in theme),
        texts.values(),
        our_js + "\n" + theme_script_names(bundle),
        other_css=our_css,
        prune_elements=True,
    )
    first_view, search = split_css(drop_unused_keyframes(pruned), SEARCH_OUTPUT_CLASSES)
    renames = {}
    for name, text in ((SITE_CSS, f"{first_view}\n{our_css}"), (SEARCH_CSS, search)):
        renames[f"assets/stylesheets/{name}"] = f"assets/stylesheets/{hashed_name(name, text)}"
        (site / renames[f"assets/stylesheets/{name}"]).write_text(text, encoding="utf-8")
    for old in [*theme, ours]:
        old.unlink()
        old.with_name(old.name + ".map").unlink(missing_ok=True)
    for page, text in texts.items():
        changed = text
        for before, after in renames.items():
            changed = changed.replace(before, after)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
