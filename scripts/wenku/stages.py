"""One report through the per-report stages: read → clean → structure → tag.

`structured` is everything that depends on one report alone (the cache keeps its result);
pipeline.py runs it for every report and adds what depends on the whole collection.
"""

from __future__ import annotations

from wenku.clean.artefacts import ARTEFACT_LABELS, clean
from wenku.clean.unflatten import unflatten
from wenku.model import BlockKind, Level, Metadata, Problem, RawReport, Report, Tagging
from wenku.read.sources import SourceFile, SourceKind
from wenku.read.text import read_text_report
from wenku.structure.anchors import block_anchors
from wenku.structure.blocks import build_blocks, strip_line, styled_heading_levels
from wenku.structure.furniture import lay_out, signing_unit
from wenku.structure.metadata import metadata_of
from wenku.structure.parts import nest_appended_parts
from wenku.tag.tagger import Tagger, analyse
from wenku.textrules import WHITESPACE


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
