"""A folder of bad files, built with `mkdocs build` as staff would: every wenku message is
Chinese (错误/警告/提示, the file, what is wrong, what to do), identical repeats are one line,
and the site's 文件检查 page lists every file of the folder with its outcome."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from project import SEEDS, make_project, mkdocs_build
from wenku import messages
from wenku.model import Level, Problem

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
FILES = {
    "good.txt": SEEDS[0].read_bytes(),
    "子目录/另一篇.txt": SEEDS[1].read_bytes(),
    "plain.txt": "某支部学习情况\n今年学习十余次。\n收获很大。\n".encode(),
    "empty.txt": b"",
    "picture.txt": PNG,
    "bad-bytes.txt": "标题\n第一段。\n".encode() + b"\xff\xfe\xfa bad \xc3\n",
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    "scan.pdf": b"%PDF-1.7\n%binary",
    "broken.docx": b"this is not a zip at all",
    "table.xlsx": b"PK\x03\x04rest",
    ".DS_Store": b"\x00\x00\x00\x01Bud1",
    "~$总结.docx": b"\x0bWPS lock",
}
PUBLISHED = {"good.txt", "子目录/另一篇.txt", "plain.txt"}
WARNED = {"plain.txt"}
IGNORED = {".DS_Store", "~$总结.docx"}
FAILED = set(FILES) - PUBLISHED - IGNORED
LINE = re.compile(r"^(WARNING|INFO)\s+-\s+wenku: (错误|警告|提示) (.+?)(?: 第 (\d+) 行)?：(.+)$", re.M)
# Latin words allowed in a Chinese message: formats, programs and encodings it names.
NAMES = {"Word", "WPS", "UTF", "GB", "NUL", "PDF", "ZIP", "PNG", "JPEG", "RTF", "Excel", "PowerPoint", "docx", "txt",
         "doc", "wps", "pdf", "xlsx", "pptx", "DS_Store", "bad", "Store", "MB", "KB", "DS", "md", "OCR"}


class Sections(HTMLParser):
    """Text of each <section class="wk-checks …"> of the 文件检查 page, and the links inside it."""

    def __init__(self):
        super().__init__()
        self.current: str | None = None
        self.text: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        css = dict(attrs).get("class") or ""
        if tag == "section" and "wk-checks " in css + " ":
            self.current = css.split()[-1]
            self.text[self.current], self.links[self.current] = "", []
        elif tag == "a" and self.current:
            self.links[self.current].append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "section":
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.text[self.current] += data


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("checks"), FILES)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, result.stderr


def english_words(message: str, source: str) -> list[str]:
    words = re.findall(r"[A-Za-z_]+", re.sub(r"0x[0-9a-f]+", "", message.replace(source, "")))
    return [w for w in words if w not in NAMES]


def test_every_wenku_message_is_chinese_names_the_file_and_says_what_to_do(built):
    _, log = built
    lines = [line for line in log.splitlines() if "wenku: " in line and re.search(r"wenku: (错误|警告|提示) ", line)]
    found = LINE.findall(log)
    assert len(found) == len(lines) >= len(FAILED | WARNED | IGNORED)
    named = {source for _, _, source, _, _ in found}
    assert FAILED | WARNED | IGNORED <= named
    for level, label, source, _line, message in found:
        assert re.search(r"[\u4e00-\u9fff]", message) and not english_words(message, source), message
        assert "请" in message, message  # what to do
        assert (level == "INFO") == (label == "提示"), (level, label)  # --strict fails on 错误 and 警告
    assert any(source == "bad-bytes.txt" and line == "3" for _, _, source, line, _ in found)
    summary = log[log.index("个文件需要处理"):]
    assert all(f"{label} {source}" in summary for _, label, source, _, _ in found if label != "提示")
    assert not re.search(r"\b(error|warning|note):", log)


def test_identical_problems_are_one_line_with_a_count():
    problem = Problem("a.txt", "文件是空的；请把报告正文放进去，或删除该文件", level=Level.ERROR)
    other = Problem("b.txt", problem.message, level=Level.ERROR)
    collapsed = messages.collapsed([problem, other, problem, problem])
    assert collapsed == [(problem, 3), (other, 1)]
    assert messages.line(problem, 3) == "错误 a.txt：文件是空的；请把报告正文放进去，或删除该文件（共 3 次）"


def test_the_checks_page_lists_every_file_with_its_outcome(built):
    project, _ = built
    html = (project / "site" / "checks" / "index.html").read_text(encoding="utf-8")
    parser = Sections()
    parser.feed(html)
    text, links = parser.text, parser.links
    for name in FAILED:
        assert name in text["wk-checks-failed"] and name not in text["wk-checks-published"], name
    assert "文本无法解码" in text["wk-checks-failed"] and "第 3 行" in text["wk-checks-failed"]
    assert "该 .doc 文件已损坏" in text["wk-checks-failed"] and "另存为 .docx" in text["wk-checks-failed"]
    for name in IGNORED:
        assert name in text["wk-checks-ignored"] and "已忽略" in text["wk-checks-ignored"], name
    assert "plain.txt" in text["wk-checks-warned"] and "没有找到带序号的标题" in text["wk-checks-warned"]
    for name in PUBLISHED - WARNED:
        assert name in text["wk-checks-published"], name
    published_links = links["wk-checks-published"] + links["wk-checks-warned"]
    assert len([href for href in published_links if "reports/" in href]) == len(PUBLISHED)
    for href in published_links:
        assert (project / "site" / "checks" / href / "index.html").resolve().is_file(), href
    assert 'data-pagefind-ignore="all"' in html


def test_the_checks_page_is_linked_from_about_and_the_footer_not_the_navigation(built):
    project, _ = built
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    about = (project / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../checks/"' in about
    footer = home[home.index('class="md-footer'):]
    assert 'href="checks/"' in footer and "关于本站" in footer
    navigation = home[home.index('class="md-tabs'):home.index('class="md-content')]
    assert "checks/" not in navigation
    fragments = list((project / "site" / "pagefind").glob("*/fragment/*"))
    assert len(fragments) == len(PUBLISHED)  # search holds the reports only
