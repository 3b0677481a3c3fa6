"""Bad input: each case gets a clear message naming the file (and line where it helps) and
saying what to do; the other reports still build; a failing build leaves the old pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from input_support import INPUT_DIR, ROOT, site_config
from project import build_pages, run_wenku
from wenku import pipeline, stages
from wenku.model import Problem
from wenku.read.sources import MAX_REPORT_BYTES

GOOD = "某局2021年工作总结\n今年以来，我局扎实开展工作。\n一、主要做法\n抓学习，抓落实。\n".encode()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
TO_DO = "请"  # every message says what to do: 请……


def build(tmp_path: Path, files: dict[str, bytes]) -> pipeline.BuildResult:
    reports = tmp_path / "reports"
    for name, data in files.items():
        (reports / name).parent.mkdir(parents=True, exist_ok=True)
        (reports / name).write_bytes(data)
    reports.mkdir(exist_ok=True)
    return build_pages(reports, tmp_path / "pages", site_config().markdown_extensions)


def problem_for(result: pipeline.BuildResult, name: str) -> Problem:
    (problem,) = [p for p in result.problems if p.source == name]
    assert str(problem).startswith(name)
    return problem


def says_what_to_do(problem: Problem) -> bool:
    return TO_DO in problem.message


@pytest.mark.parametrize("name, data, expected, line", [
    ("empty.txt", b"", "文件是空的", None),
    ("blank.txt", b" \n\t\r\n  \n", "只有空白字符", None),
    ("ideographic-blank.txt", "\u3000\u3000\n\u00a0\n".encode(), "只有空白字符", None),
    ("picture.txt", PNG, "而是PNG 图片", None),
    ("nul.txt", b"abc\x00def\x01" * 20, "这不是文本文件（含有 NUL 字节）", None),
    ("bad-bytes.txt", "标题\n第一段。\n".encode() + b"\xff\xfe\xfa bad \xc3\n" + "第三段。\n".encode(),
     "文本无法解码", 3),
    ("only-leftovers.txt", "【打印本页】【关闭窗口】\n扫一扫在手机打开当前页\n".encode(), "文件只有", None),
])
def test_unreadable_reports_get_a_clear_message_and_the_rest_builds(tmp_path, name, data, expected, line):
    result = build(tmp_path, {name: data, "good.txt": GOOD})
    problem = problem_for(result, name)
    assert expected in problem.message and problem.level == "error" and problem.line == line
    assert says_what_to_do(problem), problem
    assert [r.source for r in result.reports] == ["good.txt"]
    assert (tmp_path / "pages" / "reports" / "good.md").is_file()


def test_a_10_mb_report_is_refused_before_it_is_read(tmp_path, monkeypatch):
    huge = (GOOD + ("今年以来工作扎实推进。\n" * 400_000).encode())[:10 * 2**20]
    assert len(huge) == 10 * 2**20 > MAX_REPORT_BYTES
    monkeypatch.setattr(Path, "read_bytes", _forbid_reading("huge.txt", Path.read_bytes))
    result = build(tmp_path, {"huge.txt": huge, "good.txt": GOOD})
    problem = problem_for(result, "huge.txt")
    assert "文件大小 10.0 MB" in problem.message and "请拆成每篇一个文件" in problem.message
    assert [r.source for r in result.reports] == ["good.txt"]


def _forbid_reading(name, read_bytes):
    def guarded(self):
        assert self.name != name, "the oversized file must not be read"
        return read_bytes(self)
    return guarded


def test_no_structure_is_published_as_paragraphs_with_a_warning(tmp_path):
    result = build(tmp_path, {"plain.txt": (INPUT_DIR / "no_structure.txt").read_bytes()})
    (report,) = result.reports
    assert {b.kind for b in report.blocks} == {"paragraph"}
    problem = problem_for(result, "plain.txt")
    assert problem.level == "warning" and "已按普通段落发布" in problem.message
    assert says_what_to_do(problem)


def test_two_reports_with_the_same_title_get_distinct_pages(tmp_path):
    result = build(tmp_path, {"a/总结.txt": GOOD, "b/总结.txt": GOOD, "总结.txt": GOOD})
    assert [r.meta.title for r in result.reports] == ["某局2021年工作总结"] * 3
    slugs = sorted(r.slug for r in result.reports)
    assert slugs == ["a-zong-jie", "b-zong-jie", "zong-jie"]
    for slug in slugs:
        assert (tmp_path / "pages" / "reports" / f"{slug}.md").is_file()
    home = (tmp_path / "pages" / "index.md").read_text(encoding="utf-8")
    assert all(f"reports/{slug}.md" in home for slug in slugs)


def test_awkward_file_names(tmp_path):
    names = ["my report 2021.txt", "党建 工作总结（2021）.txt", "quote\"d 'name'.txt", "-leading-dash.txt",
             "--.txt", "总结.TXT"]
    result = build(tmp_path, {name: GOOD for name in names})
    assert sorted(r.source for r in result.reports) == sorted(names)
    slugs = [r.slug for r in result.reports]
    assert len(set(slugs)) == len(slugs) and all(s.isascii() and not s.startswith("-") for s in slugs)
    assert not [p for p in result.problems if p.level != "warning"]


def test_hidden_and_temporary_files_are_ignored_with_a_note(tmp_path):
    result = build(tmp_path, {".DS_Store": b"\x00\x00\x00\x01Bud1", "~$总结.docx": b"\x0bWPS lock", "good.txt": GOOD,
                              "总结.txt~": GOOD, ".~lock.总结.docx#": b"lock", ".git/config": b"[core]"})
    notes = {p.source: p for p in result.problems}
    for name in (".DS_Store", "~$总结.docx", "总结.txt~", ".~lock.总结.docx#", ".git/"):
        assert notes[name].level == "note" and ("已忽略" in notes[name].message), name
    assert [r.source for r in result.reports] == ["good.txt"]


def test_symlink_loops(tmp_path):
    reports = tmp_path / "reports"
    (reports / "sub").mkdir(parents=True)
    (reports / "good.txt").write_bytes(GOOD)
    os.symlink("loop.txt", reports / "loop.txt")  # a link to itself
    os.symlink("b.txt", reports / "a.txt")
    os.symlink("a.txt", reports / "b.txt")
    os.symlink("..", reports / "sub" / "up")  # a folder link back to the top
    os.symlink("missing.txt", reports / "gone.txt")
    result = build_pages(reports, tmp_path / "pages", site_config().markdown_extensions)
    for name in ("loop.txt", "a.txt", "b.txt"):
        problem = problem_for(result, name)
        assert "循环的符号链接" in problem.message and "请用报告文件本身替换该链接" in problem.message
    assert "循环" in problem_for(result, "sub/up/").message
    assert "目标不存在" in problem_for(result, "gone.txt").message
    assert [r.source for r in result.reports] == ["good.txt"]


def test_a_linked_folder_is_read_once(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "linked.txt").write_bytes(GOOD)
    reports = tmp_path / "reports"
    reports.mkdir()
    os.symlink(outside, reports / "archive")
    result = build_pages(reports, tmp_path / "pages", site_config().markdown_extensions)
    assert [r.source for r in result.reports] == ["archive/linked.txt"]


def test_a_crashing_report_does_not_stop_the_others(tmp_path, monkeypatch):
    real_convert = stages.convert

    def convert(raw, slug):
        if raw.source == "crash.txt":
            raise RuntimeError("simulated bug")
        return real_convert(raw, slug)

    monkeypatch.setattr(stages, "convert", convert)
    result = build(tmp_path, {"crash.txt": GOOD, "good.txt": GOOD})
    problem = problem_for(result, "crash.txt")
    assert problem.level == "error" and "RuntimeError: simulated bug" in problem.message
    assert [r.source for r in result.reports] == ["good.txt"]


def test_a_report_that_cannot_be_rendered_does_not_stop_the_others(tmp_path, monkeypatch):
    real_render = pipeline.render.render_report

    def render_report(report, esc, *parts, **options):
        if report.source == "crash.txt":
            raise ValueError("simulated bug")
        return real_render(report, esc, *parts, **options)

    monkeypatch.setattr(pipeline.render, "render_report", render_report)
    result = build(tmp_path, {"crash.txt": GOOD, "good.txt": GOOD})
    assert "ValueError: simulated bug" in problem_for(result, "crash.txt").message
    assert [r.source for r in result.reports] == ["good.txt"]
    assert "crash" not in (tmp_path / "pages" / "index.md").read_text(encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("where", ["index", "write"])
def test_a_failed_build_leaves_the_previous_pages_intact(tmp_path, monkeypatch, where):
    build(tmp_path, {"one.txt": GOOD, "two.txt": GOOD.replace(b"2021", b"2020")})
    before = snapshot(tmp_path / "pages")
    (tmp_path / "reports" / "two.txt").write_bytes(GOOD.replace(b"2021", b"2019"))  # changed
    (tmp_path / "reports" / "three.txt").write_bytes(GOOD)  # added
    (tmp_path / "reports" / "one.txt").unlink()  # removed
    if where == "index":
        monkeypatch.setattr(pipeline.index, "index_pages", _boom)
    else:
        monkeypatch.setattr(pipeline, "sync_folder", _failing_sync(pipeline.sync_folder))
    with pytest.raises(OSError, match="simulated"):
        build(tmp_path, {})
    assert snapshot(tmp_path / "pages") == before


def _boom(*args, **kwargs):
    raise OSError("simulated failure while building the index")


def _failing_sync(sync_folder):
    """sync_folder whose disk fills up after the second page written aside."""
    def sync(folder, pages, known=None):
        from wenku.pages import writer

        real = writer._write_aside
        written = []

        def write_aside(path, content):
            if len(written) == 2:
                raise OSError("simulated disk full")
            written.append(path)
            return real(path, content)

        writer._write_aside = write_aside
        try:
            return sync_folder(folder, pages, known)
        finally:
            writer._write_aside = real
    return sync


def test_two_builds_give_byte_identical_markdown(tmp_path):
    """Same input, fresh processes with different hash seeds, no cache: the same bytes."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for path in sorted(INPUT_DIR.glob("*.txt")) + sorted((ROOT / "source_reports").glob("*.txt")):
        (reports / path.name).write_bytes(path.read_bytes())
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"}
        run = run_wenku("build", "--reports", str(reports), "--out", str(out), "--no-cache", "-q", env=env)
        assert run.returncode == 0, run.stderr
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10


def test_identical_files_keep_their_own_names(tmp_path):
    """The cache is keyed by content; a second file with the same bytes is still itself."""
    plain = (INPUT_DIR / "no_structure.txt").read_bytes()
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.txt", "b.txt"):
        (reports / name).write_bytes(plain)
    for _ in range(2):  # cold cache, then warm
        result = build_pages(reports, tmp_path / "pages", site_config().markdown_extensions,
                                cache_dir=tmp_path / "cache")
        assert [r.source for r in result.reports] == ["a.txt", "b.txt"]
        assert sorted(p.source for p in result.problems) == ["a.txt", "b.txt"]
        assert 'download="b.txt"' in (tmp_path / "pages" / "reports" / "b.md").read_text(encoding="utf-8")
