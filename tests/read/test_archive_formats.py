"""Legacy and Markdown reports are published whole: title, outline, every character in order
(.doc made by LibreOffice, .pdf by reportlab, .md written here; nothing binary is committed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from input_support import cleaned_input, first_missing, page_markdown, page_text
from office_docs import is_subsequence, non_space
from pdfgen import report_pdf
from wenku.model import Problem, Report
from wenku.pipeline import structured
from wenku.read.binary import read_doc_report, read_pdf_report
from wenku.read.markdown import read_markdown_report
from wenku.read.text import read_text_report

PDF_BLOCKS = [
    ("title", "中共某某支部2023年度党建工作总结"),
    ("body", "一年来，支部坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，认真落实全面从严治党"
             "主体责任，推动党建工作与业务工作深度融合，各项工作取得了明显成效。"),
    ("heading", "一、主要工作"),
    ("heading", "（一）加强理论武装"),
    ("body", "一是坚持集中学习制度，全年组织集中学习24次，撰写心得体会56篇，开展专题研讨6次，党员干部的理论水平和政治"
             "素养明显提高，在全支部形成了比学赶超的良好氛围。"),
    ("heading", "（二）夯实基层基础"),
    ("body", "".join(f"{unit}按期完成{task}，配齐配强{team}，{result}。" for unit in ("第一支部", "第二支部", "机关支部")
                     for task in ("换届选举", "组织生活会", "民主评议", "主题党日", "党课教育")
                     for team, result in (("支委班子", "队伍结构进一步优化"), ("党小组长", "组织生活更加规范")))),
    ("heading", "二、存在问题"),
    ("body", "对照上级要求，支部在党建与业务融合方面还有差距，个别党员学习主动性不强。"),
]
MARKDOWN = """---
title: 某某社区党委2022年度工作总结
year: 2022
unit: 某某社区党委
type: 工作总结
tags: [基层治理, 党建引领]
---
# 某某社区党委2022年度工作总结

2022年，社区党委坚持党建引领基层治理，推动各项工作落地见效。示例代码 <script>alert(1)</script> 照录。

## 一、强化政治引领
组织党员集中学习12次，**加粗**与 [链接](javascript:alert(2)) 都是原文。

### （一）抓好理论学习
开展专题党课4场。

