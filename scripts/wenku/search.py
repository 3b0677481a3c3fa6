"""Stage 7 — search: the reports → a Pagefind bundle for the site's search box.

Pagefind does not read the built HTML pages. Its own Chinese handling cuts the
text with jieba's default dictionary and the query with the browser's
Intl.Segmenter; the two disagree (三会一课 → 三/会/一课) and know nothing of the
domain dictionary. So every report goes to Pagefind as a small HTML record whose
text is already cut by `domain_segmenter()`, words separated by spaces, under the
language code "und": Pagefind then indexes the words as given and leaves the
query alone. The search box (docs/overrides/assets/javascripts/wenku-search.js)
cuts the query against the words of this index by forward maximum matching, so
query and index agree word for word. Those words are written to VOCABULARY_DIR
in VOCABULARY_SHARDS files by first character, so a query fetches only the
few files its characters need, however large a real archive's vocabulary grows.

Pagefind matches a query word as the start of an indexed word. A word inside a
longer one (选举 in 换届选举, 中国特色社会主义 in 习近平新时代中国特色社会主义思想) is
therefore indexed again, as an inner word at the same place, when it is a
dictionary word. Inner words and the report's own whitespace are written with a
WORD JOINER in front: Pagefind drops that character from the indexed word but
keeps it in the stored text, which lets the search box rebuild the report's text
exactly for the snippet (`plain_text` is the Python twin of that code).
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import time
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

import jieba

from .cache import code_fingerprint
from .model import Report
from .segment import Segmenter, domain_segmenter, words_of

JOINER = "\u2060"  # WORD JOINER: not whitespace, not a word character for Pagefind
LANGUAGE = "und"  # "undetermined": Pagefind neither re-segments the text nor the query
BUNDLE_DIR = "pagefind"  # the bundle's folder in the site
VOCABULARY_DIR = "wenku-vocab"  # inside the bundle: 00.txt … 63.txt, one word a line
VOCABULARY_SHARDS = 64  # file of a word: ord(first character) % 64
KEY_FILE = "bundle.key"
UNUSED_FILES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
BRIDGE_LENGTHS = (3, 4)  # dictionary words looked for across word boundaries
# Chinese characters on both sides of quotation marks or spaces: “模范”机关 holds 模范机关.
AROUND_QUOTES = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,3})[\s“”‘’\"'「」『』《》〈〉]+"
                           r"(?=([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,3}))")
# Removed before indexing: Pagefind strips U+200B from stored text, and U+2060 is our marker.
INVISIBLE = re.compile("[\u200b\u2060]")


class SearchIndexError(Exception):
    """Pagefind could not write the bundle; the message says what to do."""


@dataclass
class SearchBundle:
    folder: Path  # holds BUNDLE_DIR/
    records: int
    words: int  # vocabulary size
    reused: bool  # nothing changed since the last build: Pagefind was not run
    seconds: float


@lru_cache(maxsize=1)
def lexicon(domain_words: tuple[str, ...]) -> frozenset[str]:
    """Words indexed again inside or across the words of a text: jieba's dictionary
    (the one rjieba uses) plus the domain words."""
    dictionary = Path(jieba.__file__).resolve().parent / "dict.txt"
    with dictionary.open(encoding="utf-8") as handle:
        words = {line.split(" ", 1)[0] for line in handle}
    return frozenset(w.lower() for w in words.union(domain_words) if len(w) > 1)


@lru_cache(maxsize=1)
def bridging_lexicon(domain_words: tuple[str, ...]) -> frozenset[str]:
    """The lexicon's Chinese words of BRIDGE_LENGTHS characters."""
    return frozenset(w for w in lexicon(domain_words) if len(w) in BRIDGE_LENGTHS and HAN_RUN.fullmatch(w))


def sub_words(token: str, words: frozenset[str]) -> list[str]:
    """Dictionary words inside `token` other than itself, in order of position."""
    n = len(token)
    return [token[i:j] for i in range(n) for j in range(i + 2, n + 1) if j - i < n and token[i:j] in words]


def bridging_words(text: str, words: frozenset[str]) -> Iterable[tuple[int, str]]:
    """(offset, word) for every word of `words` in the Chinese runs of `text`."""
    for run in HAN_RUN.finditer(text):
        chars = run.group()
        for i in range(len(chars) - min(BRIDGE_LENGTHS) + 1):
            for length in BRIDGE_LENGTHS:
                if chars[i:i + length] in words:
                    yield run.start() + i, chars[i:i + length]


def words_across_quotes(text: str, words: frozenset[str]) -> Iterable[tuple[int, str]]:
    """(offset, word) for every word of `words` that quotation marks or spaces split."""
    for match in AROUND_QUOTES.finditer(text):
        left, joined = match.group(1), match.group(1) + match.group(2)
        for i in range(len(left)):
            for length in BRIDGE_LENGTHS:
                if len(left) < i + length <= len(joined) and joined[i:i + length] in words:
                    yield match.start(1) + i, joined[i:i + length]


