"""Render the helpline directory for the site, in the reader's language.

Pure functions over the model in :mod:`nyf.helplines`; the MkDocs hook
(overrides/hooks/helplines.py) only calls them. Labels come from the gettext
catalogs (the caller passes ``gettext``), country and language names, days,
times and dates from Babel's CLDR data.

Country names are sorted the way the reader's language sorts them
(nyf.collation).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date, format_skeleton, format_time

from .collation import collation_key
from .helplines import (
    INTERNATIONAL,
    Country,
    Directory,
    applies_in,
    crisis_line,
    emergency_phone,
    newest_source_date,
    parse_iso_date,
)

Gettext = Callable[[str], str]

#: Order of the sections of a country page: help for the child first.
KIND_ORDER = (
    "child_helpline",
    "crisis_line",
    "sic_helpline",
    "parent_helpline",
    "removal_service",
    "hotline",
    "police",
    "emergency",
)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def country_name(code: str, locale: Locale) -> str:
    return locale.territories.get(code, code)


def sorted_country_codes(codes: Iterable[str], locale: Locale) -> list[str]:
    """ISO codes sorted by their names in ``locale``, the way its language sorts."""
    return sorted(codes, key=lambda c: collation_key(country_name(c, locale), locale.language))


# ---------------------------------------------------------------- labels ----


@dataclass(frozen=True)
class Labels:
    """Everything a page needs from one language: catalog and CLDR data."""

    locale: Locale
    gettext: Gettext

    @property
    def _(self) -> Gettext:
        return self.gettext

    def kind(self, kind: str) -> str:
        _ = self.gettext
        labels = {
            # Translators: heading of a section of a country's helpline page.
            "child_helpline": _("Helplines for children and young people"),
            # Translators: heading: lines for people in crisis (e.g. suicidal thoughts).
            "crisis_line": _("Crisis lines"),
            # Translators: heading: helplines about online safety (Safer Internet Centres).
            "sic_helpline": _("Online safety helplines"),
            # Translators: heading of a section of a country's helpline page.
            "parent_helpline": _("Helplines for parents"),
            # Translators: heading: services that help get intimate images taken down.
            "removal_service": _("Getting images removed"),
            # Translators: heading: hotlines where anyone can report child sexual abuse images.
            "hotline": _("Reporting abuse images"),
            # Translators: heading of a section of a country's helpline page.
            "police": _("Police"),
            # Translators: heading of a section of a country's helpline page.
            "emergency": _("Emergency numbers"),
        }
        return labels[kind]

    def purpose(self, purpose: str) -> str:
        _ = self.gettext
        labels = {
            "main": "",
            # Translators: after a phone number: this number is for parents.
            "parents": _("for parents"),
            # Translators: after a phone number.
            "emergency": _("emergency"),
            # Translators: after a phone number.
            "police": _("police"),
            # Translators: after a phone number: the police number for things that are not urgent.
            "police_non_emergency": _("police, not urgent"),
            # Translators: after a phone number.
            "ambulance": _("ambulance"),
            # Translators: after a phone number.
            "fire": _("fire brigade"),
            # Translators: after a phone number: reachable by text message for deaf people.
            "deaf_sms": _("for deaf and hard-of-hearing people"),
            # Translators: after a phone number: an anonymous line for reporting crimes.
            "crime_stoppers": _("anonymous crime reports"),
        }
        return labels[purpose]

    def channel(self, channel: str) -> str:
        _ = self.gettext
        labels = {
            # Translators: label before a phone number.
            "phones": _("Call"),
            # Translators: label before a number that accepts text messages (SMS).
            "sms": _("Text"),
            # Translators: label before a WhatsApp number.
            "whatsapp": _("WhatsApp"),
            # Translators: label before the address of a helpline's web chat.
            "chat": _("Chat"),
            # Translators: label before an e-mail address.
            "email": _("E-mail"),
            # Translators: label before a website address.
            "website": _("Website"),
            # Translators: label before the address of an online report form.
            "report_url": _("Report online"),
        }
        return labels[channel]

    def time(self, text: str) -> str:
        if text == "24:00":
            # Translators: closing time at the end of the day, as in "20:00–midnight".
            return self.gettext("midnight")
        hour, minute = (int(part) for part in text.split(":"))
        return format_time(dt.time(hour, minute), "short", locale=self.locale)

    def days(self, days: list[str]) -> str:
        if len(days) == 7:
            # Translators: opening hours that are the same on all seven days.
            return self.gettext("Every day")
        names = self.locale.days["stand-alone"]["wide"]
        indexes = sorted(DAYS.index(day) for day in days)
        runs: list[list[int]] = []
        for index in indexes:
            if runs and index == runs[-1][-1] + 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        parts = []
        for run in runs:
            if len(run) >= 3:
                parts.append(f"{names[run[0]]}–{names[run[-1]]}")
            else:
                parts.extend(names[i] for i in run)
        return ", ".join(parts)

    def hours(self, hours: dict[str, Any]) -> list[str]:
        if hours.get("always"):
            # Translators: opening hours of a helpline that never closes.
            return [self.gettext("Open 24 hours a day, every day")]
        return [
            f"{self.days(period['days'])}: {self.time(period['open'])}–{self.time(period['close'])}"
            for period in hours["weekly"]
        ]

    def date(self, text: str) -> str:
        """A day, a month or a year, as CLDR writes it in this language."""
        date = parse_iso_date(text)
        if date is None:
            return text
        if len(text) == 10:
            return format_date(date, "long", locale=self.locale)
        if len(text) == 7:
            return format_skeleton("yMMMM", date, locale=self.locale)
        return str(date.year)

    def provenance(self, service: dict[str, Any]) -> list[str]:
        """What is true about the record's dates: its newest source, and any check.

        Written as "label: value" so that a date never has to take a grammatical
        case (Czech, Polish, Ukrainian and Arabic would need one after "on").
        """
        _ = self.gettext
        lines = []
        newest = newest_source_date(service)
        if newest:
            # Translators: at the end of each helpline card; {date} is a day, a month or a year,
            # e.g. "Newest source: April 2025". Not a check by anyone, only the date of the page we
            # cite.
            lines.append(_("Newest source: {date}").format(date=self.date(newest)))
        else:
            # Translators: at the end of a helpline card whose cited pages carry no date.
            lines.append(_("The sources are undated"))
        checked = service.get("checked")
        if checked:
            # Translators: at the end of a helpline card; {date} is a day; {who} a person or
            # organisation, e.g. "Checked on the service's own website: 30 November 2026 (Safer
            # Internet Centre)".
            lines.append(
                _("Checked on the service's own website: {date} ({who})").format(
                    date=self.date(checked["date"]), who=checked["by"]
                )
            )
        else:
            # Translators: at the end of a helpline card: nobody has yet checked these details on
            # the service's own website.
            lines.append(_("Not yet checked on the service's own website"))
        return lines

    def ages(self, ages: dict[str, Any]) -> str:
        _ = self.gettext
        if ages["of"] == "image":
            if "max" in ages and "min" not in ages:
                # Translators: an image-removal tool; {age} is e.g. 18: "For images taken before the
                # age of 18".
                return _("For images taken before the age of {age}").format(age=ages["max"] + 1)
            if "min" in ages and "max" not in ages:
                # Translators: an image-removal tool for adults; {age} is e.g. 18: "Only for images
                # taken at the age of 18 or older".
                return _("Only for images taken at the age of {age} or older").format(
                    age=ages["min"]
                )
            # Translators: an image-removal tool, e.g. "For images of people aged 13 to 17".
            return _("For images of people aged {min} to {max}").format(**ages)
        if "min" in ages and "max" in ages:
            # Translators: ages a helpline serves, e.g. "For ages 5 to 25".
            return _("For ages {min} to {max}").format(**ages)
        if "max" in ages:
            # Translators: ages a helpline serves, e.g. "For ages up to 18".
            return _("For ages up to {max}").format(**ages)
        # Translators: ages a service serves, e.g. "For ages 18 and over".
        return _("For ages {min} and over").format(**ages)

    def cost(self, cost: str) -> str:
        _ = self.gettext
        labels = {
            # Translators: after a phone number: a call costs nothing.
            "free": _("free"),
            # Translators: after a phone number: a call costs what a normal call costs.
            "standard_rate": _("normal call rate"),
            # Translators: after a phone number: a call costs more than a normal call.
            "premium_rate": _("costs more than a normal call"),
        }
        return labels[cost]

    def audience(self, groups: list[str]) -> str:
        _ = self.gettext
        labels = {
            # Translators: who a service is for, in a list after "For:".
            "children": _("children"),
            # Translators: who a service is for, in a list after "For:".
            "young_people": _("young people"),
            # Translators: who a service is for, in a list after "For:" (parents and other adults
            # worried about a child).
            "parents": _("parents and carers"),
            # Translators: who a service is for, in a list after "For:".
            "adults": _("adults"),
            # Translators: who a service is for, in a list after "For:" (teachers, social workers).
            "professionals": _("professionals"),
            # Translators: who a service is for, after "For:".
            "everyone": _("everyone"),
        }
        # Translators: who a service is for, e.g. "For: children, young people".
        return _("For: {groups}").format(groups=", ".join(labels[g] for g in groups))

    def area(self, area: dict[str, Any]) -> str:
        _ = self.gettext
        if area.get("worldwide"):
            # Translators: a service that anyone anywhere can use.
            return _("Works in every country")
        names = ", ".join(country_name(code, self.locale) for code in area["countries"])
        # Translators: a service that works only in some countries, e.g. "Only in: United Kingdom".
        return _("Only in: {countries}").format(countries=names)

    def caveat(self, code: str) -> str:
        _ = self.gettext
        labels = {
            # Translators: a caveat on a reporting service's card.
            "public_content_only": _(
                "It can act only on images or videos that are public online, "
                "not on private messages."
            ),
            # Translators: a caveat on the card of an image-removal tool for adults.
            "adults_only_images": _(
                "Only for images of adults. If you were under 18 in the image, use Take It Down."
            ),
            # Translators: a caveat on a helpline's card.
            "many_calls_unanswered": _(
                "Many calls go unanswered. If you do not get through, try again "
                "or use another way to reach them."
            ),
            # Translators: a caveat on the card of a line for adults.
            "mainly_for_adults": _(
                "Mainly for adults. Under 18? The helpline for children and young people "
                "is there for you."
            ),
            # Translators: a caveat on a helpline's card.
            "not_an_emergency_service": _(
                "Not an emergency service. If you are in danger, call the emergency number."
            ),
            # Translators: a caveat on a reporting service's card.
            "not_counselling": _("It takes reports; it does not offer counselling."),
            # Translators: a caveat on a reporting service's card.
            "reports_go_to_police": _("Reports are passed on to the police."),
            # Translators: a caveat on the card of an image-removal tool.
            "image_stays_on_device": _(
                "Your image does not leave your device: only a digital fingerprint of it is shared."
            ),
            # Translators: a caveat on the card of an image-removal tool.
            "not_on_encrypted_platforms": _(
                "It cannot remove images from end-to-end encrypted apps."
            ),
            # Translators: a caveat on a helpline's card.
            "hours_may_have_changed": _(
                "Its opening hours have changed recently: check its website."
            ),
            # Translators: a caveat on a service's card.
            "may_have_changed": _(
                "Its funding was uncertain when last reported: check its website "
                "before relying on it."
            ),
            # Translators: a caveat on a reporting service's card.
            "working_days_only": _("Reports are handled on working days only."),
        }
        return labels[code]

    def languages(self, codes: list[str]) -> str:
        names = [self.locale.languages.get(code, code) for code in codes]
        # Translators: the languages a helpline answers in, e.g. "Languages: Czech, English".
        return self.gettext("Languages: {languages}").format(languages=", ".join(names))


# --------------------------------------------------------------- services ---


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


#: Longer addresses are shown as their host name only; the link keeps the path.
MAX_SHOWN_ADDRESS = 40


def _shown_address(url: str) -> str:
    shown = url.split("://", 1)[-1]
    if len(shown) > MAX_SHOWN_ADDRESS:
        return shown.split("/", 1)[0]
    return shown[:-1] if shown.endswith("/") and shown.count("/") == 1 else shown


def _host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host[4:] if host.startswith("www.") else host


def _number_link(entry: dict[str, Any], href_key: str) -> str:
    shown = entry.get("display", entry["number"])
    return f'<a class="nyf-tel" href="{_e(entry[href_key])}" dir="ltr">{_e(shown)}</a>'


def _notes(*texts: str) -> str:
    shown = ", ".join(text for text in texts if text)
    return f' <span class="nyf-service__note">({_e(shown)})</span>' if shown else ""


def _group(label: str, values: list[str]) -> str:
    """One dt with its dd values: a dl never names the same dt twice (valid HTML)."""
    if not values:
        return ""
    return f"<div><dt>{_e(label)}</dt>" + "".join(f"<dd>{v}</dd>" for v in values) + "</div>"


def render_service(service: dict[str, Any], labels: Labels) -> str:
    """One service as an HTML card; every value from the data is escaped."""
    _ = labels.gettext
    groups: list[str] = []
    phones = [
        _number_link(entry, "tel")
        + _notes(
            labels.purpose(entry.get("purpose", "main")),
            labels.cost(entry["cost"]) if "cost" in entry else "",
        )
        for entry in service.get("phones", [])
    ]
    groups.append(_group(labels.channel("phones"), phones))
    texts = []
    for entry in service.get("sms", []):
        keyword = ""
        if "keyword" in entry:
            # Translators: after an SMS number: the word to send to start, e.g. Send "CONNECT".
            keyword = _('Send "{keyword}"').format(keyword=entry["keyword"])
        cost = labels.cost(entry["cost"]) if "cost" in entry else ""
        texts.append(_number_link(entry, "sms") + _notes(keyword, cost))
    groups.append(_group(labels.channel("sms"), texts))
    whatsapp = [_number_link(entry, "href") for entry in service.get("whatsapp", [])]
    groups.append(_group(labels.channel("whatsapp"), whatsapp))
    for name in ("chat", "report_url", "website"):
        if name in service:
            link = f'<a href="{_e(service[name])}">{_e(_shown_address(service[name]))}</a>'
            groups.append(_group(labels.channel(name), [link]))
    if "email" in service:
        email = service["email"]
        link = f'<a href="mailto:{_e(email)}">{_e(email)}</a>'
        groups.append(_group(labels.channel("email"), [link]))

    facts: list[str] = []
    if "hours" in service:
        facts += labels.hours(service["hours"])
    if "chat_hours" in service:
        # Translators: before the opening hours of a helpline's chat.
        chat = _("Chat: {hours}").format(hours="; ".join(labels.hours(service["chat_hours"])))
        facts.append(chat)
    if service["audience"] != ["everyone"]:
        facts.append(labels.audience(service["audience"]))
    if service.get("anonymous") is True:
        # Translators: the helpline does not ask for your name.
        facts.append(_("You do not have to give your name"))
    elif service.get("anonymous") is False:
        # Translators: the service needs your name (for example a police report).
        facts.append(_("You have to give your name"))
    if "ages" in service:
        facts.append(labels.ages(service["ages"]))
    if "languages" in service:
        facts.append(labels.languages(service["languages"]))
    if service.get("country") == INTERNATIONAL and "area" in service:
        facts.append(labels.area(service["area"]))

    kind, sid = _e(service["kind"]), _e(service["id"])
    parts = [
        f'<section class="nyf-service nyf-service--{kind}" id="{sid}">',
        f'<h3 class="nyf-service__name">{_e(service["name"])}</h3>',
    ]
    channels = "".join(groups)
    if channels:
        parts.append(f'<dl class="nyf-service__channels">{channels}</dl>')
    if facts:
        items = "".join(f"<li>{_e(fact)}</li>" for fact in facts)
        parts.append(f'<ul class="nyf-service__facts">{items}</ul>')
    if service.get("caveats"):
        items = "".join(f"<li>{_e(labels.caveat(code))}</li>" for code in service["caveats"])
        parts.append(f'<ul class="nyf-service__caveats">{items}</ul>')
    provenance = " · ".join(_e(line) for line in labels.provenance(service))
    # Translators: before the links to the pages a helpline card's facts come from.
    sources_label = _("Sources:")
    sources = ", ".join(
        f'<a href="{_e(source["url"])}" rel="nofollow">{_e(_host(source["url"]))}</a>'
        for source in service["sources"]
    )
    parts.append(
        # Not in the search index (data-search-exclude, which Material removes from the page).
        f'<p class="nyf-service__provenance" data-search-exclude="provenance">'
        f"{provenance}<br>{_e(sources_label)} {sources}</p>"
    )
    parts.append("</section>")
    return "\n".join(parts)


def _sections(services: Iterable[dict[str, Any]], labels: Labels, level: str = "##") -> str:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for service in services:
        by_kind.setdefault(service["kind"], []).append(service)
    blocks = []
    for kind in KIND_ORDER:
        if kind in by_kind:
            cards = "\n".join(render_service(s, labels) for s in by_kind[kind])
            blocks.append(f"{level} {labels.kind(kind)} {{#{kind.replace('_', '-')}}}\n\n{cards}\n")
    return "\n".join(blocks)


def international_for(country_code: str, international: Country | None) -> list[dict[str, Any]]:
    """The cross-border services a reader in ``country_code`` can use (their area)."""
    if international is None:
        return []
    return [s for s in international.services if applies_in(s, country_code)]


def render_crisis_note(country: Country, labels: Labels) -> str:
    """The crisis route atop a country page: the line to talk to, then the emergency number.

    Static HTML (no script): it prints, and it works before a country is chosen.
    """
    _ = labels.gettext
    line = crisis_line(country.services)
    emergency = emergency_phone(country.services)
    parts = [
        '<div class="nyf-hl nyf-hl--crisis" role="note">',
        # Translators: first line of the crisis box on pages that mention danger or self-harm.
        f'<p class="nyf-hl__lead"><strong>{_e(_("In danger, or thinking of hurting yourself?"))}'
        "</strong></p>",
    ]
    if line is not None:
        numbers = " ".join(
            _number_link(p, "tel")
            for p in line.get("phones", [])
            if p.get("purpose", "main") == "main"
        )
        texts = " ".join(_number_link(s, "sms") for s in line.get("sms", []))
        hours = "; ".join(labels.hours(line["hours"])) if "hours" in line else ""
        # Translators: in the helpline boxes, before the line to talk to in danger or with thoughts
        # of self-harm.
        talk = _("Talk or text to someone now:")
        parts.append(
            f'<p>{_e(talk)} <a href="#{_e(line["id"])}">{_e(line["name"])}</a> {numbers}'
            + (f" {_e(labels.channel('sms'))} {texts}" if texts else "")
            + (f" ({_e(hours)})" if hours else "")
            + "</p>"
        )
    else:
        # Translators: in the crisis box when no line to talk to could be sourced for the chosen
        # country.
        parts.append(f"<p>{_e(_('We could not confirm a line to talk to in this country.'))}</p>")
    if emergency is not None:
        # Translators: in the helpline boxes, before the country's emergency number.
        urgent = _("In immediate danger, call the emergency number:")
        parts.append(
            f'<p class="nyf-hl__emergency">{_e(urgent)} {_number_link(emergency, "tel")}</p>'
        )
    parts.append("</div>")
    return "".join(parts)


def render_country_page(country: Country, international: Country | None, labels: Labels) -> str:
    """Markdown of ``helplines/<cc>.md``: the country's services, then cross-border ones."""
    _ = labels.gettext
    name = country_name(country.code, labels.locale)
    # Translators: title of a country's helpline page, e.g. "Helplines in Czechia".
    heading = _("Helplines in {country}").format(country=name)
    # Translators: introduction of every country's helpline page. No claim that calls are free: the
    # cost is given next to each number where a source states it.
    intro = _(
        "Where a source states what a call costs, it is shown next to the number. "
        "Details can change: if a number does not work, check the service's website."
    )
    # Translators: link from a country's helpline page back to the list of countries.
    back = _("All countries")
    # Translators: heading of the services on a country page that also work in other countries
    # (image removal).
    across = _("Services that work across borders")
    extra = international_for(country.code, international)
    front = yaml.safe_dump({"title": name, "description": heading}, allow_unicode=True)
    body = [
        f"---\n{front}---\n",
        f"# {heading} {{#helplines}}\n",
        f'<p class="nyf-helplines-back nyf-no-print"><a href="../">{_e(back)}</a></p>\n',
        f"{intro}\n",
        render_crisis_note(country, labels) + "\n",
        _sections(country.services, labels),
    ]
    if extra:
        body.append(f"## {across} {{#international}}\n")
        body.append("\n".join(render_service(s, labels) for s in extra) + "\n")
    return "\n".join(body)


def country_first(codes: list[str], first: str | None) -> list[str]:
    """``codes`` with ``first`` (an edition's default country) moved to the front."""
    return [first, *(c for c in codes if c != first)] if first in codes else codes


def render_directory(directory: Directory, labels: Labels, first: str | None = None) -> str:
    """HTML that replaces ``<!-- helplines:directory -->``: the countries, then INT.

    ``first``: the edition's default country, listed before the others.
    """
    _ = labels.gettext
    codes = sorted_country_codes(
        (c for c in directory.countries if c != INTERNATIONAL), labels.locale
    )
    codes = country_first(codes, first)
    items = "".join(
        f'<li><a href="{code.lower()}/">{_e(country_name(code, labels.locale))}</a></li>'
        for code in codes
    )
    out = [f'<ul class="nyf-country-list">{items}</ul>\n']
    international = directory.countries.get(INTERNATIONAL)
    if international is not None:
        # Translators: heading on the helpline directory page.
        out.append(f"## {_('Services that work across borders')} {{#international}}\n")
        out.append("\n".join(render_service(s, labels) for s in international.services) + "\n")
    return "\n".join(out)
