"""The site as readers and staff meet it in Chromium (issue 13), at 1280×800 and 390×844:
orientation on every page type, the home page's entry points above the fold, digest filters,
the printed report, dark mode from the system setting, chart labels never cut, a footer with
content. Screenshots go to test-output/ (gitignored)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from local_chromium import serve
from project import ROOT

pytestmark = pytest.mark.browser

OUT = ROOT / "test-output"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# page → (the section it belongs to, the trail's last step), on the seeds' site
PAGE_TYPES = {
    "reports/002-ed6c1c14bce9df44/": ("按年份", "2022年报告"),
    "themes/research/": ("按主题", "按主题"),
    "years/2022/": ("按年份", "按年份"),
    "units/x-ju/": ("按单位", "按单位"),
    "types/shu-zhi-bao-gao/": ("按类型", "按类型"),
    "problems/": ("存在问题", None),
    "next-steps/": ("下一步打算", None),
    "glossary/": ("提法", None),
    "checks/": ("关于本站", "关于本站"),
}


@pytest.fixture(scope="module")
def base(seed_site):
    with serve(seed_site / "site") as url:
        yield url


def shot(page: Page, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=OUT / f"{name}.png", full_page=True)


def visible_count(page: Page, selector: str) -> int:
    return page.evaluate(f"Array.from(document.querySelectorAll({selector!r})).filter(e => e.offsetParent).length")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_type_shows_where_the_reader_is(browser, base, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        for path, (section, last) in PAGE_TYPES.items():
            page.goto(base + path)
            if viewport == "desktop":
                expect(page.locator(".md-tabs__item--active")).to_have_text(section)
            else:  # tabs are hidden on phones: the drawer marks the section
                marked = page.locator(".md-nav--primary .md-nav__item--active > .md-nav__link").first
                expect(marked).to_contain_text(section)
            if last is not None:
                trail = page.locator("nav.md-path")
                expect(trail).to_be_visible()
                expect(trail.locator("a").first).to_have_text("首页")
                expect(trail.locator("a").last).to_have_text(last)
                assert trail.bounding_box()["y"] < page.locator("article h1").bounding_box()["y"]
            footer = page.locator(".md-footer-meta")
            expect(footer).to_contain_text("关于本站")
            expect(footer).to_contain_text("文件检查")
            assert footer.inner_text().strip(), path
            shot(page, f"office-{viewport}-{path.strip('/').replace('/', '-')}")
    finally:
        context.close()


def test_home_shows_every_entry_point_above_the_fold_on_desktop(browser, base):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        page.goto(base)
        links = page.locator(".wk-entry-bar a")
        names = [re.sub(r"\s+", "", t) for t in links.locator("strong").all_inner_texts()]
        assert names == ["按主题", "按年份", "按单位", "按类型", "提法", "存在问题", "下一步打算", "统计", "关于本站"]
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box["y"] + box["height"] <= VIEWPORTS["desktop"]["height"], names[i]
        expect(page.locator(".wk-search-box")).to_be_in_viewport()
        shot(page, "office-desktop-home")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_digest_filters_narrow_the_items_by_year_unit_and_theme(browser, base, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        page.goto(base + "problems/")
        items = ".wk-digest-item"
        total = page.locator(items).count()
        assert total >= 10 and visible_count(page, items) == total
        expect(page.locator(".wk-filter-count")).to_have_text(f"显示 {total} / {total} 条")
        first = page.locator(items).first
        assert len(first.inner_text()) > 20 and first.locator("a.wk-to-passage, a:has-text('原文')").count()
        page.select_option("form.wk-filters select[name=year]", "2023年")
        in_2023 = page.locator(f"{items}[data-wk-year='2023年']").count()
        assert 0 < in_2023 < total and visible_count(page, items) == in_2023
        assert visible_count(page, ".wk-digest-year") == 1
        expect(page.locator(".wk-filter-count")).to_have_text(f"显示 {in_2023} / {total} 条")
        page.click("form.wk-filters button[type=reset]")
        expect(page.locator(".wk-filter-count")).to_have_text(f"显示 {total} / {total} 条")
        unit = page.locator("form.wk-filters select[name=unit] option").nth(1).get_attribute("value")
        page.select_option("form.wk-filters select[name=unit]", unit)
        assert visible_count(page, items) == page.locator(f"{items}[data-wk-unit='{unit}']").count() > 0
        page.click("form.wk-filters button[type=reset]")
        theme = page.locator("form.wk-filters select[name=theme] option").nth(1).get_attribute("value")
        page.select_option("form.wk-filters select[name=theme]", theme)
        expected = page.evaluate(f"Array.from(document.querySelectorAll('{items}')).filter(e => "
                                 f"e.dataset.wkTheme.split('|').includes({theme!r})).length")
        assert 0 < visible_count(page, items) == expected < total
        shot(page, f"office-{viewport}-problems-filtered")
        link = page.locator(f"{items}:visible a").first
        href = link.get_attribute("href")
        link.click()
        expect(page.locator(f"[id='{href.split('#')[1]}']")).to_be_attached()
    finally:
        context.close()


def test_report_card_download_label_and_folding_on_phones(browser, base):
    for viewport in VIEWPORTS:
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        page = context.new_page()
        page.goto(base + "reports/002-ed6c1c14bce9df44/")
        download = page.locator("a.wk-download")
        expect(download).to_have_text(re.compile(r"^下载原文（TXT，\d+ KB）$"))
        expect(download).to_have_attribute("title", "原始文件：002_ed6c1c14bce9df44.txt")
        more = page.locator("details.wk-card-more")
        card = page.locator(".wk-card").bounding_box()
        if viewport == "phone":
            assert not more.evaluate("d => d.open") and card["height"] < 0.35 * VIEWPORTS["phone"]["height"]
            expect(page.locator(".wk-themes")).to_be_hidden()
        else:
            assert more.evaluate("d => d.open")
            expect(page.locator(".wk-themes")).to_be_visible()
        context.close()


def test_printed_report_has_title_unit_year_source_and_no_chips_or_navigation(browser, base):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        page.goto(base + "reports/002-ed6c1c14bce9df44/")
        expect(page.locator(".wk-print-source")).to_be_hidden()
        page.emulate_media(media="print")
        for hidden in (".wk-themes", ".wk-keywords", ".md-tabs", ".md-header", ".md-sidebar--primary", ".md-path",
                       ".md-footer", ".wk-outline", "a.wk-download"):
            assert not page.locator(hidden).first.is_visible(), hidden
        expect(page.locator("article h1")).to_be_visible()
        source = page.locator(".wk-print-source")
        expect(source).to_be_visible()
        expect(source).to_contain_text("2022年")
        expect(source).to_contain_text("政府办机关党总支")
        expect(source).to_contain_text("002_ed6c1c14bce9df44.txt")
        assert source.bounding_box()["y"] < 400  # on the first page, under the title
        shot(page, "office-print-report")
        page.pdf(path=str(OUT / "office-print-report.pdf"), format="A4")
    finally:
        context.close()


@pytest.mark.parametrize("scheme, expected", [("dark", "slate"), ("light", "default")])
def test_colour_scheme_follows_the_system_and_the_toggle_stays(browser, base, scheme, expected):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
        toggle = page.locator("form[data-md-component=palette] label:visible").first
        expect(toggle).to_be_visible()
        toggle.click()
        expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", expected)
        page.goto(base + "stats/")
        page.emulate_media(color_scheme=scheme)
        shot(page, f"office-desktop-stats-{scheme}-toggled")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_chart_labels_are_never_cut_and_bars_use_the_content_width(browser, base, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        page.goto(base + "stats/")
        clipped = page.evaluate("""() => Array.from(document.querySelectorAll(
              '.wk-hbars .wk-axis-label, .wk-vbars .wk-axis-label, .wk-value')).filter(e =>
              e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right >
              e.closest('.wk-chart').getBoundingClientRect().right + 1).map(e => e.textContent)""")
        assert clipped == []
        cut = page.evaluate("""() => Array.from(document.querySelectorAll('.wk-hbar')).filter(row =>
              !row.title.startsWith(row.querySelector('.wk-axis-label').textContent + '：')).length""")
        assert cut == 0
        svg_outside = page.evaluate("""() => Array.from(document.querySelectorAll('.wk-chart svg text')).filter(t => {
              const b = t.getBBox(), v = t.ownerSVGElement.viewBox.baseVal;
              return b.x < -0.5 || b.x + b.width > v.width + 0.5; }).map(t => t.textContent)""")
        assert svg_outside == []
        content = page.locator("article").bounding_box()["width"]
        for chart in ("wk-chart-units", "wk-chart-themes", "wk-chart-problems"):
            width = page.locator(f"#{chart} .wk-hbars").bounding_box()["width"]
            assert width >= 0.9 * content - 40, (chart, width, content)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        shot(page, f"office-{viewport}-stats")
    finally:
        context.close()
