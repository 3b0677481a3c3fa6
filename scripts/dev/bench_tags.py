#!/usr/bin/env python3
"""Time the tag stage and the pages built from it, for N reports.

Prints seconds per stage: segmentation and theme tagging (the per-report,
cached part), keywords and related reports (the collection part, run on every
build), and the theme/unit/type, 提法 and digest pages. Each stage should grow
linearly with N; compare two sizes to see it.

Examples:
  python scripts/dev/bench_tags.py 1000 5000          # synthetic corpora of 1,000 and 5,000 reports
  python scripts/dev/bench_tags.py --reports /tmp/c5k # the reports of a folder (e.g. made by make_corpus.py)
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

from mkdocs.config import load_config

from wenku.model import Problem, RawReport, Report
from wenku.pages import browse, digest, glossary
from wenku.pages.catalogue import catalogue
from wenku.pages.escape import Escaper
from wenku.pages.slugs import slug_for
from wenku.pipeline import convert, store_collection_fields, store_tagging
from wenku.read.sources import discover
from wenku.read.text import read_text_report
from wenku.tag.segment import domain_segmenter
from wenku.tag.tagger import Tagger, analyse
from wenku.tag.themes import load_vocabulary

ROOT = Path(__file__).resolve().parents[2]
BASES = [*sorted((ROOT / "source_reports").glob("*.txt")), *sorted((ROOT / "tests/data/tagging/reports").glob("*.txt"))]
YEAR = re.compile(r"20\d\d(?=年)")
UNITS = ("市财政局", "县教育局", "区司法局", "市统计局", "**镇", "市委办公室", "区住建局", "县自然资源局")


def synthetic(n: int) -> list[RawReport]:
    """n reports recombined from the seeds and the evaluation reports: a base report's
    title with another year and unit, and its paragraphs in a shuffled order."""
    rng = random.Random(n)
    texts = [p.read_text(encoding="utf-8") for p in BASES]
    raws = []
    for i in range(n):
        title, *body = [line for line in texts[i % len(texts)].split("\n") if line.strip()]
        title = YEAR.sub(str(2014 + i % 11), title, count=1)
        title = f"{UNITS[i % len(UNITS)]}{title}" if i % 3 else title
        head, tail = body[:1], body[1:]
        rng.shuffle(tail)
        text = "\n".join([title, *head, *tail])
        raws.append(RawReport(f"r{i:05d}.txt", text, "utf-8", f"{i:064x}", len(text.encode())))
    return raws


def from_folder(folder: Path) -> list[RawReport]:
    sources, _ = discover(folder)
    raws = [read_text_report(s.path, s.name) for s in sources if s.kind == "text"]
    return [r for r in raws if not isinstance(r, Problem)]


def timed(label: str, work, n: int):
    """Run `work`, print its wall-clock and CPU seconds (CPU is steadier on a shared machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"  {label:<34} {seconds:6.2f} s wall {cpu:6.2f} s CPU  {1000 * cpu / max(n, 1):5.2f} ms CPU/report")
    return result


def run(raws: list[RawReport]) -> None:
    n = len(raws)
    chars = sum(len(r.text) for r in raws)
    print(f"{n} reports, {chars / 1e6:.1f} M characters")
    with (ROOT / "mkdocs.yml").open("rb") as handle:
        esc = Escaper.for_extensions(load_config(config_file=handle).markdown_extensions)
    vocabulary = load_vocabulary()
    tagger = Tagger(vocabulary, domain_segmenter())
    reports: list[Report] = timed("read → structure (not this stage)",
                                  lambda: [convert(r, slug_for(r.source)) for r in raws], n)
    reports = [r for r in reports if isinstance(r, Report)]
    timed("tag: segment + themes + terms", lambda: [store_tagging(r, analyse(r, tagger)) for r in reports], n)
    reports.sort(key=lambda r: (-(r.meta.year or 0), r.source))
    timed("keywords and related reports", lambda: store_collection_fields(reports), n)
    pages = timed("theme, unit, type pages", lambda: browse.browse_pages(catalogue(reports, vocabulary), vocabulary, esc), n)
    pages.update(timed("提法 pages", lambda: glossary.glossary_pages(reports, esc), n))
    pages.update(timed("存在问题 / 下一步打算 pages", lambda: digest.digest_pages(reports, esc), n))
    size = sum(len(p.encode()) for p in pages.values())
    biggest = max(pages, key=lambda k: len(pages[k]))
    print(f"  {len(pages)} index pages, {size / 1e6:.1f} MB; largest {biggest} ({len(pages[biggest].encode()) / 1e3:.0f} KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000], help="synthetic corpus sizes (default 1000)")
    parser.add_argument("--reports", type=Path, metavar="DIR", help="time the reports of this folder instead")
    args = parser.parse_args(argv)
    if args.reports:
        run(from_folder(args.reports))
    for n in [] if args.reports else args.sizes:
        run(synthetic(n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
