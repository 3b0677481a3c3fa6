"""Stage 4 — tag: segment a report once, find its themes per section, count its terms.

Everything here depends on one report only, so its result is cached with the
report (by content hash): the words of every block (`Block.word_lengths`, read
with `segment.words_of`; the search index reuses them), the themes of every
section and of the report, the term counts keywords are computed from, and the
quoted 提法.

How a theme is found (the vocabulary is data/themes.yml):
- a match phrase counts where it starts and ends on a word boundary of the
  domain segmenter, so 廉政 is not found in 清廉|政府; positions inside words
  of three or more characters count as boundaries, because such words are
  compounds (党风廉政建设 contains 廉政, 中心|组成员 contains 中心组);
- a match inside a stock formula (两个维护 …) or inside one of the theme's
  exclusion phrases does not count; overlapping matches of one theme count once;
- a match weighs its weight × the place factor: heading or title, lead
  sentence, body text; paragraphs before the first heading (the opening,
  which frames the report) weigh less; a phrase counts once per sentence and a
  list clause (三会一课、组织生活会、…) only with its strongest phrase;
- a phrase 党建…融合 matches its parts in this order within one sentence;
- the tagging units are the sections under the report's two shallowest
  heading levels (一、 and （一） in most reports) and, outside any section,
  single paragraphs; a unit whose score reaches the threshold has the theme.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from .glossary import quoted_formulas
from .keywords import is_noun, is_term, load_stopwords
from .model import Block, Report
from .segment import Segmenter, encode_lengths
from .structure import sentence_end
from .themes import Vocabulary

GAP = "…"  # in a match phrase: any text within the same sentence
LONG_WORD = 3  # words this long are compounds whose inner positions are boundaries
SNIPPET_CHARS = 60
CLAUSE_END = "。！？；!?;"
CLAUSE_SPLIT = re.compile(r"[。！？!?；;，,：:]")
SENTENCE_STOPS = "。！？!?"
LIST_COMMAS = 2


class Match(NamedTuple):
    start: int
    end: int
    phrase: str


@dataclass
class Unit:
    """A tagging unit: a section (heading and the blocks under it) or an unheaded paragraph."""

    anchor_block: int  # index of the heading, or of the paragraph
    blocks: list[int] = field(default_factory=list)
    opening: bool = False  # a paragraph before the first heading of a report that has headings


class Tagger:
    """A vocabulary compiled for matching, with the segmenter it matches against."""

    def __init__(self, vocabulary: Vocabulary, segmenter: Segmenter):
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
        self.not_keywords = load_stopwords() | self.stock
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


def lead_ranges(block: Block) -> list[tuple[int, int]]:
    """Lead sentences of a paragraph (its lead spans)."""
    return [(s.start, s.end) for s in block.spans if s.kind == "lead"]


def clause_end(text: str, start: int) -> int:
    """End (exclusive) of the clause that starts at `start`: after the next 。；！？ outside quotes."""
    end = sentence_end(text, start)
    semicolon = min((i for i in (text.find(ch, start) for ch in "；;") if i >= 0), default=-1)
    if semicolon >= 0 and (end < 0 or semicolon < end):
        end = semicolon
    return len(text) if end < 0 else end + 1


def sentence_around(text: str, position: int) -> str:
    """The clause of `text` holding `position`, cut to a one-line snippet that keeps `position`."""
    start = max((text.rfind(ch, 0, position) for ch in CLAUSE_END), default=-1) + 1
    end = clause_end(text, position)
    while start < end and text[start].isspace():
        start += 1
    if end - start <= SNIPPET_CHARS:
        return text[start:end].strip()
    comma = text.rfind("，", start, position)  # start the window at a clause when one is near
    head = comma + 1 if comma >= 0 and position - comma < SNIPPET_CHARS // 2 else max(start, position - SNIPPET_CHARS // 3)
    head = min(head, max(start, end - SNIPPET_CHARS))
    body = text[head: min(end, head + SNIPPET_CHARS - 2)]
    return ("…" if head > start else "") + body + ("…" if head + len(body) < end else "")


def units(blocks: list[Block]) -> list[Unit]:
    """Sections under the two shallowest heading levels; paragraphs outside them stand alone,
    and so does a 存在问题/下一步 paragraph that closes a section about something else."""
    levels = sorted({b.level for b in blocks if b.kind == "heading"})[:2]
    result: list[Unit] = []
    current: Unit | None = None
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.level in levels:
            current = Unit(index, [index])
            result.append(current)
        elif current is not None and not set(block.roles) - set(blocks[current.anchor_block].roles):
            current.blocks.append(index)
        else:
            result.append(Unit(index, [index], opening=bool(levels) and current is None))
    return result


def segment(report: Report, segmenter: Segmenter) -> tuple[list[str], list[list[str]]]:
    """Cut the title and every block once. The words are kept on the report for the
    search index (compactly, see segment.encode_lengths) and returned for tagging."""
    title = segmenter.cut(report.meta.title)
    report.title_word_lengths = encode_lengths(title)
    words = []
    for block in report.blocks:
        cut = segmenter.cut(block.text)
        block.word_lengths = encode_lengths(cut)
        words.append(cut)
    return title, words


def analyse(report: Report, tagger: Tagger) -> None:
    """Per-report stage: words, section and report themes, term counts, 提法."""
    title_words, words = segment(report, tagger.segmenter)
    vocab = tagger.vocabulary
    scored = [(unit, _unit_scores(report.blocks, words, unit, tagger)) for unit in units(report.blocks)]
    used_anchors = {b.anchor for b in report.blocks if b.anchor}
    report.section_themes, report.section_snippets = {}, {}
    for unit, unit_scores in scored:
        tagged = [t for t, (score, _) in unit_scores.items() if score >= vocab.threshold_of(vocab.themes[t])]
        if tagged:
            _record(report, _unit_anchor(report.blocks, unit, used_anchors), tagged, unit_scores, vocab)
    title_scores = tagger.scores(report.meta.title, title_words, lambda _: vocab.heading_factor)
    for theme, (score, _) in title_scores.items():
        if score >= vocab.threshold_of(vocab.themes[theme]):
            _link_strongest_unit(report, theme, scored, used_anchors, vocab)
    totals: Counter[int] = Counter({t: score for t, (score, _) in title_scores.items()})
    for _, unit_scores in scored:
        totals.update({t: score for t, (score, _) in unit_scores.items()})
    names = [name for anchor_themes in report.section_themes.values() for name in anchor_themes]
    order = {theme.name: index for index, theme in enumerate(vocab.themes)}
    report.theme_scores = {name: totals[order[name]] for name in dict.fromkeys(names)}
    report.themes = sorted(report.theme_scores, key=lambda n: (-report.theme_scores[n], order[n]))
    report.terms = tagger.term_counts(word for block_words in words for word in block_words)
    report.formulas = quoted_formulas("\n".join(b.text for b in report.blocks), tagger.domain_words)


def _link_strongest_unit(report: Report, theme: int, scored, used: set[str], vocab: Vocabulary) -> None:
    """A theme that the title names is listed under the section that discusses it most
    (or, when no section mentions it, the report's first block)."""
    name = vocab.themes[theme].name
    if any(name in names for names in report.section_themes.values()):
        return
    candidates = [(us[theme][0], -i, u, us) for i, (u, us) in enumerate(scored) if theme in us]
    if candidates:
        _, _, unit, unit_scores = max(candidates, key=lambda c: c[:2])
        anchor = _unit_anchor(report.blocks, unit, used)
        report.section_themes.setdefault(anchor, []).append(name)
        report.section_snippets.setdefault(anchor, {})[name] = sentence_around(*unit_scores[theme][1])
    elif report.blocks:
        anchor = _unit_anchor(report.blocks, Unit(0, [0]), used)
        report.section_themes.setdefault(anchor, []).append(name)
        report.section_snippets.setdefault(anchor, {})[name] = sentence_around(report.blocks[0].text, 0)


def _unit_scores(blocks: list[Block], words: list[list[str]], unit: Unit, tagger: Tagger
                 ) -> dict[int, tuple[float, tuple[str, int]]]:
    """Theme index → (score, where its snippet is: (text, position)) for one unit."""
    vocab = tagger.vocabulary
    scale = vocab.opening_factor if unit.opening else 1.0
    totals: dict[int, list] = {}
    for index in unit.blocks:
        block = blocks[index]
        if block.kind == "heading":
            factor_at = lambda _: vocab.heading_factor  # noqa: E731
        else:
            leads = lead_ranges(block)
            factor_at = (lambda pos, leads=leads: scale * (  # noqa: E731
                vocab.lead_factor if any(s <= pos < e for s, e in leads) else vocab.body_factor))
        for theme, (score, position) in tagger.scores(block.text, words[index], factor_at).items():
            entry = totals.setdefault(theme, [0.0, None, -1.0])
            entry[0] += score
            # The snippet comes from body text: the heading is the link text already.
            if block.kind != "heading" and score > entry[2]:
                entry[1], entry[2] = (block.text, position), score
    first = next((blocks[i].text for i in unit.blocks if blocks[i].kind == "paragraph"), blocks[unit.anchor_block].text)
    return {theme: (score, where or (first, 0)) for theme, (score, where, _) in totals.items()}


def _unit_anchor(blocks: list[Block], unit: Unit, used: set[str]) -> str:
    block = blocks[unit.anchor_block]
    if not block.anchor:  # an unheaded paragraph that a theme page will link to
        number = unit.anchor_block + 1
        anchor, n = f"p-{number}", 1
        while anchor in used:
            n += 1
            anchor = f"p-{number}-{n}"
        block.anchor = anchor
        used.add(anchor)
    return block.anchor


def _record(report: Report, anchor: str, tagged: list[int], unit_scores, vocab: Vocabulary) -> None:
    ordered = sorted(tagged, key=lambda t: -unit_scores[t][0])
    report.section_themes[anchor] = [vocab.themes[t].name for t in ordered]
    report.section_snippets[anchor] = {vocab.themes[t].name: sentence_around(*unit_scores[t][1]) for t in ordered}
