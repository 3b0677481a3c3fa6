"""How problems are told to the user, the same in the MkDocs log, the `wenku` command and the
文件检查 page: 错误/警告/提示, the file (and line), what is wrong and what to do; the same
problem met several times is one line with a count."""

from __future__ import annotations

from wenku.model import Level, Problem

PREFIX = "wenku: "


def collapsed(problems: list[Problem]) -> list[tuple[Problem, int]]:
    """Each distinct problem once, in order of first appearance, with how often it occurred. The
    same message about the same file counts once whatever its line (a 汇编 of 2,000 parts says the
    same thing 2,000 times); the first occurrence, with its line, stands for them."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.source, problem.message, problem.level), []).append(problem)
    return [(same[0], len(same)) for same in groups.values()]


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
