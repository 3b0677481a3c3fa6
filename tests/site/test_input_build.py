"""A real `mkdocs build` of a messy reports folder: real-world formats, bad files and awkward
names next to the seeds. Bad reports never take the build down; every warning is repeated in a
summary at the end; `--strict` fails on them; every good report's page holds all its text."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path, PurePosixPath

import pytest

from docx_builder import ChineseOutline
from input_support import INPUT_FIXTURES, cleaned_input, first_missing, html_text
from project import SEEDS, make_project, mkdocs_build
from wenku.pages.slugs import unique_slugs
from wenku.read.sources import discover

DOCX_TEXT = ["县人社局2021年党建工作总结", "2021年，局党组坚持以党建引领业务工作。", "一、强化理论武装",
             "（一）健全学习制度", "全年组织集中学习12次。", "二、存在问题及下一步打算", "学习的系统性还不够强。"]
BAD = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n",
    "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "bad-bytes.txt": "标题\n正文\n".encode() + b"\xff\xfe\xfa\n",
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "scan.pdf": b"%PDF-1.4",
    ".DS_Store": b"\x00\x00\x00\x01Bud1",
    "~$党建总结.docx": b"\x0bWPS",
}
ODD_NAMES = ["my report 2021.txt", "-leading-dash.txt", "quote\"d 'name'.txt", "党建 工作总结（2021）.txt"]


def numbered_docx() -> bytes:
    doc = ChineseOutline()
    doc.document.add_paragraph(DOCX_TEXT[0])
    doc.document.add_paragraph(DOCX_TEXT[1])
    doc.numbered("强化理论武装", 0)
    doc.numbered("健全学习制度", 1)
    doc.document.add_paragraph(DOCX_TEXT[4])
    doc.numbered("存在问题及下一步打算", 0)
    doc.document.add_paragraph(DOCX_TEXT[6])
    return doc.to_bytes()


@pytest.fixture(scope="session")
def messy_project(tmp_path_factory) -> Path:
    reports = {p.name: p.read_bytes() for p in SEEDS}
    reports.update({p.name: p.read_bytes() for p in INPUT_FIXTURES})
    reports.update(BAD)
    reports.update({name: SEEDS[0].read_bytes() for name in ODD_NAMES})
    reports["word/numbered.docx"] = numbered_docx()
    project = make_project(tmp_path_factory.mktemp("messy"), reports)
    os.symlink("loop.txt", project / "source_reports" / "loop.txt")
    return project


@pytest.fixture(scope="session")
def messy_build(messy_project):
    """The messy folder built without --strict: the site is built, problems are reported."""
    result = mkdocs_build(messy_project)
    return result, messy_project


def article_text(html: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, "no article in the page"
    return html_text(match.group(1))


def page_of(project: Path, source_name: str) -> str:
    sources, _ = discover(project / "source_reports")
    slug = unique_slugs([s.name for s in sources])[source_name]
    return (project / "site" / "reports" / slug / "index.html").read_text(encoding="utf-8")


def test_bad_reports_do_not_take_the_build_down(messy_build):
    result, project = messy_build
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    for name in [p.name for p in SEEDS] + [p.name for p in INPUT_FIXTURES] + ODD_NAMES + ["word/numbered.docx"]:
        assert page_of(project, name)


def test_every_problem_is_named_and_repeated_in_the_summary(messy_build):
    result, _ = messy_build
    output = result.stderr
    warnings = re.findall(r"^WARNING\s+-\s+wenku: (.+)$", output, re.M)
    for name in ("empty.txt", "blank.txt", "picture.txt", "bad-bytes.txt 第 3 行", "old.doc", "scan.pdf", "loop.txt",
                 "no_structure.txt"):
        assert any(re.match(rf"(错误|警告) {re.escape(name)}：", w) for w in warnings), name
    summary = output[output.index("个文件需要处理"):]
    files = {re.match(r"(?:错误|警告) (.+?)(?: 第 \d+ 行)?：", w).group(1) for w in warnings}
    assert f"wenku: {len(files)} 个文件需要处理" in output
    for warning in warnings:
        assert warning in summary
    notes = re.findall(r"^INFO\s+-\s+wenku: 提示 (\.DS_Store|~\$党建总结\.docx)：(.+)$", output, re.M)
    assert len(notes) == 2 and all("已忽略" in message for _, message in notes)


def test_strict_build_fails_on_any_warning_with_its_message(messy_project, tmp_path):
    project = tmp_path / "strict"
    shutil.copytree(messy_project, project, symlinks=True, ignore=shutil.ignore_patterns("site", ".wenku"))
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert re.search(r"Aborted with \d+ warnings in strict mode!", result.stdout + result.stderr)
    assert "wenku: 错误 empty.txt：文件是空的；请把报告正文放进去，或删除该文件" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_strict_build_fails_on_one_unstructured_report(tmp_path):
    project = make_project(tmp_path, {"a.txt": SEEDS[0].read_bytes(),
                                      "plain.txt": "某支部学习情况\n今年学习十余次。\n收获很大。\n".encode()})
    result = mkdocs_build(project, "--strict")
    assert result.returncode != 0
    assert "WARNING -  wenku: 警告 plain.txt：没有找到带序号的标题" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


@pytest.mark.parametrize("path", INPUT_FIXTURES, ids=lambda p: p.name)
def test_fidelity_of_each_fixture_in_the_built_site(messy_build, path):
    _, project = messy_build
    text = article_text(page_of(project, path.name))
    assert first_missing(cleaned_input(path.read_text(encoding="utf-8")), text) == ""


def test_fidelity_of_the_docx_in_the_built_site(messy_build):
    _, project = messy_build
    html = page_of(project, "word/numbered.docx")
    assert first_missing("".join(DOCX_TEXT), article_text(html)) == ""
    assert '<h3 id="一健全学习制度">（一）健全学习制度</h3>' in html


def test_odd_file_names_have_plain_urls(messy_build):
    _, project = messy_build
    folders = sorted(p.name for p in (project / "site" / "reports").iterdir())
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) for name in folders), folders
    for name in ODD_NAMES:
        card = re.search(r'class="wk-added wk-card"(.*?)</div>', page_of(project, name), re.S).group(1)
        assert PurePosixPath(name).name in html_text(card, skip_class="none")
