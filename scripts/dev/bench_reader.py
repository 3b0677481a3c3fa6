#!/usr/bin/env python3
"""Time the reader pages (card, outline, previous/next per report; home,
statistics and browse pages once) for a large synthetic collection.

The collection is the seeds converted once and copied N times with other years,
units and themes, so only the reader stage is measured (conversion has its own
benchmark). Prints figures; asserts nothing.

  python scripts/dev/bench_reader.py --reports 5000
"""

from __future__ import annotations

import argparse
import copy
import time
from pathlib import Path

from wenku.pages import site as reader
from wenku.pages.catalogue import catalogue
from wenku.pages.escape import Escaper
from wenku.pipeline import structured
from wenku.read.text import read_text_report

ROOT = Path(__file__).resolve().parents[2]
THEMES = ["政治建设", "理论学习", "组织建设", "作风建设", "纪律建设", "党建品牌", "制度建设", "主题教育"]


def synthetic(count: int):
    seeds = sorted((ROOT / "source_reports").glob("*.txt"))
    base = [structured(read_text_report(p, p.name), p.stem, tagger=None) for p in seeds]
    reports = []
    for i in range(count):
        report = copy.deepcopy(base[i % len(base)])
        report.slug = f"r{i:05d}"
        report.source = f"r{i:05d}.txt"
        report.meta.year = 2010 + i % 15
        report.meta.unit = f"第{i % 300}局"
        report.themes = [THEMES[i % 8], THEMES[(i * 3) % 8]]
        heading = next((b for b in report.blocks if b.kind == "heading"), None)
        if heading:
            report.section_themes = {heading.anchor: report.themes[:1]}
        reports.append(report)
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    reports = synthetic(args.reports)
    esc = Escaper.for_extensions(["toc", "attr_list", "md_in_html"])
    started = time.perf_counter()
    cat = catalogue(reports)
    after_catalogue = time.perf_counter()
    parts = [reader.report_parts(r, cat, esc) for r in reports]
    after_reports = time.perf_counter()
    pages = reader.site_pages(cat, esc, {})
    done = time.perf_counter()
    size = sum(len(h) + len(f) for h, f in parts) / len(parts)
    print(f"{len(reports)} reports: catalogue {after_catalogue - started:.3f} s, "
          f"card/outline/prev-next {after_reports - after_catalogue:.3f} s "
          f"({1e3 * (after_reports - after_catalogue) / len(reports):.2f} ms per report, {size:.0f} chars), "
          f"home + statistics + {len(pages) - 2} browse pages {done - after_reports:.3f} s "
          f"(stats.md {len(pages['stats.md']) / 1024:.0f} KiB, index.md {len(pages['index.md']) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
