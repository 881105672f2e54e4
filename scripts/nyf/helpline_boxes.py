"""The helpline boxes: get-help, first-screen, crisis and support-handout.

Pure functions; overrides/hooks/helplines.py calls them. Each box is small
HTML in the page (a few hundred bytes plus a <select> of localised country
names) and a container that 40-get-help.js fills, once the reader has chosen
a country, from that country's small JSON (helplines/<cc>.json in the
reader's language, made by :func:`country_data`). Nothing is fetched before a
choice. Every value from data or catalogs is escaped here or set with
textContent in the script.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from .helpline_pages import Labels, country_first, country_name, sorted_country_codes
from .helplines import (
    INTERNATIONAL,
    Directory,
    applies_in,
    crisis_line,
    emergency_phone,
    is_always_open,
)

#: The markers content pages use, each on a line of its own, and the box each becomes.
MARKERS = {
    "<!-- helplines:first-screen -->": "first",
    "<!-- helplines:crisis -->": "crisis",
    "<!-- helplines:support-handout -->": "handout",
    "<!-- helplines:report -->": "report",
    "<!-- helplines:remove -->": "remove",
}
_MARKER_LINE = re.compile(
    r"^[ \t]*(" + "|".join(re.escape(m) for m in MARKERS) + r")[ \t]*$", re.MULTILINE
)
#: Child helplines in a box; more would crowd a phone screen.
MAX_CHILD_HELPLINES = 2


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def country_options(
    directory: Directory, labels: Labels, first: str | None = None
) -> list[dict[str, str]]:
    """The countries of the chooser, named and sorted the reader's way (``first`` first)."""
    codes = sorted_country_codes(
        (c for c in directory.countries if c != INTERNATIONAL), labels.locale
    )
    codes = country_first(codes, first)
    return [{"code": code, "name": country_name(code, labels.locale)} for code in codes]


def _chooser(box_id: str, options: list[dict[str, str]], labels: Labels) -> str:
    _ = labels.gettext
    items = "".join(f'<option value="{_e(o["code"])}">{_e(o["name"])}</option>' for o in options)
    return (
        f'<p class="nyf-hl__choose nyf-no-print" hidden data-nyf-hl-choose>'
        # Translators: label of the country list in the helpline boxes.
        f'<label for="{box_id}-country">{_e(_("Your country"))}</label> '
        f'<select id="{box_id}-country" data-nyf-hl-select>'
        # Translators: first entry of the country list in the helpline boxes, before a country is
        # chosen.
        f'<option value="">{_e(_("Choose your country"))}</option>{items}</select></p>'
    )


def render_box(
    kind: str,
    index: int,
    labels: Labels,
    options: list[dict[str, str]],
    data_url: str,
    directory_url: str,
) -> str:
    """One marker's box, on one line (a raw HTML block for Markdown).

    ``index`` numbers the boxes of a kind on one page, so ids and landmark
    names stay unique; ``data_url`` is the page-relative helplines/ folder of
    the reader's language, ``directory_url`` the directory page.
    """
    _ = labels.gettext
    box_id = f"nyf-hl-{kind}-{index}"
    data = f'data-nyf-hl="{kind}" data-nyf-hl-src="{_e(data_url)}"'
    result = '<div class="nyf-hl__result" data-nyf-hl-result aria-live="polite"></div>'

    def section(classes: str, title: str, link: str) -> str:
        """A box with a heading, the country chooser and a link to the directory."""
        return (
            f'<section class="nyf-hl {classes}" aria-labelledby="{box_id}" {data}>'
            f'<h2 class="nyf-hl__title" id="{box_id}">{_e(title)}</h2>'
            f"{_chooser(box_id, options, labels)}{result}"
            f'<p class="nyf-hl__fallback" data-nyf-hl-fallback>'
            f'<a href="{_e(directory_url)}">{_e(link)}</a></p></section>'
        )

    if kind == "first":
        # Translators: heading of the small box near the top of the home page with the reader's
        # helpline and crisis line.
        title = _("Someone to talk to, now")
        # Translators: link in the helpline boxes, shown before a country is chosen and without
        # JavaScript.
        link = _("Find a helpline in your country")
        return section("nyf-hl--first nyf-no-print", title, link)
    if kind == "crisis":
        # Translators: first line of the crisis box on pages that mention danger or self-harm.
        lead = _("In danger, or thinking of hurting yourself?")
        # Translators: in the crisis box before a country is chosen (or when no line is sourced for
        # it).
        call = _("Call your emergency number: 112 across Europe.")
        # Translators: link in the crisis box to the helpline directory.
        link = _("Find a line to talk to in your country")
        return (
            f'<div class="nyf-hl nyf-hl--crisis" role="note" {data}>'
            f'<p class="nyf-hl__lead"><strong>{_e(lead)}</strong></p>{result}'
            f'<p class="nyf-hl__fallback" data-nyf-hl-fallback>{_e(call)} '
            f'<a href="{_e(directory_url)}">{_e(link)}</a></p></div>'
        )
    if kind == "handout":
        # Translators: heading of the printable list of support contacts on lesson pages.
        title = _("Where to get help: contacts to print")
        # Translators: in the printable support box when no country is chosen (or without
        # JavaScript).
        link = _("Choose your country in the helpline directory and print its page")
        return section("nyf-hl--handout", title, link)
    if kind in ("report", "remove"):
        # help-now/report and help-now/remove-images: the chosen country's police, reporting
        # hotline and removal services (helplines/<cc>.json), only those that apply there.
        if kind == "report":
            # Translators: heading of the box on the "report it" page with the police and the
            # reporting hotline of the reader's country.
            title = _("Report it in your country")
        else:
            # Translators: heading of the box on the "remove images" page with the services that
            # remove images, and the reporting hotline, for the reader's country.
            title = _("Get images removed in your country")
        # Translators: link in the get-help box to the list of helplines of every country.
        link = _("Helplines in every country")
        return section(f"nyf-hl--{kind}", title, link)
    raise ValueError(f"unknown helpline box {kind!r}; expected one of {sorted(MARKERS.values())}")


