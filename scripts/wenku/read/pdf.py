"""Read the text layer of a PDF and re-join visual line wraps into paragraphs."""

from __future__ import annotations

import io
import re
import struct
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException

from wenku.read.errors import ReadError

_MIN_CHARS_PER_PAGE = 20
_SHORT_HEADING = 15
_EDGE_LINES = 2  # lines at the top and at the bottom of a page checked for headers/footers
_FIRST_WORD = re.compile(r"[A-Za-z0-9'’-]+")
_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～\s]*\d+[-—–－~～\s]*"
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页"
    r"|\d+\s*/\s*\d+"
    r"|page\s*\d+(?:\s*(?:of|/)\s*\d+)?)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？；：!?;:…][”’」』）)》]*$")
_CN_NUM = "一二三四五六七八九十百零〇"
_HEADING = re.compile(
    rf"^(?:第[{_CN_NUM}\d]+[章节条部篇]|第[{_CN_NUM}\d]+部分"
    rf"|[{_CN_NUM}]+[、．.]|[（(][{_CN_NUM}]+[）)]"
    r"|\d+[、．.](?!\d)|[（(]\d+[）)]|\d+[）)]|[①-⑳]"
    rf"|[{_CN_NUM}]是|首先|其次|再次|最后)")


@dataclass(frozen=True)
class PdfText:
    lines: list[str]
    dropped_page_numbers: int
    dropped_running_lines: int
    pages: int
    pages_without_text: int


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float


@dataclass(frozen=True)
class _Page:
    lines: list[_Line]
    right: float  # right edge of the text block, where wrapped lines end
    left: float  # left edge of the text block, to recognise first-line indents


def read_pdf(data: bytes) -> PdfText:
    """Return the paragraphs of a PDF with a text layer, or raise ReadError."""
    pages = _extract(data)
    _check_text_layer(pages)
    empty = sum(1 for p in pages if _char_count(p) < _MIN_CHARS_PER_PAGE)
    pages, numbers = _drop_page_numbers(pages)
    pages, running = _drop_running_lines(pages)
    return PdfText(_paragraphs(pages), numbers, running, len(pages), empty)


def _extract(data: bytes) -> list[_Page]:
    try:
        return [_page(layout) for layout in extract_pages(io.BytesIO(data), laparams=LAParams())]
    except PDFPasswordIncorrect as exc:
        raise ReadError("该 PDF 设置了打开密码，无法读取；请用 PDF 阅读器输入密码打开后另存（或打印）为无密码的 PDF") from exc
    except PDFEncryptionError as exc:
        raise ReadError("该 PDF 使用了不支持的加密方式，无法读取；请另存（或打印）为无密码的 PDF 后再放入") from exc
    except (PSException, ValueError, KeyError, TypeError, IndexError, struct.error, EOFError) as exc:
        raise ReadError("该 PDF 文件已损坏或不是 PDF，无法读取；请从原始文档重新导出 PDF，或另存为 .docx") from exc


def _page(layout: Iterable[object]) -> _Page:
    raw: list[_Line] = []
    for box in layout:
        if isinstance(box, LTTextContainer):
            raw.extend(_Line(line.get_text().strip(), line.x0, line.x1, line.y1)
                       for line in box if isinstance(line, LTTextLine) and line.get_text().strip())
    lines = _merge_same_row(sorted(raw, key=lambda ln: (-round(ln.top), ln.x0)))
    wide = [ln for ln in lines if len(ln.text) >= 10] or lines
    return _Page(lines, max((ln.x1 for ln in wide), default=0.0), min((ln.x0 for ln in wide), default=0.0))


