"""Print: the PDFs of `make print` (leaflets, posters, lesson packs), planned and composed.

Pure functions, no browser: what to print (:func:`plan`, the same list the
build writes to ``print/pdfs.json``), and the HTML of each one-page document
(poster, leaflet), composed from the built site (the translated help-now page
and ``<lang>/helplines/<cc>.json``), so every word is the site's own,
translated text. scripts/print_pdfs.py prints them with Chromium.

URLs (relative to the site root, the same in every release):

- ``/print/<lang>/help-now-{a4,letter}.pdf``: the one-page help-now leaflet;
- ``/print/<lang>/poster-<cc>-{a4,a3}.pdf``: a poster per country;
- ``/print/<lang>/lesson-<slug>-{a4,letter}.pdf``: a lesson pack (plan, worksheet);
- ``/print/<lang>/lesson-<slug>-<cc>-{a4,letter}.pdf``: the same with the
  country's sources of support appended.
"""

from __future__ import annotations

import copy
import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from .lessons import PARTS
from .qr import qr_svg

#: Folder of the PDFs in the site, and the list the build writes there.
PRINT_DIR = "print"
PDF_LIST = "pdfs.json"
KINDS = ("leaflet", "poster", "lesson", "lesson-country")
#: Paper sizes of each kind. Posters go on walls (A3), lesson packs and
#: leaflets in schools on both sides of the Atlantic (A4, US Letter).
PAPERS = {
    "leaflet": ("a4", "letter"),
    "poster": ("a4", "a3"),
    "lesson": ("a4", "letter"),
    "lesson-country": ("a4", "letter"),
}
#: Width and height in millimetres, and the margin.
PAPER_MM = {"a4": (210.0, 297.0), "a3": (297.0, 420.0), "letter": (215.9, 279.4)}
MARGIN_MM = {"a4": 14.0, "a3": 20.0, "letter": 14.0}
#: Points per millimetre (the unit pypdf reports page sizes in).
PT_PER_MM = 72 / 25.4
CSS_FILE = Path(__file__).with_name("print.css")

_LESSON_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Job:
    """One PDF: its kind, language, paper, and the country or lesson it is for."""

    kind: str
    lang: str
    paper: str
    country: str | None = None
    lesson: str | None = None

    @property
    def name(self) -> str:
        cc = self.country.lower() if self.country else ""
        if self.kind == "leaflet":
            return f"help-now-{self.paper}.pdf"
        if self.kind == "poster":
            return f"poster-{cc}-{self.paper}.pdf"
        if self.kind == "lesson":
            return f"lesson-{self.lesson}-{self.paper}.pdf"
        return f"lesson-{self.lesson}-{cc}-{self.paper}.pdf"

    @property
    def url(self) -> str:
        """The PDF's URL from the site root: /print/cs/poster-cz-a4.pdf."""
        return f"/{PRINT_DIR}/{self.lang}/{self.name}"

    @property
    def one_page(self) -> bool:
        return self.kind in ("leaflet", "poster")


def plan(
    languages: Sequence[str],
    countries: Sequence[str],
    lessons: Sequence[str],
    kinds: Iterable[str] = KINDS,
    lesson_languages: Sequence[str] | None = None,
) -> list[Job]:
    """Every PDF for these languages (URL codes), countries (CZ) and lessons (ages-9-12).

    Lesson packs only in ``lesson_languages`` (default: every language): the
    languages the lessons are translated into. A pack in another language would
    be the English lesson under a translated cover, and thousands more files.
    """
    for code in countries:
        if not _COUNTRY.match(code):
            raise ValueError(f"country {code!r}: expected two capital letters such as CZ")
    for slug in lessons:
        if not _LESSON_SLUG.match(slug):
            raise ValueError(f"lesson {slug!r}: expected a page name such as ages-9-12")
    wanted = set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ValueError(f"unknown kind(s) {names}; expected {', '.join(KINDS)}")
    jobs: list[Job] = []
    for lang in languages:
        if "leaflet" in wanted:
            jobs += [Job("leaflet", lang, paper) for paper in PAPERS["leaflet"]]
        if "poster" in wanted:
            jobs += [Job("poster", lang, p, country=c) for c in countries for p in PAPERS["poster"]]
        for slug in lessons if lesson_languages is None or lang in lesson_languages else []:
            if "lesson" in wanted:
                jobs += [Job("lesson", lang, p, lesson=slug) for p in PAPERS["lesson"]]
            if "lesson-country" in wanted:
                jobs += [
                    Job("lesson-country", lang, p, country=c, lesson=slug)
                    for c in countries
                    for p in PAPERS["lesson-country"]
                ]
    return jobs


