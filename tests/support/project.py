"""The project as tests see it: the seeds, a copy of the project to build in, the commands a user runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from project_copy import copy_site_sources
from wenku.config import Settings
from wenku.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
GOLDEN = TESTS / "golden"
DATA = TESTS / "data"
SEEDS_DIR = ROOT / "source_reports"
SEEDS = sorted(p for p in SEEDS_DIR.iterdir() if p.suffix == ".txt")


def make_project(target: Path, reports: dict[str, bytes] | None = None) -> Path:
    """A copy of the project in `target` whose source_reports/ holds `reports` (default: the seeds)."""
    copy_site_sources(ROOT, target)
    folder = target / "source_reports"
    folder.mkdir()
    if reports is None:
        reports = {p.name: p.read_bytes() for p in SEEDS}
    for name, data in reports.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return target


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def run_wenku(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: int = 300
          ) -> subprocess.CompletedProcess:
    """The `wenku` command as a user runs it (from the project folder, which holds mkdocs.yml)."""
    return subprocess.run([sys.executable, "-m", "wenku.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, timeout=timeout)


def build_pages(reports: Path, out: Path, extensions: list[object], cache_dir: Path | None = None, **options
                ) -> BuildResult:
    """The pipeline alone (no MkDocs): `reports` → Markdown pages in `out`."""
    settings = Settings(reports_dir=reports, pages_dir=out, cache_dir=cache_dir, search_dir=out / "search", **options)
    return build(settings, extensions)
