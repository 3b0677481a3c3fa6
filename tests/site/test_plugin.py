"""`plugins: - wenku:` in mkdocs.yml: options are validated by MkDocs, take effect, and a
user's mistake stops the build with a message instead of a traceback."""

from __future__ import annotations

from pathlib import Path

from project import SEEDS, make_project, mkdocs_build


def set_options(project: Path, options: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      reports_dir: source_reports\n" in text
    config.write_text(text.replace("      reports_dir: source_reports\n", options), encoding="utf-8")


def test_a_wrong_option_value_names_the_option(tmp_path):
    project = make_project(tmp_path, {SEEDS[0].name: SEEDS[0].read_bytes()})
    set_options(project, "      max_report_mb: lots\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "max_report_mb" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_reports_folder_stops_the_build_with_what_to_do(tmp_path):
    project = make_project(tmp_path, {SEEDS[0].name: SEEDS[0].read_bytes()})
    set_options(project, "      reports_dir: no-such-folder\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "no-such-folder 不存在" in result.stderr and "reports_dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_options_take_effect(tmp_path):
    reports = {p.name: p.read_bytes() for p in SEEDS}
    reports["big.txt"] = SEEDS[0].read_bytes() * (2 * 2**20 // len(SEEDS[0].read_bytes()) + 1)
    project = make_project(tmp_path, reports)
    set_options(project, "      reports_dir: source_reports\n      max_report_mb: 1\n      latest_on_home: 2\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "big.txt" in result.stderr and "上限 1 MB" in result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    latest = home[home.index("wk-latest"):]
    assert latest.count('href="reports/') == 2
