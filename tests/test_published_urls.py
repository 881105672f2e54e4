"""Published URLs keep working: the committed list, `add`, and redirect pages."""

from __future__ import annotations

from pathlib import Path

import published_urls
import pytest
import yaml
from nyf import linkcheck
from nyf.languages import load_registry
from nyf.redirects import Redirect, load_redirects, parse_redirects, redirect_pages
from nyf.yamlfile import DataError, parse_yaml
from sitebuild import ROOT, BuildFailed, make_project, run_mkdocs

SITE_URL = "https://notyourfault.example.org/"


def test_every_published_url_resolves_in_the_built_site(site_dir: Path):
    assert published_urls.read_list(published_urls.LIST_FILE), "the list is empty"
    assert published_urls.check(site_dir, published_urls.LIST_FILE) == []


def test_list_is_sorted_without_duplicates():
    urls = [url for _n, url in published_urls.read_list(published_urls.LIST_FILE)]
    assert urls == sorted(set(urls))


def make_site(base: Path, pages: list[str]) -> Path:
    for page in pages:
        target = base / page / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("<!doctype html><title>x</title>", encoding="utf-8")
    return base


def test_check_reports_a_url_that_no_longer_resolves(tmp_path: Path):
    site = make_site(tmp_path / "site", ["", "help-now", "cs/help-now"])
    listing = tmp_path / "urls.txt"
    listing.write_text("# comment\n/\n/cs/help-now/\n/cs/help-now/evidence/\n", encoding="utf-8")
    assert published_urls.check(site, listing) == [
        f"{listing}:4: /cs/help-now/evidence/ no longer resolves in {site} "
        "(no cs/help-now/evidence/index.html); if the page moved, map its old path to the "
        "new one in data/redirects.yml"
    ]
    assert published_urls.main(["check", str(site), "--list", str(listing)]) == 1


def test_check_rejects_a_line_without_leading_slash(tmp_path: Path):
    site = make_site(tmp_path / "site", [""])
    listing = tmp_path / "urls.txt"
    listing.write_text("help-now/\n", encoding="utf-8")
    assert published_urls.check(site, listing) == [
        f"{listing}:1: 'help-now/': expected a URL starting with /"
    ]


def test_add_merges_new_urls_keeps_comments_and_old_urls(tmp_path: Path):
    site = make_site(tmp_path / "site", ["", "help-now", "cs/help-now"])
    (site / "404.html").write_text("x", encoding="utf-8")
    listing = tmp_path / "urls.txt"
    listing.write_text("# keep me\n/old-page/\n/\n", encoding="utf-8")
    assert published_urls.add(site, listing) == ["/cs/help-now/", "/help-now/"]
    assert listing.read_text(encoding="utf-8") == (
        "# keep me\n/\n/cs/help-now/\n/help-now/\n/old-page/\n"
    )
    assert published_urls.main(["add", str(site), "--list", str(listing)]) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A list instead of a mapping.
        ("redirects:\n  - a/\n", "found a list; expected a mapping of old/path/: new/path/"),
        # A path without the trailing slash of directory URLs.
        ("redirects:\n  old/: new\n", "found 'new', expected a path such as help-now/evidence/"),
        # A leading slash (paths are relative to each language's home).
        ("redirects:\n  /old/: new/\n", "found '/old/', expected a path"),
        # A chain: the first redirect should point at the final page.
        ("redirects:\n  a/: b/\n  b/: c/\n", "'b/' is itself redirected"),
        # A loop onto itself.
        ("redirects:\n  a/: a/\n", "'a/' redirects to itself"),
        # An unknown top-level key.
        ("moved:\n  a/: b/\n", "expected one top-level key 'redirects:'"),
        # A new path left blank.
        ("redirects:\n  old/:\n", "data/redirects.yml:2 redirects.old/: found nothing, expected"),
        # A number instead of a path.
        ("redirects:\n  old/: 5\n", "data/redirects.yml:2 redirects.old/: found 5, expected"),
        # A space in a path.
        ("redirects:\n  old page/: new/\n", "found 'old page/', expected a path"),
        # A full address instead of a path.
        (
            "redirects:\n  old/: https://notyourfault.example.org/new/\n",
            "found 'https://notyourfault.example.org/new/', expected a path",
        ),
        # The same old path twice.
        (
            "redirects:\n  a/: b/\n  a/: c/\n",
            "data/redirects.yml:3 redirects.a/: duplicate key 'a/' (first given on line 2)",
        ),
        # A tab used for indentation.
        ("redirects:\n\ta/: b/\n", "data/redirects.yml:2 a tab is used for indentation"),
    ],
)
def test_bad_redirect_files_are_refused(text: str, message: str):
    with pytest.raises(DataError) as raised:
        parse_redirects(parse_yaml(text, "data/redirects.yml"))
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Comments only (the last redirect removed with its key): nothing moved.
        (b"# nothing moved yet\n", []),
        # Notepad's UTF-8 with a byte-order mark.
        ("\ufeffredirects:\n  a/: b/\n".encode(), [Redirect("a/", "b/")]),
    ],
)
def test_harmless_redirect_files_are_read(tmp_path: Path, raw: bytes, expected: list):
    path = tmp_path / "redirects.yml"
    path.write_bytes(raw)
    assert load_redirects(path) == expected


