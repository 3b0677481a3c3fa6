"""Theme tagging against hand labels: per-theme and micro precision/recall/F1 (`wenku evaluate-tags`).

The labelled set is tests/data/tagging/labels.yml (see LABELLING.md there): the five
seeds and written reports, split into a "tune" part (used while tuning themes.yml)
and a "heldout" part (never used for tuning). Two levels are scored apart:
"report", the report's main themes (its chips, `Report.main_themes`) against the
labels' `main`; "section", the themes any of its sections has (what the theme pages
list, `Report.themes`) against the labels' `themes`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wenku.errors import WenkuError
from wenku.model import Problem
from wenku.pages.slugs import slug_for
from wenku.pipeline import structured
from wenku.read.text import read_text_report
from wenku.tag.matcher import Tagger

LABELS = Path("tests/data/tagging/labels.yml")  # relative to the project folder
SPLITS = ("tune", "heldout")
LEVELS = {"report": "main", "section": "themes"}  # level → the labels' key


class LabelsError(WenkuError):
    """The labels file or a labelled report cannot be read."""


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, source: str, predicted: set[str], expected: set[str]) -> None:
        for theme in predicted & expected:
            self.tp[theme] += 1
        for theme in predicted - expected:
            self.fp[theme] += 1
        for theme in expected - predicted:
            self.fn[theme] += 1
        if predicted != expected:
            extra = "、".join(sorted(predicted - expected)) or "—"
            missing = "、".join(sorted(expected - predicted)) or "—"
            self.errors.append(f"{Path(source).name}: extra {extra}; missing {missing}")

    def micro(self) -> tuple[float, float, float]:
        return prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def of(self, theme: str) -> tuple[float, float, float]:
        return prf(self.tp[theme], self.fp[theme], self.fn[theme])


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def predicted_themes(path: Path, tagger: Tagger) -> dict[str, set[str]]:
    """Level → the themes the tagger gives the report at `path`."""
    raw = read_text_report(path, path.name)
    if isinstance(raw, Problem):
        raise LabelsError(f"{path}: {raw.message}")
    report = structured(raw, slug_for(path.name), tagger)
    if isinstance(report, Problem):
        raise LabelsError(f"{path}: {report.message}")
    return {"report": set(report.main_themes), "section": set(report.themes)}


def evaluate(labels_file: Path, tagger: Tagger, root: Path) -> dict[str, dict[str, Scores]]:
    """Level → part of the labelled set → scores; report paths in `labels_file` are relative to `root`."""
    try:
        with labels_file.open(encoding="utf-8") as handle:
            labels = yaml.safe_load(handle)["reports"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as err:
        raise LabelsError(f"{labels_file}: cannot read the labels ({err}); see tests/data/tagging/LABELLING.md") from None
    known = set(tagger.vocabulary.by_name())
    results = {level: {split: Scores() for split in SPLITS} for level in LEVELS}
    for source, entry in labels.items():
        unknown = {t for key in LEVELS.values() for t in entry.get(key, [])} - known
        if unknown:
            raise LabelsError(f"{labels_file}: {source} is labelled with unknown themes {sorted(unknown)}")
        predicted = predicted_themes(root / source, tagger)
        for level, key in LEVELS.items():
            if key not in entry:
                raise LabelsError(f"{labels_file}: {source} has no '{key}:' list; see tests/data/tagging/LABELLING.md")
            results[level][entry["split"]].add(source, predicted[level], set(entry[key]))
    return results


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: Chinese characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def table(results: dict[str, Scores], themes: list[str]) -> str:
    splits = list(results)
    head = f"{'theme':<12}" + "".join(f" | {split:^24}" for split in splits)
    sub = f"{'':<12}" + " | {:>5} {:>5} {:>5} {:>6}".format("P", "R", "F1", "n") * len(splits)
    lines = [head, sub, "-" * len(sub)]
    for theme in themes:
        row = theme + " " * max(0, 12 - display_width(theme))
        for split in splits:
            s = results[split]
            p, r, f = s.of(theme)
            row += f" | {p:5.2f} {r:5.2f} {f:5.2f} {s.tp[theme] + s.fn[theme]:>6}"
        lines.append(row)
    lines.append("-" * len(sub))
    row = f"{'micro':<12}"
    for split in splits:
        s = results[split]
        p, r, f = s.micro()
        row += f" | {p:5.2f} {r:5.2f} {f:5.2f} {sum(s.tp.values()) + sum(s.fn.values()):>6}"
    lines.append(row)
    return "\n".join(lines)