def _merge_same_row(lines: list[_Line]) -> list[_Line]:
    """Pieces of one visual row (e.g. table cells) become one line, joined by U+3000."""
    merged: list[_Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if prev and abs(prev.top - line.top) < 2 and line.x0 > prev.x0:
            merged[-1] = _Line(prev.text + "\u3000" + line.text, prev.x0, line.x1, prev.top)
        else:
            merged.append(line)
    return merged


def _char_count(page: _Page) -> int:
    return sum(len("".join(ln.text.split())) for ln in page.lines)


def _check_text_layer(pages: list[_Page]) -> None:
    if not pages:
        raise ReadError("该 PDF 没有任何页面，无法读取；请重新导出 PDF")
    text = "".join(ln.text for p in pages for ln in p.lines)
    if sum(_char_count(p) for p in pages) < _MIN_CHARS_PER_PAGE * len(pages):
        raise ReadError("该 PDF 没有文字层（扫描件），需先做文字识别（OCR）再放入 source_reports/")
    if len("".join(_CID.findall(text))) > len(text) / 2:
        raise ReadError("该 PDF 的文字无法解码（字体缺少编码表），需先做文字识别（OCR）或从原文件重新导出 PDF")


def _drop_page_numbers(pages: list[_Page]) -> tuple[list[_Page], int]:
    candidates = {(n, i): line.text for n, page in enumerate(pages) for i, line in enumerate(page.lines)
                  if i in _edge_indexes(len(page.lines)) and _PAGE_NUMBER.match(line.text)}
    # A bare "3" may be body text; only drop bare numbers that count up with the pages.
    offsets = Counter(int(text) - n for (n, _), text in candidates.items() if text.isdigit())
    offset, hits = offsets.most_common(1)[0] if offsets else (None, 0)
    drop = {key for key, text in candidates.items()
            if not text.isdigit() or (int(text) - key[0] == offset and (hits >= 2 or len(pages) == 1))}
    out = [_Page([ln for i, ln in enumerate(page.lines) if (n, i) not in drop], page.right, page.left)
           for n, page in enumerate(pages)]
    return out, len(drop)


def _edge_indexes(count: int) -> set[int]:
    return set(range(min(_EDGE_LINES, count))) | set(range(max(count - _EDGE_LINES, 0), count))


def _running_key(text: str) -> str:
    # Headers often carry the page number ("工作总结 3"); compare without digits.
    return re.sub(r"\d+", "#", "".join(text.split()))


def _drop_running_lines(pages: list[_Page]) -> tuple[list[_Page], int]:
    if len(pages) < 2:
        return pages, 0
    seen: Counter[str] = Counter()
    for page in pages:
        edge = _edge_indexes(len(page.lines))
        seen.update({_running_key(page.lines[i].text) for i in edge})
    running = {key for key, n in seen.items() if n >= 2 and n > len(pages) / 2}
    dropped, out = 0, []
    for page in pages:
        edge = _edge_indexes(len(page.lines))
        keep = [ln for i, ln in enumerate(page.lines)
                if not (i in edge and _running_key(ln.text) in running)]
        dropped += len(page.lines) - len(keep)
        out.append(_Page(keep, page.right, page.left))
    return out, dropped


def _paragraphs(pages: list[_Page]) -> list[str]:
    flat = [(line, page) for page in pages for line in page.lines]
    indents = sum(1 for line, page in flat if _indented(line, page))
    paragraphs: list[str] = []
    current = ""
    for i, (line, page) in enumerate(flat):
        current = _join(current, line.text) if current else line.text
        following = flat[i + 1] if i + 1 < len(flat) else None
        if following is None or not _wraps(line, following[0], page.right) or not (
                _continues_indented(current, *following) if indents >= 2
                else _continues(current, following[0].text)):
            paragraphs.append(current)
            current = ""
    return paragraphs


def _continues(current: str, following: str) -> bool:
    if _SENTENCE_END.search(current) or _HEADING.match(following):
        return False
    return not _is_heading(current)


def _continues_indented(current: str, following: _Line, page: _Page) -> bool:
    """With first-line indents, an unindented line after a full line is a continuation,
    even after a full stop, unless it opens with a heading marker after a sentence end."""
    if _indented(following, page):
        return False
    return not (_SENTENCE_END.search(current) and _HEADING.match(following.text))


def _indented(line: _Line, page: _Page) -> bool:
    width = (line.x1 - line.x0) / max(len(line.text), 1)
    return line.x0 > page.left + 1.5 * width


def _is_heading(text: str) -> bool:
    # Lines that end short of the right edge are flushed by _paragraphs already;
    # this catches short marker lines when the page geometry is not conclusive.
    return bool(_HEADING.match(text)) and len(text) <= _SHORT_HEADING and not _SENTENCE_END.search(text)


def _wraps(line: _Line, following: _Line, right: float) -> bool:
    """True when the line stops at the right edge because the next word did not fit.

    A line that ends early (a title, a date, the last line of a paragraph) ends
    its paragraph, whatever its punctuation.
    """
    width = (line.x1 - line.x0) / max(len(line.text), 1)
    word = _FIRST_WORD.match(following.text)
    needed = (len(word.group()) + 1 if word else 1) * width
    return right - line.x1 < needed + width


def _join(left: str, right: str) -> str:
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    if left[-1] in ",.;:" and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right
