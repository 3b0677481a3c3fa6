"""Search, shards: the reports split into index shards, and one shard through Pagefind.

A shard is a year's reports (UNDATED for those without a year); a year of more than
SHARD_SIZE reports is split by a hash of the slug, so that an added report changes one
shard only and no Pagefind run holds more than about SHARD_SIZE reports in memory. A
shard is indexed again only when its key changes (`shard_key`): its Pagefind bundle
goes to pagefind/<shard>/, and what the site-wide files need of it (`ShardIndex`) to
shards/<shard>.json, so that an edit re-reads nothing Pagefind wrote for other shards.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import zlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

from wenku.cache import code_fingerprint, package_version
from wenku.errors import WenkuError
from wenku.model import Report
from wenku.search.records import FILTERS, filter_values, record_html, write_records
from wenku.search.where import held_words
from wenku.search.words import LANGUAGE, Indexer
from wenku.tag.segment import Segmenter

# Reports per Pagefind run at most: Pagefind needs about 0.55 MB a report, and every shard costs
# the browser three requests more on a query's first search (scripts/dev/bench_search.py).
SHARD_SIZE = 600
UNDATED = "undated"
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what a decompressed Pagefind fragment starts with
UNUSED_FILES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


class SearchIndexError(WenkuError):
    """Pagefind could not index a shard; the message says what to do."""


@dataclass
class ShardIndex:
    """What the site-wide files (sitewide.py) need of one shard."""
    pages: list[str]  # Pagefind page ids, by fragment file name
    filters: dict[str, dict[str, list[int]]]  # filter → value → numbers of the pages (in `pages`) holding it
    vocabulary: list[str]  # the words a query is cut into (words.Indexer.vocabulary)
    words: list[str]  # the query words this shard holds (where.py), with a Chinese character
    others: list[str]  # and the others: single characters, letters and digits


def shard_plan(reports: list[Report]) -> dict[str, list[Report]]:
    """Shard name → its reports; the newest year first, undated reports last."""
    years: dict[int | None, list[Report]] = {}
    for report in reports:
        years.setdefault(report.meta.year or None, []).append(report)
    plan: dict[str, list[Report]] = {}
    for year in sorted(years, key=lambda y: (y is None, -(y or 0))):
        members = sorted(years[year], key=lambda r: r.slug)
        name = str(year) if year else UNDATED
        parts = -(-len(members) // SHARD_SIZE)
        if parts == 1:
            plan[name] = members
            continue
        for part in range(parts):
            plan[f"{name}-{part}"] = [r for r in members if zlib.crc32(r.slug.encode()) % parts == part]
    return plan


def environment_key(segmenter: Segmenter) -> str:
    """What every shard's index depends on: Pagefind, rjieba and jieba, wenku's code and data, the dictionary."""
    digest = hashlib.sha256()
    for name in ("pagefind", "pagefind-bin-extended", "rjieba", "jieba"):
        digest.update(f"{name}={package_version(name)}\n".encode())
    digest.update(code_fingerprint().encode())
    digest.update("\n".join(segmenter.words).encode())
    return digest.hexdigest()


def shard_key(environment: str, name: str, reports: list[Report], url_of: Callable[[Report], str]) -> str:
    """Changes whenever the shard's index would: one of its reports, their URLs or filter values
    (main themes follow themes.yml), or the environment (`environment_key`)."""
    digest = hashlib.sha256(f"{environment}\n{name}".encode())
    for report in sorted(reports, key=lambda r: r.slug):
        digest.update(f"\n{url_of(report)}\t{report.sha256}\t{filter_values(report)}".encode())
    return digest.hexdigest()


def index_shard(reports: list[Report], staging: Path, target: Path, url_of: Callable[[Report], str],
                indexer: Indexer, load: Callable[[Report], Report] = lambda report: report,
                pagefind_turn: AbstractContextManager | None = None) -> ShardIndex:
    """Pagefind over the shard's `reports` (each as `load` gives it; input and output in
    `staging`, deleted after), its bundle moved to `target`. `indexer` is new for the shard;
    Pagefind runs once `pagefind_turn` is entered (one Pagefind at a time: memory)."""
    shutil.rmtree(staging, ignore_errors=True)
    write_records(((url_of(r), record_html(load(r), indexer)) for r in reports), staging / "records")
    with pagefind_turn or nullcontext():
        run_pagefind(staging / "records", staging / "bundle")
    pages, filters = read_filters(staging / "bundle")
    if len(pages) != len(reports):
        raise SearchIndexError(f"Pagefind 只索引了 {len(reports)} 篇报告中的 {len(pages)} 篇；其输入和输出"
                               f"保留在 {staging}，请交给 wenku 维护人员检查")
    for pattern in UNUSED_FILES:
        for path in (staging / "bundle").glob(pattern):
            path.unlink()
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    (staging / "bundle").rename(target)
    shutil.rmtree(staging)
    words, others = held_words(indexer.indexed, indexer.vocabulary)
    return ShardIndex(pages, filters, sorted(indexer.vocabulary), sorted(words), sorted(others))


def run_pagefind(records: Path, output: Path) -> None:
    """Pagefind's indexer over the records folder (the binary that pagefind[extended] installs;
    its Python API answers one message per 0.1 s and wants an event loop of its own)."""
    from pagefind.service import get_executable  # only when indexing

    executable = get_executable()
    if executable is None:
        raise SearchIndexError("找不到 Pagefind 程序；请按 requirements.txt 安装 pagefind[extended]（pip install -r requirements.txt）")
    command = [str(executable), "--site", str(records), "--output-path", str(output), "--force-language", LANGUAGE]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise SearchIndexError(f"Pagefind 未能生成搜索索引（退出状态 {run.returncode}）；请查看下面的输出，"
                               f"必要时交给 wenku 维护人员：{(run.stderr or run.stdout).strip()[-2000:]}")


def read_filters(bundle: Path) -> tuple[list[str], dict[str, dict[str, list[int]]]]:
    """The bundle's page ids (by fragment file name) and, per filter and value, the numbers
    of the pages holding it, from the filters Pagefind stored with each page."""
    pages: list[str] = []
    filters: dict[str, dict[str, list[int]]] = {name: {} for name in FILTERS}
    for number, path in enumerate(sorted((bundle / "fragment").iterdir())):
        pages.append(path.name.split(".", 1)[0])
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_SIGNATURE))
        for name, values in fragment.get("filters", {}).items():
            for value in values:
                filters.setdefault(name, {}).setdefault(value, []).append(number)
    return pages, filters


def save_index(index: ShardIndex, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(index), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def load_index(path: Path) -> ShardIndex | None:
    try:
        return ShardIndex(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
