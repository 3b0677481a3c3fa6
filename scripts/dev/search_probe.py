"""Drive a built wenku site's search box in Chromium, as a reader would.

Used by the browser tests (tests/test_search_browser.py) and by
scripts/dev/bench_search.py: serve site/ on 127.0.0.1, open a page in Debian's
chromium through Playwright, type a query into the header search box, read the
result list, and record every request the page makes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

RESULTS = ".wk-search .md-search-result"


@dataclass
class Hit:
    title: str
    meta: str  # year · unit · type
    snippet: str
    marked: list[str]  # the highlighted pieces of title and snippet
    url: str  # path of the report page, e.g. /reports/000-6258593e5af089f0/
    sections: list[str] = field(default_factory=list)  # the passage's section heading (its label)
    href: str = ""  # the link as it stands: page, ?h=<highlighted words>, #section


@dataclass
class Answer:
    query: str
    status: str  # the line above the list (找到 N 个…)
    hits: list[Hit]
    suggestion: str = ""  # under a "没有找到": shorter words to try

    @property
    def count(self) -> int:
        """How many reports matched in all (from the status line), not only those shown."""
        digits = "".join(c for c in self.status if c.isdigit())
        return int(digits) if digits else 0


class SearchBox:
    """One page of the site with its search box."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def open(self, path: str = "") -> None:
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")

    def search(self, query: str, timeout_ms: float = 30_000) -> Answer:
        """Click the box, clear it, type `query` (Chinese arrives as text input, as from an
        input method), press End, and wait until the list shows the answer to `query`."""
        box = self.page.locator("form[name=wk-search] input[name=query]")
        box.click()
        box.press("Control+A")
        box.press("Delete")
        box.type(query)
        box.press("End")
        try:
            self.page.wait_for_function(
                "q => { const r = document.querySelector('.wk-search .md-search-result');"
                " return r.dataset.wkQuery === q && ['ready', 'failed'].includes(r.dataset.wkState); }",
                arg=query, timeout=timeout_ms)
        except PlaywrightTimeout:
            state = self.page.evaluate("() => ({...document.querySelector('.wk-search .md-search-result').dataset,"
                                       " value: document.querySelector('form[name=wk-search] input').value})")
            raise AssertionError(f"no answer to {query!r} within {timeout_ms / 1000:.0f} s; box: {state}") from None
        return self.read(query)

    def search_all(self, query: str) -> Answer:
        """`search`, then "显示更多结果" until every result is shown."""
        self.search(query)
        more = self.page.locator(".wk-search .wk-search-more")
        while more.is_visible():
            shown = self.page.locator(".wk-search .md-search-result__item").count()
            more.click()
            self.page.wait_for_function(
                "n => document.querySelectorAll('.wk-search .md-search-result__item').length > n", arg=shown)
        return self.read(query)

    def read(self, query: str) -> Answer:
        data = self.page.evaluate("""() => {
          const result = document.querySelector('.wk-search .md-search-result');
          const text = (el) => el ? el.textContent : '';
          const items = Array.from(result.querySelectorAll('.md-search-result__item')).map((li) => {
            const main = li.querySelector('.md-search-result__link');
            return {
              title: text(main.querySelector('h1')),
              meta: text(main.querySelector('.wk-search-result__meta')),
              snippet: text(main.querySelector('p:last-child')),
              marked: Array.from(main.querySelectorAll('mark')).map(text),
              url: new URL(main.href).pathname,
              sections: Array.from(li.querySelectorAll('.wk-search-result__section')).map(text),
              href: main.getAttribute('href'),
            };
          });
          return {status: text(result.querySelector('.md-search-result__meta')), items,
                  suggestion: text(result.querySelector('.wk-search-suggest'))};
        }""")
        hits = [Hit(**item) for item in data["items"]]
        for hit in hits:
            hit.url = unquote(hit.url)
        return Answer(query, data["status"], hits, data["suggestion"])

    def filters(self) -> dict[str, dict[str, str]]:
        """Filter name → option value → its text (e.g. "2023年（3）"), as the box shows them."""
        return self.page.evaluate("""() => Object.fromEntries(
          Array.from(document.querySelectorAll('.wk-search-filters select')).map((s) =>
            [s.name, Object.fromEntries(Array.from(s.options).filter((o) => o.value).map((o) => [o.value, o.text]))]))""")

    def choose(self, name: str, value: str, query: str, timeout_ms: float = 30_000) -> Answer:
        """Choose `value` in filter `name` ("" for all) and wait for the answer to `query`."""
        self.page.evaluate("() => { document.querySelector('.wk-search .md-search-result').dataset.wkState = 'changing'; }")
        self.page.locator(f".wk-search-filters select[name={name}]").select_option(value)
        self.page.wait_for_function(
            "q => { const r = document.querySelector('.wk-search .md-search-result');"
            " return r.dataset.wkQuery === q && r.dataset.wkState === 'ready'; }", arg=query, timeout=timeout_ms)
        return self.read(query)

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the local server (data: URLs are not requests over a network)."""
        local = urlsplit(self.base_url).netloc
        return [url for url in self.requests
                if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != local]


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    return children


def _descendants(pid: int) -> list[int]:
    children, found, todo = _children(), [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _pss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def chromium_memory_mb() -> dict[str, float]:
    """PSS in MB of the Chromium processes under this process (Linux /proc): the renderers
    together (the page and its scripts; Pagefind's shared worker, which Chromium may run in
    a renderer of its own; a spare renderer Chromium keeps ready) and all processes."""
    renderer = total = 0.0
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                cmdline = handle.read()
        except OSError:
            continue
        if b"chrom" not in cmdline:
            continue
        pss = _pss_mb(pid)
        total += pss
        if b"--type=renderer" in cmdline:
            renderer += pss
    return {"renderer": renderer, "all": total}
