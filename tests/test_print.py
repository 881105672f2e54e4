"""`make print`: the PDFs (leaflets, posters, lesson packs), on a sample.

The sample: every published language for one country, every country for one
language, and every kind of PDF on each of its papers at least once. Each PDF
opens, has its page count and paper size, embeds every font, carries its
language, title and tags, and holds the helpline number and the URL of its QR
code, which decodes (page one rendered with pdfium, read with zxing-cpp) to
that URL. Bad input to scripts/print_pdfs.py fails with a clear message.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import print_pdfs
import published_urls
import pytest
from nyf import printing
from nyf.languages import load_registry
from nyf.linkcheck import SiteLanguage, check_site
from nyf.printer import Context, print_parallel

pypdf = pytest.importorskip("pypdf")
pdfium = pytest.importorskip("pypdfium2")
zxingcpp = pytest.importorskip("zxingcpp")

COUNTRY = "CZ"
LANGUAGE = "en"
LESSON = "ages-9-12"
REGISTRY = load_registry()
PUBLISHED = [lang.code for lang in REGISTRY.published()]
BY_CODE = {lang.code: lang for lang in REGISTRY.languages}


# ----------------------------------------------------------- the plan ----


def test_plan_names_every_pdf():
    jobs = printing.plan(["en", "ar"], ["CZ", "GB"], ["ages-9-12"])
    urls = [job.url for job in jobs]
    assert len(urls) == len(set(urls))
    # Per language: 2 leaflets, 2 countries x 2 posters, 2 packs, 2 countries x 2 packs.
    assert len(jobs) == 2 * (2 + 4 + 2 + 4)
    assert "/print/en/help-now-a4.pdf" in urls
    assert "/print/ar/help-now-letter.pdf" in urls
    assert "/print/ar/poster-cz-a3.pdf" in urls
    assert "/print/en/lesson-ages-9-12-letter.pdf" in urls
    assert "/print/en/lesson-ages-9-12-gb-a4.pdf" in urls


@pytest.mark.parametrize(
    ("languages", "countries", "lessons", "kinds", "message"),
    [
        (["en"], ["cz"], [], printing.KINDS, "country 'cz': expected two capital letters"),
        (["en"], ["CZE"], [], printing.KINDS, "country 'CZE': expected two capital letters"),
        (["en"], [], ["Ages 9"], printing.KINDS, "lesson 'Ages 9': expected a page name"),
        (["en"], [], [], ["flyer"], "unknown kind(s) flyer; expected leaflet, poster"),
    ],
)
def test_plan_rejects_bad_input(languages, countries, lessons, kinds, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        printing.plan(languages, countries, lessons, kinds)


def test_select_keeps_the_country_free_kinds():
    jobs = printing.plan(["en", "cs"], ["CZ", "GB"], ["ages-9-12"])
    chosen = printing.select(jobs, languages=["cs"], countries=["GB"])
    assert {job.lang for job in chosen} == {"cs"}
    assert {job.country for job in chosen} == {None, "GB"}
    assert {job.kind for job in chosen} == set(printing.KINDS)


@pytest.fixture
def listed_site(tmp_path) -> Path:
    """A site folder with only print/pdfs.json: enough to check what the user asks for."""
    listing = printing.pdf_list(["en", "ar"], ["CZ", "GB"], ["ages-9-12"])
    listing |= {"site_url": "https://example.org/", "site_name": "Not Your Fault"}
    (tmp_path / "print").mkdir()
    (tmp_path / "print" / "pdfs.json").write_text(json.dumps(listing), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "xx"], "unknown language 'xx'; the site publishes en, ar"),
        (["--lang", "en,zz"], "unknown language 'zz'; the site publishes en, ar"),
        (["--country", "zz"], "unknown country 'ZZ'; the site publishes CZ, GB"),
        (["--kind", "flyer"], "unknown kind 'flyer'; expected one of leaflet, poster"),
    ],
)
def test_print_pdfs_rejects_bad_input(listed_site, capsys, args, message):
    assert print_pdfs.main([str(listed_site), *args]) == 2
    assert f"print_pdfs: {message}" in capsys.readouterr().err


def test_print_pdfs_needs_a_built_site(tmp_path, capsys):
    assert print_pdfs.main([str(tmp_path / "nothing")]) == 2
    assert "pdfs.json: not found; build the site first (make build)" in capsys.readouterr().err


def test_print_pdfs_selects_jobs(listed_site):
    args = print_pdfs.parse_args([str(listed_site), "--lang", "ar", "--country", "gb"])
    context, jobs = print_pdfs.prepare(args)
    assert context.site_url == "https://example.org/"
    assert {job.lang for job in jobs} == {"ar"}
    assert {job.country for job in jobs} == {None, "GB"}


# ------------------------------------------------------------ the PDFs ----


def _sample(listing: dict) -> list[printing.Job]:
    """Every language for one country, every country for one language, every kind and paper."""
    jobs: list[printing.Job] = []
    for lang in listing["languages"]:
        jobs.append(printing.Job("leaflet", lang, "a4"))
        jobs.append(printing.Job("poster", lang, "a4", country=COUNTRY))
    jobs += [
        printing.Job("poster", LANGUAGE, "a4", country=c)
        for c in listing["countries"]
        if c != COUNTRY
    ]
    jobs += [
        printing.Job("leaflet", "ar", "letter"),
        printing.Job("poster", "ar", "a3", country=COUNTRY),
        printing.Job("lesson", LANGUAGE, "a4", lesson=LESSON),
        printing.Job("lesson", "uk", "letter", lesson=LESSON),
        printing.Job("lesson-country", "ar", "letter", country=COUNTRY, lesson=LESSON),
        printing.Job("lesson-country", LANGUAGE, "a4", country=COUNTRY, lesson=LESSON),
    ]
    return jobs


@pytest.fixture(scope="module")
def printed(site_dir, tmp_path_factory):
    listing = printing.read_pdf_list(site_dir)
    context = Context(
        site_dir=site_dir,
        site_url=listing["site_url"],
        site_name=listing["site_name"],
        languages=BY_CODE,
    )
    out = tmp_path_factory.mktemp("print")
    # In a thread of its own: the browser tests' Playwright may be running an
    # event loop in this one, and Playwright's sync API refuses to start there.
    with ThreadPoolExecutor(max_workers=1) as pool:
        done = pool.submit(
            print_parallel, context, out, _sample(listing), workers=1, quiet=True
        ).result()
    yield context, done
    shutil.rmtree(out, ignore_errors=True)


def test_the_build_lists_every_pdf(site_dir):
    listing = printing.read_pdf_list(site_dir)
    assert listing["languages"] == PUBLISHED
    countries = sorted(p.name for p in (site_dir / "helplines").iterdir() if p.is_dir())
    assert [c.lower() for c in listing["countries"]] == countries
    lessons = sorted(p.name for p in (site_dir / "schools" / "lessons").iterdir() if p.is_dir())
    assert listing["lessons"] == lessons
    # Lesson packs only where every lesson is translated: not in a wave-two language.
    assert {"en", "cs", "ar"} <= set(listing["lesson_languages"])
    assert "bg" not in listing["lesson_languages"]
    planned = printing.plan(
        listing["languages"],
        listing["countries"],
        listing["lessons"],
        lesson_languages=listing["lesson_languages"],
    )
    assert listing["pdfs"] == [job.url for job in planned]
    assert not [url for url in listing["pdfs"] if url.startswith("/print/bg/lesson-")]
    assert "/print/bg/poster-bg-a4.pdf" in listing["pdfs"]


def test_lesson_packs_only_in_the_lesson_languages():
    jobs = printing.plan(["en", "bg"], ["CZ"], ["ages-9-12"], lesson_languages=["en"])
    assert {job.kind for job in jobs if job.lang == "bg"} == {"leaflet", "poster"}
    assert {job.kind for job in jobs if job.lang == "en"} == set(printing.KINDS)
    listing = printing.pdf_list(["en", "bg"], ["CZ"], ["ages-9-12"], ["en"])
    assert listing["lesson_languages"] == ["en"]
    assert printing.pdf_list(["en"], ["CZ"], [])["lesson_languages"] == ["en"]


def test_a_lesson_page_in_a_language_without_packs_links_the_english_ones(site_dir):
    text = (site_dir / "bg/schools/lessons/ages-9-12/index.html").read_text(encoding="utf-8")
    assert '/print/en/lesson-ages-9-12-a4.pdf" type="application/pdf" hreflang="en"' in text
    text = (site_dir / "cs/schools/lessons/ages-9-12/index.html").read_text(encoding="utf-8")
    assert '/print/cs/lesson-ages-9-12-a4.pdf" type="application/pdf">' in text


def _fonts(reader) -> list[tuple[str, object]]:
    """(name, font) of every font of every page, XObjects included."""
    found = []

    def walk(resources):
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found.append((str(font.get("/BaseFont")), font))
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs drawn in the PDF itself
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _helpline_number(site_dir: Path, lang: str, country: str) -> str:
    prefix = BY_CODE[lang].url_prefix
    data = printing.helpline_data(site_dir, prefix, country)
    service = (data["child"] or [data["crisis"]])[0]
    return service["phones"][0]["number"] if service.get("phones") else data["emergency"]["number"]


def _qr_url(context: Context, job: printing.Job) -> str | None:
    prefix = BY_CODE[job.lang].url_prefix
    if job.kind == "poster":
        return f"{context.site_url}{prefix}helplines/{job.country.lower()}/"
    if job.kind == "leaflet":
        return f"{context.site_url}{prefix}helplines/"
    return None


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_every_pdf_of_the_sample(printed):
    context, done = printed
    problems = []
    for item in done:
        job, name = item.job, f"{item.job.lang}/{item.job.name}"
        reader = pypdf.PdfReader(item.path)
        pages = len(reader.pages)
        if job.one_page and pages != 1:
            problems.append(f"{name}: {pages} pages, expected 1")
        if not job.one_page and pages < 3:
            problems.append(f"{name}: {pages} pages, expected the plan and the worksheet")
        width_mm, height_mm = printing.PAPER_MM[job.paper]
        for number, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            size = (float(box.width) / printing.PT_PER_MM, float(box.height) / printing.PT_PER_MM)
            if abs(size[0] - width_mm) > 1 or abs(size[1] - height_mm) > 1:
                problems.append(f"{name}: page {number} is {size[0]:.0f} x {size[1]:.0f} mm")
        for font_name, font in _fonts(reader):
            if not _embedded(font):
                problems.append(f"{name}: font {font_name} is not embedded")
        root = reader.trailer["/Root"]
        if root.get("/Lang") != BY_CODE[job.lang].hreflang:
            problems.append(f"{name}: /Lang {root.get('/Lang')!r}")
        if "/StructTreeRoot" not in root:
            problems.append(f"{name}: not tagged")
        if not (reader.metadata and reader.metadata.title):
            problems.append(f"{name}: no title")
        text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
        if job.country:
            number = _helpline_number(context.site_dir, job.lang, job.country)
            if re.sub(r"\s+", "", number) not in text:
                problems.append(f"{name}: helpline number {number} not in the text")
        qr_url = _qr_url(context, job)
        if qr_url:
            if qr_url not in text:
                problems.append(f"{name}: {qr_url} not in the text")
            image = pdfium.PdfDocument(item.path)[0].render(scale=2).to_pil()
            codes = [code.text for code in zxingcpp.read_barcodes(image)]
            if codes != [qr_url]:
                problems.append(f"{name}: QR code reads {codes}, expected {qr_url}")
    assert not problems, "\n".join(problems)
    kinds = {(p.job.kind, p.job.paper) for p in done}
    assert kinds == {(kind, paper) for kind in printing.KINDS for paper in printing.PAPERS[kind]}


# ------------------------------------------- published PDFs and links ----


def test_a_published_pdf_must_stay_listed(listed_site, tmp_path):
    rule = tmp_path / "published-pdfs.yml"
    rule.write_text("languages: [en, cs]\ncountries: [CZ]\nlessons: []\n", encoding="utf-8")
    problems = published_urls.check_pdfs(listed_site, rule)
    assert len(problems) == 4  # cs: 2 leaflets, 2 posters
    assert problems[0] == (
        f"{rule}: /print/cs/help-now-a4.pdf is no longer in print/pdfs.json; a published PDF "
        "keeps being printed (keep its language, country and lesson)"
    )


def test_add_records_the_site_s_pdfs_by_rule(listed_site, tmp_path):
    rule = tmp_path / "published-pdfs.yml"
    rule.write_text("languages: [cs]\ncountries: []\nlessons: []\n", encoding="utf-8")
    added = published_urls.add_pdfs(listed_site, rule)
    assert "languages: ar" in added and "countries: GB" in added
    assert published_urls.read_pdf_rule(rule) == {
        "languages": ["ar", "cs", "en"],
        "countries": ["CZ", "GB"],
        "lessons": ["ages-9-12"],
        # Missing from the rule: as many as the languages (every pack was printed).
        "lesson_languages": ["ar", "cs", "en"],
    }
    # cs is no longer published: its PDFs are missing from the site's list.
    assert (
        len(published_urls.check_pdfs(listed_site, rule)) == 2 + 2 * 2 + 2 + 2 * 2
    )  # leaflets, posters, packs, country packs


def test_the_committed_rule_holds_in_the_built_site(site_dir):
    assert published_urls.check_pdfs(site_dir, published_urls.PDF_RULE_FILE) == []


def test_links_to_listed_pdfs_are_good_and_others_broken(listed_site):
    page = (
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<a href="print/en/help-now-a4.pdf">ok</a> <a href="print/en/help-now-a5.pdf">no</a>'
        "</body></html>"
    )
    (listed_site / "index.html").write_text(page, encoding="utf-8")
    report = check_site(listed_site, "https://example.org/", [SiteLanguage("en", "en", "")])
    broken = [p.message for p in report.problems if "pdf" in p.message]
    assert broken == ["link print/en/help-now-a5.pdf: print/en/help-now-a5.pdf does not exist"]


def test_lesson_and_helpline_pages_link_their_pdfs(site_dir):
    lesson = (site_dir / "ar" / "schools" / "lessons" / LESSON / "index.html").read_text("utf-8")
    assert f'href="../../../../print/ar/lesson-{LESSON}-a4.pdf"' in lesson
    assert f'href="../../../../print/ar/lesson-{LESSON}-letter.pdf"' in lesson
    country = (site_dir / "helplines" / COUNTRY.lower() / "index.html").read_text("utf-8")
    assert 'href="../../print/en/poster-cz-a3.pdf"' in country
    assert f'href="../../print/en/lesson-{LESSON}-cz-letter.pdf"' in country


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ([], "scripts/print_pdfs.py site"),
        (["LANG=xx"], 'scripts/print_pdfs.py site --lang "xx"'),
        (["LANG=en ar", "COUNTRY=cz"], 'scripts/print_pdfs.py site --lang "en ar" --country "cz"'),
        (["KIND=poster"], 'scripts/print_pdfs.py site   --kind "poster"'),
    ],
)
def test_make_print_passes_the_choice_on(variables, expected):
    """LANG only from the command line: the environment's LANG is the shell's locale."""
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        ["make", "-n", "print", *variables],
        cwd=root,
        env={**os.environ, "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if "print_pdfs.py" in x)
    assert line.endswith(expected) or line.rstrip().endswith(expected.rstrip())
    if not variables:
        assert "--lang" not in line
