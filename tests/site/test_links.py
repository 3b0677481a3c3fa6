"""Every internal link of the built site resolves, every anchor exists, no page is an orphan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from project import DATA, SEEDS, make_project, mkdocs_build
from sitecheck import check_site

TAGGING_REPORTS = DATA / "tagging" / "reports"


@pytest.fixture(scope="session")
def tagging_site(tmp_path_factory) -> Path:
    """The seeds and the 15 written evaluation reports (2019–2024, many units and themes).

    One of them has no numbered headings on purpose, which wenku reports as a
    warning; that is the only warning allowed (so no link or anchor warning)."""
    reports = {p.name: p.read_bytes() for p in SEEDS}
    reports.update({p.name: p.read_bytes() for p in sorted(TAGGING_REPORTS.glob("*.txt"))})
    project = make_project(tmp_path_factory.mktemp("tagging-project"), reports)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "警告 t05_jiedao_2019_zhutijiaoyu.txt：没有找到带序号的标题" in warnings[0], warnings
    return project


def assert_clean(site: Path) -> None:
    result = check_site(site)
    assert result.pages > 40 and result.links > 1000
    assert result.broken == []
    assert result.missing_anchors == []
    assert result.orphans == []


def test_seed_site_links_resolve_and_no_orphans(seed_site):
    assert_clean(seed_site / "site")


def test_larger_site_links_resolve_and_no_orphans(tagging_site):
    assert_clean(tagging_site / "site")


def test_checker_finds_broken_links_missing_anchors_and_orphans(seed_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(seed_site / "site", site)
    shutil.rmtree(site / "themes" / "research")  # linked from the theme index and report pages
    report_page = next((site / "reports").glob("000-*/index.html"))
    html = report_page.read_text(encoding="utf-8")
    report_page.write_text(html.replace('id="p-', 'id="gone-'), encoding="utf-8")  # theme pages deep-link p-N
    (site / "lonely").mkdir()
    (site / "lonely" / "index.html").write_text("<html><body>nobody links here</body></html>", encoding="utf-8")

    result = check_site(site)

    assert any("themes/research/index.html does not exist" in b for b in result.broken)
    assert any("no id 'p-" in m for m in result.missing_anchors)
    assert "lonely/index.html" in result.orphans


def test_report_pages_show_themes_as_material_tags_linking_to_theme_pages(seed_site):
    html = (seed_site / "site" / "reports" / "000-6258593e5af089f0" / "index.html").read_text(encoding="utf-8")
    assert '<p class="wk-themes">' in html
    assert '<a class="md-tag wk-chip" href="../../themes/theory/">理论学习</a>' in html
    assert '<aside class="wk-added wk-related"' in html
