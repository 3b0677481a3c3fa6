"""The search index: how reports are cut into words for Pagefind, and the bundle of shards Pagefind writes."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import make_corpus
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
from wenku.search import records as search_records
from wenku.search import shards as search_shards
from wenku.search import sitewide, where
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
        paragraph = re.search(r"<p>(.*?)</p>", search_records.record_html(report, indexer)).group(1)
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
    record = search_records.record_html(report, indexer)
    assert "<script>" not in record and "<b>" not in record
    paragraph = re.search(r"<p>(.*?)</p>", record).group(1)
    assert search_words.plain_text(html.unescape(paragraph)).strip() == "<script>alert(1)</script> & &copy;"


def test_record_carries_year_unit_type_and_main_themes_as_filters(indexer):
    report = Report(source="a.txt", slug="a", meta=Metadata(title="标题", year=2023, unit="财政局<机关>", doc_type="述职报告"),
                    blocks=[Block(kind="paragraph", text="正文")], main_themes=["组织建设", "党风廉政"],
                    themes=["组织建设", "党风廉政", "理论学习"])
    filters = re.findall(r'data-pagefind-filter="(\w+)\[content\]" content="([^"]*)"', search_records.record_html(report, indexer))
    assert filters == [("year", "2023"), ("unit", "财政局&lt;机关&gt;"), ("type", "述职报告"),
                       ("theme", "组织建设"), ("theme", "党风廉政")]


def test_every_block_of_a_record_ends_with_the_block_marker(indexer):
    blocks = [Block(kind="heading", level=2, anchor="x", text="一、主要工作"), Block(kind="paragraph", text="全年开展活动。")]
    record = search_records.record_html(Report(source="a.txt", slug="a", meta=Metadata(title="标题"), blocks=blocks), indexer)
    texts = re.findall(r"<(h1|h2|p)[^>]*>(.*?)</\1>", record)
    assert [t.split()[-1] for _, t in texts] == [search_words.BLOCK_END] * 3
    assert search_words.plain_text(" ".join(t for _, t in texts)).split() == ["标题", "一、主要工作", "全年开展活动。"]


def convert(files: dict[str, bytes]) -> list[Report]:
    reports = []
    for number, (name, data) in enumerate(sorted(files.items())):
        report = structured(read_text_report(Path(name), name, data), f"r{number}", None)
        assert isinstance(report, Report), report
        reports.append(report)
    return reports


def convert_corpus() -> list[Report]:
    return convert(corpus_files())


def url_of(report: Report) -> str:
    return f"reports/{report.slug}/"


@pytest.fixture(scope="module")
def archive_bundle(tmp_path_factory) -> tuple[Path, list[Report]]:
    """The search corpus and 30 synthetic reports of 2014–2024, indexed: a shard a year."""
    generated = tmp_path_factory.mktemp("corpus")
    make_corpus.make_corpus(30, generated, seed=5)
    reports = convert({**corpus_files(), **{p.name: p.read_bytes() for p in generated.iterdir()}})
    folder = tmp_path_factory.mktemp("search") / "search"
    bundle = search_bundle.write_bundle(reports, folder, url_of, domain_segmenter())
    assert not bundle.reused and bundle.records == len(reports)
    return folder, reports


@pytest.fixture()
def work(archive_bundle, tmp_path) -> Path:
    """A copy of the archive's search folder, to change."""
    shutil.copytree(archive_bundle[0], tmp_path / "search")
    return tmp_path / "search"


def shard_names(folder: Path) -> list[str]:
    return json.loads((folder / search_bundle.BUNDLE_DIR / sitewide.SHARDS_FILE).read_text())["shards"]


def shard_files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of the shards' Pagefind bundles → (inode, modification time)."""
    bundle = folder / search_bundle.BUNDLE_DIR
    return {p.relative_to(bundle).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for name in shard_names(folder) for p in (bundle / name).rglob("*") if p.is_file()}


def touched_shards(before: dict, after: dict) -> set[str]:
    return {path.split("/")[0] for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def vocabulary_files(folder: Path) -> list[tuple[dict[str, str], dict[str, str]]]:
    """Each vocabulary file as (its words, its other query words), each word → its shard mask ("" for every shard)."""
    files = []
    for path in sorted((folder / search_bundle.BUNDLE_DIR / sitewide.VOCABULARY_DIR).iterdir()):
        lines = path.read_text(encoding="utf-8").split("\n")
        gap = lines.index("")
        files.append(tuple(dict((line.split("\t") + [""])[:2] for line in part if line)
                           for part in (lines[:gap], lines[gap + 1:])))
    return files


def fragment(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()).removeprefix(search_shards.FRAGMENT_SIGNATURE))


def holding(folder: Path, word: str) -> set[str]:
    """The shards that the vocabulary files say hold `word`."""
    names = shard_names(folder)
    words, others = vocabulary_files(folder)[ord(word[0]) % sitewide.VOCABULARY_FILES]
    mask = words.get(word, others.get(word))
    if mask is None:
        return set()
    return set(names) if mask == "" else {name for n, name in enumerate(names) if int(mask, 16) >> n & 1}


