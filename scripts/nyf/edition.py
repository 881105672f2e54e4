"""Editions: one YAML file turns the project into one organisation's site.

An edition names the site (per language), its logo and colours, its address,
the language built at the site root, the languages it publishes, the country
whose helplines show without a choice, the quick-exit destinations and the
publisher shown in the footer. ``make build EDITION=editions/cz.yml`` passes
the file to MkDocs as ``NYF_EDITION``; the i18n hook loads it here, checks it
against the language registry and the helpline data, and applies it to the
registry (:func:`apply_to_registry`) and the MkDocs config.

Every problem is one :class:`~nyf.yamlfile.DataError` with the file, the line
and what to write instead: never a traceback.
"""

from __future__ import annotations

import dataclasses
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from nyf.languages import Registry
from nyf.schema_messages import SchemaProblem
from nyf.schema_messages import problems as schema_problems
from nyf.yamlfile import DataError, YamlDocument, load_yaml

#: The environment variable that names the edition file (Makefile: EDITION=).
ENV_VAR = "NYF_EDITION"
#: ``languages: published``: every language the registry publishes.
ALL_PUBLISHED = "published"
#: WCAG 2.x AA: normal text needs a contrast ratio of at least 4.5:1.
MIN_CONTRAST = 4.5
#: The text colour on the primary (header) and accent colours.
TEXT_ON_COLOURS = "#ffffff"

_HTTPS = r"^https://[^\s/<>\"']+\.[^\s<>\"']+$"
_COLOUR = r"^#[0-9a-fA-F]{6}$"
_CODE = r"^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$"

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["site_url", "default_language", "languages"],
    "properties": {
        "site_url": {"type": "string", "pattern": _HTTPS},
        "default_language": {"type": "string", "pattern": _CODE},
        # A list of codes, or the word "published" (pattern applies to text only).
        "languages": {
            "type": ["array", "string"],
            "pattern": f"^{ALL_PUBLISHED}$",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": _CODE},
        },
        "default_country": {"type": ["string", "null"], "pattern": r"^[A-Z]{2}$"},
        "site_name": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "string", "pattern": r"^[^<>]+$"},
        },
        "logo": {"type": "string", "pattern": r"^[^\s]+\.svg$"},
        "colours": {
            "type": "object",
            "additionalProperties": False,
            "required": ["primary", "accent"],
            "properties": {
                "primary": {"type": "string", "pattern": _COLOUR},
                "accent": {"type": "string", "pattern": _COLOUR},
            },
        },
        "quick_exit": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "string", "pattern": _HTTPS},
        },
        "publisher": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "contact", "imprint"],
            "properties": {
                "name": {"type": "string", "pattern": r"^[^<>]+$"},
                "contact": {
                    "type": "string",
                    "pattern": r"^(https://[^\s<>\"']+|[^\s@<>\"']+@[^\s@<>\"']+\.[a-z]{2,})$",
                },
                "imprint": {"type": "string", "pattern": _HTTPS},
            },
        },
    },
}

#: What to write, by field name, for a value that does not match its pattern.
_EXPECTED = {
    "site_url": "an https:// address such as https://www.example.org/",
    "default_language": "a language code of data/languages.yml, such as cs",
    "languages": "a language code of data/languages.yml, such as cs",
    "default_country": "a two-letter country code such as CZ, or null",
    "site_name": "the site's name as plain text (no < or >)",
    "logo": "the path of an .svg file in the repository, such as editions/logos/cz.svg",
    "primary": "a colour such as #1b5e52 (# and six hex digits)",
    "accent": "a colour such as #0b5a8a (# and six hex digits)",
    "quick_exit": "an https:// address of a neutral site, such as https://www.chmi.cz/",
    "name": "the organisation's name as plain text (no < or >)",
    "contact": "an e-mail address or an https:// address",
    "imprint": "the https:// address of the publisher's imprint page",
}


@dataclass(frozen=True)
class Publisher:
    name: str
    contact: str
    imprint: str

    @property
    def contact_href(self) -> str:
        return self.contact if self.contact.startswith("https://") else f"mailto:{self.contact}"


