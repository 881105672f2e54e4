"""Country variants of advice: a block of a page that applies to one country.

In the English Markdown (and so in every translation, since the markers are
HTML comments that the PO units leave alone)::

    <!-- country: CZ -->

    Czech-only advice...

    <!-- country: other -->

    Advice for everyone else...

    <!-- /country -->

A variant may name a list (``CZ, SK``); the ``other`` variant is optional
and comes last. Every variant is rendered, each in a ``<div>`` with
``hidden`` on those that do not apply to the edition's default country, so a
reader without JavaScript sees the edition's variant (or ``other``);
assets/javascripts/country.js, loaded only on pages with a block, shows the
variant of the country the reader chose in a helpline box. A blank line
around each marker keeps each variant's paragraphs separate units.

A malformed block (unclosed, nested, an unknown country, text on the
marker's line) is a :class:`~nyf.yamlfile.DataError` with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale

from nyf.yamlfile import DataError

#: The other variant: for every country no variant names.
OTHER = "other"
_MARKER = re.compile(r"^\s*<!--\s*(?P<close>/)?country\b\s*(?::\s*(?P<codes>[^>]*?))?\s*-->\s*$")
_LOOSE = re.compile(r"<!--\s*/?country\b")
_FENCE = re.compile(r"^\s*(```|~~~)")


def known_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (Babel's territories that are two letters)."""
    return frozenset(code for code in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", code))


@dataclass(frozen=True)
class Variant:
    countries: tuple[str, ...]  # empty: the other variant
    lines: list[str]


def _codes(text: str, file: str, line: int) -> tuple[str, ...]:
    if text.strip().lower() == OTHER:
        return ()
    codes = tuple(code.strip() for code in text.split(","))
    known = known_countries()
    for code in codes:
        if code not in known:
            raise DataError(
                file,
                line,
                "",
                f"country block: {code!r} is not a country code; write two capital letters "
                "such as CZ, a list such as CZ, SK, or other",
            )
    return codes


def applies(variant: Variant, others: list[Variant], country: str | None) -> bool:
    """Is ``variant`` the one shown for ``country`` (None: no country known)?"""
    if variant.countries:
        return country in variant.countries
    return not any(country in other.countries for other in others)


def render_block(variants: list[Variant], country: str | None) -> list[str]:
    out = ['<div class="nyf-country" data-nyf-country-block markdown>', ""]
    for variant in variants:
        shown = applies(variant, variants, country)
        codes = " ".join(variant.countries) or OTHER
        out.append(f'<div data-nyf-country-for="{codes}"{"" if shown else " hidden"} markdown>')
        out.extend(["", *variant.lines, "", "</div>", ""])
    out.extend(["</div>", ""])
    return out


def has_blocks(markdown: str) -> bool:
    return bool(_LOOSE.search(markdown))


def render(markdown: str, file: str, country: str | None) -> str:
    """The page's Markdown with every country block rendered (see the module's doc)."""
    if not has_blocks(markdown):
        return markdown
    out: list[str] = []
    variants: list[Variant] | None = None
    start = 0
    fenced = False
    lines = markdown.splitlines()
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _MARKER.match(line)
        if match is None and not fenced and _LOOSE.search(line):
            raise DataError(
                file,
                number,
                "",
                "country block: a marker must be alone on its line, such as "
                "<!-- country: CZ -->, <!-- country: other --> or <!-- /country -->",
            )
        if match is None:
            if variants is None:
                out.append(line)
            else:
                variants[-1].lines.append(line)
            continue
        around = [lines[i] for i in (number - 2, number) if 0 <= i < len(lines)]
        if any(text.strip() for text in around):
            raise DataError(
                file,
                number,
                "",
                "country block: leave a blank line before and after each marker, so that each "
                "variant's paragraphs are translated on their own",
            )
        if match.group("close"):
            if variants is None:
                raise DataError(
                    file,
                    number,
                    "",
                    "country block: <!-- /country --> without a block to close "
                    "(a block inside a block is not allowed)",
                )
            out.extend(render_block(variants, country))
            variants = None
            continue
        if match.group("codes") is None:
            raise DataError(
                file, number, "", "country block: name the country, such as <!-- country: CZ -->"
            )
        codes = _codes(match.group("codes"), file, number)
        if variants is None:
            variants, start = [], number
        elif not codes and any(not v.countries for v in variants):
            raise DataError(file, number, "", "country block: only one other variant per block")
        elif variants and not variants[-1].countries:
            raise DataError(
                file,
                number,
                "",
                "country block: the other variant comes last; a block inside a block is not "
                "allowed (close the first with <!-- /country -->)",
            )
        variants.append(Variant(codes, []))
    if variants is not None:
        raise DataError(file, start, "", "country block: not closed; end it with <!-- /country -->")
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


__all__ = ["OTHER", "applies", "has_blocks", "known_countries", "render"]
