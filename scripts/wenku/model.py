"""Plain data passed between the pipeline stages.

read → clean → structure → tag → render → index. Each stage takes and returns
these dataclasses; no stage reaches into another's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """How serious a Problem is."""

    NOTE = "note"  # nothing lost; for information
    WARNING = "warning"  # published, but something needs a look
    ERROR = "error"  # not published

    @property
    def label(self) -> str:
        """The one Chinese word for this level in every message, log line and page."""
        return LEVEL_LABELS[self]


LEVEL_LABELS = {Level.NOTE: "提示", Level.WARNING: "警告", Level.ERROR: "错误"}


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    FURNITURE = "furniture"  # official-document furniture after the title (structure/furniture.py)
    FRONT = "front"  # furniture above the title (red header, 文号 …)


class SpanKind(StrEnum):
    LEAD = "lead"  # a bold lead-in (一是…, 坚持…。)


class Role(StrEnum):
    """What a paragraph is about, for the digest pages."""

    PROBLEMS = "problems"  # 存在问题
    NEXT_STEPS = "next_steps"  # 下一步打算


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file, said so a user can act on it."""

    source: str  # file name relative to the reports folder
    message: str  # what is wrong and what to do
    line: int | None = None
    level: Level = Level.WARNING

    @property
    def where(self) -> str:
        return f"{self.source} 第 {self.line} 行" if self.line else self.source

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


@dataclass
class RawReport:
    """A decoded report: text with normalised line ends, nothing else changed."""

    source: str
    text: str
    encoding: str
    sha256: str
    size: int
    styles: list[str] | None = None  # paragraph style per line ("heading-N" …), if known (.docx, .md)
    notes: list[Problem] = field(default_factory=list)  # what the reader noticed (mixed encodings, PDF page numbers …)
    meta: dict[str, str] = field(default_factory=dict)  # metadata the file states (.md front matter: title, year …)


@dataclass
class Span:
    """A marked range [start, end) inside a paragraph's text."""

    start: int
    end: int
    kind: SpanKind


@dataclass
class Block:
    """One unit of the recovered outline: a heading or a paragraph.

    `text` is exactly the author's text for that block (no characters added or
    dropped). For a heading, `label` is what the outline shows (the heading
    without a trailing 。 of a run-in heading) and `level` is 2..6 (6 only in
    an appended document, parts.py); for furniture, `label` is its role (docno …).
    """

    kind: BlockKind
    text: str
    level: int = 0
    label: str = ""
    line: int = 0  # 1-based line in the cleaned source
    spans: list[Span] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    anchor: str = ""  # id given to the block on the page, when something links to it (structure/anchors.py)
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
    size: int = 0  # bytes of the source file (the download link says how large it is)
    # Stored by the pipeline from the tag stage's `Tagging` (cached with the report):
    themes: list[str] = field(default_factory=list)  # every theme a section has, by weight, strongest first
    main_themes: list[str] = field(default_factory=list)  # what the report is about: its chips, at most 6
    section_themes: dict[str, list[str]] = field(default_factory=dict)  # anchor → themes
    title_word_lengths: str = ""  # the title's words, as Block.word_lengths
    section_snippets: dict[str, dict[str, str]] = field(default_factory=dict)  # anchor → theme → one line
    theme_scores: dict[str, float] = field(default_factory=dict)  # theme → score over the whole report
    terms: dict[str, int] = field(default_factory=dict)  # keyword candidates → count
    formulas: dict[str, int] = field(default_factory=dict)  # quoted 提法 → count
    warnings: list[Problem] = field(default_factory=list)
    # Stored by the pipeline from the whole collection (not cached):
    keywords: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # slugs


@dataclass
class Tagging:
    """What the tag stage finds in one report (tag/tagger.py `analyse`)."""

    title_word_lengths: str
    word_lengths: list[str]  # per block
    anchors: list[str]  # per block: the structure's anchors plus p-N for paragraphs a theme page links to
    section_themes: dict[str, list[str]]
    section_snippets: dict[str, dict[str, str]]
    theme_scores: dict[str, float]
    themes: list[str]
    main_themes: list[str]
    terms: dict[str, int]
    formulas: dict[str, int]
