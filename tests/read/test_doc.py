from __future__ import annotations

import io
import struct
from pathlib import Path

import olefile
import pytest

from legacy_docs import report_fodt
from office_docs import is_subsequence, non_space
from wenku.read.doc import NUMBERING_LOST_NOTE, DocText, _decode_piece, read_doc
from wenku.read.doc_lists import chinese_counting, format_number
from wenku.read.errors import ReadError


@pytest.fixture(scope="session")
def report(doc_dir: Path) -> DocText:
    return read_doc((doc_dir / "report.doc").read_bytes())


@pytest.fixture(scope="session")
def word(doc_dir: Path) -> DocText:
    return read_doc((doc_dir / "word.doc").read_bytes())


def test_chinese_paragraphs_in_order(report: DocText) -> None:
    assert report.lines[0] == "中共某某支部2023年度党建工作总结"
    assert report.lines[1].startswith("2023年，在上级党委的坚强领导下")
    assert report.lines[-1] == "Mixed English words and 中文 text, 100% done; 引号“测试”、括号（测试）。"


def test_chinese_automatic_numbering_is_recovered(report: DocText) -> None:
    start = report.lines.index("一、总体情况")
    assert report.lines[start:start + 6] == [
        "一、总体情况", "（一）党建引领作用明显", "（二）队伍建设持续加强",
        "二、主要做法", "（一）强化理论武装", "三、存在问题"]
    assert report.uses_numbering and report.numbering_recovered
    assert report.notes == []


def test_decimal_numbering(report: DocText) -> None:
    assert [line for line in report.lines if line.endswith(("学习。", "管理。", "实效。"))] == [
        "1.加强学习。", "2.严格管理。", "3.注重实效。"]


def test_table_rows_become_lines_with_ideographic_space(report: DocText) -> None:
    assert "姓名\u3000职务\u3000备注" in report.lines
    assert "张三\u3000支部书记\u3000第一行 第二行" in report.lines
    assert "李四\u3000\u3000组织委员" in report.lines


def test_field_code_dropped_and_result_kept(report: DocText) -> None:
    assert "详见学习强国平台相关内容。" in report.lines
    assert not any("HYPERLINK" in line or "xuexi" in line for line in report.lines)


def test_line_and_page_breaks_split_lines(report: DocText) -> None:
    i = report.lines.index("第一行文字")
    assert report.lines[i + 1] == "换行后的文字"
    assert report.lines[i + 2].startswith("下一页开始的内容")


def test_no_control_characters(report: DocText, word: DocText) -> None:
    for line in report.lines + word.lines:
        assert all(ch >= " " for ch in line), repr(line)


def test_fidelity_every_source_character_in_order(report: DocText) -> None:
    source = non_space("".join(report_fodt().visible))
    assert is_subsequence(source, non_space("".join(report.lines)))


def test_word_style_document(word: DocText, doc_dir: Path) -> None:
    visible = (doc_dir / "words.txt").read_text(encoding="utf-8").split("\n")
    assert is_subsequence(non_space("".join(visible)), non_space("".join(word.lines)))
    assert "1. 完成年度任务" in word.lines and "2. 推进重点项目" in word.lines
    assert "单位\u3000得分" in word.lines and "一支部\u300095" in word.lines
    assert "当前页码：1" in word.lines  # PAGE field: code dropped, result kept
    assert "第二页内容" in word.lines  # the page break started a new line
    assert "制表符 之后" in word.lines


def test_numbering_flag_when_lists_cannot_be_read(doc_dir: Path) -> None:
    broken = _patch_fib(doc_dir / "report.doc", lambda fib, at: struct.pack_into("<I", fib, at(73) + 4, 0))
    result = read_doc(broken)
    assert result.uses_numbering and not result.numbering_recovered
    assert result.notes == [NUMBERING_LOST_NOTE]
    assert "总体情况" in result.lines


def test_encrypted_flag_gives_chinese_error(doc_dir: Path) -> None:
    flagged = _patch_fib(doc_dir / "report.doc", lambda fib, at: struct.pack_into(
        "<H", fib, 10, struct.unpack_from("<H", fib, 10)[0] | 0x0100))
    with pytest.raises(ReadError, match="已加密.*取消密码"):
        read_doc(flagged)


def test_password_protected_doc(encrypted_doc: bytes) -> None:
    with pytest.raises(ReadError, match="已加密"):
        read_doc(encrypted_doc)


def test_ole_without_word_stream_is_old_wps(doc_dir: Path) -> None:
    data = (doc_dir / "report.doc").read_bytes()
    renamed = data.replace("WordDocument".encode("utf-16-le"), "MatOStreamXX".encode("utf-16-le"))
    with pytest.raises(ReadError, match="金山 WPS.*另存为 .docx"):
        read_doc(renamed)


@pytest.mark.parametrize(("data", "hint"), [
    (b"{\\rtf1\\ansi hello}" + b" " * 600, "RTF"),
    (b"PK\x03\x04" + b"\0" * 600, ".docx"),
    (b"<html><body>x</body></html>" + b" " * 600, "HTML"),
    (b"\x00\x01 old kingsoft" + b"\0" * 600, "金山 WPS"),
    (b"", "金山 WPS"),
])
def test_not_an_ole_file(data: bytes, hint: str) -> None:
    with pytest.raises(ReadError, match=hint):
        read_doc(data)


def test_truncated_doc_gives_read_error(doc_dir: Path) -> None:
    data = (doc_dir / "report.doc").read_bytes()
    with pytest.raises(ReadError):
        read_doc(data[:2048])


def test_compressed_piece_decoding() -> None:
    assert _decode_piece("Caf\xe9 \x93quoted\x94 \x80".encode("latin-1"), compressed=True) == "Café “quoted” €"
    assert _decode_piece("党建".encode("utf-16-le"), compressed=False) == "党建"


@pytest.mark.parametrize(("value", "expected"), [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(value: int, expected: str) -> None:
    assert chinese_counting(value) == expected


def test_number_formats() -> None:
    assert [format_number(4, nfc) for nfc in (0, 1, 2, 3, 4, 0x12, 0x16, 0x1E, 0x26)] == [
        "4", "IV", "iv", "D", "d", "④", "04", "丁", "肆"]


def _patch_fib(path: Path, patch) -> bytes:
    """Rewrite bytes of the WordDocument stream in place (olefile can only overwrite)."""
    buf = io.BytesIO(path.read_bytes())
    with olefile.OleFileIO(buf, write_mode=True) as ole:
        fib = bytearray(ole.openstream("WordDocument").read())
        patch(fib, lambda index: _fc_lcb_offset(fib, index))
        ole.write_stream("WordDocument", bytes(fib))
    return buf.getvalue()


def _fc_lcb_offset(fib: bytearray, index: int) -> int:
    pos = 34 + 2 * struct.unpack_from("<H", fib, 32)[0]
    pos += 2 + 4 * struct.unpack_from("<H", fib, pos)[0]
    return pos + 2 + 8 * index


def test_list_styles_are_resolved_from_stylesheet(doc_dir: Path) -> None:
    from wenku.read import doc as doc_module
    from wenku.read.doc_props import read_styles

    word_stream, table = doc_module._open_streams((doc_dir / "word.doc").read_bytes())
    fib = doc_module._parse_fib(word_stream)
    styles = read_styles(table, *fib.pair(1))
    assert len(styles) > 10 and any(style.ilfo for style in styles)