def safe_pieces(token: str) -> Iterable[str]:
    """Leading underscores as pieces of their own: a word starting with ___PAGEFIND_
    would be read by Pagefind as one of its own markers."""
    stripped = token.lstrip("_")
    yield from "_" * (len(token) - len(stripped))
    if stripped:
        yield stripped


class Indexer:
    """Cuts text into the words of the index and collects the vocabulary.

    A text is cut by the segmenter (accurate mode). After each word come, marked
    with JOINER, the dictionary words inside it (选举 after 换届选举) and the
    dictionary words of 3–4 characters that start in it and end in a following
    word, also across quotation marks: jieba cuts 党支部书记 as 党支部/书记 in one
    report and 支部书记 is a word in another, and a reader who types 支部书记 (or
    模范机关, for 创建“模范”机关) means both. Words at the start of a word are left
    out: Pagefind finds them by prefix."""

    def __init__(self, segmenter: Segmenter, words: frozenset[str], bridging: frozenset[str]):
        self.segmenter = segmenter
        self.words = words
        self.bridging = bridging
        self.vocabulary: set[str] = set()
        self._inner: dict[str, list[str]] = {}  # token → its inner words (tokens repeat a lot)

    def index_words(self, text: str, words: list[str] | None = None) -> list[str]:
        """The index words of `text`; `words` is its segmentation if already made (by the
        segmenter, e.g. cached by another stage), else it is cut here."""
        if words is None:
            text = INVISIBLE.sub("", text)
            tokens = self.segmenter.cut(text)  # whitespace comes as tokens of its own
        else:
            tokens = [t for t in (INVISIBLE.sub("", w) for w in words) if t]
            text = "".join(tokens)
        starts = list(accumulate((len(t) for t in tokens), initial=0))
        extra = self._bridges(text, starts)
        # Most words go to the index as they are; only these need a look (it keeps a
        # 5,000-report build to seconds).
        special = {n for n, t in enumerate(tokens) if len(t) > 2 or t.isspace() or t[0] == "_"}
        out: list[str] = []
        done = 0
        for number in sorted(special.union(extra)):
            out.extend(tokens[done:number])
            self._add(out, tokens[number], extra.get(number, ()))
            done = number + 1
        out.extend(tokens[done:])
        self.vocabulary.update(t.lower() for t in set(tokens) if len(t) > 1 and HAN.search(t))
        return out

    def _add(self, out: list[str], token: str, bridges: Iterable[str]) -> None:
        if token.isspace():
            if not out or out[-1] != JOINER:  # jieba may cut a run of spaces into several words
                out.append(JOINER)
            return
        out.extend(safe_pieces(token))
        inner = self.inner_words(token) if len(token) > 2 else []
        if bridges:
            lower = token.lower()
            inner = list(dict.fromkeys(inner + [w for w in bridges if not lower.startswith(w)]))
        out.extend(JOINER + w for w in inner)

    def inner_words(self, token: str) -> list[str]:
        """Dictionary words inside `token`, except at its start (found by prefix)."""
        if token not in self._inner:
            lower = token.lower()
            inner = sub_words(lower, self.words) if HAN.search(token) else []
            self.vocabulary.update(inner)
            self._inner[token] = [w for w in inner if not lower.startswith(w)]
        return self._inner[token]

    def _bridges(self, text: str, starts: list[int]) -> dict[int, list[str]]:
        """Token number → bridging words that start in that token."""
        extra: dict[int, list[str]] = {}
        found = chain(bridging_words(text, self.bridging), words_across_quotes(text, self.bridging))
        for offset, word in found:
            number = bisect_right(starts, offset) - 1
            if offset + len(word) > starts[number + 1]:  # ends beyond its first token
                extra.setdefault(number, []).append(word)
                self.vocabulary.add(word)
        return extra

    def indexed_text(self, text: str, words: list[str] | None = None) -> str:
        return " ".join(self.index_words(text, words))


def cached_words(text: str, lengths: str) -> list[str] | None:
    """The words the tag stage cut `text` into (kept with the cached report), if they fit it."""
    words = words_of(text, lengths) if lengths else None
    return words if words and "".join(words) == text else None


def plain_text(indexed: str) -> str:
    """The text back from Pagefind's stored content (words joined by single spaces)."""
    pieces = []
    for word in indexed.split(" "):
        if word == JOINER:
            pieces.append(" ")
        elif not word.startswith(JOINER):
            pieces.append(word)
    return "".join(pieces)


