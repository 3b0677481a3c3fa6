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

from collections import Counter
from dataclasses import dataclass, field

from wenku.model import Block, BlockKind, Report, Tagging
from wenku.pages.glossary import quoted_formulas
from wenku.structure.anchors import block_anchors
from wenku.tag.matcher import Tagger
from wenku.tag.segment import Segmenter, encode_lengths
from wenku.tag.snippets import lead_ranges, sentence_around
from wenku.tag.themes import Vocabulary

MAIN_THEMES = 6  # chips on a report's page
MAIN_SHARE = 0.2  # of the strongest main theme's score


@dataclass
class Unit:
    """A tagging unit: a section (heading and the blocks under it) or an unheaded paragraph."""

    anchor_block: int  # index of the heading, or of the paragraph
    blocks: list[int] = field(default_factory=list)
    opening: bool = False  # a paragraph before the first heading of a report that has headings


def units(blocks: list[Block]) -> list[Unit]:
    """Sections under the two shallowest heading levels; paragraphs outside them stand alone,
    and so does a 存在问题/下一步 paragraph that closes a section about something else."""
    levels = sorted({b.level for b in blocks if b.kind == BlockKind.HEADING})[:2]
    result: list[Unit] = []
    current: Unit | None = None
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING and block.level in levels:
            current = Unit(index, [index])
            result.append(current)
        elif current is not None and not set(block.roles) - set(blocks[current.anchor_block].roles):
            current.blocks.append(index)
        else:
            result.append(Unit(index, [index], opening=bool(levels) and current is None))
    return result


def segment(report: Report, segmenter: Segmenter) -> tuple[list[str], list[list[str]]]:
    """Cut the title and every block once (the search index reuses the words)."""
    return segmenter.cut(report.meta.title), [segmenter.cut(block.text) for block in report.blocks]


def analyse(report: Report, tagger: Tagger) -> Tagging:
    """Per-report stage: words, section and report themes, term counts, 提法. Writes nothing:
    the pipeline stores the result (`pipeline.store_tagging`)."""
    title_words, words = segment(report, tagger.segmenter)
    vocab = tagger.vocabulary
    scored = [(unit, _unit_scores(report.blocks, words, unit, tagger)) for unit in units(report.blocks)]
    sections: dict[int, dict[str, str]] = {}  # block index of the unit → theme → snippet
    for unit, unit_scores in scored:
        tagged = [t for t, (score, _) in unit_scores.items() if score >= vocab.threshold_of(vocab.themes[t])]
        if tagged:
            ordered = sorted(tagged, key=lambda t: -unit_scores[t][0])
            sections[unit.anchor_block] = {vocab.themes[t].name: sentence_around(*unit_scores[t][1]) for t in ordered}
    title_scores = tagger.scores(report.meta.title, title_words, lambda _: vocab.heading_factor)
    for theme, (score, _) in title_scores.items():
        if score >= vocab.threshold_of(vocab.themes[theme]):
            _link_strongest_unit(report, theme, scored, sections, vocab)
    totals: Counter[int] = Counter({t: score for t, (score, _) in title_scores.items()})
    for _, unit_scores in scored:
        totals.update({t: score for t, (score, _) in unit_scores.items()})
    names = [name for section in sections.values() for name in section]
    order = {theme.name: index for index, theme in enumerate(vocab.themes)}
    theme_scores = {name: totals[order[name]] for name in dict.fromkeys(names)}
    main = main_themes(report.blocks, scored, title_scores, vocab)
    anchors = block_anchors(report.blocks, linked=set(sections))
    return Tagging(
        title_word_lengths=encode_lengths(title_words),
        word_lengths=[encode_lengths(cut) for cut in words],
        anchors=anchors,
        section_themes={anchors[i]: list(section) for i, section in sections.items()},
        section_snippets={anchors[i]: section for i, section in sections.items()},
        theme_scores=theme_scores,
        themes=sorted(theme_scores, key=lambda n: (-theme_scores[n], order[n])),
        main_themes=main,
        terms=tagger.term_counts(word for block_words in words for word in block_words),
        formulas=quoted_formulas("\n".join(b.text for b in report.blocks), tagger.domain_words),
    )


def main_themes(blocks: list[Block], scored, title_scores: dict[int, tuple[float, int]], vocab: Vocabulary
                ) -> list[str]:
    """What the report is about: the themes of its sections outside the opening and the
    存在问题/下一步 parts (or of its title), ranked by their score there; a theme is main
    when its score is at least MAIN_SHARE of the strongest one's; at most MAIN_THEMES."""
    main: Counter[int] = Counter()
    for theme, (score, _) in title_scores.items():
        if score >= vocab.threshold_of(vocab.themes[theme]):
            main[theme] += score
    for unit, unit_scores in scored:
        if unit.opening or any(blocks[i].roles for i in unit.blocks):
            continue
        for theme, (score, _) in unit_scores.items():
            if score >= vocab.threshold_of(vocab.themes[theme]):
                main[theme] += score
    if not main:
        return []
    top = max(main.values())
    ranked = sorted(main, key=lambda t: (-main[t], t))
    return [vocab.themes[t].name for t in ranked if main[t] >= MAIN_SHARE * top][:MAIN_THEMES]


def _link_strongest_unit(report: Report, theme: int, scored, sections: dict[int, dict[str, str]],
                         vocab: Vocabulary) -> None:
    """A theme that the title names is listed under the section that discusses it most
    (or, when no section mentions it, the report's first block)."""
    name = vocab.themes[theme].name
    if any(name in section for section in sections.values()):
        return
    candidates = [(us[theme][0], -i, u, us) for i, (u, us) in enumerate(scored) if theme in us]
    if candidates:
        _, _, unit, unit_scores = max(candidates, key=lambda c: c[:2])
        sections.setdefault(unit.anchor_block, {})[name] = sentence_around(*unit_scores[theme][1])
    elif report.blocks:
        sections.setdefault(0, {})[name] = sentence_around(report.blocks[0].text, 0)


def _unit_scores(blocks: list[Block], words: list[list[str]], unit: Unit, tagger: Tagger
                 ) -> dict[int, tuple[float, tuple[str, int]]]:
    """Theme index → (score, where its snippet is: (text, position)) for one unit."""
    vocab = tagger.vocabulary
    scale = vocab.opening_factor if unit.opening else 1.0
    totals: dict[int, list] = {}
    for index in unit.blocks:
        block = blocks[index]
        if block.kind == BlockKind.HEADING:
            factor_at = lambda _: vocab.heading_factor  # noqa: E731
        else:
            leads = lead_ranges(block)
            factor_at = (lambda pos, leads=leads: scale * (  # noqa: E731
                vocab.lead_factor if any(s <= pos < e for s, e in leads) else vocab.body_factor))
        for theme, (score, position) in tagger.scores(block.text, words[index], factor_at).items():
            entry = totals.setdefault(theme, [0.0, None, -1.0])
            entry[0] += score
            # The snippet comes from body text: the heading is the link text already.
            if block.kind != BlockKind.HEADING and score > entry[2]:
                entry[1], entry[2] = (block.text, position), score
    first = next((blocks[i].text for i in unit.blocks if blocks[i].kind == BlockKind.PARAGRAPH), blocks[unit.anchor_block].text)
    return {theme: (score, where or (first, 0)) for theme, (score, where, _) in totals.items()}
