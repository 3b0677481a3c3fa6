"""scripts/dev/bench_site.py works end to end on a tiny corpus (it prints figures; nothing here is timed)."""

from __future__ import annotations

import subprocess
import sys

import yaml

import bench_site as benchmark
from project import ROOT


def test_tiny_benchmark_prints_every_row(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "dev" / "bench_site.py"), "--sizes", "8",
                             "--repeat", "1", "--work", str(tmp_path / "work")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    rows = [[c.strip() for c in line.split("|")[1:-1]] for line in result.stdout.splitlines()
            if line.startswith("| 8 |")]
    assert [r[1] for r in rows] == [
        "stock Material, cold", "wenku, cold", "wenku, warm", "wenku, 1 changed", "wenku, 1 added", "wenku, 1 removed",
        "wenku serve, 1 changed: saved → page served", "wenku serve, 1 added: saved → page served",
        "wenku serve, 1 removed: saved → page served"]
    for row in rows:
        assert float(row[2].split("–")[0]) > 0, row
    assert not (tmp_path / "work").exists(), "the work folder is removed unless --keep"


def test_stock_site_is_the_generated_pages_without_wenku(tmp_path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "about.md").write_text("# 关于\n", encoding="utf-8")
    (project / ".wenku" / "pages" / "reports").mkdir(parents=True)
    (project / ".wenku" / "pages" / "reports" / "a.md").write_text("# 甲\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: x\n\nplugins:\n  - wenku:\n      reports_dir: r\n\nnav: []\n",
                                        encoding="utf-8")
    benchmark.make_stock_site(project, tmp_path / "stock")
    config = yaml.safe_load((tmp_path / "stock" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == benchmark.STOCK_PLUGINS and config["nav"] == []
    assert (tmp_path / "stock" / "docs" / "reports" / "a.md").is_file()
    assert (tmp_path / "stock" / "docs" / "about.md").is_file()
