"""The helpline model: validation messages, tel: links, the export, the real data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import validate_helplines
from jsonschema import Draft202012Validator
from nyf import helpline_export, helpline_phones, helplines

ROOT = Path(__file__).resolve().parents[1]

TODAY = dt.date(2026, 11, 23)

# A minimal valid file; each bad case below changes one thing in it.
VALID = """\
country: CZ
services:
  - id: cz-test
    name: Test
    kind: child_helpline
    phones:
      - number: "116 111"
    checked: {date: "2026-10-01", by: Test Centre}
    sources:
      - url: https://example.org/
    audience: [children]
"""


def variant(*replacements: tuple[str, str]) -> str:
    text = VALID
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def with_fields(*lines: str) -> str:
    """VALID with ``lines`` (indented as service fields) added before checked."""
    block = "".join(f"    {line}\n" for line in lines)
    return VALID.replace("    checked:", block + "    checked:", 1)


def validate(tmp_path: Path, text: str | bytes, name: str = "CZ.yml", strict: bool = False):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return helplines.load_directory(TODAY, files=[path], strict=strict, root=tmp_path)


BAD_INPUTS = [
    # A tab used for indentation.
    ("tab", variant(("    name: Test", "\tname: Test")), "CZ.yml", "a tab is used", 4),
    # An empty file.
    ("empty", "# nothing yet\n", "CZ.yml", "the file is empty", None),
    # Not YAML at all: a binary file.
    ("binary", b"\x7fELF\x02\x01\x01\x00\x00\x00", "CZ.yml", "not a text file", None),
    # A binary file that is not even UTF-8.
    ("image", b"\x89PNG\r\n\x1a\n\x00\x00", "CZ.yml", "not a text file", None),
    # Not UTF-8.
    (
        "latin-1",
        "country: CZ\nname: Linka bezpe\u010d\u00ed\n".encode("cp1250"),
        "CZ.yml",
        "not UTF-8",
        2,
    ),
    # YAML syntax error: an unclosed quote, named on the line that opens it.
    ("syntax", variant(('"116 111"', '"116 111')), "CZ.yml", "a quote opened on this line", 7),
    # The same key twice in one service.
    (
        "duplicate key",
        variant(("    name: Test", "    name: Test\n    name: Again")),
        "CZ.yml",
        "duplicate key 'name'",
        5,
    ),
    # A misspelt field name.
    (
        "unknown key",
        variant(("    phones:", "    phnoes:")),
        "CZ.yml",
        "unknown field 'phnoes'; expected one of",
        6,
    ),
    # A number without quotes is read as a number, not as text.
    (
        "unquoted number",
        variant(('"116 111"', "112")),
        "CZ.yml",
        "found 112; expected text (put it in quotes)",
        7,
    ),
    # yes/no are text in this project: booleans are true/false.
    (
        "yes for a boolean",
        variant(("    kind: child_helpline", "    kind: child_helpline\n    anonymous: yes")),
        "CZ.yml",
        "write true or false",
        6,
    ),
    # Lower-case country code.
    (
        "lower-case country",
        variant(("country: CZ", "country: cz")),
        "CZ.yml",
        "expected an upper-case ISO 3166-1 code",
        1,
    ),
    # Country that does not match the file name.
    (
        "country vs file",
        variant(("country: CZ", "country: SK")),
        "CZ.yml",
        "expected 'CZ', as the file is named CZ.yml",
        1,
    ),
    # A code that is not a country.
    (
        "not a country",
        variant(("country: CZ", "country: XX")),
        "XX.yml",
        "'XX' is not an ISO 3166-1 country code",
        1,
    ),
    # A misspelt kind.
    (
        "kind typo",
        variant(("kind: child_helpline", "kind: child_helpine")),
        "CZ.yml",
        "did you mean 'child_helpline'?",
        5,
    ),
    # An insecure address.
    (
        "http website",
        variant(
            (
                "    kind: child_helpline",
                "    kind: child_helpline\n    website: http://example.org",
            )
        ),
        "CZ.yml",
        "expected an https:// address",
        6,
    ),
    # A malformed e-mail address.
    (
        "bad email",
        variant(
            ("    kind: child_helpline", "    kind: child_helpline\n    email: help-at-example.org")
        ),
        "CZ.yml",
        "expected an e-mail address",
        6,
    ),
    # A check dated in the future.
    ("future date", variant(('"2026-10-01"', '"2027-01-01"')), "CZ.yml", "in the future", 8),
    # A date that does not exist.
    (
        "impossible date",
        variant(('"2026-10-01"', '"2026-13-01"')),
        "CZ.yml",
        "expected a real calendar date",
        8,
    ),
    # A date in another format.
    (
        "date format",
        variant(('"2026-10-01"', '"1.10.2026"')),
        "CZ.yml",
        "expected the full date of the check, such as 2026-11-30",
        8,
    ),
    # Nobody says who the service is for.
    (
        "missing audience",
        variant(("    audience: [children]\n", "")),
        "CZ.yml",
        "missing required field 'audience'",
        3,
    ),
    # No sources.
    (
        "missing sources",
        variant(("    sources:\n      - url: https://example.org/\n", "")),
        "CZ.yml",
        "missing required field 'sources'",
        3,
    ),
    # An empty list of sources.
    (
        "empty sources",
        variant(("    sources:\n      - url: https://example.org/\n", "    sources: []\n")),
        "CZ.yml",
        "is empty",
        9,
    ),
    # A typo in a short number (seen in a real newspaper).
    (
        "short number typo",
        variant(('"116 111"', '"16 6 111"')),
        "CZ.yml",
        "'16 6 111' is not a valid short number for CZ (did you mean 116 111?)",
        7,
    ),
    # A number that is not a number of the country.
    (
        "foreign number",
        variant(('"116 111"', '"0800 1111"')),
        "CZ.yml",
        "is not a valid phone number for CZ",
        7,
    ),
    # Letters that are not a phone number at all.
    (
        "not a number",
        variant(('"116 111"', '"call us"')),
        "CZ.yml",
        "cannot be read as a phone number",
        7,
    ),
    # An id that does not start with the country code.
    (
        "id prefix",
        variant(("id: cz-test", "id: sk-test")),
        "CZ.yml",
        "expected an id starting with 'cz-'",
        3,
    ),
    # An id with capitals.
    (
        "id pattern",
        variant(("id: cz-test", "id: CZ_Test")),
        "CZ.yml",
        "expected the lower-case country code",
        3,
    ),
    # The same id twice.
    (
        "duplicate id",
        VALID + VALID.split("services:\n", 1)[1],
        "CZ.yml",
        "duplicate id 'cz-test' (first used at CZ.yml:3)",
        12,
    ),
    # A service nobody can reach.
    (
        "no contact",
        variant(('    phones:\n      - number: "116 111"\n', "")),
        "CZ.yml",
        "has no way to reach it",
        3,
    ),
    # Both kinds of hours.
    (
        "hours both",
        with_fields(
            "hours:",
            "  always: true",
            "  weekly:",
            "    - days: [mon]",
            '      open: "08:00"',
            '      close: "20:00"',
        ),
        "CZ.yml",
        "expected exactly one of always",
        8,
    ),
    # Closing before opening.
    (
        "hours order",
        with_fields(
            "hours:",
            "  weekly:",
            "    - days: [mon]",
            '      open: "20:00"',
            '      close: "08:00"',
        ),
        "CZ.yml",
        "not after the opening time '20:00'",
        12,
    ),
    # A day name that is not in the list.
    (
        "day name",
        with_fields(
            "hours:",
            "  weekly:",
            "    - days: [monday]",
            '      open: "08:00"',
            '      close: "20:00"',
        ),
        "CZ.yml",
        "expected one of mon, tue",
        10,
    ),
    # always: must be true, not "yes".
    (
        "always yes",
        variant(("    checked:", "    hours:\n      always: yes\n    checked:")),
        "CZ.yml",
        'found "yes"; expected true',
        9,
    ),
    # A WhatsApp number in national form.
    (
        "whatsapp national",
        variant(("    checked:", '    whatsapp:\n      - number: "601 123 456"\n    checked:')),
        "CZ.yml",
        "expected the international form",
        9,
    ),
    # Ages the wrong way round.
    (
        "ages order",
        variant(
            (
                "    checked:",
                "    ages:\n      min: 18\n      max: 12\n      of: user\n    checked:",
            )
        ),
        "CZ.yml",
        "found min 18 above max 12",
        8,
    ),
    # A language code that does not exist.
    (
        "language",
        variant(("    checked:", "    languages: [xq]\n    checked:")),
        "CZ.yml",
        "expected an ISO 639-1 language code",
        8,
    ),
    # Markup in a name: data is plain text (escape at the edge, reject at the door).
    (
        "markup in name",
        variant(("name: Test", 'name: "<script>alert(1)</script>"')),
        "CZ.yml",
        'found "<script>alert(1)</script>"; expected plain text without < or >',
        4,
    ),
    # An attribute smuggled into a quote.
    (
        "markup in quote",
        variant(("url: https://example.org/", 'url: https://example.org/\n        quote: "a<b"')),
        "CZ.yml",
        "expected plain text without < or >",
        11,
    ),
    # A quote character in an address would break out of href="...".
    (
        "quote in website",
        with_fields("website: 'https://example.org/\" onmouseover=\"x'"),
        "CZ.yml",
        "expected an https:// address without <, > or quotes",
        8,
    ),
    # The old field: a source's date is not a check.
    (
        "old verified field",
        with_fields('verified: "2026-10-01"'),
        "CZ.yml",
        "unknown field 'verified'",
        8,
    ),
    # Cost is per number now, not per service.
    (
        "service-level cost",
        with_fields("cost: free"),
        "CZ.yml",
        "unknown field 'cost'; expected one of",
        8,
    ),
    # A cost that is not in the vocabulary.
    (
        "cost value",
        variant(('"116 111"', '"116 111"\n        cost: gratis')),
        "CZ.yml",
        "expected one of free, standard_rate, premium_rate",
        8,
    ),
    # Ages without saying whose age.
    (
        "ages without of",
        with_fields("ages:", "  max: 17"),
        "CZ.yml",
        "missing required field 'of'",
        8,
    ),
    # Whose age, misspelt.
    (
        "ages of",
        with_fields("ages:", "  max: 17", "  of: images"),
        "CZ.yml",
        "expected one of user, image; did you mean 'image'?",
        10,
    ),
    # Who it is for, outside the vocabulary.
    (
        "audience value",
        variant(("audience: [children]", "audience: [kids]")),
        "CZ.yml",
        "expected one of children, young_people, parents, adults, professionals, everyone",
        11,
    ),
    # A caveat that is not in the vocabulary (so it could not be translated).
    (
        "caveat value",
        with_fields("caveats: [public_only]"),
        "CZ.yml",
        "did you mean 'public_content_only'?",
        8,
    ),
    # A check without who made it.
    (
        "check without who",
        variant(('{date: "2026-10-01", by: Test Centre}', '{date: "2026-10-01"}')),
        "CZ.yml",
        "missing required field 'by'",
        8,
    ),
    # Markup in who checked.
    (
        "markup in checked by",
        variant(("by: Test Centre", 'by: "\\" onmouseover=\\"x <b>"')),
        "CZ.yml",
        "expected plain text without < or >",
        8,
    ),
    # A check dated by month only: a check happens on a day.
    (
        "check month only",
        variant(('"2026-10-01"', '"2026-10"')),
        "CZ.yml",
        "expected the full date of the check, such as 2026-11-30",
        8,
    ),
    # A source dated in the future.
    (
        "future source",
        variant(("url: https://example.org/", 'url: https://example.org/\n        date: "2027"')),
        "CZ.yml",
        "in the future",
        11,
    ),
    # An area in a country file: a country file serves its country.
    (
        "area in country file",
        with_fields("area:", "  worldwide: true"),
        "CZ.yml",
        "found an area in a country file; expected none",
        8,
    ),
    # A cross-border service that does not say where it works.
    (
        "int without area",
        variant(
            ("country: CZ", "country: INT"),
            ("id: cz-test", "id: int-test"),
            ('"116 111"', '"116 111"\n        region: CZ'),
        ),
        "international.yml",
        "missing area; services in international.yml need",
        3,
    ),
    # Both worldwide and a list of countries.
    (
        "int area both",
        variant(
            ("country: CZ", "country: INT"),
            ("id: cz-test", "id: int-test"),
            ('"116 111"', '"116 111"\n        region: CZ'),
            ("    checked:", "    area: {worldwide: true, countries: [CZ]}\n    checked:"),
        ),
        "international.yml",
        "found both worldwide and countries; expected exactly one",
        9,
    ),
    # A country in the area that does not exist.
    (
        "int area code",
        variant(
            ("country: CZ", "country: INT"),
            ("id: cz-test", "id: int-test"),
            ('"116 111"', '"116 111"\n        region: CZ'),
            ("    checked:", "    area: {countries: [XX]}\n    checked:"),
        ),
        "international.yml",
        "'XX' is not an ISO 3166-1 country code",
        9,
    ),
    # A list where a mapping is expected.
    (
        "top-level list",
        "- country: CZ\n",
        "CZ.yml",
        "found a list; expected a mapping of fields",
        1,
    ),
    # No services at all.
    ("no services", "country: CZ\nservices: []\n", "CZ.yml", "is empty", 2),
    # A number in international.yml without its country.
    (
        "int region",
        variant(
            ("country: CZ", "country: INT"),
            ("id: cz-test", "id: int-test"),
            ("    checked:", "    area: {worldwide: true}\n    checked:"),
        ),
        "international.yml",
        "missing region",
        7,
    ),
    # services: left without a list (the key kept, the entries deleted).
    ("services null", "country: CZ\nservices:\n", "CZ.yml", "found nothing; expected a list", 2),
    # A service that is only a name, not a mapping of fields.
    (
        "service is text",
        "country: CZ\nservices:\n  - Linka bezpeci\n",
        "CZ.yml",
        'found "Linka bezpeci"; expected a mapping of fields',
        3,
    ),
    # A WhatsApp number that is only a plus sign: one message, no traceback.
    (
        "whatsapp plus only",
        with_fields("whatsapp:", '  - number: "+"'),
        "CZ.yml",
        "'+' cannot be read as a phone number; expected digits",
        9,
    ),
    # A WhatsApp number in words: one message (not also "international form").
    (
        "whatsapp words",
        with_fields("whatsapp:", '  - number: "write to us"'),
        "CZ.yml",
        "'write to us' cannot be read as a phone number",
        9,
    ),
    # An SMS number in words.
    (
        "sms words",
        with_fields("sms:", '  - number: "text us"'),
        "CZ.yml",
        "'text us' cannot be read as a phone number",
        9,
    ),
    # A phone number written out in words.
    (
        "phone in words",
        variant(('"116 111"', '"one one six one one one"')),
        "CZ.yml",
        "cannot be read as a phone number",
        7,
    ),
    # A phone list given as one text instead of a list.
    (
        "phones text",
        variant(('    phones:\n      - number: "116 111"', '    phones: "116 111"')),
        "CZ.yml",
        'found "116 111"; expected a list',
        6,
    ),
    # A web address with a space in it.
    (
        "url with space",
        with_fields('website: "https://www.linka bezpeci.cz"'),
        "CZ.yml",
        'found "https://www.linka bezpeci.cz"; expected an https:// address',
        8,
    ),
    # A source address with a space in it.
    (
        "source url with space",
        variant(("url: https://example.org/", 'url: "https://example.org/a page"')),
        "CZ.yml",
        "expected an http:// or https:// address",
        10,
    ),
    # A date written the way many countries write it by hand.
    (
        "date with slashes",
        variant(('"2026-10-01"', '"31/12/2025"')),
        "CZ.yml",
        'found "31/12/2025"; expected the full date of the check, such as 2026-11-30',
        8,
    ),
    # checked: given as a bare date instead of {date, by}.
    (
        "checked as text",
        variant(('checked: {date: "2026-10-01", by: Test Centre}', 'checked: "2026-10-01"')),
        "CZ.yml",
        'found "2026-10-01"; expected a mapping of fields',
        8,
    ),
    # An hour without its leading zero.
    (
        "hour without zero",
        with_fields("hours:", '  weekly: [{days: [mon], open: "8:00", close: "20:00"}]'),
        "CZ.yml",
        'found "8:00"; expected a time such as 08:00',
        9,
    ),
    # An age in words.
    (
        "age in words",
        with_fields("ages: {of: user, max: twenty}"),
        "CZ.yml",
        'found "twenty"; expected a whole number',
        8,
    ),
    # A misspelt time zone.
    (
        "time zone typo",
        "timezone: Europe/Prague 1\n" + VALID,
        "CZ.yml",
        "expected an IANA time zone name such as Europe/Prague",
        1,
    ),
    # worldwide: yes is text, not true.
    (
        "worldwide yes",
        variant(
            ("country: CZ", "country: INT"),
            ("id: cz-test", "id: int-test"),
            ('"116 111"\n', '"116 111"\n        region: CZ\n'),
            ("    checked:", "    area: {worldwide: yes}\n    checked:"),
        ),
        "international.yml",
        "(write true or false; yes/no/on/off are read as text)",
        9,
    ),
    # The file saved as UTF-16 (Notepad's "Unicode").
    ("utf-16", VALID.encode("utf-16"), "CZ.yml", "is saved as UTF-16; expected YAML", None),
    # A colon and a space inside an unquoted name.
    (
        "colon in value",
        variant(("name: Test", "name: Linka: Test")),
        "CZ.yml",
        "a colon and a space inside a value, or a line indented too far",
        4,
    ),
    # A tab between a key and its value.
    (
        "tab inside a line",
        variant(("kind: child_helpline", "kind:\tchild_helpline")),
        "CZ.yml",
        "a tab is used; YAML needs spaces",
        5,
    ),
    # An unclosed single quote: named on its own line, not at the end of the file.
    (
        "unclosed single quote",
        variant(("name: Test", "name: 'Test")),
        "CZ.yml",
        "a quote opened on this line is not closed",
        4,
    ),
    # A list in brackets that is never closed.
    (
        "unclosed bracket",
        variant(("audience: [children]", "audience: [children")),
        "CZ.yml",
        "a list opened with [ is not closed",
        12,
    ),
    # A YAML tag (copied from a programmer's file): data is plain text.
    (
        "yaml tag",
        variant(("name: Test", "name: !!python/name:os.system")),
        "CZ.yml",
        "found the YAML tag !!python/name:os.system; expected plain text without tags",
        4,
    ),
    # The key services: misspelt: one message, not also "missing services".
    (
        "services misspelt",
        variant(("services:", "servces:")),
        "CZ.yml",
        "unknown field 'servces'; expected one of country, services, timezone; did you mean "
        "'services'?",
        2,
    ),
    # Two documents in one file (a stray ---).
    ("two documents", VALID + "---\ncountry: CZ\n", "CZ.yml", "found several (---)", None),
]


@pytest.mark.parametrize(
    ("text", "name", "expected", "line"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_gives_a_clear_error(tmp_path, text, name, expected, line):
    result = validate(tmp_path, text, name)
    messages = [str(f) for f in result.errors]
    matching = [f for f in result.errors if expected in f.message]
    assert matching, f"expected {expected!r} in {messages}"
    assert matching[0].file == name
    assert matching[0].line == line, messages
    assert len(messages) == 1, f"expected one message, found {messages}"
    assert not result.countries, "an invalid file must not be published"


def test_valid_file_passes(tmp_path):
    result = validate(tmp_path, VALID)
    assert result.findings == []
    assert list(result.countries) == ["CZ"]


def test_norway_code_stays_text(tmp_path):
    # NO is Norway, not false, quoted or not.
    text = variant(("country: CZ", "country: NO"), ("id: cz-test", "id: no-test"))
    result = validate(tmp_path, text, "NO.yml")
    assert result.errors == []
    assert list(result.countries) == ["NO"]


def test_message_names_file_line_field_found_and_expected(tmp_path):
    result = validate(tmp_path, variant(('"116 111"', '"16 6 111"')))
    assert str(result.errors[0]).startswith(
        "CZ.yml:7 services[0].phones[0].number: '16 6 111' is not a valid short number "
        "for CZ (did you mean 116 111?); if the service really publishes it, add it to "
    )
    assert str(result.errors[0]).endswith("allowlist.yml with the reason")


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        # An old check and no newer source.
        ([('"2026-10-01"', '"2024-01-15"')], "last checked 2024-01-15"),
        # No check and an old source: the source's date is what ages.
        (
            [
                ('    checked: {date: "2026-10-01", by: Test Centre}\n', ""),
                (
                    "url: https://example.org/",
                    'url: https://example.org/\n        date: "2009-02-12"',
                ),
            ],
            "newest source dated 2009-02-12",
        ),
        # No check and only undated sources.
        (
            [('    checked: {date: "2026-10-01", by: Test Centre}\n', "")],
            "every source is undated and nobody has recorded a check",
        ),
    ],
)
def test_stale_record_warns_and_fails_when_strict(tmp_path, replacements, expected):
    text = variant(*replacements)
    relaxed = validate(tmp_path, text)
    assert relaxed.errors == []
    assert expected in relaxed.warnings[0].message
    strict = validate(tmp_path, text, strict=True)
    assert expected in strict.errors[0].message


def test_a_recent_source_without_a_check_is_not_stale(tmp_path):
    text = variant(
        ('    checked: {date: "2026-10-01", by: Test Centre}\n', ""),
        ("url: https://example.org/", 'url: https://example.org/\n        date: "2026-06"'),
    )
    assert validate(tmp_path, text).findings == []


def test_allowlist_turns_error_into_warning(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "schema.json").write_text(
        (helplines.DATA_DIR / "schema.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (directory / "allowlist.yml").write_text(
        'numbers:\n  - country: CZ\n    number: "9999"\n    reason: published by the service\n',
        encoding="utf-8",
    )
    (directory / "CZ.yml").write_text(variant(('"116 111"', '"9999"')), encoding="utf-8")
    result = helplines.load_directory(TODAY, directory=directory, root=tmp_path)
    assert result.errors == []
    assert "accepted by data/allowlist.yml: published by the service" in str(result.warnings[0])


ALLOWLIST_ENTRY = '  - country: CZ\n    number: "9999"\n    reason: published by the service\n'


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        # An empty file (every entry deleted, with the key).
        ("# nothing\n", None, "the file is empty; expected YAML data"),
        # A list at the top instead of numbers:.
        (
            ALLOWLIST_ENTRY.replace("  - ", "- ").replace("    ", "  "),
            1,
            "found a list; expected one field, numbers",
        ),
        # numbers: with nothing under it.
        ("numbers:\n", 1, "numbers: found nothing; expected a list of entries"),
        # The key misspelt.
        ("number:\n" + ALLOWLIST_ENTRY, 1, "found number; expected one field, numbers"),
        # An entry that is only the number.
        ('numbers:\n  - "9999"\n', 2, 'found "9999"; expected exactly country, number and reason'),
        # A misspelt field in an entry.
        (
            "numbers:\n" + ALLOWLIST_ENTRY.replace("reason", "reasn"),
            2,
            "found country, number, reasn; expected exactly country, number and reason",
        ),
        # A number without quotes.
        (
            "numbers:\n" + ALLOWLIST_ENTRY.replace('"9999"', "9999"),
            3,
            "number: found 9999; expected non-empty text (put it in quotes)",
        ),
        # A lower-case country code.
        (
            "numbers:\n" + ALLOWLIST_ENTRY.replace("CZ", "cz"),
            2,
            "country: found 'cz'; expected an upper-case ISO 3166-1 code such as BG",
        ),
        # A number in words.
        (
            "numbers:\n" + ALLOWLIST_ENTRY.replace('"9999"', '"call us"'),
            3,
            "number: 'call us' cannot be read as a phone number",
        ),
        # A tab used for indentation.
        ("numbers:\n\t- country: CZ\n", 2, "a tab is used for indentation"),
    ],
)
def test_bad_allowlist_gets_one_clear_message(tmp_path, text, line, expected):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "schema.json").write_text(
        (helplines.DATA_DIR / "schema.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (directory / "allowlist.yml").write_text(text, encoding="utf-8")
    (directory / "CZ.yml").write_text(VALID, encoding="utf-8")
    result = helplines.load_directory(TODAY, directory=directory, root=tmp_path)
    messages = [str(f) for f in result.errors]
    assert len(messages) == 1, messages
    assert result.errors[0].file == "data/allowlist.yml"
    assert result.errors[0].line == line, messages
    assert expected in messages[0]


def test_unreadable_allowlist_is_named_first_and_explains_the_rest(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "schema.json").write_bytes((helplines.DATA_DIR / "schema.json").read_bytes())
    (directory / "allowlist.yml").write_text("numbers:\n\t- country: CZ\n", encoding="utf-8")
    (directory / "CZ.yml").write_text(variant(('"116 111"', '"9999"')), encoding="utf-8")
    result = helplines.load_directory(TODAY, directory=directory, root=tmp_path)
    assert [str(f) for f in result.errors] == [
        "data/allowlist.yml:2 a tab is used for indentation; YAML needs spaces",
        "data/CZ.yml:7 services[0].phones[0].number: '9999' is not a valid short number for "
        "CZ; data/allowlist.yml could not be read (see its message), so the numbers it accepts "
        "are not known",
    ]


def test_allowlist_saved_as_utf16_gets_one_clear_message(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "schema.json").write_bytes((helplines.DATA_DIR / "schema.json").read_bytes())
    (directory / "allowlist.yml").write_bytes(("numbers:\n" + ALLOWLIST_ENTRY).encode("utf-16"))
    result = helplines.load_directory(TODAY, files=[], directory=directory, root=tmp_path)
    assert [str(f) for f in result.errors] == [
        "data/allowlist.yml is saved as UTF-16; expected YAML saved as UTF-8"
    ]


@pytest.mark.parametrize(
    ("region", "number", "href", "short"),
    [
        ("CZ", "116 111", "tel:116111", True),  # harmonised short number
        ("AT", "147", "tel:147", True),  # national short number
        ("IT", "1 96 96", "tel:19696", True),  # published with spaces
        ("GB", "0800 1111", "tel:+448001111", False),  # E.164 for long numbers
        ("NL", "020 - 261 52 75", "tel:+31202615275", False),  # dashes and spaces
        ("US", "1-800-CALL-FBI", "tel:+18002255324", False),  # letters become digits
        ("AU", "1800 55 1800", "tel:1800551800", False),  # not diallable from abroad
        ("DK", "+45 22 49 68 25", "tel:+4522496825", False),  # already international
    ],
)
def test_tel_links_dial(region, number, href, short):
    check = helpline_phones.check_number(number, region)
    assert check.valid
    assert (check.href, check.short) == (href, short)


@pytest.fixture(scope="module")
def real_data():
    return helplines.load_directory(TODAY)


def test_real_data_is_valid(real_data):
    assert real_data.errors == [], helplines.format_findings(real_data.errors)
    expected = set(
        [
            "AT",
            "BE",
            "BG",
            "HR",
            "CY",
            "CZ",
            "DK",
            "EE",
            "FI",
            "FR",
            "DE",
            "GR",
            "HU",
            "IE",
            "IT",
            "LV",
            "LT",
            "LU",
            "MT",
            "NL",
            "PL",
            "PT",
            "RO",
            "SK",
            "SI",
            "ES",
            "SE",
            "IS",
            "NO",
            "GB",
            "CH",
            "UA",
            "US",
            "CA",
            "AU",
            "NZ",
            "LI",
            "MD",
            "RS",
            "BA",
            "ME",
            "MK",
            "AL",
            "TR",
            "GE",
            "INT",
        ]
    )
    assert set(real_data.countries) == expected


#: Countries whose emergency numbers could not be sourced (data/helplines/OPEN-QUESTIONS.md):
#: 112 does not work in Bosnia and Herzegovina; Albania's numbers are recalled only.
WITHOUT_SOURCED_EMERGENCY_NUMBER = {"BA", "AL"}


def test_every_country_has_a_child_helpline_and_an_emergency_number(real_data):
    for code, country in real_data.countries.items():
        if code == helplines.INTERNATIONAL:
            continue
        kinds = {service["kind"] for service in country.services}
        assert "child_helpline" in kinds, code
        assert ("emergency" in kinds) == (code not in WITHOUT_SOURCED_EMERGENCY_NUMBER), code


def test_the_112_box_text_is_never_shown_where_112_does_not_work(real_data):
    # BiH: 112 is not operational; its crisis route must come from its own data.
    ba = real_data.countries["BA"]
    assert helplines.emergency_phone(ba.services) is None
    assert helplines.crisis_line(ba.services)["id"] == "ba-plavi-telefon"


def test_numbers_marked_wrong_in_the_reference_are_not_published(real_data):
    # Numbers the reference table marks as superseded, typos or unverified.
    excluded = {"70000116", "166111", "08001110333", "0508638723", "22674747", "0642834635"}
    published = {
        helpline_phones.digits_of(phone["number"])
        for country in real_data.countries.values()
        for service in country.services
        for phone in service.get("phones", []) + service.get("sms", [])
    }
    assert not excluded & published


PUBLICATION = helpline_export.Publication("https://notyourfault.example.org/", TODAY)


def test_export_matches_its_schema(real_data):
    schema = helpline_export.export_schema(helplines.load_schema())
    document = helpline_export.export_data(real_data, PUBLICATION)
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(document))
    assert errors == [], errors[0].message if errors else ""
    cz = next(c for c in document["countries"] if c["code"] == "CZ")
    helpline = cz["services"][0]
    assert helpline["phones"][0]["tel"] == "tel:116111"
    assert helpline["phones"][0]["type"] == "voice"
    assert helpline["service_area"] == {"worldwide": False, "countries": ["CZ"]}
    assert "notes" not in helpline
    assert "assured_date" not in helpline  # nobody has checked it yet: no claim


def test_export_says_licence_publisher_date_and_where_to_send_corrections(real_data):
    document = helpline_export.export_data(real_data, PUBLICATION)
    assert document["license"]["name"] == "CC BY 4.0"
    assert document["publisher"] == {
        "name": "Not Your Fault project",
        "url": "https://notyourfault.example.org/",
    }
    assert document["generated"] == "2026-11-23"
    assert document["corrections"] == "https://notyourfault.example.org/about/"


def test_export_phones_carry_type_and_languages(real_data):
    document = helpline_export.export_data(real_data, PUBLICATION)
    ee = next(c for c in document["countries"] if c["code"] == "EE")
    line = next(s for s in ee["services"] if s["id"] == "ee-116123")
    assert line["phones"][0]["type"] == "voice"
    assert line["phones"][0]["languages"] == ["et", "ru", "en"]
    ca = next(c for c in document["countries"] if c["code"] == "CA")
    sms = [p for s in ca["services"] if s["id"] == "ca-988" for p in s["phones"]]
    assert [p["type"] for p in sms] == ["voice", "text"]


def test_export_schedules_carry_the_time_zone(real_data):
    document = helpline_export.export_data(real_data, PUBLICATION)
    cz = next(c for c in document["countries"] if c["code"] == "CZ")
    schedule = cz["services"][0]["schedules"][0]
    assert schedule == {
        "freq": "WEEKLY",
        "byday": "MO,TU,WE,TH,FR,SA,SU",
        "opens_at": "00:00",
        "closes_at": "24:00",
        "timezone": "Europe/Prague",
    }


def test_export_writes_both_files(tmp_path, real_data):
    written = helpline_export.write_export(
        real_data, helplines.load_schema(), tmp_path, PUBLICATION
    )
    assert sorted(p.name for p in written) == ["helplines.json", "helplines.schema.json"]
    data = json.loads((tmp_path / "helplines.json").read_text(encoding="utf-8"))
    assert data["version"] == helpline_export.EXPORT_VERSION
    assert len(data["countries"]) == len(helplines.data_files())  # with international.yml


def _schemas_without_description(node, path="$"):
    if isinstance(node, dict):
        if "properties" in node:
            for name, sub in node["properties"].items():
                if "description" not in sub:
                    yield f"{path}.{name}"
        for key, value in node.items():
            yield from _schemas_without_description(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _schemas_without_description(value, f"{path}[{i}]")


def test_schema_describes_every_field():
    schema = helplines.load_schema()
    Draft202012Validator.check_schema(schema)
    assert list(_schemas_without_description(schema)) == []
    assert list(_schemas_without_description(helpline_export.export_schema(schema))) == []


# The command line: exit 0 valid, 1 invalid, 2 usage error.


def test_cli_valid_data_exits_0(capsys):
    assert validate_helplines.main(["--today", "2026-11-23"]) == 0
    assert "46 files valid" in capsys.readouterr().out


def test_cli_invalid_file_exits_1(tmp_path, capsys):
    bad = tmp_path / "CZ.yml"
    bad.write_text(variant(("kind: child_helpline", "kind: helpline")), encoding="utf-8")
    assert validate_helplines.main([str(bad)]) == 1
    assert "expected one of child_helpline" in capsys.readouterr().err


def test_cli_missing_file_exits_1(tmp_path, capsys):
    assert validate_helplines.main([str(tmp_path / "ZZ.yml")]) == 1
    assert "file not found" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--no-such-option"], ["--today", "tomorrow"]])
def test_cli_usage_error_exits_2(argv):
    with pytest.raises(SystemExit) as exc:
        validate_helplines.main(argv)
    assert exc.value.code == 2
