#!/usr/bin/env python3
"""Time converting and rendering one report just under wenku's size limit (5 MB), line-broken
and flattened (no line breaks), to check the cost stays linear. Prints figures; not a test.

Usage: python scripts/dev/bench_large_report.py
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.config import load_config

from wenku.model import RawReport
from wenku.pages.escape import Escaper
from wenku.pages.render import render_report
from wenku.pipeline import structured
from wenku.read.sources import MAX_REPORT_BYTES

ROOT = Path(__file__).resolve().parents[2]



def convert_text(text: str):
    return structured(RawReport("large.txt", text, "utf-8", "0" * 64, len(text.encode())), "large", tagger=None)


def page_markdown(report) -> str:
    with (ROOT / "mkdocs.yml").open("rb") as handle:
        return render_report(report, Escaper.for_extensions(load_config(config_file=handle).markdown_extensions))


def main() -> None:
    seed = (ROOT / "source_reports" / "002_ed6c1c14bce9df44.txt").read_text(encoding="utf-8")
    title, body = seed.split("\n", 1)
    copies = int(0.98 * MAX_REPORT_BYTES / len(body.encode()))
    cases = (("line-broken", f"{title}\n{body * copies}"), ("flattened", (title + body * copies).replace("\n", "")))
    for label, text in cases:
        started = time.perf_counter()
        report = convert_text(text)
        converted = time.perf_counter()
        page_markdown(report)
        rendered = time.perf_counter()
        print(f"{label}: {len(text.encode()) / 2**20:.1f} MB, {len(report.blocks)} blocks, "
              f"convert {converted - started:.1f} s, render {rendered - converted:.1f} s")


if __name__ == "__main__":
    main()
