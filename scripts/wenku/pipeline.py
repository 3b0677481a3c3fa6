"""The whole conversion: reports folder → generated Markdown pages.

read → clean → unflatten → layout (furniture.py) → structure → parts → tag →
render → index. Per-report work (read to tag) is cached by content hash, so
unchanged reports are not re-read, re-segmented, re-tagged or rewritten;
keywords, related reports and the index pages are computed over the whole
collection on every build (linear in the number of reports). Pages are built in
memory first and written only when the whole build succeeded, each only if its
content changed.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path

from wenku.cache import Cache
from wenku.config import Settings
from wenku.errors import WenkuError
from wenku.model import Level, Problem, Report
from wenku.pages import browse, checks, digest, glossary, render
from wenku.pages import paths as site_paths
from wenku.pages import site as reader
from wenku.pages import years as index
from wenku.pages.catalogue import Catalogue, catalogue
from wenku.pages.escape import Escaper
from wenku.pages.fragments import remembered
from wenku.pages.slugs import read_known, unique_slugs, write_known
from wenku.pages.writer import sync_folder
from wenku.read.sources import SourceFile, discover
from wenku.stages import convert, read_source, store_anchors, store_tagging, structured  # noqa: F401 (the pipeline's API)
from wenku.tag.keywords import collection_keywords, load_stopwords
from wenku.tag.related import related_reports
from wenku.tag.segment import Segmenter, domain_segmenter
from wenku.tag.tagger import Tagger
from wenku.tag.themes import load_vocabulary


@dataclass
class BuildResult:
    reports: list[Report]
    problems: list[Problem]
    pages: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    converted: int = 0  # reports converted now (the rest came from the cache)
    seconds: float = 0.0
    segmenter: Segmenter | None = None  # the build's domain segmenter (the search index uses it too)
    cache: Cache | None = None  # for the next build in the same process


class ReportsFolderMissing(WenkuError):
    """The reports folder named in mkdocs.yml (reports_dir) does not exist."""


PARALLEL_FROM = 40  # new reports from which the conversion is spread over processes
CHUNK = 8  # reports per task sent to a worker process


def load_reports(sources: list[SourceFile], cache: Cache, progress: Callable[[int, int], None] | None = None,
                 tagger: Tagger | None = None, settings: Settings | None = None
                 ) -> tuple[list[Report], list[Problem], int]:
    """Every source as a Report (or a Problem). Reports not in the cache are converted in
    worker processes when there are many of them (a cold build) and `settings` says how
    the workers make their tagger; the cache then keeps them for the next build."""
    slugs = unique_slugs([s.name for s in sources])
    results: dict[str, tuple[Report, bool] | Problem] = {}
    fresh: list[tuple[SourceFile, bytes]] = []
    for source in sources:
        cached = _cached(source, slugs[source.name], cache)
        if isinstance(cached, bytes):
            fresh.append((source, cached))
        else:
            results[source.name] = cached
            _step(progress, len(results), len(sources))
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if settings is not None and tagger is not None and workers > 1 and len(fresh) >= PARALLEL_FROM:
        jobs = [(s, slugs[s.name], data) for s, data in fresh]
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            done = pool.map(partial(_convert_in_worker, settings.vocabulary_files, cache), jobs, chunksize=CHUNK)
            for (source, _), result in zip(fresh, done, strict=True):  # the workers wrote the cache
                results[source.name] = result if isinstance(result, Problem) else (result, True)
                _step(progress, len(results), len(sources))
    else:
        for source, data in fresh:
            results[source.name] = _stored(_convert_one(source, slugs[source.name], data, tagger), data, cache)
            _step(progress, len(results), len(sources))
    reports: list[Report] = []
    problems: list[Problem] = []
    converted = 0
    for source in sources:
        result = results[source.name]
        if isinstance(result, Problem):
            problems.append(result)
        else:
            report, is_fresh = result
            converted += is_fresh
            reports.append(report)
            problems.extend(report.warnings)
    return reports, problems, converted


MAX_WORKERS = 4


def _context():
    """fork where there is one and no other thread runs (workers start in milliseconds; under
    `mkdocs serve` the server's threads run after the first build), else spawn."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _step(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress:
        progress(done, total)


def _cached(source: SourceFile, slug: str, cache: Cache) -> tuple[Report, bool] | Problem | bytes:
    """The cached report, a Problem, or the file's bytes when it must be converted."""
    try:
        data = source.path.read_bytes()
    except OSError as err:
        return Problem(source.name, f"无法读取（{err.strerror}）；请检查文件权限",
                       level=Level.ERROR)
    cached = cache.get(data, slug)
    if cached:  # the entry may come from another file with the same bytes
        return replace(cached, source=source.name,
                       warnings=[replace(w, source=source.name) for w in cached.warnings]), False
    return data


def _stored(result: Report | Problem, data: bytes, cache: Cache) -> tuple[Report, bool] | Problem:
    if isinstance(result, Problem):
        return result
    cache.put(data, result)
    return result, True


@lru_cache(maxsize=1)
def _worker_tagger(vocabulary_files: tuple[Path, ...]) -> Tagger:
    themes, domain_words, stopwords = vocabulary_files
    return Tagger(load_vocabulary(themes), domain_segmenter(domain_words), load_stopwords(stopwords))


def _convert_in_worker(vocabulary_files: tuple[Path, ...], cache: Cache, job: tuple[SourceFile, str, bytes]
                       ) -> Report | Problem:
    source, slug, data = job
    result = _convert_one(source, slug, data, _worker_tagger(vocabulary_files))
    if not isinstance(result, Problem):
        cache.put(data, result)
    return result


def _convert_one(source: SourceFile, slug: str, data: bytes, tagger: Tagger | None) -> Report | Problem:
    try:
        raw = read_source(source, data)
        return raw if isinstance(raw, Problem) else structured(raw, slug, tagger)
    except Exception as err:  # one broken report must not stop the others
        return Problem(source.name, f"转换时出错（{type(err).__name__}: {err}）；"
                       "请把这个文件交给 wenku 维护人员", level=Level.ERROR)


def store_collection_fields(reports: list[Report]) -> None:
    """Keywords and related reports depend on the whole collection: computed on every build."""
    keywords = collection_keywords(reports)
    related = related_reports(reports, keywords)
    for report in reports:
        report.keywords, report.related = keywords[report.slug], related[report.slug]


def render_pages(reports: list[Report], cat: Catalogue, esc: Escaper, problems: list[Problem]) -> dict[str, str]:
    """Report pages by path; a report whose page cannot be rendered is left out with a Problem."""
    pages = {}
    for report in reports:
        try:
            pages[site_paths.report_page(report.slug)] = remembered(
                cat.memo, "page", report, (esc, *reader.page_inputs(report, cat)),
                lambda report=report: render.render_report(report, esc, *reader.report_parts(report, cat, esc)))
        except Exception as err:  # one broken report must not stop the others
            problems.append(Problem(report.source, f"生成页面时出错（{type(err).__name__}: {err}）；"
                                    "请把这个文件交给 wenku 维护人员", level=Level.ERROR))
    return pages


def tagger_for(settings: Settings) -> Tagger:
    """The tag stage's vocabulary, segmenter and stop words, from the files the settings name."""
    return Tagger(load_vocabulary(settings.themes_file), domain_segmenter(settings.domain_words_file),
                  load_stopwords(settings.stopwords_file))


def build(settings: Settings, extensions: list[object], progress: Callable[[int, int], None] | None = None,
          cache: Cache | None = None, remember: bool = False, known_pages: dict[str, str] | None = None,
          save_pieces: bool = True) -> BuildResult:
    """Convert every report under `settings.reports_dir`; write the generated pages to `settings.pages_dir`.
    With `remember`, pieces of pages are kept for the next build (in `cache`, and, with `save_pieces`, in the
    cache folder: else the caller saves them). `known_pages`: the pages as this process last wrote them."""
    started = time.perf_counter()
    esc = Escaper.for_extensions(extensions)
    if not settings.reports_dir.is_dir():
        raise ReportsFolderMissing(f"报告文件夹 {settings.reports_dir} 不存在；"
                                   "请创建它并放入报告（或在 mkdocs.yml 中设置 reports_dir）")
    tagger = tagger_for(settings)
    vocabulary, segmenter = tagger.vocabulary, tagger.segmenter
    sources, problems = discover(settings.reports_dir, settings.max_report_bytes)
    if cache is None or cache.folder != settings.cache_dir:
        cache = Cache(settings.cache_dir, settings.vocabulary_files, remember)
    else:  # kept by the caller across builds (`mkdocs serve`): its entries in memory stay valid
        cache.refresh(settings.vocabulary_files)
    known_slugs = read_known(cache.state_folder())
    reports, load_problems, converted = load_reports(sources, cache, progress, tagger, settings)
    problems.extend(load_problems)
    reports.sort(key=lambda r: (-(r.meta.year or 0), r.source))
    store_collection_fields(reports)
    cat = catalogue(reports, vocabulary, settings.limits, cache.memo)
    pages = render_pages(reports, cat, esc, problems)
    if len(pages) < len(reports):  # a report whose page failed is left out of every list
        reports = [r for r in reports if site_paths.report_page(r.slug) in pages]
        cat = catalogue(reports, vocabulary, settings.limits, cache.memo)
    pages.update(index.index_pages(reports, esc))
    pages.update(browse.browse_pages(cat, vocabulary, esc))
    pages.update(glossary.glossary_pages(reports, esc))
    pages.update(digest.digest_pages(reports, esc, cache.memo))
    pages.update(reader.site_pages(cat, esc))
    pages.update(checks.checks_page(reports, problems, esc))
    written, removed = sync_folder(settings.pages_dir, pages, known_pages)
    write_known(cache.state_folder(), known_slugs)
    if save_pieces:
        cache.save_state(reports)
    return BuildResult(reports, problems, pages, written, removed, converted, time.perf_counter() - started,
                       segmenter, cache)
