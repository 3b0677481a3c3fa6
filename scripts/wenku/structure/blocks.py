"""Stage 3 — structure: cleaned text → the author's outline as `Block`s.

Chinese official documents number headings 一、 → （一） → 1. → （1）
(GB/T 9704). A numbered line is a heading when its first sentence is short;
when the heading runs on into body text on the same line it is split after
the first 。 outside quotes. Paragraph starts such as 一是… / 一方面， and
short lead sentences become bold lead-ins (`Span(kind="lead")`), never headings.

Blocks keep every character of the line they came from: a run-in heading's
`text` ends with its 。, and its `label` (what the outline shows) does not.
"""

from __future__ import annotations

import re

from wenku.model import Block, BlockKind, Role, Span, SpanKind
from wenku.textrules import CLOSERS, CN_NUMERALS, LINE_PADDING, OPENERS, SENTENCE_END

CN_DIGITS = CN_NUMERALS
CN_NUMERAL = "[一二三四五六七八九十百零〇]+"
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(rf"^{CN_NUMERAL}、")),
    (3, re.compile(rf"^[（(]{CN_NUMERAL}[）)]")),
    (4, re.compile(r"^\d{1,2}(?:[.．、](?!\d)|[.．]\s)")),
    (5, re.compile(r"^[（(]\d{1,2}[）)]")),
)
MAX_HEADING_CHARS = {2: 50, 3: 50, 4: 40, 5: 40}

OPENING_QUOTES, CLOSING_QUOTES = OPENERS, CLOSERS

LEAD_MARKER = re.compile(rf"[{CN_DIGITS}]+是|一方面[，,]|另一方面[，,]")
MAX_LEAD_CHARS = 40
MAX_LEAD_SENTENCE_CHARS = 18  # 眼明心亮提高政治判断力。 is 12

PROBLEM_HEADING = re.compile(r"存在(?:的)?(?:主要)?(?:问题|不足)|不足之处|问题(?:和|与|及)不足|短板|差距|薄弱环节|^\W*问题")
NEXT_HEADING = re.compile(r"下一步|打算|今后|工作安排|工作举措|工作计划|工作思路|努力方向|展望")
PROBLEM_TEXT = re.compile(r"(?:还|仍|也|依然)?存在(?:着|一些|以下|的)?.{0,20}(?:问题|不足|短板|差距|弱项)|"
                          r"还有一些(?:需要改进|不足|差距)")
NEXT_TEXT = re.compile(r"(?:^(?:下一步|今后|新的一年|针对(?:存在的|上述|以上)?问题|20\d\d年[，,]?(?:我|我们|我局|局|支部|党支部|党总支)?将))|下一步[，,]")


def strip_line(line: str) -> str:
    return line.strip(LINE_PADDING)


