"""Keywords (关键词) of each report: its most distinctive words by TF-IDF.

Term counts come from the tag stage: nouns of the domain segmenter, stop
words and stock formulas left out. IDF is computed over the whole collection with add-one
smoothing, idf = ln((N + 1) / (df + 1)) + 1, so it stays finite and positive
for a collection of one report (every word then weighs the same and the most
frequent ones win) and grows with the collection. Term frequency is damped
(1 + ln tf) so that one word repeated twenty times does not crowd out the rest.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

from wenku.config import DATA_DIR
from wenku.model import Report
from wenku.textrules import HAN_BASIC

STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
HAN_WORD = re.compile(f"^[{HAN_BASIC}]{{2,}}$")
KEYWORDS_PER_REPORT = 8
MIN_COUNT = 2  # a word the report uses once is not one of its keywords


def load_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    with path.open(encoding="utf-8") as handle:
        return frozenset(word for line in handle if not line.startswith("#") for word in line.split())


def is_term(token: str, excluded: frozenset[str]) -> bool:
    """A keyword candidate: two or more Chinese characters, not excluded (stop words, stock formulas)."""
    return bool(HAN_WORD.match(token)) and token not in excluded


NOUN_CLASSES = ("n", "vn", "j")  # jieba tags: nouns (n, nr, ns, nt, nz …), verbal nouns, abbreviations


def is_noun(word_class: str) -> bool:
    """Keywords are nouns; "" is the class of the domain dictionary's own words."""
    return word_class == "" or word_class.startswith(NOUN_CLASSES)


def inverse_document_frequency(reports: list[Report]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for report in reports:
        df.update(report.terms.keys())
    n = len(reports)
    return {term: math.log((n + 1) / (count + 1)) + 1 for term, count in df.items()}


def keywords_of(report: Report, idf: dict[str, float], limit: int = KEYWORDS_PER_REPORT) -> list[str]:
    scored = [((1 + math.log(count)) * idf[term], term) for term, count in report.terms.items() if count >= MIN_COUNT]
    scored.sort(key=lambda st: (-st[0], st[1]))
    return [term for _, term in scored[:limit]]


def collection_keywords(reports: list[Report]) -> dict[str, list[str]]:
    """Slug → keywords of every report, by TF-IDF over the whole collection."""
    idf = inverse_document_frequency(reports)
    return {report.slug: keywords_of(report, idf) for report in reports}
