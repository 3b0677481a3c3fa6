"""Rendering: golden pages (input report → expected Markdown) and YAML front matter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from project import GOLDEN
from wenku.model import RawReport
from wenku.pages.escape import Escaper
from wenku.pages.render import front_matter, render_report
from wenku.pipeline import structured

GOLDEN_PAGES = GOLDEN / "pages"
ESCAPER = Escaper.for_extensions(["toc", "tables", "fenced_code", "attr_list"])  # what mkdocs.yml gives


def page_for(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    report = structured(RawReport(path.name, text, "utf-8", "0", len(text)), path.stem, None)
    return render_report(report, ESCAPER)


@pytest.mark.parametrize("case", sorted(GOLDEN_PAGES.glob("*.txt")), ids=lambda p: p.stem)
def test_golden_page(case):
    """Set UPDATE_GOLDEN=1 to rewrite the expected pages after a deliberate change; review the diff."""
    expected = case.with_suffix(".md")
    page = page_for(case)
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(page, encoding="utf-8")
    assert page == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("title", ["---", "title: x", "a: b: c", "#注释", "“引号”'单引号'\"双引号\"", "- 列表", "[1, 2]",
                                   "yes", "2022", "null", "*重要*", "\\反斜杠", "\u0085下一行", "emoji 🙂"])
def test_front_matter_round_trips_any_title(title):
    text = front_matter({"title": title, "tags": ["组织建设"]})
    assert text.startswith("---\n") and text.endswith("---\n\n")
    assert yaml.safe_load(text.strip().strip("-")) == {"title": title, "tags": ["组织建设"]}
