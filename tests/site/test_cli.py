"""The `wenku` command run as a user would: --help documents it, exit codes tell the outcome."""

from __future__ import annotations

import subprocess

from project import SEEDS, run_wenku


def run(*args: str) -> subprocess.CompletedProcess:
    return run_wenku("build", *args)


def test_help_documents_the_commands_and_options():
    top = run_wenku("--help")
    assert top.returncode == 0
    for text in ("build", "evaluate-tags", "mkdocs build", "--config-file", "Exit status"):
        assert text in top.stdout
    result = run("--help")
    assert result.returncode == 0
    for option in ("--reports", "--out", "--strict", "--no-cache"):
        assert option in result.stdout


def test_evaluate_tags_prints_precision_and_recall():
    result = run_wenku("evaluate-tags", "--part", "heldout")
    assert result.returncode == 0, result.stderr
    for level in ("report", "section"):
        assert f"{level} level, heldout: micro precision" in result.stdout
    assert "Traceback" not in result.stderr


def test_converts_a_folder_to_markdown(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for seed in SEEDS:
        (reports / seed.name).write_bytes(seed.read_bytes())
    result = run("--reports", str(reports), "--out", str(tmp_path / "md"), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "5 篇报告" in result.stdout
    assert len(list((tmp_path / "md" / "reports").glob("*.md"))) == 5


def test_bad_report_is_named_and_fails_the_run_while_the_others_convert(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "good.txt").write_bytes(SEEDS[0].read_bytes())
    (reports / "empty.txt").write_bytes(b"")
    result = run("--reports", str(reports), "--out", str(tmp_path / "md"), "--no-cache")
    assert result.returncode == 1
    assert "错误 empty.txt：文件是空的" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "md" / "reports" / "good.md").is_file()


def test_missing_reports_folder_is_a_clear_error(tmp_path):
    result = run("--reports", str(tmp_path / "nope"), "--out", str(tmp_path / "md"))
    assert result.returncode == 2
    assert "不存在" in result.stderr and "Traceback" not in result.stderr
