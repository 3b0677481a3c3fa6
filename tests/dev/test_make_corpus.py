"""The synthetic corpus generator (scripts/dev/make_corpus.py): deterministic, varied, and
its reports go through the real pipeline and `mkdocs build --strict` like the seeds."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import make_corpus
from project import ROOT, build_pages, make_project, mkdocs_build

N = 60


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus.make_corpus(N, folder, seed=3)
    return folder


@pytest.fixture(scope="module")
def converted(corpus, tmp_path_factory):
    return build_pages(corpus, tmp_path_factory.mktemp("pages"), ["toc", "attr_list"], cache_dir=None)


def test_same_seed_gives_the_same_files(corpus, tmp_path):
    make_corpus.make_corpus(N, tmp_path / "again", seed=3)
    assert files_of(tmp_path / "again") == files_of(corpus)


def test_other_seed_gives_other_files_and_a_smaller_n_is_a_prefix(corpus, tmp_path):
    make_corpus.make_corpus(N, tmp_path / "other", seed=4)
    assert not set(files_of(tmp_path / "other").values()) & set(files_of(corpus).values())
    make_corpus.make_corpus(10, tmp_path / "prefix", seed=3)
    assert files_of(tmp_path / "prefix") == dict(list(files_of(corpus).items())[:10])


def test_reports_are_sized_like_the_seeds(corpus):
    sizes = [p.stat().st_size for p in corpus.iterdir()]
    assert len(sizes) == N
    assert 2_000 <= min(sizes) and max(sizes) <= 10_500


def test_every_report_converts_without_a_problem(converted):
    assert len(converted.reports) == N
    assert [str(p) for p in converted.problems] == []


def test_metadata_varies_across_years_units_and_types(converted):
    metas = [r.meta for r in converted.reports]
    assert len({m.year for m in metas}) >= 9
    assert len({m.unit for m in metas if m.unit}) >= 25
    assert len({m.doc_type for m in metas}) >= 4


def test_reports_carry_the_seeds_features(converted, corpus):
    blocks = [b for r in converted.reports for b in r.blocks]
    levels = Counter(b.level for b in blocks if b.kind == "heading")
    assert levels[2] and levels[3] and levels[4]
    assert any(b.kind == "heading" and b.text.endswith("。") for b in blocks), "run-in headings"
    leads = [b.text[s.start:s.end] for b in blocks for s in b.spans]
    assert any(lead.startswith("一是") for lead in leads) and any(lead.startswith("二是") for lead in leads)
    assert any("problems" in b.roles for b in blocks) and any("next_steps" in b.roles for b in blocks)
    raw = b"".join(files_of(corpus).values())
    assert b"##paidbegin##" in raw and b"**" in raw and b"XX" in raw


def test_help_documents_the_command():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "dev" / "make_corpus.py"), "--help"],
                            capture_output=True, text=True, check=True)
    assert "N" in result.stdout and "OUT_DIR" in result.stdout and "--seed" in result.stdout


def test_a_generated_corpus_builds_a_strict_site(tmp_path):
    reports = {p.name: p.read_bytes() for p in make_corpus.make_corpus(25, tmp_path / "c", seed=1)}
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", reports)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((project / "site" / "reports").glob("*/index.html"))) == 25
