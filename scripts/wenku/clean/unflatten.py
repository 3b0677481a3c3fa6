"""Stage 2b — unflatten: a report that lost its line breaks (copied from a PDF, or
stored on one line by a dataset) → lines again, split before its inline heading
markers 一、 （一） 1., so that structure can find the outline.

Only evidently flattened text is touched: lines of FLAT_LINE_CHARS characters or
more that hold heading markers, and that together hold most of the report. A
marker starts a new line only when it is
- at the start, after a sentence end (。！？；：) or a space — or right after a
  heading of the level above (一、总体情况（一）高标站位…);
- outside quotes and brackets (“…” 《…》 （…）);
- next in sequence (二、 after 一、; （一） restarts under a new 一、), and
  一、 is not followed by another numeral (一、二季度 is a phrase, not a heading);
  a number that belongs to a date or decimal (2021.1.5, 1.5万) is never a marker.
Official-document furniture run into the line is cut off first (flatfurniture.py); a heading
that runs into its text is cut where the author's heading ends (runin.py):
一、2021年度工作开展情况|在上级党委….
Pieces keep the line number of the line they came from; no character is added or dropped.
"""

from __future__ import annotations

import re

from wenku.clean.flatfurniture import segments
from wenku.clean.runin import split_run_ins
from wenku.model import Level, Problem
from wenku.textrules import CLOSERS, CN_NUMERALS, CN_VALUES, OPENERS, RUN_ON_END

FLAT_LINE_CHARS = 300  # a paragraph this long with several heading markers inside is flattened text
FLAT_SHARE = 0.5  # …when such lines hold at least this share of the report
RUN_ON_HEADING_CHARS = 30  # 一、总体情况（一）…: a sub-marker this close after a heading starts a heading
MAX_HEADING_CHARS = 50
MAX_TITLE_CHARS = 60
MAX_QUOTE_CHARS = 300  # an opening quote without a close this near is a typo, not a quotation

MARKER = re.compile(
    r"(?P<n2>[一二三四五六七八九十]{1,3})、"
    r"|[（(](?P<n3>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?<![\d.．])(?P<n4>\d{1,2})[.．、](?!\d)")
SENTENCE_ENDS = RUN_ON_END
TITLE_THEN_TEXT = re.compile(
    rf"^([^。，；！？\n]{{2,{MAX_TITLE_CHARS - 2}}}?(?:总结|报告|汇报|述职报告|讲话|发言|要点|计划))"
    r"(?=\s*[^，。、：；的和与及之）)”\s])")
TITLE_THEN_SPACE = re.compile(rf"^([^。，；！？\s]{{4,{MAX_TITLE_CHARS}}})[ \t\u3000]+\S")

Lines = list[tuple[int, str]]


def unflatten(lines: Lines, source: str) -> tuple[Lines, list[Problem]]:
    """`lines` split before inline heading markers when the report is evidently flattened."""
    total = sum(len(text) for _, text in lines)
    long_lines = [(number, text) for number, text in lines
                  if len(text) >= FLAT_LINE_CHARS and len(split_points(text)) >= 2]
    if not long_lines or sum(len(text) for _, text in long_lines) < FLAT_SHARE * total:
        return lines, []
    out: Lines = []
    problems: list[Problem] = []
    for index, (number, text) in enumerate(lines):
        if len(text) < FLAT_LINE_CHARS:
            out.append((number, text))
            continue
        pieces = split_line(text, is_first=index == 0)
        out.extend((number, piece) for piece in pieces)
        problems.append(Problem(source, f"这一行有 {len(text)} 个字而没有换行，已在其中的标题序号（一、 （一） 1.）"
                                f"前拆成 {len(pieces)} 行；请检查页面上的提纲，如需精确控制，请在文件中加入换行",
                                line=number, level=Level.NOTE))
        if index == 0 and not _title_found(pieces):
            problems.append(Problem(source, "标题与正文连在一起，无法判断标题在哪里结束；"
                                    "请把标题单独放在一行", line=number, level=Level.WARNING))
    return out, problems


def split_line(text: str, is_first: bool = False) -> list[str]:
    """One flattened line → its lines: furniture cut off (flatfurniture.py), split at the heading
    markers of each furniture-free segment, headings cut off their text (runin.py)."""
    parts = segments(text, is_first)
    pieces: list[str] = []
    for index, part in enumerate(parts):
        starts = [0] + [p for p in split_points(part) if p > 0] + [len(part)]
        found = [part[a:b] for a, b in zip(starts, starts[1:]) if part[a:b].strip()]
        if is_first and index == 0 and found and len(parts) == 1:
            found[:1] = _split_title(found[0])
        pieces.extend(found)
    return [piece.strip(" \t\u3000\u00a0") for piece in split_run_ins(pieces) if piece.strip()]


def split_points(text: str) -> list[int]:
    """Positions where a heading marker starts a new line (see the module docstring)."""
    inside = _quoted(text)
    last = {2: 0, 3: 0, 4: 0}
    previous: tuple[int, int] | None = None  # (position, level) of the last accepted marker
    points: list[int] = []
    for match in MARKER.finditer(text):
        level = 2 if match.group("n2") else 3 if match.group("n3") else 4
        value = match.group(f"n{level}")
        number = int(value) if level == 4 else CN_VALUES.get(value, 0)
        start = match.start()
        if inside[start] or not number or not (number == 1 or number == last[level] + 1):
            continue
        if level == 2 and text[match.end():match.end() + 1] in tuple(CN_NUMERALS):
            continue
        if not (_after_boundary(text, start) or _after_heading(text, previous, level, start)):
            continue
        points.append(start)
        last[level] = number
        for deeper in range(level + 1, 5):
            last[deeper] = 0
        previous = (start, level)
    return points


def _after_boundary(text: str, start: int) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    if before in SENTENCE_ENDS or before.isspace():
        return True
    return before in CLOSERS and start >= 2 and text[start - 2] in SENTENCE_ENDS


def _after_heading(text: str, previous: tuple[int, int] | None, level: int, start: int) -> bool:
    if previous is None or previous[1] >= level or start - previous[0] > RUN_ON_HEADING_CHARS:
        return False
    return not any(ch in SENTENCE_ENDS for ch in text[previous[0]:start])


def _quoted(text: str) -> list[bool]:
    """For each position: is it inside a closed quotation or bracket (at most MAX_QUOTE_CHARS long)?"""
    delta = [0] * (len(text) + 1)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append(i)
        elif ch in CLOSERS and stack:
            opened = stack.pop()
            if i - opened <= MAX_QUOTE_CHARS:
                delta[opened + 1] += 1
                delta[i] -= 1
    inside, depth = [], 0
    for change in delta[:-1]:
        depth += change
        inside.append(depth > 0)
    return inside


def _split_title(piece: str) -> list[str]:
    """The title at the start of a flattened report, cut off its first paragraph."""
    for pattern in (TITLE_THEN_TEXT, TITLE_THEN_SPACE):
        match = pattern.match(piece)
        if match:
            return [match.group(1), piece[match.end(1):]]
    return [piece]


def _title_found(pieces: list[str]) -> bool:
    return bool(pieces) and len(pieces[0]) <= MAX_TITLE_CHARS


