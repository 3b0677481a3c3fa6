#!/usr/bin/env python3
"""Outline F1, title and sentence-order fidelity of the converter against golden outlines.

Fixture sets (each .txt next to, or named after, a golden `.outline` whose first line is
`# title` when the title is checked, then one `## label` line per heading):
  archive  tests/data/archive/*.txt        flattened 公文, web copies, unnumbered headings, 附件
  input    tests/data/input/*.txt          the real-world fixtures (goldens in tests/golden/input/)
  seeds    source_reports/*.txt            the seeds (goldens in tests/golden/, outline only)

A heading counts as found when its level and label both match the golden (F1 over the multiset
of (level, label) pairs). Fidelity: the author's text (the fixture minus the page-chrome pieces
listed in NAME.chrome) split into sentences at 。！？；; the share of them found on the rendered
page in order. Chrome left: pieces of NAME.chrome still on the page.

  python scripts/dev/outline_f1.py            # every set, one line per fixture and a total per set
  python scripts/dev/outline_f1.py archive -v # one set, with the headings that differ
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests" / "support"), str(ROOT / "scripts")]

from input_support import convert_text, page_text  # noqa: E402
from wenku.clean.artefacts import clean  # noqa: E402
from wenku.model import Report  # noqa: E402

SETS = {
    "archive": (ROOT / "tests" / "data" / "archive", None),
    "input": (ROOT / "tests" / "data" / "input", ROOT / "tests" / "golden" / "input"),
    "seeds": (ROOT / "source_reports", ROOT / "tests" / "golden"),
}
SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
SPACE = re.compile(r"\s+")


@dataclass
class Score:
    name: str
    found: int  # headings matching the golden
    got: int  # headings the converter found
    wanted: int  # headings in the golden
    title_ok: bool | None  # None: the golden names no title
    sentences: int
    in_order: int
    chrome_left: list[str]
    missed: list[str]
    extra: list[str]

    @property
    def f1(self) -> float:
        return 2 * self.found / (self.got + self.wanted) if self.got + self.wanted else 1.0

    @property
    def fidelity(self) -> float:
        return self.in_order / self.sentences if self.sentences else 1.0


def golden(path: Path) -> tuple[str | None, list[tuple[int, str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0][2:] if lines and lines[0].startswith("# ") else None
    heads = [(len(line) - len(line.lstrip("#")), line.lstrip("#").strip()) for line in lines if line.startswith("##")]
    return title, heads


def sentences_in_order(text: str, page: str) -> tuple[int, int]:
    have = SPACE.sub("", page)
    wanted = [s for s in (SPACE.sub("", m) for m in SENTENCE.findall(text)) if s]
    pos = found = 0
    for sentence in wanted:
        at = have.find(sentence, pos)
        if at >= 0:
            found, pos = found + 1, at + len(sentence)
    return len(wanted), found


def score(text_path: Path, golden_path: Path) -> Score:
    text = text_path.read_text(encoding="utf-8")
    report = convert_text(text, text_path.name)
    title, wanted = golden(golden_path)
    if not isinstance(report, Report):
        return Score(text_path.stem, 0, 0, len(wanted), False if title else None, 1, 0, [], [str(report)], [])
    got = [(b.level, b.label) for b in report.blocks if b.kind == "heading"]
    common = Counter(got) & Counter(wanted)
    chrome_file = text_path.with_suffix(".chrome")
    chrome = [c for c in chrome_file.read_text(encoding="utf-8").splitlines() if c.strip()] if chrome_file.exists() else []
    author = text if chrome else clean(text).text  # without a .chrome list: the documented artefacts
    for piece in sorted(chrome, key=len, reverse=True):
        author = author.replace(piece, "\n")
    page = page_text(report)
    flat_page = SPACE.sub("", page)
    total, in_order = sentences_in_order(author, page)
    left = [c for c in chrome if len(SPACE.sub("", c)) >= 2 and SPACE.sub("", c) in flat_page
            and SPACE.sub("", c) not in SPACE.sub("", author)]
    missed = [f"{'#' * lv} {lb}" for lv, lb in (Counter(wanted) - Counter(got)).elements()]
    extra = [f"{'#' * lv} {lb}" for lv, lb in (Counter(got) - Counter(wanted)).elements()]
    title_ok = None if title is None else report.meta.title == title
    if title_ok is False:
        missed.insert(0, f"# {title}  (got: {report.meta.title})")
    return Score(text_path.stem, sum(common.values()), len(got), len(wanted), title_ok, total, in_order, left,
                 missed, extra)


def scores(name: str) -> list[Score]:
    folder, golden_folder = SETS[name]
    out = []
    for text_path in sorted(folder.glob("*.txt")):
        golden_path = (golden_folder or folder) / f"{text_path.stem}.outline"
        if golden_path.exists():
            out.append(score(text_path, golden_path))
    return out


def total(items: list[Score]) -> tuple[float, float, int, int]:
    """(micro F1, fidelity, titles right, titles checked) over a set."""
    found, got, wanted = (sum(getattr(s, f) for s in items) for f in ("found", "got", "wanted"))
    f1 = 2 * found / (got + wanted) if got + wanted else 1.0
    fidelity = sum(s.in_order for s in items) / max(1, sum(s.sentences for s in items))
    checked = [s for s in items if s.title_ok is not None]
    return f1, fidelity, sum(1 for s in checked if s.title_ok), len(checked)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", help=f"fixture sets: {', '.join(SETS)} (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the headings that differ")
    args = parser.parse_args()
    for name in args.sets or list(SETS):
        items = scores(name)
        for s in items:
            title = "" if s.title_ok is None else ("title ok " if s.title_ok else "TITLE WRONG ")
            chrome = f" CHROME LEFT {s.chrome_left}" if s.chrome_left else ""
            print(f"  {name}/{s.name:32} F1 {s.f1:.3f}  fidelity {s.fidelity:7.2%}  {title}{chrome}")
            if args.verbose:
                for line in s.missed:
                    print(f"      missing {line}")
                for line in s.extra:
                    print(f"      extra   {line}")
        f1, fidelity, right, checked = total(items)
        print(f"{name}: outline F1 {f1:.3f}, sentences in order {fidelity:.2%}, titles {right}/{checked}, "
              f"{len(items)} fixtures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
