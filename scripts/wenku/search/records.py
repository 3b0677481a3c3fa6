"""Search, records: a report as the small HTML page Pagefind indexes, written where Pagefind reads it.

The records' words come from `words.Indexer` (see words.py for why the text is cut
before Pagefind sees it); the filters (`FILTERS`) are the search box's selects.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from pathlib import Path

from wenku.model import BlockKind, Report
from wenku.search.words import BLOCK_END, LANGUAGE, Indexer, cached_words

# Filters of the search box (data-pagefind-filter): name → the report's values. The names
# are also read by wenku-search.js (FILTERS there); the values are shown as they stand.
FILTERS: dict[str, Callable[[Report], list[str]]] = {
    "year": lambda r: [str(r.meta.year)] if r.meta.year else [],
    "unit": lambda r: [r.meta.unit] if r.meta.unit else [],
    "type": lambda r: [r.meta.doc_type] if r.meta.doc_type else [],
    "theme": lambda r: list(r.main_themes),
}


def filter_tags(report: Report) -> str:
    """The report's filter values (year, unit, type, main themes) as Pagefind filter tags."""
    return "".join(f'<meta data-pagefind-filter="{name}[content]" content="{html.escape(value)}">'
                   for name, values_of in FILTERS.items() for value in values_of(report))


def filter_values(report: Report) -> str:
    """The report's filter values as one line (for keys: a themes.yml edit changes main themes)."""
    return "\t".join("|".join(values_of(report)) for values_of in FILTERS.values())


def record_html(report: Report, indexer: Indexer) -> str:
    """One report as the HTML record Pagefind indexes: title as h1 (Pagefind weights h1–h6
    above body text), headings with the page's anchors (they become section results),
    paragraphs, each ending in BLOCK_END (the search box keeps a snippet inside one block);
    year, unit and type as metadata for the result list, and as filters with the main themes."""
    meta = report.meta
    title = indexer.indexed_text(meta.title, cached_words(meta.title, report.title_word_lengths))
    fields = {"title": title, "year": str(meta.year or ""),
              "unit": indexer.indexed_text(meta.unit), "doc_type": indexer.indexed_text(meta.doc_type)}
    head = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
                   for key, value in fields.items() if value) + filter_tags(report)
    body = [f"<h1>{html.escape(fields['title'])} {BLOCK_END} </h1>"]
    for block in report.blocks:
        text = html.escape(indexer.indexed_text(block.text, cached_words(block.text, block.word_lengths)))
        if block.kind == BlockKind.HEADING:
            body.append(f'<h{block.level} id="{html.escape(block.anchor)}">{text} {BLOCK_END} </h{block.level}>')
        else:
            # A block ending in a space gets no "." from Pagefind.
            body.append(f"<p>{text} {BLOCK_END} </p>")
    return f'<html lang="{LANGUAGE}"><head>{head}</head><body>{"".join(body)}</body></html>'


def write_records(records: Iterable[tuple[str, str]], folder: Path) -> None:
    """Each record as a file at its URL's path (reports/x/ → reports/x/index.html), so
    that Pagefind, reading the folder, gives every page the URL of the site's page."""
    for url, content in records:
        path = folder / (url + "index.html" if url.endswith("/") else url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
