"""Search, job: the search index made in a process of its own, beside the MkDocs build.

The process is a new Python process (`python -m wenku.search.job`), not a fork of the build: a fork would hold a
copy of the whole archive for as long as Pagefind runs (at 5,000 reports that copy was
most of the build's memory), and forking beside the threads of `mkdocs serve` is unsafe.
It is handed each report without its text (`light`: what the shard plan and keys need),
and reads the text of a shard's reports from the report cache only while it indexes that
shard, so it holds one shard at a time. Under `mkdocs serve` it yields the processor to the
next rebuild (`background`: a lower priority for it and its Pagefind runs).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from wenku.background import serve
from wenku.cache import report_from_json
from wenku.model import Report
from wenku.search.bundle import SearchBundle, write_bundle
from wenku.tag.segment import domain_segmenter


@dataclass(frozen=True)
class SearchJob:
    reports: list[Report]  # light
    urls: dict[str, str]  # slug → the page's URL relative to the site root
    folder: Path  # holds pagefind/ (bundle.py)
    domain_words: Path  # the domain dictionary the build's segmenter was made from
    entries: Path  # the report cache's entries: <sha256[:2]>/<sha256>.json
    background: bool = False  # under `mkdocs serve`: the rebuilds come first


def light(report: Report) -> Report:
    """The report without what only its page needs (its text, tagging, terms)."""
    return dataclasses.replace(report, blocks=[], section_themes={}, section_snippets={}, theme_scores={},
                               terms={}, formulas={}, warnings=[], keywords=[], related=[])


def read_report(job: SearchJob, report: Report) -> Report:
    """The whole report, from its cache entry (the build wrote it when it converted the report)."""
    entry = job.entries / report.sha256[:2] / f"{report.sha256}.json"
    return dataclasses.replace(report_from_json(entry.read_text(encoding="utf-8")), slug=report.slug)


def run(job: SearchJob) -> SearchBundle:
    """In the search process: every shard that changed through Pagefind."""
    if job.background and hasattr(os, "nice"):  # POSIX; Pagefind inherits it
        os.nice(10)
    return write_bundle(job.reports, job.folder, lambda r: job.urls[r.slug], domain_segmenter(job.domain_words),
                        load=lambda report: read_report(job, report))


if __name__ == "__main__":  # the search process (background.Background.in_process)
    serve(run)
