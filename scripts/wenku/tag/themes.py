"""The theme vocabulary: scripts/wenku/data/themes.yml, edited by users.

Loading checks the file completely and says what is wrong with the file name
and line, so a typo in the vocabulary stops the build with a message, never a
traceback or a silently ignored theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from wenku.config import DATA_DIR
from wenku.errors import WenkuError

THEMES_FILE = DATA_DIR / "themes.yml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_SETTINGS = {"threshold": 4.0, "heading_factor": 3.0, "lead_factor": 2.0, "body_factor": 1.0,
                    "opening_factor": 0.5}
THEME_KEYS = {"slug", "name", "description", "match", "exclude", "threshold"}
LINE_KEY = "__line__"


class VocabularyError(WenkuError):
    """themes.yml is not usable; the message names the file, line and fix."""


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    match: dict[str, float]  # phrase → weight
    exclude: tuple[str, ...] = ()
    threshold: float | None = None


@dataclass(frozen=True)
class Vocabulary:
    themes: tuple[Theme, ...]
    stock_phrases: tuple[str, ...]
    threshold: float
    heading_factor: float
    lead_factor: float
    body_factor: float
    opening_factor: float

    def by_name(self) -> dict[str, Theme]:
        return {theme.name: theme for theme in self.themes}

    def threshold_of(self, theme: Theme) -> float:
        return theme.threshold if theme.threshold is not None else self.threshold


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of every mapping (for error messages)."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def load_vocabulary(path: Path = THEMES_FILE) -> Vocabulary:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_LineLoader)
    except OSError as err:
        raise VocabularyError(f"{path}：无法读取（{err.strerror}）；请检查文件是否存在及其权限") from None
    except yaml.YAMLError as err:
        raise VocabularyError(f"{path}：不是有效的 YAML（{err}）；请改正其中指出的那一行") from None
    return parse_vocabulary(data, path)


def parse_vocabulary(data: object, path: Path) -> Vocabulary:
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise VocabularyError(f"{path}：缺少顶层的 themes: 列表；请按 README.md“主题词表”一节的格式填写")
    settings = _settings(data.get("settings") or {}, path)
    stock = _phrases(data.get("stock_phrases") or [], path, "stock_phrases", data.get(LINE_KEY))
    themes = tuple(_theme(entry, path) for entry in data["themes"])
    _check_unique(themes, path)
    return Vocabulary(themes, stock, **settings)


def _settings(raw: object, path: Path) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise VocabularyError(f"{path}：settings: 须为键值对，如 threshold: 4；请改正")
    line = raw.get(LINE_KEY)
    unknown = set(raw) - set(DEFAULT_SETTINGS) - {LINE_KEY}
    if unknown:
        raise VocabularyError(f"{path} 第 {line} 行：未知设置 {sorted(unknown)[0]!r}；"
                              f"可用的设置为 {', '.join(DEFAULT_SETTINGS)}")
    settings = dict(DEFAULT_SETTINGS)
    for key in DEFAULT_SETTINGS:
        if key in raw:
            settings[key] = _number(raw[key], path, line, f"设置 {key!r}")
    return settings


def _theme(entry: object, path: Path) -> Theme:
    if not isinstance(entry, dict):
        raise VocabularyError(f"{path}：themes: 的每一项都须包含 slug、name、description、match；请补全")
    line = entry.get(LINE_KEY)
    where = f"{path} 第 {line} 行"
    unknown = set(entry) - THEME_KEYS - {LINE_KEY}
    if unknown:
        raise VocabularyError(f"{where}：主题中有未知的键 {sorted(unknown)[0]!r}；"
                              f"只能使用 {', '.join(sorted(THEME_KEYS))}")
    for key in ("slug", "name", "description"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise VocabularyError(f"{where}：主题缺少 {key!r}（不能为空）；请补上")
    slug, name = entry["slug"].strip(), entry["name"].strip()
    if not SLUG.match(slug):
        raise VocabularyError(f"{where}：主题 {name} 的 slug {slug!r} 须为用 - 连接的小写英文单词，"
                              "如 party-history；请改正")
    match = entry.get("match")
    if not isinstance(match, dict) or len(match) <= (LINE_KEY in match):
        raise VocabularyError(f"{where}：主题 {name} 缺少带权重的 match: 词语，如 {name}: 3；请补上")
    weights = {str(p).strip(): _number(w, path, match.get(LINE_KEY), f"主题 {name} 中 {p!r} 的权重")
               for p, w in match.items() if p != LINE_KEY}
    if "" in weights:
        raise VocabularyError(f"{path} 第 {match.get(LINE_KEY)} 行：主题 {name} 的 match: 中有空词语；请删去或补上")
    exclude = _phrases(entry.get("exclude") or [], path, f"主题 {name} 的 exclude", line)
    threshold = _number(entry["threshold"], path, line, f"主题 {name} 的 threshold") if "threshold" in entry else None
    return Theme(slug, name, entry["description"].strip(), weights, exclude, threshold)


def _phrases(raw: object, path: Path, what: str, line: int | None) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
        raise VocabularyError(f"{path} 第 {line} 行：{what} 须为非空词语的列表；请改正")
    return tuple(p.strip() for p in raw)


def _number(value: object, path: Path, line: int | None, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise VocabularyError(f"{path} 第 {line} 行：{what} 须为 ≥ 0 的数，而不是 {value!r}；请改正")
    return float(value)


def _check_unique(themes: tuple[Theme, ...], path: Path) -> None:
    for attr in ("slug", "name"):
        seen: set[str] = set()
        for theme in themes:
            value = getattr(theme, attr)
            if value in seen:
                raise VocabularyError(f"{path}：有两个主题的 {attr} 都是 {value!r}；每个主题的 {attr} 须各不相同，请改掉其中一个")
            seen.add(value)
