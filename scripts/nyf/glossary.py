"""The translators' glossary (data/glossary.yml): its shape, checked with lines.

Each term is a mapping with ``en`` (the English source), a ``note`` for
translators, and one entry per published language of data/languages.yml. The
build (overrides/hooks/content_rules.py) and tests/test_glossary.py check it
with :func:`check_glossary`; every problem names the file, the line, the term,
what was found and what was expected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nyf.languages import Registry
from nyf.markdown_source import describe
from nyf.yamlfile import DataError, YamlDocument, load_yaml

#: The fields every term has besides its translations.
SOURCE_FIELDS = ("en", "note")


def check_terms(doc: YamlDocument, registry: Registry, complete: bool = True) -> list[DataError]:
    """Every problem of a loaded glossary; [] when it is well formed (and, with
    ``complete``, every term has every published language)."""
    data: Any = doc.data
    if not isinstance(data, dict) or set(data) != {"terms"}:
        found = ", ".join(map(str, data)) if isinstance(data, dict) else describe(data)
        return [doc.error((), f"found {found}, expected one key, terms:, with the terms below it")]
    terms = data["terms"]
    if not isinstance(terms, dict) or not terms:
        return [doc.error(("terms",), f"found {describe(terms)}, expected term: lines")]
    required = [*SOURCE_FIELDS, *(lang.code for lang in registry.published() if not lang.source)]
    allowed = set(SOURCE_FIELDS) | {lang.code for lang in registry.languages}
    errors = []
    for term, entry in terms.items():
        path = ("terms", term)
        if not isinstance(entry, dict):
            errors.append(
                doc.error(
                    path, f"found {describe(entry)}, expected en:, note: and one line a language"
                )
            )
            continue
        for key in entry:
            if key not in allowed:
                errors.append(
                    doc.error(
                        (*path, key),
                        f"found the field {key!r}, expected en, note or a language code of "
                        "data/languages.yml ("
                        + ", ".join(sorted(allowed - set(SOURCE_FIELDS)))
                        + ")",
                    )
                )
        for key in required:
            value = entry.get(key)
            if key not in entry:
                if not complete and key not in SOURCE_FIELDS:
                    continue
                errors.append(doc.error(path, f"no {key}: line, expected the {_what(key)}"))
            elif not isinstance(value, str) or not value.strip():
                errors.append(
                    doc.error((*path, key), f"found {describe(value)}, expected the {_what(key)}")
                )
    return errors


def _what(key: str) -> str:
    if key == "en":
        return "English term as text"
    if key == "note":
        return "note for translators as text"
    return f"term in {key} as text"


def check_glossary(
    path: Path, registry: Registry, display: str, complete: bool = True
) -> list[DataError]:
    """Load and check the glossary at ``path``; malformed YAML is one DataError in the list."""
    try:
        doc = load_yaml(path, display)
    except DataError as error:
        return [error]
    return check_terms(doc, registry, complete)
