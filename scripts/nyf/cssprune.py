"""Drop the rules and custom properties of Material's stylesheet that the site never uses.

Material's main.css styles every extension it supports (code blocks, tabs,
annotations, tooltips, tags...): 22 KB gzip on every first view, more than a
third of the page budget. After the build we know every class the site's
HTML uses and every name its JavaScript may add, so a rule whose selector
needs a class found in neither can never match, and a ``--md-*`` property
that no kept rule, stylesheet or script reads is dead weight.

Conservative by construction: a selector is dropped only when it REQUIRES a
class, an element or a palette colour that appears nowhere (what stands inside
:not(), :is(), :where() and :has() is ignored). Every identifier-like token of
our own JavaScript counts as a possible class, and classes a script builds
from a prefix (``md-tag--${x}``) keep every class with that prefix. Material's
bundle.js names the classes of every feature it supports; only the ``md-*``
names of the features this site uses count (``theme_script_names``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_JS_TOKEN = re.compile(r"[A-Za-z_][\w-]*")
_JS_CLASS_PREFIX = re.compile(r"(md-[a-z_-]*)\$\{")
_SELECTOR_FUNCTION = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_CLASS = re.compile(r"\.((?:\\.|[\w-])+)")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY = re.compile(r"--[\w-]+")
_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)""")
_TYPE_SELECTOR = re.compile(r"(?:^|[\s>+~])([a-z][a-z0-9-]*)")
_PSEUDO = re.compile(r"::?[a-zA-Z-]+(?:\([^)]*\))?")
_PALETTE_ATTRIBUTE = re.compile(r"""\[(data-md-color-[a-z]+)=["']?([\w-]+)["']?\]""")
_HTML_PALETTE = re.compile(r"""(data-md-color-[a-z]+)=["']([\w -]*)["']""")
#: Elements Material's search builds in the browser (results, highlights).
RUNTIME_TAGS = frozenset(
    [
        "html",
        "body",
        "article",
        "mark",
        "details",
        "summary",
        "h1",
        "h2",
        "p",
        "a",
        "ol",
        "li",
        "ul",
        "span",
        "div",
        "nav",
        "button",
        "svg",
        "path",
        "input",
        "label",
        "form",
        "time",
    ]
)
#: Material features this site does not enable (mkdocs.yml): their class names
#: in bundle.js do not keep their rules.
UNUSED_THEME_FEATURES = (
    "md-annotation",
    "md-author",
    "md-banner",
    "md-clipboard",
    "md-code",
    "md-consent",
    "md-draft",
    "md-feedback",
    "md-post",
    "md-profile",
    "md-progress",
    "md-social",
    "md-source",
    "md-status",
    "md-tabs",
    "md-tag",
    "md-tooltip",
    "md-top",
    "md-version",
)
#: At-rules whose body holds rules (pruned inside); others are kept whole.
_GROUPING = ("@media", "@supports", "@layer", "@container")
#: Rounds of custom-property pruning: a property read only by a dropped
#: property becomes unused in the next round.
_VAR_ROUNDS = 4


def html_classes(html: str) -> set[str]:
    return {name for value in _CLASS_ATTR.findall(html) for name in value.split()}


def js_names(js: str) -> tuple[set[str], tuple[str, ...]]:
    """Every token a script may use as a class, and the prefixes it builds classes from."""
    return set(_JS_TOKEN.findall(js)), tuple(sorted(set(_JS_CLASS_PREFIX.findall(js))))


def html_tags(html: str) -> set[str]:
    return {name.lower() for name in _TAG.findall(html)}


def html_palette(html: str) -> set[tuple[str, str]]:
    """The (attribute, value) pairs of Material's palette in a page (body data-md-color-*)."""
    return {(name, value.replace(" ", "-")) for name, value in _HTML_PALETTE.findall(html)}


def theme_script_names(bundle_js: str) -> str:
    """The class names in Material's bundle.js that this site's features can add."""
    names = {
        token
        for token in _JS_TOKEN.findall(bundle_js)
        if token.startswith("md-") and not token.startswith(UNUSED_THEME_FEATURES)
    }
    return " ".join(sorted(names))


def _split_top(text: str, separator: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _without_functions(selector: str) -> str:
    out, index = [], 0
    while True:
        match = _SELECTOR_FUNCTION.search(selector, index)
        if not match:
            out.append(selector[index:])
            return "".join(out)
        out.append(selector[index : match.start()])
        depth, index = 1, match.end()
        while index < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[index], 0)
            index += 1


@dataclass(frozen=True)
class Usage:
    """What the site's pages and scripts can use: classes, elements, palette colours.

    ``tags`` and ``palette`` of None mean "unknown": nothing is pruned for them.
    """

    classes: set[str]
    prefixes: tuple[str, ...] = ()
    tags: set[str] | None = None
    palette: set[tuple[str, str]] | None = None


def selector_can_match(selector: str, usage: Usage) -> bool:
    outside = _without_functions(selector)
    if usage.palette is not None:
        for name, value in _PALETTE_ATTRIBUTE.findall(outside):
            if (name, value) not in usage.palette:
                return False
    required = re.sub(r"\[[^\]]*\]", "", outside)
    for name in _CLASS.findall(required):
        name = name.replace("\\", "")
        if name not in usage.classes and not name.startswith(usage.prefixes):
            return False
    if usage.tags is not None:
        bare = _PSEUDO.sub("", re.sub(r"[.#](?:\\.|[\w-])+", "", required))
        for tag in _TYPE_SELECTOR.findall(bare):
            if tag not in usage.tags:
                return False
    return True


