"""MkDocs hook: serve Material's stylesheet without the rules this site never uses.

Thin glue over nyf.cssprune, once, after every language is built: prune
assets/stylesheets/main.*.min.css, give it a new content-hashed name (so no
browser keeps a stale copy) and point every page at it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from nyf.cssprune import hashed_name, prune_css


# After mkdocs-static-i18n (-100) has built every language, and after the
# other post-build hooks (-200) have written their pages.
@event_priority(-300)
def on_post_build(config) -> None:
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return
    site = Path(config.site_dir)
    styles = site / "assets" / "stylesheets"
    mains = sorted(styles.glob("main.*.min.css"))
    if len(mains) != 1:
        return  # not Material's layout: leave it alone
    main = mains[0]
    pages = sorted(site.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    scripts = "\n".join(
        p.read_text(encoding="utf-8") for p in (site / "assets" / "javascripts").glob("*.js")
    )
    other_css = "\n".join(p.read_text(encoding="utf-8") for p in styles.glob("*.css") if p != main)
    pruned = prune_css(main.read_text(encoding="utf-8"), texts.values(), scripts, other_css)
    new_name = hashed_name(main.name, pruned)
    (styles / new_name).write_text(pruned, encoding="utf-8")
    main.unlink()
    main.with_name(main.name + ".map").unlink(missing_ok=True)
    for page, text in texts.items():
        if main.name in text:
            page.write_text(text.replace(main.name, new_name), encoding="utf-8")
