"""A search over the index in shards finds what one Pagefind index of the whole archive finds:
the same site with its index made twice, in shards (one a year) and as one shard, every
query of the query set typed into both in Chromium."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import make_corpus
from local_chromium import serve
from project import make_project, mkdocs_build
from search_corpus import corpus_files, query_set
from search_probe import SearchBox
from wenku.config import CACHE_DIR, Settings
from wenku.pipeline import build
from wenku.search import bundle as search_bundle

pytestmark = pytest.mark.browser
EXTRA_QUERIES = ("党", "红船旁", "严格落实三会一课", "巡察整改落实", "主题教育", "2023", "led屏幕")


def one_index_site(project: Path, folder: Path) -> Path:
    """The project's site with the search index made as one shard of every report."""
    settings = Settings(reports_dir=project / "source_reports", pages_dir=folder / "pages",
                        cache_dir=project / CACHE_DIR, search_dir=folder / "search")
    built = build(settings, ["toc", "attr_list"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_bundle, "shard_plan", lambda reports: {"all": reports})
        search_bundle.write_bundle(built.reports, settings.search_dir, lambda r: f"reports/{r.slug}/", built.segmenter)
    shutil.copytree(project / "site", folder / "site", ignore=shutil.ignore_patterns(search_bundle.BUNDLE_DIR))
    shutil.copytree(settings.search_dir / search_bundle.BUNDLE_DIR, folder / "site" / search_bundle.BUNDLE_DIR)
    return folder / "site"


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> tuple[Path, Path]:
    """The search corpus and 150 synthetic reports of 2014–2024: (site with shards, site with one index)."""
    generated = tmp_path_factory.mktemp("corpus")
    make_corpus.make_corpus(150, generated, seed=2)
    files = {**corpus_files(), **{p.name: p.read_bytes() for p in generated.iterdir()}}
    project = make_project(tmp_path_factory.mktemp("sharded"), files)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site", one_index_site(project, tmp_path_factory.mktemp("one"))


def shard_count(site: Path) -> int:
    return len(json.loads((site / search_bundle.BUNDLE_DIR / "wenku-shards.json").read_text())["shards"])


def test_every_query_finds_in_the_shards_what_one_index_finds(two_sites, browser):
    sharded, one = two_sites
    assert shard_count(sharded) >= 11 and shard_count(one) == 1
    queries = [c["query"] for c in query_set()["queries"]] + query_set()["absent"] + list(EXTRA_QUERIES)
    differences = {}
    with serve(sharded) as sharded_url, serve(one) as one_url:
        boxes = [SearchBox(browser.new_page(), url) for url in (sharded_url, one_url)]
        for box in boxes:
            box.open()
        for query in queries:
            answers = [box.search_all(query) for box in boxes]
            shown = [(a.status, sorted(hit.url for hit in a.hits)) for a in answers]
            if shown[0] != shown[1]:
                differences[query] = shown
        for box in boxes:
            box.page.close()
            assert box.foreign_requests() == []
    assert differences == {}
