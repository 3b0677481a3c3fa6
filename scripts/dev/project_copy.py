"""A copy of the project to build in: what tests and benchmarks build instead of the real folder."""

from __future__ import annotations

import shutil
from pathlib import Path

SITE_SOURCES = ("mkdocs.yml", "docs")  # what builds the site, besides the reports and the installed wenku


def copy_site_sources(root: Path, target: Path) -> None:
    """Copy what builds the site from project `root` to `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_SOURCES:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
