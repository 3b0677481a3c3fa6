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

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from wenku.cache import Cache
from wenku.clean.artefacts import ARTEFACT_LABELS, clean
from wenku.clean.unflatten import unflatten
from wenku.config import Settings
from wenku.errors import WenkuError
from wenku.model import BlockKind, Level, Metadata, Problem, RawReport, Report, Tagging
from wenku.pages import browse, checks, digest, glossary, render
from wenku.pages import paths as site_paths
from wenku.pages import site as reader
from wenku.pages import years as index
from wenku.pages.catalogue import Catalogue, catalogue
from wenku.pages.escape import Escaper
from wenku.pages.slugs import unique_slugs
from wenku.pages.writer import sync_folder
from wenku.read.sources import SourceFile, SourceKind, discover
from wenku.read.text import read_text_report
from wenku.structure.anchors import block_anchors
from wenku.structure.blocks import build_blocks, strip_line, styled_heading_levels
from wenku.structure.furniture import lay_out, signing_unit
from wenku.structure.metadata import metadata_of
from wenku.structure.parts import nest_appended_parts
from wenku.tag.keywords import collection_keywords, load_stopwords
from wenku.tag.related import related_reports
from wenku.tag.segment import Segmenter, domain_segmenter
from wenku.tag.tagger import Tagger, analyse
from wenku.tag.themes import load_vocabulary
from wenku.textrules import WHITESPACE


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


class ReportsFolderMissing(WenkuError):
    """The reports folder named in mkdocs.yml (reports_dir) does not exist."""


def read_source(source: SourceFile, data: bytes | None = None) -> RawReport | Problem:
    """The decoded report of one source file (`data`: its bytes, when already read)."""
    if source.kind == SourceKind.DOCX:
        from wenku.read.docx import read_docx_report  # optional format, imported when used

        return read_docx_report(source.path, source.name)
    if source.kind in (SourceKind.DOC, SourceKind.PDF):
        from wenku.read.binary import read_doc_report, read_pdf_report

        reader = read_doc_report if source.kind == SourceKind.DOC else read_pdf_report
        return reader(source.path, source.name, data)
    if source.kind == SourceKind.MARKDOWN:
        from wenku.read.markdown import read_markdown_report

        return read_markdown_report(source.path, source.name, data)
    return read_text_report(source.path, source.name, data)


def convert(raw: RawReport, slug: str) -> Report | Problem:
    """One decoded report → a structured Report (clean, unflatten, layout, structure stages)."""
    cleaned = clean(raw.text)
    lines, notes = unflatten(non_empty_lines(cleaned.text), raw.source)
    stated_title = raw.meta.get("title", "")
    if stated_title and (not lines or lines[0][1] != stated_title):
        lines = [(0, stated_title), *lines]  # the front matter's title, above the text (line 0: not in the file)
    layout = lay_out(lines) if lines else None
    if layout is None or not layout.title:
        what = ("只有空白字符" if not raw.text.strip() else
                f"只有{'、'.join(ARTEFACT_LABELS.get(n, n) for n in cleaned.found)}，这些都会被去掉")
        return Problem(raw.source, f"文件{what}；请把报告正文放进去，或删除该文件", level=Level.ERROR)
    blocks = build_blocks(layout.body, styled_heading_levels(raw.styles, [n for n, _ in layout.body]))
    blocks, part_notes = nest_appended_parts(blocks, raw.source)
    opening = next((b.text for b in blocks if b.kind == BlockKind.PARAGRAPH), "")
    meta = metadata_of(layout.title, opening)
    meta.extra = {**cleaned.extra, **layout.extra}
    meta.unit = meta.unit or signing_unit(layout)
    stated_metadata(meta, raw.meta)
    blocks = layout.before_title + layout.after_title + blocks + layout.back
    warnings = raw.notes + notes + part_notes
    if not any(b.kind == BlockKind.HEADING for b in blocks):
        warnings.append(Problem(raw.source, "没有找到带序号的标题（一、 （一） 1.），已按普通段落发布；"
                                "如果报告分节，请在各节标题前加上 一、 （一） 1.（或使用 Word 标题样式）", level=Level.WARNING))
    return Report(source=raw.source, slug=slug, meta=meta, blocks=blocks, sha256=raw.sha256, size=raw.size,
                  chars=len(WHITESPACE.sub("", "".join(b.text for b in blocks))), warnings=warnings)


def stated_metadata(meta: Metadata, stated: dict[str, str]) -> None:
    """What the file itself states (.md front matter) wins over what is read from the text."""
    year = stated.get("year", "")
    meta.year = int(year) if year.isdigit() and 1900 <= int(year) <= 2100 else meta.year
    meta.unit = stated.get("unit") or meta.unit
    meta.doc_type = stated.get("type") or meta.doc_type
    for key, label in (("tags", "标签"), ("date", "日期")):
        if stated.get(key):
            meta.extra[label] = stated[key]


