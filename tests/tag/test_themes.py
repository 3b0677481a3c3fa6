"""The user-editable vocabulary data/themes.yml: it loads, and mistakes give clear messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from project import make_project, run_wenku
from wenku.tag.themes import THEMES_FILE, VocabularyError, load_vocabulary

GOOD_THEME = """
  - slug: research
    name: 调查研究
    description: 调查研究。
    match:
      调查研究: 3
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "themes.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_vocabulary_has_twenty_themes_with_ascii_slugs():
    vocab = load_vocabulary()
    assert len(vocab.themes) == 20
    assert len({t.slug for t in vocab.themes}) == 20
    assert all(t.description and t.match for t in vocab.themes)
    assert {"两个确立", "两个维护", "四个意识"} <= set(vocab.stock_phrases)
    assert vocab.by_name()["党史学习教育"].slug == "party-history"


def test_a_user_adds_a_theme_by_editing_the_file_only(tmp_path):
    text = THEMES_FILE.read_text(encoding="utf-8") + """
  - slug: rural-revitalisation
    name: 乡村振兴
    description: 抓党建促乡村振兴。
    match:
      乡村振兴: 3
"""
    vocab = load_vocabulary(write(tmp_path, text))
    assert vocab.themes[-1].name == "乡村振兴" and vocab.themes[-1].match == {"乡村振兴": 3.0}


@pytest.mark.parametrize("text, message", [
    ("themes:\n  - slug: research\n    name: [调查\n", "不是有效的 YAML"),
    ("theme: []\n", "缺少顶层的 themes: 列表"),
    ("themes:" + GOOD_THEME.replace("slug: research", "slug: 调研"), " 第 2 行：主题 调查研究 的 slug '调研' 须为用 - 连接的小写英文单词"),
    ("themes:" + GOOD_THEME.replace("调查研究: 3", "调查研究: high"), " 第 6 行：主题 调查研究 中 '调查研究' 的权重 须为 ≥ 0 的数"),
    ("themes:" + GOOD_THEME.replace("    match:\n      调查研究: 3\n", ""), " 第 2 行：主题 调查研究 缺少带权重的 match: 词语"),
    ("themes:" + GOOD_THEME + "    exclude: 调研报告\n", " 第 2 行：主题 调查研究 的 exclude 须为非空词语的列表"),
    ("themes:" + GOOD_THEME + "    colour: red\n", " 第 2 行：主题中有未知的键 'colour'"),
    ("themes:" + GOOD_THEME + GOOD_THEME.replace("slug: research", "slug: research-2"), "有两个主题的 name 都是 '调查研究'"),
    ("settings:\n  treshold: 3\nthemes:" + GOOD_THEME, " 第 2 行：未知设置 'treshold'"),
])
def test_mistakes_name_the_file_and_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_a_broken_vocabulary_stops_the_build_with_the_message(tmp_path):
    project = make_project(tmp_path)
    themes = project / "my-themes.yml"
    themes.write_text(THEMES_FILE.read_text(encoding="utf-8").replace("政治建设: 3", "政治建设: 很高"), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "reports_dir: source_reports", "reports_dir: source_reports\n      themes: my-themes.yml"), encoding="utf-8")
    result = run_wenku("build", "--no-cache", cwd=project)
    assert result.returncode == 2
    assert "themes.yml 第 " in result.stderr and "主题 政治建设 中 '政治建设' 的权重 须为 ≥ 0 的数" in result.stderr
    assert "Traceback" not in result.stderr
