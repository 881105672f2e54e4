"""Benchmark: full build time with 1, 4 and all languages, and what each language costs.

Usage: python scripts/bench_build.py [--counts 1 4 0] [--repeat N] [--strict]

Copies the project to a temporary folder, and for each count publishes only
that many languages of data/languages.yml (the default language first, the
others in registry order; 0 means all), builds, and prints a table with the
best of N runs. A benchmark, not a test: it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nyf.languages import load_registry

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")
#: Not copied: the virtualenv, build output, caches and git metadata.
IGNORED = shutil.ignore_patterns(".venv", "site", ".git", ".cache", "__pycache__", ".*_cache")
_PUBLISHED = re.compile(r"^(\s*)published:\s*(true|false)\s*$", re.MULTILINE)


def registry_publishing(text: str, codes: set[str]) -> str:
    """data/languages.yml with ``published: true`` for ``codes`` only."""
    blocks = re.split(r"(?m)^(?=  - code: )", text)
    out = []
    for block in blocks:
        match = re.match(r"  - code: (\S+)", block)
        if match:
            value = "true" if match.group(1) in codes else "false"
            block = _PUBLISHED.sub(lambda m, v=value: f"{m.group(1)}published: {v}", block)
        out.append(block)
    return "".join(out)


def build_seconds(project: Path, strict: bool) -> float:
    site = project / "bench-site"
    shutil.rmtree(site, ignore_errors=True)
    command = [str(MKDOCS), "build", "-q", "-d", str(site)] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"build failed:\n{result.stdout}{result.stderr}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 4, 0])
    parser.add_argument("--repeat", type=int, default=2, help="runs per count; the best is kept")
    parser.add_argument("--strict", action="store_true", help="build with --strict")
    args = parser.parse_args(argv)
    registry = load_registry()
    order = [registry.default] + [
        lang for lang in registry.languages if lang.published and not lang.default
    ]
    registry_text = (ROOT / "data" / "languages.yml").read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory(prefix="nyf-bench-") as temp:
        project = Path(temp) / "project"
        shutil.copytree(ROOT, project, ignore=IGNORED, symlinks=True)
        for count in args.counts:
            chosen = order if count == 0 else order[:count]
            codes = {lang.code for lang in chosen}
            (project / "data" / "languages.yml").write_text(
                registry_publishing(registry_text, codes), encoding="utf-8"
            )
            best = min(build_seconds(project, args.strict) for _ in range(max(1, args.repeat)))
            rows.append((len(chosen), ",".join(lang.code for lang in chosen), best))
    print(f"{'languages':>9}  {'build s':>8}  {'s/language':>10}  {'marginal s':>10}  codes")
    previous = None
    for count, codes, seconds in rows:
        marginal = "-"
        if previous is not None and count > previous[0]:
            marginal = f"{(seconds - previous[1]) / (count - previous[0]):.2f}"
        print(f"{count:>9}  {seconds:>8.2f}  {seconds / count:>10.2f}  {marginal:>10}  {codes}")
        previous = (count, seconds)
    print("marginal: seconds per language added since the previous row", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