def test_redirects_saved_as_utf16_get_one_clear_message(tmp_path: Path):
    path = tmp_path / "redirects.yml"
    path.write_bytes("redirects:\n  a/: b/\n".encode("utf-16"))
    with pytest.raises(DataError) as raised:
        load_redirects(path)
    assert str(raised.value) == (
        "data/redirects.yml is saved as UTF-16; expected YAML saved as UTF-8"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A space in a URL.
        ("/cs/help now/", "'/cs/help now/': expected a path from the site root such as"),
        # A query string.
        ("/cs/help-now/?x=1", "'/cs/help-now/?x=1': expected a path from the site root"),
        # An anchor.
        ("/cs/help-now/#steps", "'/cs/help-now/#steps': expected a path from the site root"),
        # A path that climbs out of the site.
        ("/../etc/", "'/../etc/': expected a path from the site root"),
        # A full address instead of a path.
        ("https://notyourfault.example.org/cs/", "expected a URL starting with /"),
        # No trailing slash, page gone: the message names the folder it looked for.
        ("/cs/gone", "/cs/gone no longer resolves in"),
    ],
)
def test_bad_published_url_lines_get_one_clear_message(tmp_path: Path, line: str, expected: str):
    site = make_site(tmp_path / "site", ["", "cs/help-now"])
    listing = tmp_path / "urls.txt"
    listing.write_text(f"/\n{line}\n", encoding="utf-8")
    problems = published_urls.check(site, listing)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{listing}:2: ")
    assert expected in problems[0]


