"""Reader pages (issue 7): home, report card, previous/next, statistics,
downloads and Chinese UI — on the seeds' real `mkdocs build`, and on the seeds with
themes from the tagging stage."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from project import ROOT, SEEDS_DIR, build_pages
from search_corpus import site_bundle, stored_fragments
from wenku.model import Block, Metadata, Report
from wenku.pages import paths as site_paths
from wenku.pages.catalogue import catalogue
from wenku.pages.charts import Bar, fit, heatmap, horizontal_bars, vertical_bars
from wenku.pages.escape import Escaper
from wenku.pages.report_page import card, reading_minutes
from wenku.pages.stats import problem_themes
from wenku.search.words import plain_text
from wenku.tag.themes import load_vocabulary

ESC = Escaper.for_extensions(["toc", "attr_list", "md_in_html"])
ENGLISH_UI = ("Table of contents", "Last update", "Skip to content", "Made with", "Material for MkDocs",
              "Search", "Not found", "Back to top", "Previous", "Next", "Copy to clipboard", "Type to start")


class PageText(HTMLParser):
    """Text of a page split into the report's own text and the site's UI: text and
    the title/aria-label/placeholder attributes outside <article>, and inside it the
    labels wenku adds (wk-label, wk-caption, summary, figcaption)."""

    UI_CLASSES = {"wk-label", "wk-caption", "wk-aside-title", "wk-more", "wk-summary", "wk-count"}
    UI_TAGS = {"summary", "figcaption", "label"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, set[str]]] = []
        self.ui: list[str] = []
        self.links: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append((attrs.get("href", ""), attrs))
        for name in ("title", "aria-label", "placeholder"):
            if attrs.get(name) and not self._in_report_text():
                self.ui.append(attrs[name])
        if tag not in {"br", "img", "input", "meta", "link", "hr", "path", "rect", "line"}:
            self.stack.append((tag, set((attrs.get("class") or "").split())))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = {t for t, _ in self.stack}
        if data.strip() and not tags & {"script", "style", "code"} and not self._in_report_text():
            self.ui.append(data.strip())

    def _in_report_text(self) -> bool:
        in_article = any(t == "article" for t, _ in self.stack)
        in_ui = any(t in self.UI_TAGS or c & self.UI_CLASSES for t, c in self.stack)
        return in_article and not in_ui


def parse(path: Path) -> PageText:
    page = PageText()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def resolve(page: Path, href: str) -> Path:
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def report_pages(site: Path) -> list[Path]:
    return sorted((site / "reports").glob("*/index.html"))


# --- pure functions ---------------------------------------------------------------------------

def test_reading_time_is_about_400_characters_a_minute():
    assert [reading_minutes(n) for n in (0, 1, 400, 401, 3510)] == [1, 1, 1, 2, 9]


def test_browse_pages_keep_homophones_and_redacted_units_apart():
    pages = site_paths.browse_pages("units", ["X局", "x局", "市局", "事局", "***局"])
    assert len(set(pages.values())) == 5
    assert all(re.fullmatch(r"units/[a-z0-9-]+\.md", p) for p in pages.values())
    assert site_paths.browse_pages("units", ["市局", "事局"]) == site_paths.browse_pages("units", ["事局", "市局"])


def test_original_keeps_only_extensions_mkdocs_copies_as_files():
    assert site_paths.original_file("a", "2022/报告.txt") == "originals/a.txt"
    assert site_paths.original_file("a", "报告.DOCX") == "originals/a.docx"
    assert site_paths.original_file("a", "报告.md") == "originals/a.txt"  # never rendered as a page


def test_card_escapes_report_text_and_marks_redactions():
    report = Report(source="x_1.txt", slug="x-1", chars=800, blocks=[],
                    meta=Metadata(title="t", year=2023, unit="<b>**局</b>", doc_type="述职报告"),
                    themes=["作风*建设"], main_themes=["作风*建设"], keywords=["`三会一课`"])
    text = card(report, catalogue([report]), ESC)
    assert "<b>" not in text and "&#60;b&#62;" in text
    assert '<span class="wk-redacted" title="原文已隐去">&#42;&#42;</span>' in text
    assert "作风&#42;建设" in text and "&#96;三会一课&#96;" in text
    assert "约 2 分钟" in text and "800 字" in text
    assert 'download="x&#95;1.txt"' in text


def test_problem_themes_come_from_the_passage_or_its_enclosing_section():
    blocks = [Block("heading", "一、抓组织", level=2, label="一、抓组织", anchor="a"),
              Block("paragraph", "还存在不足。", roles=["problems"], anchor="p-2"),
              Block("heading", "二、存在问题", level=2, label="二、存在问题", roles=["problems"], anchor="b"),
              Block("paragraph", "学习不深。", roles=["problems"], anchor="p-4"),
              Block("heading", "三、其他", level=2, label="三、其他", anchor="c")]
    report = Report(source="r.txt", slug="r", meta=Metadata(title="r"), blocks=blocks,
                    section_themes={"a": ["组织建设"], "b": ["作风建设"], "p-4": ["理论学习"], "c": ["党建品牌"]})
    assert problem_themes(report) == {"组织建设", "作风建设", "理论学习"}


def test_charts_are_well_formed_with_escaped_labels_and_bar_labels_are_never_cut():
    long_name = "很长很长很长很长很长很长很长很长的单位名称"
    bars = [Bar("<script>&", 3), Bar(long_name, 1)]
    for figure in (horizontal_bars("c1", "t", bars, "篇", "cap"), vertical_bars("c2", "t", bars, "篇", "cap")):
        root = ET.fromstring(figure)  # well-formed XML: every label escaped
        assert root.tag == "figure" and long_name in [e.text for e in root.iter() if e.get("class") == "wk-axis-label"]
        assert "<script>" not in figure
    figure = heatmap("c3", "t", ["<a>"], ["2022"], {("<a>", "2022"): 2}, {"2022": 4}, "cap")
    root = ET.fromstring(figure)
    assert root.tag == "figure" and root.find(".//{http://www.w3.org/2000/svg}svg") is not None
    assert "<script>" not in figure
    assert fit("很长很长很长很长很长", 60).endswith("…")
    assert 'fill-opacity="0.57"' in heatmap("c", "t", ["a"], ["y"], {("a", "y"): 2}, {"y": 4}, "")


# --- the seeds' site, built by `mkdocs build --strict` -----------------------------------------

def test_home_has_search_box_and_entry_points_with_counts(seed_site):
    home = seed_site / "site" / "index.html"
    html = home.read_text(encoding="utf-8")
    assert '<label for="__search" class="wk-search-box"' in html
    for css in ("wk-entry-themes", "wk-entry-years", "wk-entry-units", "wk-entry-types", "wk-latest"):
        assert f'class="wk-entry {css}"' in html or f'class="{css}"' in html
    assert re.search(r'href="years/2022/">2022年</a>.*?<span class="wk-count">（4 篇）</span>', html)
    assert re.search(r'href="years/2023/">2023年</a>.*?<span class="wk-count">（1 篇）</span>', html)
    assert html.count('href="reports/') == len(list(SEEDS_DIR.glob("*.txt")))
    for href, _ in parse(home).links:
        if not href.startswith(("http", "#", "/")):
            assert resolve(home, href).is_file(), href


def test_report_card_links_download_and_outline(seed_site):
    site = seed_site / "site"
    pages = report_pages(site)
    assert len(pages) == len(list(SEEDS_DIR.glob("*.txt")))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for label in ("年份", "篇幅", "阅读", "原文"):
            assert f'<span class="wk-label">{label}</span>' in html, (page, label)
        downloads = [(href, a) for href, a in parse(page).links if "wk-download" in (a.get("class") or "")]
        assert len(downloads) == 1
        href, attrs = downloads[0]
        original = resolve(page, href)
        source = SEEDS_DIR / attrs["download"]
        assert original.read_bytes() == source.read_bytes()
        assert re.fullmatch(r"[a-z0-9-]+\.txt", original.name)
        headings = re.findall(r'<h[2-4] id="([^"]+)"', html)
        outline = re.search(r'<details class="wk-added wk-outline"[^>]*>(.*?)</details>', html, re.S).group(1)
        assert re.findall(r'href="#([^"]+)"', outline) == headings


def test_reading_time_and_length_follow_report_chars(seed_site):
    page = seed_site / "site" / "reports" / "002-ed6c1c14bce9df44" / "index.html"
    html = page.read_text(encoding="utf-8")
    chars = int(re.search(r"^chars: (\d+)$", (seed_site / ".wenku" / "pages" / "reports" /
                                               "002-ed6c1c14bce9df44.md").read_text(encoding="utf-8"), re.M).group(1))
    assert f"{chars:,} 字" in html and f"约 {reading_minutes(chars)} 分钟" in html


def test_previous_and_next_follow_the_year_page(seed_site):
    site = seed_site / "site"
    for year_page in (site / "years").glob("*/index.html"):
        listed = [resolve(year_page, href) for href, _ in parse(year_page).links if "/reports/" in href
                  and "md-" not in str(_.get("class"))]
        for i, report in enumerate(listed):
            links = {a.get("class"): resolve(report, href) for href, a in parse(report).links
                     if a.get("class") in ("wk-prev", "wk-next")}
            assert links.get("wk-prev") == (listed[i - 1] if i > 0 else None)
            assert links.get("wk-next") == (listed[i + 1] if i + 1 < len(listed) else None)


def test_report_furniture_stays_out_of_the_search_index(seed_site):
    fragments = stored_fragments(site_bundle(seed_site / "site"))
    report_text = "".join(plain_text(f["content"]) for url, f in fragments.items() if url.startswith("/reports/"))
    assert "今年以来" in report_text  # the report itself is indexed
    for furniture in ("篇幅", "提纲", "上一篇", "下一篇"):
        assert furniture not in report_text


def test_statistics_page_draws_charts_without_scripts(seed_site):
    html = (seed_site / "site" / "stats" / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    assert 'id="wk-chart-years"' in article and 'id="wk-chart-units"' in article
    assert "<script" not in article
    assert re.search(r'title="2022年：4 篇"', article)


def test_placeholder_browse_pages_exist_for_every_home_link(seed_site):
    site = seed_site / "site"
    for path in ("themes", "units", "types", "years", "stats"):
        assert (site / path / "index.html").is_file()


def test_no_english_ui_strings_in_the_built_site(seed_site):
    site = seed_site / "site"
    leftovers = {}
    for page in sorted(site.rglob("*.html")):
        found = [s for s in parse(page).ui if any(word.lower() in s.lower() for word in ENGLISH_UI)
                 or re.search(r"[A-Za-z]{4,}", s)]
        if found:
            leftovers[str(page.relative_to(site))] = found
    assert not leftovers


# --- the seeds, tagged by the real tagging stage -------------------------------------------------

@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    from mkdocs.config import load_config

    root = ROOT
    with (root / "mkdocs.yml").open("rb") as handle:
        extensions = load_config(config_file=handle).markdown_extensions
    return build_pages(SEEDS_DIR, tmp_path_factory.mktemp("themed-pages"), extensions)


def test_home_lists_every_theme_with_its_count(themed):
    cat = catalogue(themed.reports, load_vocabulary())
    assert cat.themes, "the test tagger found no theme in the seeds"
    home = themed.pages["index.md"]
    for theme, members in cat.themes.items():
        assert f"[{theme}]({cat.theme_pages[theme]}) <span class=\"wk-count\">{len(members)} 篇</span>" in home


def test_report_card_shows_themes_keywords_and_related(themed):
    cat = catalogue(themed.reports, load_vocabulary())
    for report in themed.reports:
        page = themed.pages[site_paths.report_page(report.slug)]
        for theme in report.main_themes:
            link = site_paths.relative(site_paths.report_page(report.slug), cat.theme_pages[theme])
            assert f"[{theme}]({link}){{: .md-tag .wk-chip }}" in page
            assert cat.theme_pages[theme] in themed.pages
        for keyword in report.keywords:
            assert f'<span class="wk-chip">{keyword}</span>' in page
        for slug in report.related:
            assert f"({slug}.md)" in page.split('wk-related', 1)[1]


def test_statistics_counts_themes_per_year_and_in_problem_sections(themed):
    stats = themed.pages["stats.md"]
    cat = catalogue(themed.reports, load_vocabulary())
    for chart in ("wk-chart-themes", "wk-chart-theme-years", "wk-chart-problems"):
        assert f'id="{chart}"' in stats
    for theme, members in cat.themes.items():
        assert f'title="{theme}：{len(members)} 篇"' in stats
        for year in Counter(str(r.meta.year) for r in members).items():
            assert re.search(rf"<title>{theme} · {year[0]}：{year[1]} 篇", stats)
    problem_counts = Counter(t for r in themed.reports for t in problem_themes(r))
    assert problem_counts, "no problem section of the seeds got a theme"
    problems = stats.split('id="wk-chart-problems"', 1)[1]
    for theme, n in problem_counts.items():
        assert f'title="{theme}：{n} 篇"' in problems


def test_themed_site_builds_strict(seed_site):
    site = seed_site / "site"
    assert (site / "themes" / "index.html").is_file()
    assert len(list((site / "themes").glob("*/index.html"))) >= 1


def test_reports_without_year_or_unit_and_markdown_sources_build_strict(tmp_path):
    from project import make_project, mkdocs_build

    reports = {
        "关于加强学习的报告.txt": "关于加强理论学习的报告\n一、学习情况\n全年组织学习**次。\n二、存在问题\n学习不够深入。\n".encode(),
        "notes/2021年XX局工作总结.md": "2021年XX局工作总结\n# 不是标题\n一、工作\n做了工作。\n".encode(),
    }
    project = make_project(tmp_path, reports)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    originals = sorted(p.name for p in (site / "originals").iterdir())
    assert all(name.endswith(".txt") for name in originals) and len(originals) == 2
    assert not list((site / "originals").glob("*.html"))
    undated = next(p for p in report_pages(site) if "未注明年份" in p.read_text(encoding="utf-8"))
    assert "wk-prevnext" not in undated.read_text(encoding="utf-8")  # alone in its group
    stats = (site / "stats" / "index.html").read_text(encoding="utf-8")
    assert 'title="未注明年份：1 篇"' in stats


@pytest.mark.parametrize("from_page, to_path", [
    ("index.md", "reports/a.md"), ("reports/a.md", "reports/b.md"), ("reports/a.md", "themes/theory.md"),
    ("themes/theory/2022.md", "reports/a.md"), ("themes/theory/2022.md", "themes/theory.md"),
    ("themes/theory.md", "themes/theory/2022.md"), ("units/x/2020.md", "units/y/2021.md"), ("a.md", "b.md"),
    ("reports/a.md", "originals/a.txt"), ("themes/index.md", "index.md"),
])
def test_relative_links_match_posixpath_relpath(from_page, to_path):
    import posixpath

    assert site_paths.relative(from_page, to_path) == posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")
