"""Stage 2b (with unflatten) — where a run-in heading ends in flattened text.

In a flattened report a heading runs straight into its text, often without a 。:
`（一）高标站位，党史学习教育深入推进按照省公司党委安排部署，…` or
`一、突出协助职责，政治保障作用有效发挥一是突出政治引领。…`. The heading ends
- before 一是 (the first item of its text), when that comes before the first 。;
- else before a sentence opening (按照, 根据, 坚持, 以, 在, 我们 …, `OPENERS`); of two
  openings close together (`深入推进按照…`) the later one, since the first is the heading's own verb;
- chosen by the parallel shape of its sibling headings (the lengths of the parts between
  its commas, such as 四字，八字): sibling headings whose end is certain (followed by 。, by the
  next heading, or by 一是) give the shapes; an opening that makes the same shape wins, and
  without any opening a heading is cut to the shape that at least two siblings share.
A heading ended by its own 。 within `MAX_HEADING_CHARS` is left to structure/blocks.py.
No character is added or dropped: each piece becomes (heading, text) or stays whole.
"""

from __future__ import annotations

import re
from collections import Counter

from wenku.structure.blocks import heading_level, sentence_end

MAX_HEADING_CHARS = 40  # of the heading's own words, after its number
MIN_HEADING_CHARS = 4
SHORT_HEADING_CHARS = 20  # a sentence this short, without commas, ending in 。 is the heading itself
SHAPE_SLACK = 2  # sibling headings' last parts differ by a few characters (八字 and 十字)
CLOSE_OPENERS = 4  # two openings this close: the first belongs to the heading
OPENERS = re.compile(
    "按照|根据|依据|围绕|坚持|聚焦|紧扣|紧盯|紧紧围绕|立足|着眼|通过|结合|针对|对照|为了|为进一步|自|"
    "今年以来|一年来|年初以来|近年来|全年|年初|本年度|我们|我局|我委|我办|我部|我院|我单位|我街道|我公司|"
    "各单位|各级|各支部|各党支部|各部门|各地|严格|认真|深入|扎实|持续|积极|大力|着力|切实|始终|充分|进一步|"
    "个别|少数|部分|有的|主要|全面|(?:19|20)\\d\\d年|健全|完善|建立|制定|组织|推行|实施|召开|修订|出台|印发|举办|"
    "成立|选派|开设|推出|严把|开展|深化|局党组|局党委|公司党委|街道党工委|党工委"
    # one-character openings count only in the construction they open (以…为, 在…上/中/，, 把…作为)
    "|以(?=[^。，；]{1,15}?为)|在(?=[^。；]{1,20}?(?:上|中|下|方面|期间|以来|之际|，))"
    "|把(?=[^。，；]{1,15}?(?:作为|摆在|放在|扛在|纳入|当作|融入))|对(?=[^。，；]{1,15}?(?:进行|开展|实行|实施|作出))")
HEADING_WORD = re.compile("深入|持续|扎实|积极|大力|着力|切实|不断|认真|严格|全面|进一步|始终|充分|开展|深化|健全|完善|"
                          "建立|制定|组织|推行|实施|召开|修订|出台|印发|举办|成立|选派|开设|推出|严把")
LEAD_ITEM = re.compile("一是|一方面，|首先，")
NOT_A_HEADING_END = "，、；：的和与及并等之对在把将从向于为以了着是“（《"
NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、]|[（(]\d{1,2}[）)])")

Shape = tuple[int, ...]


def split_run_ins(pieces: list[str]) -> list[str]:
    """Every heading piece cut into (heading, text) where its heading ends (module docstring)."""
    cuts: dict[int, int] = {}
    shapes: dict[int, Counter[Shape]] = {}
    pending: list[int] = []
    for index, piece in enumerate(pieces):
        number = NUMBER.match(piece)
        if not number:
            continue
        certain = _certain_end(piece, number.end())
        if certain is None:
            pending.append(index)
            continue
        if certain < len(piece):
            cuts[index] = certain
        _record(shapes, piece, number.end(), certain)
    # Each undecided heading also votes with the shape its first opening would give it.
    tentative = {index: _first_opening_shape(pieces[index]) for index in pending}
    for index, shape in tentative.items():
        if shape:
            shapes.setdefault(heading_level(pieces[index]), Counter())[shape] += 1
    for index in pending:
        piece = pieces[index]
        start = NUMBER.match(piece).end()
        siblings = shapes.get(heading_level(piece), Counter()).copy()
        if tentative[index]:
            siblings[tentative[index]] -= 1
        cut = _chosen_end(piece, start, +siblings)
        if cut:
            cuts[index] = cut
    out: list[str] = []
    for index, piece in enumerate(pieces):
        cut = cuts.get(index)
        out.extend([piece[:cut], piece[cut:]] if cut else [piece])
    return out


