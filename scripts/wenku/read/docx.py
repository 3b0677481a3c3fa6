"""Stage 1 for Word files — .docx → `RawReport`: the text a reader of the document sees, line by line.

Recovered, in document order: paragraph text (runs, hyperlinks, field results,
content controls, text boxes), automatic numbering (一、 （一） 1. from
numbering.xml, see numbering.py), table rows (cells separated by an ideographic
space) and, after the body, footnotes and endnotes. Each line's heading level
(Heading 1…/标题 1… styles, or an outline level) goes into `RawReport.styles`
as "heading-N", so an unnumbered styled heading is still a heading.

Not report text, so not read: deleted tracked changes, field codes, page
headers and footers (page numbers, running titles), comments.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from wenku.model import Level, Problem, RawReport
from wenku.read.numbering import ListCounter, to_int, w
from wenku.read.sniff import identify

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not what the page shows (or is shown twice, for Fallback).
NOT_SHOWN = {w("pPr"), w("rPr"), w("del"), w("moveFrom"), w("instrText"), w("delText"), MC_FALLBACK}
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
CELL_SEPARATOR = "\u3000"
NOTES = ("/footnotes", "/endnotes")


class Styles:
    """Paragraph styles by id: their names, outline levels and numbering, following basedOn."""

    def __init__(self, styles_root: etree._Element | None):
        self.by_id: dict[str, etree._Element] = {}
        self.default = ""
        for style in styles_root.iterchildren(w("style")) if styles_root is not None else ():
            if style.get(w("type")) == "paragraph":
                self.by_id[style.get(w("styleId"), "")] = style
                if style.get(w("default")) in ("1", "true"):
                    self.default = style.get(w("styleId"), "")

    def chain(self, style_id: str) -> Iterator[etree._Element]:
        seen: set[str] = set()
        while style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based_on = style.find(w("basedOn"))
            style_id = based_on.get(w("val"), "") if based_on is not None else ""

    def heading_level(self, style_id: str) -> int:
        for style in self.chain(style_id):
            name = style.find(w("name"))
            match = HEADING_STYLE.match(name.get(w("val"), "") if name is not None else "")
            if match:
                return int(match.group(1))
            level = _outline_level(style.find(w("pPr")))
            if level:
                return level
        return 0

    def numbering(self, style_id: str) -> tuple[str, int | None] | None:
        for style in self.chain(style_id):
            num_pr = _child(style.find(w("pPr")), "numPr")
            if num_pr is not None:
                num_id, ilvl = _num_pr(num_pr)
                return num_id, ilvl
        return None


class DocumentReader:
    """Walks one document's body in order, producing (line, style) pairs."""

    def __init__(self, styles: Styles, lists: ListCounter):
        self.styles = styles
        self.lists = lists
        self.lines: list[str] = []
        self.kinds: list[str] = []

    def read_body(self, body: etree._Element) -> None:
        for element in _content(body):
            if element.tag == w("p"):
                self._add(self.paragraph(element), self.paragraph_kind(element))
            else:
                for row in self.table_rows(element):
                    self._add(row, "table")

    def read_notes(self, notes_root: etree._Element) -> None:
        for note in notes_root:
            if note.get(w("type"), "normal") == "normal":
                for paragraph in note.iter(w("p")):
                    self._add(paragraph_text(paragraph), "note")

    def _add(self, text: str, kind: str) -> None:
        for line in text.split("\n"):
            self.lines.append(line)
            self.kinds.append(kind)

    def paragraph(self, p: etree._Element) -> str:
        return self.number_label(p) + paragraph_text(p)

    def paragraph_kind(self, p: etree._Element) -> str:
        ppr = p.find(w("pPr"))
        level = _outline_level(ppr) or self.styles.heading_level(self._style_id(ppr))
        return f"heading-{level}" if level else ""

    def number_label(self, p: etree._Element) -> str:
        ppr = p.find(w("pPr"))
        num_pr = _child(ppr, "numPr")
        style_id = self._style_id(ppr)
        num_id, ilvl = _num_pr(num_pr) if num_pr is not None else (self.styles.numbering(style_id) or ("", None))
        if not num_id or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = self._level_of_style(num_id, style_id)
        return self.lists.next_label(num_id, ilvl)

    def table_rows(self, table: etree._Element) -> Iterator[str]:
        for row in table.iterchildren(w("tr")):
            cells = []
            for cell in row.iterchildren(w("tc")):
                parts = []
                for element in _content(cell):
                    if element.tag == w("p"):
                        parts.append(self.paragraph(element))
                    else:
                        parts.extend(self.table_rows(element))
                text = " ".join(part for part in parts if part.strip()).replace("\n", " ")
                if text.strip():
                    cells.append(text)
            yield CELL_SEPARATOR.join(cells)

    def _style_id(self, ppr: etree._Element | None) -> str:
        style = _child(ppr, "pStyle")
        return style.get(w("val"), "") if style is not None else self.styles.default

    def _level_of_style(self, num_id: str, style_id: str) -> int:
        """A style linked to a multilevel list: the level whose pStyle names it."""
        abstract_id = self.lists.instances.get(num_id, ("", {}))[0]
        for ilvl, level_style in self.lists.level_styles.get(abstract_id, {}).items():
            if level_style == style_id:
                return ilvl
        return 0


