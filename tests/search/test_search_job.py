"""The search process is handed each report without its text and reads the text from the
report cache: the records it makes are those of the reports the build holds."""

from __future__ import annotations

from mkdocs.config import load_config

from project import ROOT, SEEDS_DIR, build_pages
from wenku.config import DATA_DIR
from wenku.search import job
from wenku.search.records import record_html
from wenku.search.words import Indexer, bridging_lexicon, lexicon


def test_a_report_read_back_from_the_cache_gives_the_same_search_record(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"))
    result = build_pages(SEEDS_DIR, tmp_path / "pages", config.markdown_extensions, cache_dir=tmp_path / "cache")
    segmenter = result.segmenter
    indexer = Indexer(segmenter, lexicon(segmenter.words), bridging_lexicon(segmenter.words))
    entries = result.cache.folder / result.cache.fingerprint
    search_job = job.SearchJob([job.light(r) for r in result.reports], {}, tmp_path / "search", tmp_path, entries)
    for report, handed in zip(result.reports, search_job.reports, strict=True):
        assert not handed.blocks
        read_back = job.read_report(search_job, handed)
        assert record_html(read_back, indexer) == record_html(report, indexer)


def test_the_search_process_indexes_every_report(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"))
    result = build_pages(SEEDS_DIR, tmp_path / "pages", config.markdown_extensions, cache_dir=tmp_path / "cache")
    entries = result.cache.folder / result.cache.fingerprint
    urls = {r.slug: f"reports/{r.slug}/" for r in result.reports}
    search_job = job.SearchJob([job.light(r) for r in result.reports], urls, tmp_path / "search",
                               DATA_DIR / "domain_words.txt", entries)
    bundle = job.run(search_job)
    assert bundle.records == len(result.reports) and not bundle.reused
    fragments = list((tmp_path / "search" / "pagefind").glob("*/fragment/*"))
    assert len(fragments) == len(result.reports)
