"""Stage 7 — the reader's side of the site: metadata card, outline and
previous/next around each report; the home page and statistics.
pipeline.py calls `report_parts` per report and `site_pages` once.
"""

from __future__ import annotations

from wenku.model import Report
from wenku.pages import paths as site_paths
from wenku.pages import report_page
from wenku.pages.catalogue import Catalogue
from wenku.pages.escape import Escaper
from wenku.pages.home import home_page
from wenku.pages.stats import stats_page


def report_parts(report: Report, cat: Catalogue, esc: Escaper) -> tuple[str, str]:
    """(header, footer) for render.render_report: card and outline; related and previous/next."""
    header = "\n\n".join(part for part in (report_page.card(report, cat, esc), report_page.outline(report, esc)) if part)
    return header, report_page.footer(report, cat, esc)


def site_pages(cat: Catalogue, esc: Escaper) -> dict[str, str]:
    """Home and statistics."""
    return {site_paths.HOME: home_page(cat, esc), site_paths.STATS: stats_page(cat)}
