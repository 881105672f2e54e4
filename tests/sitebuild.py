"""Helpers that build the real site or small fixture sites for the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import yaml
from nyf import localserver

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")


class BuildFailed(AssertionError):
    pass


def run_mkdocs(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run a strict build; return the finished process (check returncode).

    Not with -q: it hides warnings from the counter that makes --strict fail.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


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
    if registry is not None:
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


def build_real_site(site_dir: Path) -> Path:
    result = run_mkdocs(ROOT / "mkdocs.yml", site_dir)
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