def sentence_end(text: str, start: int = 0) -> int:
    """Index of the first 。！？ at or after `start` that is outside quotes and brackets, or -1."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif ch in SENTENCE_END and depth == 0:
            return i
    return -1


def heading_level(line: str) -> int:
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(line):
            return level
    return 0


def split_heading(line: str, level: int) -> tuple[str, str, str] | None:
    """(heading text, outline label, rest of the line) when `line` is a heading, else None."""
    end = sentence_end(line)
    head, rest = (line, "") if end < 0 else (line[: end + 1], line[end + 1 :])
    label = head[:-1] if end >= 0 else head
    number = HEADING_PATTERNS[level - 2][1].match(label)
    if len(label) > MAX_HEADING_CHARS[level] or not label[number.end() if number else 0 :].strip():
        return None
    return head, label, rest


def lead_spans(text: str, lead_sentence: bool = True) -> list[Span]:
    """Bold lead-ins: 一是…/二是… items (at the start or after a sentence end, in sequence),
    一方面，/另一方面，, and a short lead sentence at the paragraph start."""
    spans: list[Span] = []
    expected = 1
    for match in LEAD_MARKER.finditer(text):
        start = match.start()
        if start and text[start - 1] not in "。；;：:！？":
            continue
        marker = match.group()
        if marker.endswith("是"):
            number = _cn_number(marker[:-1])
            if start and number != expected:  # at the paragraph start any 二是/三是 continues a list
                continue
            expected = number + 1
        spans.append(Span(start, _lead_end(text, start, match.end()), SpanKind.LEAD))
    if lead_sentence and (not spans or spans[0].start > 0):
        first = _short_lead_sentence(text)
        if first:
            spans.insert(0, first)
    return spans


def _lead_end(text: str, start: int, marker_end: int) -> int:
    end = sentence_end(text, marker_end)
    semicolon = text.find("；", marker_end)
    if semicolon >= 0 and (end < 0 or semicolon < end):
        end = semicolon
    if end >= 0 and end + 1 - start <= MAX_LEAD_CHARS:
        return end + 1
    return marker_end


def _short_lead_sentence(text: str) -> Span | None:
    end = sentence_end(text)
    if end < 0 or end + 1 > MAX_LEAD_SENTENCE_CHARS:
        return None
    sentence, rest = text[: end + 1], text[end + 1 :]
    if any(ch in sentence for ch in "，,、；：:") or len(rest) < 2 * len(sentence) or sentence[0].isdigit():
        return None
    return Span(0, end + 1, SpanKind.LEAD)


def _cn_number(numeral: str) -> int:
    values = {ch: i for i, ch in enumerate(CN_DIGITS, start=1)}
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + values.get(numeral[1:], 0)
    if numeral.endswith("十"):
        return values.get(numeral[0], 0) * 10
    if "十" in numeral:
        tens, ones = numeral.split("十", 1)
        return values.get(tens, 0) * 10 + values.get(ones, 0)
    return values.get(numeral, 0)


def build_blocks(body: list[tuple[int, str]], styled_levels: dict[int, int] | None = None) -> list[Block]:
    """The outline and paragraphs of the body lines, in order. `styled_levels` (line → level)
    makes unnumbered lines headings, for documents that mark headings by style (.docx)."""
    blocks: list[Block] = []
    levels = {**unnumbered_heading_levels(body), **(styled_levels or {})}
    for number, line in body:
        level = heading_level(line) or levels.get(number, 0)
        parts = split_heading(line, level) if level else None
        if parts:
            head, label, rest = parts
            blocks.append(Block(BlockKind.HEADING, head, level=level, label=label, line=number))
            if rest.strip():  # the heading was this paragraph's lead: no second lead sentence
                blocks.append(Block(BlockKind.PARAGRAPH, rest, line=number, spans=lead_spans(rest, lead_sentence=False)))
        else:
            blocks.append(_paragraph(line, number))
    mark_roles(blocks)
    return blocks


UNNUMBERED_HEADING = re.compile(r"^[^，。；！？：,;!?:（(]{2,24}$")
FIRST_SUBHEADING = re.compile(r"^[（(]一[）)]")


def unnumbered_heading_levels(body: list[tuple[int, str]]) -> dict[int, int]:
    """Line number → level 2 for a short unnumbered line standing alone right above a （一）:
    the top-level heading of reports that number only the level below (“十四五”时期工作回顾)."""
    return {number: 2 for (number, line), (_, following) in zip(body, body[1:])
            if FIRST_SUBHEADING.match(following) and not heading_level(line) and UNNUMBERED_HEADING.match(line)}


def styled_heading_levels(styles: list[str] | None, body_lines: list[int]) -> dict[int, int]:
    """Line number → outline level (2…5) for the body lines a heading style marks; the
    highest styled level in the body becomes level 2, like 一、."""
    styled = {}
    for number in body_lines:
        kind = styles[number - 1] if styles and 0 < number <= len(styles) else ""
        if kind.startswith("heading-"):
            styled[number] = int(kind.removeprefix("heading-"))
    top = min(styled.values(), default=1)
    return {number: min(level - top + 2, 5) for number, level in styled.items()}


def _paragraph(text: str, line: int) -> Block:
    return Block(BlockKind.PARAGRAPH, text, line=line, spans=lead_spans(text))


def mark_roles(blocks: list[Block]) -> None:
    """Mark problem (存在问题) and next-step (下一步) passages, by heading or, unheaded,
    by the paragraphs that close a top-level section or the report."""
    section_roles: list[tuple[int, list[str]]] = []  # (heading level, roles) stack
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            while section_roles and section_roles[-1][0] >= block.level:
                section_roles.pop()
            roles = _heading_roles(block.label)
            inherited = section_roles[-1][1] if section_roles else []
            block.roles = roles or inherited
            section_roles.append((block.level, block.roles))
            continue
        inherited = section_roles[-1][1] if section_roles else []
        if len(inherited) == 1:
            block.roles = list(inherited)
        elif inherited:
            block.roles = _text_roles(block.text) or inherited[:1]
    for block in _closing_paragraphs(blocks):
        if not block.roles:
            block.roles = _text_roles(block.text)


def _heading_roles(label: str) -> list[str]:
    roles = []
    if PROBLEM_HEADING.search(label):
        roles.append(Role.PROBLEMS)
    if NEXT_HEADING.search(label):
        roles.append(Role.NEXT_STEPS)
    return roles


def _text_roles(text: str) -> list[str]:
    if NEXT_TEXT.match(text):
        return [Role.NEXT_STEPS]
    roles = []
    if PROBLEM_TEXT.search(text[:200]):
        roles.append(Role.PROBLEMS)
    if NEXT_TEXT.search(text):
        roles.append(Role.NEXT_STEPS)
    return roles


def _closing_paragraphs(blocks: list[Block]) -> list[Block]:
    """The last two paragraphs of the report and of each top-level section."""
    closing: list[Block] = []
    run: list[Block] = []
    top = min((b.level for b in blocks if b.kind == BlockKind.HEADING), default=0)
    for block in blocks:
        if block.kind == BlockKind.HEADING and block.level == top:
            closing.extend(run[-2:])
            run = []
        elif block.kind == BlockKind.PARAGRAPH:
            run.append(block)
    closing.extend(run[-2:])
    return closing
