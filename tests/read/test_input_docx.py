"""Word .docx reports (made here with python-docx, automatic numbering included) and the
legacy formats wenku refuses with a message saying how to convert them."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from docx_builder import NSDECL, ChineseOutline, add_footnote
from input_support import cleaned_input, first_missing, page_markdown, page_text
from wenku.model import Problem, RawReport
from wenku.pipeline import structured
from wenku.read.docx import read_docx_report
from wenku.read.sources import discover
from wenku.textrules import chinese_count

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def numbered_report() -> ChineseOutline:
    """A report the way Word users write it: headings numbered by Word, not typed."""
    doc = ChineseOutline()
    doc.document.add_paragraph("县人社局2021年党建工作总结", style="Title")
    doc.document.add_paragraph("2021年，局党组坚持以党建引领业务工作，各项工作取得新成效。")
    doc.numbered("强化理论武装", 0)
    doc.numbered("健全学习制度", 1)
    doc.document.add_paragraph("全年组织集中学习12次。")
    doc.numbered("理论学习扎实开展", 2)
    doc.numbered("专题研讨不断深化", 2)
    doc.numbered("创新学习载体", 1)
    doc.numbered("理论联系实际", 2)  # restarts at 1. under the new （二）
    doc.numbered("夯实基层基础", 0)
    doc.numbered("存在问题及下一步打算", 0)
    doc.document.add_paragraph("学习的系统性还不够强。下一步，我们将持续深化理论武装。")
    return doc


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(tmp_path: Path, name: str, data: bytes) -> RawReport | Problem:
    return read_docx_report(write(tmp_path, name, data), name)


def test_automatic_numbering_becomes_the_text_a_reader_sees(tmp_path):
    raw = read(tmp_path, "numbered.docx", numbered_report().to_bytes())
    assert isinstance(raw, RawReport), raw
    assert raw.text.split("\n") == [
        "县人社局2021年党建工作总结",
        "2021年，局党组坚持以党建引领业务工作，各项工作取得新成效。",
        "一、强化理论武装", "（一）健全学习制度", "全年组织集中学习12次。",
        "1. 理论学习扎实开展", "2. 专题研讨不断深化",
        "（二）创新学习载体", "1. 理论联系实际",
        "二、夯实基层基础", "三、存在问题及下一步打算",
        "学习的系统性还不够强。下一步，我们将持续深化理论武装。",
    ]
    assert raw.encoding == "docx"
    assert raw.sha256 == hashlib.sha256((tmp_path / "numbered.docx").read_bytes()).hexdigest()


def test_docx_goes_through_the_same_pipeline_as_text(tmp_path):
    raw = read(tmp_path, "numbered.docx", numbered_report().to_bytes())
    report = structured(raw, "numbered", None)
    outline = [(b.level, b.label) for b in report.blocks if b.kind == "heading"]
    assert outline == [(2, "一、强化理论武装"), (3, "（一）健全学习制度"), (4, "1. 理论学习扎实开展"),
                       (4, "2. 专题研讨不断深化"), (3, "（二）创新学习载体"), (4, "1. 理论联系实际"),
                       (2, "二、夯实基层基础"), (2, "三、存在问题及下一步打算")]
    assert report.meta.title == "县人社局2021年党建工作总结" and report.meta.year == 2021
    assert any("problems" in b.roles for b in report.blocks)
    assert first_missing(cleaned_input(raw.text), page_text(report)) == ""


def test_heading_styles_without_numbers_are_headings(tmp_path):
    doc = ChineseOutline()
    doc.document.add_heading("区档案馆2022年工作总结", level=0)  # style Title
    doc.document.add_paragraph("今年以来，馆党支部认真履职。")
    doc.document.add_heading("工作回顾", level=1)
    doc.document.add_heading("档案收集", level=2)
    doc.document.add_paragraph("接收进馆档案3000卷。")
    doc.document.add_heading("下一步打算", level=1)
    doc.document.add_paragraph("继续推进档案数字化。")
    report = structured(read(tmp_path, "styled.docx", doc.to_bytes()), "styled", None)
    assert [(b.level, b.label) for b in report.blocks if b.kind == "heading"] == [
        (2, "工作回顾"), (3, "档案收集"), (2, "下一步打算")]
    assert not report.warnings


def test_numbering_linked_to_a_heading_style(tmp_path):
    """Chinese templates often number 标题 2 paragraphs through the style, not the paragraph."""
    doc = ChineseOutline()
    doc.link_style("Heading 2", [("chineseCounting", "（%1）", "nothing")])
    doc.document.add_paragraph("市残联2020年工作总结")
    doc.document.add_paragraph("一年来，我会扎实开展各项工作。")
    doc.document.add_heading("康复服务", level=2)
    doc.document.add_paragraph("完成康复训练500人次。")
    doc.document.add_heading("就业帮扶", level=2)
    raw = read(tmp_path, "linked.docx", doc.to_bytes())
    assert "（一）康复服务" in raw.text.split("\n") and "（二）就业帮扶" in raw.text.split("\n")


def test_restarted_numbering_and_an_appended_document(tmp_path):
    doc = numbered_report()
    doc.document.add_paragraph("局机关第二党支部2021年工作总结")
    second = doc.add_instance("90", restart=True)  # Word: 重新开始于一
    doc.numbered("支部建设", 0, num_id=second)
    doc.numbered("党员教育", 0, num_id=second)
    raw = read(tmp_path, "appended.docx", doc.to_bytes())
    lines = raw.text.split("\n")
    assert lines[-3:] == ["局机关第二党支部2021年工作总结", "一、支部建设", "二、党员教育"]
    report = structured(raw, "appended", None)
    heads = [(b.level, b.label) for b in report.blocks if b.kind == "heading"]
    assert heads[-3:] == [(2, "局机关第二党支部2021年工作总结"), (3, "一、支部建设"), (3, "二、党员教育")]


def test_tables_text_boxes_tracked_changes_and_footnotes(tmp_path):
    """Everything a reader sees reaches the text, once; deleted tracked changes do not."""
    doc = ChineseOutline()
    doc.document.add_paragraph("乡政府2021年党建工作总结")
    paragraph = doc.document.add_paragraph("全年工作情况见下表")
    table = doc.document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, (("序号", "项目", "完成情况"), ("1", "主题党日", "12次"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    inserted = doc.document.add_paragraph("修订后：")
    doc.add_raw(inserted, f'<w:ins {NSDECL} w:id="1" w:author="a"><w:r><w:t>新增的句子。</w:t></w:r></w:ins>')
    doc.add_raw(inserted, f'<w:del {NSDECL} w:id="2" w:author="a"><w:r><w:delText>删除的句子。</w:delText></w:r></w:del>')
    boxed = doc.document.add_paragraph("正文")
    box = ('<w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p>')
    doc.add_raw(boxed, f'<w:r {NSDECL} {MC}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
                       f'<w:txbxContent>{box}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>'
                       f'<w:txbxContent>{box}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    data = add_footnote(doc.to_bytes(), "全年工作情况见下表", "数据截至2021年12月31日。")
    raw = read(tmp_path, "rich.docx", data)
    lines = raw.text.split("\n")
    assert "序号\u3000项目\u3000完成情况" in lines and "1\u3000主题党日\u300012次" in lines
    assert "修订后：新增的句子。" in lines and "删除的句子" not in raw.text
    assert raw.text.count("文本框里的话") == 1
    assert lines[-1] == "数据截至2021年12月31日。"
    assert paragraph.text in raw.text


def test_chinese_counting_matches_word():
    assert [chinese_count(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 101, 110)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十"]


@pytest.mark.parametrize("name, data, expected", [
    ("legacy.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Word/WPS 文档"),
    ("scan.docx", b"%PDF-1.7\n%binary", "PDF 文件"),
    ("broken.docx", b"this is not a zip at all", "不是 Word .docx 文件包"),
])
def test_files_that_are_not_docx_say_what_they_are(tmp_path, name, data, expected):
    problem = read(tmp_path, name, data)
    assert isinstance(problem, Problem) and problem.level == "error"
    assert problem.source == name and expected in problem.message and ".docx" in problem.message


def test_a_zip_without_a_document_is_reported_as_damaged(tmp_path):
    path = tmp_path / "half.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"/>')
    problem = read_docx_report(path, "half.docx")
    assert isinstance(problem, Problem) and problem.source == "half.docx"
    assert "已损坏" in problem.message and "再另存为 .docx" in problem.message


def test_another_office_file_renamed_docx(tmp_path):
    word = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    sheet = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    source = zipfile.ZipFile(io.BytesIO(numbered_report().to_bytes()))
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename).replace(word, sheet))
    problem = read_docx_report(path, "sheet.docx")
    assert isinstance(problem, Problem) and "不是 Word 文档" in problem.message
    assert "请从 Word 或 WPS 把报告另存为 .docx" in problem.message


def test_an_empty_word_document(tmp_path):
    problem = read(tmp_path, "blank.docx", ChineseOutline().to_bytes())
    assert isinstance(problem, Problem) and "没有文字" in problem.message


@pytest.mark.parametrize("suffix, kind", [(".doc", "doc"), (".wps", "doc"), (".DOC", "doc"), (".pdf", "pdf"),
                                          (".md", "markdown"), (".docx", "docx"), (".txt", "text")])
def test_legacy_word_wps_pdf_and_markdown_files_are_read_as_reports(tmp_path, suffix, kind):
    (tmp_path / f"旧报告{suffix}").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    (source,), problems = discover(tmp_path)
    assert problems == [] and source.kind == kind


@pytest.mark.parametrize("suffix, advice", [(".rtf", "另存为 .docx 或 .doc"), (".odt", "另存为 .docx"),
                                            (".et", "WPS 表格")])
def test_formats_still_not_read_get_a_message_on_how_to_convert(tmp_path, suffix, advice):
    (tmp_path / f"旧报告{suffix}").write_bytes(b"{\\rtf1 legacy")
    sources, problems = discover(tmp_path)
    assert sources == []
    (problem,) = problems
    assert problem.source == f"旧报告{suffix}" and problem.level == "error"
    assert f"暂不能读取 {suffix} 文件" in problem.message and advice in problem.message


def test_a_docx_saved_with_a_txt_name(tmp_path):
    from wenku.read.text import read_text_report

    path = write(tmp_path, "report.txt", numbered_report().to_bytes())
    problem = read_text_report(path, "report.txt")
    assert isinstance(problem, Problem) and "ZIP 压缩包" in problem.message and "扩展名改为 .docx" in problem.message


def test_the_docx_page_renders(tmp_path):
    report = structured(read(tmp_path, "numbered.docx", numbered_report().to_bytes()), "numbered", None)
    page = page_markdown(report)
    assert "## 一、强化理论武装" in page and "### （一）健全学习制度" in page
