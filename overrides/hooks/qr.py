"""MkDocs hook: a printable QR code (qr.svg) next to each lesson and helpline page.

Thin glue over nyf.qr; partials/qr.html shows it (in print only) and offers
it for download. Which pages get one: nyf.qr.offers_qr.
"""

from __future__ import annotations

from pathlib import Path

from nyf import qr
from nyf.site_i18n import absolute_url


def on_page_context(context, page, config, nav):
    if qr.offers_qr(page.url):
        url = absolute_url(config.site_url or "/", page.url)
        context["nyf_qr"] = {"src": qr.QR_FILE, "url": url, "name": _download_name(page.url)}
    return context


def on_post_page(output: str, page, config) -> str:
    if qr.offers_qr(page.url):
        url = absolute_url(config.site_url or "/", page.url)
        target = Path(page.file.abs_dest_path).parent / qr.QR_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(qr.qr_svg(url, title=url), encoding="utf-8")
    return output


def _download_name(page_url: str) -> str:
    slug = page_url.strip("/").replace("/", "-") or "home"
    return f"notyourfault-{slug}-qr.svg"
