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


def page_inputs(report: Report, cat: Catalogue) -> tuple:
    """What a report's page is made of besides its own content: the collection's fields
    (keywords, related), the reports it links to, and the pages of its unit, type and themes."""
    previous, following = report_page.neighbours(report, cat)
    others = [cat.by_slug.get(slug) for slug in report.related] + [previous, following]
    return (report.source, tuple(report.keywords), tuple(report.related),
            tuple((other.slug, other.sha256) if other else None for other in others),
            cat.unit_pages.get(report.meta.unit), cat.type_pages.get(report.meta.doc_type),
            tuple(cat.theme_pages.get(theme) for theme in report.main_themes))


def site_pages(cat: Catalogue, esc: Escaper) -> dict[str, str]:
    """Home and statistics."""
    return {site_paths.HOME: home_page(cat, esc), site_paths.STATS: stats_page(cat)}
