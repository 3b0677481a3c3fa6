"""Word 97-2003 (.doc, WPS .wps) and PDF reports → `RawReport`, or a `Problem` of level ERROR.

The readers (doc.py, pdf.py) raise `ReadError` with a Chinese message saying what to do;
here it becomes a Problem naming the file, so one bad file never stops the build."""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

from wenku.model import Level, Problem, RawReport
from wenku.read.errors import ReadError


def read_doc_report(path: Path, source: str, data: bytes | None = None) -> RawReport | Problem:
    from wenku.read.doc import read_doc  # olefile is imported only when a .doc is read

    data = path.read_bytes() if data is None else data
    try:
        doc = read_doc(data)
    except ReadError as err:
        return Problem(source, str(err), level=Level.ERROR)
    except (ValueError, IndexError, KeyError, struct.error):  # a damaged table the reader did not foresee
        return Problem(source, "该 .doc 文件已损坏，无法读取；请用 Word 或 WPS 打开后另存为 .docx",
                       level=Level.ERROR)
    notes = [Problem(source, note, level=Level.WARNING) for note in doc.notes]
    return _raw(source, data, doc.lines, "doc", notes)


def read_pdf_report(path: Path, source: str, data: bytes | None = None) -> RawReport | Problem:
    from wenku.read.pdf import read_pdf  # pdfminer is imported only when a PDF is read

    data = path.read_bytes() if data is None else data
    try:
        pdf = read_pdf(data)
    except ReadError as err:
        return Problem(source, str(err), level=Level.ERROR)
    notes = []
    if pdf.dropped_page_numbers or pdf.dropped_running_lines:
        notes.append(Problem(source, f"从 PDF 的 {pdf.pages} 页中去掉了页码 {pdf.dropped_page_numbers} 处、"
                             f"页眉页脚 {pdf.dropped_running_lines} 行；分页处断开的段落已接上", level=Level.NOTE))
    if pdf.pages_without_text:
        notes.append(Problem(source, f"PDF 有 {pdf.pages_without_text} 页几乎没有文字（可能是扫描页），这些页的内容"
                             "未能读出；请对这些页做文字识别（OCR）后另存，或放入原始 Word 文件", level=Level.WARNING))
    return _raw(source, data, pdf.lines, "pdf", notes)


def _raw(source: str, data: bytes, lines: list[str], encoding: str, notes: list[Problem]) -> RawReport | Problem:
    text = "\n".join(lines)
    if not text.strip():
        return Problem(source, "文件中没有文字；请把报告正文放进去，或删除该文件", level=Level.ERROR)
    return RawReport(source=source, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                     size=len(data), notes=notes)
