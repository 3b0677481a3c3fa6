#!/usr/bin/env python3
"""Measure wenku's search on synthetic archives of N reports, in Chromium.

For each N: make N synthetic reports with scripts/dev/make_corpus.py, build the site
with `mkdocs build`, serve it on 127.0.0.1 and drive Debian's chromium with
Playwright:

  first results  from a query entered in the search box until the result list
                 shows its answer (the box waits 120 ms after the last keystroke;
                 that is included). "cold": the first query on a freshly loaded
                 page, which loads Pagefind and the vocabulary; "warm": later ones.
  memory         PSS of the renderer process (the page, its scripts and Pagefind's
                 worker) after all queries, and of all Chromium processes.
  bytes          fetched from the server by a cold query (Pagefind's start-up files,
                 the vocabulary, index chunks, the shown results) and by each warm one.

and the build: `mkdocs build` time, the search index's share of it, the size of
the search bundle and of its vocabulary. Timings depend on the machine; say how
loaded it was when quoting them.

Examples:
  python scripts/dev/bench_search.py 1000 5000
  python scripts/dev/bench_search.py 1000 --keep /tmp/bench      # keep the built sites
  python scripts/dev/bench_search.py 200 --queries 三会一课 调研
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

from local_chromium import launch, serve
from project_copy import copy_site_sources
from search_probe import chromium_memory_mb

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "scripts" / "dev" / "make_corpus.py"
QUERIES = ("三会一课", "主题教育", "党风廉政", "调研", "红船", "两个维护", "支部书记", "选举",
           "严格落实三会一课", "坚决做到两个维护", "巡察整改落实", "红船旁")
SEARCH_LOG = re.compile(r"搜索索引 (\d+) 篇报告（([^）]*)），([\d.]+) s")
# Enter the query as one input event (what an input method delivers) and wait for its answer.
TIME_QUERY = """async (query) => {
  const input = document.querySelector('form[name=wk-search] input[name=query]');
  const result = document.querySelector('.wk-search .md-search-result');
  input.focus();
  const started = performance.now();
  const answered = new Promise((resolve) => {
    const done = () => result.dataset.wkQuery === query && result.dataset.wkState === 'ready';
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
    observer.observe(result, { attributes: true });
  });
  input.value = query;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await answered;
  return { ms: performance.now() - started, results: result.querySelectorAll('.md-search-result__item').length };
}"""


@dataclass
class BuildFigures:
    reports: int
    build_s: float
    search_index_s: float
    bundle_mb: float
    bundle_files: int
    vocabulary_words: int
    vocabulary_kb: float


@dataclass
class BrowserFigures:
    cold_ms: list[float]
    warm_ms: list[float]
    renderer_mb: float
    chromium_mb: float
    cold_kb: list[float]
    startup_kb: float
    warm_kb: list[float]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", type=int, nargs="+", metavar="N", help="number of reports in an archive")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed for make_corpus.py (default 0)")
    parser.add_argument("--generator", type=Path, default=GENERATOR, metavar="FILE",
                        help="corpus generator with make_corpus.py's command line; default: scripts/dev/make_corpus.py")
    parser.add_argument("--queries", nargs="+", default=list(QUERIES), help="queries to time")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the archives here and keep them")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    return parser.parse_args(argv)


def make_project(size: int, seed: int, generator: Path, folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    copy_site_sources(ROOT, folder)
    subprocess.run([sys.executable, str(generator), str(size), str(folder / "source_reports"), "--seed", str(seed)],
                   check=True, capture_output=True)
    return folder


def build(project: Path) -> BuildFigures:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{run.stderr[-3000:]}")
    logged = SEARCH_LOG.search(run.stderr)
    bundle = project / "site" / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    shards = list((bundle / "wenku-vocab").iterdir())
    return BuildFigures(reports=int(logged.group(1)), build_s=seconds, search_index_s=float(logged.group(3)),
                        bundle_mb=sum(p.stat().st_size for p in files) / 1e6, bundle_files=len(files),
                        # the words come first, up to the first empty line (search/sitewide.py)
                        vocabulary_words=sum(p.read_text(encoding="utf-8").split("\n").index("") for p in shards),
                        vocabulary_kb=sum(p.stat().st_size for p in shards) / 1e3)


def fetched_kb(urls: list[str], site: Path) -> float:
    """Bytes the static server sent for `urls`: the files' sizes (no compression)."""
    total = 0
    for url in urls:
        path = unquote(urlsplit(url).path).lstrip("/")
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        if file.is_file():
            total += file.stat().st_size
    return total / 1e3


def measure(site: Path, queries: list[str]) -> BrowserFigures:
    cold_ms, cold_kb, warm_ms, warm_kb = [], [], [], []
    startup = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for query in queries:  # each on a freshly loaded page, nothing cached
            context = browser.new_context()
            page = context.new_page()
            page.goto(base)
            page.wait_for_load_state("load")
            requests: list[str] = []
            page.on("request", lambda request, sink=requests: sink.append(request.url))
            cold_ms.append(page.evaluate(TIME_QUERY, query)["ms"])
            cold_kb.append(fetched_kb(requests, site))
            startup.append(fetched_kb([u for u in requests if "/index/" not in u  # pagefind/<shard>/index/
                                       and "/fragment/" not in u], site))
            context.close()
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        page.wait_for_load_state("load")
        page.evaluate(TIME_QUERY, "党建")  # loads the engine
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        for query in queries:
            requests.clear()
            warm_ms.append(page.evaluate(TIME_QUERY, query)["ms"])
            warm_kb.append(fetched_kb(requests, site))
        memory = chromium_memory_mb()
        context.close()
        browser.close()
    return BrowserFigures(cold_ms, warm_ms, memory["renderer"], memory["all"], cold_kb,
                          statistics.median(startup), warm_kb)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def report(size: int, built: BuildFigures, seen: BrowserFigures) -> str:
    return "\n".join([
        f"== {size:,} reports",
        f"build: mkdocs build {built.build_s:.1f} s, of which search index {built.search_index_s:.1f} s",
        f"search bundle: {built.bundle_mb:.1f} MB in {built.bundle_files:,} files; "
        f"vocabulary {built.vocabulary_words:,} words, {built.vocabulary_kb:.0f} kB",
        f"first results, cold page: {spread(seen.cold_ms)} ms   warm: {spread(seen.warm_ms)} ms "
        "(median (min–max) over the queries, incl. the 120 ms typing pause)",
        f"memory after the queries: renderer {seen.renderer_mb:.0f} MB, "
        f"all Chromium processes {seen.chromium_mb:.0f} MB",
        f"fetched by a cold query: {spread(seen.cold_kb)} kB (start-up files {seen.startup_kb:.0f} kB); "
        f"by a warm query: {spread(seen.warm_kb)} kB",
    ])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.generator.is_file():
        print(f"error: corpus generator {args.generator} not found; pass --generator FILE", file=sys.stderr)
        return 2
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="wenku-bench-"))
    figures = {}
    try:
        for size in args.sizes:
            project = make_project(size, args.seed, args.generator, workdir / f"archive-{size}")
            built = build(project)
            seen = measure(project / "site", args.queries)
            print(report(size, built, seen), flush=True)
            figures[size] = {"build": asdict(built), "browser": asdict(seen)}
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
