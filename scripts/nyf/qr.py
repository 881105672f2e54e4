"""QR codes (SVG) for pages that teachers print: lesson plans and helpline pages.

Pure functions over segno; used by scripts/qrcode.py (any page, on demand)
and by overrides/hooks/qr.py (qr.svg next to each page that offers one).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import segno

#: File written next to a page that offers its QR code (page folder/qr.svg).
QR_FILE = "qr.svg"
#: Error correction M (15 %): survives a smudged print or a folded corner
#: without making the code denser than needed for a phone camera.
ERROR_CORRECTION = "m"
#: The quiet zone the QR standard requires around the code, in modules.
QUIET_ZONE = 4
#: Page URLs (relative to the site, optional language folder) that offer a QR code:
#: the lesson plans and the helpline page of each country.
_QR_PAGE = re.compile(
    r"^(?:[a-z]{2}(?:-[A-Za-z0-9]+)*/)?(?:schools/lessons/[^/]+/|helplines/[a-z]{2}/)$"
)


def offers_qr(page_url: str) -> bool:
    """True for ``schools/lessons/ages-9-12/``, ``cs/helplines/cz/`` and the like."""
    return bool(_QR_PAGE.match(page_url.lstrip("/")))


def qr_svg(url: str, title: str | None = None) -> str:
    """A scalable SVG (viewBox only, no fixed size) that encodes ``url``."""
    if not url:
        raise ValueError("expected a URL to encode, found an empty string")
    code = segno.make(url, error=ERROR_CORRECTION, micro=False)
    svg = code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True)
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" role="img" ', 1)
    if title:
        escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        svg = svg.replace(">", f"><title>{escaped}</title>", 1)
    ElementTree.fromstring(svg)  # well-formed, or fail here rather than in a printer
    return svg + "\n"
