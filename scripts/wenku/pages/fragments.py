"""Pieces of pages about one report, remembered from one build to the next in one process.

Listing pages repeat the same links and passages, and under `mkdocs serve` every rebuild
makes nearly the same pages again. A piece is keyed by what it is made of: its kind, the
report's content (sha256) and slug, and the piece's other inputs. The memo is the report
cache's (`Cache.memo`), cleared with it when the vocabulary changes; None remembers nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from wenku.model import Report

T = TypeVar("T")


def remembered(memo: dict | None, kind: str, report: Report, inputs: tuple, make: Callable[[], T]) -> T:
    if memo is None:
        return make()
    key = (kind, report.sha256, report.slug, *inputs)
    found = memo.get(key)
    if found is None:
        found = memo[key] = make()
    return found
