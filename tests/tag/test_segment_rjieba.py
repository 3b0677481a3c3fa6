"""rjieba (jieba-rs), which the pipeline uses, cuts the seeds exactly as jieba 0.42.1 does
with the same domain dictionary, so tagging and Material's jieba-based search agree."""

from __future__ import annotations

import logging

import jieba
import pytest

from make_corpus import read_seeds
from project import SEEDS
from wenku.tag.segment import domain_segmenter, load_words


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in load_words():
        tokenizer.add_word(word)
    return tokenizer


def seed_lines() -> list[str]:
    return [line for text in read_seeds(SEEDS[0].parent) for line in text.splitlines() if line.strip()]


def test_the_seeds_give_lines_to_compare():
    assert len(seed_lines()) >= 40


def test_accurate_mode_matches_jieba(reference):
    ours = domain_segmenter()
    for line in seed_lines():
        assert ours.cut(line) == list(reference.cut(line)), line


def test_search_mode_matches_jieba(reference):
    ours = domain_segmenter()
    for line in seed_lines():
        assert ours.cut_for_search(line) == list(reference.cut_for_search(line)), line


def test_domain_words_stay_whole(reference):
    ours = domain_segmenter()
    for word in load_words():
        assert ours.cut(f"认真落实{word}要求") == list(reference.cut(f"认真落实{word}要求"))
    assert "三会一课" in ours.cut("严格落实“三会一课”制度")


def test_an_edited_domain_dictionary_takes_effect_in_the_same_process(tmp_path):
    """Under `mkdocs serve` one process builds many times: a word added to the domain dictionary
    must reach the next build's segmenter (the cache fingerprint changes with the file too)."""
    from wenku.tag import segment

    words = tmp_path / "domain_words.txt"
    words.write_text(segment.DOMAIN_WORDS.read_text(encoding="utf-8"), encoding="utf-8")
    before = segment.domain_segmenter(words)
    assert segment.domain_segmenter(words) is before  # unchanged file: the same segmenter, no reload
    assert "党员积分制" not in before.cut("推行党员积分制管理")
    words.write_text(words.read_text(encoding="utf-8") + "党员积分制\n", encoding="utf-8")
    assert "党员积分制" in segment.domain_segmenter(words).cut("推行党员积分制管理")
