"""Plain data passed between the pipeline stages.

read → clean → structure → tag → render → index. Each stage takes and returns
these dataclasses; no stage reaches into another's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file, said so a user can act on it."""

    source: str  # file name relative to the reports folder
    message: str  # what is wrong and what to do
    line: int | None = None
    level: str = "warning"  # "note" (nothing lost), "warning", "error" (not published)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass
class RawReport:
    """A decoded report: text with normalised line ends, nothing else changed."""

    source: str
    text: str
    encoding: str
    sha256: str
    size: int
    styles: list[str] | None = None  # .docx paragraph style per paragraph, if known


@dataclass
class Span:
    """A marked range [start, end) inside a paragraph's text."""

    start: int
    end: int
    kind: str  # "lead" (bold lead-in)


@dataclass
class Block:
    """One unit of the recovered outline: a heading or a paragraph.

    `text` is exactly the author's text for that block (no characters added or
    dropped). For a heading, `label` is what the outline shows (the heading
    without a trailing 。 of a run-in heading) and `level` is 2..6 (6 only in
    an appended document, parts.py); for furniture, `label` is its role (docno …).
    """

    kind: str  # "heading" | "paragraph" | "furniture", "front" (above the title): see furniture.py
    text: str
    level: int = 0
    label: str = ""
    line: int = 0  # 1-based line in the cleaned source
    spans: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # "problems", "next_steps"
    anchor: str = ""  # id given to the block on the page, when something links to it
    word_lengths: str = ""  # the segmenter's words of `text`, compactly (tag stage); segment.words_of gives them


@dataclass
class Metadata:
    title: str
    year: int | None = None
    unit: str = ""
    doc_type: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # 来源, 时间, 文号 …


@dataclass
class Report:
    """A structured report, ready to tag and render."""

    source: str
    slug: str
    meta: Metadata
    blocks: list[Block]
    sha256: str = ""
    chars: int = 0  # non-whitespace characters of the body
    themes: list[str] = field(default_factory=list)
    section_themes: dict[str, list[str]] = field(default_factory=dict)  # anchor → themes
    keywords: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # slugs
    # Filled by the tag stage (cached with the report):
    title_word_lengths: str = ""  # the title's words, as Block.word_lengths
    section_snippets: dict[str, dict[str, str]] = field(default_factory=dict)  # anchor → theme → one line
    theme_scores: dict[str, float] = field(default_factory=dict)  # theme → score over the whole report
    terms: dict[str, int] = field(default_factory=dict)  # keyword candidates → count
    formulas: dict[str, int] = field(default_factory=dict)  # quoted 提法 → count
    warnings: list[Problem] = field(default_factory=list)