def test_missing_trailing_slash_names_the_right_file(tmp_path: Path):
    site = make_site(tmp_path / "site", [""])
    listing = tmp_path / "urls.txt"
    listing.write_text("/cs/gone\n", encoding="utf-8")
    assert "(no cs/gone/index.html)" in published_urls.check(site, listing)[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Saved as UTF-16.
        ("/\n".encode("utf-16"), "is saved as UTF-16; expected one URL per line saved as UTF-8"),
        # Saved as Latin-1.
        ("/\n/café/\n".encode("latin-1"), ":2 found the byte b'\\xe9', which is not UTF-8"),
    ],
)
def test_published_list_in_another_encoding(tmp_path: Path, capsys, raw: bytes, expected: str):
    site = make_site(tmp_path / "site", [""])
    listing = tmp_path / "urls.txt"
    listing.write_bytes(raw)
    for command in ("check", "add"):
        assert published_urls.main([command, str(site), "--list", str(listing)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(str(listing)) and expected in err, err


def test_published_list_with_byte_order_mark_is_read(tmp_path: Path):
    site = make_site(tmp_path / "site", [""])
    listing = tmp_path / "urls.txt"
    listing.write_bytes("\ufeff# comment\n/\n".encode())
    assert published_urls.check(site, listing) == []


def test_check_refuses_an_emptied_list(tmp_path: Path, capsys):
    site = make_site(tmp_path / "site", [""])
    listing = tmp_path / "urls.txt"
    listing.write_text("# every URL deleted\n", encoding="utf-8")
    assert published_urls.main(["check", str(site), "--list", str(listing)]) == 1
    assert f"{listing} has no URLs; expected one URL per line" in capsys.readouterr().err


def test_check_refuses_a_missing_list(tmp_path: Path, capsys):
    site = make_site(tmp_path / "site", [""])
    listing = tmp_path / "urls.txt"
    assert published_urls.main(["check", str(site), "--list", str(listing)]) == 1
    assert f"{listing} file not found; expected the list of published URLs" in (
        capsys.readouterr().err
    )


def test_redirect_pages_cover_every_published_language():
    languages = load_registry().published()
    pages = redirect_pages([Redirect("old/", "help-now/")], languages, SITE_URL, lambda _l: str)
    assert set(pages) == {f"{lang.url_prefix}old/index.html" for lang in languages}
    czech = pages["cs/old/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=/cs/help-now/">' in czech
    assert f'<link rel="canonical" href="{SITE_URL}cs/help-now/">' in czech
    assert '<a href="/cs/help-now/">' in czech
    assert '<html lang="cs" dir="ltr">' in czech
    assert '<html lang="ar" dir="rtl">' in pages["ar/old/index.html"]


def _build_with_redirects(tmp_path: Path, redirects: str) -> tuple[Path, object]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    hooks = [h for h in config.get("hooks", []) if not h.endswith("redirects.py")]
    pages = {
        "en/index.md": "# Home\n\n[New](new-page.md)\n",
        "en/new-page.md": "# New page\n\nText.\n",
    }
    config_file = make_project(
        tmp_path, pages, config_changes={"hooks": [*hooks, "overrides/hooks/redirects.py"]}
    )
    (tmp_path / "data" / "redirects.yml").write_text(redirects, encoding="utf-8")
    site = tmp_path / "site"
    return site, run_mkdocs(config_file, site)


@pytest.mark.slow
def test_build_writes_redirect_pages_that_resolve(tmp_path: Path):
    site, result = _build_with_redirects(tmp_path, "redirects:\n  old-page/: new-page/\n")
    if result.returncode != 0:
        raise BuildFailed(result.stdout + result.stderr)
    assert "url=/new-page/" in (site / "old-page/index.html").read_text(encoding="utf-8")
    assert "url=/cs/new-page/" in (site / "cs/old-page/index.html").read_text(encoding="utf-8")
    listing = tmp_path / "urls.txt"
    listing.write_text("/old-page/\n/cs/old-page/\n/ar/old-page/\n", encoding="utf-8")
    assert published_urls.check(site, listing) == []
    # The redirect targets are checked like any link.
    languages = [
        linkcheck.SiteLanguage(lang.code, lang.hreflang, lang.url_prefix)
        for lang in load_registry().published()
    ]
    report = linkcheck.check_site(site, SITE_URL, languages)
    assert not [p for p in report.problems if "old-page" in p.file]
    # Hosts that redirect for real get the same redirects (nyf.hosting).
    assert "/cs/old-page/ /cs/new-page/ 301\n" in (site / "_redirects").read_text(encoding="utf-8")
    nginx = (site / "nginx.conf").read_text(encoding="utf-8")
    assert "location = /cs/old-page/ { return 301 /cs/new-page/; }" in nginx


@pytest.mark.slow
def test_build_refuses_a_redirect_to_a_missing_page(tmp_path: Path):
    _site, result = _build_with_redirects(tmp_path, "redirects:\n  old-page/: gone/\n")
    assert result.returncode != 0
    assert "data/redirects.yml:2 redirects.old-page/: found 'gone/', which is not a page" in (
        result.stdout + result.stderr
    )
