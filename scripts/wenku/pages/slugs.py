"""Stable, readable ASCII URLs for report pages, derived from the file name only."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from wenku.cache import package_version

NOT_URL_SAFE = re.compile(r"[^a-z0-9]+")
# Slugs made before, by text. Loading pypinyin's dictionaries takes 0.4 s, more than the rest of
# an unchanged build's start: a build reads the slugs it made last time (`read_known`) and
# imports pypinyin only for a name it has not seen.
_known: dict[str, str] = {}


def ascii_slug(text: str) -> str:
    """'2022年党建工作总结' → '2022-nian-dang-jian-gong-zuo-zong-jie'."""
    slug = _known.get(text)
    if slug is None:
        from pypinyin import lazy_pinyin  # noqa: PLC0415 - see _known

        words = lazy_pinyin(text, errors="default")
        slug = _known[text] = NOT_URL_SAFE.sub("-", "-".join(words).lower()).strip("-")
    return slug


def load_pinyin() -> None:
    """pypinyin and its dictionaries, loaded ahead (under `mkdocs serve`, while it waits for an edit)."""
    from pypinyin import lazy_pinyin  # noqa: PLC0415 - see _known

    lazy_pinyin("预")


def _known_file(folder: Path) -> Path:
    return folder / f"slugs-pypinyin-{package_version('pypinyin')}.json"


def read_known(folder: Path | None) -> int:
    """Take the slugs kept in `folder` (a cache folder of this version of wenku); returns how many are known."""
    if folder is not None:
        try:
            _known.update(json.loads(_known_file(folder).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            pass  # none kept yet: they are made again
    return len(_known)


def write_known(folder: Path | None, known_before: int) -> None:
    """Keep the slugs in `folder` when new ones were made since `read_known`."""
    if folder is None or len(_known) == known_before:
        return
    path = _known_file(folder)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(_known, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:  # a full disk: they are made again next time
        tmp.unlink(missing_ok=True)


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
