"""Browse pages: by theme, by unit, by document type (the report page's theme
chips and related reports are in report_page.py).

Every link is a relative Markdown link between generated pages, so MkDocs
checks it (and its #anchor) and `mkdocs build --strict` fails on a broken one.
Theme chips are Markdown links with Material's own tag classes (md-tags,
md-tag): they look like Material tags without the tags plugin, whose listing
pages cannot show the sections of each report (see README.md, 主题词表).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import PurePosixPath

from wenku.model import Block, BlockKind, Report, Role
from wenku.pages import paths as site_paths
from wenku.pages import years as index
from wenku.pages.catalogue import Catalogue
from wenku.pages.escape import Escaper
from wenku.pages.fragments import remembered
from wenku.pages.render import NOT_SEARCHED, front_matter, mark_text
from wenku.tag.themes import Theme, Vocabulary

RELATED_THEMES = 5
OPENING_LABEL = "开篇"
ROLE_LABELS = {Role.PROBLEMS: "存在问题", Role.NEXT_STEPS: "下一步打算"}


def text(value: str, esc: Escaper) -> str:
    """Report or vocabulary text inside a Markdown line (never at a block start)."""
    return mark_text(value, esc, at_block_start=False)


# --- themes -----------------------------------------------------------------

COMMON_THEME = 0.8  # share of the reports above which a theme is shown as on nearly every report
COMMON_MIN_REPORTS = 5

def reports_by_theme(reports: list[Report], vocab: Vocabulary) -> dict[str, list[Report]]:
    groups: dict[str, list[Report]] = {theme.name: [] for theme in vocab.themes}
    for report in reports:
        for name in report.themes:
            if name in groups:
                groups[name].append(report)
    return groups


def related_themes(groups: dict[str, list[Report]]) -> dict[str, list[tuple[str, int]]]:
    """Theme → the themes that co-occur with it most (cosine of report sets), with the shared count."""
    together: Counter[tuple[str, str]] = Counter()
    for_report: dict[str, list[str]] = defaultdict(list)
    for name, reports in groups.items():
        for report in reports:
            for_report[report.slug].append(name)
    for names in for_report.values():
        for a in names:
            for b in names:
                if a != b:
                    together[(a, b)] += 1
    result: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), shared in together.items():
        result[a].append((b, shared))
    order = {name: i for i, name in enumerate(groups)}
    for a, pairs in result.items():
        pairs.sort(key=lambda p: (-p[1] / math.sqrt(len(groups[a]) * len(groups[p[0]])), order[p[0]]))
        del pairs[RELATED_THEMES:]
    return result


def themes_index(groups: dict[str, list[Report]], vocab: Vocabulary, esc: Escaper, total: int) -> str:
    """The themes that have reports, with their counts; a theme on nearly every report
    (COMMON_THEME of `total`) says so; themes without reports are named, not linked."""
    lines = ["# 按主题浏览", "",
             esc.inline_text("主题按报告的标题、小标题、段首提示语和成段论述标注；偶尔一提不算。"
                             "点开主题可看到讨论它的报告和具体章节。") + "\n{: .wk-intro }", "",
             "| 主题 | 说明 | 报告数 |", "| --- | --- | ---: |"]
    empty = []
    for theme in vocab.themes:
        count = len(groups[theme.name])
        if not count:
            empty.append(theme.name)
            continue
        common = "（几乎每篇报告都涉及）" if total >= COMMON_MIN_REPORTS and count >= COMMON_THEME * total else ""
        lines.append(f"| [{text(theme.name, esc)}]({theme.slug}.md) | {text(theme.description, esc)}{common} "
                     f"| {count} |")
    if empty:
        lines += ["", text(f"尚无报告的主题：{'、'.join(empty)}。", esc) + "\n{: .wk-empty-themes }"]
    return front_matter({"title": "按主题浏览"}) + "\n".join(lines) + "\n"


def theme_pages(theme: Theme, reports: list[Report], related: list[tuple[str, int]], vocab: Vocabulary,
                esc: Escaper, limit: int, memo: dict | None = None) -> dict[str, str]:
    """The theme's page, and per-year pages when the theme has many reports."""
    by_name = vocab.by_name()
    head = [f"# {text(theme.name, esc)}", "", text(theme.description, esc) + "\n{: .wk-intro }", "",
            f"共 **{len(reports)}** 篇报告涉及这一主题，按年份从新到旧排列；每篇下面是讨论它的章节。"]
    if related:
        links = "、".join(f"[{text(name, esc)}]({by_name[name].slug}.md)（{shared} 篇）" for name, shared in related)
        head += ["", f"相关主题：{links}\n{{: .wk-related-themes }}"]
    years = index.by_year(reports)
    meta = {"title": f"主题：{theme.name}", **NOT_SEARCHED}
    if len(reports) <= limit:
        body = [line for key, group in years.items() for line in _theme_year(key, group, theme, esc, "../", memo)]
        return {f"themes/{theme.slug}.md": front_matter(meta) + "\n".join(head + body) + "\n"}
    head += ["", "## 按年份", ""]
    head += [f"- [{index.year_label(key)}]({theme.slug}/{key}.md)（{len(group)} 篇）" for key, group in years.items()]
    pages = {f"themes/{theme.slug}.md": front_matter(meta) + "\n".join(head) + "\n"}
    for key, group in years.items():
        title = f"{theme.name} · {index.year_label(key)}"
        lines = [f"# {text(title, esc)}", "", f"[← {text(theme.name, esc)}](../{theme.slug}.md)", ""]
        lines += _theme_year(key, group, theme, esc, "../../", memo)[2:]
        pages[f"themes/{theme.slug}/{key}.md"] = front_matter({"title": title, **NOT_SEARCHED}) + "\n".join(lines) + "\n"
    return pages