def pdf_list(
    languages: Sequence[str],
    countries: Sequence[str],
    lessons: Sequence[str],
    lesson_languages: Sequence[str] | None = None,
) -> dict:
    """The content of print/pdfs.json: the inputs of :func:`plan` and every URL it gives."""
    lesson_languages = list(languages if lesson_languages is None else lesson_languages)
    return {
        "languages": list(languages),
        "countries": list(countries),
        "lessons": list(lessons),
        "lesson_languages": lesson_languages,
        "pdfs": [
            job.url
            for job in plan(languages, countries, lessons, lesson_languages=lesson_languages)
        ],
    }


def read_pdf_list(site_dir: Path) -> dict:
    """print/pdfs.json of a built site; a clear error when the site has none."""
    path = site_dir / PRINT_DIR / PDF_LIST
    if not path.is_file():
        raise FileNotFoundError(f"{path}: not found; build the site first (make build)")
    return json.loads(path.read_text(encoding="utf-8"))


def lesson_slugs(docs_dir: Path, default_language: str) -> list[str]:
    """The lesson plans: every page of schools/lessons/ but its index, in the source language."""
    folder = docs_dir / default_language / "schools" / "lessons"
    return sorted(p.stem for p in folder.glob("*.md") if p.stem != "index")


def select(
    jobs: Iterable[Job],
    languages: Sequence[str] = (),
    countries: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> list[Job]:
    """The jobs for some languages, countries (the country-free kinds stay) and kinds."""
    chosen = []
    for job in jobs:
        if languages and job.lang not in languages:
            continue
        if countries and job.country is not None and job.country not in countries:
            continue
        if kinds and job.kind not in kinds:
            continue
        chosen.append(job)
    return chosen


def check_choice(
    what: str, asked: Sequence[str], known: Sequence[str], among: str = "the site publishes"
) -> str | None:
    """A message naming every unknown language, country or kind the user asked for, or None."""
    unknown = [a for a in asked if a not in known]
    if not unknown:
        return None
    return f"unknown {what} {', '.join(repr(u) for u in unknown)}; {among} {', '.join(known)}"


# ------------------------------------------------------------ the site ----


def page_path(prefix: str, page: str) -> str:
    """The URL path of a page: ``cs/`` + ``help-now/`` -> ``/cs/help-now/``."""
    return f"/{prefix}{page}"


def _article(site_dir: Path, path: str):
    file = site_dir / path.lstrip("/") / "index.html"
    if not file.is_file():
        raise FileNotFoundError(f"{file}: not found; is the site built with this language?")
    tree = lxml_html.fromstring(file.read_bytes())
    found = tree.xpath('//article[contains(@class, "md-content__inner")]')
    if not found:
        raise ValueError(f"{file}: no <article> with the page's content")
    return found[0]


def _absolute_links(element, base_url: str) -> None:
    """Links relative to the page become links to the published site."""
    for anchor in element.iter("a"):
        href = anchor.get("href")
        if href and not href.startswith("#"):
            anchor.set("href", urljoin(base_url, href))


def _drop(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _drop_source_references(element) -> None:
    """[17]-style links to the sources page: noise on paper."""
    for anchor in list(element.iter("a")):
        if re.fullmatch(r"\[\d+\]", (anchor.text_content() or "").strip()):
            _drop(anchor)


@dataclass(frozen=True)
class HelpNow:
    """What the leaflet and the posters take from a language's help-now page."""

    title: str
    lead: str
    steps: list[str]
    #: The leaflet's body: the page from its title to the first details, as HTML.
    body: str
    #: "Find a helpline in your country", the link text of the helpline box.
    find_helpline: str


def help_now(site_dir: Path, prefix: str, site_url: str) -> HelpNow:
    """The help-now page of a language, read from the built site."""
    path = page_path(prefix, "help-now/")
    article = _article(site_dir, path)
    heading = article.find(".//h1")
    lead = next((p for p in article.iter("p") if p.find("strong") is not None), None)
    steps_list = article.find(".//ol")
    if heading is None or lead is None or steps_list is None:
        raise ValueError(f"{path}: expected a title, a bold first line and a list of steps")
    steps = []
    for item in steps_list.iter("li"):
        bold = item.find("strong")
        steps.append((bold if bold is not None else item).text_content().strip())
    fallback = article.xpath('.//*[contains(@class, "nyf-hl__fallback")]//a')
    find_helpline = fallback[0].text_content().strip() if fallback else ""
    # The leaflet: everything from the title to the first "Why?" (details).
    body = copy.deepcopy(article)
    for element in body.xpath(
        './/*[contains(@class, "nyf-notice") or contains(@class, "nyf-hl--first")'
        ' or contains(@class, "nyf-hl__result") or contains(@class, "headerlink")]'
    ):
        _drop(element)
    parts = []
    sections = 0
    for child in list(body):
        if child.tag == "h2":
            sections += 1
        if child.tag == "details" or sections > 1:
            break
        parts.append(child)
    fragment = lxml_html.fragment_fromstring("<div></div>")
    for child in parts:
        fragment.append(child)
    _drop_source_references(fragment)
    _absolute_links(fragment, urljoin(site_url, path.lstrip("/")))
    inner = "".join(lxml_html.tostring(c, encoding="unicode") for c in fragment)
    return HelpNow(
        title=heading.text_content().strip(),
        lead=lead.text_content().strip(),
        steps=steps,
        body=inner,
        find_helpline=find_helpline,
    )


def helpline_data(site_dir: Path, prefix: str, country: str) -> dict[str, Any]:
    """<lang>/helplines/<cc>.json of the built site: one country's services, labelled."""
    file = site_dir / prefix / "helplines" / f"{country.lower()}.json"
    if not file.is_file():
        raise FileNotFoundError(f"{file}: not found; is the site built with this country?")
    return json.loads(file.read_text(encoding="utf-8"))


def lesson_parts(site_dir: Path, prefix: str, lesson: str, base_url: str) -> list[tuple[str, str]]:
    """(URL, HTML) of each part of a lesson plan (nyf.lessons.PARTS), in order.

    A part's title stays, as the heading of its pages in the pack; its first
    paragraph (which part it is, and the next), its translation notice (the
    plan's, at the top of the pack, says it) and what is not printed go.
    Links become absolute to ``base_url`` (the site, or the printer's local copy).
    """
    found = []
    for part in PARTS:
        path = page_path(prefix, f"schools/lessons/{lesson}/{part}/")
        if not (site_dir / path.lstrip("/") / "index.html").is_file():
            continue
        article = copy.deepcopy(_article(site_dir, path))
        for element in article.xpath(
            './/*[contains(@class, "nyf-no-print") or contains(@class, "headerlink")'
            ' or contains(@class, "nyf-notice--translation")]'
        ):
            _drop(element)
        heading = article.find(".//h1")
        if heading is not None:
            following = heading.getnext()
            if following is not None and following.tag == "p":
                _drop(following)
        url = urljoin(base_url, path.lstrip("/"))
        _absolute_links(article, url)
        inner = "".join(lxml_html.tostring(c, encoding="unicode") for c in article)
        found.append((url, inner))
    return found


def helpline_article(site_dir: Path, prefix: str, country: str, site_url: str) -> str:
    """The country's helpline page (the sources-of-support handout), as HTML."""
    path = page_path(prefix, f"helplines/{country.lower()}/")
    article = copy.deepcopy(_article(site_dir, path))
    for element in article.xpath(
        './/*[contains(@class, "nyf-no-print") or contains(@class, "nyf-qr")'
        ' or contains(@class, "headerlink")]'
    ):
        _drop(element)
    # Ids of the appended page must not collide with the lesson's.
    for element in article.xpath(".//*[@id]"):
        element.set("id", f"handout-{element.get('id')}")
    for anchor in article.iter("a"):
        href = anchor.get("href") or ""
        if href.startswith("#"):
            anchor.set("href", f"#handout-{href[1:]}")
    _absolute_links(article, urljoin(site_url, path.lstrip("/")))
    return "".join(lxml_html.tostring(c, encoding="unicode") for c in article)


# ---------------------------------------------------- one-page documents ----


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def short_address(site_url: str) -> str:
    """notyourfault.example.org (with its path, if the site lives in a folder)."""
    parts = urlsplit(site_url)
    return (parts.netloc + parts.path).rstrip("/")


def _document(lang: str, direction: str, title: str, body: str, base: str) -> str:
    css = CSS_FILE.read_text(encoding="utf-8")
    return (
        f'<!doctype html><html lang="{_e(lang)}" dir="{_e(direction)}"><head><meta charset="utf-8">'
        f'<base href="{_e(base)}"><title>{_e(title)}</title><style>{css}</style></head>'
        f"<body>{body}</body></html>"
    )


def _qr_block(url: str, caption: str) -> str:
    svg = qr_svg(url, title=url)
    return (
        f'<figure class="print-qr"><a href="{_e(url)}">{svg}</a><figcaption>'
        f"<span>{_e(caption)}</span>"
        f'<span class="print-url" dir="ltr">{_e(url)}</span></figcaption></figure>'
    )


def _number(href: str, number: str) -> str:
    """A phone number, left to right in every language (116 111, not 111 116)."""
    return f'<a class="print-number" dir="ltr" href="{_e(href)}">{_e(number)}</a>'


def _ways(service: dict[str, Any], labels: dict[str, str]) -> str:
    """How to reach a service: one row per way (label, number or address)."""
    rows = []

    def row(how: str, value: str) -> None:
        rows.append(f'<li><span class="print-how">{_e(how)}</span> <span>{value}</span></li>')

    for phone in service.get("phones", []):
        cost = _e(phone.get("cost", ""))
        note = f' <span class="print-note">({cost})</span>' if cost else ""
        row(labels["call"], _number(phone["tel"], phone["number"]) + note)
    for sms in service.get("sms", []):
        row(labels["text"], _number(sms["sms"], sms["number"]))
    for name in ("chat", "website"):
        if service.get(name):
            shown = _e(short_address(service[name]))
            row(labels[name], f'<a dir="ltr" href="{_e(service[name])}">{shown}</a>')
    hours = f'<p class="print-hours">{_e(service["hours"])}</p>' if service.get("hours") else ""
    return (
        f'<div class="print-service"><p class="print-service__name">{_e(service["name"])}</p>'
        f'<ul class="print-ways">{"".join(rows)}</ul>{hours}</div>'
    )


def poster_html(
    data: dict[str, Any],
    page: HelpNow,
    *,
    hreflang: str,
    direction: str,
    site_name: str,
    site_url: str,
    qr_url: str,
) -> str:
    """A poster for one country: not your fault, the steps, who to call, a QR code."""
    labels = data["labels"]
    help_parts = []
    if data.get("child"):
        cards = "".join(_ways(s, labels) for s in data["child"])
        heading = f"<h2>{_e(labels['child'])}</h2>"
        help_parts.append(f'<section class="print-help">{heading}{cards}</section>')
    crisis = data.get("crisis")
    if crisis and crisis["name"] not in {s["name"] for s in data.get("child", [])}:
        help_parts.append(
            f'<section class="print-help print-help--crisis"><h2>{_e(labels["crisis"])}</h2>'
            f"{_ways(crisis, labels)}</section>"
        )
    elif crisis:
        name = f"<strong>{_e(crisis['name'])}</strong>"
        help_parts.append(f'<p class="print-crisis">{_e(labels["crisis"])} {name}</p>')
    if data.get("emergency"):
        number = data["emergency"]
        help_parts.append(
            f'<p class="print-emergency">{_e(labels["emergency"])} '
            f"{_number(number['tel'], number['number'])}</p>"
        )
    steps = "".join(f"<li>{_e(step)}</li>" for step in page.steps)
    body = (
        f'<main class="print-poster">'
        f'<p class="print-site">{_e(site_name)}</p>'
        f"<h1>{_e(page.lead)}</h1>"
        f'<ol class="print-steps">{steps}</ol>'
        f'<div class="print-helpbox"><p class="print-country">{_e(data["name"])}</p>'
        f"{''.join(help_parts)}</div>"
        f"{_qr_block(qr_url, labels['more'])}"
        f'<p class="print-address" dir="ltr">{_e(short_address(site_url))}</p>'
        f"</main>"
    )
    title = f"{page.lead} – {data['name']}"
    return _document(hreflang, direction, title, body, qr_url)


def leaflet_html(
    page: HelpNow,
    *,
    hreflang: str,
    direction: str,
    site_name: str,
    site_url: str,
    page_url: str,
    qr_url: str,
) -> str:
    """The help-now leaflet: the page's first screen, and a QR code to the helplines."""
    body = (
        f'<main class="print-leaflet md-typeset">'
        f'<p class="print-site">{_e(site_name)}</p>'
        f"{page.body}"
        f"{_qr_block(qr_url, page.find_helpline)}"
        f'<p class="print-address" dir="ltr">{_e(short_address(site_url))}</p>'
        f"</main>"
    )
    title = f"{page.title} – {site_name}"
    return _document(hreflang, direction, title, body, page_url)


# ------------------------------------------------- links from the pages ----

Gettext = Callable[[str], str]


def paper_name(_: Gettext, paper: str) -> str:
    if paper == "letter":
        # Translators: the US paper size, in links to a PDF (the other link says A4).
        return _("US Letter")
    return paper.upper()


def _links(
    _: Gettext, jobs: Iterable[Job], relative: Callable[[str], str], page_lang: str | None = None
) -> str:
    """Links to PDFs; one in another language than the page's says so (hreflang)."""
    links = []
    for job in jobs:
        name = _e(paper_name(_, job.paper))
        other = f' hreflang="{_e(job.lang)}"' if page_lang and job.lang != page_lang else ""
        links.append(f'<a href="{_e(relative(job.url))}" type="application/pdf"{other}>{name}</a>')
    return " · ".join(links)


def lesson_links(
    _: Gettext,
    lang: str,
    lesson: str,
    relative: Callable[[str], str],
    helplines_url: str,
    page_lang: str | None = None,
) -> str:
    """The line atop a lesson plan: its pack as PDF (in ``lang``), and the country packs."""
    jobs = plan([lang], [], [lesson], kinds=["lesson"])
    # Translators: on a lesson plan, before the links to the lesson as a PDF, in A4 and US Letter.
    label = _("Lesson pack (PDF):")
    # Translators: on a lesson plan: link to the helpline pages, where each country's page offers
    # the lesson pack with that country's helplines.
    country = _("With the helplines of your country")
    return (
        f'<p class="nyf-print-links nyf-no-print">{_e(label)} '
        f"{_links(_, jobs, relative, page_lang)}"
        f' · <a href="{_e(helplines_url)}">{_e(country)}</a></p>'
    )


def country_links(
    _: Gettext,
    lang: str,
    country: str,
    lessons: Sequence[str],
    relative: Callable[[str], str],
    lesson_lang: str | None = None,
) -> str:
    """The list atop a country's helpline page: its poster and lesson packs as PDF.

    The packs are in ``lesson_lang`` (default ``lang``): English where the
    lessons are not translated, and the links say so.
    """
    lesson_lang = lesson_lang or lang
    # Translators: on a country's helpline page, before the links to a poster of its helplines
    # (PDF, A4 and A3).
    poster = _("Poster (PDF):")
    items = [f"{_e(poster)} {_links(_, plan([lang], [country], [], ['poster']), relative)}"]
    for lesson in lessons:
        ages = lesson.removeprefix("ages-").replace("-", "–")
        # Translators: on a country's helpline page, before the links to a lesson plan with these
        # helplines (PDF, A4 and US Letter). {ages} is an age range such as 9–12.
        label = _("Lesson pack, ages {ages} (PDF):").format(ages=ages)
        jobs = plan([lesson_lang], [country], [lesson], ["lesson-country"])
        items.append(f"{_e(label)} {_links(_, jobs, relative, lang)}")
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="nyf-print-links nyf-no-print">{rows}</ul>'
