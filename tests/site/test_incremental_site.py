"""`mkdocs build` after a change renders only what changed, and the site is then exactly
what a build from nothing makes: an added report shows in every list, a removed or
renamed one leaves them, and an edited vocabulary or template reaches every page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import make_corpus
from project import SEEDS, make_project, mkdocs_build
from wenku.pages.slugs import unique_slugs

RENDERED = re.compile(r"wenku: (\d+) 页与上次相同，未重新生成；(\d+) 页已生成")


def build(project: Path) -> tuple[int, int]:
    """(pages reused, pages rendered) of a strict build."""
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    reused, rendered = RENDERED.search(result.stderr).groups()
    return int(reused), int(rendered)


# Pagefind's entry file (one per search shard) carries a hash that differs between two cold builds of the same input.
NOT_REPRODUCIBLE = re.compile(r"pagefind/[^/]+/pagefind-entry\.json")


def site_files(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {rel: reproducible(rel, p.read_bytes()) for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt"}
            and not NOT_REPRODUCIBLE.fullmatch(rel := p.relative_to(site).as_posix())}


def reproducible(rel: str, data: bytes) -> bytes:
    """wenku-shards.json without the entry tags, which are hashes of Pagefind's entry files."""
    return json.dumps(json.loads(data)["shards"]).encode() if rel == "pagefind/wenku-shards.json" else data


def slug_of(project: Path, name: str) -> str:
    names = sorted(p.name for p in (project / "source_reports").iterdir())
    return unique_slugs(names)[name]


def linking_pages(project: Path, slug: str) -> set[str]:
    """Pages of the site that link to the report page `slug`."""
    pattern = re.compile(rf'href="[^"]*reports/{re.escape(slug)}/')
    return {rel for rel, data in site_files(project).items()
            if rel.endswith(".html") and pattern.search(data.decode("utf-8"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("incremental") / "project")
    make_corpus.make_corpus(12, project / "source_reports", seed=11)
    build(project)
    return project


@pytest.fixture()
def project(built, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy)
    return copy


def from_nothing(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """The site a cold build of the same project makes."""
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".wenku", "site"))
    build(fresh)
    return site_files(fresh)


def test_an_unchanged_build_renders_nothing_and_writes_the_same_site(project):
    before = site_files(project)
    reused, rendered = build(project)
    assert rendered == 0 and reused > 40
    assert site_files(project) == before


def test_one_changed_report_renders_few_pages_and_equals_a_cold_build(project, tmp_path):
    victim = project / "source_reports" / SEEDS[1].name
    victim.write_bytes(victim.read_bytes() + "\n补充说明：本报告已修订，新增一段文字。\n".encode())
    reused, rendered = build(project)
    assert 1 <= rendered <= 12 and reused > 40
    page = (project / "site" / "reports" / slug_of(project, victim.name) / "index.html").read_text(encoding="utf-8")
    assert "新增一段文字" in page
    assert site_files(project) == from_nothing(project, tmp_path)


def every_site_file(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and "pagefind" not in p.parts and p.name != ".wenku-site"}


def test_static_files_are_reused_only_while_they_are_unchanged(project, tmp_path):
    """Static files the last build copied are moved back from its site, not copied again,
    unless their source changed: an edited stylesheet or original report reaches the site."""
    build(project)  # copies made by wenku: they carry their source's modification time
    before = {rel: (project / "site" / rel).stat().st_ino for rel in every_site_file(project)}
    stylesheet = project / "docs" / "assets" / "wenku.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* 修改 */\n", encoding="utf-8")
    victim = project / "source_reports" / SEEDS[1].name
    victim.write_bytes(victim.read_bytes() + "\n补充说明：原件已修订。\n".encode())
    build(project)
    site = every_site_file(project)
    assert site["assets/wenku.css"].endswith("/* 修改 */\n".encode())
    slug = slug_of(project, victim.name)
    assert site[f"originals/{slug}{victim.suffix}"] == victim.read_bytes()
    kept = [rel for rel in site if rel.startswith("assets/javascripts/") and
            (project / "site" / rel).stat().st_ino == before.get(rel)]
    assert kept  # Material's scripts were moved back, not copied
    assert site == every_site_file_of_a_cold_build(project, tmp_path)


def every_site_file_of_a_cold_build(project: Path, tmp_path: Path) -> dict[str, bytes]:
    fresh = tmp_path / "fresh-static"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".wenku", "site"))
    build(fresh)
    return every_site_file(fresh)


