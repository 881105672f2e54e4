"""The helpline model: load, validate, normalise and export the helpline data.

One home for everything the site, the validator CLI and the JSON export know
about ``data/helplines/*.yml``. The core is pure: the caller passes ``today``,
so there is no hidden clock, and nothing runs at import time.

Validation has two layers:

1. the JSON Schema in ``data/helplines/schema.json`` (shape, closed
   vocabularies, no unknown keys), with its messages rewritten for the people
   who edit the files;
2. semantic checks that a schema cannot express: the country code is real and
   matches the file name, every phone number is a number of that country
   (``phonenumbers``; its short-number API for 116 111, 147, 112...), dates are
   real and not in the future, stale records, unique ids.

Every finding names the file, the line, the field, what was found and what
was expected.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import phonenumbers
from babel import Locale
from babel.core import get_global
from jsonschema import Draft202012Validator
from phonenumbers import shortnumberinfo

from .yamlfile import DataError, Path_, YamlDocument, format_path, load_yaml

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data" / "helplines"
SCHEMA_FILE = "schema.json"
ALLOWLIST_FILE = "allowlist.yml"
INTERNATIONAL_FILE = "international.yml"
#: Code of the pseudo-country that holds services working across borders.
INTERNATIONAL = "INT"

#: A record not re-checked for a year is stale: helplines change hours and
#: numbers often enough that an older record is likely to mislead.
STALE_AFTER_DAYS = 365

#: Numbers that people mistype most often; used to suggest a correction.
WELL_KNOWN_SHORT_NUMBERS = ("116111", "116000", "116123", "112")

#: Fields that hold a way to reach a service; a record needs at least one.
CONTACT_FIELDS = ("phones", "sms", "whatsapp", "chat", "email", "website", "report_url")

#: The schema's pattern for text fields: data is plain text, never markup.
PLAIN_TEXT_PATTERN = "^[^<>]*$"
#: Fields that hold a web address.
URL_FIELDS = ("website", "chat", "report_url", "url")

#: Human words for what a field expects, used when the schema's pattern fails.
_PATTERN_EXPECTATIONS = {
    "website": "an https:// address",
    "chat": "an https:// address",
    "report_url": "an https:// address",
    "url": "an http:// or https:// address",
    "email": "an e-mail address such as help@example.org",
    "date": "a date such as 2025-04-30 (or 2025-04, or 2025)",
    "id": "the lower-case country code, a dash and a slug, e.g. cz-linka-bezpeci",
    "country": 'an upper-case ISO 3166-1 code in quotes, e.g. "CZ" or "NO"',
    "region": 'an upper-case ISO 3166-1 code in quotes, e.g. "US"',
    "open": "a time such as 08:00",
    "close": "a time such as 20:00 (24:00 for midnight)",
    "timezone": "an IANA time zone name such as Europe/Prague",
}

_JSON_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping of fields",
    "array": "a list",
    "number": "a number",
}


@dataclass(frozen=True)
class Finding:
    """One problem in one file; ``severity`` is ``error`` or ``warning``."""

    severity: str
    file: str
    line: int | None
    field: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f" {self.field}:" if self.field else ""
        prefix = "" if self.is_error else "warning: "
        return f"{where}{what} {prefix}{self.message}"


def _finding(doc: YamlDocument, path: Path_, message: str, severity: str = "error") -> Finding:
    return Finding(severity, doc.file, doc.line_of(path), format_path(path), message)


def _from_data_error(error: DataError) -> Finding:
    return Finding("error", error.file, error.line, error.field, error.message)


@dataclass(frozen=True)
class Country:
    """The validated, normalised services of one country (or of ``INT``)."""

    code: str
    file: str
    services: tuple[dict[str, Any], ...]
    timezone: str | None = None


@dataclass
class Directory:
    """Everything loaded from a set of helpline files."""

    countries: dict[str, Country] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def service_count(self) -> int:
        return sum(len(c.services) for c in self.countries.values())


# ---------------------------------------------------------------- dates ----


def parse_iso_date(text: str) -> dt.date | None:
    """``2025-04-30`` / ``2025-04`` / ``2025`` -> the first day of that period."""
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        return dt.date(numbers[0], *[*numbers[1:], 1, 1][:2])
    except (ValueError, TypeError):
        return None


def newest_source_date(service: dict[str, Any]) -> str | None:
    """The newest ``sources[].date`` as written (2025-04), or None when all are undated."""
    dated = [s["date"] for s in service.get("sources", []) if parse_iso_date(s.get("date", ""))]
    return max(dated, key=lambda text: (parse_iso_date(text), len(text)), default=None)


# ---------------------------------------------------------------- scope ----


def applies_in(service: dict[str, Any], code: str) -> bool:
    """Whether a reader in country ``code`` can use ``service`` (its area)."""
    area = service.get("area", {})
    return bool(area.get("worldwide")) or code in area.get("countries", [])


def is_always_open(service: dict[str, Any]) -> bool:
    return service.get("hours", {}).get("always") is True


def crisis_line(services: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The line to talk or text to in danger or with thoughts of self-harm.

    Issue 13's order: a 24/7 line first; among those the child helpline (the
    site's readers are young), then 116 123, then another crisis line; lines
    meant mainly for adults last. A line that is not 24/7 is still better
    than none (its hours are shown). Only services with a number qualify.
    """
    candidates = [
        s
        for s in services
        if s["kind"] in ("child_helpline", "crisis_line") and (s.get("phones") or s.get("sms"))
    ]

    def rank(indexed: tuple[int, dict[str, Any]]) -> tuple:
        index, service = indexed
        numbers = {digits_of(p["number"]) for p in service.get("phones", [])}
        return (
            not is_always_open(service),
            "mainly_for_adults" in service.get("caveats", []),
            service["kind"] != "child_helpline",
            "116123" not in numbers,
            index,
        )

    ranked = sorted(enumerate(candidates), key=rank)
    return ranked[0][1] if ranked else None


