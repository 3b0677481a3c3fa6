"""The seeds' site is what it was: report pages' text, outline and links against tests/golden/seed_site.json.

The golden file was written from the site built before wenku became a plugin package
(`python tests/support/site_snapshot.py site`); a change that alters what a reader gets
shows here as a diff to review, and the golden file is rewritten on purpose."""

from __future__ import annotations

import json
import shutil

from project import GOLDEN, mkdocs_build
from site_snapshot import site_snapshot


def test_report_pages_keep_their_text_outline_and_links(seed_site):
    golden = json.loads((GOLDEN / "seed_site.json").read_text(encoding="utf-8"))
    built = site_snapshot(seed_site / "site")
    assert sorted(built) == sorted(golden)
    for page in golden:
        for part in ("text", "outline", "links"):
            assert built[page][part] == golden[page][part], f"{page}: {part} differs from the golden snapshot"


def test_pages_restored_from_the_page_cache_equal_the_golden_snapshot(seed_site, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(seed_site, project)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert "；0 页已生成" in result.stderr
    golden = json.loads((GOLDEN / "seed_site.json").read_text(encoding="utf-8"))
    assert site_snapshot(project / "site") == golden
