"""Stage 3 (with structure) — metadata read from the text: year, unit, type.

Nothing is guessed: a value that the title (or, for the year, the opening
sentence) does not state stays empty.
"""

from __future__ import annotations

import re

from wenku.model import Metadata

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# Document types, most specific first: (type, pattern on the title).
DOC_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("述职报告", re.compile(r"述职")),
    ("学习型机关建设总结", re.compile(r"学习型")),
    ("党建工作总结", re.compile(r"党建.*总结|党的建设.*总结")),
    ("工作计划", re.compile(r"计划|要点")),
    ("工作总结", re.compile(r"总结|汇报|报告")),
)
UNIT_SUFFIX = re.compile(r"(?:办公室|党总支|党支部|党委|党组|机关|局|厅|委员会|委|办|处|科|室|院|所|中心|公司|支部|街道|镇|乡|村|社区|学校|医院)$")
TOPIC_START = re.compile(r"抓党建|党建|党的建设|建设|关于|工作|述职|学习")


def year_of(title: str, opening: str) -> int | None:
    for text in (title, opening[: sentence_length(opening)]):
        match = YEAR.search(text)
        if match:
            return int(match.group(1))
    return None


def sentence_length(text: str) -> int:
    ends = [i for i in (text.find(ch) for ch in "。，,") if i >= 0]
    return min(ends) + 1 if ends else len(text)


def doc_type_of(title: str) -> str:
    for name, pattern in DOC_TYPES:
        if pattern.search(title):
            return name
    return ""


def unit_of(title: str) -> str:
    """The office as the title names it: text before the year, or after it up to the topic."""
    match = YEAR.search(title)
    if match and match.start() > 0:
        candidate = title[: match.start()]
    else:
        rest = title[match.end():] if match else title
        rest = rest.lstrip("度")
        topic = TOPIC_START.search(rest)
        candidate = rest[: topic.start()] if topic else ""
    candidate = candidate.strip(" \u3000-—:：")
    return candidate if UNIT_SUFFIX.search(candidate) else ""


def metadata_of(title: str, opening: str) -> Metadata:
    return Metadata(title=title, year=year_of(title, opening), unit=unit_of(title), doc_type=doc_type_of(title))
