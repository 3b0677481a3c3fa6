"""Shared fixtures: the seed reports, and a real `mkdocs build` of a project copy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wenku.config import copy_site_sources

ROOT = Path(__file__).resolve().parent.parent
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


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seeds built with `mkdocs build --strict`; returns the project folder (site/ inside)."""
    project = make_project(tmp_path_factory.mktemp("seed-project"))
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: a browser test that did not run proves nothing."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; in CI every test must run", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test."""
    from playwright.sync_api import sync_playwright

    from local_chromium import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