def record_html(report: Report, indexer: Indexer) -> str:
    """One report as the HTML record Pagefind indexes: title as h1 (Pagefind weights h1–h6
    above body text), headings with the page's anchors (they become section results),
    paragraphs; year, unit and type as metadata for the result list."""
    meta = report.meta
    title = indexer.indexed_text(meta.title, cached_words(meta.title, report.title_word_lengths))
    fields = {"title": title, "year": str(meta.year or ""),
              "unit": indexer.indexed_text(meta.unit), "doc_type": indexer.indexed_text(meta.doc_type)}
    head = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
                   for key, value in fields.items() if value)
    body = [f"<h1>{html.escape(fields['title'])} {JOINER} </h1>"]
    for block in report.blocks:
        text = html.escape(indexer.indexed_text(block.text, cached_words(block.text, block.word_lengths)))
        if block.kind == "heading":
            body.append(f'<h{block.level} id="{html.escape(block.anchor)}">{text} {JOINER} </h{block.level}>')
        else:
            # The trailing joiner keeps blocks apart in the snippet, and a block ending in a
            # space gets no "." from Pagefind.
            body.append(f"<p>{text} {JOINER} </p>")
    return f'<html lang="{LANGUAGE}"><head>{head}</head><body>{"".join(body)}</body></html>'


def bundle_key(reports: list[Report], url_of: Callable[[Report], str]) -> str:
    """Changes whenever the bundle would: a report, its URL, wenku's code or data, Pagefind, rjieba."""
    digest = hashlib.sha256()
    for name in ("pagefind", "pagefind-bin-extended", "rjieba", "jieba"):
        digest.update(f"{name}={_version(name)}\n".encode())
    digest.update(code_fingerprint().encode())
    for report in sorted(reports, key=lambda r: r.slug):
        digest.update(f"\n{url_of(report)}\t{report.sha256}".encode())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def write_records(records: Iterable[tuple[str, str]], folder: Path) -> None:
    """Each record as a file at its URL's path (reports/x/ → reports/x/index.html), so
    that Pagefind, reading the folder, gives every page the URL of the site's page."""
    for url, content in records:
        path = folder / (url + "index.html" if url.endswith("/") else url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def run_pagefind(records: Path, output: Path) -> None:
    """Pagefind's indexer over the records folder (the binary that pagefind[extended] installs;
    its Python API answers one message per 0.1 s and wants an event loop of its own)."""
    from pagefind.service import get_executable  # only when indexing

    executable = get_executable()
    if executable is None:
        raise SearchIndexError("the Pagefind program was not found; install pagefind[extended] from requirements.txt")
    command = [str(executable), "--site", str(records), "--output-path", str(output), "--force-language", LANGUAGE]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise SearchIndexError(f"Pagefind could not build the search index (exit status {run.returncode}): "
                               f"{(run.stderr or run.stdout).strip()[-2000:]}")


def write_bundle(reports: list[Report], folder: Path, url_of: Callable[[Report], str]) -> SearchBundle:
    """Make `folder`/pagefind/ the search bundle for `reports`; `url_of` gives a report's
    page URL relative to the site root. Does nothing when nothing changed."""
    started = time.perf_counter()
    key = bundle_key(reports, url_of)
    vocabulary = folder / BUNDLE_DIR / VOCABULARY_DIR
    if _read(folder / KEY_FILE) == key and vocabulary.is_dir():
        words = sum(_read(shard).count("\n") for shard in vocabulary.iterdir())
        return SearchBundle(folder, len(reports), words, True, time.perf_counter() - started)
    segmenter = domain_segmenter()
    indexer = Indexer(segmenter, lexicon(segmenter.words), bridging_lexicon(segmenter.words))
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    if reports:  # Pagefind refuses an empty site; the search box reads a vocabulary without Pagefind as "no reports"
        write_records(((url_of(r), record_html(r, indexer)) for r in reports), staging / "records")
        run_pagefind(staging / "records", staging / BUNDLE_DIR)
        indexed = sum(1 for _ in (staging / BUNDLE_DIR / "fragment").iterdir())
        if indexed != len(reports):
            raise SearchIndexError(f"Pagefind indexed {indexed} of {len(reports)} reports; its input and output "
                                   f"are left in {staging} for inspection")
        shutil.rmtree(staging / "records")
    _finish(staging, indexer.vocabulary, key)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return SearchBundle(folder, len(reports), len(indexer.vocabulary), False, time.perf_counter() - started)


def _finish(staging: Path, vocabulary: set[str], key: str) -> None:
    bundle = staging / BUNDLE_DIR
    bundle.mkdir(parents=True, exist_ok=True)
    for pattern in UNUSED_FILES:
        for path in bundle.glob(pattern):
            path.unlink()
    shards: list[list[str]] = [[] for _ in range(VOCABULARY_SHARDS)]
    for word in sorted(vocabulary):
        shards[ord(word[0]) % VOCABULARY_SHARDS].append(word)
    (bundle / VOCABULARY_DIR).mkdir()
    for number, words in enumerate(shards):
        (bundle / VOCABULARY_DIR / f"{number:02d}.txt").write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    (staging / KEY_FILE).write_text(key, encoding="utf-8")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def bundle_files(folder: Path) -> list[str]:
    """The bundle's files, relative to `folder` (as they go into the site)."""
    bundle = folder / BUNDLE_DIR
    if not bundle.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in bundle.rglob("*") if p.is_file())
