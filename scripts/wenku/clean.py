"""Stage 2 — clean: remove the documented artefacts, and nothing else.

Every artefact wenku removes is listed in `ARTEFACTS` below, with the reason.
Report text that is not listed here reaches the page unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Artefact:
    name: str
    pattern: re.Pattern[str]
    why: str


ARTEFACTS: tuple[Artefact, ...] = (
    Artefact("paywall marker", re.compile(r"##paid(?:begin|end)##"),
             "inserted by the scraper that collected the reports; mid-line or on a line of its own"),
)


def remove_artefacts(text: str) -> tuple[str, list[str]]:
    """Return the text without artefacts and the names of those that were found."""
    found: list[str] = []
    for artefact in ARTEFACTS:
        text, count = artefact.pattern.subn("", text)
        if count:
            found.append(artefact.name)
    return text, found
