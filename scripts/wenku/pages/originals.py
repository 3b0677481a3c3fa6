"""The report files themselves, offered for download next to their pages.

The plugin copies each published report's source file into the site as
originals/<slug>.<ext> (ASCII, stable); the report card links to it.
"""

from __future__ import annotations

from pathlib import Path

from wenku.model import Report
from wenku.pages import paths as site_paths


def original_files(reports: list[Report], reports_dir: Path) -> list[tuple[str, Path]]:
    """(site path, source file) for every published report: the build's reports, which
    have pages (a file that failed to convert has none and is not offered)."""
    return [(site_paths.original_file(r.slug, r.source), reports_dir / r.source) for r in reports]
