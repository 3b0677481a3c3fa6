"""The page cache answers only with the HTML it wrote for the key asked: under `mkdocs serve`
its index is saved after the site is served, so the index on disk may be older than the pages' files."""

from __future__ import annotations

from wenku.pagecache import CachedPage, PageCache


def entry(key: str, html: str) -> CachedPage:
    return CachedPage(key, "标题", [], [], [], html)


def test_a_page_is_found_under_its_key_in_a_new_process(tmp_path):
    cache = PageCache(tmp_path)
    cache.put("reports/a.md", entry("k1", "<p>一</p>"))
    cache.save("build-1")
    cache.save_index()
    again = PageCache(tmp_path)
    assert again.get("reports/a.md", "k1") is not None and again.get("reports/a.md", "k2") is None
    assert again.html_path("reports/a.md", "k1").read_text(encoding="utf-8") == "<p>一</p>"


def test_an_index_older_than_the_page_files_finds_nothing_for_them(tmp_path):
    cache = PageCache(tmp_path)
    cache.put("reports/a.md", entry("k1", "<p>一</p>"))
    cache.save("build-1")
    cache.save_index()
    cache.put("reports/a.md", entry("k2", "<p>二</p>"))
    cache.save("build-2")  # and the process ends before its index is saved
    stale = PageCache(tmp_path)
    assert stale.entries["reports/a.md"].key == "k1"
    assert stale.get("reports/a.md", "k1") is None  # its file went when k2's page was written
