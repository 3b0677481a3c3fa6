"""Search, bundle: the reports as HTML records → the Pagefind CLI → the site's pagefind/ folder.

Rebuilt only when a report, its URL, wenku's code or data, Pagefind or rjieba changed
(`bundle_key`). The records' words come from `words.Indexer` (see words.py for why
the text is cut before Pagefind sees it).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from wenku.cache import code_fingerprint
from wenku.errors import WenkuError
from wenku.model import BlockKind, Report
from wenku.search.words import BLOCK_END, LANGUAGE, Indexer, bridging_lexicon, cached_words, lexicon
from wenku.tag.segment import Segmenter

BUNDLE_DIR = "pagefind"  # the bundle's folder in the site
VOCABULARY_DIR = "wenku-vocab"  # inside the bundle: 00.txt … 63.txt, one word a line
VOCABULARY_SHARDS = 64  # file of a word: ord(first character) % 64
KEY_FILE = "bundle.key"
FILTER_INDEX = "wenku-filters.json"  # inside the bundle: filter → value → the pages holding it
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what a decompressed Pagefind fragment starts with
UNUSED_FILES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
# Filters of the search box (data-pagefind-filter): name → the report's values. The names
# are also read by wenku-search.js (FILTERS there); the values are shown as they stand.
FILTERS: dict[str, Callable[[Report], list[str]]] = {
    "year": lambda r: [str(r.meta.year)] if r.meta.year else [],
    "unit": lambda r: [r.meta.unit] if r.meta.unit else [],
    "type": lambda r: [r.meta.doc_type] if r.meta.doc_type else [],
    "theme": lambda r: list(r.main_themes),
}


class SearchIndexError(WenkuError):
    """Pagefind could not write the bundle; the message says what to do."""


@dataclass
class SearchBundle:
    folder: Path  # holds BUNDLE_DIR/
    records: int
    words: int  # vocabulary size
    reused: bool  # nothing changed since the last build: Pagefind was not run
    seconds: float


def filter_tags(report: Report) -> str:
    """The report's filter values (year, unit, type, main themes) as Pagefind filter tags."""
    return "".join(f'<meta data-pagefind-filter="{name}[content]" content="{html.escape(value)}">'
                   for name, values_of in FILTERS.items() for value in values_of(report))


def record_html(report: Report, indexer: Indexer) -> str:
    """One report as the HTML record Pagefind indexes: title as h1 (Pagefind weights h1–h6
    above body text), headings with the page's anchors (they become section results),
    paragraphs, each ending in BLOCK_END (the search box keeps a snippet inside one block);
    year, unit and type as metadata for the result list, and as filters with the main themes."""
    meta = report.meta
    title = indexer.indexed_text(meta.title, cached_words(meta.title, report.title_word_lengths))
    fields = {"title": title, "year": str(meta.year or ""),
              "unit": indexer.indexed_text(meta.unit), "doc_type": indexer.indexed_text(meta.doc_type)}
    head = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
                   for key, value in fields.items() if value) + filter_tags(report)
    body = [f"<h1>{html.escape(fields['title'])} {BLOCK_END} </h1>"]
    for block in report.blocks:
        text = html.escape(indexer.indexed_text(block.text, cached_words(block.text, block.word_lengths)))
        if block.kind == BlockKind.HEADING:
            body.append(f'<h{block.level} id="{html.escape(block.anchor)}">{text} {BLOCK_END} </h{block.level}>')
        else:
            # A block ending in a space gets no "." from Pagefind.
            body.append(f"<p>{text} {BLOCK_END} </p>")
    return f'<html lang="{LANGUAGE}"><head>{head}</head><body>{"".join(body)}</body></html>'


