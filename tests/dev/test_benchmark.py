"""scripts/dev/bench_site.py works end to end on a tiny corpus (it prints figures; nothing here is timed)."""

from __future__ import annotations

import subprocess
import sys

import yaml

import bench_site as benchmark
from project import ROOT


def test_tiny_benchmark_prints_a_table(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "dev" / "bench_site.py"), "--sizes", "6",
                             "--work", str(tmp_path / "work")], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 6 |")]
    assert [row.split("|")[2].strip() for row in rows] == ["site", "no search"]
    for row in rows:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        assert "?" not in cells and "!" not in row, row  # the hook's figures were found; 1 report re-converted
    assert "lunr" in rows[0] or "pagefind" in rows[0]
    assert not (tmp_path / "work").exists(), "the work folder is removed unless --keep"


def test_nosearch_variant_drops_only_the_search_plugin(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search:\n      lang: zh\n  - tags\n  - material/search\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
        encoding="utf-8")
    name = benchmark.write_variant_config(tmp_path, "nosearch")
    variant = yaml.safe_load((tmp_path / name).read_text(encoding="utf-8"))
    assert variant == {"INHERIT": "mkdocs.yml", "plugins": ["tags"]}


def test_nosearch_variant_of_a_config_without_plugins_has_none(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    name = benchmark.write_variant_config(tmp_path, "nosearch")
    assert yaml.safe_load((tmp_path / name).read_text(encoding="utf-8"))["plugins"] == []
