"""Where a reader is: the section of the main navigation a page belongs to, and the path
(首页 › 按年份 › 2023年 › this report) shown above its title.

Generated pages (reports, theme, year, unit, type and digest pages) are not in the
navigation, so Material marks nothing for them: the plugin marks their section's tab
and navigation item itself and hands this trail to partials/path.html.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wenku.pages import paths as site_paths

# First folder of a page's path → the navigation page of its section.
SECTIONS = {
    "reports": site_paths.YEARS_INDEX,  # a report is listed on its year's page
    "years": site_paths.YEARS_INDEX,
    "themes": site_paths.THEMES_INDEX,
    "units": site_paths.UNITS_INDEX,
    "types": site_paths.TYPES_INDEX,
    "glossary": site_paths.GLOSSARY_INDEX,
    "problems": site_paths.PROBLEMS_INDEX,
    "next-steps": site_paths.NEXT_STEPS_INDEX,
    "checks": site_paths.ABOUT,
}


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str  # site-root-relative, as MkDocs gives File.url


def section_of(src: str) -> str | None:
    """The navigation page whose section `src` belongs to (None: the page is in the navigation itself)."""
    folder = src.split("/", 1)[0] if "/" in src else ""
    return SECTIONS.get(folder)


def parent_of(src: str, year: object = None) -> str | None:
    """The page between the section and `src`: a report's year page, a theme's page for its
    year page (themes/x/2023.md → themes/x.md); None when the section is the parent."""
    parts = src.split("/")
    if parts[0] == "reports":
        return site_paths.year_page(str(year) if year else "unknown")
    if len(parts) == 3:
        return f"{parts[0]}/{parts[1]}.md"
    return None


def trail(src: str, year: object, title_and_url: Callable[[str], tuple[str, str] | None]) -> list[Crumb]:
    """首页, the section, the parent page (when there is one): every step a link.
    `title_and_url` gives a page's title and URL from its source path (None if no such page)."""
    section = section_of(src)
    if section is None or src == section:
        return []
    steps = [site_paths.HOME, section]
    parent = parent_of(src, year)
    if parent and parent not in steps and parent != src:
        steps.append(parent)
    crumbs = []
    for step in steps:
        found = title_and_url(step)
        if found:
            crumbs.append(Crumb(*found))
    return crumbs
