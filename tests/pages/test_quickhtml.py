"""quickhtml renders wenku's generated pages exactly as Python-Markdown does (same HTML, same
table of contents), and declines Markdown outside wenku's subset."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

import make_corpus
from project import ROOT, SEEDS_DIR, build_pages
from wenku.pages import quickhtml


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def generated_pages(reports: Path, out: Path, config) -> dict[str, str]:
    build_pages(reports, out, config.markdown_extensions)
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.md"))}


def body(page: str) -> str:
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


def python_markdown(text: str, config) -> tuple[str, list[dict]]:
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    html = md.convert(text)

    def strip(tokens):
        return [{"level": t["level"], "id": t["id"], "name": t["name"], "children": strip(t["children"])}
                for t in tokens]

    return html, strip(md.toc_tokens)


def quick(text: str, config):
    return quickhtml.convert(text, lambda url: url, config.mdx_configs["toc"]["slugify"])


@pytest.fixture(scope="module")
def pages(tmp_path_factory, config) -> dict[str, str]:
    """The seeds' pages and those of a synthetic archive of 60 reports."""
    work = tmp_path_factory.mktemp("quickhtml")
    make_corpus.make_corpus(60, work / "corpus", seed=3)
    seeds = generated_pages(SEEDS_DIR, work / "seed-pages", config)
    synthetic = generated_pages(work / "corpus", work / "pages", config)
    return {**{f"seeds/{k}": v for k, v in seeds.items()}, **{f"synthetic/{k}": v for k, v in synthetic.items()}}


def test_every_page_quickhtml_renders_equals_python_markdown(pages, config):
    rendered = 0
    for name, page in pages.items():
        converted = quick(body(page), config)
        if converted is None:
            continue
        html, toc = python_markdown(body(page), config)
        assert converted.html == html, name
        assert converted.toc == toc, name
        rendered += 1
    assert rendered >= 0.9 * len(pages)  # the rest: see the next test


def test_every_report_page_and_listing_is_in_the_subset(pages, config):
    declined = sorted(name.split("/", 1)[1] for name, page in pages.items() if quick(body(page), config) is None)
    # The home page (raw HTML search box), statistics (SVG charts) and two tables.
    assert set(declined) <= {"index.md", "stats.md", "themes/index.md", "glossary/index.md"}, declined


def test_anchor_ids_are_every_id_python_markdown_gives_the_page(pages, config):
    for name, page in pages.items():
        converted = quick(body(page), config)
        if converted is not None and "/reports/" in name:
            html, _ = python_markdown(body(page), config)
            assert converted.ids == set(re.findall(r' id="([^"]+)"', html)), name


@pytest.mark.parametrize("text", [
    "| a | b |\n| --- | --- |\n| 1 | 2 |",  # table
    "<div class=\"x\">\nraw\n</div>",  # raw HTML block
    "    indented code",
    "text with `code`",
    "*emphasis*",
    "1. ordered",
    "> quote",
])
def test_markdown_outside_the_subset_is_left_to_python_markdown(text, config):
    assert quick(text, config) is None


def test_links_go_through_the_given_resolver(config):
    seen = []
    converted = quickhtml.convert("- [甲](../a.md#x) <span>乙</span>\n", lambda url: seen.append(url) or "A/",
                                  config.mdx_configs["toc"]["slugify"])
    assert seen == ["../a.md#x"] and '<a href="A/">甲</a>' in converted.html


def test_a_digest_page_converted_again_reuses_its_unchanged_blocks_and_gives_the_same_html(pages, config):
    slugify = config.mdx_configs["toc"]["slugify"]
    page = body(pages["synthetic/problems/index.md"])
    first_memo = quickhtml.BlockMemo()
    first = quickhtml.convert(page, lambda url: url, slugify, first_memo)
    assert len(first_memo.kept) > 20
    sections = [block.html for block in first_memo.kept.values()]
    assert all(html.startswith('<section class="wk-digest-report"') for html in sections)  # the outermost blocks

    edited = page.replace("</div>\n", "</div>\n\n补充的一段。\n", 1)  # after the first digest item
    memo = quickhtml.BlockMemo(first_memo.kept)
    seen = []
    again = quickhtml.convert(edited, lambda url: seen.append(url) or url, slugify, memo)
    assert again.html == quickhtml.convert(edited, lambda url: url, slugify).html
    assert again.toc == first.toc and again.ids == first.ids
    made_again = [key for key in memo.kept if key not in first_memo.kept]
    assert 1 <= len(made_again) <= 2  # the edited report's section (its year's holds a heading: never kept)
    assert len(memo.kept) > 20
    assert seen == re.findall(r"\]\(([^)]*)\)", edited)  # every link still goes through the resolver, in order


def test_a_remembered_block_whose_link_resolves_differently_now_is_converted_again(config):
    slugify = config.mdx_configs["toc"]["slugify"]
    text = '<div class="x" markdown>\n\n见 [甲](../a.md#x)。\n\n</div>\n'
    memo = quickhtml.BlockMemo()
    assert '<a href="A/#x">' in quickhtml.convert(text, lambda url: "A/#x", slugify, memo).html
    again = quickhtml.convert(text, lambda url: "../a.md#x", slugify, quickhtml.BlockMemo(memo.kept))
    assert '<a href="../a.md#x">' in again.html  # e.g. its target is gone: MkDocs warns about it again


def test_every_page_converted_again_with_its_remembered_blocks_gives_the_same_html(pages, config):
    slugify = config.mdx_configs["toc"]["slugify"]
    for name, page in pages.items():
        memo = quickhtml.BlockMemo()
        first = quickhtml.convert(body(page), lambda url: url, slugify, memo)
        if first is None:
            continue
        again = quickhtml.convert(body(page), lambda url: url, slugify, quickhtml.BlockMemo(memo.kept))
        assert (again.html, again.toc, again.ids) == (first.html, first.toc, first.ids), name