def report_pages_linking(project: Path, slug: str) -> dict[str, str]:
    """Other report pages that link to report `slug` (related reports, previous/next)."""
    link = f'href="../{slug}/'
    return {rel: text for rel, data in site_files(project).items()
            if rel.startswith("reports/") and not rel.startswith(f"reports/{slug}/")
            and link in (text := data.decode("utf-8"))}


def test_a_retitled_report_is_retitled_on_the_unchanged_pages_that_link_to_it(project, tmp_path):
    victim = sorted((project / "source_reports").glob("*.txt"))[-1]
    slug = slug_of(project, victim.name)
    assert report_pages_linking(project, slug)
    lines = victim.read_text(encoding="utf-8").split("\n")
    lines[0] = "改过标题的报告（修订稿）"
    victim.write_text("\n".join(lines), encoding="utf-8")
    build(project)
    linking = report_pages_linking(project, slug)
    assert linking and all("改过标题的报告" in text for text in linking.values())
    assert site_files(project) == from_nothing(project, tmp_path)


def test_an_added_report_is_in_every_list_that_should_show_it(project, tmp_path):
    new = project / "source_reports" / "新增报告.txt"
    new.write_bytes(SEEDS[0].read_bytes().replace(b"2022", b"2019"))
    build(project)
    slug = slug_of(project, new.name)
    assert (project / "site" / "reports" / slug / "index.html").is_file()
    linking = linking_pages(project, slug)
    assert "years/2019/index.html" in linking
    assert any(p.startswith("themes/") for p in linking) and any(p.startswith("units/") for p in linking)
    assert site_files(project) == from_nothing(project, tmp_path)


def test_a_removed_report_leaves_every_list_and_the_search_index(project, tmp_path):
    gone = project / "source_reports" / SEEDS[2].name
    slug = slug_of(project, gone.name)
    assert linking_pages(project, slug)
    gone.unlink()
    build(project)
    assert not (project / "site" / "reports" / slug).exists()
    assert linking_pages(project, slug) == set()
    assert not [rel for rel, data in site_files(project).items()
                if rel.startswith("pagefind/") and f"reports/{slug}/".encode() in data]
    assert site_files(project) == from_nothing(project, tmp_path)


def test_a_renamed_report_moves_to_its_new_address(project, tmp_path):
    old = project / "source_reports" / SEEDS[3].name
    old_slug = slug_of(project, old.name)
    old.rename(project / "source_reports" / "改名后的报告.txt")
    build(project)
    new_slug = slug_of(project, "改名后的报告.txt")
    assert not (project / "site" / "reports" / old_slug).exists() and linking_pages(project, old_slug) == set()
    assert (project / "site" / "reports" / new_slug / "index.html").is_file() and linking_pages(project, new_slug)
    assert site_files(project) == from_nothing(project, tmp_path)


def test_an_edited_theme_vocabulary_reaches_the_pages(project, tmp_path):
    from wenku.config import DATA_DIR

    themes = project / "my-themes.yml"
    themes.write_text((DATA_DIR / "themes.yml").read_text(encoding="utf-8").replace("党风廉政", "廉洁建设"),
                      encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "reports_dir: source_reports", "reports_dir: source_reports\n      themes: my-themes.yml"), encoding="utf-8")
    build(project)
    assert any("廉洁建设" in data.decode("utf-8") for rel, data in site_files(project).items()
               if rel.startswith("reports/"))
    themes.write_text(themes.read_text(encoding="utf-8").replace("廉洁建设", "清廉建设"), encoding="utf-8")
    build(project)
    pages = "".join(data.decode("utf-8") for rel, data in site_files(project).items() if rel.startswith("reports/"))
    assert "清廉建设" in pages and "廉洁建设" not in pages
    assert site_files(project) == from_nothing(project, tmp_path)


def test_an_edited_template_reaches_every_page(project):
    override = project / "docs" / "overrides" / "main.html"
    shipped = override.read_text(encoding="utf-8")
    assert "extrahead" not in shipped
    override.write_text(shipped + "{% block extrahead %}<!-- wenku-template-marker -->{% endblock %}\n",
                        encoding="utf-8")
    reused, rendered = build(project)
    assert reused == 0
    pages = [data for rel, data in site_files(project).items() if rel.endswith("index.html")]
    assert all(b"wenku-template-marker" in data for data in pages)
