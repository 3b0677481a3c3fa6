"""Report text is never reinterpreted as Markdown or HTML, with the extensions mkdocs.yml enables."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config

from htmltext import html_tags, html_text
from project import ROOT
from wenku.model import Span
from wenku.pages.escape import Escaper, UnknownExtensionError
from wenku.pages.render import mark_text


@pytest.fixture(scope="module")
def site_markdown():
    with (ROOT / "mkdocs.yml").open("rb") as handle:
        config = load_config(config_file=handle)
    esc = Escaper.for_extensions(config.markdown_extensions)

    def render(text: str, spans=()) -> str:
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        return md.convert(mark_text(text, esc, spans))

    return render


CASES = [
    "**坚持**以习近平新时代中国特色社会主义思想为指导",
    "# 不是标题", "## 也不是标题", "### 三级",
    "<script>alert(1)</script>", "<b>不加粗</b>", "&copy; 与 &amp; 照原样", "&#42; 数字实体照原样",
    "表格 | 竖线 | 照原样", "[ ] 方括号 [链接](http://x) ![图](y.png)", "`代码` 与 ``两个``", "反斜杠 \\ 与 \\* 与 \\\\",
    "下划线 _x_ 与 __y__", "> 不是引用", "- 不是列表", "+ 也不是列表", "* 还不是列表", "1. 不是有序列表", "2) 也不是",
    "---", "===", "~~~", "```", "中间    四个空格", "{: #id .class } 花括号", "行尾 {#anchor}",
    "<!-- 注释 -->", "<div>块</div>", "[TOC]", "http://example.com 与 <http://example.com>",
    "**+**+**", "*+*", "XX大精神", "LED屏幕", "*", "***", "********",
]


@pytest.mark.parametrize("text", CASES)
def test_text_renders_exactly_as_typed(site_markdown, text):
    html = site_markdown(text)
    assert html_text(html) == text
    assert set(html_tags(html)) <= {"p", "span"}, html


@pytest.mark.parametrize("text, marks", [
    ("**", ["**"]), ("***", ["***"]), ("********", ["********"]), ("“*+*”主题党日", ["*+*"]),
    ("“**+**+**”三个梯队", ["**+**+**"]), ("XX大精神", ["XX"]), ("X局", ["X"]), ("调研课题X项", ["X"]),
    ("LED屏幕", []), ("Xbox与XML", []), ("TEXT", []),
])
def test_redactions_are_marked_and_kept(site_markdown, text, marks):
    html = site_markdown(text)
    assert html_text(html) == text
    assert html.count('class="wk-redacted"') == len(marks)
    for mark in marks:
        assert f'title="原文已隐去">{"".join(f"&#{ord(c)};" if c == "*" else c for c in mark)}</span>' in html


def test_lead_in_is_bold_and_keeps_its_text(site_markdown):
    text = "一是常学必学内容。对**重要著作分解篇目。"
    html = site_markdown(text, [Span(0, 9, "lead")])
    assert '<strong class="wk-lead">一是常学必学内容。</strong>' in html
    assert html_text(html) == text


def test_unknown_extension_is_refused_with_a_message():
    with pytest.raises(UnknownExtensionError, match="pymdownx.superfences.*EXTENSION_INLINE"):
        Escaper.for_extensions(["toc", "pymdownx.superfences"])


def test_extension_list_decides_what_is_escaped():
    assert Escaper.for_extensions([]).inline_text("|") == "|"
    assert Escaper.for_extensions(["tables"]).inline_text("|") == "&#124;"
