"""The search box in a real browser: the built site served on 127.0.0.1, Debian's
chromium driven by Playwright, each query typed as a reader types it."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
import yaml

from local_chromium import serve
from project import ROOT, make_project, mkdocs_build
from search_corpus import corpus_files, normalised, query_set, reports_containing
from search_probe import SearchBox
from wenku.read.text import read_text_report

PAGE = 10  # results on the first page
CORPUS_GENERATOR = ROOT / "scripts" / "dev" / "make_corpus.py"

pytestmark = pytest.mark.browser


def page_fronts(project: Path) -> dict[str, dict]:
    """Report page path (/reports/<slug>/) → the generated page's front matter."""
    fronts = {}
    for page in (project / ".wenku" / "pages" / "reports").glob("*.md"):
        fronts[f"/reports/{page.stem}/"] = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
    return fronts


def page_sources(project: Path) -> dict[str, str]:
    """Report page path (/reports/<slug>/) → source file name, from the generated pages."""
    return {url: front["source"] for url, front in page_fronts(project).items()}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    """The seeds plus tests/data/search_reports/, built with `mkdocs build --strict`."""
    project = make_project(tmp_path_factory.mktemp("search-site"), corpus_files())
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture()
def box(search_site, browser):
    with serve(search_site / "site") as url:
        page = browser.new_page()
        search_box = SearchBox(page, url)
        search_box.open()
        yield search_box
        page.close()
        assert search_box.foreign_requests() == []


def found(answer, sources) -> list[str]:
    return [sources[hit.url] for hit in answer.hits]


def test_every_query_finds_its_reports_on_the_first_page(search_site, box):
    sources = page_sources(search_site)
    failures = []
    for case in query_set()["queries"]:
        answer = box.search(case["query"])
        shown = found(answer, sources)
        missing = set(case["expect"]) - set(shown[:PAGE])
        if missing:
            failures.append(f"{case['query']} ({case['kind']}): missing {sorted(missing)}, shown {shown}")
        unmarked = [hit.url for hit in answer.hits if not hit.marked]
        if unmarked:
            failures.append(f"{case['query']}: no highlighted match in {unmarked}")
    assert not failures, "\n".join(failures)


def test_single_word_queries_find_nothing_else(search_site, box):
    sources = page_sources(search_site)
    for query in ("三会一课", "主题党日", "一岗双责", "选举", "党费", "红船", "意识形态", "第一议题"):
        expected = next(c["expect"] for c in query_set()["queries"] if c["query"] == query)
        assert sorted(found(box.search(query), sources)) == sorted(expected), query


def test_title_and_heading_matches_rank_first(search_site, box):
    sources = page_sources(search_site)
    for case in query_set()["ranking"]:
        order = found(box.search(case["query"]), sources)
        last_before = max(order.index(name) for name in case["before"])
        first_after = min(order.index(name) for name in case["after"])
        assert last_before < first_after, f"{case['query']}: {order}"


def test_a_result_shows_title_year_unit_and_the_match_in_context(search_site, box):
    sources = page_sources(search_site)
    answer = box.search("三会一课")
    hit = next(h for h in answer.hits if sources[h.url] == "002_ed6c1c14bce9df44.txt")
    assert hit.title == "政府办机关党总支2022年党建工作总结"
    assert hit.meta.startswith("2022年 · 政府办机关党总支")
    assert "严格落实“三会一课”、党费收缴管理" in hit.snippet
    assert "三会一课" in hit.marked
    assert hit.sections == ["（二）夯实组织建设的基层底座"]  # the passage's section, as its label
    assert not hit.snippet.startswith("（二）")  # the heading is the label, not run into the text
    assert answer.count == len(answer.hits) == 6


def test_snippet_shows_redactions_as_typed(search_site, box):
    hit = box.search("政办先锋").hits[0]
    assert "政办先锋***" in hit.snippet
    assert "政办先锋" in hit.marked
    hit = box.search("党建品牌").hits[0]
    assert "创新“********”党建品牌" in hit.snippet


def test_a_query_with_no_match_says_so(box):
    answer = box.search("量子纠缠")
    assert answer.hits == [] and answer.status == "没有找到包含“量子纠缠”的报告"


