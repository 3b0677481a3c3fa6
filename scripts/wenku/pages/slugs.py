"""Stable, readable ASCII URLs for report pages, derived from the file name only."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from pypinyin import lazy_pinyin

NOT_URL_SAFE = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str) -> str:
    """'2022年党建工作总结' → '2022-nian-dang-jian-gong-zuo-zong-jie'."""
    words = lazy_pinyin(text, errors="default")
    return NOT_URL_SAFE.sub("-", "-".join(words).lower()).strip("-")


@functools.lru_cache(maxsize=1 << 16)  # every build asks again for every file's slug (pypinyin is slow)
def slug_for(source_name: str) -> str:
    path = PurePosixPath(source_name)
    parts = [ascii_slug(part) for part in (*path.parent.parts, path.stem)]
    return "-".join(part for part in parts if part) or "report"


def unique_slugs(names: Iterable[str], slug_of: Callable[[str], str] = slug_for, fallback: str = "report",
                 reserved: Iterable[str] = ()) -> dict[str, str]:
    """Slug per name; clashes get -2, -3 … in sorted name order, so the same names
    always give the same slugs. `reserved` slugs (e.g. a folder's index) are never given."""
    slugs: dict[str, str] = {}
    used: set[str] = set(reserved)
    for name in sorted(set(names)):
        base = slug_of(name) or fallback
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        slugs[name] = slug
    return slugs
