"""Helpers for the real-world and bad-input tests: convert a text, render its page with the
Markdown extensions of mkdocs.yml, extract the page's text, check fidelity."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from wenku.clean.artefacts import clean
from wenku.model import Problem, RawReport, Report
from wenku.pages.escape import Escaper
from wenku.pages.render import render_report
from wenku.pipeline import structured

ROOT = Path(__file__).resolve().parents[2]
INPUT_DIR = ROOT / "tests" / "data" / "input"
INPUT_FIXTURES = sorted(INPUT_DIR.glob("*.txt"))
WHITESPACE = re.compile(r"\s+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@lru_cache(maxsize=1)
def site_config():
    with (ROOT / "mkdocs.yml").open("rb") as handle:
        return load_config(config_file=handle)


def escaper() -> Escaper:
    return Escaper.for_extensions(site_config().markdown_extensions)


def raw_report(text: str, source: str = "report.txt") -> RawReport:
    data = text.encode("utf-8", "surrogatepass")
    return RawReport(source=source, text=text, encoding="utf-8", sha256=hashlib.sha256(data).hexdigest(),
                     size=len(data))


def convert_text(text: str, source: str = "report.txt") -> Report | Problem:
    return structured(raw_report(text, source), "report", None)


def page_markdown(report: Report) -> str:
    return render_report(report, escaper())


def page_html(page: str) -> tuple[str, dict]:
    """The page body as MkDocs renders it (front matter split off), and the front matter."""
    body, meta = get_data(page)
    config = site_config()
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return md.convert(body), meta


class TextExtractor(HTMLParser):
    """Visible text of an HTML fragment, leaving out elements whose class matches `skip_class`."""

    def __init__(self, skip_class: str = "wk-meta"):
        super().__init__(convert_charrefs=True)
        self.skip_class = skip_class
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.skipping or self.skip_class in classes:
            self.skipping += 1

    def handle_endtag(self, tag):
        if self.skipping and tag not in VOID:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str, skip_class: str = "wk-meta") -> str:
    extractor = TextExtractor(skip_class)
    extractor.feed(html)
    extractor.close()
    return "".join(extractor.parts)


def page_text(report: Report) -> str:
    return html_text(page_html(page_markdown(report))[0])


def cleaned_input(text: str) -> str:
    return clean(text).text


def first_missing(source: str, page: str) -> str:
    """'' when every non-whitespace character of `source` appears in `page` in order; else the
    source from the first character that does not (with a little context)."""
    wanted = WHITESPACE.sub("", source)
    have = WHITESPACE.sub("", page)
    pos = 0
    for index, ch in enumerate(wanted):
        pos = have.find(ch, pos)
        if pos < 0:
            return f"…{wanted[max(0, index - 20):index]}[{wanted[index:index + 40]}]"
        pos += 1
    return ""
