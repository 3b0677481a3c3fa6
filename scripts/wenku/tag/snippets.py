"""One-line snippets and lead sentences: the text a theme page shows for a section."""

from __future__ import annotations

from wenku.model import Block, SpanKind
from wenku.structure.blocks import sentence_end
from wenku.textrules import CLAUSE_END

SNIPPET_CHARS = 60


def lead_ranges(block: Block) -> list[tuple[int, int]]:
    """Lead sentences of a paragraph (its lead spans)."""
    return [(s.start, s.end) for s in block.spans if s.kind == SpanKind.LEAD]


def clause_end(text: str, start: int) -> int:
    """End (exclusive) of the clause that starts at `start`: after the next 。；！？ outside quotes."""
    end = sentence_end(text, start)
    semicolon = min((i for i in (text.find(ch, start) for ch in "；;") if i >= 0), default=-1)
    if semicolon >= 0 and (end < 0 or semicolon < end):
        end = semicolon
    return len(text) if end < 0 else end + 1


def sentence_around(text: str, position: int) -> str:
    """The clause of `text` holding `position`, cut to a one-line snippet that keeps `position`."""
    start = max((text.rfind(ch, 0, position) for ch in CLAUSE_END), default=-1) + 1
    end = clause_end(text, position)
    while start < end and text[start].isspace():
        start += 1
    if end - start <= SNIPPET_CHARS:
        return text[start:end].strip()
    comma = text.rfind("，", start, position)  # start the window at a clause when one is near
    head = comma + 1 if comma >= 0 and position - comma < SNIPPET_CHARS // 2 else max(start, position - SNIPPET_CHARS // 3)
    head = min(head, max(start, end - SNIPPET_CHARS))
    body = text[head: min(end, head + SNIPPET_CHARS - 2)]
    return ("…" if head > start else "") + body + ("…" if head + len(body) < end else "")
