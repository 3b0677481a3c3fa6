"""The statistics page (stats.md): figures about the collection, drawn at build
time as inline SVG — reports per year, theme frequency overall and per year,
the units with most reports, and the themes most often named where reports
list their problems (存在问题).
"""

from __future__ import annotations

from collections import Counter

from wenku.model import BlockKind, Report, Role
from wenku.pages import paths as site_paths
from wenku.pages.catalogue import Catalogue
from wenku.pages.charts import Bar, heatmap, horizontal_bars, vertical_bars
from wenku.pages.render import front_matter
from wenku.pages.years import year_label

TOP_UNITS = 15
NO_THEMES = "主题标注尚未生成，生成后此处显示图表。"


def problem_themes(report: Report) -> set[str]:
    """Themes of the passages a report marks as problems (role "problems").

    A problem block counts with the themes tagged on its own anchor, else on its
    nearest enclosing heading that has themes (the 存在问题 section itself, or
    the section an unheaded closing paragraph belongs to)."""
    themes: set[str] = set()
    open_headings: list[tuple[int, str]] = []  # (level, anchor), outermost first
    for block in report.blocks:
        if block.kind == BlockKind.HEADING:
            while open_headings and open_headings[-1][0] >= block.level:
                open_headings.pop()
            open_headings.append((block.level, block.anchor))
        if Role.PROBLEMS not in block.roles:
            continue
        candidates = [block.anchor] + [anchor for _, anchor in reversed(open_headings)]
        tagged = next((a for a in candidates if a and report.section_themes.get(a)), None)
        if tagged:
            themes.update(report.section_themes[tagged])
    return themes


def years_chart(cat: Catalogue) -> str:
    bars = [Bar(year_label(key), len(rs)) for key, rs in reversed(cat.years.items())]
    if "unknown" in cat.years:  # keep 未注明年份 after the years, not before them
        bars = bars[1:] + bars[:1]
    return vertical_bars("wk-chart-years", "每年报告数", bars, "篇", "每年收录的报告篇数（按报告标题或首句中的年份）。")


def themes_chart(cat: Catalogue) -> str:
    if not cat.themes:
        return NO_THEMES
    bars = [Bar(theme, len(rs)) for theme, rs in cat.themes.items()]
    return horizontal_bars("wk-chart-themes", "主题出现频次", bars, "篇", "涉及各主题的报告篇数（一篇报告可涉及多个主题）。")


def theme_years_chart(cat: Catalogue) -> str:
    years = [key for key in reversed(cat.years) if key != "unknown"]
    if not cat.themes or not years:
        return NO_THEMES
    counts = {(theme, key): sum(1 for r in rs if str(r.meta.year) == key)
              for theme, rs in cat.themes.items() for key in years}
    totals = {key: len(cat.years[key]) for key in years}
    return heatmap("wk-chart-theme-years", "主题年度分布", list(cat.themes), years, counts, totals,
                   "每格为当年涉及该主题的报告篇数；颜色越深，占当年报告的比例越高。")


def units_chart(cat: Catalogue) -> str:
    if not cat.units:
        return "尚无注明单位的报告。"
    bars = [Bar(unit, len(rs)) for unit, rs in list(cat.units.items())[:TOP_UNITS]]
    return horizontal_bars("wk-chart-units", "报告最多的单位", bars, "篇",
                           f"收录报告最多的 {len(bars)} 个单位（单位按报告标题中的名称）。")


def problems_chart(cat: Catalogue) -> str:
    counts = Counter(theme for report in cat.reports for theme in problem_themes(report))
    if not counts:
        return NO_THEMES if not cat.themes else "尚无标注主题的“存在问题”段落。"
    bars = [Bar(theme, n) for theme, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return horizontal_bars("wk-chart-problems", "“存在问题”中最常涉及的主题", bars, "篇",
                           "在“存在问题”部分涉及各主题的报告篇数。")


def overview(cat: Catalogue) -> str:
    """Counts only: no character totals, so editing one report's text leaves this page unchanged."""
    known = sorted(int(y) for y in cat.years if y != "unknown")
    span = (f"{known[0]}—{known[-1]}" if known[0] != known[-1] else f"{known[0]} 年") if known else "未注明"
    facts = [("报告", f"{len(cat.reports)} 篇"), ("年份范围", span), ("单位", f"{len(cat.units)} 个"),
             ("类型", f"{len(cat.types)} 种"), ("主题", f"{len(cat.themes)} 个")]
    items = "".join(f'<div class="wk-stat"><span class="wk-stat-value">{value}</span>'
                    f'<span class="wk-label">{label}</span></div>' for label, value in facts)
    return f'<div class="wk-overview">{items}</div>'


def stats_page(cat: Catalogue) -> str:
    sections = [
        ("每年报告数", years_chart(cat)),
        ("主题出现频次", themes_chart(cat)),
        ("主题年度分布", theme_years_chart(cat)),
        ("报告最多的单位", units_chart(cat)),
        ("“存在问题”中最常涉及的主题", problems_chart(cat)),
    ]
    parts = ["# 统计", overview(cat)] + [f"## {title}\n\n{body}" for title, body in sections]
    parts.append(f"按年份、单位查看报告：[按年份浏览]({site_paths.YEARS_INDEX}) · [按单位浏览]({site_paths.UNITS_INDEX})"
                 "\n{: .wk-more }")
    return front_matter({"title": "统计"}) + "\n\n".join(parts) + "\n"
