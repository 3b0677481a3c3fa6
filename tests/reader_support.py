"""Test support for the reader pages: the seeds with themes set by the test.

Until the tagging stage exists, `Report.themes` / `section_themes` / `keywords`
/ `related` are empty; `tag_for_test` fills them from a few obvious words so the
theme parts of the home, report and statistics pages can be tested, and
`build_themed_site` builds such a site with `mkdocs build --strict`.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest import mock

from conftest import make_project, mkdocs_build
from wenku import pipeline
from wenku.model import Report
from wenku.originals import original_files

THEME_WORDS = {"政治建设": "政治", "理论学习": "学习", "组织建设": "组织", "作风建设": "作风",
               "纪律建设": "纪律", "党建品牌": "品牌"}
KEYWORDS = ("三会一课", "主题党日", "两个维护", "学习强国", "模范机关")
HOOK_LINE = "hooks:\n  - scripts/mkdocs_hook.py\n"


def themes_in(text: str) -> list[str]:
    return [theme for theme, word in THEME_WORDS.items() if word in text]


def tag_for_test(reports: list[Report]) -> list[Report]:
    """Themes per level-2/3 heading and per problem paragraph, the report's themes
    in order of first appearance, keywords that occur, related = others sharing a theme."""
    for report in reports:
        report.section_themes = {}
        for block in report.blocks:
            text = block.label if block.kind == "heading" else block.text
            if (block.kind == "heading" and block.level in (2, 3)) or "problems" in block.roles:
                found = themes_in(text)
                if found and block.anchor:
                    report.section_themes[block.anchor] = found
        report.themes = list(dict.fromkeys(t for ts in report.section_themes.values() for t in ts))
        body = "".join(b.text for b in report.blocks)
        report.keywords = [k for k in KEYWORDS if k in body]
    for report in reports:
        report.related = [o.slug for o in reports if o is not report and set(o.themes) & set(report.themes)][:3]
    return reports


def themed_build(reports_dir: Path, out_dir: Path, extensions: list[object]) -> pipeline.BuildResult:
    """pipeline.build with the test's themes added after loading."""
    real_load = pipeline.load_reports

    def load_and_tag(*args, **kwargs):
        reports, problems, converted = real_load(*args, **kwargs)
        return tag_for_test(reports), problems, converted

    with mock.patch.object(pipeline, "load_reports", load_and_tag):
        return pipeline.build(reports_dir, out_dir, extensions)


def build_themed_site(target: Path) -> Path:
    """A project whose docs/ holds the themed pages (and the originals the hook would copy);
    the hook is taken out of its mkdocs.yml so it does not regenerate untagged pages."""
    from mkdocs.config import load_config

    project = make_project(target)
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert HOOK_LINE in text, "mkdocs.yml no longer declares the hook as expected; update reader_support.py"
    with config_file.open("rb") as handle:
        extensions = load_config(config_file=handle).markdown_extensions
    config_file.write_text(text.replace(HOOK_LINE, ""), encoding="utf-8")
    docs, generated = project / "docs", project / ".wenku" / "pages"
    themed_build(project / "source_reports", generated, extensions)
    shutil.copytree(generated, docs, dirs_exist_ok=True)
    for uri, source in original_files(project / "source_reports", docs):
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, docs / uri)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project
