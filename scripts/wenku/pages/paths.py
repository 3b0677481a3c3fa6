"""Where pages and files live in the site, in one place so every link agrees.

Paths are relative to the site root, as MkDocs source paths (`x.md`). Browse
pages by theme, unit and type use ASCII slugs of their Chinese names, like the
report pages do, so their URLs stay readable and never percent-encoded.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from wenku.pages.slugs import ascii_slug, unique_slugs

HOME = "index.md"
STATS = "stats.md"
YEARS_INDEX = "years/index.md"
THEMES_INDEX = "themes/index.md"
UNITS_INDEX = "units/index.md"
TYPES_INDEX = "types/index.md"
GLOSSARY_INDEX = "glossary/index.md"
PROBLEMS_INDEX = "problems/index.md"
NEXT_STEPS_INDEX = "next-steps/index.md"
ABOUT = "about.md"
CHECKS = "checks/index.md"
ORIGINALS_DIR = "originals"
# Originals keep their extension only when MkDocs copies it as a plain file;
# a report kept as .md would otherwise be rendered as a page of the site.
ORIGINAL_SUFFIXES = {".txt", ".docx"}


def report_page(slug: str) -> str:
    return f"reports/{slug}.md"


def theme_page(slug: str) -> str:
    return f"themes/{slug}.md"


def year_page(key: str) -> str:
    return f"years/{key}.md"


def browse_pages(folder: str, names: Iterable[str]) -> dict[str, str]:
    """Name → page path under `folder` (themes, units, types). Names whose pinyin
    coincides (homophones, or redacted units such as X局 and ***局) get -2, -3 …
    in sorted order, so the same collection always gives the same paths."""
    slugs = unique_slugs(names, ascii_slug, fallback="x", reserved={"index"})  # index: the folder's own page
    return {name: f"{folder}/{slug}.md" for name, slug in slugs.items()}


def original_file(slug: str, source: str) -> str:
    """The downloadable copy of a report's source file: originals/<slug>.<ext>, ASCII only."""
    suffix = PurePosixPath(source).suffix.lower()
    return f"{ORIGINALS_DIR}/{slug}{suffix if suffix in ORIGINAL_SUFFIXES else '.txt'}"


def relative(from_page: str, to_path: str) -> str:
    """A relative Markdown link from one source path to another (MkDocs resolves and checks it).

    Same result as posixpath.relpath for wenku's paths (relative, normalised), without its
    abspath/normpath calls, which were a fifth of rendering time at thousands of links."""
    start = from_page.split("/")[:-1]
    target = to_path.split("/")
    common = 0
    for a, b in zip(start, target[:-1]):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])
