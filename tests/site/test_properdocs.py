"""ProperDocs, the drop-in MkDocs 1.x fork, loads wenku through its entry point and builds the
same seeds' site: the way out when MkDocs 1.x and Material reach end of life."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

from project import GOLDEN, make_project
from site_snapshot import site_snapshot


def test_properdocs_builds_the_seeds_site_with_the_wenku_plugin(tmp_path):
    project = make_project(tmp_path)
    run = subprocess.run([shutil.which("properdocs"), "build", "--strict", "-f", "mkdocs.yml"], cwd=project,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "wenku: 5 篇报告" in run.stderr
    golden = json.loads((GOLDEN / "seed_site.json").read_text(encoding="utf-8"))
    assert site_snapshot(project / "site") == golden
