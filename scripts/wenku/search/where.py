"""Search, where: which index shards hold a query word, so that a query asks only those.

Pagefind matches a query word as the start of an indexed word; when an index holds no
word starting with it, Pagefind answers with the longest indexed word the query word
starts with (its longest-prefix fallback). A shard without 三会一课 would thus answer
三会一课 with its pages holding 三会. The search box therefore searches only the shards
holding every word of the query, and a shard holds a query word when a word Pagefind
indexed there starts with it. `held_words` lists those query words for the words given
to Pagefind in one shard, `shard_masks` combines the shards' lists.

A query word is what the search box sends Pagefind: a word of the vocabulary, a run of
letters or digits, or a single character (wenku-search.js `queryParts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wenku.search.words import HAN_CHAR

ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~\s]+")
# Where Pagefind's compound-word splitting (convert_case) cuts letters and digits apart.
CASE_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[0-9]|[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z])")


def pagefind_forms(word: str) -> list[str]:
    """What Pagefind indexes for one word of a record: the word in lower case with its
    letters and digits only, and for a word holding other characters also its parts
    (cut at ASCII punctuation and at case or digit changes) of two bytes or more."""
    word = word.replace("\u200b", "")
    if word.isalnum():
        return [word.lower()]
    normal = "".join(c for c in word if c.isalnum()).lower()
    if not normal:
        return []
    parts = (p for piece in ASCII_PUNCTUATION.split(word) for p in CASE_BOUNDARY.split(piece))
    return [normal, *(p.lower() for p in parts if len(p.encode()) > 1 and p[0].isalnum())]


def held_words(indexed: Iterable[str], vocabulary: Iterable[str]) -> tuple[set[str], set[str]]:
    """The query words a shard holds, given the words it gave Pagefind and its vocabulary:
    (words of two or more characters with a Chinese character, which count only where
    they are vocabulary words; the others: single characters and runs without Chinese)."""
    words: set[str] = set(vocabulary)
    others: set[str] = set()
    for form in {f for word in indexed for f in pagefind_forms(word)}:
        for end in range(1, len(form) + 1):
            prefix = form[:end]
            (words if end > 1 and HAN_CHAR.search(prefix) else others).add(prefix)
    return words, others


def shard_masks(held: list[tuple[set[str], set[str]]], vocabulary: set[str]) -> dict[str, int]:
    """Query word → the shards holding it, as a bit mask (bit n: the n-th shard of `held`)."""
    masks: dict[str, int] = {}
    for number, (words, others) in enumerate(held):
        bit = 1 << number
        for word in (words & vocabulary) | others:
            masks[word] = masks.get(word, 0) | bit
    return masks
