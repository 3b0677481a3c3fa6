"""How problems are told to the user, the same in the MkDocs log, the `wenku` command and the
文件检查 page: 错误/警告/提示, the file (and line), what is wrong and what to do; the same
problem met several times is one line with a count."""

from __future__ import annotations

from collections import Counter

from wenku.model import Level, Problem

PREFIX = "wenku: "


def collapsed(problems: list[Problem]) -> list[tuple[Problem, int]]:
    """Each distinct problem once, in order of first appearance, with how often it occurred."""
    counts = Counter(problems)
    seen: set[Problem] = set()
    out = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            out.append((problem, counts[problem]))
    return out


def line(problem: Problem, count: int = 1) -> str:
    """One problem as one line: `警告 a.txt 第 3 行：……；请……` (+ `（共 N 次）`)."""
    repeated = f"（共 {count} 次）" if count > 1 else ""
    return f"{problem.level.label} {problem}{repeated}"


def summary(problems: list[Problem]) -> str:
    """The end-of-build list of every file that needs attention (notes left out)."""
    shown = collapsed([p for p in problems if p.level != Level.NOTE])
    files = len({p.source for p, _ in shown})
    head = (f"{PREFIX}{files} 个文件需要处理（其他报告已发布；网站的“文件检查”页列出每个文件的结果）：")
    return "\n".join([head] + [f"  - {line(p, n)}" for p, n in shown])
