"""Theme matching: the vocabulary compiled into one trie regex, matched on word boundaries.

See tagger.py for how matches become a report's themes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from itertools import accumulate
from typing import NamedTuple

from wenku.tag.keywords import is_noun, is_term, load_stopwords
from wenku.tag.segment import Segmenter
from wenku.tag.themes import Vocabulary
from wenku.textrules import SENTENCE_END

GAP = "…"  # in a match phrase: any text within the same sentence
LONG_WORD = 3  # words this long are compounds whose inner positions are boundaries
CLAUSE_SPLIT = re.compile(r"[。！？!?；;，,：:]")
SENTENCE_STOPS = SENTENCE_END
LIST_COMMAS = 2


class Match(NamedTuple):
    start: int
    end: int
    phrase: str


class Tagger:
    """A vocabulary compiled for matching, with the segmenter it matches against."""

    def __init__(self, vocabulary: Vocabulary, segmenter: Segmenter, stopwords: frozenset[str] | None = None):
        self.vocabulary = vocabulary
        self.segmenter = segmenter
        self.stock = frozenset(vocabulary.stock_phrases)
        self.uses: dict[str, list[tuple[int, float]]] = defaultdict(list)  # phrase → (theme, weight)
        self.excluded: dict[str, set[int]] = defaultdict(set)  # phrase → themes it excludes
        for index, theme in enumerate(vocabulary.themes):
            for phrase, weight in theme.match.items():
                self.uses[phrase].append((index, weight))
            for phrase in theme.exclude:
                self.excluded[phrase].add(index)
        wanted = set(self.uses) | set(self.excluded) | self.stock
        self.gapped = {p: tuple(part for part in p.split(GAP) if part) for p in sorted(wanted) if GAP in p}
        self.gap_parts = frozenset(part for split in self.gapped.values() for part in split)
        self.gap_ends = frozenset(split[-1] for split in self.gapped.values())
        phrases = sorted((wanted - set(self.gapped)) | self.gap_parts, key=lambda p: (-len(p), p))
        self.pattern = trie_pattern(phrases)
        self.prefixes = {p: [q for q in phrases if q != p and p.startswith(q)] for p in phrases}
        # Theme names are no keywords either: the report's chips show its themes.
        self.not_keywords = ((load_stopwords() if stopwords is None else stopwords) | self.stock
                             | {theme.name for theme in vocabulary.themes})
        self.domain_words = frozenset(segmenter.words)
        self.terms: set[str] = set()  # memo: each word is classified once per build
        self.not_terms: set[str] = set()

    def term_counts(self, tokens) -> dict[str, int]:
        """Keyword candidates among `tokens` (nouns; see keywords.is_term) → count."""
        counts = Counter(tokens)
        for word in counts.keys() - self.terms - self.not_terms:
            is_candidate = is_term(word, self.not_keywords) and is_noun(self.segmenter.word_class(word))
            (self.terms if is_candidate else self.not_terms).add(word)
        return {word: counts[word] for word in counts.keys() & self.terms}

    def matches(self, text: str, tokens: list[str]) -> list[Match]:
        """Every phrase occurrence on word boundaries, overlapping ones included."""
        match = self.pattern.search(text)
        if match is None:
            return []
        ends = list(accumulate(map(len, tokens)))
        long_word = [len(token) >= LONG_WORD for token in tokens]

        def on_boundary(position: int) -> bool:  # between two words, or inside a compound
            i = bisect_left(ends, position)
            return position == 0 or (i < len(ends) and (ends[i] == position or long_word[i]))

        found: list[Match] = []
        while match:
            start = match.start()
            if on_boundary(start):
                for phrase in (match.group(), *self.prefixes[match.group()]):
                    if on_boundary(start + len(phrase)):
                        found.append(Match(start, start + len(phrase), phrase))
            match = self.pattern.search(text, start + 1)
        if self.gapped and any(m.phrase in self.gap_ends for m in found):
            found += self._gapped_matches(text, found)
        return found

    def _gapped_matches(self, text: str, found: list[Match]) -> list[Match]:
        """党建…融合: the parts in this order within one sentence, as one match from the
        first part's start to the last part's end."""
        by_phrase: dict[str, list[Match]] = defaultdict(list)
        for m in found:
            by_phrase[m.phrase].append(m)
        result = []
        for phrase, parts in self.gapped.items():
            for last in by_phrase.get(parts[-1], ()):
                position = max(text.rfind(ch, 0, last.start) for ch in SENTENCE_STOPS) + 1
                first = None
                for part in parts[:-1]:
                    hit = next((m for m in by_phrase.get(part, ()) if position <= m.start and m.end <= last.start), None)
                    if hit is None:
                        break
                    first = hit.start if first is None else first
                    position = hit.end
                else:
                    result.append(Match(last.start if first is None else first, last.end, phrase))
        return result

    def scores(self, text: str, tokens: list[str], factor_at) -> dict[int, tuple[float, int]]:
        """Theme index → (score, position of its strongest match) for one text."""
        found = self.matches(text, tokens)
        if not found:
            return {}
        stock = [m for m in found if m.phrase in self.stock]
        excluded: dict[int, list[Match]] = defaultdict(list)
        for m in found:
            for theme in self.excluded.get(m.phrase, ()):
                excluded[theme].append(m)
        per_theme: dict[int, list[tuple[Match, float]]] = defaultdict(list)
        for m in found:
            uses = self.uses.get(m.phrase)
            if not uses or (stock and any(overlaps(m, s) for s in stock)):
                continue
            for theme, weight in uses:
                if theme not in excluded or not any(overlaps(m, x) for x in excluded[theme]):
                    per_theme[theme].append((m, weight))
        if not per_theme:
            return {}
        clauses = clause_spans(text)
        starts = [c[0] for c in clauses]
        result: dict[int, tuple[float, int]] = {}
        for theme, hits in per_theme.items():
            kept = hits if len(hits) == 1 else longest_non_overlapping(hits)
            weighted = sentence_weighted(kept, clauses, starts, factor_at)
            result[theme] = (sum(w for w, _ in weighted), max(weighted)[1])
        return result


def trie_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One regex for all phrases, shaped as a trie (党(?:风廉政(?:建设)?|史…)) so that the
    engine does not try hundreds of alternatives at each position; at a start position
    it matches the longest phrase."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{group})?" if "" in node else group

    return re.compile(pattern(trie))


def overlaps(a: Match, b: Match) -> bool:
    return a.start < b.end and b.start < a.end


def longest_non_overlapping(hits: list[tuple[Match, float]]) -> list[tuple[Match, float]]:
    kept: list[tuple[Match, float]] = []
    # Longest first; for one span (党建…融合 and 党建…业务…融合 can cover the same text) the heaviest.
    for m, weight in sorted(hits, key=lambda h: (-(h[0].end - h[0].start), h[0].start, -h[1], h[0].phrase)):
        if not any(overlaps(m, k) for k, _ in kept):
            kept.append((m, weight))
    return kept


def clause_spans(text: str) -> list[tuple[int, int, int, bool]]:
    """(start, end, sentence number, is a list) of every clause; a clause is a list
    when it names three or more items (两个以上“、”)."""
    spans = []
    sentence, start = 0, 0
    for match in CLAUSE_SPLIT.finditer(text + "。"):
        end = match.end()
        spans.append((start, end, sentence, text.count("、", start, end) >= LIST_COMMAS))
        if match.group() in SENTENCE_STOPS:
            sentence += 1
        start = end
    return spans


def sentence_weighted(hits: list[tuple[Match, float]], clauses, starts: list[int], factor_at
                      ) -> list[tuple[float, int]]:
    """(weight × place factor, position) of the matches that count: a phrase once per
    sentence, and only the strongest match of a list clause (listing 三会一课 among
    other activities is a passing mention, not a passage about it)."""
    best: dict[tuple, tuple[float, int]] = {}
    for match, weight in hits:
        start, _, sentence, is_list = clauses[bisect_right(starts, match.start) - 1]
        key = (sentence, "list", start) if is_list else (sentence, match.phrase)
        value = (weight * factor_at(match.start), match.start)
        if key not in best or value > best[key]:
            best[key] = value
    return list(best.values())
