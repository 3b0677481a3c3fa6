"""A 汇编 of 2,000 parts says the same thing 2,000 times: one line with a count, not 2,000 lines."""

from __future__ import annotations

from wenku import messages
from wenku.model import Level, Problem


def test_the_same_message_about_one_file_is_one_line_with_a_count():
    problems = [Problem("汇编.txt", "该部分没有标题", line=n, level=Level.NOTE) for n in range(1, 2001)]
    problems.append(Problem("other.txt", "该部分没有标题", line=3, level=Level.NOTE))
    lines = [messages.line(problem, count) for problem, count in messages.collapsed(problems)]
    assert lines == ["提示 汇编.txt 第 1 行：该部分没有标题（共 2000 次）", "提示 other.txt 第 3 行：该部分没有标题"]
