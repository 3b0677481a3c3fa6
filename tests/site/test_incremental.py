"""Unchanged reports are not re-decoded, re-structured or rewritten; one changed report
is converted alone and only the pages whose content changed are written."""

from __future__ import annotations

from pathlib import Path

import pytest

import make_corpus
from project import build_pages
from wenku import stages
from wenku.cache import Cache, report_from_json, report_to_json

EXTENSIONS = ["toc", "attr_list"]


@pytest.fixture()
def archive(tmp_path) -> Path:
    make_corpus.make_corpus(40, tmp_path / "reports", seed=5)
    return tmp_path


def run(archive: Path):
    return build_pages(archive / "reports", archive / "pages", EXTENSIONS, cache_dir=archive / "cache")


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.md")}


def is_plain_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\r" not in data


def test_second_build_converts_and_writes_nothing(archive, monkeypatch):
    first = run(archive)
    assert first.converted == 40 and len(first.written) == len(first.pages)
    before = mtimes(archive / "pages")

    def must_not_run(*args, **kwargs):
        raise AssertionError("an unchanged report was decoded or converted again")

    monkeypatch.setattr(stages, "convert", must_not_run)
    monkeypatch.setattr(stages, "read_text_report", must_not_run)
    second = run(archive)
    assert (second.converted, second.written, second.removed) == (0, [], [])
    assert second.pages == first.pages
    assert mtimes(archive / "pages") == before


def test_one_changed_report_is_converted_alone(archive):
    run(archive)
    victim = next(p for p in sorted((archive / "reports").iterdir())[7:] if is_plain_utf8(p.read_bytes()))
    victim.write_bytes(victim.read_bytes() + "\n补充说明：本报告已修订。\n".encode())
    result = run(archive)
    assert result.converted == 1
    changed = [r for r in result.reports if r.source == victim.name]
    # Of the report pages only its own is rewritten; listing pages that quote it (its
    # themes, problems digest, statistics) may change with it.
    assert [p for p in result.written if p.startswith("reports/")] == [f"reports/{changed[0].slug}.md"]


def test_a_cached_report_equals_a_fresh_one(archive):
    cached = {r.source: r for r in run(archive).reports}
    fresh = build_pages(archive / "reports", archive / "fresh", EXTENSIONS, cache_dir=None)
    assert fresh.converted == 40
    assert {r.source: r for r in fresh.reports} == cached


def test_cache_json_round_trip_keeps_every_field(archive):
    report = run(archive).reports[0]
    assert report_from_json(report_to_json(report)) == report


def test_cache_is_keyed_by_content_not_name(archive):
    run(archive)
    cache = Cache(archive / "cache")
    data = sorted((archive / "reports").iterdir())[0].read_bytes()
    assert cache.get(data, "another-slug").slug == "another-slug"
    assert cache.get(data + b"\n", "x") is None