def _theme_year(key: str, reports: list[Report], theme: Theme, esc: Escaper, prefix: str,
                memo: dict | None = None) -> list[str]:
    lines = ["", f"## {index.year_label(key)}（{len(reports)} 篇）", ""]
    for report in reports:
        lines += remembered(memo, "theme", report, (theme.name, prefix, esc),
                            lambda report=report: _theme_entry(report, theme, esc, prefix))
    return lines


def _theme_entry(report: Report, theme: Theme, esc: Escaper, prefix: str) -> list[str]:
    """The report's link and, under it, each of its sections about the theme."""
    lines = [index.report_link(report, esc, prefix)]
    labels = section_labels(report)
    for anchor, names in report.section_themes.items():
        if theme.name in names and anchor in labels:
            label = text(labels[anchor], esc)
            snippet = text(report.section_snippets.get(anchor, {}).get(theme.name, ""), esc)
            lines.append(f"    - [{label}]({prefix}{site_paths.report_page(report.slug)}#{anchor})"
                         + (f"：<span class=\"wk-snippet\">{snippet}</span>" if snippet else ""))
    return lines


def section_labels(report: Report) -> dict[str, str]:
    """Anchor → what a link to it says: the heading, or for a paragraph its role or place."""
    labels: dict[str, str] = {}
    seen_heading = False
    for block in report.blocks:
        seen_heading = seen_heading or block.kind == BlockKind.HEADING
        if block.anchor:
            labels[block.anchor] = block.label if block.kind == BlockKind.HEADING else paragraph_label(block, seen_heading)
    return labels


def paragraph_label(block: Block, after_heading: bool) -> str:
    for role, label in ROLE_LABELS.items():
        if role in block.roles:
            return label
    return "正文段落" if after_heading else OPENING_LABEL


# --- units and document types ----------------------------------------------

def group_pages(folder: str, title: str, noun: str, groups: dict[str, list[Report]], paths: dict[str, str],
                esc: Escaper, limit: int) -> dict[str, str]:
    """An index page listing the groups (most reports first) and one page per group at
    `paths[name]`, split into one page per year when the group is large."""
    slugs = {name: PurePosixPath(paths[name]).stem for name in groups}
    ordered = sorted(groups, key=lambda name: (-len(groups[name]), name))
    lines = [f"# {title}", "", f"共 {len(groups)} 个{noun}。", ""]
    lines += [f"- [{text(name, esc)}]({slugs[name]}.md)（{len(groups[name])} 篇）" for name in ordered]
    pages = {f"{folder}/index.md": front_matter({"title": title}) + "\n".join(lines) + "\n"}
    for name in ordered:
        slug, years = slugs[name], index.by_year(groups[name])
        body = [f"# {text(name, esc)}（{len(groups[name])} 篇）"]
        if len(groups[name]) <= limit:
            for key, group in years.items():
                body += ["", f"## {index.year_label(key)}", ""] + [index.report_link(r, esc, "../") for r in group]
        else:
            body += ["", "## 按年份", ""]
            body += [f"- [{index.year_label(key)}]({slug}/{key}.md)（{len(group)} 篇）" for key, group in years.items()]
            for key, group in years.items():
                page_title = f"{name} · {index.year_label(key)}"
                year_body = [f"# {text(page_title, esc)}（{len(group)} 篇）", "", f"[← {text(name, esc)}](../{slug}.md)", ""]
                year_body += [index.report_link(r, esc, "../../") for r in group]
                pages[f"{folder}/{slug}/{key}.md"] = (front_matter({"title": page_title, **NOT_SEARCHED})
                                                      + "\n".join(year_body) + "\n")
        pages[f"{folder}/{slug}.md"] = front_matter({"title": name, **NOT_SEARCHED}) + "\n".join(body) + "\n"
    return pages


def browse_pages(cat: Catalogue, vocab: Vocabulary, esc: Escaper) -> dict[str, str]:
    """Theme index and pages, unit pages, document-type pages, at the paths `cat` gives them.
    Reports without a unit or type are listed by year and theme only."""
    groups = reports_by_theme(cat.reports, vocab)
    related = related_themes(groups)
    pages = {site_paths.THEMES_INDEX: themes_index(groups, vocab, esc, len(cat.reports))}
    for theme in (t for t in vocab.themes if groups[t.name]):  # a theme without reports gets no page
        pages.update(theme_pages(theme, groups[theme.name], related.get(theme.name, []), vocab, esc,
                                 cat.limits.theme_page, cat.memo))
    pages.update(group_pages("units", "按单位浏览", "单位", cat.units, cat.unit_pages, esc,
                             cat.limits.group_page))
    pages.update(group_pages("types", "按类型浏览", "文种", cat.types, cat.type_pages, esc,
                             cat.limits.group_page))
    return pages
