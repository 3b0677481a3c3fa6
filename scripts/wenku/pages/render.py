"""Stage 5 — render: a structured `Report` → one Markdown page with YAML front matter.

The page is plain Markdown (no plugin needed to read it). Report text goes
through `Escaper`, redaction marks (**, ***, XX …) become a styled span, and
bold lead-ins a <strong>. Everything wenku adds around the author's text
carries a class starting with ``wk-`` so it can be told apart from the report.
"""

from __future__ import annotations

import functools
import html
import json
import re

import yaml

from wenku.model import Block, BlockKind, Report, Role, SpanKind
from wenku.pages.escape import Escaper

# Redaction placeholders: runs of * (also *+* and **+**+**), and X/XX that are
# not part of a Latin word (the X of LED is text, not a redaction).
REDACTION = re.compile(r"[*＊]+(?:\+[*＊]+)*|(?<![A-Za-z])[XＸ]+(?![A-Za-z])")
REDACTION_TITLE = "原文已隐去"
PAGE_INFO_SHOWN = ("来源", "时间", "作者", "编辑")  # kept from removed web-page lines (clean.py)
TRAILING_HASHES = re.compile(r"#+$")
# libyaml's emitter writes the same YAML as PyYAML's pure-Python one, 7× faster.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Written raw, these break a YAML line although PyYAML treats them as printable.
YAML_RAW_LINE_BREAKS = "\x85\u2028\u2029"


# Front matter of listing pages whose text repeats the reports' (snippets, titles):
# kept out of the search index, where they would only duplicate the reports.
NOT_SEARCHED = {"search": {"exclude": True}}


def front_matter(data: dict) -> str:
    """YAML front matter written by a YAML library (MkDocs silently drops invalid YAML)."""
    return _front_matter(json.dumps(data, ensure_ascii=False))


@functools.lru_cache(maxsize=1 << 14)  # PyYAML's representer is pure Python; most pages' data repeat build to build
def _front_matter(data_json: str) -> str:
    data = json.loads(data_json)
    dumped = yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    if any(ch in dumped for ch in YAML_RAW_LINE_BREAKS):
        dumped = yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=False, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n\n"


def mark_text(text: str, esc: Escaper, spans=(), at_block_start: bool = True) -> str:
    """Escape `text`, wrapping redactions and lead-in spans in HTML."""
    if not spans:  # titles, labels, most paragraphs: called ~100 times per report page
        return _redacted(text, esc, at_block_start)
    leads = sorted((s.start, s.end) for s in spans if s.kind == SpanKind.LEAD)
    out: list[str] = []
    pos = 0
    for start, end in leads:
        out.append(_redacted(text[pos:start], esc, at_block_start and pos == 0))
        out.append(f'<strong class="wk-lead">{_redacted(text[start:end], esc, False)}</strong>')
        pos = end
    out.append(_redacted(text[pos:], esc, at_block_start and pos == 0))
    return "".join(out)


@functools.lru_cache(maxsize=1 << 17)  # listings repeat the same titles and passages (and every rebuild under serve)
def _redacted(text: str, esc: Escaper, at_block_start: bool) -> str:
    if not REDACTION.search(text):
        return _escape(text, esc, at_block_start)
    out: list[str] = []
    pos = 0
    for match in REDACTION.finditer(text):
        out.append(_escape(text[pos:match.start()], esc, at_block_start and pos == 0))
        out.append(f'<span class="wk-redacted" title="{REDACTION_TITLE}">{esc.inline_text(match.group())}</span>')
        pos = match.end()
    out.append(_escape(text[pos:], esc, at_block_start and pos == 0))
    return "".join(out)


def _escape(text: str, esc: Escaper, at_block_start: bool) -> str:
    return esc.block_text(text) if at_block_start else esc.inline_text(text)


def render_block(block: Block, esc: Escaper) -> str:
    if block.kind in (BlockKind.FRONT, BlockKind.FURNITURE):  # official-document furniture (furniture.py)
        return f"{mark_text(block.text, esc)}\n{{: .wk-furniture .wk-{block.label} }}"
    if block.kind == BlockKind.HEADING:
        attrs = f'#{block.anchor}'
        if block.label != block.text:
            attrs += f' data-toc-label="{esc.attribute(block.label)}"'
        return f"{'#' * block.level} {mark_text(block.text, esc)} {{ {attrs} }}"
    body = mark_text(block.text, esc, block.spans)
    return f"{body}\n{{: #{block.anchor} }}" if block.anchor else body


def report_front_matter(report: Report) -> dict:
    meta = report.meta
    data = {
        # Material puts the front-matter title into <title> and the header unescaped.
        "title": html.escape(meta.title),
        "year": meta.year,
        "unit": meta.unit,
        "doc_type": meta.doc_type,
        "source": report.source,
        "chars": report.chars,
    }
    if report.main_themes:
        data["tags"] = list(report.main_themes)
    if report.keywords:
        data["keywords"] = list(report.keywords)
    data.update(role_passages(report))
    data.update({k: v for k, v in meta.extra.items()})
    return data


def role_passages(report: Report) -> dict[str, list[dict]]:
    """Problem and next-step paragraphs, each with its anchor and the heading it stands under."""
    passages: dict[str, list[dict]] = {str(role): [] for role in Role}  # YAML keys: plain strings
    heading = ""
    for block in report.blocks:
        if block.kind == BlockKind.HEADING:
            heading = block.label
            continue
        for role in block.roles:
            passages[str(role)].append({"anchor": block.anchor, "heading": heading, "text": block.text})
    return passages


def meta_line(report: Report, esc: Escaper) -> str:
    meta = report.meta
    parts = []
    if meta.year:
        parts.append(f"{meta.year}年")
    if meta.unit:
        parts.append(mark_text(meta.unit, esc, at_block_start=False))
    if meta.doc_type:
        parts.append(meta.doc_type)
    parts.extend(f"{key}：{mark_text(meta.extra[key], esc, at_block_start=False)}"
                 for key in PAGE_INFO_SHOWN if meta.extra.get(key))
    parts.append(f"原始文件：{esc.inline_text(report.source)}")
    return " · ".join(parts) + "\n{: .wk-meta }"


def render_blocks(report: Report, esc: Escaper) -> tuple[list[str], list[str]]:
    """The report's own text as Markdown: the blocks above the title, and the others.
    Depends on the report alone (the pipeline keeps it across `mkdocs serve` rebuilds)."""
    front = [render_block(b, esc) for b in report.blocks if b.kind == BlockKind.FRONT]  # above the title, as typed
    return front, [render_block(block, esc) for block in report.blocks if block.kind != BlockKind.FRONT]


def render_report(report: Report, esc: Escaper, header: str = "", footer: str = "",
                  blocks: tuple[list[str], list[str]] | None = None) -> str:
    """The whole Markdown page of one report. `header` (the reader's metadata card)
    replaces the plain metadata line; `footer` follows the report text; `blocks` is
    `render_blocks(report, esc)` if already made."""
    front, body = blocks or render_blocks(report, esc)
    # Markdown drops trailing #s of an ATX heading ("# 0#" is "0"): keep them as text.
    title = TRAILING_HASHES.sub(lambda m: "&#35;" * len(m.group()), mark_text(report.meta.title, esc))
    parts = front + [f"# {title}", header or meta_line(report, esc)] + body
    if footer:
        parts.append(footer)
    return front_matter(report_front_matter(report)) + "\n\n".join(parts) + "\n"
