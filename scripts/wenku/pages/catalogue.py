"""The collection seen from the reader's side: reports grouped by year, theme,
unit and type, and where each group's page is. Home, report pages, statistics
and browse pages all read from one `Catalogue`, so their counts and links agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wenku.config import DEFAULT_LIMITS, Limits
from wenku.model import Report
from wenku.pages import paths as site_paths
from wenku.pages.years import by_year
from wenku.tag.themes import Vocabulary


def newest_first(reports: Iterable[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: (-(r.meta.year or 0), r.meta.title, r.slug))


def in_year_order(reports: Iterable[Report]) -> list[Report]:
    """The order of index.year_page (by title, ties by source), which previous/next links follow."""
    return sorted(reports, key=lambda r: (r.meta.title, r.source))


def group(reports: list[Report], names_of: Callable[[Report], Iterable[str]]) -> dict[str, list[Report]]:
    """Name → reports (newest first); groups with most reports first, then by name."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        for name in dict.fromkeys(names_of(report)):
            if name:
                groups[name].append(report)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return {name: newest_first(members) for name, members in ordered}


@dataclass
class Catalogue:
    reports: list[Report]  # newest first
    years: dict[str, list[Report]]  # year key ("2022" or "unknown") → reports in year-page order
    themes: dict[str, list[Report]]
    units: dict[str, list[Report]]
    types: dict[str, list[Report]]
    theme_pages: dict[str, str]
    unit_pages: dict[str, str]
    type_pages: dict[str, str]
    by_slug: dict[str, Report]
    year_position: dict[str, int]  # slug → index in its year's list (previous/next in constant time)
    limits: Limits = DEFAULT_LIMITS
    memo: dict | None = None  # pieces of pages remembered across builds (fragments.py)


def catalogue(reports: list[Report], vocabulary: Vocabulary | None = None, limits: Limits = DEFAULT_LIMITS,
              memo: dict | None = None) -> Catalogue:
    """`vocabulary` gives theme pages the slugs themes.yml declares; without it they come from the names."""
    years = {key: in_year_order(members) for key, members in by_year(reports).items()}
    themes = group(reports, lambda r: r.themes)
    units = group(reports, lambda r: [r.meta.unit])
    types = group(reports, lambda r: [r.meta.doc_type])
    return Catalogue(
        reports=newest_first(reports),
        years=years,
        themes=themes,
        units=units,
        types=types,
        theme_pages=(site_paths.browse_pages("themes", themes) if vocabulary is None else
                     {t.name: site_paths.theme_page(t.slug) for t in vocabulary.themes}),
        unit_pages=site_paths.browse_pages("units", units),
        type_pages=site_paths.browse_pages("types", types),
        by_slug={r.slug: r for r in reports},
        year_position={r.slug: i for members in years.values() for i, r in enumerate(members)},
        limits=limits,
        memo=memo,
    )