@dataclass(frozen=True)
class Edition:
    """A checked edition file."""

    file: str
    site_url: str
    default_language: str
    languages: tuple[str, ...]
    default_country: str | None = None
    site_name: dict[str, str] = field(default_factory=dict)
    logo_svg: str | None = None
    colours: dict[str, str] = field(default_factory=dict)
    quick_exit: dict[str, str] = field(default_factory=dict)
    publisher: Publisher | None = None

    def colours_css(self) -> str:
        """The theme colours as CSS custom properties (a part of site.css, after 00-base)."""
        if not self.colours:
            return ""
        primary, accent = self.colours["primary"], self.colours["accent"]
        r, g, b = (int(accent[i : i + 2], 16) for i in (1, 3, 5))
        return (
            ':root,[data-md-color-primary="custom"]{'
            f"--md-primary-fg-color:{primary};--md-primary-fg-color--light:{primary};"
            f"--md-primary-fg-color--dark:{primary}}}\n"
            '[data-md-color-accent="custom"]{'
            f"--md-accent-fg-color:{accent};"
            f"--md-accent-fg-color--transparent:rgb({r} {g} {b} / 10%)}}\n"
            f':root,[data-md-color-scheme="default"]{{--md-typeset-a-color:{accent}}}\n'
        )


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _schema_message(problem: SchemaProblem) -> str:
    key = next((p for p in reversed(problem.path) if isinstance(p, str)), "")
    if problem.path[:1] in (("site_name",), ("quick_exit",)) and len(problem.path) == 2:
        key = str(problem.path[0])
    hint = f"; did you mean {problem.suggestion!r}?" if problem.suggestion else ""
    found = _describe(problem.found)
    if problem.kind == "additionalProperties":
        return f"unknown key {problem.name!r}; expected one of {', '.join(problem.allowed)}{hint}"
    if problem.kind == "required":
        what = _EXPECTED.get(problem.name, "a value")
        return f"missing key {problem.name!r}: write {problem.name}: followed by {what}"
    if (
        key == "languages"
        and problem.path == ("languages",)
        and problem.kind in ("type", "pattern")
    ):
        return (
            f"found {found}; expected a list of language codes such as [cs, en, uk], "
            f"or {ALL_PUBLISHED} for every published language"
        )
    if problem.kind in ("minItems", "minProperties"):
        return "is empty; give at least one entry, or leave the key out"
    if problem.kind == "uniqueItems":
        return f"found {found}; name each language only once"
    if problem.kind in ("type", "pattern"):
        expected = _EXPECTED.get(key, str(problem.rule))
        if problem.kind == "type" and isinstance(problem.rule, str) and problem.rule == "object":
            expected = "a mapping of keys (see editions/cz.yml)"
        message = f"found {found}; expected {expected}"
        if isinstance(problem.found, str) and problem.found.startswith("http://"):
            message += " (the site links only to secure https:// addresses)"
        return message
    return problem.message


