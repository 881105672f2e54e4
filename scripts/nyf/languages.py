"""The language registry: load and check data/languages.yml, derive the rest.

Every tool that needs a language code asks this module: the MkDocs hook (for
mkdocs-static-i18n, Material, search, hreflang, <html lang dir>), the catalog
tool, the 404 page and the tests. No other file lists the languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from nyf.yamlfile import DataError, YamlDocument, load_yaml

ROOT = Path(__file__).resolve().parents[2]
REGISTRY_FILE = ROOT / "data" / "languages.yml"
MATERIAL_LANGUAGES_DIR = "partials/languages"

#: The language the pages are written in (docs/en/), whichever language an
#: edition builds at the site root.
SOURCE_CODE = "en"

#: Fields of one registry entry, with the type and a hint for the message.
_FIELDS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "code": (str, "a language code used in URLs, such as cs or pt-BR"),
    "locale": (str, "a Babel locale such as cs or pt_BR"),
    "material": (str, "a Material for MkDocs language such as cs, or en"),
    "hreflang": (str, "a BCP 47 tag such as cs or pt-BR"),
    "name": (str, "the language's own name, such as Čeština"),
    "dir": (str, "ltr or rtl"),
    "search": ((str, type(None)), "a lunr.js language such as de, or null"),
    "published": (bool, "true or false"),
    "exit_url": (str, "an https:// address of a neutral site"),
}
_OPTIONAL: dict[str, tuple[type, str]] = {
    "default": (bool, "true or false"),
    "site_name": (str, "the site's name in this language, such as Není to tvoje vina"),
}
# mkdocs-static-i18n accepts only these forms of a folder/URL code.
_CODE = re.compile(r"^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$")
_HTTPS_URL = re.compile(r"^https://[^\s/<>\"']+\.[^\s/<>\"']+(/[^\s<>\"']*)?$")
_HREFLANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|[0-9]{3}))?$")
#: lunr.js's own language, which needs no stemmer file.
_LUNR_BUILTIN = "en"
#: Files in Material's lunr folder that are not a language.
_LUNR_NOT_LANGUAGES = {"multi", "stemmer"}


def lunr_languages() -> frozenset[str]:
    """The lunr.js languages Material's search ships (read from the installed theme).

    Derived, not listed: a Material update that adds or drops a stemmer
    changes what the registry accepts, with no list here to go stale.
    """
    import material  # the theme; imported here like material_theme_dirs does

    folder = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min"
    names = {path.name.split(".")[1] for path in folder.glob("lunr.*.min.js")}
    return frozenset((names - _LUNR_NOT_LANGUAGES) | {_LUNR_BUILTIN})


@dataclass(frozen=True)
class Language:
    """One language of the site, as the registry describes it."""

    code: str
    locale: str
    material: str
    hreflang: str
    name: str
    dir: str
    search: str | None
    published: bool
    exit_url: str
    default: bool = False
    site_name: str | None = None

    @property
    def source(self) -> bool:
        """The source language: pages are written in it (docs/en/), and others fall back to it."""
        return self.code == SOURCE_CODE

    @property
    def url_prefix(self) -> str:
        """Path of the language's home relative to the site root ('' or 'cs/')."""
        return "" if self.default else f"{self.code}/"

    def babel_locale(self) -> Locale:
        return Locale.parse(self.locale)


