"""Search, site-wide files: what the search box reads about all the index's shards at once.

In the bundle folder (the site's pagefind/), beside one Pagefind bundle per shard:
  SHARDS_FILE    {"shards": [names], "entries": [{"tag", "meta"}]}: the first shard is
                 Pagefind's primary index, the others are merged into it when a query
                 needs them (wenku-search.js); each shard's entry has a tag that changes
                 with its Pagefind entry file (Pagefind's metaCacheTag, which makes that
                 file cacheable) and the name of its metadata file, so the search box
                 fetches both for every shard at once, ahead of Pagefind
  SCRIPT         Pagefind's script, the primary's copy, at a fixed address (the search
                 box loads it alongside SHARDS_FILE)
  VOCABULARY_DIR VOCABULARY_FILES files by first character (ord % VOCABULARY_FILES):
                 the words a query is cut into, one a line, then an empty line, then
                 the other query words (single characters, letters and digits); each
                 followed by a tab and the shards holding it as a hexadecimal bit mask
                 (bit n: the n-th shard), or alone when every shard holds it (where.py)
  FILTER_INDEX   {"pages": [Pagefind page ids], "shards": [pages of each shard],
                 "filters": {name: {value: [page numbers]}}}, the pages shard by shard
All are made from the shards' `ShardIndex`es, never from Pagefind's output.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from wenku.search.records import FILTERS
from wenku.search.shards import ShardIndex
from wenku.search.where import shard_masks

SHARDS_FILE = "wenku-shards.json"
SCRIPT = "pagefind.js"
VOCABULARY_DIR = "wenku-vocab"
VOCABULARY_FILES = 64
FILTER_INDEX = "wenku-filters.json"
NAMES = (SHARDS_FILE, SCRIPT, VOCABULARY_DIR, FILTER_INDEX)  # the bundle folder's entries besides the shards


def write_sitewide(bundle: Path, shards: dict[str, ShardIndex]) -> int:
    """Write the site-wide files for `shards` (in their order); returns the vocabulary's size."""
    write(bundle / SHARDS_FILE, json.dumps({"shards": list(shards), "entries": [entry(bundle / name) for name in shards]},
                                           ensure_ascii=False))
    if shards:
        write(bundle / SCRIPT, (bundle / next(iter(shards)) / SCRIPT).read_text(encoding="utf-8"))
    else:
        (bundle / SCRIPT).unlink(missing_ok=True)
    vocabulary = set().union(*(s.vocabulary for s in shards.values()))
    masks = shard_masks([(set(s.words), set(s.others)) for s in shards.values()], vocabulary)
    write_vocabulary(bundle / VOCABULARY_DIR, vocabulary, masks, (1 << len(shards)) - 1)
    write(bundle / FILTER_INDEX, json.dumps(filter_index(list(shards.values())), ensure_ascii=False,
                                            separators=(",", ":")))
    return len(vocabulary)


def entry(shard: Path) -> dict[str, str | None]:
    """The shard's entry tag and metadata file name, from Pagefind's entry file in `shard`."""
    data = (shard / "pagefind-entry.json").read_bytes()
    languages = list(json.loads(data).get("languages", {}).values())
    return {"tag": hashlib.sha256(data).hexdigest()[:16],
            "meta": f"pagefind.{languages[0]['hash']}.pf_meta" if languages else None}


def write_vocabulary(folder: Path, vocabulary: set[str], masks: dict[str, int], every: int) -> None:
    def line(word: str) -> str:
        mask = masks.get(word, 0)
        return f"{word}\n" if mask == every else f"{word}\t{mask:x}\n"

    files: list[tuple[list[str], list[str]]] = [([], []) for _ in range(VOCABULARY_FILES)]
    for word in sorted(vocabulary | masks.keys()):
        files[ord(word[0]) % VOCABULARY_FILES][word not in vocabulary].append(line(word))
    for number, (words, others) in enumerate(files):
        write(folder / f"{number:02d}.txt", "".join(words) + "\n" + "".join(others))


def filter_index(shards: list[ShardIndex]) -> dict:
    """The shards' filter values as one index of all their pages (see the module docstring)."""
    pages: list[str] = []
    filters: dict[str, dict[str, list[int]]] = {name: {} for name in FILTERS}
    for shard in shards:
        offset = len(pages)
        pages.extend(shard.pages)
        for name, values in shard.filters.items():
            for value, numbers in values.items():
                filters.setdefault(name, {}).setdefault(value, []).extend(n + offset for n in numbers)
    return {"pages": pages, "shards": [len(s.pages) for s in shards], "filters": filters}


def write(path: Path, text: str) -> None:
    """Replace `path` whole (a reader never sees half a file), unless it holds `text` already."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