def emergency_phone(services: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The country's general emergency number (purpose emergency first)."""
    phones = [p for s in services if s["kind"] == "emergency" for p in s.get("phones", [])]
    preferred = [p for p in phones if p.get("purpose") == "emergency"]
    return (preferred or phones or [None])[0]


# --------------------------------------------------------------- phones ----


@dataclass(frozen=True)
class DialCheck:
    """The result of checking one published number."""

    href: str | None  # tel: link that dials it, None if it cannot be parsed
    short: bool  # a short number (116 111, 147), dialled as is
    valid: bool  # phonenumbers' metadata agrees it exists in ``region``
    problem: str = ""  # why not, for the message


def digits_of(number: str) -> str:
    """The digits (and a leading +) of a published number, letters converted."""
    converted = phonenumbers.convert_alpha_characters_in_number(number)
    digits = "".join(ch for ch in converted if ch.isdigit())
    return ("+" + digits) if converted.strip().startswith("+") else digits


def check_number(number: str, region: str) -> DialCheck:
    """Check that ``number`` as published can be dialled in ``region``."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return DialCheck(
            None,
            False,
            False,
            "cannot be read as a phone number; expected digits as the service publishes "
            'them, such as "116 111" or "+420 222 580 697"',
        )
    national = phonenumbers.national_significant_number(parsed)
    local = digits_of(number)
    from_abroad = local.startswith("+")
    if not from_abroad and shortnumberinfo.is_valid_short_number_for_region(parsed, region):
        return DialCheck(f"tel:{local}", True, True)
    if phonenumbers.is_valid_number_for_region(parsed, region):
        if not phonenumbers.can_be_internationally_dialled(parsed):
            # E.164 would not connect (Australian 1800 numbers): dial it nationally.
            national_form = phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.NATIONAL
            )
            return DialCheck(f"tel:{digits_of(national_form)}", False, True)
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        return DialCheck(f"tel:{e164}", False, True)
    # Not in the metadata. Short numbers (up to 6 digits, dialled without the
    # trunk prefix) are dialled as written; longer ones as E.164.
    if not from_abroad and len(local) <= 6:
        return DialCheck(f"tel:{local}", True, False, f"is not a valid short number for {region}")
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return DialCheck(
        f"tel:{e164}", False, False, f"is not a valid phone number for {region} ({national})"
    )


def suggest_number(number: str) -> str | None:
    """A well-known number one typing slip away from ``number``, if any."""
    local = digits_of(number)
    for candidate in WELL_KNOWN_SHORT_NUMBERS:
        if local != candidate and _edit_distance(local, candidate) <= 1:
            return f"{candidate[:3]} {candidate[3:]}".strip() if len(candidate) == 6 else candidate
    return None


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def whatsapp_href(number: str, region: str) -> str:
    parsed = phonenumbers.parse(number, region)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return f"https://wa.me/{e164.lstrip('+')}"


# ------------------------------------------------------------ allowlist ----


@dataclass
class Allowlist:
    """Sourced numbers that phonenumbers' metadata does not (yet) know."""

    entries: dict[tuple[str, str], str] = field(default_factory=dict)
    lines: dict[tuple[str, str], int | None] = field(default_factory=dict)
    file: str = ""
    used: set[tuple[str, str]] = field(default_factory=set)
    #: The file could not be read: which numbers it accepts is unknown.
    unreadable: bool = False

    def reason(self, region: str, number: str) -> str | None:
        key = (region, digits_of(number))
        if key in self.entries:
            self.used.add(key)
        return self.entries.get(key)


def load_allowlist(path: Path, display: str) -> tuple[Allowlist, list[Finding]]:
    """Read ``allowlist.yml``: ``numbers: [{country, number, reason}]``."""
    allowlist = Allowlist(file=display)
    if not path.exists():
        return allowlist, []
    try:
        doc = load_yaml(path, display)
    except DataError as error:
        allowlist.unreadable = True
        return allowlist, [_from_data_error(error)]
    findings: list[Finding] = []
    data = doc.data
    if not isinstance(data, dict) or set(data) != {"numbers"}:
        found = ", ".join(sorted(data)) if isinstance(data, dict) else _describe(data)
        allowlist.unreadable = True
        return allowlist, [
            _finding(doc, (), f"found {found}; expected one field, numbers: a list of entries")
        ]
    if not isinstance(data["numbers"], list):
        allowlist.unreadable = True
        return allowlist, [
            _finding(
                doc,
                ("numbers",),
                f"found {_describe(data['numbers'])}; expected a list of entries "
                "(- country: ..., number: ..., reason: ...)",
            )
        ]
    regions = known_regions()
    for i, entry in enumerate(data["numbers"]):
        path_ = ("numbers", i)
        if not isinstance(entry, dict) or set(entry) != {"country", "number", "reason"}:
            found = ", ".join(sorted(entry)) if isinstance(entry, dict) else _describe(entry)
            findings.append(
                _finding(doc, path_, f"found {found}; expected exactly country, number and reason")
            )
            continue
        country, number, reason = entry["country"], entry["number"], entry["reason"]
        wrong = [
            name
            for name, value in (("country", country), ("number", number), ("reason", reason))
            if not (isinstance(value, str) and value.strip())
        ]
        if wrong:
            value = entry[wrong[0]]
            hint = " (put it in quotes)" if isinstance(value, int | float) else ""
            findings.append(
                _finding(
                    doc,
                    (*path_, wrong[0]),
                    f"found {_describe(value)}; expected non-empty text{hint}",
                )
            )
            continue
        if country not in regions:
            findings.append(
                _finding(
                    doc,
                    (*path_, "country"),
                    f"found {country!r}; expected an upper-case ISO 3166-1 code such as BG",
                )
            )
            continue
        check = check_number(number, country)
        if check.href is None:
            findings.append(_finding(doc, (*path_, "number"), f"{number!r} {check.problem}"))
            continue
        key = (country, digits_of(number))
        allowlist.entries[key] = reason
        allowlist.lines[key] = doc.line_of(path_)
    return allowlist, findings


# --------------------------------------------------------------- schema ----


def load_schema(directory: Path = DATA_DIR) -> dict[str, Any]:
    return json.loads((directory / SCHEMA_FILE).read_text(encoding="utf-8"))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value, ensure_ascii=False)


