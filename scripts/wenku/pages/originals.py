"""The report files themselves, offered for download next to their pages.

The plugin copies each published report's source file into the site as
originals/<slug>.<ext> (ASCII, stable); the report card links to it.
"""

from __future__ import annotations

from pathlib import Path

from wenku.pages import paths as site_paths
from wenku.pages.slugs import unique_slugs
from wenku.read.sources import discover


def original_files(reports_dir: Path, pages_dir: Path, max_bytes: int) -> list[tuple[str, Path]]:
    """(site path, source file) for every report that has a generated page.

    Slugs come from the same `unique_slugs` call over the same discovered names
    as in pipeline.load_reports, so they match the pages; a file that failed to
    convert has no page and is not offered."""
    if not reports_dir.is_dir():
        return []
    sources, _ = discover(reports_dir, max_bytes)
    slugs = unique_slugs([s.name for s in sources])
    return [(site_paths.original_file(slugs[s.name], s.name), s.path) for s in sources
            if (pages_dir / site_paths.report_page(slugs[s.name])).is_file()]
