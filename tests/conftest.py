"""Shared fixtures: the seed reports, and a real `mkdocs build` of a project copy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from project import ROOT, SEEDS, SEEDS_DIR, make_project, mkdocs_build  # noqa: F401 (used by tests)


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
