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

import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from . import browse, digest, glossary, index, reader, render
from .cache import Cache
from .catalogue import Catalogue, catalogue
from .clean import clean
from .escape import Escaper
from .furniture import lay_out, signing_unit
from .metadata import metadata_of
from .model import Problem, RawReport, Report
from .naming import unique_slugs
from .keywords import assign_keywords
from .parts import nest_appended_parts
from .read import read_text_report
from .related import assign_related
from .segment import domain_segmenter
from .sources import SourceFile, discover
from .structure import build_blocks, strip_line, styled_heading_levels
from .tag import Tagger, analyse
from .themes import load_vocabulary
from .unflatten import unflatten
from .writer import sync_folder

WHITESPACE = re.compile(r"\s+")


@dataclass
class BuildResult:
    reports: list[Report]
    problems: list[Problem]
    pages: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    converted: int = 0  # reports converted now (the rest came from the cache)
    seconds: float = 0.0


def read_source(source: SourceFile) -> RawReport | Problem:
    if source.kind == "docx":
        from .docx import read_docx_report  # optional format, imported when used

        return read_docx_report(source.path, source.name)
    return read_text_report(source.path, source.name)


def convert(raw: RawReport, slug: str) -> Report | Problem:
    """One decoded report → a structured Report (clean, unflatten, layout, structure stages)."""
    cleaned = clean(raw.text)
    lines, notes = unflatten(non_empty_lines(cleaned.text), raw.source)
    layout = lay_out(lines) if lines else None
    if layout is None or not layout.title:
        what = ("contains only whitespace" if not raw.text.strip() else
                f"holds nothing but {', '.join(cleaned.found)}, which wenku removes")
        return Problem(raw.source, f"the file {what}; put the report's text in it or remove it", level="error")
    blocks = build_blocks(layout.body, styled_heading_levels(raw.styles, [n for n, _ in layout.body]))
    notes += nest_appended_parts(blocks, raw.source)
    opening = next((b.text for b in blocks if b.kind == "paragraph"), "")
    meta = metadata_of(layout.title, opening)
    meta.extra = {**cleaned.extra, **layout.extra}
    meta.unit = meta.unit or signing_unit(layout)
    blocks = layout.before_title + layout.after_title + blocks + layout.back
    report = Report(source=raw.source, slug=slug, meta=meta, blocks=blocks, sha256=raw.sha256,
                    chars=len(WHITESPACE.sub("", "".join(b.text for b in blocks))), warnings=notes)
    if not any(b.kind == "heading" for b in blocks):
        report.warnings.append(Problem(raw.source, "no numbered headings (一、 （一） 1.) found; published as "
                                       "plain paragraphs. If the report has sections, start their headings "
                                       "with 一、 （一） 1. (or use Word heading styles)", level="warning"))
    render.assign_anchors(report.blocks)
    return report


def non_empty_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, stripped line) of every line that holds text."""
    lines = ((number, strip_line(line)) for number, line in enumerate(text.split("\n"), start=1))
    return [(number, line) for number, line in lines if line]


def load_reports(sources: list[SourceFile], cache: Cache, progress: Callable[[int, int], None] | None = None,
                 tagger: Tagger | None = None) -> tuple[list[Report], list[Problem], int]:
    slugs = unique_slugs([s.name for s in sources])
    reports: list[Report] = []
    problems: list[Problem] = []
    converted = 0
    for done, source in enumerate(sources, start=1):
        result = _load_one(source, slugs[source.name], cache, tagger)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            report, fresh = result
            converted += fresh
            reports.append(report)
            problems.extend(report.warnings)
        if progress:
            progress(done, len(sources))
    return reports, problems, converted


def _load_one(source: SourceFile, slug: str, cache: Cache, tagger: Tagger | None = None
              ) -> tuple[Report, bool] | Problem:
    try:
        data = source.path.read_bytes()
    except OSError as err:
        return Problem(source.name, f"cannot be read ({err.strerror}); check the file's permissions", level="error")
    cached = cache.get(data, slug)
    if cached:  # the entry may come from another file with the same bytes
        cached.source = source.name
        cached.warnings = [replace(w, source=source.name) for w in cached.warnings]
        return cached, False
    try:
        raw = read_source(source) if source.kind != "text" else read_text_report(source.path, source.name, data)
        report = raw if isinstance(raw, Problem) else convert(raw, slug)
        if tagger and not isinstance(report, Problem):
            analyse(report, tagger)
    except Exception as err:  # one broken report must not stop the others
        return Problem(source.name, f"could not be converted ({type(err).__name__}: {err}); "
                       "please report this file to the wenku maintainers", level="error")
    if isinstance(report, Problem):
        return report
    cache.put(data, report)
    return report, True


def render_pages(reports: list[Report], cat: Catalogue, esc: Escaper, problems: list[Problem]) -> dict[str, str]:
    """Report pages by path; a report whose page cannot be rendered is left out with a Problem."""
    pages = {}
    for report in reports:
        try:
            pages[f"reports/{report.slug}.md"] = render.render_report(report, esc, *reader.report_parts(report, cat, esc))
        except Exception as err:  # one broken report must not stop the others
            problems.append(Problem(report.source, f"could not be rendered ({type(err).__name__}: {err}); "
                                    "please report this file to the wenku maintainers", level="error"))
    return pages


def build(reports_dir: Path, out_dir: Path, extensions: list[object], cache_dir: Path | None = None,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Convert every report under `reports_dir` and write the site's generated pages to `out_dir`."""
    started = time.perf_counter()
    esc = Escaper.for_extensions(extensions)
    if not reports_dir.is_dir():
        raise FileNotFoundError(f"the reports folder {reports_dir} does not exist; create it and put reports in it")
    vocabulary = load_vocabulary()
    sources, problems = discover(reports_dir)
    cache = Cache(cache_dir) if cache_dir else Cache(None)
    reports, load_problems, converted = load_reports(sources, cache, progress, Tagger(vocabulary, domain_segmenter()))
    problems.extend(load_problems)
    reports.sort(key=lambda r: (-(r.meta.year or 0), r.source))
    assign_keywords(reports)
    assign_related(reports)
    cat = catalogue(reports, vocabulary)
    pages = render_pages(reports, cat, esc, problems)
    if len(pages) < len(reports):  # a report whose page failed is left out of every list
        reports = [r for r in reports if f"reports/{r.slug}.md" in pages]
        cat = catalogue(reports, vocabulary)
    pages.update(index.index_pages(reports, esc))
    pages.update(browse.browse_pages(cat, vocabulary, esc))
    pages.update(glossary.glossary_pages(reports, esc))
    pages.update(digest.digest_pages(reports, esc))
    pages.update(reader.site_pages(cat, esc))
    written, removed = sync_folder(out_dir, pages)
    return BuildResult(reports, problems, pages, written, removed, converted, time.perf_counter() - started)
