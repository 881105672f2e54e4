"""The helpline directory as open data: helplines.json and its JSON Schema.

Field names follow Open Referral HSDS where they fit (organization, service,
phones with type and languages, schedules with a time zone, service_area);
the file carries a licence, a publisher, its generation date and where to send
corrections.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .helplines import Directory, newest_source_date

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
