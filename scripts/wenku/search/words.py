"""Search, words: how a report's text becomes the words Pagefind indexes.

Pagefind does not read the built HTML pages. Its own Chinese handling cuts the
text with jieba's default dictionary and the query with the browser's
Intl.Segmenter; the two disagree (三会一课 → 三/会/一课) and know nothing of the
domain dictionary. So every report goes to Pagefind as a small HTML record whose
text is already cut by `domain_segmenter()`, words separated by spaces, under the
language code "und": Pagefind then indexes the words as given and leaves the
query alone. The search box (docs/overrides/assets/javascripts/wenku-search.js)
cuts the query against the words of this index by forward maximum matching, so
query and index agree word for word. Those words are written to VOCABULARY_DIR
in VOCABULARY_SHARDS files by first character, so a query fetches only the
few files its characters need, however large a real archive's vocabulary grows.

Pagefind matches a query word as the start of an indexed word. A word inside a
longer one (选举 in 换届选举, 中国特色社会主义 in 习近平新时代中国特色社会主义思想) is
therefore indexed again, as an inner word at the same place, when it is a
dictionary word. Inner words and the report's own whitespace are written with a
WORD JOINER in front: Pagefind drops that character from the indexed word but
keeps it in the stored text, which lets the search box rebuild the report's text
exactly for the snippet (`plain_text` is the Python twin of that code). Two joiners
as a word end a block (heading or paragraph), so a snippet never runs a heading into
the text below it.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, chain
from pathlib import Path

from wenku.tag.segment import Segmenter, words_of
from wenku.textrules import HAN

JOINER = "\u2060"  # WORD JOINER: not whitespace, not a word character for Pagefind
BLOCK_END = JOINER * 2  # a stored word of its own after every heading and paragraph
LANGUAGE = "und"  # "undetermined": Pagefind neither re-segments the text nor the query
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")
BRIDGE_LENGTHS = (3, 4)  # dictionary words looked for across word boundaries
# Chinese characters on both sides of quotation marks or spaces: “模范”机关 holds 模范机关.
AROUND_QUOTES = re.compile(f"([{HAN}]{{1,3}})" + r"[\s“”‘’\"'「」『』《》〈〉]+" + f"(?=([{HAN}]{{1,3}}))")
# Removed before indexing: Pagefind strips U+200B from stored text, and U+2060 is our marker.
INVISIBLE = re.compile("[\u200b\u2060]")


@lru_cache(maxsize=1)
def lexicon(domain_words: tuple[str, ...]) -> frozenset[str]:
    """Words indexed again inside or across the words of a text: jieba's dictionary
    (the one rjieba uses) plus the domain words."""
    # jieba's folder without importing jieba (140 ms of every build's start-up)
    dictionary = Path(importlib.util.find_spec("jieba").origin).resolve().parent / "dict.txt"
    # Regular expressions over the whole file: a loop over its 350,000 lines took a second of every edit.
    words = re.findall(r"^\S\S+(?= )", dictionary.read_text(encoding="utf-8").lower(), re.M)
    return frozenset(words).union(w.lower() for w in domain_words if len(w) > 1)


@lru_cache(maxsize=1)
def bridging_lexicon(domain_words: tuple[str, ...]) -> frozenset[str]:
    """The lexicon's Chinese words of BRIDGE_LENGTHS characters."""
    lengths = ",".join(str(n) for n in (min(BRIDGE_LENGTHS), max(BRIDGE_LENGTHS)))
    return frozenset(re.findall(f"^[{HAN}]{{{lengths}}}$", "\n".join(lexicon(domain_words)), re.M))


def sub_words(token: str, words: frozenset[str]) -> list[str]:
    """Dictionary words inside `token` other than itself, in order of position."""
    n = len(token)
    return [token[i:j] for i in range(n) for j in range(i + 2, n + 1) if j - i < n and token[i:j] in words]


def bridging_words(text: str, words: frozenset[str]) -> Iterable[tuple[int, str]]:
    """(offset, word) for every word of `words` in the Chinese runs of `text`."""
    for run in HAN_RUN.finditer(text):
        chars = run.group()
        for i in range(len(chars) - min(BRIDGE_LENGTHS) + 1):
            for length in BRIDGE_LENGTHS:
                if chars[i:i + length] in words:
                    yield run.start() + i, chars[i:i + length]


def words_across_quotes(text: str, words: frozenset[str]) -> Iterable[tuple[int, str]]:
    """(offset, word) for every word of `words` that quotation marks or spaces split."""
    for match in AROUND_QUOTES.finditer(text):
        left, joined = match.group(1), match.group(1) + match.group(2)
        for i in range(len(left)):
            for length in BRIDGE_LENGTHS:
                if len(left) < i + length <= len(joined) and joined[i:i + length] in words:
                    yield match.start(1) + i, joined[i:i + length]


