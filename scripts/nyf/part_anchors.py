"""Old anchors of a page whose sections moved to part pages keep working.

When a long page is split (the list of sources went to ``about/sources/list-1/``
and its neighbours), links published before the split still point to
``about/sources/#source-3``. A page that sets ``part_anchors: true`` in its
front matter gets, in front of its first link to each part page (a page one
level below it: the first without a ``#``, as in a list of the parts), an
empty element for every explicit id of that part. An old link then lands on
the link that leads to the part, without JavaScript.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping

_HREF = re.compile(r'<a\s[^>]*?href="([^"#]*)(#[^"]*)?"')
_ID = re.compile(r'\sid="([^"]+)"')


def is_part(parent_url: str, url: str) -> bool:
    """True when ``url`` is one level below ``parent_url`` (both site-relative, ``a/b/``)."""
    if not parent_url or not url.startswith(parent_url) or url == parent_url:
        return False
    return url[len(parent_url) :].strip("/").count("/") == 0


def _target(page_url: str, href: str) -> str:
    joined = posixpath.normpath(posixpath.join("/" + page_url, href))
    return joined.lstrip("/") + ("/" if href.endswith("/") or href == "" else "")


def add_anchors(content: str, page_url: str, parts: Mapping[str, Iterable[str]]) -> str:
    """``content`` with, before the link to each part URL, an empty span per id."""
    present = set(_ID.findall(content))
    chosen: dict[str, int] = {}  # part URL -> where its link starts
    for match in _HREF.finditer(content):
        target = _target(page_url, match.group(1))
        if target not in parts:
            continue
        if target not in chosen or (not match.group(2) and _has_fragment(content, chosen[target])):
            chosen[target] = match.start()
    out = []
    last = 0
    for target, start in sorted(chosen.items(), key=lambda item: item[1]):
        ids = [i for i in parts[target] if i not in present]
        present.update(ids)
        out.append(content[last:start])
        out.append("".join(f'<span id="{html.escape(i)}"></span>' for i in ids))
        last = start
    out.append(content[last:])
    return "".join(out)


def _has_fragment(content: str, start: int) -> bool:
    match = _HREF.match(content, start)
    return bool(match and match.group(2))