def bundle_key(reports: list[Report], url_of: Callable[[Report], str], segmenter: Segmenter) -> str:
    """Changes whenever the bundle would: a report, its URL or filter values (its main themes
    follow themes.yml), wenku's code or data, Pagefind, rjieba."""
    digest = hashlib.sha256()
    for name in ("pagefind", "pagefind-bin-extended", "rjieba", "jieba"):
        digest.update(f"{name}={_version(name)}\n".encode())
    digest.update(code_fingerprint().encode())
    digest.update("\n".join(segmenter.words).encode())
    for report in sorted(reports, key=lambda r: r.slug):
        filters = "\t".join("|".join(values_of(report)) for values_of in FILTERS.values())
        digest.update(f"\n{url_of(report)}\t{report.sha256}\t{filters}".encode())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def write_records(records: Iterable[tuple[str, str]], folder: Path) -> None:
    """Each record as a file at its URL's path (reports/x/ → reports/x/index.html), so
    that Pagefind, reading the folder, gives every page the URL of the site's page."""
    for url, content in records:
        path = folder / (url + "index.html" if url.endswith("/") else url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


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


def write_bundle(reports: list[Report], folder: Path, url_of: Callable[[Report], str], segmenter: Segmenter
                 ) -> SearchBundle:
    """Make `folder`/pagefind/ the search bundle for `reports`; `url_of` gives a report's
    page URL relative to the site root. Does nothing when nothing changed."""
    started = time.perf_counter()
    key = bundle_key(reports, url_of, segmenter)
    vocabulary = folder / BUNDLE_DIR / VOCABULARY_DIR
    if _read(folder / KEY_FILE) == key and vocabulary.is_dir():
        words = sum(_read(shard).count("\n") for shard in vocabulary.iterdir())
        return SearchBundle(folder, len(reports), words, True, time.perf_counter() - started)
    indexer = Indexer(segmenter, lexicon(segmenter.words), bridging_lexicon(segmenter.words))
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    if reports:  # Pagefind refuses an empty site; the search box reads a vocabulary without Pagefind as "no reports"
        write_records(((url_of(r), record_html(r, indexer)) for r in reports), staging / "records")
        run_pagefind(staging / "records", staging / BUNDLE_DIR)
        indexed = sum(1 for _ in (staging / BUNDLE_DIR / "fragment").iterdir())
        if indexed != len(reports):
            raise SearchIndexError(f"Pagefind 只索引了 {len(reports)} 篇报告中的 {indexed} 篇；其输入和输出"
                                   f"保留在 {staging}，请交给 wenku 维护人员检查")
        shutil.rmtree(staging / "records")
        write_filter_index(staging / BUNDLE_DIR)
    _finish(staging, indexer.vocabulary, key)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return SearchBundle(folder, len(reports), len(indexer.vocabulary), False, time.perf_counter() - started)


def write_filter_index(bundle: Path) -> None:
    """FILTER_INDEX: {"pages": [Pagefind page ids], "filters": {name: {value: [page numbers]}}},
    from the filters Pagefind stored with each page. The search box counts and narrows results
    with it: Pagefind's own filter counting, once its filter index is loaded, runs on every
    search and doubled the time to first results at 5,000 reports."""
    pages: list[str] = []
    filters: dict[str, dict[str, list[int]]] = {name: {} for name in FILTERS}
    for number, path in enumerate(sorted((bundle / "fragment").iterdir())):
        pages.append(path.name.split(".", 1)[0])
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_SIGNATURE))
        for name, values in fragment.get("filters", {}).items():
            for value in values:
                filters.setdefault(name, {}).setdefault(value, []).append(number)
    (bundle / FILTER_INDEX).write_text(json.dumps({"pages": pages, "filters": filters}, ensure_ascii=False,
                                                  separators=(",", ":")), encoding="utf-8")


def _finish(staging: Path, vocabulary: set[str], key: str) -> None:
    bundle = staging / BUNDLE_DIR
    bundle.mkdir(parents=True, exist_ok=True)
    for pattern in UNUSED_FILES:
        for path in bundle.glob(pattern):
            path.unlink()
    shards: list[list[str]] = [[] for _ in range(VOCABULARY_SHARDS)]
    for word in sorted(vocabulary):
        shards[ord(word[0]) % VOCABULARY_SHARDS].append(word)
    (bundle / VOCABULARY_DIR).mkdir()
    for number, words in enumerate(shards):
        (bundle / VOCABULARY_DIR / f"{number:02d}.txt").write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    (staging / KEY_FILE).write_text(key, encoding="utf-8")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def bundle_files(folder: Path) -> list[str]:
    """The bundle's files, relative to `folder` (as they go into the site)."""
    bundle = folder / BUNDLE_DIR
    if not bundle.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in bundle.rglob("*") if p.is_file())
