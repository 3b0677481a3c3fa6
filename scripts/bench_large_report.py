#!/usr/bin/env python3
"""Time converting and rendering one report just under wenku's size limit (5 MB), line-broken
and flattened (no line breaks), to check the cost stays linear. Prints figures; not a test.

Usage: python scripts/bench_large_report.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from input_support import convert_text, page_markdown  # noqa: E402

from wenku.sources import MAX_REPORT_BYTES  # noqa: E402


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
