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

#: Human words for what a field expects, used when the schema's pattern fails.
_PATTERN_EXPECTATIONS = {
    "website": "an https:// address",
    "chat": "an https:// address",
    "report_url": "an https:// address",
    "url": "an http:// or https:// address",
    "email": "an e-mail address such as help@example.org",
    "verified": "a date such as 2025-04-30 (or 2025-04, or 2025)",
    "date": "a date such as 2025-04-30 (or 2025-04, or 2025)",
    "id": "the lower-case country code, a dash and a slug, e.g. cz-linka-bezpeci",
    "country": 'an upper-case ISO 3166-1 code in quotes, e.g. "CZ" or "NO"',
    "region": 'an upper-case ISO 3166-1 code in quotes, e.g. "US"',
    "open": "a time such as 08:00",
    "close": "a time such as 20:00 (24:00 for midnight)",
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
    except phonenumbers.NumberParseException as exc:
        return DialCheck(None, False, False, f"cannot be read as a phone number ({exc._msg})")
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
        return allowlist, [_from_data_error(error)]
    findings: list[Finding] = []
    data = doc.data
    if (
        not isinstance(data, dict)
        or set(data) != {"numbers"}
        or not isinstance(data["numbers"], list)
    ):
        return allowlist, [_finding(doc, (), "expected one field, numbers: a list of entries")]
    for i, entry in enumerate(data["numbers"]):
        path_ = ("numbers", i)
        if not isinstance(entry, dict) or set(entry) != {"country", "number", "reason"}:
            findings.append(_finding(doc, path_, "expected exactly country, number and reason"))
            continue
        country, number, reason = entry["country"], entry["number"], entry["reason"]
        if not all(isinstance(v, str) and v.strip() for v in (country, number, reason)):
            findings.append(
                _finding(doc, path_, "country, number and reason must be non-empty text")
            )
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
        elif kind == "pattern":
            expected = _PATTERN_EXPECTATIONS.get(key, f"text matching {error.validator_value}")
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
    return findings


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
    for i, served in enumerate(service.get("serves", [])):
        if served not in regions:
            findings.append(
                _finding(
                    doc,
                    (*base, "serves", i),
                    f"{served!r} is not an ISO 3166-1 country code",
                )
            )
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
                phone.pop("tel", None)
                phone.pop("short", None)
                if not entry["number"].strip().startswith("+"):
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

    for i, source in enumerate(service["sources"]):
        if "date" in source:
            findings += _check_date(doc, (*base, "sources", i, "date"), source["date"], today)[1]

    verified, date_findings = _check_date(doc, (*base, "verified"), service["verified"], today)
    findings += date_findings
    if verified is not None and not date_findings:
        age = (today - verified).days
        if age > STALE_AFTER_DAYS:
            findings.append(
                _finding(
                    doc,
                    (*base, "verified"),
                    f"last verified {service['verified']} ({age} days ago); expected a check "
                    f"within {STALE_AFTER_DAYS} days: re-check the service's own site",
                    "error" if strict else "warning",
                )
            )
    return normalised, findings


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
    return Country(code, doc.file, tuple(services)), findings


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
        for i, service in enumerate(
            doc.data.get("services", []) if isinstance(doc.data, dict) else []
        ):
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
    result.findings.sort(key=lambda f: (f.file, f.line or 0, f.field))
    return result


# --------------------------------------------------------------- export ----

EXPORT_VERSION = 1
EXPORT_LICENCE = (
    "Facts compiled from public sources, each listed with its address; "
    "re-check a service's own site before relying on it."
)


def export_data(directory: Directory) -> dict[str, Any]:
    """The open-data document published as helplines.json (deterministic)."""
    return {
        "$schema": "helplines.schema.json",
        "version": EXPORT_VERSION,
        "notice": EXPORT_LICENCE,
        "countries": [
            {"code": code, "services": list(directory.countries[code].services)}
            for code in sorted(directory.countries)
        ],
    }


def export_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema of helplines.json, derived from the data schema (one home)."""
    service = copy.deepcopy(schema["properties"]["services"]["items"])
    props = service["properties"]
    del props["notes"]
    props["country"] = {
        "description": "ISO 3166-1 code of the service's country (INT: international).",
        "type": "string",
    }
    service["required"] = ["country", *service["required"]]
    for channel, link in (("phones", "tel"), ("sms", "sms"), ("whatsapp", "href")):
        item = props[channel]["items"]
        item["properties"]["region"]["description"] = "ISO 3166-1 code of the numbering plan."
        descriptions = {
            "tel": "A tel: link that dials it (tel:116111 for short numbers, else E.164).",
            "sms": "An sms: link to the number.",
            "href": "A https://wa.me/ link that opens a WhatsApp chat.",
        }
        item["properties"][link] = {"description": descriptions[link], "type": "string"}
        if channel != "whatsapp":
            item["properties"]["short"] = {
                "description": "true for a short number (116 111, 147) dialled as written.",
                "type": "boolean",
            }
        item["required"] = ["number", "region", link]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://notyourfault.example.org/helplines.schema.json",
        "title": "Not Your Fault: helpline directory (open data)",
        "description": "Helplines, reporting hotlines, police routes, emergency numbers and "
        "image-removal services by country, as published at /helplines.json.",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "countries"],
        "properties": {
            "$schema": {"description": "Address of this schema.", "type": "string"},
            "version": {
                "description": "Format version; changes when fields change.",
                "const": EXPORT_VERSION,
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


def write_export(directory: Directory, schema: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write helplines.json and helplines.schema.json into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in (
        ("helplines.json", export_data(directory)),
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
