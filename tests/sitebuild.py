"""Helpers that build the real site or small fixture sites for the tests."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
import traceback
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import yaml
from nyf import localserver

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")


class BuildFailed(AssertionError):
    pass


def run_mkdocs(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run a strict build; return the finished "process" (check returncode).

    In this process, as ``mkdocs build --strict`` runs it (startup and
    shutdown events, strict warnings), which saves a Python start and the
    imports per fixture: the output is what the command prints. A traceback
    is part of the output, as on the command line, so tests can refuse it.
    NYF_BUILD_IN_SUBPROCESS=1 runs the real command instead.
    """
    if os.environ.get("NYF_BUILD_IN_SUBPROCESS"):
        return _run_mkdocs_command(config_file, site_dir)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    returncode = 0
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:  # Abort, ConfigurationError, PluginError
        output.write(f"\n{error}\n")
        returncode = 1
    except Exception:  # what the command line would print as a traceback
        output.write(traceback.format_exc())
        returncode = 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return subprocess.CompletedProcess(
        ["mkdocs", "build", "--strict", "-f", str(config_file)], returncode, "", output.getvalue()
    )


def _run_mkdocs_command(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """The real command line. Not with -q: it hides warnings that --strict counts."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


#: The languages a fixture site publishes: English, one RTL language and the
#: scripts of wave one. Fixture builds of all thirty languages would each build
#: every helpline page thirty times, and make the test run too slow for CI.
FIXTURE_LANGUAGES = frozenset({"en", "cs", "de", "fr", "es", "pl", "uk", "ar"})


def fixture_registry(text: str) -> str:
    """The real registry with only FIXTURE_LANGUAGES published; same lines, same numbers."""
    lines, code = [], None
    for line in text.split("\n"):
        found = re.match(r"\s*- code: (\S+)", line)
        if found:
            code = found.group(1)
        if code not in FIXTURE_LANGUAGES and line.strip() == "published: true":
            line = line.replace("published: true", "published: false")
        lines.append(line)
    return "\n".join(lines)


def make_project(
    base: Path,
    pages: dict[str, str],
    registry: str | None = None,
    config_changes: dict | None = None,
    content_rules: str = "source",
) -> Path:
    """Write a fixture project: our mkdocs.yml, overrides and locales, given pages.

    ``pages`` maps paths under docs/ (``en/index.md``) to Markdown. ``registry``
    replaces data/languages.yml. ``content_rules`` is what the build checks of
    the pages (nyf.content_rules.BUILD_LEVELS): by default the source rules only,
    since fixture pages are a bare "# Title". Returns the mkdocs.yml path.
    """
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    config.pop("nav", None)
    config.setdefault("extra", {})["nyf_content_rules"] = content_rules
    config.update(config_changes or {})
    (base / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")
    for name in ("overrides", "locales"):
        (base / name).symlink_to(ROOT / name)
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    if registry is None:
        registry = fixture_registry((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"))
    (data / "languages.yml").write_text(registry, encoding="utf-8")
    for path, text in pages.items():
        target = base / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return base / "mkdocs.yml"


def build_fixture(base: Path, pages: dict[str, str], **kwargs) -> Path:
    """Build a fixture project strictly; return its site directory."""
    config_file = make_project(base, pages, **kwargs)
    site = base / "site"
    result = run_mkdocs(config_file, site)
    if result.returncode != 0:
        raise BuildFailed(result.stdout + result.stderr)
    return site


def build_real_site(site_dir: Path, edition: str | None = None) -> Path:
    """The real site, or one edition of it (``editions/cz.yml``), built strictly.

    An edition with another language at the root writes English stand-ins
    into docs/<code>/ (nyf.page_build); they are put back as the international
    site has them afterwards, so the working tree is as before.
    """
    from nyf.edition import ENV_VAR

    before = os.environ.pop(ENV_VAR, None)
    if edition:
        os.environ[ENV_VAR] = edition
    try:
        result = run_mkdocs(ROOT / "mkdocs.yml", site_dir)
    finally:
        os.environ.pop(ENV_VAR, None)
        if before is not None:
            os.environ[ENV_VAR] = before
        if edition:
            from nyf import page_build
            from nyf.languages import load_registry

            registry = load_registry(ROOT / "data" / "languages.yml")
            page_build.generate_and_write(ROOT, ROOT / "docs", registry)
    if result.returncode != 0:
        raise BuildFailed(result.stdout + result.stderr)
    return site_dir


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves a built site like a static host: 404.html for missing paths."""

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def serve(directory: Path):
    """Serve ``directory`` like a static host; yield the base URL."""
    return localserver.serve(directory, _QuietHandler)
