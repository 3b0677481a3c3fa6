"""The seeds' site is what it was: report pages' text, outline and links against tests/golden/seed_site.json.

The golden file was written from the site built before wenku became a plugin package
(`python tests/support/site_snapshot.py site`); a change that alters what a reader gets
shows here as a diff to review, and the golden file is rewritten on purpose."""

from __future__ import annotations

import json

from project import GOLDEN
from site_snapshot import site_snapshot


def test_report_pages_keep_their_text_outline_and_links(seed_site):
    golden = json.loads((GOLDEN / "seed_site.json").read_text(encoding="utf-8"))
    built = site_snapshot(seed_site / "site")
    assert sorted(built) == sorted(golden)
    for page in golden:
        for part in ("text", "outline", "links"):
            assert built[page][part] == golden[page][part], f"{page}: {part} differs from the golden snapshot"