def read_docx_report(path: Path, source: str) -> RawReport | Problem:
    """The text of a Word .docx report, or a Problem saying what to do with the file."""
    data = path.read_bytes()
    opened = _open(data, source)
    if isinstance(opened, Problem):
        return opened
    reader = DocumentReader(Styles(_styles_root(opened)), ListCounter.from_xml(_numbering_root(opened)))
    try:
        reader.read_body(opened.element.body)
        for notes in _notes_roots(opened):
            reader.read_notes(notes)
    except (etree.XMLSyntaxError, ValueError, KeyError) as err:
        return _damaged(source, err)
    text = "\n".join(reader.lines)
    if not text.strip():
        return Problem(source, "Word 文档中没有文字；请把报告正文放进去，或删除该文件",
                       level=Level.ERROR)
    return RawReport(source=source, text=text, encoding="docx", sha256=hashlib.sha256(data).hexdigest(),
                     size=len(data), styles=list(reader.kinds))


def paragraph_text(p: etree._Element) -> str:
    """What a paragraph shows: text, tabs and line breaks; text-box paragraphs on lines of their own."""
    out: list[str] = []
    _collect(p, out)
    return "".join(out)


def _collect(element: etree._Element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in NOT_SHOWN or not isinstance(tag, str):
            continue
        if tag == w("t"):
            out.append(child.text or "")
        elif tag == w("tab"):
            out.append("\t")
        elif tag in (w("br"), w("cr")):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("sym"):
            out.append(_symbol(child.get(w("char"), "")))
        elif tag == w("p"):  # a paragraph inside a text box
            out.append("\n")
            _collect(child, out)
            out.append("\n")
        else:
            _collect(child, out)


def _symbol(code: str) -> str:
    """A w:sym character (hex code, often in a symbol font's private-use area)."""
    try:
        return chr(int(code, 16))
    except (ValueError, OverflowError):
        return ""


def _content(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body or cell, in order, looking inside content controls."""
    for child in parent:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif isinstance(child.tag, str) and child.tag not in (w("sectPr"), w("tcPr"), w("sdtPr")):
            yield from _content(child)


def _child(parent: etree._Element | None, tag: str) -> etree._Element | None:
    return parent.find(w(tag)) if parent is not None else None


def _num_pr(num_pr: etree._Element) -> tuple[str, int | None]:
    num_id, ilvl = num_pr.find(w("numId")), num_pr.find(w("ilvl"))
    return (num_id.get(w("val"), "") if num_id is not None else "",
            to_int(ilvl.get(w("val")), 0) if ilvl is not None else None)


def _outline_level(ppr: etree._Element | None) -> int:
    """Word's outline level 0–8 as heading level 1–9; 9 means body text."""
    level = _child(ppr, "outlineLvl")
    value = to_int(level.get(w("val")), 9) if level is not None else 9
    return value + 1 if 0 <= value <= 8 else 0


def _open(data: bytes, source: str):
    if not zipfile.is_zipfile(io.BytesIO(data)):
        known = identify(data)
        what, todo = known if known else ("不是 Word .docx 文件包", "请用 Word 或 WPS 打开并另存为 .docx")
        return Problem(source, f"无法读取这个 .docx：它{'' if what.startswith('不是') else '是'}{what}；{todo}",
                       level=Level.ERROR)
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError:  # a ZIP package of another kind (.xlsx, .pptx …)
        return Problem(source, "这是 ZIP 文件包，但不是 Word 文档（可能是 Excel、PowerPoint 文件）；"
                       "请从 Word 或 WPS 把报告另存为 .docx", level=Level.ERROR)
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as err:
        return _damaged(source, err)


def _damaged(source: str, err: Exception) -> Problem:
    return Problem(source, f".docx 文件已损坏（{type(err).__name__}: {err}）；请用 Word 或 WPS 打开，"
                   "让它修复文件，再另存为 .docx", level=Level.ERROR)


def _styles_root(document) -> etree._Element | None:
    try:
        return document.styles.element
    except (KeyError, NotImplementedError):
        return None


def _numbering_root(document) -> etree._Element | None:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _notes_roots(document) -> Iterator[etree._Element]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(NOTES):
            yield etree.fromstring(rel.target_part.blob, parser)