## 二、下一步打算
持续深化“网格+党建”模式。
"""


def outline(report: Report) -> list[tuple[int, str]]:
    return [(b.level, b.label) for b in report.blocks if b.kind == "heading"]


def publish(raw) -> Report:
    assert not isinstance(raw, Problem), raw
    report = structured(raw, "report", None)
    assert isinstance(report, Report), report
    return report


@pytest.fixture(scope="module")
def doc_report(doc_dir: Path) -> tuple[Report, str]:
    raw = read_doc_report(doc_dir / "report.doc", "report.doc")
    return publish(raw), raw.text


def test_a_doc_report_is_published_with_its_title_and_word_numbering_as_outline(doc_report):
    report, _ = doc_report
    assert report.meta.title == "中共某某支部2023年度党建工作总结" and report.meta.year == 2023
    assert outline(report)[:3] == [(2, "一、总体情况"), (3, "（一）党建引领作用明显"), (3, "（二）队伍建设持续加强")]


def test_every_character_of_a_doc_reaches_its_page_in_order(doc_report):
    from legacy_docs import report_fodt

    report, text = doc_report
    page = page_text(report)
    assert first_missing(cleaned_input(text), page) == ""
    assert all(is_subsequence(non_space(line), non_space(page)) for line in report_fodt().visible)


def test_a_pdf_report_is_published_with_title_outline_and_every_character():
    data = report_pdf(PDF_BLOCKS, decor=lambda page, total: ("某某支部工作总结", f"- {page} -"))
    raw = read_pdf_report(Path("report.pdf"), "report.pdf", data)
    report = publish(raw)
    assert report.meta.title == "中共某某支部2023年度党建工作总结"
    assert outline(report) == [(2, "一、主要工作"), (3, "（一）加强理论武装"), (3, "（二）夯实基层基础"), (2, "二、存在问题")]
    page = page_text(report)
    assert first_missing("".join(text for _, text in PDF_BLOCKS), page) == ""
    assert "某某支部工作总结" not in page and "- 2 -" not in page  # running header and page numbers dropped
    assert any("页码" in note.message and note.level == "note" for note in raw.notes)


def test_a_scanned_or_broken_pdf_or_doc_is_an_error_naming_what_to_do(tmp_path):
    from pdfgen import scanned_pdf

    scan = read_pdf_report(Path("scan.pdf"), "scan.pdf", scanned_pdf())
    assert isinstance(scan, Problem) and scan.level == "error" and "OCR" in scan.message
    broken = read_doc_report(Path("x.doc"), "旧报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert isinstance(broken, Problem) and broken.level == "error" and broken.source == "旧报告.doc"
    assert "另存为 .docx" in broken.message
    works = read_doc_report(Path("x.wps"), "旧报告.wps", b"plain text, not OLE")
    assert isinstance(works, Problem) and "WPS" in works.message


def markdown_report(tmp_path: Path, text: str = MARKDOWN) -> tuple[Report, object]:
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    raw = read_markdown_report(path, "report.md")
    return publish(raw), raw


def test_markdown_front_matter_gives_title_and_metadata_and_hashes_give_headings(tmp_path):
    report, _ = markdown_report(tmp_path)
    assert report.meta.title == "某某社区党委2022年度工作总结"
    assert (report.meta.year, report.meta.unit, report.meta.doc_type) == (2022, "某某社区党委", "工作总结")
    assert report.meta.extra["标签"] == "基层治理、党建引领"
    assert outline(report) == [(2, "一、强化政治引领"), (3, "（一）抓好理论学习"), (2, "二、下一步打算")]


def test_markdown_body_is_text_every_character_in_order_and_never_runs(tmp_path):
    report, raw = markdown_report(tmp_path)
    page = page_text(report)
    assert first_missing(raw.text, page) == ""  # the text without front matter and # marks
    assert "<script>alert(1)</script>" in page and "**加粗**" in page and "javascript:alert(2)" in page
    markdown = page_markdown(report)
    assert "<script>" not in markdown


def test_markdown_without_front_matter_takes_its_first_heading_as_title(tmp_path):
    report, _ = markdown_report(tmp_path, "# 机关党支部2021年工作总结\n\n## 一、主要工作\n正文。\n")
    assert report.meta.title == "机关党支部2021年工作总结" and outline(report) == [(2, "一、主要工作")]


def test_broken_front_matter_is_shown_as_text_with_a_warning_naming_the_line(tmp_path):
    report, raw = markdown_report(tmp_path, "---\ntitle: [未闭合\n---\n机关工作总结\n一、主要工作\n正文。\n")
    (warning,) = [n for n in raw.notes if n.level == "warning"]
    assert warning.line and "YAML" in warning.message
    assert "title: [未闭合" in page_text(report)


def test_a_text_file_mixing_utf8_and_gbk_lines_is_decoded_line_by_line_with_a_note(tmp_path):
    utf8 = "县局2021年工作总结\n一、总体情况\n全年学习12次。\n".encode()
    gbk = "二、存在问题\n学习不够深入。\n".encode("gbk")
    path = tmp_path / "mixed.txt"
    path.write_bytes(utf8 + gbk)
    raw = read_text_report(path, "mixed.txt")
    assert raw.text == "县局2021年工作总结\n一、总体情况\n全年学习12次。\n二、存在问题\n学习不够深入。\n"
    (note,) = raw.notes
    assert note.line == 4 and "第 4–5 行是 GBK" in note.message
    report = publish(raw)
    assert outline(report) == [(2, "一、总体情况"), (2, "二、存在问题")] and note in report.warnings


def test_a_whole_gbk_file_is_not_called_mixed(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("县局2021年工作总结\n一、总体情况\n全年学习12次。\n".encode("gbk"))
    raw = read_text_report(path, "gbk.txt")
    assert raw.encoding == "gb18030" and raw.notes == []
