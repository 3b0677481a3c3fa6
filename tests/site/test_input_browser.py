"""HTML and JavaScript in a report are text: verified in Chromium that no script runs and no
dialog opens — on the report page (body, title, header, table of contents) and in search results."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from input_support import INPUT_DIR
from local_chromium import serve
from project import SEEDS, make_project, mkdocs_build
from wenku.pages.slugs import slug_for

FIXTURE = "html_and_script.txt"


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    reports = {SEEDS[0].name: SEEDS[0].read_bytes(), FIXTURE: (INPUT_DIR / FIXTURE).read_bytes()}
    project = make_project(tmp_path_factory.mktemp("xss"), reports)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield url.rstrip("/")


def open_watched(browser, url: str):
    """A page that records every dialog, page error and request to another host."""
    page = browser.new_page()
    seen = {"dialogs": [], "errors": [], "foreign": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: urlparse(request.url).hostname not in ("127.0.0.1", None)
            and seen["foreign"].append(request.url))
    page.add_init_script("window.__ran = []; window.alert = (m) => { window.__ran.push(String(m)); };")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, seen


@pytest.mark.browser
def test_report_markup_is_shown_and_never_run(served_site, browser):
    page, seen = open_watched(browser, f"{served_site}/reports/{slug_for(FIXTURE)}/")
    article = page.inner_text("article")
    for shown in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[点击领取](javascript:alert(3))",
                  '<a href="javascript:alert(4)">钓鱼链接</a>', "</textarea><script>alert(5)</script>",
                  '<iframe src="javascript:alert(7)"></iframe>', "<svg onload=alert(6)>", "&copy;"):
        assert shown in article, shown
    assert page.title().startswith('</title><script>alert("title")</script>网信办2021年工作总结')
    header = page.inner_text(".md-header__topic:last-child")
    assert "<img src=x onerror=alert(2)>" in header
    toc = page.inner_text(".md-sidebar--secondary")
    assert "<img src=x onerror=alert(1)>网络安全教育" in toc
    injected = page.evaluate("""() => ({
        scripts: [...document.scripts].filter(s => /alert/.test(s.textContent)).length,
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        js_links: document.querySelectorAll('a[href^="javascript:"], iframe, svg image, textarea').length,
        ran: window.__ran,
    })""")
    assert injected == {"scripts": 0, "handlers": 0, "js_links": 0, "ran": []}
    assert seen == {"dialogs": [], "errors": [], "foreign": []}
    page.close()


def search(page, query: str) -> None:
    """Type a query (again, until the search index has loaded) and wait for results."""
    for _ in range(10):
        page.click("input.md-search__input")
        page.fill("input.md-search__input", "")
        page.keyboard.type(query, delay=30)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=3000)
            return
        except PlaywrightTimeout:  # the index was not ready yet
            continue
    raise AssertionError(f"no search results for {query!r}")


@pytest.mark.browser
def test_search_results_show_markup_as_text(served_site, browser):
    page, seen = open_watched(browser, f"{served_site}/")
    search(page, "onerror")
    results = page.inner_text(".md-search-result")
    assert "onerror" in results
    injected = page.evaluate("""() => ({
        handlers: document.querySelectorAll('.md-search-result [onerror], .md-search-result [onload]').length,
        images: document.querySelectorAll('.md-search-result img').length,
        ran: window.__ran,
    })""")
    assert injected == {"handlers": 0, "images": 0, "ran": []}
    assert seen == {"dialogs": [], "errors": [], "foreign": []}
    page.close()
