"""提法: the quoted formulas of the reports (“三会一课”, “两个维护”, “三办”“三服务” …).

A quoted phrase is a 提法 when it is short and numbered — it starts with a
Chinese numeral (三会一课, 两个维护, 第一议题, 五星级) — or when it is a word
of the domain dictionary (学习强国, 国之大者). Slogans in quotes such as
“高效协同” are not. Counts are of quoted uses, per report.
"""

from __future__ import annotations

import re
from collections import Counter

QUOTED = re.compile(r"“([^“”\n]{2,12})”|「([^「」\n]{2,12})」|『([^『』\n]{2,12})』")
NUMBERED = re.compile(r"^第?[一二三四五六七八九十两双百千万]")
NOT_A_FORMULA = re.compile(r"[的，。、；：！？,.;:!?\s*＊XＸ]")
MAX_FORMULA_CHARS = 10


def is_formula(phrase: str, domain_words: set[str]) -> bool:
    if phrase in domain_words:
        return True
    return (len(phrase) <= MAX_FORMULA_CHARS and bool(NUMBERED.match(phrase))
            and not NOT_A_FORMULA.search(phrase))


def quoted_formulas(text: str, domain_words: set[str]) -> dict[str, int]:
    """提法 → how often `text` quotes it."""
    counts: Counter[str] = Counter()
    for match in QUOTED.finditer(text):
        phrase = next(group for group in match.groups() if group is not None)
        if is_formula(phrase, domain_words):
            counts[phrase] += 1
    return dict(counts)
