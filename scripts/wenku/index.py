"""Stage 6 — index: the pages that list reports (home, years).

Links are relative Markdown links between generated pages, so MkDocs checks
every one of them and `mkdocs build --strict` fails on a broken link.
"""

from __future__ import annotations

from collections import defaultdict

from .escape import Escaper
from .model import Report
from .render import front_matter, mark_text

SITE_INTRO = ("本站收录各机关、党支部的工作总结和述职报告（党建工作总结、述职报告、学习型机关建设总结等），"
              "按年份、主题和单位整理，可全文检索。原文照录，打码处（如 ** 、XX）以灰底标出。")
NO_YEAR = "未注明年份"
LATEST = 10
BROWSE_LINKS = [  # pages made by browse.py, glossary.py and digest.py
    "- [按主题](themes/index.md)：政治建设、组织建设、党风廉政……每个主题下列出讨论它的报告和章节",
    "- [按单位](units/index.md) · [按类型](types/index.md)",
    "- [提法](glossary/index.md)：“三会一课”“两个维护”等提法及使用它们的报告",
    "- [存在问题](problems/index.md) · [下一步打算](next-steps/index.md)：各报告所列问题和打算的汇编",
]


def year_key(report: Report) -> str:
    return str(report.meta.year) if report.meta.year else "unknown"


def year_label(key: str) -> str:
    return f"{key}年" if key != "unknown" else NO_YEAR


def by_year(reports: list[Report]) -> dict[str, list[Report]]:
    """Year → reports, newest year first, reports without a year last."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[year_key(report)].append(report)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == "unknown", -int(kv[0]) if kv[0] != "unknown" else 0)))


def report_link(report: Report, esc: Escaper, prefix: str) -> str:
    title = mark_text(report.meta.title, esc, at_block_start=False)
    details = " · ".join(mark_text(x, esc, at_block_start=False) for x in (report.meta.unit, report.meta.doc_type) if x)
    suffix = f" <span class=\"wk-details\">{details}</span>" if details else ""
    return f"- [{title}]({prefix}reports/{report.slug}.md){suffix}"


def home_page(reports: list[Report], esc: Escaper) -> str:
    years = by_year(reports)
    lines = [f"# 文库\n\n{esc.inline_text(SITE_INTRO)}\n{{: .wk-intro }}", f"共收录 **{len(reports)}** 篇报告。",
             "## 按年份", ""]
    lines += [f"- [{year_label(y)}](years/{y}.md)（{len(rs)} 篇）" for y, rs in years.items()]
    lines += ["", "## 浏览", ""] + BROWSE_LINKS
    lines += ["", "## 最新收录", ""]
    lines += [report_link(r, esc, "") for r in reports[:LATEST]]
    return front_matter({"title": "文库首页", "hide": ["navigation"]}) + "\n".join(lines) + "\n"


def year_page(key: str, reports: list[Report], esc: Escaper) -> str:
    lines = [f"# {year_label(key)}报告（{len(reports)} 篇）", ""]
    lines += [report_link(r, esc, "../") for r in sorted(reports, key=lambda r: r.meta.title)]
    return front_matter({"title": f"{year_label(key)}报告"}) + "\n".join(lines) + "\n"


def years_index(years: dict[str, list[Report]]) -> str:
    lines = ["# 按年份浏览", ""] + [f"- [{year_label(y)}]({y}.md)（{len(rs)} 篇）" for y, rs in years.items()]
    return front_matter({"title": "按年份浏览"}) + "\n".join(lines) + "\n"


def index_pages(reports: list[Report], esc: Escaper) -> dict[str, str]:
    years = by_year(reports)
    pages = {"index.md": home_page(reports, esc), "years/index.md": years_index(years)}
    pages.update({f"years/{y}.md": year_page(y, rs, esc) for y, rs in years.items()})
    return pages
