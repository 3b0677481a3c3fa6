"""The home page: what the site is, a prominent search box, entry points by
theme, year (a timeline), unit and type with counts, and the latest reports.

The search box is a <label> for Material's search toggle (#__search), so it
opens the header search without any script of ours.
"""

from __future__ import annotations

from wenku.pages import paths as site_paths
from wenku.pages.catalogue import Catalogue
from wenku.pages.escape import Escaper
from wenku.pages.render import front_matter, mark_text
from wenku.pages.report_page import details_span
from wenku.pages.years import year_label

SITE_INTRO = ("本站收录各机关、党支部的工作总结和述职报告（党建工作总结、述职报告、学习型机关建设总结等），"
              "按年份、主题和单位整理，可全文检索。原文照录，打码处（如 ** 、XX）以灰底标出。")
SEARCH_TOGGLE = "__search"  # Material's checkbox that opens the header search
SEARCH_HINT = "搜索全部报告：输入关键词，如“三会一课”“主题党日”"
MAGNIFY_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 '
                '6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 '
                '9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/>'
                '</svg>')
TOP_UNITS = 12


def count(n: int) -> str:
    return f'<span class="wk-count">{n} 篇</span>'


def search_launcher() -> str:
    return (f'<div class="wk-search-launch">\n<label for="{SEARCH_TOGGLE}" class="wk-search-box" title="搜索">'
            f'{MAGNIFY_ICON}<span>{SEARCH_HINT}</span></label>\n</div>')


def summary_line(cat: Catalogue) -> str:
    parts = [f"共收录 **{len(cat.reports)}** 篇报告",
             f"{sum(1 for y in cat.years if y != 'unknown')} 个年份",
             f"{len(cat.units)} 个单位",
             f"[查看统计图表]({site_paths.STATS})"]
    return " · ".join(parts) + "\n{: .wk-summary }"


def entry(css: str, title: str, body: list[str], more: str = "") -> str:
    lines = [f'<section class="wk-entry {css}" markdown>', "", f"## {title}", "", *body]
    if more:
        lines += ["", more + "\n{: .wk-more }"]
    return "\n".join(lines + ["", "</section>"])


def themes_entry(cat: Catalogue, esc: Escaper) -> str:
    if not cat.themes:
        body = ["主题标注尚未生成。"]
    else:
        body = [f"- [{esc.inline_text(t)}]({cat.theme_pages[t]}) {count(len(rs))}"  # vocabulary, not report text
                for t, rs in cat.themes.items()]
    return entry("wk-entry-themes", "按主题", body, f"[全部主题 →]({site_paths.THEMES_INDEX})")


def years_entry(cat: Catalogue) -> str:
    most = max((len(rs) for rs in cat.years.values()), default=1)
    body = [f'- [{year_label(y)}]({site_paths.year_page(y)})<span class="wk-bar" '
            f'style="--wk-share: {100 * len(rs) / most:.0f}%"></span><span class="wk-count">（{len(rs)} 篇）</span>'
            for y, rs in cat.years.items()]  # no spaces: the text reads 2022年（4 篇）
    return entry("wk-entry-years", "按年份", body, f"[全部年份 →]({site_paths.YEARS_INDEX})")


def units_entry(cat: Catalogue, esc: Escaper) -> str:
    shown = list(cat.units.items())[:TOP_UNITS]
    body = [f"- [{mark_text(u, esc, at_block_start=False)}]({cat.unit_pages[u]}) {count(len(rs))}" for u, rs in shown]
    return entry("wk-entry-units", "按单位", body or ["尚无注明单位的报告。"],
                 f"[全部 {len(cat.units)} 个单位 →]({site_paths.UNITS_INDEX})")


def types_entry(cat: Catalogue, esc: Escaper) -> str:
    body = [f"- [{mark_text(t, esc, at_block_start=False)}]({cat.type_pages[t]}) {count(len(rs))}"
            for t, rs in cat.types.items()]
    return entry("wk-entry-types", "按类型", body or ["尚无注明类型的报告。"], f"[全部类型 →]({site_paths.TYPES_INDEX})")


def digests_entry() -> str:
    body = [f"- [提法]({site_paths.GLOSSARY_INDEX})：“三会一课”“两个维护”等提法，及使用它们的报告",
            f"- [存在问题]({site_paths.PROBLEMS_INDEX})：各报告所列问题，可按年份、单位、主题筛选",
            f"- [下一步打算]({site_paths.NEXT_STEPS_INDEX})：各报告的下一步工作打算，可按年份、单位、主题筛选"]
    return entry("wk-entry-digests", "专题汇编", body)


def entry_bar(cat: Catalogue) -> str:
    """Every way into the archive in one row under the search box, so all show without scrolling."""
    known_years = sum(1 for y in cat.years if y != "unknown")
    tiles = [("按主题", f"{len(cat.themes)} 个主题", site_paths.THEMES_INDEX),
             ("按年份", f"{known_years} 个年份", site_paths.YEARS_INDEX),
             ("按单位", f"{len(cat.units)} 个单位", site_paths.UNITS_INDEX),
             ("按类型", f"{len(cat.types)} 种类型", site_paths.TYPES_INDEX),
             ("提法", "常用提法及出处", site_paths.GLOSSARY_INDEX),
             ("存在问题", "各报告所列问题", site_paths.PROBLEMS_INDEX),
             ("下一步打算", "各报告的工作打算", site_paths.NEXT_STEPS_INDEX),
             ("统计", "图表", site_paths.STATS),
             ("关于本站", "收录范围与用法", site_paths.ABOUT)]
    links = [f'- [<strong>{name}</strong><span class="wk-entry-note">{note}</span>]({path})' for name, note, path in tiles]
    return '<nav class="wk-entry-bar" aria-label="浏览入口" markdown>\n\n' + "\n".join(links) + "\n\n</nav>"


def latest(cat: Catalogue, esc: Escaper) -> str:
    items = [f"- [{mark_text(r.meta.title, esc, at_block_start=False)}]({site_paths.report_page(r.slug)})"
             + details_span(r, esc) for r in cat.reports[:cat.limits.latest_on_home]]
    return "\n".join(['<section class="wk-latest" markdown>', "", "## 最新报告", "", *items, "", "</section>"])


def home_page(cat: Catalogue, esc: Escaper) -> str:
    grid = "\n\n".join([themes_entry(cat, esc), years_entry(cat), units_entry(cat, esc), types_entry(cat, esc),
                          digests_entry()])
    parts = [
        "# 文库",
        f"{esc.inline_text(SITE_INTRO)}\n{{: .wk-intro }}",
        search_launcher(),
        entry_bar(cat),
        summary_line(cat),
        f'<div class="wk-home-grid" markdown>\n\n{grid}\n\n</div>',
        latest(cat, esc),
    ]
    return front_matter({"title": "文库首页", "hide": ["navigation", "toc"]}) + "\n\n".join(parts) + "\n"
