"""QR codes: which pages offer one, the SVG encodes the page's URL, the build writes it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import qrcode
import segno
import yaml
from jinja2 import Environment, FileSystemLoader
from nyf.qr import offers_qr, qr_svg
from sitebuild import ROOT, BuildFailed, make_project, run_mkdocs, serve

SITE_URL = "https://notyourfault.example.org/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("schools/lessons/ages-9-12/", True),  # a lesson, English at the root
        ("cs/schools/lessons/ages-13-15/", True),  # a lesson in Czech
        ("helplines/cz/", True),  # a country's helpline page
        ("de/helplines/de/", True),  # German page of the German helplines
        ("pt-BR/helplines/br/", True),  # a language code with a region
        ("schools/lessons/", False),  # the list of lessons is not a lesson
        ("helplines/", False),  # the directory itself
        ("help-now/", False),  # any other page
        ("schools/lessons/ages-9-12/worksheet/", False),  # deeper pages
    ],
)
def test_which_pages_offer_a_qr_code(url: str, expected: bool):
    assert offers_qr(url) is expected


def svg_matrix(svg: str) -> list[list[int]]:
    """Rebuild the module matrix from segno's one-path SVG (runs of h moves)."""
    root = ElementTree.fromstring(svg)
    size = int(root.get("viewBox").split()[2])
    path = root.find("{http://www.w3.org/2000/svg}path").get("d")
    matrix = [[0] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                matrix[int(y)][column] = 1
            x += float(a)
    return matrix


def test_svg_encodes_exactly_the_url():
    url = f"{SITE_URL}cs/schools/lessons/ages-13-15/"
    svg = qr_svg(url, title=url)
    expected = segno.make(url, error="m", micro=False)
    rows = [list(row) for row in expected.matrix_iter(scale=1, border=4)]
    assert svg_matrix(svg) == [[int(bool(v)) for v in row] for row in rows]
    assert svg_matrix(svg) != svg_matrix(qr_svg(url.replace("cs/", "de/")))
    assert f"<title>{url}</title>" in svg
    assert 'width="' not in svg.split(">", 1)[0]  # scalable: size comes from CSS


def test_empty_url_is_refused():
    with pytest.raises(ValueError, match="expected a URL"):
        qr_svg("")


def test_script_joins_a_path_with_site_url(tmp_path: Path):
    out = tmp_path / "help.svg"
    assert qrcode.main(["/cs/help-now/", "-o", str(out)]) == 0
    assert f"<title>{SITE_URL}cs/help-now/</title>" in out.read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        qrcode.main(["/cs/help-now/", "-o", str(tmp_path / "help.png")])


def test_partial_shows_the_code_with_its_url():
    env = Environment(loader=FileSystemLoader(ROOT / "overrides"), extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)
    template = env.get_template("partials/qr.html")
    assert template.render(nyf_qr=None).strip() == ""
    url = f"{SITE_URL}helplines/cz/"
    html = template.render(nyf_qr={"src": "qr.svg", "url": url, "name": "x-qr.svg"})
    assert f'alt="QR code for this page: {url}"' in html
    assert '<a class="nyf-qr__download" href="qr.svg" download="x-qr.svg">QR code</a>' in html


@pytest.mark.slow
def test_build_writes_qr_codes_next_to_lessons_in_every_language(tmp_path: Path):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    hooks = [h for h in config.get("hooks", []) if not h.endswith("/qr.py")]
    pages = {
        "en/index.md": "# Home\n\n[Lesson](schools/lessons/ages-9-12.md)\n",
        "en/schools/lessons/ages-9-12.md": "# Ages 9 to 12\n\nText.\n",
    }
    config_file = make_project(
        tmp_path, pages, config_changes={"hooks": [*hooks, "overrides/hooks/qr.py"]}
    )
    site = tmp_path / "site"
    result = run_mkdocs(config_file, site)
    if result.returncode != 0:
        raise BuildFailed(result.stdout + result.stderr)
    english = (site / "schools/lessons/ages-9-12/qr.svg").read_text(encoding="utf-8")
    assert f"<title>{SITE_URL}schools/lessons/ages-9-12/</title>" in english
    czech = (site / "cs/schools/lessons/ages-9-12/qr.svg").read_text(encoding="utf-8")
    assert f"<title>{SITE_URL}cs/schools/lessons/ages-9-12/</title>" in czech
    assert not (site / "qr.svg").exists()


@pytest.mark.browser
def test_code_shows_only_in_print_and_link_only_on_screen(browser, tmp_path: Path):
    env = Environment(loader=FileSystemLoader(ROOT / "overrides"), extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)
    url = f"{SITE_URL}helplines/cz/"
    partial = env.get_template("partials/qr.html").render(
        nyf_qr={"src": "qr.svg", "url": url, "name": "x-qr.svg"}
    )
    css = (ROOT / "overrides/assets/stylesheets/nyf/60-qr.css").read_text(encoding="utf-8")
    (tmp_path / "index.html").write_text(
        f'<!doctype html><style>{css}</style><div class="md-typeset">{partial}</div>',
        encoding="utf-8",
    )
    (tmp_path / "qr.svg").write_text(qr_svg(url), encoding="utf-8")
    with serve(tmp_path) as base:
        tab = browser.new_page()
        tab.goto(base)
        assert not tab.locator(".nyf-qr__image").is_visible()
        assert tab.locator(".nyf-qr__download").is_visible()
        tab.emulate_media(media="print")
        assert tab.locator(".nyf-qr__image").is_visible()
        assert not tab.locator(".nyf-qr__download").is_visible()
        assert tab.evaluate("document.querySelector('.nyf-qr__image').naturalWidth") > 0
        tab.close()
