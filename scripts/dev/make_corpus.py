#!/usr/bin/env python3
"""Make N synthetic raw reports, recombined from the seed reports, for scale tests.

Each report is a plain .txt file like the seeds in source_reports/: a title
naming a year (2014–2024), a unit (several hundred offices) and a document
type, an opening paragraph, numbered sections 一、 with (一) and 1. subsections,
run-in headings (一、标题。正文…), 一是/二是 and short lead-in sentences,
redactions (**, ***, XX, *+*), the scraper markers ##paidbegin##/##paidend##,
and a closing 存在问题 / 下一步 section. Sizes are 2–10 KB.

The sentences, headings and openings are taken from the seeds; only their
combination, the years, units and titles are new, so the vocabulary is the
seeds' vocabulary. Report i depends only on the seed value and i: the first
1,000 reports of a 5,000-report corpus are the 1,000-report corpus.

Most files are UTF-8; a few have a BOM, CRLF line ends or GB18030 encoding,
as archives collected from many offices do.

Examples:
  python scripts/dev/make_corpus.py 1000 /tmp/corpus           # 1,000 reports, seed 0
  python scripts/dev/make_corpus.py 5000 /tmp/c5k --seed 7
  python scripts/dev/make_corpus.py 100 /tmp/c --seeds-dir source_reports
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CN_NUMBERS = "一二三四五六七八九十"
YEARS = range(2014, 2025)
H2 = re.compile(rf"^[{CN_NUMBERS}]+、")
H3 = re.compile(rf"^[（(][{CN_NUMBERS}]+[）)]")
H4 = re.compile(r"^\d{1,2}[.．、](?!\d)")
SENTENCE = re.compile(r"[^。！？]*[。！？]")
SEED_YEAR = re.compile(r"20[12]\d(?=年)")
ARTEFACT = re.compile(r"##paid(?:begin|end)##")
LEAD_MARKER = re.compile(rf"^(?:[{CN_NUMBERS}]+是|一方面，|另一方面，)")
NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?![\d.年])")

PLACES = ("市", "县", "区", "**县", "XX市", "经开区", "高新区", "城关镇", "新城街道", "X局")
DEPARTMENTS = (
    "财政局", "教育局", "卫健委", "民政局", "司法局", "审计局", "统计局", "商务局", "水利局", "林业局",
    "交通运输局", "自然资源局", "生态环境局", "住建局", "农业农村局", "文旅局", "应急管理局", "医保局",
    "市场监管局", "人社局", "退役军人事务局", "工信局", "发改委", "科技局", "档案馆", "政务服务中心",
    "机关事务管理局", "信访局", "税务局", "供销社", "工会", "团委", "妇联", "政府办", "纪委监委", "组织部",
)
UNIT_SUFFIXES = ("", "", "办公室", "机关党支部", "机关党总支", "机关党委", "第一党支部", "第二党支部")
TITLE_FORMS = (
    "{year}年{unit}党建工作总结",
    "{unit}{year}年度党建工作总结",
    "{unit}{year}年党建工作总结",
    "{unit}{year}年度党组织书记抓党建工作述职报告",
    "{year}年{unit}党支部书记述职报告",
    "{unit}{year}年度建设学习型机关工作总结",
    "{year}年{unit}工作总结",
    "{unit}{year}年上半年党建工作总结",
    "{unit}{year}年工作总结及{next_year}年工作计划",
    "{year}年支部书记抓党建工作述职报告",
)
PROBLEM_HEADINGS = ("存在问题及下一步打算", "当前工作存在不足", "存在的问题和不足", "工作中存在的短板")
NEXT_HEADINGS = ("下一步工作举措", "下一步工作安排", "{next_year}年工作打算", "今后努力方向")
PROBLEM_OPENERS = (
    "在实际工作中，我们的党建工作还存在一些突出的困难和问题。",
    "回顾一年来的工作，我们也清醒地看到还存在一些不足。",
    "对照上级要求和群众期盼，工作中仍存在一些短板和差距。",
)
NEXT_OPENERS = (
    "下一步，我们将重点抓好以下几方面工作。",
    "针对存在的问题，将重点抓好以下几方面工作。",
    "{next_year}年，我局将坚持问题导向，持续用力、久久为功。",
)
REDACTIONS = ("**", "***", "XX", "X", "*+*", "****")


@dataclass
class SeedPool:
    """What the seeds offer to recombine: headings by level, sentences, openings."""

    h2: list[str]
    h3: list[str]
    h4: list[str]
    openings: list[str]
    sentences: list[str]
    short_sentences: list[str]  # short enough to be a bold lead-in (一是…。)
    lead_sentences: list[str]  # short enough to be a lead sentence at a paragraph start


def read_seeds(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.txt")):
        try:
            texts.append(path.read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError:
            continue  # a seed in another encoding: the UTF-8 ones are enough
    if not texts:
        raise SystemExit(f"error: no UTF-8 .txt seed reports in {folder}; pass --seeds-dir")
    return texts


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if len(s.strip()) > 4]


def seed_pool(texts: list[str]) -> SeedPool:
    h2, h3, h4, openings, sentences = [], [], [], [], []
    for text in texts:
        lines = [ln.strip(" \t\u3000\ufeff") for ln in ARTEFACT.sub("", text).replace("\r", "").split("\n")]
        lines = [ln for ln in lines if ln]
        body = lines[1:]
        if body and not H2.match(body[0]):
            openings.append(body[0])
        for line in body:
            for pattern, pool in ((H2, h2), (H3, h3), (H4, h4)):
                number = pattern.match(line)
                if number:
                    label, stop, rest = line[number.end():].partition("。")
                    if 2 < len(label) <= 40:
                        pool.append(label.strip())
                        line = rest if stop else ""
                    break
            sentences += [LEAD_MARKER.sub("", s) for s in split_sentences(line)]
    sentences = sorted(set(s for s in sentences if len(s) > 4))
    short = [s for s in sentences if 6 <= len(s) <= 30]
    leads = [s for s in sentences if 6 <= len(s) <= 17 and not any(c in s for c in "，,、；：:")]
    generic = ["工作计划", "存在问题", "下一步工作安排"]
    h2 = [h for h in dict.fromkeys(h2) if not SEED_YEAR.search(h) and h not in generic]
    return SeedPool(h2 or ["加强政治建设"], sorted(set(h3)) or ["夯实组织基础"], sorted(set(h4)) or ["强化理论武装"],
                    openings or sentences[:1], sentences, short or sentences, leads or ["眼明心亮提高政治判断力。"])


class ReportWriter:
    """One synthetic report, made from a SeedPool with its own random stream."""

    def __init__(self, pool: SeedPool, rng: random.Random, units: list[str]):
        self.pool = pool
        self.rng = rng
        self.year = rng.choice(YEARS)
        self.unit = rng.choice(units)
        self.target = rng.randint(1_500, 9_500)  # bytes of UTF-8 (the result lands at about 2–10 KB)

    def text(self) -> str:
        rng = self.rng
        sections = rng.randint(3, 6)
        style = rng.choice(("run_in", "lead_items", "subsections", "plain", "numbered"))
        per_section = max(250, (self.target // 3 - 400) // (sections + 1))
        lines = [self.title()]
        if rng.random() < 0.5:
            lines.append("")
        lines.append((" " if rng.random() < 0.3 else "") + self.opening())
        labels = rng.sample(self.pool.h2, min(sections, len(self.pool.h2)))
        for number, label in enumerate(labels, start=1):
            lines += self.section(number, label, style, per_section)
        lines += self.closing(len(labels) + 1, per_section)
        text = "\n".join(lines) + "\n"
        return self.add_markers(text)

    def with_year(self, text: str) -> str:
        return SEED_YEAR.sub(str(self.year), text).replace("{next_year}", str(self.year + 1))

    def title(self) -> str:
        form = self.rng.choice(TITLE_FORMS)
        return form.format(year=self.year, unit=self.unit, next_year=self.year + 1)

    def opening(self) -> str:
        return self.with_year(self.rng.choice(self.pool.openings))

    def sentences(self, chars: int) -> str:
        """At least one sentence, then more while they fit in `chars` characters."""
        out = [self.rng.choice(self.pool.sentences)]
        used = len(out[0])
        for _ in range(50):
            sentence = self.rng.choice(self.pool.sentences)
            if used + len(sentence) > chars:
                break
            out.append(sentence)
            used += len(sentence)
        return "".join(self.redact(self.with_year(s)) for s in out)

    def redact(self, sentence: str) -> str:
        if self.rng.random() < 0.12:
            return NUMBER.sub(self.rng.choice(REDACTIONS), sentence, count=1)
        return sentence

    def lead_items(self, chars: int, items: int) -> str:
        parts = []
        for i in range(items):
            lead = self.rng.choice(self.pool.short_sentences)
            parts.append(f"{CN_NUMBERS[i]}是{lead}{self.sentences(chars // items)}")
        return "".join(parts)

    def section(self, number: int, label: str, style: str, chars: int) -> list[str]:
        head = f"{cn_number(number)}、{self.with_year(label)}"
        rng = self.rng
        if style == "run_in":
            return [f"{head}。{self.sentences(chars // 2)}", self.lead_items(chars // 2, rng.randint(2, 3))]
        if style == "lead_items":
            return [head, self.lead_items(chars, rng.randint(2, 4))]
        if style == "subsections":
            out = [head]
            for i, sub in enumerate(rng.sample(self.pool.h3, min(2, len(self.pool.h3))), start=1):
                out.append(f"（{cn_number(i)}）{sub}")
                out += [rng.choice(self.pool.lead_sentences) + self.sentences(chars // 4) for _ in range(2)]
            return out
        if style == "numbered":
            out = [head]
            for i, sub in enumerate(rng.sample(self.pool.h4, min(3, len(self.pool.h4))), start=1):
                sep = rng.choice((".", "、", "．"))
                body = self.sentences(chars // 3)
                out.append(f"{i}{sep}{sub}。{body}" if rng.random() < 0.5 else f"{i}{sep}{sub}\n{body}")
            return out
        return [head, self.sentences(chars // 2), self.sentences(chars // 2)]

    def closing(self, number: int, chars: int) -> list[str]:
        rng = self.rng
        problems = rng.choice(PROBLEM_OPENERS) + self.lead_items(chars // 2, 3)
        steps = self.with_year(rng.choice(NEXT_OPENERS)) + self.lead_items(chars // 2, 3)
        shape = rng.random()
        if shape < 0.4:
            return [f"{cn_number(number)}、{PROBLEM_HEADINGS[0]}", problems, steps]
        if shape < 0.8:
            return [f"{cn_number(number)}、{rng.choice(PROBLEM_HEADINGS[1:])}", problems,
                    f"{cn_number(number + 1)}、{self.with_year(rng.choice(NEXT_HEADINGS))}", steps]
        return [problems, steps]  # unheaded: the closing paragraphs carry the roles

    def add_markers(self, text: str) -> str:
        if self.rng.random() < 0.3:
            cut = text.find("，", len(text) // 3)
            if cut > 0:
                text = text[:cut] + "##paidbegin##" + text[cut:] + "##paidend##\n"
        return text


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_NUMBERS[n - 1]
    return "十" + CN_NUMBERS[n - 11] if n < 20 else str(n)


def unit_names(seed: int) -> list[str]:
    rng = random.Random(f"wenku-units-{seed}")
    units = {f"{place}{dept}{suffix}" if place != "X局" else "X局"
             for place in PLACES for dept in DEPARTMENTS for suffix in UNIT_SUFFIXES}
    units |= {"市局办公室", "政府办机关党总支", "县直机关"}
    return rng.sample(sorted(units), 400)


def encode(text: str, rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.05:
        text = text.replace("\n", "\r\n")
    if roll < 0.03:
        return text.encode("gb18030")
    if roll > 0.96:
        return text.encode("utf-8-sig")
    return text.encode("utf-8")


def make_report(pool: SeedPool, units: list[str], seed: int, index: int) -> tuple[str, bytes]:
    """(file name, bytes) of report `index`; depends only on the seeds, `seed` and `index`."""
    rng = random.Random(f"wenku-report-{seed}-{index}")
    writer = ReportWriter(pool, rng, units)
    data = encode(writer.text(), rng)
    return f"{index:05d}_{hashlib.sha256(data).hexdigest()[:16]}.txt", data


def make_corpus(n: int, out_dir: Path, seed: int = 0, seeds_dir: Path = ROOT / "source_reports") -> list[Path]:
    pool = seed_pool(read_seeds(seeds_dir))
    units = unit_names(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        name, data = make_report(pool, units, seed, index)
        path = out_dir / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, metavar="N", help="how many reports to write")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write them to (created if missing)")
    parser.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same files (default 0)")
    parser.add_argument("--seeds-dir", type=Path, default=ROOT / "source_reports", metavar="DIR",
                        help="folder of seed reports (UTF-8 .txt) to recombine; default: source_reports/")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    paths = make_corpus(args.n, args.out_dir, args.seed, args.seeds_dir)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} reports ({size / 1e6:.1f} MB) → {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
