"""Search, bundle: the reports as HTML records → the Pagefind CLI → the site's pagefind/ folder.

The index is split into shards (`shard_plan`: one per year, large years in parts), one
Pagefind bundle each, which the search box merges in the browser (Pagefind's
mergeIndex). A shard is indexed again only when one of its reports, their URLs,
wenku's code or data, Pagefind or rjieba changed (`shard_key`), so one edited report
costs one small Pagefind run, and no Pagefind run holds the whole archive in memory.
The records' words come from `words.Indexer` (see words.py for why the text is cut
before Pagefind sees it).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from wenku.cache import code_fingerprint
from wenku.errors import WenkuError
from wenku.model import BlockKind, Report
from wenku.search.words import JOINER, LANGUAGE, Indexer, bridging_lexicon, cached_words, lexicon
from wenku.tag.segment import Segmenter

BUNDLE_DIR = "pagefind"  # the bundle's folder in the site
VOCABULARY_DIR = "wenku-vocab"  # inside the bundle: 00.txt … 63.txt, one word a line
VOCABULARY_SHARDS = 64  # file of a word: ord(first character) % 64
SHARDS_FILE = "wenku-shards.json"  # the shards' folder names, first one the primary index
SHARD_FILTER = "wenku_shard"  # Pagefind filter naming a record's shard (the search box narrows by it)
WHERE_DIR = "wenku-where"  # inside the bundle: 00.txt … 63.txt like the vocabulary, "word<TAB>shard shard"
SHARD_SIZE = 400  # reports per Pagefind index at most (a year with more is split)
UNUSED_FILES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


class SearchIndexError(WenkuError):
    """Pagefind could not write the bundle; the message says what to do."""


@dataclass
class SearchBundle:
    folder: Path  # holds BUNDLE_DIR/
    records: int
    words: int  # vocabulary size
    reused: bool  # nothing changed since the last build: Pagefind was not run
    seconds: float
    indexed_shards: int = 0
    shards: int = 0


def record_html(report: Report, indexer: Indexer) -> str:
    """One report as the HTML record Pagefind indexes: title as h1 (Pagefind weights h1–h6
    above body text), headings with the page's anchors (they become section results),
    paragraphs; year, unit and type as metadata for the result list."""
    meta = report.meta
    title = indexer.indexed_text(meta.title, cached_words(meta.title, report.title_word_lengths))
    fields = {"title": title, "year": str(meta.year or ""),
              "unit": indexer.indexed_text(meta.unit), "doc_type": indexer.indexed_text(meta.doc_type)}
    head = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
                   for key, value in fields.items() if value)
    body = [f"<h1>{html.escape(fields['title'])} {JOINER} </h1>"]
    for block in report.blocks:
        text = html.escape(indexer.indexed_text(block.text, cached_words(block.text, block.word_lengths)))
        if block.kind == BlockKind.HEADING:
            body.append(f'<h{block.level} id="{html.escape(block.anchor)}">{text} {JOINER} </h{block.level}>')
        else:
            # The trailing joiner keeps blocks apart in the snippet, and a block ending in a
            # space gets no "." from Pagefind.
            body.append(f"<p>{text} {JOINER} </p>")
    return f'<html lang="{LANGUAGE}"><head>{head}</head><body>{"".join(body)}</body></html>'


def shard_key(reports: list[Report], url_of: Callable[[Report], str], segmenter: Segmenter) -> str:
    """Changes whenever a shard's bundle would: a report, its URL, wenku's code or data, Pagefind, rjieba."""
    digest = hashlib.sha256()
    for name in ("pagefind", "pagefind-bin-extended", "rjieba", "jieba"):
        digest.update(f"{name}={_version(name)}\n".encode())
    digest.update(code_fingerprint().encode())
    digest.update("\n".join(segmenter.words).encode())
    for report in sorted(reports, key=lambda r: r.slug):
        digest.update(f"\n{url_of(report)}\t{report.sha256}".encode())
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
        raise SearchIndexError("the Pagefind program was not found; install pagefind[extended] from requirements.txt")
    command = [str(executable), "--site", str(records), "--output-path", str(output), "--force-language", LANGUAGE]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise SearchIndexError(f"Pagefind could not build the search index (exit status {run.returncode}): "
                               f"{(run.stderr or run.stdout).strip()[-2000:]}")


def shard_plan(reports: list[Report]) -> dict[str, list[Report]]:
    """Reports by shard: one per year (or 'undated'), a year with more than SHARD_SIZE
    reports split by a hash of the slug, so a new report changes one shard only."""
    years: dict[str, list[Report]] = {}
    for report in reports:
        years.setdefault(str(report.meta.year) if report.meta.year else "undated", []).append(report)
    shards: dict[str, list[Report]] = {}
    for year, members in sorted(years.items()):
        parts = -(-len(members) // SHARD_SIZE)
        for report in members:
            name = year if parts == 1 else f"{year}-{zlib.crc32(report.slug.encode()) % parts}"
            shards.setdefault(name, []).append(report)
    return shards


def write_bundle(reports: list[Report], folder: Path, url_of: Callable[[Report], str], segmenter: Segmenter
                 ) -> SearchBundle:
    """Make `folder`/pagefind/ the search bundle for `reports`: one Pagefind index per shard
    (`shard_plan`) in pagefind/<shard>/, merged in the browser (wenku-search.js), and the
    vocabulary of them all. `url_of` gives a report's page URL relative to the site root.
    Only shards whose reports changed are indexed again, one Pagefind run at a time."""
    started = time.perf_counter()
    bundle = folder / BUNDLE_DIR
    plan = shard_plan(reports)
    keys = {name: shard_key(members, url_of, segmenter) for name, members in plan.items()}
    changed = [name for name in plan if _read(folder / "keys" / f"{name}.key") != keys[name]
               or not (bundle / name / "pagefind-entry.json").is_file()]
    stale = set(_listing(folder / "keys")) - set(plan)
    for name in stale:
        shutil.rmtree(bundle / name, ignore_errors=True)
        (folder / "keys" / f"{name}.key").unlink(missing_ok=True)
        (folder / "words" / f"{name}.txt").unlink(missing_ok=True)
    for entry in bundle.iterdir() if bundle.is_dir() else ():
        if entry.name not in set(plan) | {VOCABULARY_DIR, WHERE_DIR, SHARDS_FILE}:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for name in changed:
        indexer = Indexer(segmenter, lexicon(segmenter.words), bridging_lexicon(segmenter.words))
        _index_shard(name, plan[name], folder, url_of, indexer)
        # Its words, and (for where/) the characters its words start with, which a one-character query needs.
        words = sorted(indexer.vocabulary) + sorted(indexer.first_characters - indexer.vocabulary)
        _write(folder / "words" / f"{name}.txt", "".join(f"{w}\n" for w in words))
        _write(folder / "keys" / f"{name}.key", keys[name])
    where: dict[str, list[str]] = {}
    for name in sorted(plan):
        for word in _read(folder / "words" / f"{name}.txt").split():
            where.setdefault(word, []).append(name)
    vocabulary = {word for word in where if len(word) > 1}
    if changed or stale or not (bundle / SHARDS_FILE).is_file():
        _finish(bundle, where, sorted(plan))
    return SearchBundle(folder, len(reports), len(vocabulary), not (changed or stale), time.perf_counter() - started,
                        len(changed), len(plan))


def _index_shard(name: str, members: list[Report], folder: Path, url_of: Callable[[Report], str],
                 indexer: Indexer) -> None:
    staging = folder / "staging" / name
    shutil.rmtree(staging, ignore_errors=True)
    shard_meta = f'<meta data-pagefind-filter="{SHARD_FILTER}[content]" content="{name}">'
    write_records(((url_of(r), record_html(r, indexer).replace("<head>", "<head>" + shard_meta, 1)) for r in members),
                  staging / "records")
    run_pagefind(staging / "records", staging / "bundle")
    indexed = sum(1 for _ in (staging / "bundle" / "fragment").iterdir())
    if indexed != len(members):
        raise SearchIndexError(f"Pagefind indexed {indexed} of {len(members)} reports; its input and output "
                               f"are left in {staging} for inspection")
    for pattern in UNUSED_FILES:
        for path in (staging / "bundle").glob(pattern):
            path.unlink()
    target = folder / BUNDLE_DIR / name
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    (staging / "bundle").rename(target)
    shutil.rmtree(staging)


def _finish(bundle: Path, where: dict[str, list[str]], shards: list[str]) -> None:
    """The list of shards the search box merges, the vocabulary files, and which shards hold each word."""
    _write(bundle / SHARDS_FILE, json.dumps({"shards": shards}))
    buckets: list[list[str]] = [[] for _ in range(VOCABULARY_SHARDS)]
    for word in sorted(where):
        buckets[ord(word[0]) % VOCABULARY_SHARDS].append(word)
    for number, words in enumerate(buckets):  # one-character entries are for where/ only
        _write(bundle / VOCABULARY_DIR / f"{number:02d}.txt", "".join(f"{w}\n" for w in words if len(w) > 1))
        _write(bundle / WHERE_DIR / f"{number:02d}.txt", "".join(f"{w}\t{' '.join(where[w])}\n" for w in words))


def _listing(folder: Path) -> list[str]:
    return [p.stem for p in folder.glob("*.key")] if folder.is_dir() else []


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
