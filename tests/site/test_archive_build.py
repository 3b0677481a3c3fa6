"""A real archive goes in whole: a .doc, a .pdf and a .md published among the seeds, a broken .doc
reported by name without stopping the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from input_support import site_config
from legacy_docs import make_doc_dir
from pdfgen import report_pdf
from project import SEEDS, build_pages

PDF = [("title", "某某局机关党委2022年度党建工作总结"), ("heading", "一、主要工作"),
       ("body", "局机关党委全年组织集中学习12次，开展主题党日活动24次，各项工作取得新成效。"),
       ("heading", "二、存在问题"), ("body", "学习的系统性还不够强。")]
MARKDOWN = "---\ntitle: 某某社区党委2022年度工作总结\nyear: 2022\n---\n## 一、强化政治引领\n组织党员学习12次。\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    docs = make_doc_dir(tmp_path_factory)
    folder = tmp_path_factory.mktemp("reports")
    for seed in SEEDS:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "支部总结.doc").write_bytes((docs / "report.doc").read_bytes())
    (folder / "机关党委.pdf").write_bytes(report_pdf(PDF))
    (folder / "社区.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "损坏.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    out = tmp_path_factory.mktemp("pages")
    return build_pages(folder, out, site_config().markdown_extensions), out


def test_doc_pdf_and_md_reports_are_published_among_the_seeds(built):
    result, out = built
    titles = {r.source: r.meta.title for r in result.reports}
    assert len(result.reports) == len(SEEDS) + 3
    assert titles["支部总结.doc"] == "中共某某支部2023年度党建工作总结"
    assert titles["机关党委.pdf"] == "某某局机关党委2022年度党建工作总结"
    assert titles["社区.md"] == "某某社区党委2022年度工作总结"
    pages = {Path(p).name: (out / p).read_text(encoding="utf-8") for p in result.written if p.startswith("reports/")}
    assert any("二、存在问题" in page and "学习的系统性还不够强" in page for page in pages.values())


def test_a_broken_doc_is_an_error_naming_the_file_and_the_others_are_published(built):
    result, _ = built
    (problem,) = [p for p in result.problems if p.source == "损坏.doc"]
    assert problem.level == "error" and "另存为 .docx" in problem.message
