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
        raise VocabularyError(f"{path}: cannot be read ({err.strerror})") from None
    except yaml.YAMLError as err:
        raise VocabularyError(f"{path}: is not valid YAML ({err}); fix the line it names") from None
    return parse_vocabulary(data, path)


def parse_vocabulary(data: object, path: Path) -> Vocabulary:
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise VocabularyError(f"{path}: needs a top-level 'themes:' list (see README.md, 主题词表)")
    settings = _settings(data.get("settings") or {}, path)
    stock = _phrases(data.get("stock_phrases") or [], path, "stock_phrases", data.get(LINE_KEY))
    themes = tuple(_theme(entry, path) for entry in data["themes"])
    _check_unique(themes, path)
    return Vocabulary(themes, stock, **settings)


def _settings(raw: object, path: Path) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise VocabularyError(f"{path}: 'settings:' must be a mapping such as 'threshold: 4'")
    line = raw.get(LINE_KEY)
    unknown = set(raw) - set(DEFAULT_SETTINGS) - {LINE_KEY}
    if unknown:
        raise VocabularyError(f"{path}:{line}: unknown setting {sorted(unknown)[0]!r}; "
                              f"known settings are {', '.join(DEFAULT_SETTINGS)}")
    settings = dict(DEFAULT_SETTINGS)
    for key in DEFAULT_SETTINGS:
        if key in raw:
            settings[key] = _number(raw[key], path, line, f"setting {key!r}")
    return settings


def _theme(entry: object, path: Path) -> Theme:
    if not isinstance(entry, dict):
        raise VocabularyError(f"{path}: every item of 'themes:' must be a mapping with slug, name, description, match")
    line = entry.get(LINE_KEY)
    where = f"{path}:{line}"
    unknown = set(entry) - THEME_KEYS - {LINE_KEY}
    if unknown:
        raise VocabularyError(f"{where}: unknown key {sorted(unknown)[0]!r} in a theme; "
                              f"use only {', '.join(sorted(THEME_KEYS))}")
    for key in ("slug", "name", "description"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise VocabularyError(f"{where}: the theme needs a non-empty {key!r}")
    slug, name = entry["slug"].strip(), entry["name"].strip()
    if not SLUG.match(slug):
        raise VocabularyError(f"{where}: slug {slug!r} of theme {name} must be lower-case ASCII words "
                              "joined by '-', e.g. 'party-history'")
    match = entry.get("match")
    if not isinstance(match, dict) or len(match) <= (LINE_KEY in match):
        raise VocabularyError(f"{where}: theme {name} needs 'match:' phrases with weights, e.g. '{name}: 3'")
    weights = {str(p).strip(): _number(w, path, match.get(LINE_KEY), f"weight of {p!r} in theme {name}")
               for p, w in match.items() if p != LINE_KEY}
    if "" in weights:
        raise VocabularyError(f"{path}:{match.get(LINE_KEY)}: theme {name} has an empty match phrase")
    exclude = _phrases(entry.get("exclude") or [], path, f"exclude of theme {name}", line)
    threshold = _number(entry["threshold"], path, line, f"threshold of theme {name}") if "threshold" in entry else None
    return Theme(slug, name, entry["description"].strip(), weights, exclude, threshold)


def _phrases(raw: object, path: Path, what: str, line: int | None) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
        raise VocabularyError(f"{path}:{line}: {what} must be a list of non-empty phrases")
    return tuple(p.strip() for p in raw)


def _number(value: object, path: Path, line: int | None, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise VocabularyError(f"{path}:{line}: {what} must be a number ≥ 0, not {value!r}")
    return float(value)


def _check_unique(themes: tuple[Theme, ...], path: Path) -> None:
    for attr in ("slug", "name"):
        seen: set[str] = set()
        for theme in themes:
            value = getattr(theme, attr)
            if value in seen:
                raise VocabularyError(f"{path}: two themes have the {attr} {value!r}; each {attr} must be unique")
            seen.add(value)
