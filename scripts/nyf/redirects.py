"""Redirect pages for moved pages: data/redirects.yml → one small HTML page per old URL.

A static host has no server-side redirects we can count on, so each old URL
gets a page with ``<meta http-equiv="refresh">``, ``<link rel="canonical">``
and a visible link (for readers without automatic refresh), in every
published language. The hook overrides/hooks/redirects.py writes them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nyf.languages import Language
from nyf.site_i18n import absolute_url, site_path
from nyf.yamlfile import DataError, YamlDocument, decode_text, parse_yaml

REDIRECTS_FILE = Path(__file__).resolve().parents[2] / "data" / "redirects.yml"
#: A path of lowercase slugs ending in / (English slugs, as in the URLs).
_PATH = re.compile(r"^([a-z0-9][a-z0-9._-]*/)+$")


@dataclass(frozen=True)
class Redirect:
    old: str  # e.g. "help-now/keep-evidence/"
    new: str  # e.g. "help-now/evidence/"
    #: Where it is written, for messages.
    file: str = field(default="data/redirects.yml", compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def where(self) -> str:
        """``data/redirects.yml:12``, for messages."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def error(self, message: str) -> DataError:
        """A message about this redirect, naming its file and line."""
        return DataError(self.file, self.line, f"redirects.{self.old}", message)


def parse_redirects(doc: YamlDocument) -> list[Redirect]:
    data = doc.data
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"redirects"}:
        raise doc.error((), "expected one top-level key 'redirects:' with a mapping old/: new/")
    mapping = data["redirects"] or {}
    if not isinstance(mapping, dict):
        found = "a list" if isinstance(mapping, list) else repr(mapping)
        raise doc.error(
            ("redirects",), f"found {found}; expected a mapping of old/path/: new/path/ lines"
        )
    redirects = []
    for old, new in mapping.items():
        for value in (old, new):
            if not isinstance(value, str) or not _PATH.match(value):
                raise doc.error(
                    ("redirects", old),
                    f"found {'nothing' if value is None else repr(value)}, expected a path such as "
                    "help-now/evidence/ "
                    "(relative to the language's home, lowercase, ending in /)",
                )
        if old == new:
            raise doc.error(("redirects", old), f"{old!r} redirects to itself")
        line = doc.line_of(("redirects", old))
        redirects.append(Redirect(old, new, doc.file, line))
    targets = {r.old for r in redirects}
    for r in redirects:
        if r.new in targets:
            raise doc.error(
                ("redirects", r.old),
                f"{r.new!r} is itself redirected; point {r.old!r} at the final page",
            )
    return redirects


def load_redirects(path: Path = REDIRECTS_FILE) -> list[Redirect]:
    """The redirects of ``path``; a missing file, or one of comments only, has none."""
    if not path.is_file():
        return []
    display = f"data/{path.name}"
    text = decode_text(path.read_bytes(), display, "YAML")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return []  # the last redirect was removed with its key: nothing moved
    return parse_redirects(parse_yaml(text, display))


def redirect_html(
    target: str, canonical: str, language: Language, gettext: Callable[[str], str]
) -> str:
    """The redirect page: refresh at once, canonical for search engines, a link for people."""
    href = html.escape(target, quote=True)
    # Translators: title of a page left at an old address, which sends the reader to the new one.
    title = html.escape(gettext("This page has moved"))
    # Translators: text of the link on a page left at an old address, to the new address.
    label = html.escape(gettext("Go to the new page"))
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(language.hreflang)}" dir="{language.dir}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{html.escape(canonical, quote=True)}">\n'
        "</head>\n"
        f'<body><h1>{title}</h1><p><a href="{href}">{label}</a></p></body>\n'
        "</html>\n"
    )


@dataclass(frozen=True)
class MovedUrl:
    """One redirect in one language: site-relative paths (``cs/old/`` → ``cs/new/``)."""

    language: Language
    old: str
    new: str
    redirect: Redirect


def moved_urls(redirects: list[Redirect], languages: list[Language]) -> list[MovedUrl]:
    """Every redirect in every published language; the one expansion that the
    redirect pages, ``_redirects`` and the nginx configuration all use."""
    for r in redirects:
        for language in languages:
            prefixed = [p for p in (r.old, r.new) if p.startswith(language.url_prefix)]
            if language.url_prefix and prefixed:
                path = prefixed[0]
                raise r.error(
                    f"{path!r} starts with the language folder {language.url_prefix!r}; "
                    "expected a path relative to a language's home, such as help-now/evidence/ "
                    f"(the build adds /{language.url_prefix} for each language itself)",
                )
    return [
        MovedUrl(language, language.url_prefix + r.old, language.url_prefix + r.new, r)
        for language in languages
        for r in redirects
    ]


def redirect_pages(
    redirects: list[Redirect],
    languages: list[Language],
    site_url: str,
    gettext_for: Callable[[Language], Callable[[str], str]],
) -> dict[str, str]:
    """Site-relative file path → HTML, for every redirect in every language."""
    base_path = site_path(site_url)
    return {
        f"{moved.old}index.html": redirect_html(
            base_path + moved.new,
            absolute_url(site_url, moved.new),
            moved.language,
            gettext_for(moved.language),
        )
        for moved in moved_urls(redirects, languages)
    }