def _first_opening_shape(piece: str) -> Shape | None:
    start = NUMBER.match(piece).end()
    openings = _openings(piece, start, sentence_end(piece, start))
    return shape_of(piece[start:openings[0]]) if openings else None


def shape_of(label: str) -> Shape:
    return tuple(len(part) for part in re.split("[，、]", label))


def _record(shapes: dict[int, Counter[Shape]], piece: str, start: int, end: int) -> None:
    label = piece[start:end].rstrip("。")
    shapes.setdefault(heading_level(piece), Counter())[shape_of(label)] += 1


def _certain_end(piece: str, start: int) -> int | None:
    """Where the heading ends when nothing needs weighing, else None."""
    stop = sentence_end(piece, start)
    body = piece[start:stop if stop >= 0 else len(piece)]
    lead = LEAD_ITEM.search(body, MIN_HEADING_CHARS)
    if lead and body[lead.start() - 1] not in NOT_A_HEADING_END:
        return start + lead.start()
    if stop < 0 and len(body) <= MAX_HEADING_CHARS:  # the next heading follows: the piece is the heading
        return len(piece)
    short = stop - start <= SHORT_HEADING_CHARS and not re.search("[，、；]", body)
    if 0 <= stop - start <= MAX_HEADING_CHARS and (short or not _openings(piece, start, stop)):
        return stop + 1
    return None


def _openings(piece: str, start: int, stop: int) -> list[int]:
    """Positions where a sentence could start after a heading of plausible length."""
    limit = min(stop if stop >= 0 else len(piece), start + MAX_HEADING_CHARS + 1)
    found = [m.span() for m in OPENERS.finditer(piece, start + MIN_HEADING_CHARS, limit)
             if piece[m.start() - 1] not in NOT_A_HEADING_END and not _inside_quotes(piece, start, m.start())]
    # 深入推进按照…, 开展情况在…: an adverb or verb followed, after one more word, by another
    # opening is the heading's own word.
    return [a for i, (a, b) in enumerate(found)
            if not (HEADING_WORD.fullmatch(piece[a:b]) and i + 1 < len(found)
                    and 2 <= found[i + 1][0] - b <= CLOSE_OPENERS - 2)]


def _chosen_end(piece: str, start: int, siblings: Counter[Shape]) -> int | None:
    """The first opening whose heading has its siblings' shape (as many parts, the last one
    about as long); else a cut to a shared sibling shape; else the first opening."""
    stop = sentence_end(piece, start)
    openings = _openings(piece, start, stop)
    for position in openings:
        if not siblings or any(_alike(shape_of(piece[start:position]), shape) for shape in siblings):
            return position
    # Cut without an opening only to a shape with commas (四字，八字) that two siblings share: a
    # heading without commas may end anywhere.
    shared = [shape for shape, count in siblings.most_common() if count >= 2 and len(shape) > 1]
    for shape in shared:
        position = _cut_to_shape(piece, start, shape)
        if position and (stop < 0 or position <= stop):
            return position
    if openings:
        return openings[0]
    return stop + 1 if 0 <= stop - start <= MAX_HEADING_CHARS + 10 else None


def _alike(shape: Shape, sibling: Shape) -> bool:
    return len(shape) == len(sibling) and abs(shape[-1] - sibling[-1]) <= SHAPE_SLACK


def _cut_to_shape(piece: str, start: int, shape: Shape) -> int | None:
    """The position that gives the heading exactly `shape`, if its commas fall where the shape puts them."""
    position = start
    for index, length in enumerate(shape):
        segment = piece[position:position + length]
        if len(segment) < length or re.search("[，、。；：]", segment):
            return None
        position += length
        if index + 1 < len(shape):
            if position >= len(piece) or piece[position] not in "，、":
                return None
            position += 1
    if position < len(piece) and piece[position] in "，、。；：”）":
        return None
    return position if piece[position - 1] not in NOT_A_HEADING_END else None


def _inside_quotes(piece: str, start: int, position: int) -> bool:
    text = piece[start:position]
    return text.count("“") > text.count("”") or text.count("《") > text.count("》") or text.count("（") > text.count("）")
