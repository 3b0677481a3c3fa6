"""提法: the quoted formulas of the reports (“三会一课”, “两个维护”, “三办”“三服务” …).

A quoted phrase is a 提法 when it is short and numbered — it starts with a
Chinese numeral (三会一课, 两个维护, 第一议题, 五星级) — or when it is a word
of the domain dictionary (学习强国, 国之大者). Slogans in quotes such as
“高效协同” are not. Counts are of quoted uses, per report.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from wenku.model import Report
from wenku.pages import paths as site_paths
from wenku.pages.escape import Escaper
from wenku.pages.render import NOT_SEARCHED, front_matter, mark_text
from wenku.pages.slugs import ascii_slug, unique_slugs

QUOTED = re.compile(r"“([^“”\n]{2,12})”|「([^「」\n]{2,12})」|『([^『』\n]{2,12})』")
NUMBERED = re.compile(r"^第?[一二三四五六七八九十两双百千万]")
NOT_A_FORMULA = re.compile(r"[的，。、；：！？,.;:!?\s*＊XＸ]")
MAX_FORMULA_CHARS = 10


def is_formula(phrase: str, domain_words: frozenset[str] | set[str]) -> bool:
    if phrase in domain_words:
        return True
    return (len(phrase) <= MAX_FORMULA_CHARS and bool(NUMBERED.match(phrase))
            and not NOT_A_FORMULA.search(phrase))


def quoted_formulas(text: str, domain_words: frozenset[str] | set[str]) -> dict[str, int]:
    """提法 → how often `text` quotes it."""
    counts: Counter[str] = Counter()
    for match in QUOTED.finditer(text):
        phrase = next(group for group in match.groups() if group is not None)
        if is_formula(phrase, domain_words):
            counts[phrase] += 1
    return dict(counts)


# --- pages --------------------------------------------------------------------

INLINE_REPORTS = 3  # a 提法 used by more reports gets its own page


def formula_uses(reports: list[Report]) -> dict[str, list[tuple[Report, int]]]:
    """提法 → (report, count) for every report quoting it, in the reports' order."""
    uses: dict[str, list[tuple[Report, int]]] = defaultdict(list)
    for report in reports:
        for formula, count in report.formulas.items():
            uses[formula].append((report, count))
    return uses


def formula_slugs(formulas: list[str]) -> dict[str, str]:
    return unique_slugs(formulas, ascii_slug, fallback="tifa", reserved={"index"})


def glossary_pages(reports: list[Report], esc: Escaper) -> dict[str, str]:
    uses = formula_uses(reports)
    ordered = sorted(uses, key=lambda f: (-len(uses[f]), -sum(c for _, c in uses[f]), f))
    slugs = formula_slugs(ordered)
    lines = ["# 提法", "",
             esc.inline_text("各报告中加引号使用的提法（“三会一课”“两个维护”“三办”“三服务”等），"
                             "按使用的报告数排列；次数为加引号出现的次数。") + "\n{: .wk-intro }", ""]
    if ordered:
        lines += ["| 提法 | 次数 | 报告数 | 报告 |", "| --- | ---: | ---: | --- |"]
    else:
        lines.append("暂无。")
    pages: dict[str, str] = {}
    for formula in ordered:
        used_by = uses[formula]
        quoted = esc.inline_text(f"“{formula}”")
        links = "<br>".join(_report_ref(r, count, esc, "../") for r, count in used_by[:INLINE_REPORTS])
        if len(used_by) > INLINE_REPORTS:
            links += f"<br>[全部 {len(used_by)} 篇 →]({slugs[formula]}.md)"
            pages[f"glossary/{slugs[formula]}.md"] = formula_page(formula, used_by, esc)
        lines.append(f"| {quoted} | {sum(c for _, c in used_by)} | {len(used_by)} | {links} |")
    pages["glossary/index.md"] = front_matter({"title": "提法", **NOT_SEARCHED}) + "\n".join(lines) + "\n"
    return pages


def formula_page(formula: str, used_by: list[tuple[Report, int]], esc: Escaper) -> str:
    title = f"提法：“{formula}”"
    lines = [f"# {esc.inline_text(title)}", "",
             f"{len(used_by)} 篇报告加引号使用，共 {sum(c for _, c in used_by)} 次。[← 提法](index.md)", ""]
    lines += [f"- {_report_ref(r, count, esc, '../')}" for r, count in used_by]
    return front_matter({"title": title, **NOT_SEARCHED}) + "\n".join(lines) + "\n"


def _report_ref(report: Report, count: int, esc: Escaper, prefix: str) -> str:
    title = mark_text(report.meta.title, esc, at_block_start=False)
    return f"[{title}]({prefix}{site_paths.report_page(report.slug)})（{count} 次）"
