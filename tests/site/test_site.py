"""The real `mkdocs build` of the seeds: strict, faithful, outlined, self-contained."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from htmltext import html_text, visible_chars
from project import GOLDEN, SEEDS, make_project, mkdocs_build
from wenku.clean.artefacts import remove_artefacts
from wenku.pages.slugs import slug_for

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
TOC_LINK = re.compile(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)


def page_html(project: Path, seed: Path) -> str:
    return (project / "site" / "reports" / slug_for(seed.name) / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return ARTICLE.search(html).group(1)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_every_character_of_the_report_reaches_its_page_in_order(seed_site, seed):
    source, _ = remove_artefacts(seed.read_text(encoding="utf-8"))
    shown = html_text(article(page_html(seed_site, seed)))
    assert visible_chars(shown) == visible_chars(source)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_page_outline_is_the_golden_outline(seed_site, seed):
    golden = (GOLDEN / f"{seed.stem}.outline").read_text(encoding="utf-8")
    html = page_html(seed_site, seed)
    toc = html[html.index('md-nav--secondary'):]
    labels = [html_text(label) for _, label in TOC_LINK.findall(toc)]
    assert labels == [line.split(" ", 1)[1] for line in golden.splitlines()]
    for anchor, _ in TOC_LINK.findall(toc):
        assert f'id="{anchor}"' in html


def test_report_page_shows_title_and_metadata_card(seed_site):
    html = page_html(seed_site, SEEDS[2])
    assert "<h1" in html and "政府办机关党总支2022年党建工作总结</h1>" in html
    card = html[html.index('class="wk-added wk-card"'):]
    card_text = html_text(card[: card.index("</div>")])
    for value in ("2022年", "政府办机关党总支", "党建工作总结", "002_ed6c1c14bce9df44.txt"):
        assert value in card_text


def test_home_lists_years_newest_first_with_counts(seed_site):
    html = (seed_site / "site" / "index.html").read_text(encoding="utf-8")
    text = html_text(article(html))
    assert text.index("2023年（1 篇）") < text.index("2022年（4 篇）")


def test_strict_build_has_no_warnings(seed_site):
    result = mkdocs_build(seed_site, "--strict")
    assert result.returncode == 0
    assert "WARNING" not in result.stdout + result.stderr


class _ExternalRefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"src", "href", "action", "poster", "data"} and value and re.match(r"(?:https?:)?//", value):
                if tag == "a" and name == "href":
                    continue  # a link the reader may follow is not a request the page makes
                self.found.append(f"<{tag} {name}={value}>")


def test_built_pages_request_nothing_outside_the_site(seed_site):
    for page in (seed_site / "site").rglob("*.html"):
        parser = _ExternalRefs()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page
    for css in (seed_site / "site").rglob("*.css"):
        assert not re.search(r"@import|url\((?:['\"])?(?:https?:)?//", css.read_text(encoding="utf-8")), css


def test_generated_pages_stay_out_of_docs(seed_site):
    assert (seed_site / ".wenku" / "pages" / "reports").is_dir()
    assert not (seed_site / "docs" / "reports").exists()


def test_report_urls_are_ascii_and_stable(tmp_path):
    project = make_project(tmp_path, {"2022年 市局“党建”总结.txt": SEEDS[0].read_bytes()})
    assert mkdocs_build(project, "--strict").returncode == 0
    assert (project / "site" / "reports" / "2022-nian-shi-ju-dang-jian-zong-jie" / "index.html").is_file()


def test_an_empty_reports_folder_still_builds_a_site(tmp_path):
    project = make_project(tmp_path, {})
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "共收录" in (project / "site" / "index.html").read_text(encoding="utf-8")
