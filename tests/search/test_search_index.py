"""The search index: how reports are cut into words for Pagefind, and the bundle Pagefind writes."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from search_corpus import (
    corpus_files,
    normalised,
    query_set,
    reports_containing,
    stored_fragments,
)
from wenku.model import Block, Metadata, Report
from wenku.pipeline import structured
from wenku.read.text import read_text_report
from wenku.search import bundle as search_bundle
from wenku.search import words as search_words
from wenku.tag.segment import domain_segmenter, encode_lengths

J = search_words.JOINER


@pytest.fixture(scope="module")
def indexer() -> search_words.Indexer:
    segmenter = domain_segmenter()
    return search_words.Indexer(segmenter, search_words.lexicon(segmenter.words), search_words.bridging_lexicon(segmenter.words))


def words(indexer, text: str) -> list[str]:
    return indexer.index_words(text)


def test_domain_words_are_single_words(indexer):
    indexed = words(indexer, "严格落实三会一课，开展主题党日，坚决做到两个维护和一岗双责，用好学习强国。")
    for term in ("三会一课", "主题党日", "两个维护", "一岗双责", "学习强国"):
        assert term in indexed


def test_a_word_inside_a_longer_word_is_indexed_after_it(indexer):
    indexed = words(indexer, "完成换届选举工作")
    at = indexed.index("换届选举")
    assert J + "选举" in indexed[at + 1:]
    assert J + "换届" not in indexed  # the start of a word is found by Pagefind's prefix match


def test_a_word_across_two_words_is_indexed(indexer):
    indexed = words(indexer, "各党支部书记统领党员教育培训")
    assert "党支部" in indexed and "书记" in indexed  # jieba's cut here
    assert J + "支部书记" in indexed


def test_vocabulary_holds_the_words_a_query_can_be_cut_into(indexer):
    words(indexer, "各党支部书记带头，完成换届选举")
    assert {"党支部", "支部书记", "换届选举", "换届", "选举"} <= indexer.vocabulary
    assert not any(len(w) < 2 for w in indexer.vocabulary)


def test_text_comes_back_from_the_indexed_words(indexer):
    for name, data in corpus_files().items():
        text = read_text_report(Path(name), name, data).text
        for line in text.splitlines():
            expected = re.sub(r"\s+", " ", line.replace(J, "").replace("\u200b", ""))
            assert search_words.plain_text(indexer.indexed_text(line)) == expected, name


def test_a_segmentation_made_elsewhere_gives_the_same_words(indexer):
    text = "各党支部书记带头，严格落实“三会一课”，完成换届选举。"
    assert indexer.index_words(text, domain_segmenter().cut(text)) == indexer.index_words(text)


def test_record_uses_the_words_the_tag_stage_cut(indexer):
    block = Block(kind="paragraph", text="落实三会一课", word_lengths=encode_lengths(["落实三", "会一课"]))
    report = Report(source="a.txt", slug="a", meta=Metadata(title="标题"), blocks=[block])

    def paragraph_words() -> list[str]:
        paragraph = re.search(r"<p>(.*?)</p>", search_bundle.record_html(report, indexer)).group(1)
        return [w for w in paragraph.split() if not w.startswith(J)]

    assert paragraph_words() == ["落实三", "会一课"]
    block.word_lengths = encode_lengths(["落实"])  # does not fit the text: cut again
    assert paragraph_words() == ["落实", "三会一课"]


def test_nothing_can_pass_for_a_pagefind_marker(indexer):
    indexed = words(indexer, "___PAGEFIND_WEIGHT___9 ___PAGEFIND_ANCHOR___h1:0:x 正文")
    assert not any(w.startswith("__") for w in indexed)
    assert search_words.plain_text(" ".join(indexed)) == "___PAGEFIND_WEIGHT___9 ___PAGEFIND_ANCHOR___h1:0:x 正文"


def test_record_escapes_report_text(indexer):
    report = Report(source="a.txt", slug="a", meta=Metadata(title="<b>标题</b>"),
                    blocks=[Block(kind="paragraph", text="<script>alert(1)</script> & &copy;")])
    record = search_bundle.record_html(report, indexer)
    assert "<script>" not in record and "<b>" not in record
    paragraph = re.search(r"<p>(.*?)</p>", record).group(1)
    assert search_words.plain_text(html.unescape(paragraph)).strip() == "<script>alert(1)</script> & &copy;"


def convert_corpus() -> list[Report]:
    reports = []
    for number, (name, data) in enumerate(sorted(corpus_files().items())):
        report = structured(read_text_report(Path(name), name, data), f"r{number}", None)
        assert isinstance(report, Report), report
        reports.append(report)
    return reports


@pytest.fixture(scope="module")
def seed_bundle(tmp_path_factory) -> tuple[Path, list[Report]]:
    reports = convert_corpus()
    folder = tmp_path_factory.mktemp("search") / "search"
    bundle = search_bundle.write_bundle(reports, folder, lambda r: f"reports/{r.slug}/", domain_segmenter())
    assert not bundle.reused and bundle.records == len(reports)
    return folder, reports


def test_bundle_stores_each_report_so_its_text_comes_back(seed_bundle):
    folder, reports = seed_bundle
    fragments = stored_fragments(folder / search_bundle.BUNDLE_DIR)
    assert set(fragments) == {f"/reports/{r.slug}/" for r in reports}
    for report in reports:
        fragment = fragments[f"/reports/{report.slug}/"]
        body = re.sub(r"\s+", "", "".join(b.text for b in report.blocks))
        stored = re.sub(r"\s+", "", search_words.plain_text(fragment["content"]))
        assert stored == re.sub(r"\s+", "", report.meta.title) + body, report.source
        assert search_words.plain_text(fragment["meta"]["title"]) == report.meta.title
        assert fragment["meta"].get("year") == (str(report.meta.year) if report.meta.year else None)
        headings = [b.anchor for b in report.blocks if b.kind == "heading"]
        assert [a["id"] for a in fragment["anchors"]] == headings, report.source


def test_bundle_has_what_the_search_box_loads_and_nothing_else(seed_bundle):
    folder, reports = seed_bundle
    bundle = folder / search_bundle.BUNDLE_DIR
    shard_names = json.loads((bundle / search_bundle.SHARDS_FILE).read_text())["shards"]
    assert shard_names == sorted(search_bundle.shard_plan(reports)) and len(shard_names) > 1
    for name in shard_names:
        names = {p.name for p in (bundle / name).iterdir()}
        assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= names
        assert not [n for n in names if "-ui" in n or "highlight" in n]
        entry = json.loads((bundle / name / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [search_words.LANGUAGE]
    shards = sorted((bundle / search_bundle.VOCABULARY_DIR).iterdir())
    assert [p.name for p in shards] == [f"{n:02d}.txt" for n in range(search_bundle.VOCABULARY_SHARDS)]
    for number, shard in enumerate(shards):
        words = shard.read_text(encoding="utf-8").split()
        assert all(ord(w[0]) % search_bundle.VOCABULARY_SHARDS == number for w in words)
        if "三会一课" in words:
            assert number == ord("三") % search_bundle.VOCABULARY_SHARDS
    vocabulary = {w for shard in shards for w in shard.read_text(encoding="utf-8").split()}
    assert {"三会一课", "主题党日", "两个维护", "支部书记", "选举"} <= vocabulary


def test_a_changed_report_reindexes_its_own_shard_only(seed_bundle, tmp_path):
    folder, reports = seed_bundle
    url_of = lambda r: f"reports/{r.slug}/"  # noqa: E731
    work = tmp_path / "search"
    shutil.copytree(folder, work)
    assert search_bundle.write_bundle(reports, work, url_of, domain_segmenter()).reused
    before = {p.name: p.stat().st_ino for p in (work / search_bundle.BUNDLE_DIR).iterdir() if p.is_dir()}
    changed = reports[:-1] + [Report(**{**vars(reports[-1]), "sha256": "changed"})]
    rebuilt = search_bundle.write_bundle(changed, work, url_of, domain_segmenter())
    assert (rebuilt.reused, rebuilt.indexed_shards) == (False, 1)
    after = {p.name: p.stat().st_ino for p in (work / search_bundle.BUNDLE_DIR).iterdir() if p.is_dir()}
    own = next(name for name, members in search_bundle.shard_plan(changed).items() if changed[-1] in members)
    assert {name for name in before if before[name] != after.get(name)} == {own}


def test_a_removed_year_drops_its_shard(seed_bundle, tmp_path):
    folder, reports = seed_bundle
    work = tmp_path / "search"
    shutil.copytree(folder, work)
    year = reports[0].meta.year
    kept = [r for r in reports if r.meta.year != year]
    search_bundle.write_bundle(kept, work, lambda r: f"reports/{r.slug}/", domain_segmenter())
    listed = json.loads((work / search_bundle.BUNDLE_DIR / search_bundle.SHARDS_FILE).read_text())["shards"]
    assert str(year) not in listed and not (work / search_bundle.BUNDLE_DIR / str(year)).exists()
    assert set(stored_fragments(work / search_bundle.BUNDLE_DIR)) == {f"/reports/{r.slug}/" for r in kept}


def test_query_set_is_complete_and_its_expectations_are_exact():
    queries = query_set()
    texts = {name: normalised(data.decode("utf-8-sig")) for name, data in corpus_files().items()}
    assert len(queries["queries"]) >= 30
    kinds = {q["kind"] for q in queries["queries"]}
    assert {"domain term", "common word", "theme name", "unit name", "word inside a longer word",
            "two characters", "next to a redaction"} <= kinds
    wanted = {q["query"] for q in queries["queries"]}
    assert {"三会一课", "主题党日", "两个维护", "一岗双责", "学习强国", "调研", "廉政", "选举"} <= wanted
    for query in queries["queries"]:
        assert set(query["expect"]) == reports_containing(query["query"], texts), query["query"]
    for case in queries["ranking"]:
        found = reports_containing(case["query"], texts)
        assert set(case["before"]) | set(case["after"]) <= found, case["query"]