def replace_markers(markdown: str, render: Callable[[str, int], str]) -> str:
    """Replace each marker line with ``render(kind, index)``; index counts per kind."""
    counts: dict[str, int] = {}

    def box(match: re.Match[str]) -> str:
        kind = MARKERS[match.group(1)]
        counts[kind] = counts.get(kind, 0) + 1
        return "\n" + render(kind, counts[kind]) + "\n"

    return _MARKER_LINE.sub(box, markdown)


# ------------------------------------------------------ per-country data ----


def _compact(service: dict[str, Any], labels: Labels) -> dict[str, Any]:
    out: dict[str, Any] = {"name": service["name"], "always": is_always_open(service)}
    phones = [p for p in service.get("phones", []) if p.get("purpose", "main") == "main"]
    if phones:
        out["phones"] = [
            {
                "number": p.get("display", p["number"]),
                "tel": p["tel"],
                **({"cost": labels.cost(p["cost"])} if "cost" in p else {}),
            }
            for p in phones
        ]
    if service.get("sms"):
        out["sms"] = [{"number": s["number"], "sms": s["sms"]} for s in service["sms"]]
    for name in ("chat", "website", "report_url"):
        if name in service:
            out[name] = service[name]
    if "hours" in service:
        out["hours"] = "; ".join(labels.hours(service["hours"]))
    return out


def country_data(directory: Directory, code: str, labels: Labels) -> dict[str, Any]:
    """The small JSON one country's boxes read (helplines/<cc>.json), in one language."""
    _ = labels.gettext
    services = directory.countries[code].services
    international = directory.countries.get(INTERNATIONAL)
    across = [s for s in international.services if applies_in(s, code)] if international else []

    def of_kind(kind: str, extra: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        return [_compact(s, labels) for s in services if s["kind"] == kind] + [
            _compact(s, labels) for s in extra or []
        ]

    crisis = crisis_line(services)
    emergency = emergency_phone(services)
    return {
        "code": code,
        "name": country_name(code, labels.locale),
        "page": f"{code.lower()}/",
        "emergency": {"number": emergency["number"], "tel": emergency["tel"]}
        if emergency
        else None,
        "child": of_kind("child_helpline")[:MAX_CHILD_HELPLINES],
        "crisis": _compact(crisis, labels) if crisis else None,
        "hotline": of_kind("hotline"),
        "police": of_kind("police"),
        "removal": of_kind("removal_service", across),
        "labels": {
            "call": labels.channel("phones"),
            "text": labels.channel("sms"),
            "chat": labels.channel("chat"),
            "website": labels.channel("website"),
            "report_url": labels.channel("report_url"),
            # Translators: in the helpline boxes, before the line to talk to in danger or with
            # thoughts of self-harm.
            "crisis": _("Talk or text to someone now:"),
            # Translators: in the helpline boxes, before the country's emergency number.
            "emergency": _("In immediate danger, call the emergency number:"),
            # Translators: in the crisis box when no line to talk to could be sourced for the chosen
            # country.
            "no_crisis": _("We could not confirm a line to talk to in this country."),
            # Translators: in the helpline boxes: link to every service of the chosen country.
            "more": _("More help in this country"),
            # Translators: opening hours of a line that never closes, short form in the helpline
            # boxes.
            "always": _("24 hours, every day"),
            "child": labels.kind("child_helpline"),
            "hotline": labels.kind("hotline"),
            "police": labels.kind("police"),
            "removal": labels.kind("removal_service"),
        },
    }