def test_bundle_stores_each_report_so_its_text_comes_back(archive_bundle):
    folder, reports = archive_bundle
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


def test_bundle_has_a_shard_a_year_the_newest_first_each_with_what_the_search_box_loads(archive_bundle):
    folder, reports = archive_bundle
    bundle = folder / search_bundle.BUNDLE_DIR
    names = shard_names(folder)
    assert names == [str(year) for year in sorted({r.meta.year for r in reports}, reverse=True)]
    assert len(names) > 5
    assert {p.name for p in bundle.iterdir()} == set(names) | set(sitewide.NAMES)
    for name in names:
        files = {p.name for p in (bundle / name).iterdir()}
        assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= files
        assert not [n for n in files if "-ui" in n or "highlight" in n]
        entry = json.loads((bundle / name / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [search_words.LANGUAGE]
        assert {fragment(p)["meta"]["year"] for p in (bundle / name / "fragment").iterdir()} == {name}


def test_each_shard_is_listed_with_a_tag_that_changes_with_its_entry_file_and_its_metadata_file(archive_bundle, work):
    listed = json.loads((work / search_bundle.BUNDLE_DIR / sitewide.SHARDS_FILE).read_text())
    assert len(listed["entries"]) == len(listed["shards"])
    for name, entry in zip(listed["shards"], listed["entries"], strict=True):
        shard = work / search_bundle.BUNDLE_DIR / name
        assert (shard / entry["meta"]).is_file()
        assert entry == sitewide.entry(shard)
    shard = work / search_bundle.BUNDLE_DIR / listed["shards"][0]
    (shard / "pagefind-entry.json").write_text('{"languages": {}}')
    assert sitewide.entry(shard)["tag"] != listed["entries"][0]["tag"]


def test_vocabulary_files_hold_the_words_by_first_character(archive_bundle):
    folder, _ = archive_bundle
    files = vocabulary_files(folder)
    assert len(files) == sitewide.VOCABULARY_FILES
    for number, (words, others) in enumerate(files):
        assert all(ord(w[0]) % sitewide.VOCABULARY_FILES == number for w in [*words, *others])
        assert not [w for w in words if len(w) < 2]
    vocabulary = {w for words, _ in files for w in words}
    assert {"三会一课", "主题党日", "两个维护", "支部书记", "选举"} <= vocabulary


def test_a_query_word_is_listed_with_exactly_the_shards_whose_reports_hold_it(archive_bundle):
    folder, reports = archive_bundle
    texts = {r.slug: normalised(r.meta.title + "".join(b.text for b in r.blocks)) for r in reports}
    plan = search_shards.shard_plan(reports)
    for word in ("三会一课", "红船", "支部书记", "选举", "党", "led", "2023"):
        expected = {name for name, members in plan.items() if any(word in texts[r.slug] for r in members)}
        assert holding(folder, word) == expected, word
    assert holding(folder, "三会一课") != set(plan)  # not every year has it: the masks matter
    assert holding(folder, "跨境") == set()


def test_the_filter_index_spans_every_shard(archive_bundle):
    folder, reports = archive_bundle
    bundle = folder / search_bundle.BUNDLE_DIR
    index = json.loads((bundle / sitewide.FILTER_INDEX).read_text(encoding="utf-8"))
    names = shard_names(folder)
    assert len(index["pages"]) == len(reports) == sum(index["shards"]) and len(index["shards"]) == len(names)
    start = 0
    for name, count in zip(names, index["shards"]):  # the pages shard by shard, in the shards' order
        ids = {p.name.split(".")[0] for p in (bundle / name / "fragment").iterdir()}
        assert set(index["pages"][start:start + count]) == ids
        start += count
    fragments = stored_fragments(bundle)
    by_url = {f"/reports/{r.slug}/": r for r in reports}
    by_page = {p.name.split(".")[0]: fragment(p) for p in bundle.glob("*/fragment/*")}
    for number, page in enumerate(index["pages"]):
        report = by_url[by_page[page]["url"]]
        held = {name: sorted(v for v, pages in values.items() if number in pages) for name, values in index["filters"].items()}
        assert held["year"] == ([str(report.meta.year)] if report.meta.year else [])
        assert held["theme"] == sorted(report.main_themes)
        assert fragments[by_page[page]["url"]]["filters"].get("unit", []) == held["unit"]


def test_an_unchanged_archive_runs_no_pagefind(archive_bundle, work):
    _, reports = archive_bundle
    before = shard_files(work)
    again = search_bundle.write_bundle(reports, work, url_of, domain_segmenter())
    assert (again.reused, again.indexed_shards) == (True, 0)
    assert shard_files(work) == before


def test_one_changed_report_reindexes_its_own_shard_only(archive_bundle, work):
    _, reports = archive_bundle
    victim = reports[-1]
    edited = replace(victim, sha256="edited", blocks=[*victim.blocks, Block(kind="paragraph", text="建设跨境电商平台。")])
    before = shard_files(work)
    rebuilt = search_bundle.write_bundle([*reports[:-1], edited], work, url_of, domain_segmenter())
    assert (rebuilt.reused, rebuilt.indexed_shards) == (False, 1)
    assert touched_shards(before, shard_files(work)) == {str(victim.meta.year)}
    assert holding(work, "跨境") == {str(victim.meta.year)}
    assert "建设跨境电商平台" in search_words.plain_text(stored_fragments(work / search_bundle.BUNDLE_DIR)[
        f"/reports/{victim.slug}/"]["content"]).replace(" ", "")


def test_a_report_of_a_new_year_makes_a_new_shard(archive_bundle, work):
    _, reports = archive_bundle
    newest = max(r.meta.year for r in reports)
    new = replace(reports[0], slug="new", sha256="new", meta=replace(reports[0].meta, year=newest + 1))
    before, names = shard_files(work), shard_names(work)
    rebuilt = search_bundle.write_bundle([*reports, new], work, url_of, domain_segmenter())
    assert rebuilt.indexed_shards == 1
    assert shard_names(work) == [str(newest + 1), *names]  # the newest year is the primary index
    assert touched_shards(before, shard_files(work)) == {str(newest + 1)}
    assert stored_fragments(work / search_bundle.BUNDLE_DIR)["/reports/new/"]["meta"]["year"] == str(newest + 1)


def test_a_removed_year_drops_its_shard(archive_bundle, work):
    _, reports = archive_bundle
    year = min(r.meta.year for r in reports)
    kept = [r for r in reports if r.meta.year != year]
    before = shard_files(work)
    rebuilt = search_bundle.write_bundle(kept, work, url_of, domain_segmenter())
    assert rebuilt.indexed_shards == 0
    assert str(year) not in shard_names(work)
    assert not (work / search_bundle.BUNDLE_DIR / str(year)).exists()
    assert not list((work / search_bundle.PARTS_DIR).glob(f"{year}.*"))
    assert touched_shards(before, shard_files(work)) == {str(year)}
    assert set(stored_fragments(work / search_bundle.BUNDLE_DIR)) == {f"/reports/{r.slug}/" for r in kept}
    index = json.loads((work / search_bundle.BUNDLE_DIR / sitewide.FILTER_INDEX).read_text(encoding="utf-8"))
    assert len(index["pages"]) == len(kept) and str(year) not in index["filters"]["year"]


def test_a_year_of_more_than_shard_size_reports_is_split_and_a_new_report_changes_one_part():
    def report(n: int) -> Report:
        return Report(source=f"{n}.txt", slug=f"r{n}", meta=Metadata(title="标题", year=2020), blocks=[])

    reports = [report(n) for n in range(search_shards.SHARD_SIZE + 1)] + [
        Report(source="u.txt", slug="u", meta=Metadata(title="标题"), blocks=[])]
    plan = search_shards.shard_plan(reports)
    assert list(plan) == ["2020-0", "2020-1", search_shards.UNDATED]
    assert sum(len(m) for m in plan.values()) == len(reports)
    assert all(len(m) <= search_shards.SHARD_SIZE for m in plan.values())
    grown = search_shards.shard_plan([*reports, report(99999)])
    own = next(name for name, members in grown.items() if any(r.slug == "r99999" for r in members))
    assert [name for name in plan if plan[name] != grown[name]] == [own]


def test_a_shard_key_follows_its_reports_their_urls_and_filter_values():
    environment = search_shards.environment_key(domain_segmenter())
    report = Report(source="a.txt", slug="a", sha256="1", meta=Metadata(title="标题", year=2023), blocks=[],
                    main_themes=["组织建设"])

    def key(r: Report, url=url_of) -> str:
        return search_shards.shard_key(environment, "2023", [r], url)

    assert key(report) == key(replace(report))
    assert key(report) != key(replace(report, sha256="2"))
    assert key(report) != key(report, lambda r: f"other/{r.slug}/")
    assert key(report) != key(replace(report, main_themes=["党风廉政"]))  # a themes.yml edit
    assert search_shards.shard_key(environment, "2023", [], url_of) != search_shards.shard_key(
        search_shards.environment_key(domain_segmenter()) + "x", "2023", [], url_of)


def test_pagefind_indexes_a_word_lowercased_with_its_letters_and_digits_and_its_parts():
    assert where.pagefind_forms("三会一课") == ["三会一课"]
    assert where.pagefind_forms(J + "选举") == ["选举"]
    assert where.pagefind_forms("COVID-19") == ["covid19", "covid", "19"]
    assert where.pagefind_forms("，") == [] and where.pagefind_forms(search_words.BLOCK_END) == []


def test_a_shard_holds_the_starts_of_its_words_and_its_vocabulary():
    words, others = where.held_words(["换届选举", J + "选举", "LED", "，"], ["换届选举", "选举", "换届"])
    assert {"换届选举", "换届", "换届选", "选举"} <= words
    assert {"换", "选", "l", "le", "led"} <= others
    assert not words & others


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
    assert len(queries["absent"]) >= 20
    for query in queries["absent"]:
        assert reports_containing(query, texts) == set(), query
