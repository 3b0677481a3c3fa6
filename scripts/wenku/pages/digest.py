"""Digest pages: 存在问题 and 下一步打算 across all reports, one page each.

Each entry is one item a report lists — a numbered item heading with the text under it
(1.理论学习不够深入 …), a lead-in with the rest of its sentence group (一是思想认识还不够到位。…)
or a paragraph without either — shown as the report wrote it, with its report's year and
unit and a link back to the passage. wenku-site.js filters the entries by year, unit and
theme in the reader's browser (no server): each entry carries them as data-wk-* attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wenku.model import Block, BlockKind, Report, Role
from wenku.pages import paths as site_paths
from wenku.pages import years as index
from wenku.pages.escape import Escaper
from wenku.pages.fragments import remembered
from wenku.pages.render import NOT_SEARCHED, front_matter, mark_text
from wenku.tag.snippets import clause_end, lead_ranges

DIGESTS = (  # role, folder, title, what an entry is
    (Role.PROBLEMS, "problems", "存在问题", "报告中自述的问题和不足"),
    (Role.NEXT_STEPS, "next-steps", "下一步打算", "报告中提出的下一步工作打算和举措"),
)
ENTRY_CHARS = 60
MIN_LEAD_CHARS = 6  # a lead-in as short as 一是 says nothing: use its clause instead


@dataclass
class Item:
    anchor: str  # where the passage is on the report page
    label: str  # what the item is called (its heading or lead-in), shortened
    texts: list[str] = field(default_factory=list)  # the author's text of the item, by paragraph
    themes: list[str] = field(default_factory=list)


def shorten(value: str) -> str:
    value = value.strip()
    return value if len(value) <= ENTRY_CHARS else value[: ENTRY_CHARS - 1] + "…"


def paragraph_items(block: Block, themes: list[str]) -> list[Item]:
    """One item per lead-in (text before the first lead-in goes with it), else the whole paragraph."""
    leads = sorted(lead_ranges(block))
    if not leads:
        return [Item(block.anchor, shorten(block.text[: clause_end(block.text, 0)]), [block.text], themes)]
    items = []
    for i, (start, end) in enumerate(leads):
        if end - start < MIN_LEAD_CHARS:
            end = clause_end(block.text, start)
        stop = leads[i + 1][0] if i + 1 < len(leads) else len(block.text)
        text = block.text[0 if i == 0 else start: stop].strip()
        items.append(Item(block.anchor, shorten(block.text[start:end]), [text], themes))
    return items


def _themes(report: Report, anchors: list[str]) -> list[str]:
    """Themes of the first of `anchors` (the passage, then its enclosing headings) that has any."""
    return next((report.section_themes[a] for a in anchors if a and report.section_themes.get(a)), [])


def items(report: Report, role: str) -> list[Item]:
    """Every item of `role` in the report, in order."""
    found: list[Item] = []
    container_level: int | None = None  # level of the heading that opened the role's section
    current: Item | None = None  # the item heading whose text is being collected
    open_headings: list[tuple[int, str]] = []
    for block in report.blocks:
        if block.kind == BlockKind.HEADING:
            while open_headings and open_headings[-1][0] >= block.level:
                open_headings.pop()
            open_headings.append((block.level, block.anchor))
            enclosing = [a for _, a in reversed(open_headings)]
            if role not in block.roles:
                container_level, current = None, None
            elif container_level is None or block.level <= container_level:
                container_level, current = block.level, None
            else:
                current = Item(block.anchor, block.label, [block.text], _themes(report, enclosing))
                found.append(current)
        elif block.kind == BlockKind.PARAGRAPH:
            if current is not None:
                current.texts.append(block.text)
            elif role in block.roles and block.anchor:
                enclosing = [block.anchor] + [a for _, a in reversed(open_headings)]
                found.extend(paragraph_items(block, _themes(report, enclosing)))
    return found


def entries(report: Report, role: str) -> list[tuple[str, str]]:
    """(anchor, label) of every item of `role` in the report, in order."""
    return [(item.anchor, item.label) for item in items(report, role)]


def _options(name: str, label: str, everything: str, values: list[str], esc: Escaper) -> str:
    options = "".join(f'<option value="{esc.attribute(v)}">{esc.inline_text(v)}</option>' for v in values)
    return f'<label>{label} <select name="{name}"><option value="">{everything}</option>{options}</select></label>'


def filters(found: list[tuple[Report, list[Item]]], esc: Escaper) -> str:
    years = list(dict.fromkeys(index.year_label(index.year_key(r)) for r, _ in found))
    units = sorted({r.meta.unit for r, _ in found if r.meta.unit})
    themes = sorted({t for _, its in found for item in its for t in item.themes})
    return ('<form class="wk-filters wk-added" data-wk-for="#wk-digest" data-pagefind-ignore="" hidden>'
            + _options("year", "年份", "全部年份", years, esc) + _options("unit", "单位", "全部单位", units, esc)
            + _options("theme", "主题", "全部主题", themes, esc)
            + '<button type="reset" class="md-button">清除筛选</button><span class="wk-filter-count"></span></form>')


def item_block(report: Report, item: Item, esc: Escaper) -> str:
    year = index.year_label(index.year_key(report))
    attrs = (f'data-wk-year="{esc.attribute(year)}" data-wk-unit="{esc.attribute(report.meta.unit)}" '
             f'data-wk-theme="{esc.attribute("|".join(item.themes))}"')
    link = f"../{site_paths.report_page(report.slug)}#{item.anchor}"
    paragraphs = [mark_text(text, esc) for text in item.texts]
    paragraphs[-1] += f' [原文 →]({link}){{: .wk-to-passage }}'
    return f'<div class="wk-digest-item" {attrs} markdown>\n\n' + "\n\n".join(paragraphs) + "\n\n</div>\n"


def digest_page(title: str, what: str, found: list[tuple[Report, list[Item]]], esc: Escaper,
                memo: dict | None = None) -> str:
    total = sum(len(its) for _, its in found)
    lines = [f"# {title}", "", f"{what}，共 {total} 条，来自 {len(found)} 篇报告；每条照录原文，并链接到报告中的原处。"
             "可按年份、单位和主题筛选。\n{: .wk-intro }", "", filters(found, esc), "", '<div id="wk-digest" markdown>', ""]
    if not found:
        lines.append("暂无报告列出这一部分。")
    by_year = index.by_year([r for r, _ in found])
    items_of = {id(r): its for r, its in found}
    for key, group in by_year.items():
        lines += ['<section class="wk-digest-year" markdown>', "", f"## {index.year_label(key)}", ""]
        for report in group:
            lines += ['<section class="wk-digest-report" markdown>', "", index.report_link(report, esc, "../")
                      .removeprefix("- ") + "\n{: .wk-digest-source }", ""]
            role_items = items_of[id(report)]
            lines += remembered(memo, "digest", report, (title, esc),
                                lambda report=report, its=role_items: [item_block(report, item, esc) for item in its])
            lines += ["", "</section>", ""]
        lines += ["</section>", ""]
    lines.append("</div>")
    return front_matter({"title": title, **NOT_SEARCHED}) + "\n".join(lines) + "\n"


def digest_pages(reports: list[Report], esc: Escaper, memo: dict | None = None) -> dict[str, str]:
    pages: dict[str, str] = {}
    for role, folder, title, what in DIGESTS:
        found = [(r, remembered(memo, "items", r, (role,), lambda r=r, role=role: items(r, role))) for r in reports]
        pages[f"{folder}/index.md"] = digest_page(title, what, [(r, its) for r, its in found if its], esc, memo)
    return pages
