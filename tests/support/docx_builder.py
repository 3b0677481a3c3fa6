"""Real .docx files for tests, made with python-docx, with Word's automatic numbering.

python-docx has no API for numbering definitions, so `ChineseOutline` writes them into
numbering.xml the way Word does: an abstractNum with levels 一、 / （一） / 1. and
w:num instances pointing at it (a second instance with startOverride restarts the count).
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'
OUTLINE_ABSTRACT = "90"
OUTLINE_LEVELS = (("chineseCounting", "%1、", "nothing"), ("chineseCounting", "（%2）", "nothing"),
                  ("decimal", "%3.", "tab"))


def _abstract_xml(abstract_id: str, levels, style_links: dict[int, str] | None = None) -> str:
    lvls = []
    for ilvl, (fmt, text, suffix) in enumerate(levels):
        link = f'<w:pStyle w:val="{style_links[ilvl]}"/>' if style_links and ilvl in style_links else ""
        lvls.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link}'
                    f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/></w:lvl>')
    return (f'<w:abstractNum {NSDECL} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>')


class ChineseOutline:
    """A python-docx Document with a 一、/（一）/1. multilevel list; `numbered()` adds paragraphs to it."""

    def __init__(self):
        self.document = docx.Document()
        self.numbering = self.document.part.numbering_part.element
        self._add_abstract(_abstract_xml(OUTLINE_ABSTRACT, OUTLINE_LEVELS))
        self.num_id = self.add_instance(OUTLINE_ABSTRACT)

    def _add_abstract(self, xml: str) -> None:
        element = parse_xml(xml)
        first_num = self.numbering.find(f"{{{W_NS}}}num")
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.numbering.append(element)

    def add_instance(self, abstract_id: str, restart: bool = False) -> str:
        num_id = str(100 + len(self.numbering.findall(f"{{{W_NS}}}num")))
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        self.numbering.append(parse_xml(f'<w:num {NSDECL} w:numId="{num_id}">'
                                        f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))
        return num_id

    def link_style(self, style_name: str, levels) -> None:
        """Attach a numbering list to a paragraph style (Word: 样式 → 格式 → 编号)."""
        style = self.document.styles[style_name]
        abstract_id = str(200 + len(self.numbering.findall(f"{{{W_NS}}}abstractNum")))
        self._add_abstract(_abstract_xml(abstract_id, levels, {0: style.style_id}))
        num_id = self.add_instance(abstract_id)
        style.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = int(num_id)

    def numbered(self, text: str, level: int, num_id: str | None = None, style: str | None = None):
        paragraph = self.document.add_paragraph(text, style=style)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = int(num_id or self.num_id)
        return paragraph

    @staticmethod
    def add_raw(paragraph, xml: str) -> None:
        """Append raw XML (a run with a text box, a tracked change …) to a paragraph; the XML
        must declare its namespaces (NSDECL)."""
        paragraph._p.append(parse_xml(xml))

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def add_footnote(docx_bytes: bytes, anchor_text: str, note_text: str) -> bytes:
    """The same document with one footnote (python-docx cannot write footnotes), referenced after `anchor_text`."""
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NSDECL}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                 '</w:r></w:p></w:footnote>'
                 f'<w:footnote w:id="1"><w:p><w:r><w:t>{note_text}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    rel = ('<Relationship Id="rIdFootnotes1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/footnotes" Target="footnotes.xml"/>')
    override = ('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.footnotes+xml"/>')
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            elif item.filename == "word/document.xml":
                marker = f"{anchor_text}</w:t></w:r>".encode()
                data = data.replace(marker, marker + b'<w:r><w:footnoteReference w:id="1"/></w:r>', 1)
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()
