"""Search, bundle: the reports → one Pagefind index per shard → the site's pagefind/ folder.

`write_bundle` keeps `folder`/pagefind/ (linked into the site by the plugin) holding
one Pagefind bundle per shard (shards.py: a year, large years in parts) and the
site-wide files the search box reads (sitewide.py). Only the shards whose key changed
are indexed again, one Pagefind run after another, so one edited report costs one
small Pagefind run and no run holds the whole archive in memory. What each shard
gives the site-wide files is kept in `folder`/shards/, so they are rewritten from
those parts without re-reading the other shards' Pagefind output.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from wenku.model import Report
from wenku.search.shards import (
    SearchIndexError,
    ShardIndex,
    environment_key,
    index_shard,
    load_index,
    save_index,
    shard_key,
    shard_plan,
)
from wenku.search.sitewide import NAMES, SCRIPT, write, write_sitewide
from wenku.search.words import Indexer, bridging_lexicon, lexicon
from wenku.tag.segment import Segmenter

BUNDLE_DIR = "pagefind"  # the bundle's folder in the site
PARTS_DIR = "shards"  # beside it: <shard>.key and <shard>.json (its ShardIndex)
SITEWIDE_STATE = "sitewide.json"  # beside it: the shard keys the site-wide files were made from
STAGING_DIR = "staging"  # beside it while Pagefind runs: its input and output


@dataclass
class SearchBundle:
    folder: Path  # holds BUNDLE_DIR/
    records: int
    words: int  # vocabulary size
    reused: bool  # nothing changed since the last build: Pagefind was not run
    seconds: float
    indexed_shards: int = 0  # shards Pagefind ran over in this build
    shards: int = 0


def write_bundle(reports: list[Report], folder: Path, url_of: Callable[[Report], str], segmenter: Segmenter,
                 load: Callable[[Report], Report] = lambda report: report) -> SearchBundle:
    """Make `folder`/pagefind/ the search bundle for `reports`; `url_of` gives a report's
    page URL relative to the site root. Indexes only the shards that changed, with the
    reports `load` gives (job.py hands over reports without their text)."""
    started = time.perf_counter()
    plan = shard_plan(reports)
    environment = environment_key(segmenter)
    keys = {name: shard_key(environment, name, members, url_of) for name, members in plan.items()}
    removed = _remove_stale(folder, set(plan))
    changed = [name for name in plan if _read(folder / PARTS_DIR / f"{name}.key") != keys[name]
               or not (folder / BUNDLE_DIR / name / "pagefind-entry.json").is_file()]
    lexicons = (lexicon(segmenter.words), bridging_lexicon(segmenter.words)) if changed else None
    one_pagefind = threading.Lock()  # a shard's records are written while Pagefind indexes the one before

    def index(name: str) -> ShardIndex:
        (folder / PARTS_DIR / f"{name}.key").unlink(missing_ok=True)
        return index_shard(plan[name], folder / STAGING_DIR / name, folder / BUNDLE_DIR / name, url_of,
                           Indexer(segmenter, *lexicons), load, one_pagefind)

    with ThreadPoolExecutor(2, thread_name_prefix="wenku-shard") as pool:
        for name, shard_index in zip(changed, pool.map(index, changed), strict=True):
            save_index(shard_index, folder / PARTS_DIR / f"{name}.json")
            write(folder / PARTS_DIR / f"{name}.key", keys[name])
    shutil.rmtree(folder / STAGING_DIR, ignore_errors=True)
    words, fresh = _sitewide(folder, keys)
    return SearchBundle(folder, len(reports), words, not (changed or removed or fresh),
                        time.perf_counter() - started, len(changed), len(plan))


def _sitewide(folder: Path, keys: dict[str, str]) -> tuple[int, bool]:
    """The site-wide files, rewritten when a shard changed: (vocabulary size, whether rewritten)."""
    state = hashlib.sha256(json.dumps(keys).encode()).hexdigest()
    try:
        kept = json.loads(_read(folder / SITEWIDE_STATE))
        expected = [name for name in NAMES if keys or name != SCRIPT]  # no reports, no Pagefind script
        if kept["state"] == state and all((folder / BUNDLE_DIR / name).exists() for name in expected):
            return kept["words"], False
    except (ValueError, KeyError, TypeError):
        pass
    parts: dict[str, ShardIndex] = {}
    for name in keys:
        parts[name] = load_index(folder / PARTS_DIR / f"{name}.json")
        if parts[name] is None:
            raise SearchIndexError(f"搜索索引分片 {name} 的记录 {folder / PARTS_DIR / name}.json 缺失或已损坏；"
                                   f"请删除 {folder} 后重新构建")
    words = write_sitewide(folder / BUNDLE_DIR, parts)
    write(folder / SITEWIDE_STATE, json.dumps({"state": state, "words": words}))
    return words, True


def _remove_stale(folder: Path, shards: set[str]) -> bool:
    """Delete what belongs to no shard of `shards` (a removed year, an older layout). Returns whether anything went."""
    bundle, parts = folder / BUNDLE_DIR, folder / PARTS_DIR
    stale = [p for p in (bundle.iterdir() if bundle.is_dir() else ()) if p.name not in shards | set(NAMES)]
    stale += [p for p in (parts.iterdir() if parts.is_dir() else ()) if p.name.rsplit(".", 1)[0] not in shards]
    stale += [p for p in (folder.iterdir() if folder.is_dir() else ())
              if p.name not in {BUNDLE_DIR, PARTS_DIR, SITEWIDE_STATE}]
    for path in stale:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    return bool(stale)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