def test_words_that_stand_in_no_report_find_nothing_and_shorter_words_are_offered(box):
    shown = {}
    for query in query_set()["absent"]:
        answer = box.search(query)
        if answer.hits or not answer.status.startswith("没有找到"):
            shown[query] = (answer.status, [hit.title for hit in answer.hits])
    assert shown == {}, shown
    answer = box.search("巡察整改落实")  # the example: 察 inside 观察 no longer counts
    assert answer.status == "没有找到包含“巡察整改落实”的报告"
    assert answer.suggestion == "可以试试更短的词：整改、落实"
    box.page.locator(".wk-search-suggestion", has_text="整改").first.click()
    box.page.wait_for_function("() => document.querySelector('.wk-search .md-search-result').dataset.wkQuery === '整改'"
                               " && document.querySelector('.wk-search .md-search-result').dataset.wkState === 'ready'")
    assert box.read("整改").hits


def test_characters_the_vocabulary_lacks_are_matched_together_as_typed(search_site, box):
    sources = page_sources(search_site)
    assert found(box.search("红船旁"), sources) == ["002_ed6c1c14bce9df44.txt"]  # 红船 + 旁, side by side
    assert box.search("红船旁").hits[0].marked[0] == "红船旁"  # the whole query first, where it stands
    answer = box.search("巡察整改落实")  # 巡察: two characters no word covers, a phrase; not 观察
    assert answer.hits == []


def test_a_one_character_query_finds_the_reports_holding_it(search_site, box):
    sources = page_sources(search_site)
    answer = box.search("党")
    assert answer.count == len(sources) and all("党" in hit.marked for hit in answer.hits)


def test_a_query_in_the_address_opens_the_search_with_its_results(search_site, box):
    sources = page_sources(search_site)
    box.open("?q=" + quote("三会一课"))
    box.page.wait_for_function("() => document.querySelector('.wk-search .md-search-result').dataset.wkState === 'ready'")
    assert box.page.evaluate("document.getElementById('__search').checked")
    answer = box.read("三会一课")
    expected = next(c["expect"] for c in query_set()["queries"] if c["query"] == "三会一课")
    assert sorted(found(answer, sources)) == sorted(expected)
    box.search("主题党日")  # typing keeps the address up to date, for sharing
    assert parse_qs(urlsplit(box.page.url).query)["q"] == ["主题党日"]


def test_a_result_lands_on_its_passage_highlighted_and_back_returns_to_the_results(search_site, box):
    answer = box.search("第一议题")
    hit = answer.hits[0]
    assert "h=" in hit.href and "#" in hit.href
    box.page.locator(".md-search-result__link").first.click()
    box.page.wait_for_load_state("load")
    box.page.wait_for_selector("mark.wk-hit")
    page = box.page
    assert urlsplit(page.url).path == hit.url
    marks = page.locator("article.md-content__inner mark.wk-hit")
    assert set(marks.all_text_contents()) == {"第一议题"}
    first = page.locator("mark.wk-hit--first")
    page.wait_for_function("() => { const r = document.querySelector('mark.wk-hit--first').getBoundingClientRect();"
                           " return r.top >= 0 && r.bottom <= innerHeight; }")
    section = unquote(urlsplit(page.url).fragment)
    assert first.evaluate("(m, id) => document.getElementById(id).compareDocumentPosition(m) & 4", section)
    page.go_back()
    page.wait_for_function("() => document.querySelector('.wk-search .md-search-result').dataset.wkState === 'ready'"
                           " && document.getElementById('__search').checked")
    assert box.read("第一议题").hits[0].title == hit.title


