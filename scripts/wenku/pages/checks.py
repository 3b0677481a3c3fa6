"""The 文件检查 page (checks/): every file of the reports folder with its outcome, for the
staff who add reports — published (a link), published with warnings (which), not published
(why and what to do), ignored. Linked from 关于本站 and the footer, not from the navigation;
kept out of search (not a report, so not among the search records; data-pagefind-ignore too).
"""

from __future__ import annotations

from collections import defaultdict

from wenku.messages import collapsed
from wenku.model import Level, Problem, Report
from wenku.pages import paths as site_paths
from wenku.pages.escape import Escaper
from wenku.pages.render import NOT_SEARCHED, front_matter, mark_text

TITLE = "文件检查"
INTRO = ("本页列出报告文件夹中的每个文件及其处理结果，供添加报告的工作人员核对：未发布的文件说明原因和处理办法；"
         "改正后重新生成网站（<code>mkdocs build</code>），本页随之更新。读者浏览报告不需要本页，搜索也不收录本页。")


def _problems(problems: list[tuple[Problem, int]], esc: Escaper) -> list[str]:
    return [f"    - <span class=\"wk-level wk-level--{p.level}\">{p.level.label}</span> "
            f"{esc.inline_text(_where(p))}{esc.inline_text(p.message)}" + (f"（共 {n} 次）" if n > 1 else "")
            for p, n in problems]


def _where(problem: Problem) -> str:
    return f"第 {problem.line} 行：" if problem.line else ""


def _file(name: str, esc: Escaper) -> str:
    return f"<code>{esc.inline_text(name)}</code>"


def checks_page(reports: list[Report], problems: list[Problem], esc: Escaper) -> dict[str, str]:
    by_source: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_source[problem.source].append(problem)
    published = {r.source: r for r in reports}
    failed = sorted(s for s, ps in by_source.items() if s not in published and any(p.level != Level.NOTE for p in ps))
    ignored = sorted(s for s, ps in by_source.items() if s not in published and s not in failed)
    warned = [s for s in sorted(published) if any(p.level == Level.WARNING for p in by_source.get(s, []))]
    fine = [s for s in sorted(published) if s not in warned]
    lines = [f"# {TITLE}", "", INTRO + "\n{: .wk-intro }", "",
             f"共 {len(published) + len(failed) + len(ignored)} 个文件：已发布 **{len(published)}** 篇"
             f"（其中 {len(warned)} 篇有警告），未发布 **{len(failed)}** 个，忽略 {len(ignored)} 个。"
             "\n{: .wk-summary }", ""]
    sections = [
        ("未发布：需要处理", "wk-checks-failed", [(s, None) for s in failed]),
        ("已发布，但有警告", "wk-checks-warned", [(s, published[s]) for s in warned]),
        ("已忽略", "wk-checks-ignored", [(s, None) for s in ignored]),
        ("已发布", "wk-checks-published", [(s, published[s]) for s in fine]),
    ]
    for title, css, items in sections:
        lines += [f'<section class="wk-checks {css}" markdown>', "", f"## {title}（{len(items)}）", ""]
        if not items:
            lines.append("无。")
        for source, report in items:
            head = f"- {_file(source, esc)}"
            if report is not None:
                link = site_paths.relative(site_paths.CHECKS, site_paths.report_page(report.slug))
                head += f" → [{mark_text(report.meta.title, esc, at_block_start=False)}]({link})"
            lines.append(head)
            lines += _problems(collapsed(by_source.get(source, [])), esc)
        lines += ["", "</section>", ""]
    body = '<div class="wk-checks-page" data-pagefind-ignore="all" markdown>\n\n' + "\n".join(lines) + "\n</div>\n"
    return {site_paths.CHECKS: front_matter({"title": TITLE, **NOT_SEARCHED}) + body}
