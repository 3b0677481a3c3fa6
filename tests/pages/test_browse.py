"""Index pages built from the tagged seeds: themes, units, types, 提法, digests, report extras."""

from __future__ import annotations

import re

import pytest
import yaml

from input_support import site_config
from project import ROOT, SEEDS_DIR, build_pages, run_wenku
from wenku.config import Limits
from wenku.pages import browse
from wenku.pages.catalogue import catalogue
from wenku.pages.digest import entries
from wenku.pages.escape import Escaper
from wenku.pages.glossary import quoted_formulas
from wenku.tag import related
from wenku.tag.keywords import collection_keywords, load_stopwords
from wenku.tag.segment import domain_segmenter
from wenku.tag.themes import load_vocabulary

EXTENSIONS = site_config().markdown_extensions


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_pages(SEEDS_DIR, tmp_path_factory.mktemp("pages"), EXTENSIONS)


def report(built, number: str):
    return next(r for r in built.reports if r.source.startswith(number))


def page(built, path: str) -> str:
    return built.pages[path]


def links(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", markdown)


def test_quoted_formulas_are_numbered_or_dictionary_words():
    text = next(SEEDS_DIR.glob("000_*.txt")).read_text(encoding="utf-8")
    found = quoted_formulas(text, set(domain_segmenter().words))
    assert found["三办"] == 4 and found["三服务"] == 4
    assert found["两个确立"] == 2 and found["学习强国"] == 1 and found["国之大者"] == 1
    assert "高效协同" not in found and "示范班" not in found  # slogans in quotes are not 提法
    assert quoted_formulas("“一块坚硬的钢铁”“*+*”", set()) == {}


def test_glossary_lists_each_formula_with_its_reports_and_counts(built):
    glossary = page(built, "glossary/index.md")
    row = next(line for line in glossary.splitlines() if line.startswith("| “三办”"))
    assert "| 4 | 1 |" in row and "../reports/000-6258593e5af089f0.md" in row and "（4 次）" in row
    two = next(line for line in glossary.splitlines() if line.startswith("| “两个维护”"))
    assert "| 5 |" in two and "[全部 5 篇 →](liang-ge-wei-hu.md)" in two
    formula_page = page(built, "glossary/liang-ge-wei-hu.md")
    assert formula_page.count("../reports/") == 5


def test_digest_entries_are_the_items_each_report_lists(built):
    problems_004 = entries(report(built, "004"), "problems")
    assert [text for _, text in problems_004] == ["1.理论学习不够深入", "2.提高引导舆论的本领需要进一步增强"]
    assert [text for _, text in entries(report(built, "002"), "problems")] == [
        "一是思想认识还不够到位。", "二是党建工作机制还不够完善。", "三是党建工作特色还不够彰显。"]
    next_001 = [text for _, text in entries(report(built, "001"), "next_steps")]
    assert next_001 == ["一是强化主体责任。", "二是强化工作落实。", "三是拓宽工作思路。"]


def test_digest_pages_show_each_item_as_written_with_year_unit_and_a_link_to_the_passage(built):
    digest = page(built, "problems/index.md")
    assert "## 2023年" in digest and "## 2022年" in digest
    assert not [p for p in built.pages if p.startswith(("problems/", "next-steps/")) and not p.endswith("index.md")]
    anchors = {b.anchor for r in built.reports for b in r.blocks if b.anchor}
    deep = [url for url in links(digest) if "#" in url]
    assert len(deep) >= 8 and all(url.split("#")[1] in anchors for url in deep)
    # the sentence the report wrote, not only the item's heading
    assert "二是党建工作机制还不够完善。" in digest and digest.count('class="wk-digest-item"') == len(deep)
    r002 = report(built, "002")
    assert f'data-wk-year="2022年" data-wk-unit="{r002.meta.unit}"' in digest
    for name in ("year", "unit", "theme"):
        assert f'<select name="{name}">' in digest


def test_theme_index_and_theme_pages(built):
    index = page(built, "themes/index.md")
    assert index.count("\n| [") == 19  # the themes with reports: 党史学习教育 has none among the seeds
    assert "尚无报告的主题：党史学习教育。" in index and "(party-history.md)" not in index
    theory = next(line for line in index.splitlines() if line.startswith("| [理论学习]"))
    assert "（几乎每篇报告都涉及）" in theory and theory.endswith("| 5 |")  # shown as such
    assert "[党史学习教育]" not in page(built, "index.md")
    assert "themes/party-history.md" not in built.pages
    assert "| [调查研究](research.md) | 调查研究：大调研、专题调研、蹲点走访、调研课题和调研报告。 | 3 |" in index
    research = page(built, "themes/research.md")
    years = [m for m in re.findall(r"^## (\d{4})年", research, flags=re.M)]
    assert years == ["2023", "2022"]  # newest first
    assert "../reports/003-ca3f4ea1d2c5cce5.md#p-10" in research  # the problems passage of 003
    assert "相关主题：[理论学习](theory.md)" in research
    assert 'class="wk-snippet"' in research


def test_a_theme_with_many_reports_gets_a_page_per_year(built):
    vocabulary = load_vocabulary()
    cat = catalogue(built.reports, vocabulary, Limits(theme_page=2))  # the theme_page_limit option
    pages = browse.browse_pages(cat, vocabulary, Escaper.for_extensions(EXTENSIONS))
    assert "[2022年](theory/2022.md)（4 篇）" in pages["themes/theory.md"]
    assert pages["themes/theory/2022.md"].count("../../reports/") >= 4
    assert "[← 理论学习](../theory.md)" in pages["themes/theory/2022.md"]


def test_unit_and_type_pages(built):
    units = page(built, "units/index.md")
    assert "[市局办公室](shi-ju-ban-gong-shi.md)（1 篇）" in units
    assert "共 4 个单位" in units  # 003 names no unit: it is listed by year and theme only
    types = page(built, "types/index.md")
    assert "[党建工作总结](dang-jian-gong-zuo-zong-jie.md)（3 篇）" in types
    assert page(built, "types/shu-zhi-bao-gao.md").count("../reports/") == 1


def test_report_page_shows_theme_chips_keywords_and_related_reports(built):
    r = report(built, "000")
    markdown = page(built, f"reports/{r.slug}.md")
    assert "[理论学习](../themes/theory.md){: .md-tag .wk-chip }" in markdown
    assert "{: .wk-themes }" in markdown
    assert '<span class="wk-label">关键词</span>' in markdown and len(r.keywords) == 8
    assert "相关报告" in markdown and 3 <= len(r.related) <= 5 and r.slug not in r.related
    front = yaml.safe_load(markdown.split("---\n")[1])
    assert front["tags"] == r.main_themes and front["keywords"] == r.keywords


def test_report_chips_are_its_main_themes_at_most_six(built):
    for r in built.reports:
        chips = re.findall(r"\[([^]]+)\]\(\.\./themes/[a-z-]+\.md\)\{: \.md-tag \.wk-chip \}", page(built, f"reports/{r.slug}.md"))
        assert chips == r.main_themes and 1 <= len(chips) <= 6, r.source
        assert set(r.main_themes) <= set(r.themes)  # the sections' themes stay on the theme pages
    assert len(report(built, "002").themes) > 6  # a report with many section themes still gets 6 chips


def test_keywords_are_content_words_not_the_genre_s_vocabulary(built):
    generic = {"用心", "充分发挥", "人民", "政府", "管用", "深度", "业务", "主题"}
    themes = {t.name for t in load_vocabulary().themes}
    for r in built.reports:
        assert not set(r.keywords) & (generic | themes), (r.source, r.keywords)


def test_home_page_links_to_every_index_page(built):
    home = page(built, "index.md")
    for target in ("themes/index.md", "units/index.md", "types/index.md", "glossary/index.md",
                   "problems/index.md", "next-steps/index.md"):
        assert f"]({target})" in home


def test_nav_has_the_index_pages_only():
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        nav = yaml.load(handle, Loader=yaml.Loader)["nav"]  # the file uses a !!python tag
    targets = [next(iter(entry.values())) for entry in nav]
    assert targets == ["index.md", "themes/index.md", "years/index.md", "units/index.md", "types/index.md",
                       "glossary/index.md", "problems/index.md", "next-steps/index.md", "stats.md", "about.md"]


def test_keywords_use_collection_idf_and_make_sense_for_one_report(built):
    for r in built.reports:
        assert r.keywords and not set(r.keywords) & load_stopwords()
    assert {"议题", "选题"} <= set(report(built, "000").keywords)
    alone = report(built, "003")
    keywords_alone = collection_keywords([alone])[alone.slug]  # a collection of one: IDF is flat,
    assert keywords_alone and keywords_alone != alone.keywords  # the most frequent nouns win


def test_related_reports_share_rare_features_and_bound_the_work(built, monkeypatch):
    reports = built.reports
    for r in reports:
        assert r.slug not in r.related and len(r.related) <= related.RELATED_PER_REPORT
    monkeypatch.setattr(related, "MAX_POSTINGS", 1)  # a feature keeps only its strongest holder
    bounded = related.related_reports(reports, {r.slug: r.keywords for r in reports})
    assert all(len(slugs) <= 4 for slugs in bounded.values())


def test_a_large_unit_or_type_gets_a_page_per_year(built):
    cat = catalogue(built.reports)
    pages = browse.group_pages("types", "按类型浏览", "文种", cat.types, cat.type_pages, Escaper.for_extensions(EXTENSIONS),
                               limit=2)
    assert "[2022年](dang-jian-gong-zuo-zong-jie/2022.md)（2 篇）" in pages["types/dang-jian-gong-zuo-zong-jie.md"]
    assert pages["types/dang-jian-gong-zuo-zong-jie/2022.md"].count("../../reports/") == 2


def test_pages_are_identical_across_processes(tmp_path):
    """Under `mkdocs serve` a page that changes without its input triggers endless rebuilds:
    nothing may depend on hash order (PYTHONHASHSEED differs per process)."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        run = run_wenku("build", "--no-cache", "-q", "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.stderr
        outputs.append({p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")})
    assert outputs[0] == outputs[1]
