"""What a report page has around the author's text: the metadata card on top
(year, unit, type, length, reading time, download of the original, themes,
keywords), an outline for screens too narrow for the table of contents, and at
the bottom related reports and previous/next within the same year.

Every element carries a ``wk-*`` class; report-derived text goes through
`mark_text` / `Escaper`. Links are Markdown links (inside ``markdown`` HTML
blocks, md_in_html), so MkDocs rewrites and checks every one of them.
"""

from __future__ import annotations

import math
from pathlib import PurePosixPath

from wenku.model import Block, BlockKind, Report
from wenku.pages import paths as site_paths
from wenku.pages.catalogue import Catalogue
from wenku.pages.escape import Escaper
from wenku.pages.render import mark_text
from wenku.pages.years import year_key, year_label

CHARS_PER_MINUTE = 400  # reading speed for Chinese prose
OUTLINE_LEVELS = (2, 3, 4)
# The furniture repeats what the page already says (title, headings) or lists
# other reports: kept out of the search index, Material's and Pagefind's alike,
# and marked wk-added so text checks can tell it from the report's own text.
ADDED = 'class="wk-added {css}" data-search-exclude="" data-pagefind-ignore=""'


def reading_minutes(chars: int) -> int:
    return max(1, math.ceil(chars / CHARS_PER_MINUTE))


def _text(text: str, esc: Escaper) -> str:
    return mark_text(text, esc, at_block_start=False)


def _fact(label: str, value: str) -> str:
    return f'<span class="wk-fact"><span class="wk-label">{label}</span> {value}</span>'


def _link(text: str, from_page: str, to_page: str, attrs: str = "") -> str:
    suffix = f"{{: {attrs} }}" if attrs else ""
    return f"[{text}]({site_paths.relative(from_page, to_page)}){suffix}"


def facts_row(report: Report, cat: Catalogue, esc: Escaper) -> str:
    page = site_paths.report_page(report.slug)
    key = year_key(report)
    facts = [_fact("年份", _link(year_label(key), page, site_paths.year_page(key)))]
    if report.meta.unit:
        facts.append(_fact("单位", _link(_text(report.meta.unit, esc), page, cat.unit_pages[report.meta.unit])))
    if report.meta.doc_type:
        facts.append(_fact("类型", _link(_text(report.meta.doc_type, esc), page, cat.type_pages[report.meta.doc_type])))
    facts.append(_fact("篇幅", f"{report.chars:,} 字"))
    facts.append(_fact("阅读", f"约 {reading_minutes(report.chars)} 分钟"))
    facts.append(_fact("原文", download_link(report, esc)))
    return " ".join(facts) + "\n{: .wk-facts }"


def download_label(report: Report) -> str:
    """下载原文（TXT，12 KB）: the format and size, not the file's (often meaningless) name."""
    kind = (PurePosixPath(report.source).suffix.lstrip(".") or "txt").upper()
    size = f"{max(1, round(report.size / 1024))} KB" if report.size < 2**20 else f"{report.size / 2**20:.1f} MB"
    return f"下载原文（{kind}，{size}）"


def download_link(report: Report, esc: Escaper) -> str:
    """The copy of the source file; `download` saves it under its original (Chinese) name, shown on hover."""
    page, name = site_paths.report_page(report.slug), PurePosixPath(report.source).name
    return _link(download_label(report), page, site_paths.original_file(report.slug, report.source),
                 f'.wk-download download="{esc.attribute(name)}" title="原始文件：{esc.attribute(report.source)}"')


def print_line(report: Report, esc: Escaper) -> str:
    """Shown only on paper (wenku.css): where the printed text comes from."""
    parts = [f"{year_label(year_key(report))}"] + [_text(x, esc) for x in (report.meta.unit, report.meta.doc_type) if x]
    parts.append(f"来源：文库 · 原始文件 {esc.inline_text(report.source)}")
    return " · ".join(parts) + "\n{: .wk-print-source }"


def chips_row(label: str, chips: list[str], css: str) -> str:
    return f'<span class="wk-label">{label}</span> ' + " ".join(chips) + f"\n{{: .{css} }}"


