"""Decoding: every encoding reports arrive in, and clear messages for files that are not text."""

from __future__ import annotations

import codecs

import pytest

from wenku.model import Problem
from wenku.read.text import decode, read_text_report

TEXT = "2022年党建工作总结\n一、强化理论武装“三会一课”，打造学习型机关。\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ((TEXT * 3).encode("gb18030"), "gb18030"),
    ((TEXT * 3).encode("gbk"), "gb18030"),
])
def test_decodes_every_supported_encoding(data, encoding):
    text, name = decode(data, "r.txt")
    assert text.startswith("2022年党建工作总结") and "“三会一课”" in text
    assert name == encoding


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(codec):
    assert decode(TEXT.encode(codec), "r.txt") == (TEXT, codec)


def test_gb18030_only_characters_survive():
    text = "2022年工作总结\n䶮与𠀀等扩展汉字，以及“三会一课”制度落实情况。\n" * 3
    assert decode(text.encode("gb18030"), "r.txt")[0] == text


@pytest.mark.parametrize("raw", [b"a\r\nb\rc\n", b"a\nb\nc\n"])
def test_line_ends_are_normalised(tmp_path, raw):
    path = tmp_path / "r.txt"
    path.write_bytes(raw)
    assert read_text_report(path, "r.txt").text == "a\nb\nc\n"


@pytest.mark.parametrize("data, words", [
    (b"", "是空的"),
    (b" \n\t\r\n", "只有空白字符"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "这不是文本文件"),
    (b"\x81\x30\x81" + bytes(range(0x80, 0xff)) * 3, "无法解码"),
])
def test_files_that_are_not_reports_get_a_clear_message(data, words):
    problem = decode(data, "bad.txt")
    assert isinstance(problem, Problem) and problem.level == "error"
    assert words in problem.message and "bad.txt" in str(problem)


def test_undecodable_bytes_name_the_line():
    data = "第一行\n第二行\n".encode() + b"\xff\xfe\xfd\xfc bad \xff\n"
    problem = decode(data, "bad.txt")
    assert isinstance(problem, Problem) and problem.line == 3 and "另存为 UTF-8" in problem.message
