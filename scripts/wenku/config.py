"""Where wenku reads and writes, relative to the project folder (the one holding mkdocs.yml)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPORTS_DIR = "source_reports"  # raw reports, the editors' folder
PAGES_DIR = ".wenku/pages"  # generated Markdown pages (never committed)
CACHE_DIR = ".wenku/cache"  # converted reports by content hash
SEARCH_DIR = ".wenku/search"  # the Pagefind search bundle, copied into the site
PROGRESS_FROM = 200  # builds with at least this many reports log their progress


def project_paths(root: Path) -> dict[str, Path]:
    return {"reports": root / REPORTS_DIR, "pages": root / PAGES_DIR, "cache": root / CACHE_DIR,
            "search": root / SEARCH_DIR}

SITE_SOURCES = ("mkdocs.yml", "docs", "scripts")  # what builds the site, besides the reports


def copy_site_sources(root: Path, target: Path) -> None:
    """Copy what builds the site from project `root` to `target` (tests and benchmarks build copies)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_SOURCES:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
