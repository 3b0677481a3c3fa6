"""Stage 1 for Markdown files — .md → `RawReport`: YAML front matter becomes metadata, ATX
headings (# … ######) become headings, and nothing else of Markdown is interpreted.

The body stays plain text: emphasis, links, lists and HTML are shown as the characters they
are (the page escapes them), so a report can never run a script. A heading line loses only its
`#` marks (like a Word heading style, `RawReport.styles` says "heading-N"); the front matter
lines are left empty, so line numbers in messages still point at the file.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from wenku.model import Level, Problem, RawReport
from wenku.read.text import read_text_report

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
ATX_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
# Front-matter key (English or Chinese) → RawReport.meta key.
KEYS = {"title": "title", "标题": "title", "year": "year", "年份": "year", "年度": "year", "date": "date",
        "日期": "date", "unit": "unit", "单位": "unit", "author": "unit", "type": "type", "类型": "type",
        "doc_type": "type", "tags": "tags", "标签": "tags", "keywords": "tags", "关键词": "tags"}


def read_markdown_report(path: Path, source: str, data: bytes | None = None) -> RawReport | Problem:
    raw = read_text_report(path, source, data)
    if isinstance(raw, Problem):
        return raw
    text, meta, notes = front_matter(raw.text, source)
    lines, styles = [], []
    fenced = False
    for line in text.split("\n"):
        fenced = fenced != bool(FENCE.match(line))
        heading = None if fenced else ATX_HEADING.match(line)
        lines.append(heading.group("text") if heading else line)
        styles.append(f"heading-{len(heading.group('marks'))}" if heading else "")
    raw.text, raw.styles, raw.meta, raw.notes = "\n".join(lines), styles, meta, raw.notes + notes
    return raw


def front_matter(text: str, source: str) -> tuple[str, dict[str, str], list[Problem]]:
    """(the text with its front matter lines emptied, metadata, notes)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}, []
    try:
        data = yaml.safe_load(match.group("yaml") or "") or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return text, {}, [Problem(source, f"开头的 YAML 元数据（--- 之间）有语法错误（{getattr(err, 'problem', err)}），"
                                  "未能读取，已按正文显示；请改正该行（如冒号后加空格、值加引号）", line=line,
                                  level=Level.WARNING)]
    if not isinstance(data, dict):
        return text, {}, [Problem(source, "开头 --- 之间的内容不是“键: 值”形式的元数据，已按正文显示；"
                                  "请写成 title: …、year: … 等", line=1, level=Level.WARNING)]
    meta, unknown = _meta(data)
    notes = [Problem(source, f"元数据中的 {'、'.join(unknown)} 不是可用的元数据字段，已忽略；可用的字段："
                     "title、year、unit、type、tags", line=1, level=Level.NOTE)] if unknown else []
    emptied = "\n" * match.group().count("\n")
    return emptied + text[match.end():], meta, notes


def _meta(data: dict) -> tuple[dict[str, str], list[str]]:
    meta: dict[str, str] = {}
    unknown = []
    for key, value in data.items():
        name = KEYS.get(str(key).strip().lower())
        if name is None:
            unknown.append(str(key))
        elif value not in (None, "", []):
            meta[name] = _plain(value)
    if "year" not in meta and "date" in meta:
        found = re.search(r"(?:19|20)\d{2}", meta["date"])
        if found:
            meta["year"] = found.group()
    return meta, unknown


def _plain(value: object) -> str:
    if isinstance(value, list | tuple):
        return "、".join(_plain(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