def _schema_findings(doc: YamlDocument, validator: Draft202012Validator) -> list[Finding]:
    findings = []
    for error in validator.iter_errors(doc.data):
        path: Path_ = tuple(error.absolute_path)
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        value = error.instance
        kind = error.validator
        if kind == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            for extra in sorted(set(value) - set(allowed)):
                close = difflib.get_close_matches(extra, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                findings.append(
                    _finding(
                        doc,
                        (*path, extra),
                        f"unknown field {extra!r}; expected one of {', '.join(allowed)}{hint}",
                    )
                )
            continue
        if kind == "required":
            missing = [name for name in error.validator_value if name not in value]
            message = f"missing required field {missing[0]!r}"
        elif kind == "type":
            expected = _JSON_TYPES.get(error.validator_value, error.validator_value)
            message = f"found {_describe(value)}; expected {expected}"
            if error.validator_value == "string" and isinstance(value, int | float):
                message += " (put it in quotes)"
            if error.validator_value == "boolean" and isinstance(value, str):
                message += " (write true or false; yes/no/on/off are read as text)"
        elif kind == "enum":
            choices = [str(c) for c in error.validator_value]
            close = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            message = f"found {_describe(value)}; expected one of {', '.join(choices)}{hint}"
        elif kind == "const":
            message = f"found {_describe(value)}; expected {_describe(error.validator_value)}"
            if isinstance(error.validator_value, bool) and isinstance(value, str):
                message += " (write true or false; yes/no/on/off are read as text)"
        elif kind == "pattern":
            expected = _PATTERN_EXPECTATIONS.get(key, f"text matching {error.validator_value}")
            if error.validator_value == PLAIN_TEXT_PATTERN:
                expected = "plain text without < or > (markup is not allowed in data)"
            elif "checked" in path and key == "date":
                expected = "the full date of the check, such as 2026-11-30"
            elif key in URL_FIELDS and any(c in str(value) for c in '<>"'):
                expected += " without <, > or quotes"
            message = f"found {_describe(value)}; expected {expected}"
            if key in ("website", "chat", "report_url") and str(value).startswith("http://"):
                message += " (the site links only to secure addresses)"
        elif kind in ("minItems", "minLength", "minProperties"):
            message = (
                f"is empty; expected at least one {'item' if kind != 'minLength' else 'character'}"
            )
            if kind == "minProperties":
                message = "is empty; give min, max or both, or leave the field out"
        elif kind == "uniqueItems":
            message = f"found {_describe(value)}; expected each value only once"
        elif kind in ("minimum", "maximum"):
            bound = "at least" if kind == "minimum" else "at most"
            message = f"found {_describe(value)}; expected {bound} {error.validator_value}"
        else:
            message = error.message
        findings.append(_finding(doc, path, message))
    # A misspelt field is one mistake: "unknown 'servces'; did you mean 'services'?"
    # says it, so "missing required field 'services'" is left out.
    near = {
        f.message.rsplit("did you mean ", 1)[1].strip("'?")
        for f in findings
        if f.message.startswith("unknown field") and "did you mean" in f.message
    }
    return [
        f
        for f in findings
        if not (
            f.message.startswith("missing required field ")
            and f.message.removeprefix("missing required field ").strip("'") in near
        )
    ]


# ------------------------------------------------------------ semantics ----


def known_regions() -> frozenset[str]:
    """ISO 3166-1 codes that have a numbering plan (phonenumbers' regions)."""
    return frozenset(phonenumbers.SUPPORTED_REGIONS)


def expected_code(path: Path) -> str:
    return INTERNATIONAL if path.name == INTERNATIONAL_FILE else path.stem.upper()


def _check_date(
    doc: YamlDocument, path: Path_, text: str, today: dt.date
) -> tuple[dt.date | None, list[Finding]]:
    date = parse_iso_date(text)
    if date is None:
        return None, [_finding(doc, path, f"found {text!r}; expected a real calendar date")]
    if date > today:
        return date, [
            _finding(doc, path, f"found {text!r}, which is in the future; expected a past date")
        ]
    return date, []


def _check_phone(
    doc: YamlDocument,
    path: Path_,
    entry: dict[str, Any],
    region: str,
    allowlist: Allowlist,
) -> tuple[dict[str, Any], list[Finding]]:
    number = entry["number"]
    check = check_number(number, region)
    normalised = {**entry, "region": region, "short": check.short}
    if check.href is None:
        return normalised, [_finding(doc, (*path, "number"), f"{number!r} {check.problem}")]
    normalised["tel"] = check.href
    if check.valid:
        return normalised, []
    reason = allowlist.reason(region, number)
    if reason:
        message = f"{number!r} {check.problem}; accepted by {allowlist.file}: {reason}"
        return normalised, [_finding(doc, (*path, "number"), message, "warning")]
    suggestion = suggest_number(number)
    hint = f" (did you mean {suggestion}?)" if suggestion else ""
    message = (
        f"{number!r} {check.problem}{hint}; if the service really publishes it, "
        f"add it to {allowlist.file} with the reason"
    )
    if allowlist.unreadable:
        message = (
            f"{number!r} {check.problem}{hint}; {allowlist.file} could not be read (see its "
            "message), so the numbers it accepts are not known"
        )
    return normalised, [_finding(doc, (*path, "number"), message)]


def _check_hours(doc: YamlDocument, path: Path_, hours: dict[str, Any]) -> list[Finding]:
    if ("always" in hours) == ("weekly" in hours):
        return [_finding(doc, path, "expected exactly one of always: true or weekly: [...]")]
    findings = []
    for i, period in enumerate(hours.get("weekly", [])):
        if period["close"] != "24:00" and period["close"] <= period["open"]:
            findings.append(
                _finding(
                    doc,
                    (*path, "weekly", i, "close"),
                    f"found {period['close']!r}, not after the opening time "
                    f"{period['open']!r}; expected a later time (24:00 for midnight)",
                )
            )
    return findings


def _check_service(
    doc: YamlDocument,
    index: int,
    service: dict[str, Any],
    country: str,
    allowlist: Allowlist,
    today: dt.date,
    strict: bool,
) -> tuple[dict[str, Any], list[Finding]]:
    base: Path_ = ("services", index)
    findings: list[Finding] = []
    normalised = {"country": country, **copy.deepcopy(service)}
    normalised.pop("notes", None)

    prefix = country.lower() + "-"
    if not service["id"].startswith(prefix):
        findings.append(
            _finding(
                doc,
                (*base, "id"),
                f"found {service['id']!r}; expected an id starting with {prefix!r}",
            )
        )
    if not any(name in service for name in CONTACT_FIELDS):
        findings.append(
            _finding(
                doc,
                base,
                f"{service['name']!r} has no way to reach it; expected at least one of "
                + ", ".join(CONTACT_FIELDS),
            )
        )

    regions = known_regions()
    for channel in ("phones", "sms", "whatsapp"):
        for i, entry in enumerate(service.get(channel, [])):
            path = (*base, channel, i)
            region = entry.get("region", country)
            if country == INTERNATIONAL and "region" not in entry:
                findings.append(
                    _finding(doc, path, "missing region; numbers in international.yml need one")
                )
                continue
            if region not in regions:
                findings.append(
                    _finding(doc, (*path, "region"), f"{region!r} is not a known country code")
                )
                continue
            phone, phone_findings = _check_phone(doc, path, entry, region, allowlist)
            findings += phone_findings
            if channel == "sms" and "tel" in phone:
                phone["sms"] = "sms:" + phone.pop("tel")[4:]
            if channel == "whatsapp":
                readable = phone.pop("tel", None) is not None
                phone.pop("short", None)
                if not readable:
                    pass  # already reported: it cannot be read as a phone number
                elif not entry["number"].strip().startswith("+"):
                    findings.append(
                        _finding(
                            doc,
                            (*path, "number"),
                            f"found {entry['number']!r}; expected the international form (+34 ...)",
                        )
                    )
                else:
                    phone["href"] = whatsapp_href(entry["number"], region)
            normalised[channel][i] = phone

    for hours_field in ("hours", "chat_hours"):
        if hours_field in service:
            findings += _check_hours(doc, (*base, hours_field), service[hours_field])

    ages = service.get("ages", {})
    if "min" in ages and "max" in ages and ages["min"] > ages["max"]:
        findings.append(
            _finding(
                doc,
                (*base, "ages"),
                f"found min {ages['min']} above max {ages['max']}; expected min <= max",
            )
        )
    known_languages = Locale("en").languages
    for i, code in enumerate(service.get("languages", [])):
        if code not in known_languages:
            findings.append(
                _finding(
                    doc,
                    (*base, "languages", i),
                    f"found {code!r}; expected an ISO 639-1 language code such as en",
                )
            )

    source_dates = []
    for i, source in enumerate(service["sources"]):
        if "date" in source:
            date, date_findings = _check_date(
                doc, (*base, "sources", i, "date"), source["date"], today
            )
            findings += date_findings
            if date is not None and not date_findings:
                source_dates.append(date)
    check_date = None
    if "checked" in service:
        check_date, date_findings = _check_date(
            doc, (*base, "checked", "date"), service["checked"]["date"], today
        )
        findings += date_findings
    findings += _stale_findings(doc, base, service, check_date, source_dates, today, strict)
    findings += _check_area(doc, base, service, country)
    normalised["area"] = service.get("area", {"countries": [country]})
    return normalised, findings


def _stale_findings(
    doc: YamlDocument,
    base: Path_,
    service: dict[str, Any],
    check_date: dt.date | None,
    source_dates: list[dt.date],
    today: dt.date,
    strict: bool,
) -> list[Finding]:
    """A record whose newest evidence (a check or a dated source) is over a year old."""
    severity = "error" if strict else "warning"
    newest = max([*source_dates, *([check_date] if check_date else [])], default=None)
    if newest is None:
        return [
            _finding(
                doc,
                (*base, "sources"),
                "every source is undated and nobody has recorded a check; expected a dated "
                "source or a check (checked: {date, by}) against the service's own site",
                severity,
            )
        ]
    age = (today - newest).days
    if age <= STALE_AFTER_DAYS:
        return []
    what = "last checked" if newest == check_date else "newest source dated"
    return [
        _finding(
            doc,
            (*base, "checked" if newest == check_date else "sources"),
            f"{what} {newest.isoformat()} ({age} days ago); expected a check within "
            f"{STALE_AFTER_DAYS} days: re-check the service's own site and record it "
            "under checked",
            severity,
        )
    ]


def _check_area(
    doc: YamlDocument, base: Path_, service: dict[str, Any], country: str
) -> list[Finding]:
    area = service.get("area")
    if country != INTERNATIONAL:
        if area is None:
            return []
        return [
            _finding(
                doc,
                (*base, "area"),
                f"found an area in a country file; expected none: a service in "
                f"{country}.yml serves {country} only (put cross-border services in "
                f"{INTERNATIONAL_FILE})",
            )
        ]
    if area is None:
        return [
            _finding(
                doc,
                base,
                f"missing area; services in {INTERNATIONAL_FILE} need "
                "area: {worldwide: true} or area: {countries: [...]}",
            )
        ]
    if ("worldwide" in area) == ("countries" in area):
        return [
            _finding(
                doc,
                (*base, "area"),
                "found both worldwide and countries; expected exactly one of "
                "worldwide: true or countries: [...]",
            )
        ]
    regions = known_regions()
    return [
        _finding(
            doc, (*base, "area", "countries", i), f"{code!r} is not an ISO 3166-1 country code"
        )
        for i, code in enumerate(area.get("countries", []))
        if code not in regions
    ]


def validate_document(
    doc: YamlDocument,
    source_path: Path,
    validator: Draft202012Validator,
    allowlist: Allowlist,
    today: dt.date,
    strict: bool = False,
) -> tuple[Country | None, list[Finding]]:
    """Validate one loaded file; return its normalised country when it has no errors."""
    findings = _schema_findings(doc, validator)
    data = doc.data
    if not isinstance(data, dict):
        return None, findings
    code = data.get("country")
    expected = expected_code(source_path)
    if isinstance(code, str) and not any(f.field == "country" for f in findings):
        if code != INTERNATIONAL and code not in known_regions():
            findings.append(
                _finding(doc, ("country",), f"{code!r} is not an ISO 3166-1 country code")
            )
        elif code != expected:
            findings.append(
                _finding(
                    doc,
                    ("country",),
                    f"found {code!r}; expected {expected!r}, as the file is named "
                    f"{source_path.name}",
                )
            )
    if any(f.field == "country" for f in findings) or not isinstance(code, str):
        return None, findings

    bad_services = {f.field.split(".")[0] for f in findings if f.field.startswith("services[")}
    services = []
    services_data = data.get("services")
    if isinstance(services_data, list):
        for i, service in enumerate(services_data):
            if f"services[{i}]" in bad_services or not isinstance(service, dict):
                continue
            normalised, service_findings = _check_service(
                doc, i, service, code, allowlist, today, strict
            )
            findings += service_findings
            services.append(normalised)
    if any(f.is_error for f in findings):
        return None, findings
    timezone, zone_findings = _timezone(doc, code, data.get("timezone"))
    findings += zone_findings
    if zone_findings:
        return None, findings
    return Country(code, doc.file, tuple(services), timezone), findings


def zones_of(code: str) -> list[str]:
    """The IANA time zones of a country, from Babel's CLDR data."""
    return sorted(
        zone for zone, territory in get_global("zone_territories").items() if territory == code
    )


def _timezone(doc: YamlDocument, code: str, declared: Any) -> tuple[str | None, list[Finding]]:
    """The declared time zone, checked; else the country's only one; else none."""
    zones = zones_of(code)
    if declared is None:
        return (zones[0] if len(zones) == 1 else None), []
    if declared not in zones:
        expected = ", ".join(zones) if zones else "none (leave it out)"
        return None, [
            _finding(
                doc,
                ("timezone",),
                f"found {declared!r}; expected a time zone of {code}: {expected}",
            )
        ]
    return declared, []


def _display_name(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def data_files(directory: Path = DATA_DIR) -> list[Path]:
    """The country files of ``directory``: every .yml except the allowlist."""
    return sorted(p for p in directory.glob("*.yml") if p.name != ALLOWLIST_FILE)


def load_directory(
    today: dt.date,
    files: Sequence[Path] | None = None,
    directory: Path = DATA_DIR,
    strict: bool = False,
    root: Path = ROOT,
) -> Directory:
    """Load and validate ``files`` (default: all of ``directory``)."""
    result = Directory()
    validator = Draft202012Validator(load_schema(directory))
    allowlist, findings = load_allowlist(
        directory / ALLOWLIST_FILE, _display_name(directory / ALLOWLIST_FILE, root)
    )
    result.findings += findings
    paths = list(files) if files is not None else data_files(directory)
    seen_ids: dict[str, str] = {}
    for path in paths:
        display = _display_name(path, root)
        try:
            doc = load_yaml(path, display)
        except DataError as error:
            result.findings.append(_from_data_error(error))
            continue
        country, findings = validate_document(doc, path, validator, allowlist, today, strict)
        result.findings += findings
        listed = doc.data.get("services") if isinstance(doc.data, dict) else None
        for i, service in enumerate(listed if isinstance(listed, list) else []):
            sid = service.get("id") if isinstance(service, dict) else None
            if not isinstance(sid, str):
                continue
            where = f"{display}:{doc.line_of(('services', i, 'id'))}"
            if sid in seen_ids:
                result.findings.append(
                    _finding(
                        doc,
                        ("services", i, "id"),
                        f"duplicate id {sid!r} (first used at {seen_ids[sid]}); "
                        "expected a unique id",
                    )
                )
                country = None
            else:
                seen_ids[sid] = where
        if country is not None:
            if country.code in result.countries:
                result.findings.append(
                    _finding(
                        doc,
                        ("country",),
                        f"{country.code!r} is already defined in "
                        f"{result.countries[country.code].file}; expected one file per country",
                    )
                )
            else:
                result.countries[country.code] = country
    if files is None:
        for key in sorted(set(allowlist.entries) - allowlist.used):
            result.findings.append(
                Finding(
                    "warning",
                    allowlist.file,
                    allowlist.lines.get(key),
                    "numbers",
                    f"{key[1]} ({key[0]}) is not used by any service or phonenumbers now "
                    "accepts it; expected the entry to be removed",
                )
            )
    # The allowlist first: a mistake there explains errors in the country files.
    result.findings.sort(key=lambda f: (f.file != allowlist.file, f.file, f.line or 0, f.field))
    return result


# --------------------------------------------------------------- export ----

#: Version 2: HSDS names (service_area, phones with type, schedules with a
#: time zone, assured_date), licence, publisher, generation date, corrections.
EXPORT_VERSION = 2
LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
PUBLISHER = "Not Your Fault project"
EXPORT_NOTICE = (
    "Facts compiled from public sources, each listed with its address and date; "
    "re-check a service's own site before relying on it. assured_date is set only "
    "where a person checked the service's own site."
)
_BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


@dataclass(frozen=True)
class Publication:
    """Who publishes the open data, where, and when it was generated."""

    site_url: str
    generated: dt.date

    @property
    def corrections(self) -> str:
        """Where to send corrections: the contact on the site's about/ page."""
        return self.site_url.rstrip("/") + "/about/"


def _schedules(hours: dict[str, Any], timezone: str | None) -> list[dict[str, Any]]:
    zone = {"timezone": timezone} if timezone else {}
    if hours.get("always"):
        periods = [{"days": list(_BYDAY), "open": "00:00", "close": "24:00"}]
    else:
        periods = hours["weekly"]
    return [
        {
            "freq": "WEEKLY",
            "byday": ",".join(_BYDAY[d] for d in period["days"]),
            "opens_at": period["open"],
            "closes_at": period["close"],
            **zone,
        }
        for period in periods
    ]


def export_service(service: dict[str, Any], timezone: str | None) -> dict[str, Any]:
    """One normalised service in the export's HSDS-like shape."""
    out: dict[str, Any] = {
        "id": service["id"],
        "country": service["country"],
        "name": service["name"],
        "kind": service["kind"],
        "audience": service["audience"],
        "service_area": {
            "worldwide": bool(service["area"].get("worldwide")),
            "countries": service["area"].get("countries", []),
        },
    }
    # HSDS puts languages on the phone: the service's languages apply to each number.
    languages = {"languages": service["languages"]} if "languages" in service else {}
    phones = [{**p, "type": "voice", **languages} for p in service.get("phones", [])]
    for entry in service.get("sms", []):
        phones.append({**entry, "type": "text", **languages})
    if phones:
        out["phones"] = phones
    if "whatsapp" in service:
        out["whatsapp"] = service["whatsapp"]
    for ours, theirs in (("website", "url"), ("email", "email"), ("chat", "chat_url")):
        if ours in service:
            out[theirs] = service[ours]
    if "report_url" in service:
        out["report_url"] = service["report_url"]
    if "hours" in service:
        out["schedules"] = _schedules(service["hours"], timezone)
    if "chat_hours" in service:
        out["chat_schedules"] = _schedules(service["chat_hours"], timezone)
    for name in ("languages", "ages", "anonymous", "caveats"):
        if name in service:
            out[name] = service[name]
    if "checked" in service:
        out["assured_date"] = service["checked"]["date"]
        out["assured_by"] = service["checked"]["by"]
    newest = newest_source_date(service)
    if newest:
        out["newest_source_date"] = newest
    out["sources"] = service["sources"]
    return out


def export_data(directory: Directory, publication: Publication) -> dict[str, Any]:
    """The open-data document published as helplines.json."""
    return {
        "$schema": "helplines.schema.json",
        "version": EXPORT_VERSION,
        "license": LICENCE,
        "publisher": {"name": PUBLISHER, "url": publication.site_url},
        "generated": publication.generated.isoformat(),
        "corrections": publication.corrections,
        "notice": EXPORT_NOTICE,
        "countries": [
            {
                "code": code,
                **(
                    {"timezone": directory.countries[code].timezone}
                    if directory.countries[code].timezone
                    else {}
                ),
                "services": [
                    export_service(s, directory.countries[code].timezone)
                    for s in directory.countries[code].services
                ],
            }
            for code in sorted(directory.countries)
        ],
    }


def _described(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, **{k: v for k, v in schema.items() if k != "description"}}


def export_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema of helplines.json; field descriptions come from the data schema (one home)."""
    data = schema["properties"]["services"]["items"]["properties"]
    number = copy.deepcopy(data["phones"]["items"]["properties"])
    number["region"]["description"] = "ISO 3166-1 code of the numbering plan."
    number["keyword"] = data["sms"]["items"]["properties"]["keyword"]
    number.update(
        {
            "type": {
                "description": "HSDS phone type: voice (call) or text (SMS).",
                "type": "string",
                "enum": ["voice", "text"],
            },
            "tel": {
                "description": "For voice: a tel: link that dials it (tel:116111 for short "
                "numbers, else E.164).",
                "type": "string",
            },
            "sms": {"description": "For text: an sms: link to the number.", "type": "string"},
            "short": {
                "description": "true for a short number (116 111, 147) dialled as written.",
                "type": "boolean",
            },
            "languages": _described(
                "HSDS phone languages: the languages in which the service answers.",
                data["languages"],
            ),
        }
    )
    whatsapp = copy.deepcopy(data["whatsapp"]["items"])
    whatsapp["properties"]["href"] = {
        "description": "A https://wa.me/ link that opens a WhatsApp chat.",
        "type": "string",
    }
    whatsapp["properties"]["region"] = number["region"]
    schedule = {
        "description": "HSDS schedule: a weekly opening period in the service's local time.",
        "type": "object",
        "additionalProperties": False,
        "required": ["freq", "byday", "opens_at", "closes_at"],
        "properties": {
            "freq": {"description": "Always WEEKLY (RFC 5545).", "const": "WEEKLY"},
            "byday": {
                "description": "Days of the week, RFC 5545 codes separated by commas (MO,TU).",
                "type": "string",
            },
            "opens_at": {"description": "Opening time, 24-hour HH:MM.", "type": "string"},
            "closes_at": {
                "description": "Closing time, 24-hour HH:MM; 24:00 is midnight at the end "
                "of the day.",
                "type": "string",
            },
            "timezone": {
                "description": "IANA time zone name of the times (HSDS 3 uses a UTC offset; a "
                "name stays right across daylight saving time). Absent for countries with "
                "several time zones.",
                "type": "string",
            },
        },
    }
    service = {
        "description": "HSDS service: one helpline, crisis line, reporting hotline, police "
        "route, emergency number or image-removal service. The organisation behind it is "
        "not modelled separately: `name` is the service's own name.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "country", "name", "kind", "audience", "service_area", "sources"],
        "properties": {
            "id": data["id"],
            "country": {
                "description": "ISO 3166-1 code of the file the service comes from (INT: "
                "services that work across borders).",
                "type": "string",
            },
            "name": data["name"],
            "kind": data["kind"],
            "audience": data["audience"],
            "service_area": {
                "description": "HSDS service_area: where the service can be used.",
                "type": "object",
                "additionalProperties": False,
                "required": ["worldwide", "countries"],
                "properties": {
                    "worldwide": {
                        "description": "true when anyone anywhere can use it.",
                        "type": "boolean",
                    },
                    "countries": {
                        "description": "ISO 3166-1 codes of the countries where it can be "
                        "used (empty when worldwide).",
                        "type": "array",
                        "items": {"description": "An ISO 3166-1 code.", "type": "string"},
                    },
                },
            },
            "phones": {
                "description": "HSDS phones: numbers to call (type voice) or text (type text).",
                "type": "array",
                "items": {
                    "description": "A phone number.",
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["number", "region", "type"],
                    "properties": number,
                },
            },
            "whatsapp": _described("WhatsApp numbers.", {"type": "array", "items": whatsapp}),
            "url": _described("HSDS url: " + data["website"]["description"], data["website"]),
            "email": data["email"],
            "chat_url": data["chat"],
            "report_url": data["report_url"],
            "schedules": {
                "description": "HSDS schedules: when the service answers.",
                "type": "array",
                "items": schedule,
            },
            "chat_schedules": {
                "description": "When the chat answers, where it differs from `schedules`.",
                "type": "array",
                "items": schedule,
            },
            "languages": data["languages"],
            "ages": data["ages"],
            "anonymous": data["anonymous"],
            "caveats": data["caveats"],
            "assured_date": {
                "description": "HSDS assured_date: when a person last checked the record "
                "against the service's own site. Absent: nobody has yet.",
                "type": "string",
            },
            "assured_by": {
                "description": "Who made that check (HSDS has assurer_email; we publish a "
                "name, not an address).",
                "type": "string",
            },
            "newest_source_date": {
                "description": "The date of the newest dated source: the date of a page we "
                "cite, not a check.",
                "type": "string",
            },
            "sources": data["sources"],
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://notyourfault.example.org/helplines.schema.json",
        "title": "Not Your Fault: helpline directory (open data)",
        "description": "Helplines, crisis lines, reporting hotlines, police routes, emergency "
        "numbers and image-removal services by country, as published at /helplines.json. "
        "Field names follow the Open Referral Human Services Data Specification (HSDS) "
        "where they fit: service, phones (with type and languages), schedules (with time "
        "zone), service_area, assured_date.",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "version",
            "license",
            "publisher",
            "generated",
            "corrections",
            "countries",
        ],
        "properties": {
            "$schema": {"description": "Address of this schema.", "type": "string"},
            "version": {
                "description": "Format version; changes when fields change.",
                "const": EXPORT_VERSION,
            },
            "license": {
                "description": "Licence of the compilation: CC BY 4.0 (cite the publisher).",
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "url"],
                "properties": {
                    "name": {"description": "Name of the licence.", "type": "string"},
                    "url": {"description": "Text of the licence.", "type": "string"},
                },
            },
            "publisher": {
                "description": "Who publishes this data.",
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "url"],
                "properties": {
                    "name": {"description": "Name of the publisher.", "type": "string"},
                    "url": {"description": "The publisher's site.", "type": "string"},
                },
            },
            "generated": {
                "description": "Date this file was generated (YYYY-MM-DD).",
                "type": "string",
            },
            "corrections": {
                "description": "Where to send a correction: the contact on the site's about page.",
                "type": "string",
            },
            "notice": {
                "description": "Where the facts come from and how far to trust them.",
                "type": "string",
            },
            "countries": {
                "description": "One entry per country, sorted by code.",
                "type": "array",
                "items": {
                    "type": "object",
                    "description": "The services of one country.",
                    "additionalProperties": False,
                    "required": ["code", "services"],
                    "properties": {
                        "code": {
                            "description": "ISO 3166-1 alpha-2 code, or INT.",
                            "type": "string",
                        },
                        "timezone": schema["properties"]["timezone"],
                        "services": {
                            "description": "The services.",
                            "type": "array",
                            "items": service,
                        },
                    },
                },
            },
        },
    }


def write_export(
    directory: Directory, schema: dict[str, Any], out_dir: Path, publication: Publication
) -> list[Path]:
    """Write helplines.json and helplines.schema.json into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in (
        ("helplines.json", export_data(directory, publication)),
        ("helplines.schema.json", export_schema(schema)),
    ):
        target = out_dir / name
        target.write_text(
            json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
            encoding="utf-8",
        )
        written.append(target)
    return written


def format_findings(findings: Iterable[Finding]) -> str:
    return "\n".join(str(f) for f in findings)
