"""Print the PDFs planned by nyf.printing with Chromium (Playwright, Debian's chromium).

Chromium rather than WeasyPrint: it lays out right-to-left text and the
site's own print stylesheets exactly as the browser does, writes tagged PDFs
(structure tree, /Lang from <html lang>, title, outline), embeds the fonts
(subsets of Debian's Noto), and prints a page in well under a second.

The site is served on 127.0.0.1 for the lesson packs (the lesson page with its
own CSS); the one-page documents are composed in memory. Every link in a PDF
points to the published site, never to the local server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from . import printing
from .languages import Language
from .localserver import serve

CHROMIUM = os.environ.get("NYF_CHROMIUM", "/usr/bin/chromium")
#: No background services: they would try (and fail) to reach Google's hosts.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PX_PER_MM = 96 / 25.4
#: Font sizes tried, largest first, until a one-page document fits its page.
FIT_SIZES_PT = [20 - 0.5 * step for step in range(27)]
#: Added to a lesson page before printing: Noto everywhere (embedded), the
#: country's handout on a page of its own.
LESSON_CSS = """
body, input, button, .md-typeset {
  font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", sans-serif !important;
  font-variant-ligatures: no-common-ligatures;
}
.nyf-print-handout, .nyf-print-part { break-before: page; }
.nyf-qr__download, .nyf-quick-exit, [data-nyf-quick-exit] { display: none !important; }
"""
#: Appends the plan's parts and the country's handout to the lesson; a link to
#: a section of the pack goes to that section, every other link to the
#: published site (arguments: parts as [URL, HTML], handout HTML or null, the
#: handout's lang and dir, the title, the local origin, the site URL).
_PREPARE_LESSON = """
([parts, handout, lang, dir, title, local, site]) => {
  const article = document.querySelector("article.md-content__inner");
  const inPack = new Set([location.href.split("#")[0]]);
  for (const [url, html] of parts) {
    const section = document.createElement("section");
    section.className = "nyf-print-part";
    section.innerHTML = html;
    article.appendChild(section);
    inPack.add(url);
  }
  if (handout !== null) {
    const section = document.createElement("section");
    section.className = "nyf-print-handout";
    section.lang = lang;
    section.dir = dir;
    section.innerHTML = handout;
    article.appendChild(section);
    document.title = title;
  }
  for (const a of document.querySelectorAll("a[href]")) {
    const raw = a.getAttribute("href");
    if (raw.startsWith("#")) continue;
    const [page, hash] = a.href.split("#");
    if (hash && inPack.has(page) && document.getElementById(hash)) {
      a.setAttribute("href", "#" + hash);
      continue;
    }
    if (a.href.startsWith(local)) a.setAttribute("href", site + a.href.slice(local.length));
  }
}
"""


@dataclass(frozen=True)
class Context:
    """What the printer needs to know about the site, besides the built files."""

    site_dir: Path
    site_url: str
    site_name: str
    languages: dict[str, Language]


@dataclass(frozen=True)
class Printed:
    job: printing.Job
    path: Path
    seconds: float
    size: int


def _margin(paper: str) -> dict[str, str]:
    mm = f"{printing.MARGIN_MM[paper]}mm"
    return {"top": mm, "bottom": mm, "left": mm, "right": mm}


def _pdf_options(paper: str) -> dict:
    width, height = printing.PAPER_MM[paper]
    return {
        "width": f"{width}mm",
        "height": f"{height}mm",
        "margin": _margin(paper),
        "print_background": True,
        "tagged": True,
        "outline": True,
    }


def _fit_one_page(page, paper: str) -> None:
    """The largest type (of FIT_SIZES_PT, scaled up for A3) at which the page fits."""
    width, height = printing.PAPER_MM[paper]
    margin = printing.MARGIN_MM[paper]
    inner_w = (width - 2 * margin) * PX_PER_MM
    inner_h = (height - 2 * margin) * PX_PER_MM * 0.98
    factor = width / printing.PAPER_MM["a4"][0] if paper == "a3" else 1.0
    page.set_viewport_size({"width": int(inner_w), "height": int(inner_h)})

    def fits(size: float) -> bool:
        page.evaluate(
            "s => document.documentElement.style.setProperty('--print-size', s)",
            f"{size * factor:.2f}pt",
        )
        return page.evaluate("() => document.body.getBoundingClientRect().height") <= inner_h

    sizes = sorted(FIT_SIZES_PT)  # smallest first: find the largest that fits
    low, high = 0, len(sizes) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(sizes[middle]):
            low = middle
        else:
            high = middle - 1
    fits(sizes[low])


_HELP_NOW: dict[tuple[Path, str, str], printing.HelpNow] = {}


def _help_now(ctx: Context, prefix: str) -> printing.HelpNow:
    key = (ctx.site_dir, prefix, ctx.site_url)
    if key not in _HELP_NOW:
        _HELP_NOW[key] = printing.help_now(ctx.site_dir, prefix, ctx.site_url)
    return _HELP_NOW[key]


def _one_page(page, ctx: Context, job: printing.Job, local: str) -> bytes:
    lang = ctx.languages[job.lang]
    prefix = lang.url_prefix
    site_name = lang.site_name or ctx.site_name
    help_now = _help_now(ctx, prefix)
    if job.kind == "poster":
        data = printing.helpline_data(ctx.site_dir, prefix, job.country)
        qr_url = urljoin(ctx.site_url, f"{prefix}helplines/{job.country.lower()}/")
        document = printing.poster_html(
            data,
            help_now,
            hreflang=lang.hreflang,
            direction=lang.dir,
            site_name=site_name,
            site_url=ctx.site_url,
            qr_url=qr_url,
        )
    else:
        document = printing.leaflet_html(
            help_now,
            hreflang=lang.hreflang,
            direction=lang.dir,
            site_name=site_name,
            site_url=ctx.site_url,
            page_url=urljoin(ctx.site_url, f"{prefix}help-now/"),
            qr_url=urljoin(ctx.site_url, f"{prefix}helplines/"),
        )
    page.emulate_media(media="print")
    page.set_content(document, wait_until="load")
    _fit_one_page(page, job.paper)
    return page.pdf(**_pdf_options(job.paper))


def _lesson(page, ctx: Context, job: printing.Job, local: str) -> bytes:
    lang = ctx.languages[job.lang]
    prefix = lang.url_prefix
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 800, "height": 1100})
    page.goto(urljoin(local, f"{prefix}schools/lessons/{job.lesson}/"), wait_until="load")
    page.add_style_tag(content=LESSON_CSS)
    handout = title = None
    if job.country:
        handout = printing.helpline_article(ctx.site_dir, prefix, job.country, ctx.site_url)
        name = printing.helpline_data(ctx.site_dir, prefix, job.country)["name"]
        title = f"{page.title()} – {name}"
    parts = printing.lesson_parts(ctx.site_dir, prefix, job.lesson, local)
    page.evaluate(
        _PREPARE_LESSON, [parts, handout, lang.hreflang, lang.dir, title, local, ctx.site_url]
    )
    return page.pdf(**_pdf_options(job.paper))


def compact(path: Path) -> None:
    """Pack the PDF's objects into compressed streams with qpdf (about half the size).

    The tags (a structure element per paragraph, cell and link) are most of a
    lesson pack's bytes as Chromium writes them; qpdf keeps them, and the
    language, title and outline, and only changes how they are stored.
    Without qpdf (scripts/install_print_tools.sh installs it) the PDF stays as printed.
    """
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        return
    result = subprocess.run(
        [qpdf, "--object-streams=generate", "--recompress-flate", "--compression-level=9",
         "--replace-input", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if result.returncode not in (0, 3):  # 3: done, with warnings
        raise OSError(f"qpdf could not compact {path}: {result.stderr.strip()}")


def print_jobs(
    ctx: Context,
    out_dir: Path,
    jobs: Iterable[printing.Job],
    progress: Callable[[Printed], None] | None = None,
) -> list[Printed]:
    """Print ``jobs`` into ``out_dir/<lang>/<name>``; one Chromium, one tab, in order."""
    from playwright.sync_api import sync_playwright

    done: list[Printed] = []
    with serve(ctx.site_dir) as local, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(bypass_csp=True)
            # Nothing leaves the machine: only the local copy of the site loads.
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(local) or route.request.url.startswith("data:")
                    else route.abort()
                ),
            )
            page = context.new_page()
            for job in jobs:
                start = time.perf_counter()
                print_one = _one_page if job.one_page else _lesson
                pdf = print_one(page, ctx, job, local)
                path = out_dir / job.lang / job.name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(pdf)
                compact(path)
                printed = Printed(job, path, time.perf_counter() - start, path.stat().st_size)
                done.append(printed)
                if progress:
                    progress(printed)
        finally:
            browser.close()
    return done


def _print_chunk(ctx: Context, out_dir: Path, jobs: list[printing.Job], quiet: bool):
    def say(done: Printed) -> None:
        if not quiet:
            print(f"{done.path}  {done.size // 1024} KB  {done.seconds:.2f} s", flush=True)

    return print_jobs(ctx, out_dir, jobs, say)


def print_parallel(
    ctx: Context, out_dir: Path, jobs: list[printing.Job], workers: int, quiet: bool = False
) -> list[Printed]:
    """Print ``jobs`` with ``workers`` Chromiums side by side (one process each)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        return _print_chunk(ctx, out_dir, jobs, quiet)
    chunks = [jobs[index::workers] for index in range(workers)]
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=spawn) as pool:
        count = len(chunks)
        results = pool.map(_print_chunk, [ctx] * count, [out_dir] * count, chunks, [quiet] * count)
        return [printed for chunk in results for printed in chunk]
