"""The helpline model: load, validate and normalise the helpline data.

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
was expected. Phone numbers are checked by nyf.helpline_phones; the open data
is written by nyf.helpline_export.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from babel.core import get_global
from jsonschema import Draft202012Validator

from .helpline_phones import check_number, digits_of, known_regions, suggest_number, whatsapp_href
from .schema_messages import SchemaProblem
from .schema_messages import problems as schema_problems
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
    """The schema's errors, worded for the people who edit the files."""
    return [
        _finding(doc, problem.field_path, _schema_message(problem))
        for problem in schema_problems(validator.iter_errors(doc.data))
    ]


def _schema_message(problem: SchemaProblem) -> str:
    value, rule, kind = problem.found, problem.rule, problem.kind
    key = next((p for p in reversed(problem.path) if isinstance(p, str)), "")
    hint = f"; did you mean {problem.suggestion!r}?" if problem.suggestion else ""
    if kind == "additionalProperties":
        return f"unknown field {problem.name!r}; expected one of {', '.join(problem.allowed)}{hint}"
    if kind == "required":
        return f"missing required field {problem.name!r}"
    if kind == "type":
        message = f"found {_describe(value)}; expected {_JSON_TYPES.get(rule, rule)}"
        if rule == "string" and isinstance(value, int | float):
            message += " (put it in quotes)"
        if rule == "boolean" and isinstance(value, str):
            message += " (write true or false; yes/no/on/off are read as text)"
        return message
    if kind == "enum":
        return f"found {_describe(value)}; expected one of {', '.join(problem.allowed)}{hint}"
    if kind == "const":
        message = f"found {_describe(value)}; expected {_describe(rule)}"
        if isinstance(rule, bool) and isinstance(value, str):
            message += " (write true or false; yes/no/on/off are read as text)"
        return message
    if kind == "pattern":
        expected = _PATTERN_EXPECTATIONS.get(key, f"text matching {rule}")
        if rule == PLAIN_TEXT_PATTERN:
            expected = "plain text without < or > (markup is not allowed in data)"
        elif "checked" in problem.path and key == "date":
            expected = "the full date of the check, such as 2026-11-30"
        elif key in URL_FIELDS and any(c in str(value) for c in '<>"'):
            expected += " without <, > or quotes"
        message = f"found {_describe(value)}; expected {expected}"
        if key in ("website", "chat", "report_url") and str(value).startswith("http://"):
            message += " (the site links only to secure addresses)"
        return message
    if kind == "minProperties":
        return "is empty; give min, max or both, or leave the field out"
    if kind in ("minItems", "minLength"):
        return f"is empty; expected at least one {'item' if kind == 'minItems' else 'character'}"
    if kind == "uniqueItems":
        return f"found {_describe(value)}; expected each value only once"
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return f"found {_describe(value)}; expected {bound} {rule}"
    return problem.message


# ------------------------------------------------------------ semantics ----


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


def format_findings(findings: Iterable[Finding]) -> str:
    return "\n".join(str(f) for f in findings)
