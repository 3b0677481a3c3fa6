"""Property: any Unicode text — control characters, heading markers, Markdown and HTML
syntax, furniture and web-page leftovers mixed in — converts without crashing, and every
non-whitespace character of the cleaned input appears, in order, in the rendered page's text
(Markdown rendered with the extensions of mkdocs.yml)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from input_support import (
    cleaned_input,
    first_missing,
    page_html,
    page_markdown,
    page_text,
)
from wenku.model import Problem, Report
from wenku.pipeline import structured
from wenku.read.text import read_text_report

PIECES = [
    "一、", "二、", "十一、", "（一）", "(二)", "1.", "2．", "3、", "（1）", "一是", "二是", "一方面，", "另一方面，",
    "。", "，", "；", "：", "“", "”", "《", "》", "\n", "\n\n", "\r\n", "\r", "\t", "\u3000", " ", "\u00a0",
    "**", "***", "XX", "*+*", "#", "## ", "> ", "- ", "+ ", "1. ", "|", "`", "```", "~~~", "\\", "_", "[", "]",
    "(", ")", "{", "}", "{: #x }", "<", ">", "&", "&copy;", "&#42;", "<script>alert(1)</script>", "</textarea>",
    "---", "title: x",
    "[TOC]", "=", "!", "^", ":", "~", "\x00", "\x02", "\x03", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
    "\u200b", "\ufeff", "\ufffd", "##paidbegin##", "【打印本页】", "下载 / 打印", "来源：本站", "时间：2021-01-01",
    "当前位置：首页 > 新闻", "扫一扫在手机打开当前页", "【字号：大 中 小】", "〔2021〕7号", "签发人：张三", "某局文件",
    "特此报告。", "附件：1.清单", "2021年12月30日", "县委组织部：", "存在问题", "下一步", "习　近　平", "工作总结",
    "情况", "在", "按照", "党建工作取得新成效",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=60).map("".join)
long_lines = st.lists(st.sampled_from(PIECES[:15] + ["今年以来，我局认真工作，取得成效。" * 3, "工作情况", "在上级党委领导下"]),
                      min_size=20, max_size=80).map("".join)


def convert_bytes(text: str) -> Report | Problem:
    raw = read_text_report(None, "prop.txt", text.encode("utf-8", "surrogatepass"))
    return raw if isinstance(raw, Problem) else structured(raw, "prop", None)


def check(text: str) -> None:
    result = convert_bytes(text)
    if isinstance(result, Problem):
        assert result.level == "error" and result.source == "prop.txt"
        return
    page = page_markdown(result)
    html, meta = page_html(page)
    assert meta["source"] == "prop.txt"
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    assert first_missing(cleaned_input(normalised), page_text(result)) == ""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_converts_and_nothing_is_lost(text):
    check(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(long_lines)
def test_flattened_text_converts_and_nothing_is_lost(text):
    check(text)