@dataclass(frozen=True)
class Registry:
    languages: tuple[Language, ...]

    @property
    def default(self) -> Language:
        """The language built at the site root (the edition's; English by default)."""
        return next(lang for lang in self.languages if lang.default)

    @property
    def source(self) -> Language:
        """The language the pages are written in: always English (docs/en/)."""
        return next(lang for lang in self.languages if lang.source)

    def published(self) -> list[Language]:
        return [lang for lang in self.languages if lang.published]

    def get(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        known = ", ".join(lang.code for lang in self.languages)
        raise KeyError(f"unknown language {code!r}; the registry has {known}")

    def i18n_plugin_languages(self) -> list[dict[str, Any]]:
        """The ``languages`` option of mkdocs-static-i18n, derived from the registry."""
        return [
            {
                "locale": lang.code,
                "name": lang.name,
                "default": lang.default,
                "build": lang.published,
                # Material's own strings and text direction for this language.
                "theme": {"language": lang.material, "direction": lang.dir},
                **({"site_name": lang.site_name} if lang.site_name else {}),
            }
            # The default first: mkdocs-static-i18n builds it, then the others in this
            # order, skipping only the one it built last (a default further down the
            # list would be built twice, and its search index lost).
            for lang in sorted(self.languages, key=lambda lang: not lang.default)
        ]

    def search_languages(self) -> list[str]:
        """lunr.js languages for the search index of every published language."""
        found = {lang.search for lang in self.published() if lang.search}
        return sorted(found | {"en"})


def _check_entry(doc: YamlDocument, index: int, entry: Any, theme_dirs: list[Path]) -> Language:
    path = ("languages", index)
    if not isinstance(entry, dict):
        found = "nothing" if entry is None else repr(entry)
        raise doc.error(path, f"found {found}, expected a mapping of fields (code, locale, ...)")
    unknown = sorted(set(entry) - set(_FIELDS) - set(_OPTIONAL))
    if unknown:
        allowed = ", ".join([*_FIELDS, *_OPTIONAL])
        raise doc.error((*path, unknown[0]), f"unknown field {unknown[0]!r}; allowed: {allowed}")
    for name, (kind, hint) in {**_FIELDS, **_OPTIONAL}.items():
        if name not in entry:
            if name in _FIELDS:
                raise doc.error(path, f"missing field {name!r}: expected {hint}")
            continue
        value = entry[name]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            found = "nothing" if value is None else repr(value)
            raise doc.error((*path, name), f"found {found}, expected {hint}")
        if isinstance(value, str) and not value.strip():
            raise doc.error((*path, name), f"is empty, expected {hint}")
    code = entry["code"]
    if not _CODE.match(code):
        raise doc.error((*path, "code"), f"found {code!r}, expected {_FIELDS['code'][1]}")
    try:
        Locale.parse(entry["locale"])
    except (UnknownLocaleError, ValueError, TypeError):
        raise doc.error(
            (*path, "locale"),
            f"Babel does not know the locale {entry['locale']!r}; "
            "expected a locale such as cs, de or pt_BR",
        ) from None
    if not _HREFLANG.match(entry["hreflang"]):
        raise doc.error(
            (*path, "hreflang"), f"found {entry['hreflang']!r}, expected {_FIELDS['hreflang'][1]}"
        )
    if entry["dir"] not in ("ltr", "rtl"):
        raise doc.error((*path, "dir"), f"found {entry['dir']!r}, expected ltr or rtl")
    if entry["search"] is not None and entry["search"] not in lunr_languages():
        raise doc.error(
            (*path, "search"),
            f"lunr.js has no language {entry['search']!r}; "
            f"expected one of {', '.join(sorted(lunr_languages()))}, or null",
        )
    if not _HTTPS_URL.match(entry["exit_url"]):
        raise doc.error(
            (*path, "exit_url"),
            f"found {entry['exit_url']!r}, expected an https:// address without spaces, "
            "such as https://www.bbc.co.uk/weather",
        )
    material = entry["material"]
    if theme_dirs and not any(
        (d / MATERIAL_LANGUAGES_DIR / f"{material}.html").is_file() for d in theme_dirs
    ):
        raise doc.error(
            (*path, "material"),
            f"Material for MkDocs has no language {material!r}; use en (its strings stay "
            f"English) or add overrides/{MATERIAL_LANGUAGES_DIR}/{material}.html",
        )
    return Language(**entry)


def material_theme_dirs() -> list[Path]:
    """Template folders that may hold ``partials/languages/<code>.html``."""
    try:
        import material
    except ImportError:
        return []
    return [ROOT / "overrides", Path(material.__file__).parent / "templates"]


def parse_registry(doc: YamlDocument, theme_dirs: list[Path] | None = None) -> Registry:
    """Check a loaded registry document and return the :class:`Registry`."""
    dirs = material_theme_dirs() if theme_dirs is None else theme_dirs
    data = doc.data
    if not isinstance(data, dict) or "languages" not in data:
        found = ", ".join(map(str, data)) if isinstance(data, dict) else "a list or text"
        raise doc.error(
            (), f"found {found}; expected a top-level key 'languages:' with a list of languages"
        )
    if set(data) != {"languages"}:
        extra = sorted(set(data) - {"languages"})[0]
        raise doc.error((extra,), f"unknown top-level key {extra!r}; only 'languages' is allowed")
    entries = data["languages"]
    if not isinstance(entries, list) or not entries:
        found = (
            "an empty list" if entries == [] else "nothing" if entries is None else repr(entries)
        )
        raise doc.error(("languages",), f"found {found}; expected a non-empty list of languages")
    languages = tuple(_check_entry(doc, i, entry, dirs) for i, entry in enumerate(entries))
    seen: dict[str, int] = {}
    for i, lang in enumerate(languages):
        if lang.code in seen:
            raise doc.error(
                ("languages", i, "code"),
                f"the code {lang.code!r} is already used by entry {seen[lang.code] + 1}",
            )
        seen[lang.code] = i
    defaults = [i for i, lang in enumerate(languages) if lang.default]
    if len(defaults) != 1:
        raise doc.error(
            ("languages",),
            f"expected exactly one language with 'default: true', found {len(defaults)}",
        )
    if not any(lang.source for lang in languages):
        raise doc.error(
            ("languages",),
            f"the source language {SOURCE_CODE!r} (the pages in docs/{SOURCE_CODE}/) is missing",
        )
    if not languages[defaults[0]].published:
        raise doc.error(
            ("languages", defaults[0], "published"), "the default language must be published"
        )
    return Registry(languages)


def load_registry(path: Path = REGISTRY_FILE, theme_dirs: list[Path] | None = None) -> Registry:
    """Load and check the registry; raise :class:`DataError` with file and line."""
    try:
        display = str(path.relative_to(ROOT))
    except ValueError:
        display = str(path)
    return parse_registry(load_yaml(path, display), theme_dirs)


__all__ = ["DataError", "Language", "Registry", "load_registry", "parse_registry"]
