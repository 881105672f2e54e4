"""Phone numbers of helplines: can the number as published be dialled, and how.

``phonenumbers`` decides, with its short-number API for numbers such as
116 111, 147 or 112 that its main metadata does not know. Pure functions, used
by the helpline validator (nyf.helplines) and the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import shortnumberinfo

#: Numbers that people mistype most often; used to suggest a correction.
WELL_KNOWN_SHORT_NUMBERS = ("116111", "116000", "116123", "112")


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


def known_regions() -> frozenset[str]:
    """ISO 3166-1 codes that have a numbering plan (phonenumbers' regions)."""
    return frozenset(phonenumbers.SUPPORTED_REGIONS)
