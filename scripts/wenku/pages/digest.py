"""Digest pages: 存在问题 and 下一步打算 across all reports, by year and report.

Each entry is one item the report lists — a numbered item heading (1.理论学习
不够深入), a lead-in (一是思想认识还不够到位。) or, for a paragraph without
either, its first clause — and links back to the passage on the report page.
"""

from __future__ import annotations

from wenku.model import Block, BlockKind, Report, Role
from wenku.pages import paths as site_paths
from wenku.pages import years as index
from wenku.pages.escape import Escaper
from wenku.pages.render import NOT_SEARCHED, front_matter, mark_text
from wenku.tag.snippets import clause_end, lead_ranges

DIGESTS = (  # role, folder, title, what an entry is
    (Role.PROBLEMS, "problems", "存在问题", "报告中自述的问题和不足"),
    (Role.NEXT_STEPS, "next-steps", "下一步打算", "报告中提出的下一步工作打算和举措"),
)
ENTRY_CHARS = 60
MIN_LEAD_CHARS = 6  # a lead-in as short as 一是 says nothing: use its clause instead


def shorten(value: str) -> str:
    value = value.strip()
    return value if len(value) <= ENTRY_CHARS else value[: ENTRY_CHARS - 1] + "…"


def paragraph_items(block: Block) -> list[str]:
    items = []
    for start, end in sorted(lead_ranges(block)):
        if end - start < MIN_LEAD_CHARS:
            end = clause_end(block.text, start)
        items.append(shorten(block.text[start:end]))
    return items or [shorten(block.text[: clause_end(block.text, 0)])]


def entries(report: Report, role: str) -> list[tuple[str, str]]:
    """(anchor, text) of every item of `role` in the report, in order."""
    found: list[tuple[str, str]] = []
    container_level: int | None = None  # level of the heading that opened the role's section
    under_item = False
    for block in report.blocks:
        if block.kind == BlockKind.HEADING:
            if role not in block.roles:
                container_level, under_item = None, False
            elif container_level is None or block.level <= container_level:
                container_level, under_item = block.level, False
            else:
                found.append((block.anchor, block.label))
                under_item = True
        elif role in block.roles and block.anchor and not under_item:
            found.extend((block.anchor, item) for item in paragraph_items(block))
    return found


def digest_pages(reports: list[Report], esc: Escaper) -> dict[str, str]:
    pages: dict[str, str] = {}
    for role, folder, title, what in DIGESTS:
        listed = [(r, entries(r, role)) for r in reports]
        listed = [(r, found) for r, found in listed if found]
        years = index.by_year([r for r, _ in listed])
        found_of = {id(r): found for r, found in listed}
        lines = [f"# {title}", "", f"{what}，按年份和报告汇总，每条都链接到原文。", ""]
        lines += [f"- [{index.year_label(y)}]({y}.md)（{len(rs)} 篇）" for y, rs in years.items()]
        if not years:
            lines.append("暂无报告列出这一部分。")
        pages[f"{folder}/index.md"] = front_matter({"title": title}) + "\n".join(lines) + "\n"
        for key, group in years.items():
            page_title = f"{title} · {index.year_label(key)}"
            body = [f"# {page_title}", "", f"{len(group)} 篇报告。[← {title}](index.md)", ""]
            for report in group:
                body.append(index.report_link(report, esc, "../"))
                body += [f"    - [{mark_text(item, esc, at_block_start=False)}](../{site_paths.report_page(report.slug)}#{anchor})"
                         for anchor, item in found_of[id(report)]]
            pages[f"{folder}/{key}.md"] = front_matter({"title": page_title, **NOT_SEARCHED}) + "\n".join(body) + "\n"
    return pages