def card(report: Report, cat: Catalogue, esc: Escaper) -> str:
    """The metadata card shown under the title (and on top of the printed page)."""
    page = site_paths.report_page(report.slug)
    rows = [facts_row(report, cat, esc), print_line(report, esc)]
    more = []
    if report.main_themes:  # what the report is about; its sections' themes are on the theme pages
        chips = [_link(esc.inline_text(t), page, cat.theme_pages[t], ".md-tag .wk-chip") for t in report.main_themes
                 if t in cat.theme_pages]
        more.append(chips_row("主题", chips, "wk-themes"))
    if report.keywords:
        chips = [f'<span class="wk-chip">{_text(k, esc)}</span>' for k in report.keywords]
        more.append(chips_row("关键词", chips, "wk-keywords"))
    if more:  # folded on phones; wenku-site.js opens it on wider screens
        rows.append('<details class="wk-card-more" markdown>\n<summary>主题与关键词</summary>\n\n'
                    + "\n\n".join(more) + "\n\n</details>")
    return f'<div {ADDED.format(css="wk-card")} markdown>\n\n' + "\n\n".join(rows) + "\n\n</div>"


def outline(report: Report, esc: Escaper) -> str:
    """The author's outline as nested links, for screens where Material hides the table of contents."""
    headings = [b for b in report.blocks if b.kind == BlockKind.HEADING and b.level in OUTLINE_LEVELS and b.anchor]
    if len(headings) < 2:
        return ""
    lines = [f"{'    ' * depth}- [{_text(b.label, esc)}](#{b.anchor})" for b, depth in _depths(headings)]
    return (f'<details {ADDED.format(css="wk-outline")} markdown>\n<summary>提纲</summary>\n\n' + "\n".join(lines)
            + "\n\n</details>")


def _depths(headings: list[Block]) -> list[tuple[Block, int]]:
    """Nesting depth of each heading: how many open headings of a higher rank enclose it
    (levels may be skipped, e.g. 一、 directly followed by 1.)."""
    open_levels: list[int] = []
    out = []
    for block in headings:
        while open_levels and open_levels[-1] >= block.level:
            open_levels.pop()
        out.append((block, len(open_levels)))
        open_levels.append(block.level)
    return out


def neighbours(report: Report, cat: Catalogue) -> tuple[Report | None, Report | None]:
    """Previous and next report in the year page's order."""
    same_year = cat.years[year_key(report)]
    at = cat.year_position[report.slug]
    return (same_year[at - 1] if at > 0 else None), (same_year[at + 1] if at + 1 < len(same_year) else None)


def related_block(report: Report, cat: Catalogue, esc: Escaper) -> str:
    page = site_paths.report_page(report.slug)
    related = [cat.by_slug[s] for s in report.related if s in cat.by_slug and s != report.slug]
    if not related:
        return ""
    items = [f"- {_link(_text(r.meta.title, esc), page, site_paths.report_page(r.slug))}"
             + details_span(r, esc) for r in related]
    return (f'<aside {ADDED.format(css="wk-related")} markdown>\n\n相关报告\n{{: .wk-aside-title }}\n\n' + "\n".join(items)
            + "\n\n</aside>")


def details_span(report: Report, esc: Escaper) -> str:
    parts = [year_label(year_key(report))] + [_text(x, esc) for x in (report.meta.unit, report.meta.doc_type) if x]
    return f' <span class="wk-details">{" · ".join(parts)}</span>'


def prev_next_block(report: Report, cat: Catalogue, esc: Escaper) -> str:
    page = site_paths.report_page(report.slug)
    previous, following = neighbours(report, cat)
    if not previous and not following:
        return ""
    year = year_label(year_key(report))
    links = []
    for other, css, caption in ((previous, "wk-prev", "上一篇"), (following, "wk-next", "下一篇")):
        if other:
            text = (f'<span class="wk-caption">{year} · {caption}</span> '
                    f'<span class="wk-title">{_text(other.meta.title, esc)}</span>')
            links.append(_link(text, page, site_paths.report_page(other.slug), f".{css}"))
    return f'<nav {ADDED.format(css="wk-prevnext")} markdown>\n\n' + " ".join(links) + "\n\n</nav>"


def footer(report: Report, cat: Catalogue, esc: Escaper) -> str:
    return "\n\n".join(part for part in (related_block(report, cat, esc), prev_next_block(report, cat, esc)) if part)