def test_filters_narrow_the_results_with_the_right_counts(search_site, box):
    fronts = page_fronts(search_site)
    by_source = {front["source"]: front for front in fronts.values()}
    expected = next(c["expect"] for c in query_set()["queries"] if c["query"] == "三会一课")
    box.search("三会一课")
    years = Counter(str(by_source[name]["year"]) for name in expected)
    themes = Counter(t for name in expected for t in by_source[name].get("tags", []))
    options = box.filters()
    assert options["year"] == {year: f"{year}年（{n}）" for year, n in years.items()}
    assert options["theme"] == {theme: f"{theme}（{n}）" for theme, n in themes.items()}
    answer = box.choose("year", "2023", "三会一课")
    assert answer.count == len(answer.hits) == years["2023"]
    assert all(hit.meta.startswith("2023年") for hit in answer.hits)
    assert parse_qs(urlsplit(box.page.url).query)["year"] == ["2023"]
    in_2023 = [name for name in expected if by_source[name]["year"] == 2023]
    theme = Counter(t for name in in_2023 for t in by_source[name].get("tags", [])).most_common(1)[0][0]
    assert box.filters()["theme"][theme].endswith(f"（{sum(theme in by_source[n]['tags'] for n in in_2023)}）")
    answer = box.choose("theme", theme, "三会一课")
    assert answer.count == sum(theme in by_source[n]["tags"] for n in in_2023)
    # the year filter's own counts stay those without it: another year can still be chosen
    assert box.filters()["year"].keys() >= {y for y in years if any(theme in by_source[n]["tags"] for n in expected
                                                                     if str(by_source[n]["year"]) == y)}
    answer = box.choose("year", "", "三会一课")
    assert answer.count == sum(theme in by_source[n]["tags"] for n in expected)
    assert box.search("量子纠缠").status == "没有找到包含“量子纠缠”的报告（筛选条件 主题：" + theme + "）"


def test_search_box_is_materials_header_search(search_site, box):
    page = box.page
    assert page.locator("label.md-header__button[for=__search]").count() == 1
    field = page.locator("form[name=wk-search] input.md-search__input")
    assert field.get_attribute("placeholder") == "搜索"
    page.keyboard.press("Escape")
    page.locator("body").click()
    page.keyboard.press("/")  # Material's shortcut opens the box
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.name") == "query"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not (search_site / "site" / "search" / "search_index.json").exists()
    assert not [url for url in box.requests if "search_index" in url]


def test_the_search_box_works_on_a_report_page(search_site, box):
    sources = page_sources(search_site)
    report = next(url for url, name in sources.items() if name.startswith("003_"))
    box.open(report.lstrip("/"))
    answer = box.search("第一议题")
    assert [sources[h.url] for h in answer.hits] == ["003_ca3f4ea1d2c5cce5.txt"]
    box.page.locator(".md-search-result__link").first.click()
    box.page.wait_for_load_state("load")
    assert urlsplit(box.page.url).path.endswith(report)


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """1,000 synthetic reports from scripts/dev/make_corpus.py, built with `mkdocs build --strict`."""
    corpus = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(CORPUS_GENERATOR), "1000", str(corpus), "--seed", "0"],
                   check=True, capture_output=True)
    reports = {p.name: p.read_bytes() for p in corpus.glob("*.txt")}
    project = make_project(tmp_path_factory.mktemp("archive"), reports)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    texts = {name: read_text_report(Path(name), name, data).text for name, data in reports.items()}
    return project, texts


def test_archive_of_1000_reports(archive_site, browser):
    """Every report containing the query is found (the count shown is at least theirs),
    a query matching at most a page of reports shows them all on the first page, and
    the first page holds reports with the query in the title before the others."""
    project, raw_texts = archive_site
    sources = page_sources(project)
    texts = {name: normalised(text) for name, text in raw_texts.items()}
    titles = {name: normalised(text.strip().split("\n", 1)[0]) for name, text in raw_texts.items()}
    failures = []
    with serve(project / "site") as url:
        page = browser.new_page()
        box = SearchBox(page, url)
        box.open()
        for case in query_set()["queries"]:
            answer = box.search(case["query"])
            containing = reports_containing(case["query"], texts)
            shown = [sources[hit.url] for hit in answer.hits]
            if answer.count < len(containing):
                failures.append(f"{case['query']}: {answer.count} found, {len(containing)} contain it")
            if len(containing) <= PAGE and not containing <= set(shown):
                failures.append(f"{case['query']}: missing {sorted(containing - set(shown))}")
            in_title = [normalised(case["query"]) in titles[name] for name in shown]
            if in_title != sorted(in_title, reverse=True):
                failures.append(f"{case['query']}: title matches not first: {in_title}")
        page.close()
        assert box.foreign_requests() == []
    assert not failures, "\n".join(failures)


def test_search_in_an_archive_without_reports(tmp_path, browser):
    project = make_project(tmp_path / "empty", {})
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        page = browser.new_page()
        box = SearchBox(page, url)
        box.open()
        answer = box.search("三会一课")
        assert answer.hits == [] and answer.status.startswith("没有找到")
        page.close()
