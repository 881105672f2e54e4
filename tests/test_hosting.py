"""The files for web hosts (nyf.hosting): _headers, _redirects and nginx.conf.

Pure functions, tested without a build. Each host's reading of _redirects is
modelled from its documentation (Netlify: the first rule of a path, files win
unless the status ends in !; Cloudflare Pages: only the statuses it knows,
redirects before files), so the one file is shown to redirect on both.
tests/test_nginx.py serves the real nginx.conf.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from nyf import hosting
from nyf.languages import load_registry
from nyf.redirects import Redirect, moved_urls
from nyf.yamlfile import DataError

SITE_URL = "https://notyourfault.example.org/"
POLICY = "default-src 'self'; script-src 'self'"
REGISTRY = load_registry()
LANGUAGES = REGISTRY.published()
MOVED = [Redirect("help-now/keep-evidence/", "help-now/evidence/", "data/redirects.yml", 12)]
FINGERPRINTED = [
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/stylesheets/site.57e439fe.css",
]


def czech_at_the_root() -> list:
    """The published languages of an edition with Czech at the root."""
    return [dataclasses.replace(lang, default=lang.code == "cs") for lang in LANGUAGES]


def plan(**changes) -> hosting.HostingPlan:
    options = {
        "policy": POLICY,
        "redirects": MOVED,
        "languages": LANGUAGES,
        "fingerprinted": FINGERPRINTED,
        "site_url": SITE_URL,
    }
    return hosting.make_plan(**{**options, **changes})


# --- the policy from mkdocs.yml ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # As the YAML folds it: over lines, with a trailing semicolon.
        ("default-src 'self';\n  script-src 'self';\n", "default-src 'self'; script-src 'self'"),
        # No policy: no header (the pages have no <meta> either).
        (None, None),
    ],
)
def test_policy_is_one_header_value(value, expected):
    assert hosting.content_security_policy(value, 3) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # Left empty.
        ("  ", "mkdocs.yml:7 extra.content_security_policy: found an empty text; expected"),
        # Written as a YAML list of directives.
        (
            ["default-src 'self'"],
            "mkdocs.yml:7 extra.content_security_policy: found list [\"default-src 'self'\"]",
        ),
        # Keywords in double quotes, as in JSON.
        ('default-src "self"', "found '\"' in the policy; a policy quotes its keywords with"),
        # An nginx variable would be expanded.
        ("default-src 'self' $host", "found '$' in the policy"),
        # A backslash would escape nginx's closing quote.
        ("default-src 'self' \\", "found '\\\\' in the policy"),
    ],
)
def test_bad_policies_are_refused_with_file_line_and_fix(value, message):
    with pytest.raises(DataError) as error:
        hosting.content_security_policy(value, 7)
    assert message in str(error.value)


def test_frame_ancestors_is_added_once():
    assert hosting.security_headers(POLICY)[0] == (
        "Content-Security-Policy",
        f"{POLICY}; frame-ancestors 'none'",
    )
    own = f"{POLICY}; frame-ancestors 'self'"
    assert hosting.security_headers(own)[0] == ("Content-Security-Policy", own)
    names = [name for name, _value in hosting.security_headers(None)]
    assert "Content-Security-Policy" not in names and "Referrer-Policy" in names


# --- which files are fingerprinted ---------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("assets/javascripts/bundle.a5f9d56c.min.js", True),  # Material's bundle
        ("assets/javascripts/workers/search.a7633da7.min.js.map", True),  # its source map
        ("assets/stylesheets/site.57e439fe.css", True),  # ours, hashed by prune_css
        ("assets/javascripts/site.js", False),  # ours, same name every build
        ("assets/javascripts/lunr/min/lunr.de.min.js", False),  # Material's, no hash
        ("assets/images/favicon.png", False),
        ("help-now/deadbeef.12345678.html", False),  # not under assets/
        ("assets/x.1234567.css", False),  # seven hex digits are not a hash
    ],
)
def test_fingerprinted_files_are_named_by_their_hash(path, expected):
    assert hosting.is_fingerprinted(path) is expected


def test_fingerprinted_files_of_a_built_site(tmp_path: Path):
    assert hosting.fingerprinted_files(tmp_path) == []
    for path in [*FINGERPRINTED, "assets/javascripts/site.js", "index.html"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    assert hosting.fingerprinted_files(tmp_path) == sorted(FINGERPRINTED)


# --- the plan -------------------------------------------------------------------------


def test_plan_redirects_every_language_and_gives_each_other_language_its_404():
    made = plan()
    assert made.redirects[0] == ("/help-now/keep-evidence/", "/help-now/evidence/")
    assert ("/cs/help-now/keep-evidence/", "/cs/help-now/evidence/") in made.redirects
    assert len(made.redirects) == len(LANGUAGES)
    assert made.language_homes == tuple(f"/{lang.code}/" for lang in LANGUAGES[1:])
    assert made.server_name == "notyourfault.example.org"


def test_plan_follows_the_default_language_of_the_registry():
    """An edition with Czech at the root: Czech has the root 404, English its own."""
    made = plan(languages=czech_at_the_root())
    assert "/en/" in made.language_homes and "/cs/" not in made.language_homes
    assert ("/help-now/keep-evidence/", "/help-now/evidence/") in made.redirects
    assert ("/en/help-now/keep-evidence/", "/en/help-now/evidence/") in made.redirects
    assert "error_page 404 /404.html;" in hosting.nginx_server_block(made)
    assert "location /en/ { error_page 404 /en/404.html; }" in hosting.nginx_server_block(made)


def test_plan_for_a_site_under_a_path():
    made = plan(site_url="https://example.github.io/nyf/")
    assert made.base_path == "/nyf/"
    assert made.redirects[0] == ("/nyf/help-now/keep-evidence/", "/nyf/help-now/evidence/")
    assert made.language_homes[0] == "/nyf/cs/"
    assert made.fingerprinted[0] == "/nyf/assets/javascripts/bundle.a5f9d56c.min.js"
    assert "error_page 404 /nyf/404.html;" in hosting.nginx_server_block(made)
    assert plan(site_url="/").server_name == "_"


@pytest.mark.parametrize(
    ("redirect", "message"),
    [
        # The old path written with the language folder it was published under.
        (
            Redirect("cs/stare/", "help-now/", "data/redirects.yml", 14),
            "data/redirects.yml:14 redirects.cs/stare/: 'cs/stare/' starts with the language "
            "folder 'cs/'; expected a path relative to a language's home",
        ),
        # The new path written with a language folder.
        (
            Redirect("old/", "ar/help-now/", "data/redirects.yml", 3),
            "data/redirects.yml:3 redirects.old/: 'ar/help-now/' starts with the language "
            "folder 'ar/'",
        ),
    ],
)
def test_redirects_with_a_language_folder_are_refused(redirect, message):
    with pytest.raises(DataError) as error:
        moved_urls([redirect], LANGUAGES)
    assert message in str(error.value)


# --- _headers --------------------------------------------------------------------------


def _header_rules(text: str) -> dict[str, list[str]]:
    """Path → header lines, as Netlify and Cloudflare Pages read _headers."""
    rules: dict[str, list[str]] = {}
    path = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(" "):
            rules[path].append(line.strip())
        else:
            path = line
            rules[path] = []
    return rules


def test_headers_file_gives_every_answer_the_policy_and_keeps_only_hashed_files():
    rules = _header_rules(hosting.headers_file(plan()))
    assert f"Content-Security-Policy: {POLICY}; frame-ancestors 'none'" in rules["/*"]
    assert "Referrer-Policy: no-referrer" in rules["/*"]
    # Both hosts join the values of two matching rules: Cache-Control only once.
    assert not any(line.startswith("Cache-Control") for line in rules["/*"])
    for path in FINGERPRINTED:
        assert rules[f"/{path}"] == [f"Cache-Control: {hosting.LONG_CACHE}"]
    assert len(rules) == 1 + len(FINGERPRINTED)


# --- _redirects, as each host reads it -------------------------------------------------


def _rules(text: str) -> list[tuple[str, str, str]]:
    lines = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    assert all(len(parts) == 3 for parts in lines), lines
    return [tuple(parts) for parts in lines]


def netlify(text: str, path: str, files: set[str]) -> tuple[int, str]:
    """Netlify: the first rule whose path matches; a file wins unless the status ends in !."""
    for source, target, status in _rules(text):
        forced = status.endswith("!")
        matches = source == path or (source.endswith("*") and path.startswith(source[:-1]))
        if matches and (forced or path not in files):
            return int(status.rstrip("!")), target
        if matches:
            break
    return (200, path) if path in files else (404, "/404.html")


def cloudflare(text: str, path: str, files: set[str]) -> tuple[int, str]:
    """Cloudflare Pages: a rule with a status it does not know is skipped; redirects
    come before files; a missing file gets the nearest 404.html."""
    for source, target, status in _rules(text):
        if status not in {"200", "301", "302", "303", "307", "308"}:
            continue
        if source == path or (source.endswith("*") and path.startswith(source[:-1])):
            return int(status), target
    if path in files:
        return 200, path
    folder = path.rstrip("/").rpartition("/")[0] + "/"
    while f"{folder}404.html" not in files and folder != "/":
        folder = folder.rstrip("/").rpartition("/")[0] + "/"
    return 404, f"{folder}404.html"


def _files(languages) -> set[str]:
    """What the build leaves: the old addresses' redirect pages, each language's 404."""
    made = plan(languages=languages)
    return {old for old, _new in made.redirects} | {
        f"{home}404.html" for home in ("/", *made.language_homes)
    }


@pytest.mark.parametrize("host", [netlify, cloudflare])
@pytest.mark.parametrize("languages", [LANGUAGES, czech_at_the_root()], ids=["en", "cs"])
def test_redirects_file_redirects_on_both_hosts(host, languages):
    made = plan(languages=languages)
    text = hosting.redirects_file(made)
    files = _files(languages)
    for old, new in made.redirects:
        assert host(text, old, files) == (301, new), old
    for home in made.language_homes:
        assert host(text, f"{home}no-such-page/", files) == (404, f"{home}404.html")
    assert host(text, "/no-such-page/", files) == (404, "/404.html")


def test_redirects_file_without_redirects_or_other_languages():
    text = hosting.redirects_file(plan(redirects=[], languages=LANGUAGES[:1]))
    assert _rules(text) == []


# --- nginx -----------------------------------------------------------------------------


def test_nginx_block_sets_the_headers_once_and_caches_by_variable():
    text = hosting.nginx_server_block(plan(), root="/srv/site")
    assert "    root /srv/site;" in text
    assert text.count("add_header ") == len(plan().headers) + 1
    assert 'add_header Cache-Control "$nyf_cache_control" always;' in text
    for path in FINGERPRINTED:
        assert f'location = /{path} {{ set $nyf_cache_control "{hosting.LONG_CACHE}"; }}' in text
    assert "location = /help-now/keep-evidence/ { return 301 /help-now/evidence/; }" in text
    assert "location /cs/ { error_page 404 /cs/404.html; }" in text
    directives = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in directives if "no-store" in line]
    assert text.count("{") == text.count("}")


def test_nginx_block_of_a_plain_site():
    text = hosting.nginx_server_block(
        plan(redirects=[], languages=LANGUAGES[:1], fingerprinted=[], policy=None)
    )
    assert "return 301" not in text and "location /" not in text
    assert "Content-Security-Policy" not in text
    assert "    root /var/www/notyourfault.example.org;" in text
