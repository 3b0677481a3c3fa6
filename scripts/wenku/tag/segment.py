"""Chinese word segmentation with wenku's domain dictionary.

One `Segmenter` serves tagging, keywords and the search index, so a word such
as 三会一课 is one token everywhere. It wraps rjieba (jieba-rs, same
dictionary and algorithm as jieba, about 25× faster); each instance owns its
dictionary, nothing global is changed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rjieba

from wenku.config import DATA_DIR

DOMAIN_WORDS = DATA_DIR / "domain_words.txt"
LENGTH_BASE = 0x30  # word length n is stored as chr(0x30 + n): "2" is a two-character word


def encode_lengths(words: list[str]) -> str:
    """A segmentation stored compactly: one character per word, giving its length.

    Words are consecutive slices of the text, so their lengths are all that is
    needed to get them back (`words_of`). A list of str objects costs about
    100 KB per report in memory; this costs about 2 KB.
    """
    return "".join(chr(LENGTH_BASE + len(word)) for word in words)


def words_of(text: str, lengths: str) -> list[str]:
    """The words of `text` as segmented by the tag stage (`Block.word_lengths`)."""
    words, position = [], 0
    for code in lengths:
        end = position + ord(code) - LENGTH_BASE
        words.append(text[position:end])
        position = end
    return words


def load_words(path: Path = DOMAIN_WORDS) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


class Segmenter:
    """Made when first used: loading jieba's dictionary takes 0.3 s, and a build that converts
    no report never cuts a word."""

    def __init__(self, words: list[str]):
        self.words = tuple(words)
        self._made: rjieba.Jieba | None = None

    @property
    def _jieba(self) -> rjieba.Jieba:
        if self._made is None:
            made = rjieba.Jieba()
            for word in self.words:
                made.add_word(word, None, None)
            self._made = made
        return self._made

    def cut(self, text: str) -> list[str]:
        """Accurate mode with HMM, as jieba.cut(text)."""
        return self._jieba.cut(text, True)

    def word_class(self, word: str) -> str:
        """jieba's part-of-speech tag of `word` on its own ("n", "vn", "v" …; "" for domain words)."""
        tagged = self._jieba.tag(word, True)
        return tagged[0][1] if len(tagged) == 1 else "x"

    def cut_for_search(self, text: str) -> list[str]:
        """Accurate mode plus the shorter words inside long ones (换届选举 → 换届, 选举, 换届选举)."""
        return self._jieba.cut_for_search(text, True)


def domain_segmenter(path: Path = DOMAIN_WORDS) -> Segmenter:
    """The segmenter for the current domain dictionary. Keyed by the file's words, so an edit
    under `mkdocs serve` takes effect at the next build (the cache fingerprint changes too)."""
    return segmenter_for(tuple(load_words(path)))


@lru_cache(maxsize=1)
def segmenter_for(words: tuple[str, ...]) -> Segmenter:
    return Segmenter(list(words))
