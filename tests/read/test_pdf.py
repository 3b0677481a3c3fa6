from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from office_docs import is_subsequence, non_space
from pdfgen import FONT, report_pdf, scanned_pdf
from wenku.read.errors import ReadError
from wenku.read.pdf import PdfText, read_pdf

P1 = ("一年来，支部坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，"
      "认真落实全面从严治党主体责任，推动党建工作与业务工作深度融合，各项工作取得了明显成效。")
P2 = ("一是坚持集中学习制度，全年组织集中学习24次，撰写心得体会56篇，开展专题研讨6次，"
      "党员干部的理论水平和政治素养明显提高，在全支部形成了比学赶超的良好氛围。")
P3 = ("二是规范组织生活，严格落实“三会一课”、主题党日、组织生活会和民主评议党员等制度，"
      "做到有计划、有记录、有检查，确保组织生活经常化、制度化、规范化")  # no final punctuation
P4 = ("The branch also organised an English reading group: members read selected chapters of "
      "policy documents, discussed translations together and wrote short reviews every month.")
P5 = ("在基层组织建设方面，支部按期完成换届选举，配齐配强支委班子，发展党员3名，转正预备党员2名，"
      "党员队伍结构进一步优化；同时加强对流动党员的教育管理，做到离家不离党、流动不流失。")


def report_blocks() -> list[tuple[str, str]]:
    return [("title", "中共某某支部2023年度党建工作总结"), ("heading", "一、主要工作"), ("body", P1),
            ("heading", "（一）加强理论武装"), ("body", P2), ("body", P3), ("heading", "（二）夯实基层基础"),
            ("body", P5 * 3), ("body", "3"), ("body", P4), ("heading", "二、存在的问题"), ("body", P1 + P5),
            ("heading", "第三章 下一步打算"), ("body", P2 + P5), ("heading", "1. 强化政治引领"), ("body", P5 * 4), ("body", P1 * 3 + P5),
            ("body", "2024年1月15日")]


def expected_lines() -> list[str]:
    return [text for _, text in report_blocks()]


def _read(decor=None, **kwargs) -> PdfText:
    return read_pdf(report_pdf(report_blocks(), decor=decor, **kwargs))


@pytest.fixture(scope="module")
def plain() -> PdfText:
    return _read()


def test_wrapped_lines_rejoined_into_paragraphs(plain: PdfText) -> None:
    assert plain.pages >= 3
    assert plain.lines == expected_lines()


def test_fidelity_every_character_in_order(plain: PdfText) -> None:
    source = non_space("".join(expected_lines()))
    assert is_subsequence(source, non_space("".join(plain.lines)))


def test_paragraph_without_final_punctuation_stops_before_heading(plain: PdfText) -> None:
    i = plain.lines.index(P3)
    assert plain.lines[i + 1] == "（二）夯实基层基础"


def test_latin_words_keep_their_spaces(plain: PdfText) -> None:
    assert P4 in plain.lines


def test_number_in_body_is_kept(plain: PdfText) -> None:
    assert "3" in plain.lines
    assert plain.dropped_page_numbers == 0 and plain.dropped_running_lines == 0


@pytest.mark.parametrize("footer", [
    "- {p} -", "— {p} —", "第{p}页", "{p}", "{p}/{t}", "第 {p} 页 共 {t} 页", "第{p}页，共{t}页", "Page {p} of {t}"])
def test_page_numbers_dropped(footer: str) -> None:
    result = _read(decor=lambda p, t: (None, footer.format(p=p, t=t)))
    assert result.lines == expected_lines()
    assert result.dropped_page_numbers == result.pages


def test_running_header_and_footer_dropped() -> None:
    decor = lambda p, t: ("中共某某支部委员会文件", f"2023年度党建工作总结　{p}")  # noqa: E731
    result = _read(decor=decor)
    assert result.lines == expected_lines()
    assert result.dropped_running_lines == 2 * result.pages
    assert result.dropped_page_numbers == 0


def test_header_with_page_number_at_top() -> None:
    result = _read(decor=lambda p, t: (f"第 {p} 页", "中共某某支部"))
    assert result.lines == expected_lines()
    assert result.dropped_page_numbers == result.pages
    assert result.dropped_running_lines == result.pages


def test_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(ReadError, match="没有文字层（扫描件）.*OCR"):
        read_pdf(scanned_pdf())


def test_scanned_page_inside_text_pdf_is_counted() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    from pdfgen import _register
    _register()
    for source in (P1, P5):
        c.setFont(FONT, 12)
        for row, text in enumerate([source[:30], source[30:60], source[60:90]]):
            c.drawString(72, 760 - 20 * row, text)
        c.showPage()
    c.showPage()  # a page without any text
    c.save()
    result = read_pdf(buf.getvalue())
    assert result.pages == 3 and result.pages_without_text == 1
    assert result.lines[0].startswith(P1[:30])


def test_encrypted_pdf_without_user_password_is_read() -> None:
    # Latin text: pdfminer cannot decode reportlab's CID fonts in encrypted files (see NOTES.md).
    enc = StandardEncryption("", ownerPassword="owner", canPrint=0, canModify=0, canCopy=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=enc)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "Annual report of the branch committee, restricted copy.")
    c.showPage()
    c.save()
    assert read_pdf(buf.getvalue()).lines == ["Annual report of the branch committee, restricted copy."]


def test_pdf_with_open_password_gives_chinese_error() -> None:
    enc = StandardEncryption("secret", ownerPassword="owner")
    with pytest.raises(ReadError, match="打开密码"):
        _read(encrypt=enc)


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.4\n%garbage\n" + b"x" * 200])
def test_broken_pdf_gives_read_error(data: bytes) -> None:
    with pytest.raises(ReadError):
        read_pdf(data)