# --- the logo -------------------------------------------------------------------

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
#: Elements that run code, embed other documents or fetch from elsewhere.
_FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed", "image", "style"}
_EXTERNAL = re.compile(r"(https?:|//|javascript:|data:|@import)", re.IGNORECASE)
_URL_REF = re.compile(r"url\(\s*([^)]*)\)", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def check_svg(text: str, shown: str) -> str:
    """The logo's markup to inline, or a DataError saying what it must not hold.

    An inlined SVG is part of the page: a script, an event handler, a style
    (which the Content-Security-Policy would block) or a reference to another
    file or host would run, break, or make a request. Only plain shapes are kept.
    """

    def refuse(message: str) -> DataError:
        return DataError(shown, None, "", message)

    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise refuse("has a DOCTYPE or ENTITY declaration; remove it (an SVG logo needs none)")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        raise DataError(
            shown, line, "", f"is not well-formed XML ({error}); export it again"
        ) from None
    if root.tag != f"{{{_SVG_NS}}}svg":
        raise refuse(
            f"has the root element {_local(root.tag)!r}; expected <svg "
            f'xmlns="{_SVG_NS}"> (an SVG file)'
        )
    for element in root.iter():
        name = _local(element.tag)
        if name in _FORBIDDEN_ELEMENTS:
            raise refuse(
                f"holds a <{name}> element; a logo may hold only shapes, paths and text "
                "(scripts, styles, images and embedded documents are not allowed)"
            )
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local.lower().startswith("on"):
                raise refuse(
                    f"<{name}> has the event handler {local}=; remove it (no script may run)"
                )
            if local == "style":
                raise refuse(
                    f"<{name}> has a style= attribute, which the site's Content-Security-Policy "
                    'blocks; use attributes such as fill="#1b5e52" instead'
                )
            if local == "href" and not value.startswith("#"):
                raise refuse(
                    f"<{name}> refers to {value!r}; a logo may refer only to its own parts (#id)"
                )
            refs = [ref.strip("'\" ") for ref in _URL_REF.findall(value)]
            if any(not ref.startswith("#") for ref in refs) or _EXTERNAL.search(value):
                raise refuse(
                    f"<{name}> {local}= refers to {value!r}; a logo may not refer to another "
                    "file or host"
                )
    # The markup without the XML declaration and comments, as ElementTree wrote it.
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    root.set("aria-hidden", "true")
    root.set("focusable", "false")
    return ET.tostring(root, encoding="unicode")


# --- colours --------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: str, two: str) -> float:
    """WCAG 2.x contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- loading --------------------------------------------------------------------


def _check_languages(doc: YamlDocument, data: dict[str, Any], registry: Registry) -> tuple:
    published = [lang.code for lang in registry.published()]
    codes = data["languages"]
    if codes == ALL_PUBLISHED:
        codes = published
    for index, code in enumerate(codes):
        if code not in published:
            known = (
                "is not published in data/languages.yml (published: false)"
                if code in {lang.code for lang in registry.languages}
                else "is not in data/languages.yml"
            )
            raise doc.error(
                ("languages", index),
                f"the language {code!r} {known}; expected one of {', '.join(published)}",
            )
    source = registry.source.code
    if source not in codes:
        raise doc.error(
            ("languages",),
            f"must include {source!r}, the source language: pages not yet translated "
            f"are shown in it",
        )
    if data["default_language"] not in codes:
        raise doc.error(
            ("default_language",),
            f"found {data['default_language']!r}, which is not in languages; expected one "
            f"of {', '.join(codes)}",
        )
    for key in ("site_name", "quick_exit"):
        for code in data.get(key) or {}:
            if code not in codes:
                raise doc.error(
                    (key, code),
                    f"the language {code!r} is not in languages; expected one of "
                    f"{', '.join(codes)}",
                )
    return tuple(codes)


def parse_edition(
    doc: YamlDocument, registry: Registry, root: Path, countries: set[str] | None = None
) -> Edition:
    """Check a loaded edition document; ``countries``: the helpline data's countries."""
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error(
            (), f"found {_describe(data)}; expected keys such as site_url: and languages:"
        )
    validator = Draft202012Validator(SCHEMA)
    found = schema_problems(
        sorted(validator.iter_errors(data), key=lambda e: doc.line_of(tuple(e.absolute_path)) or 0)
    )
    if found:
        raise doc.error(found[0].field_path, _schema_message(found[0]))
    codes = _check_languages(doc, data, registry)
    country = data.get("default_country")
    if country and countries is not None and country not in countries:
        raise doc.error(
            ("default_country",),
            f"data/helplines/ has no file {country}.yml; expected one of "
            f"{', '.join(sorted(countries))}, or null",
        )
    colours = dict(data.get("colours") or {})
    for key, colour in colours.items():
        ratio = contrast_ratio(colour, TEXT_ON_COLOURS)
        if ratio < MIN_CONTRAST:
            raise doc.error(
                ("colours", key),
                f"white text on {colour} has a contrast ratio of {ratio:.2f}:1; WCAG AA needs "
                f"at least {MIN_CONTRAST}:1: choose a darker colour",
            )
    logo_svg = None
    if data.get("logo"):
        path = (root / data["logo"]).resolve()
        if not path.is_relative_to(root.resolve()) or not path.is_file():
            raise doc.error(
                ("logo",),
                f"found {data['logo']!r}, which is not a file in the repository; expected "
                f"{_EXPECTED['logo']}",
            )
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise doc.error(("logo",), "the file is not UTF-8 text; expected an SVG file") from None
        logo_svg = check_svg(text, data["logo"])
    publisher = Publisher(**data["publisher"]) if data.get("publisher") else None
    return Edition(
        file=doc.file,
        site_url=data["site_url"],
        default_language=data["default_language"],
        languages=codes,
        default_country=country or None,
        site_name=dict(data.get("site_name") or {}),
        logo_svg=logo_svg,
        colours=colours,
        quick_exit=dict(data.get("quick_exit") or {}),
        publisher=publisher,
    )


def load_edition(
    path: Path, registry: Registry, root: Path, countries: set[str] | None = None
) -> Edition:
    try:
        display = str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        display = str(path)
    if not path.is_file():
        raise DataError(
            display,
            None,
            "",
            f"no such edition file; expected a file such as editions/cz.yml "
            f"(set by EDITION= or {ENV_VAR})",
        )
    return parse_edition(load_yaml(path, display), registry, root, countries)


def edition_path(root: Path) -> Path | None:
    """The edition file named by ``NYF_EDITION`` (relative to the project), or None."""
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else root / path


def apply_to_registry(registry: Registry, edition: Edition) -> Registry:
    """The registry as this edition builds it: its default, languages, names, quick exits.

    The edition's languages are published in the edition's order, default first;
    the registry's other languages stay in the registry, unpublished.
    """
    chosen = set(edition.languages)
    languages = []
    for lang in registry.languages:
        languages.append(
            dataclasses.replace(
                lang,
                default=lang.code == edition.default_language,
                published=lang.code in chosen,
                site_name=edition.site_name.get(lang.code, lang.site_name),
                exit_url=edition.quick_exit.get(lang.code, lang.exit_url),
            )
        )
    return Registry(tuple(languages))


def environment_edition(root: Path, registry: Registry) -> Edition | None:
    """The edition NYF_EDITION names (for the tools that read a built site), or None."""
    path = edition_path(root)
    if path is None:
        return None
    countries = {p.stem for p in (root / "data" / "helplines").glob("[A-Z][A-Z].yml")}
    return load_edition(path, registry, root, countries)


__all__ = [
    "ENV_VAR",
    "Edition",
    "apply_to_registry",
    "check_svg",
    "contrast_ratio",
    "edition_path",
    "load_edition",
    "parse_edition",
]