def safe_pieces(token: str) -> Iterable[str]:
    """Leading underscores as pieces of their own: a word starting with ___PAGEFIND_
    would be read by Pagefind as one of its own markers."""
    stripped = token.lstrip("_")
    yield from "_" * (len(token) - len(stripped))
    if stripped:
        yield stripped


class Indexer:
    """Cuts text into the words of the index and collects the vocabulary.

    A text is cut by the segmenter (accurate mode). After each word come, marked
    with JOINER, the dictionary words inside it (选举 after 换届选举) and the
    dictionary words of 3–4 characters that start in it and end in a following
    word, also across quotation marks: jieba cuts 党支部书记 as 党支部/书记 in one
    report and 支部书记 is a word in another, and a reader who types 支部书记 (or
    模范机关, for 创建“模范”机关) means both. Words at the start of a word are left
    out: Pagefind finds them by prefix."""

    def __init__(self, segmenter: Segmenter, words: frozenset[str], bridging: frozenset[str]):
        self.segmenter = segmenter
        self.words = words
        self.bridging = bridging
        self.vocabulary: set[str] = set()
        self.indexed: set[str] = set()  # every word given to Pagefind (where.py: which shard holds a query word)
        self._inner: dict[str, list[str]] = {}  # token → its inner words (tokens repeat a lot)

    def index_words(self, text: str, words: list[str] | None = None) -> list[str]:
        """The index words of `text`; `words` is its segmentation if already made (by the
        segmenter, e.g. cached by another stage), else it is cut here."""
        if words is None:
            text = INVISIBLE.sub("", text)
            tokens = self.segmenter.cut(text)  # whitespace comes as tokens of its own
        else:
            tokens = [t for t in (INVISIBLE.sub("", w) for w in words) if t]
            text = "".join(tokens)
        starts = list(accumulate((len(t) for t in tokens), initial=0))
        extra = self._bridges(text, starts)
        # Most words go to the index as they are; only these need a look (it keeps a
        # 5,000-report build to seconds).
        special = {n for n, t in enumerate(tokens) if len(t) > 2 or t.isspace() or t[0] == "_"}
        out: list[str] = []
        done = 0
        for number in sorted(special.union(extra)):
            out.extend(tokens[done:number])
            self._add(out, tokens[number], extra.get(number, ()))
            done = number + 1
        out.extend(tokens[done:])
        self.vocabulary.update(t.lower() for t in set(tokens) if len(t) > 1 and HAN_CHAR.search(t))
        self.indexed.update(out)
        return out

    def _add(self, out: list[str], token: str, bridges: Iterable[str]) -> None:
        if token.isspace():
            if not out or out[-1] != JOINER:  # jieba may cut a run of spaces into several words
                out.append(JOINER)
            return
        out.extend(safe_pieces(token))
        inner = self.inner_words(token) if len(token) > 2 else []
        if bridges:
            lower = token.lower()
            inner = list(dict.fromkeys(inner + [w for w in bridges if not lower.startswith(w)]))
        out.extend(JOINER + w for w in inner)

    def inner_words(self, token: str) -> list[str]:
        """Dictionary words inside `token`, except at its start (found by prefix)."""
        if token not in self._inner:
            lower = token.lower()
            inner = sub_words(lower, self.words) if HAN_CHAR.search(token) else []
            self.vocabulary.update(inner)
            self._inner[token] = [w for w in inner if not lower.startswith(w)]
        return self._inner[token]

    def _bridges(self, text: str, starts: list[int]) -> dict[int, list[str]]:
        """Token number → bridging words that start in that token."""
        extra: dict[int, list[str]] = {}
        found = chain(bridging_words(text, self.bridging), words_across_quotes(text, self.bridging))
        for offset, word in found:
            number = bisect_right(starts, offset) - 1
            if offset + len(word) > starts[number + 1]:  # ends beyond its first token
                extra.setdefault(number, []).append(word)
                self.vocabulary.add(word)
        return extra

    def indexed_text(self, text: str, words: list[str] | None = None) -> str:
        return " ".join(self.index_words(text, words))


def cached_words(text: str, lengths: str) -> list[str] | None:
    """The words the tag stage cut `text` into (kept with the cached report), if they fit it."""
    words = words_of(text, lengths) if lengths else None
    return words if words and "".join(words) == text else None


def plain_text(indexed: str) -> str:
    """The text back from Pagefind's stored content (words joined by single spaces)."""
    pieces = []
    for word in indexed.split(" "):
        if word in (JOINER, BLOCK_END):
            pieces.append(" ")
        elif not word.startswith(JOINER):
            pieces.append(word)
    return "".join(pieces)
