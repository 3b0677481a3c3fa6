#!/usr/bin/env python3
"""Evaluate theme tagging against hand labels: per-theme and micro precision/recall/F1.

The labelled set is tests/data/tagging/labels.yml (see LABELLING.md there):
the five seeds and 15 written reports, split into a "tune" part (used while
tuning data/themes.yml) and a "heldout" part (never used for tuning).

Examples:
  python scripts/evaluate_tags.py                 # both parts, per theme and micro
  python scripts/evaluate_tags.py --part tune --errors tune   # while tuning: the tune part only
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wenku.model import Problem  # noqa: E402
from wenku.naming import slug_for  # noqa: E402
from wenku.pipeline import convert  # noqa: E402
from wenku.read import read_text_report  # noqa: E402
from wenku.segment import domain_segmenter  # noqa: E402
from wenku.tag import Tagger, analyse  # noqa: E402
from wenku.themes import load_vocabulary  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "tagging" / "labels.yml"
SPLITS = ("tune", "heldout")


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


def predicted_themes(path: Path, tagger: Tagger) -> set[str]:
    raw = read_text_report(path, path.name)
    if isinstance(raw, Problem):
        raise ValueError(f"{path}: {raw.message}")
    report = convert(raw, slug_for(path.name))
    if isinstance(report, Problem):
        raise ValueError(f"{path}: {report.message}")
    analyse(report, tagger)
    return set(report.themes)


def evaluate(labels_file: Path = LABELS) -> dict[str, Scores]:
    with labels_file.open(encoding="utf-8") as handle:
        labels = yaml.safe_load(handle)["reports"]
    vocabulary = load_vocabulary()
    known = set(vocabulary.by_name())
    tagger = Tagger(vocabulary, domain_segmenter())
    results = {split: Scores() for split in SPLITS}
    for source, entry in labels.items():
        unknown = set(entry["themes"]) - known
        if unknown:
            raise ValueError(f"{labels_file}: {source} is labelled with unknown themes {sorted(unknown)}")
        results[entry["split"]].add(source, predicted_themes(ROOT / source, tagger), set(entry["themes"]))
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, default=LABELS, help="labels file (default: %(default)s)")
    parser.add_argument("--part", choices=SPLITS, action="append", default=[],
                        help="report only this part (repeatable; default: both)")
    parser.add_argument("--errors", choices=SPLITS, action="append", default=[],
                        help="list each report's extra and missing themes for this part")
    args = parser.parse_args(argv)
    try:
        results = evaluate(args.labels)
    except (OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    results = {split: results[split] for split in (args.part or SPLITS)}
    themes = [theme.name for theme in load_vocabulary().themes]
    print(table(results, themes))
    for split in results:
        p, r, f = results[split].micro()
        print(f"{split}: micro precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}")
    for split in [s for s in args.errors if s in results]:
        print(f"\nwrong tags, {split}:")
        print("\n".join(results[split].errors) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
