"""Related reports (相关报告): the reports that share the most distinctive themes and keywords.

No report is compared with every other one. An inverted index maps each
theme and keyword to the reports that have it; a report's candidates are the
reports found under its own themes and keywords. A feature held by many
reports keeps only its MAX_POSTINGS strongest holders, so the work per report
is bounded and the whole pass is linear in the number of reports. Shared
features weigh their IDF (a theme every report has counts for nothing);
a shared keyword counts KEYWORD_WEIGHT times a shared theme.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict

from wenku.model import Report

RELATED_PER_REPORT = 5
MAX_POSTINGS = 50
KEYWORD_WEIGHT = 2.0


def features(report: Report, keywords: list[str]) -> dict[str, float]:
    """Feature → strength in this report (used to keep the strongest holders of common features)."""
    found = {f"theme:{name}": report.theme_scores.get(name, 1.0) for name in report.themes}
    count = len(keywords)
    found.update({f"kw:{word}": float(count - rank) for rank, word in enumerate(keywords)})
    return found


def related_reports(reports: list[Report], keywords: dict[str, list[str]], limit: int = RELATED_PER_REPORT
                    ) -> dict[str, list[str]]:
    """Slug → the slugs of its related reports, best first; `keywords` by slug (keywords.py)."""
    report_features = [features(r, keywords[r.slug]) for r in reports]
    postings: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for index, found in enumerate(report_features):
        for feature, strength in found.items():
            postings[feature].append((strength, index))
    n = len(reports)
    weight = {f: _idf(n, len(holders)) * (KEYWORD_WEIGHT if f.startswith("kw:") else 1.0)
              for f, holders in postings.items()}
    kept: dict[str, list[int]] = {}  # feature → the reports holding it, its strongest MAX_POSTINGS
    for feature, holders in postings.items():
        if len(holders) > MAX_POSTINGS:
            holders.sort(key=lambda h: (-h[0], h[1]))
            del holders[MAX_POSTINGS:]
        kept[feature] = [index for _, index in holders]
    related: dict[str, list[str]] = {}
    for index, report in enumerate(reports):
        scores: dict[int, float] = {}
        get = scores.get
        for feature in report_features[index]:
            shared = weight[feature]
            for other in kept[feature]:
                scores[other] = get(other, 0.0) + shared
        scores.pop(index, None)
        best = heapq.nlargest(limit, ((s, -other) for other, s in scores.items() if s > 0))
        related[report.slug] = [reports[-other].slug for _, other in best]
    return related


def _idf(n: int, holders: int) -> float:
    return math.log((n + 1) / (holders + 0.5))
