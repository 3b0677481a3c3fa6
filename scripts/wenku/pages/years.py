"""Stage 6 — index: the pages that list reports by year (the home page: home.py).

Links are relative Markdown links between generated pages, so MkDocs checks
every one of them and `mkdocs build --strict` fails on a broken link.
"""

from __future__ import annotations

from collections import defaultdict

from wenku.model import Report
from wenku.pages import paths as site_paths
from wenku.pages.escape import Escaper
from wenku.pages.render import NOT_SEARCHED, front_matter, mark_text

NO_YEAR = "未注明年份"


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
    return f"- [{title}]({prefix}{site_paths.report_page(report.slug)}){suffix}"


def year_page(key: str, reports: list[Report], esc: Escaper) -> str:
    lines = [f"# {year_label(key)}报告（{len(reports)} 篇）", ""]
    lines += [report_link(r, esc, "../") for r in sorted(reports, key=lambda r: r.meta.title)]
    return front_matter({"title": f"{year_label(key)}报告"}) + "\n".join(lines) + "\n"


def years_index(years: dict[str, list[Report]], esc: Escaper) -> str:
    """Every report, newest year first: the years as a row of jump links, then each year's reports."""
    jumps = " · ".join(f"[{year_label(y)}（{len(rs)} 篇）](#y-{y})" for y, rs in years.items())
    lines = ["# 按年份浏览", "", f"共 {sum(len(rs) for rs in years.values())} 篇报告。" + (f" {jumps}" if jumps else ""),
             "{: .wk-year-jumps }", ""]
    for key, reports in years.items():
        lines += [f"## [{year_label(key)}]({key}.md)（{len(reports)} 篇） {{ #y-{key} }}", ""]
        lines += [report_link(r, esc, "../") for r in sorted(reports, key=lambda r: r.meta.title)] + [""]
    return front_matter({"title": "按年份浏览", **NOT_SEARCHED}) + "\n".join(lines) + "\n"


def index_pages(reports: list[Report], esc: Escaper) -> dict[str, str]:
    years = by_year(reports)
    pages = {"years/index.md": years_index(years, esc)}  # the home page: home.py
    pages.update({f"years/{y}.md": year_page(y, rs, esc) for y, rs in years.items()})
    return pages
