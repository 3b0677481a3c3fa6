"""Stage 3b — parts: a report with a second document appended (numbering restarts at 一、).

When a level-2 heading 一、 follows 二、 or later, a second document begins. If a
title-like paragraph stands shortly before it (…工作总结, …述职报告), that paragraph
becomes the part's heading (level 2, `label` = its text) and the part's own
headings move one level down (一、 → level 3 …), so the page outline shows the
appended document under its title. Without such a title the outline stays flat
and a note says where the numbering restarts. No text moves or changes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from wenku.model import Block, BlockKind, Level, Problem
from wenku.textrules import CN_NUMERALS, CN_VALUES, chinese_count

TOP_NUMBER = re.compile(rf"^([{CN_NUMERALS}]{{1,3}})、")
PART_TITLE = re.compile(r"(?:总结|报告|汇报|述职|情况|计划|要点|讲话|发言|方案)$")
MAX_PART_TITLE_CHARS = 40
MAX_LOOK_BACK = 3  # the part's title may be followed by its opening paragraphs
DEEPEST = 6


def nest_appended_parts(blocks: list[Block], source: str) -> tuple[list[Block], list[Problem]]:
    """The blocks with appended documents nested under their titles (new Block objects where
    something changed), and a note for each restart."""
    out = list(blocks)
    problems: list[Problem] = []
    last_top = 0
    shift = 0
    for index, block in enumerate(blocks):
        if block.kind != BlockKind.HEADING:
            continue
        number = _top_number(block)
        if number == 1 and last_top >= 2:
            title = _part_title(out, index)
            if title is not None:
                out[title] = replace(out[title], kind=BlockKind.HEADING, level=2, label=out[title].text,
                                     spans=[], roles=[])
                shift = 1
                problems.append(Problem(source, f"这里开始另一份文件（{out[title].text}），"
                                        "其中的标题显示在它的标题之下；如不是另一份文件，请删去这一行标题", line=out[title].line, level=Level.NOTE))
            else:
                shift = 0
                problems.append(Problem(source, f"标题序号在 {chinese_count(last_top)}、之后又从 一、 开始，"
                                        "是否附加了另一份文件？请在 一、 的前一行写上它的标题，使其单独成为一部分",
                                        line=block.line, level=Level.NOTE))
        if number:
            last_top = number
        if shift:
            out[index] = replace(block, level=min(block.level + shift, DEEPEST))
    return out, problems


def _top_number(block: Block) -> int:
    match = TOP_NUMBER.match(block.text)
    return CN_VALUES.get(match.group(1), 0) if match and block.level == 2 else 0


def _part_title(blocks: list[Block], index: int) -> int | None:
    """The index of a title-like paragraph among the few just before the restarted 一、."""
    for position in range(index - 1, max(0, index - MAX_LOOK_BACK) - 1, -1):
        before = blocks[position]
        if before.kind == BlockKind.HEADING:
            return None
        if (len(before.text) <= MAX_PART_TITLE_CHARS and not re.search(r"[，。；！？,;!?]", before.text)
                and PART_TITLE.search(before.text)):
            return position
    return None