def _parse(css: str, index: int = 0) -> tuple[list, int]:
    """Minified CSS → [(prelude, body)]; body is None (statement), str or a nested list."""
    items: list = []
    while index < len(css):
        if css[index] == "}":
            return items, index + 1
        brace, semicolon = css.find("{", index), css.find(";", index)
        if brace == -1:
            break
        if css[index] == "@" and semicolon != -1 and semicolon < brace:
            items.append((css[index : semicolon + 1], None))
            index = semicolon + 1
            continue
        prelude = css[index:brace].strip()
        if prelude.startswith(_GROUPING):
            inner, index = _parse(css, brace + 1)
            items.append((prelude, inner))
            continue
        depth, end = 1, brace + 1
        while depth and end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        items.append((prelude, css[brace + 1 : end - 1]))
        index = end
    return items, index


def _emit(items: list, usage: Usage) -> str:
    out = []
    for prelude, body in items:
        if body is None:
            out.append(prelude)
        elif isinstance(body, list):
            inner = _emit(body, usage)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s for s in _split_top(prelude, ",") if selector_can_match(s, usage)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def _prune_properties(css: str, also_read: str) -> str:
    for _round in range(_VAR_ROUNDS):
        read = set(_VAR_USE.findall(css)) | set(_PROPERTY.findall(also_read))

        def keep_read(match: re.Match, read: set[str] = read) -> str:
            declarations = [
                d
                for d in _split_top(match.group(2), ";")
                if not (d.strip().startswith("--") and d.split(":", 1)[0].strip() not in read)
            ]
            return f"{match.group(1)}{{{';'.join(declarations)}}}"

        pruned = re.sub(r"([^{}]*)\{([^{}]*)\}", keep_read, css)
        pruned = re.sub(r"(?:^|(?<=[{}]))[^{}@]+\{\}", "", pruned)
        if pruned == css:
            break
        css = pruned
    return css


def prune_css(
    css: str,
    html_pages: Iterable[str],
    scripts: str,
    other_css: str = "",
    *,
    prune_elements: bool = False,
) -> str:
    """``css`` without what no page, script or other stylesheet can use.

    With ``prune_elements``, a selector that needs an element no page has (and
    Material's search does not build), or a palette colour no page sets, goes too.
    """
    classes: set[str] = set()
    tags: set[str] = set(RUNTIME_TAGS)
    palette: set[tuple[str, str]] = set()
    for html in html_pages:
        classes |= html_classes(html)
        if prune_elements:
            tags |= html_tags(html)
            palette |= html_palette(html)
    tokens, prefixes = js_names(scripts)
    usage = Usage(
        classes | tokens,
        prefixes,
        tags if prune_elements else None,
        palette if prune_elements else None,
    )
    items, _end = _parse(_COMMENT.sub("", css))
    pruned = _emit(items, usage)
    return _prune_properties(pruned, scripts + _COMMENT.sub("", other_css))


#: Classes that exist only in Material's search results: their rules can wait
#: until the reader starts a search. (Not the output area and its scroll
#: wrapper: their rules keep the closed search box's "Initializing search"
#: line out of sight on first view.)
SEARCH_OUTPUT_CLASSES = re.compile(r"\.md-search-result")


def split_css(css: str, moves: re.Pattern[str]) -> tuple[str, str]:
    """(rules that stay, rules whose selector ``moves`` matches), @media kept around both."""

    def split(items: list) -> tuple[list, list]:
        stay, move = [], []
        for prelude, body in items:
            if body is None or (prelude.startswith("@") and not isinstance(body, list)):
                stay.append((prelude, body))
            elif isinstance(body, list):
                inner_stay, inner_move = split(body)
                if inner_stay:
                    stay.append((prelude, inner_stay))
                if inner_move:
                    move.append((prelude, inner_move))
            else:
                selectors = _split_top(prelude, ",")
                staying = [s for s in selectors if not moves.search(s)]
                moving = [s for s in selectors if moves.search(s)]
                if staying:
                    stay.append((",".join(staying), body))
                if moving:
                    move.append((",".join(moving), body))
        return stay, move

    def emit(items: list) -> str:
        out = []
        for prelude, body in items:
            if body is None:
                out.append(prelude)
            elif isinstance(body, list):
                out.append(f"{prelude}{{{emit(body)}}}")
            else:
                out.append(f"{prelude}{{{body}}}")
        return "".join(out)

    items, _end = _parse(_COMMENT.sub("", css))
    stay, move = split(items)
    return emit(stay), emit(move)


def drop_unused_keyframes(css: str) -> str:
    """Without the @keyframes that no animation of ``css`` names."""
    names = re.findall(r"@keyframes\s+([\w-]+)", css)
    for name in names:
        uses = re.findall(rf"animation(?:-name)?:[^;}}]*\b{re.escape(name)}\b", css)
        if not uses:
            css = re.sub(
                rf"@keyframes\s+{re.escape(name)}\{{(?:[^{{}}]*\{{[^{{}}]*\}})*\}}", "", css
            )
    return css


def minify_css(css: str) -> str:
    """Our hand-written CSS without comments and needless white space."""
    css = _COMMENT.sub("", css)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip()


def hashed_name(name: str, content: str) -> str:
    """main.57a0d79d.min.css → main.<hash of content>.min.css: a changed file gets a new name."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    stem, _sep, rest = name.partition(".")
    tail = rest.split(".", 1)[1] if "." in rest else rest
    return f"{stem}.{digest}.{tail}"
