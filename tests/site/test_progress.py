"""Long builds log their progress (done / total, elapsed); small builds stay quiet."""

from __future__ import annotations

import re

import make_corpus
from project import make_project, mkdocs_build
from wenku.config import default_options
from wenku.progress import Progress

PROGRESS_FROM = default_options().progress_from
PROGRESS_LINE = re.compile(r"wenku: \d+/\d+ [^，\n]+，\d+ s")


def test_small_totals_are_quiet():
    lines: list[str] = []
    progress = Progress("篇报告已处理", PROGRESS_FROM - 1, lines.append, every=0)
    for _ in range(PROGRESS_FROM - 1):
        progress.step()
    assert lines == []


def test_large_totals_report_done_total_and_elapsed():
    lines: list[str] = []
    progress = Progress("页已写入网站", 500, lines.append, every=0)
    for _ in range(500):
        progress.step()
    assert len(lines) == 500
    assert lines[-1].startswith("wenku: 500/500 页已写入网站，") and lines[-1].endswith(" s")


def test_lines_are_throttled_but_the_last_one_always_shows():
    lines: list[str] = []
    progress = Progress("篇报告已处理", 0, lines.append, every=3600)
    for done in range(1, 1001):
        progress.update(done, 1000)
    assert lines == [lines[-1]] and lines[-1].startswith("wenku: 1000/1000 篇报告已处理")


def test_a_seed_build_logs_no_progress(seed_site):
    result = mkdocs_build(seed_site)
    assert result.returncode == 0, result.stderr
    assert not PROGRESS_LINE.search(result.stderr), result.stderr


def test_a_large_build_logs_reports_and_pages_progress(tmp_path):
    reports = {p.name: p.read_bytes() for p in make_corpus.make_corpus(PROGRESS_FROM, tmp_path / "c", seed=2)}
    (tmp_path / "project").mkdir()
    result = mkdocs_build(make_project(tmp_path / "project", reports))
    assert result.returncode == 0, result.stderr
    for what in ("篇报告已处理", "页已转为 HTML", "页已写入网站"):
        assert re.search(rf"wenku: \d+/\d+ {what}，\d+ s", result.stderr), (what, result.stderr)
    assert f"wenku: {PROGRESS_FROM}/{PROGRESS_FROM} 篇报告已处理" in result.stderr
