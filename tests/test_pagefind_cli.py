"""The Pagefind CLI runner: records become a bundle with the pages, texts and anchors given."""

from __future__ import annotations

import gzip
import json
from pathlib import Path, PurePosixPath

import pytest

from wenku.pagefind_cli import PagefindError, PagefindJob, record_path, run_pagefind

RECORDS = [
    ("reports/a/", '<html lang="und"><body><h1>三会一课 报告</h1><p id="p-3">严格 落实 三会一课 制度</p></body></html>'),
    ("reports/b/", '<html lang="und"><body><h1>主题党日</h1><p>开展 主题党日 活动</p></body></html>'),
    ("years/2022.html", '<html lang="und"><body><h1>2022年</h1><p>年度 报告</p></body></html>'),
]


def fragments(bundle: Path) -> dict[str, dict]:
    found = {}
    for path in bundle.glob("fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        found[fragment["url"]] = fragment
    return found


def test_record_paths():
    assert record_path("reports/a/") == PurePosixPath("reports/a/index.html")
    assert record_path("/") == PurePosixPath("index.html")
    assert record_path("years/2022.html") == PurePosixPath("years/2022.html")
    for bad in ("../etc/x.html", "reports/a"):
        with pytest.raises(ValueError):
            record_path(bad)


def test_records_become_a_bundle(tmp_path):
    run_pagefind(RECORDS, tmp_path / "pagefind", "und")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["und"]["page_count"] == 3
    found = fragments(tmp_path / "pagefind")
    assert set(found) == {"/reports/a/", "/reports/b/", "/years/2022.html"}
    assert found["/reports/a/"]["content"] == "三会一课 报告. 严格 落实 三会一课 制度."
    assert found["/reports/a/"]["anchors"][0]["id"] == "p-3"


def test_the_job_runs_in_the_background_and_cleans_up(tmp_path):
    job = PagefindJob(RECORDS, tmp_path / "out", "und")
    folder = job._folder
    job.wait()
    assert (tmp_path / "out" / "pagefind.js").is_file()
    assert not folder.exists()


def test_a_failure_names_pagefind_and_what_to_do(tmp_path):
    (tmp_path / "taken").write_text("a file where the bundle should go", encoding="utf-8")
    with pytest.raises(PagefindError, match="pagefind"):
        run_pagefind(RECORDS, tmp_path / "taken", "und")
