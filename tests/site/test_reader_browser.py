"""Reader experience in Chromium (issue 7): home, a report, a theme page and the
statistics at desktop and phone width, on the seeds' site and on the seeds with
themes set by the test. Key elements must be present and visible; screenshots
go to test-output/ (gitignored) for a person to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from local_chromium import serve
from project import ROOT

pytestmark = pytest.mark.browser

OUT = ROOT / "test-output"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
ENGLISH_UI = re.compile(r"Table of contents|Last update|Skip to content|Made with|Material for MkDocs|"
                        r"\bSearch\b|Not found|Back to top|\bPrevious\b|\bNext\b|Type to start|Initializing")


@pytest.fixture(scope="module")
def sites(seed_site, tmp_path_factory):
    with serve(seed_site / "site") as seeds_url:
        yield {"seeds": seeds_url}


def shot(page: Page, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=OUT / f"{name}.png", full_page=True)


def assert_chinese_ui(page: Page) -> None:
    text = page.locator("body").inner_text()
    assert not ENGLISH_UI.search(text), ENGLISH_UI.search(text).group(0)


def assert_fits_width(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the screen"


def check_home(page: Page, base: str, name: str) -> None:
    page.goto(base)
    expect(page.locator("article h1")).to_have_text("文库")
    for entry in ("themes", "years", "units", "types"):
        expect(page.locator(f".wk-entry-{entry}")).to_be_visible()
    expect(page.locator(".wk-entry-years li").first).to_contain_text("篇")
    expect(page.locator(".wk-latest li a").first).to_be_visible()
    assert_chinese_ui(page)
    assert_fits_width(page)
    shot(page, f"{name}-home")
    search = page.locator(".wk-search-box")
    expect(search).to_be_visible()
    search.click()
    query = page.locator("input[data-md-component=search-query]")
    expect(query).to_be_visible()
    expect(query).to_have_attribute("placeholder", "搜索")
    expect(page.locator(".md-search-result__meta")).to_contain_text(re.compile("[\u4e00-\u9fff]"))
    page.keyboard.press("Escape")


def check_report(page: Page, base: str, name: str, phone: bool) -> None:
    page.goto(base)
    page.locator(".wk-latest li a").nth(1).click()
    expect(page.locator("article h1")).to_be_visible()
    card = page.locator(".wk-card")
    expect(card).to_be_visible()
    for label in ("年份", "篇幅", "阅读", "原文"):
        expect(card).to_contain_text(label)
    download = card.locator("a.wk-download")
    expect(download).to_be_visible()
    response = page.request.get(download.evaluate("a => a.href"))
    assert response.ok and len(response.body()) > 1000
    outline, toc = page.locator(".wk-outline"), page.locator(".md-sidebar--secondary .md-nav__list").first
    if phone:
        expect(outline).to_be_visible()
        outline.locator("summary").click()
        first = outline.locator("a").first
        expect(first).to_be_visible()
    else:
        expect(outline).to_be_hidden()
        expect(toc).to_be_visible()
    expect(page.locator(".wk-prevnext a").first).to_be_attached()
    assert_chinese_ui(page)
    assert_fits_width(page)
    shot(page, f"{name}-report")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".wk-prevnext")).to_be_hidden()
    expect(card).to_be_visible()
    if not phone:
        pdf = page.pdf(prefer_css_page_size=True)
        (OUT / f"{name}-report-print.pdf").write_bytes(pdf)
        assert re.search(rb"/MediaBox \[0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\]", pdf), "not A4"
    page.emulate_media(media="screen")


def check_theme_page(page: Page, base: str, name: str) -> None:
    page.goto(base + "themes/")
    expect(page.locator("article h1")).to_have_text("按主题浏览")
    page.locator("article table a").first.click()
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator("article a[href*='reports/']").first).to_be_visible()
    assert_chinese_ui(page)
    assert_fits_width(page)
    shot(page, f"{name}-theme")


def check_stats(page: Page, base: str, name: str, width: int) -> None:
    page.goto(base + "stats/")
    expect(page.locator("article h1")).to_have_text("统计")
    charts = ["wk-chart-years", "wk-chart-units", "wk-chart-themes", "wk-chart-theme-years", "wk-chart-problems"]
    for chart in charts:
        svg = page.locator(f"#{chart} .wk-chart-canvas")  # bars as HTML, the heatmap as SVG
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box["width"] > 100 and box["height"] > 40, chart
        if chart != "wk-chart-theme-years":  # the heatmap scrolls sideways when wide
            assert box["x"] + box["width"] <= width, chart
    assert_chinese_ui(page)
    assert_fits_width(page)
    shot(page, f"{name}-stats")


def check_dark_mode(page: Page, base: str, name: str) -> None:
    page.goto(base)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    shot(page, f"{name}-home-dark")


@pytest.mark.parametrize("site", ["seeds"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_reader_pages_in_chromium(browser, sites, site, viewport):
    base, name, phone = sites[site], f"{site}-{viewport}", viewport == "phone"
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    outside = []
    page.on("request", lambda request: None if request.url.startswith(base) else outside.append(request.url))
    try:
        check_home(page, base, name)
        check_report(page, base, name, phone)
        check_theme_page(page, base, name)
        check_stats(page, base, name, VIEWPORTS[viewport]["width"])
        check_dark_mode(page, base, name)
    finally:
        context.close()
    assert not outside, f"requests left the site: {outside}"