def store_anchors(report: Report, anchors: list[str]) -> None:
    for block, anchor in zip(report.blocks, anchors, strict=True):
        block.anchor = anchor


def store_tagging(report: Report, tagging: Tagging) -> None:
    """The one place the tag stage's result is written into a report (anchors included: the
    structure's, plus those of the paragraphs theme pages link to)."""
    store_anchors(report, tagging.anchors)
    for block, lengths in zip(report.blocks, tagging.word_lengths, strict=True):
        block.word_lengths = lengths
    report.title_word_lengths = tagging.title_word_lengths
    report.section_themes, report.section_snippets = tagging.section_themes, tagging.section_snippets
    report.theme_scores, report.themes = tagging.theme_scores, tagging.themes
    report.main_themes = tagging.main_themes
    report.terms, report.formulas = tagging.terms, tagging.formulas


def structured(raw: RawReport, slug: str, tagger: Tagger | None) -> Report | Problem:
    """Convert, then tag (when a tagger is given): everything that depends on this report alone."""
    report = convert(raw, slug)
    if isinstance(report, Problem):
        return report
    if tagger is None:
        store_anchors(report, block_anchors(report.blocks))
    else:
        store_tagging(report, analyse(report, tagger))
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
        return Problem(source.name, f"无法读取（{err.strerror}）；请检查文件权限",
                       level=Level.ERROR)
    cached = cache.get(data, slug)
    if cached:  # the entry may come from another file with the same bytes
        return replace(cached, source=source.name,
                       warnings=[replace(w, source=source.name) for w in cached.warnings]), False
    try:
        raw = read_source(source, data)
        report = raw if isinstance(raw, Problem) else structured(raw, slug, tagger)
    except Exception as err:  # one broken report must not stop the others
        return Problem(source.name, f"转换时出错（{type(err).__name__}: {err}）；"
                       "请把这个文件交给 wenku 维护人员", level=Level.ERROR)
    if isinstance(report, Problem):
        return report
    cache.put(data, report)
    return report, True


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
            pages[site_paths.report_page(report.slug)] = render.render_report(
                report, esc, *reader.report_parts(report, cat, esc))
        except Exception as err:  # one broken report must not stop the others
            problems.append(Problem(report.source, f"生成页面时出错（{type(err).__name__}: {err}）；"
                                    "请把这个文件交给 wenku 维护人员", level=Level.ERROR))
    return pages


def tagger_for(settings: Settings) -> Tagger:
    """The tag stage's vocabulary, segmenter and stop words, from the files the settings name."""
    return Tagger(load_vocabulary(settings.themes_file), domain_segmenter(settings.domain_words_file),
                  load_stopwords(settings.stopwords_file))


def build(settings: Settings, extensions: list[object], progress: Callable[[int, int], None] | None = None
          ) -> BuildResult:
    """Convert every report under `settings.reports_dir`; write the generated pages to `settings.pages_dir`."""
    started = time.perf_counter()
    esc = Escaper.for_extensions(extensions)
    if not settings.reports_dir.is_dir():
        raise ReportsFolderMissing(f"报告文件夹 {settings.reports_dir} 不存在；"
                                   "请创建它并放入报告（或在 mkdocs.yml 中设置 reports_dir）")
    tagger = tagger_for(settings)
    vocabulary, segmenter = tagger.vocabulary, tagger.segmenter
    sources, problems = discover(settings.reports_dir, settings.max_report_bytes)
    cache = Cache(settings.cache_dir, settings.vocabulary_files)
    reports, load_problems, converted = load_reports(sources, cache, progress, tagger)
    problems.extend(load_problems)
    reports.sort(key=lambda r: (-(r.meta.year or 0), r.source))
    store_collection_fields(reports)
    cat = catalogue(reports, vocabulary, settings.limits)
    pages = render_pages(reports, cat, esc, problems)
    if len(pages) < len(reports):  # a report whose page failed is left out of every list
        reports = [r for r in reports if site_paths.report_page(r.slug) in pages]
        cat = catalogue(reports, vocabulary, settings.limits)
    pages.update(index.index_pages(reports, esc))
    pages.update(browse.browse_pages(cat, vocabulary, esc))
    pages.update(glossary.glossary_pages(reports, esc))
    pages.update(digest.digest_pages(reports, esc))
    pages.update(reader.site_pages(cat, esc))
    pages.update(checks.checks_page(reports, problems, esc))
    written, removed = sync_folder(settings.pages_dir, pages)
    return BuildResult(reports, problems, pages, written, removed, converted, time.perf_counter() - started,
                       segmenter)
