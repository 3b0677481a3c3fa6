#!/usr/bin/env python3
"""Measure wenku at archive scale against stock MkDocs + Material, whole commands, in one run.

For each N it makes a synthetic corpus (scripts/dev/make_corpus.py), copies the
project next to it and measures, as whole processes (Python start-up included):

  stock cold    `mkdocs build` of a stock Material site (zh, search plugin + jieba,
                navigation.prune) whose docs are the Markdown pages wenku generated
                for the same corpus: the same text, as pre-made Markdown
  cold          `mkdocs build` of the wenku project with no .wenku/ cache and no site/
  warm          `mkdocs build` again, nothing changed
  1 changed     `mkdocs build` after appending a sentence to one report
  1 added       `mkdocs build` after adding a new report file
  1 removed     `mkdocs build` after deleting that file again
  serve: …      under `mkdocs serve`, seconds from saving the file to the changed page
                (or the new page, or a 404 for the removed one) being served, found by
                polling its URL (bench_serve.py); --serve-up-to limits the sizes

Stock and wenku cold builds alternate (stock, wenku, stock, wenku …) so both see the
same machine load; every row gives the range over --repeat runs, wall and CPU seconds
(user + system of the process tree: steadier on a shared machine) and the peak
resident memory of the process tree (MkDocs plus its Pagefind and worker processes).

Examples:
  python scripts/dev/bench_site.py --sizes 1000 --repeat 3
  python scripts/dev/bench_site.py --sizes 1000,5000 --repeat 2 --serve-up-to 1000
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench_serve import serve_edits
from make_corpus import make_corpus
from measure import Run, checked, run_measured

ROOT = Path(__file__).resolve().parents[2]
NOT_COPIED = {".git", "site", ".wenku", "source_reports", "tests", "__pycache__", ".pytest_cache",
              ".hypothesis", "test-output", "node_modules", ".venv", "venv"}
MB = 1024 * 1024
STOCK_PLUGINS = [{"search": {"lang": "zh"}}]


def log(message: str) -> None:
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


def copy_project(source: Path, target: Path) -> None:
    target.mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name in NOT_COPIED:
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, target / entry.name)


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without building its !!python/... objects."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def make_stock_site(project: Path, stock: Path) -> None:
    """A stock Material project of wenku's generated pages: mkdocs.yml without the wenku
    plugin and with Material's search (jieba segments Chinese when it is installed)."""
    if stock.exists():
        shutil.rmtree(stock)
    shutil.copytree(project / "docs", stock / "docs")
    shutil.copytree(project / ".wenku" / "pages", stock / "docs", dirs_exist_ok=True)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plugins_at = text.index("\nplugins:")
    end = text.index("\n\n", plugins_at + 1)
    stock_text = text[:plugins_at] + "\n" + yaml.safe_dump({"plugins": STOCK_PLUGINS}) + text[end:]
    (stock / "mkdocs.yml").write_text(stock_text, encoding="utf-8")


def mkdocs(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def report_files(project: Path) -> list[Path]:
    return sorted((project / "source_reports").glob("*.txt"))


def utf8_report(project: Path) -> Path:
    files = report_files(project)
    for path in files[len(files) // 2:] + files:
        try:
            path.read_bytes().decode("utf-8")
            return path
        except UnicodeDecodeError:
            continue
    raise SystemExit("no UTF-8 report in the corpus")


def append_sentence(path: Path, stamp: str) -> str:
    marker = f"补充说明{stamp}"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{marker}：本报告于今日修订，X处文字有调整。\n")
    return marker


def fmt_range(values: list[float]) -> str:
    if not values:
        return "–"
    low, high = min(values), max(values)
    return f"{low:.1f}" if abs(high - low) < 0.05 else f"{low:.1f}–{high:.1f}"


def row(label: str, runs: list[Run], stock: list[Run] | None = None) -> str:
    walls, cpus = [r.seconds for r in runs], [r.cpu for r in runs]
    ratio = "–"
    if stock:
        best_stock = min(r.seconds for r in stock)
        ratio = f"{min(walls) / best_stock:.2f}–{max(walls) / best_stock:.2f}"
    peak = max(r.peak_mb for r in runs) if runs else 0
    return f"| {label} | {fmt_range(walls)} | {fmt_range(cpus)} | {ratio} | {peak:,.0f} |"


def measure(n: int, work: Path, seed: int, repeat: int, source: Path, serve: bool, stock_too: bool) -> list[str]:
    project, stock = work / f"n{n}", work / f"stock{n}"
    if project.exists():
        shutil.rmtree(project)
    copy_project(source, project)
    make_corpus(n, project / "source_reports", seed=seed)
    log(f"N={n}: corpus in {project}")
    build = mkdocs("build")
    def cold() -> Run:
        shutil.rmtree(project / ".wenku", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        run = checked(run_measured(build, project), f"cold build N={n}")
        log(f"N={n}: wenku cold {run.seconds:.1f} s (CPU {run.cpu:.1f} s), peak {run.peak_mb:.0f} MB")
        return run

    colds, stocks = [cold()], []
    if stock_too:
        make_stock_site(project, stock)
    for attempt in range(repeat):  # stock and wenku alternate
        if stock_too:
            stocks.append(checked(run_measured(build, stock), f"stock build N={n}"))
            log(f"N={n}: stock cold {stocks[-1].seconds:.1f} s (CPU {stocks[-1].cpu:.1f} s)")
        if attempt + 1 < repeat:
            colds.append(cold())
    warm, changed, added, removed = [], [], [], []
    for attempt in range(repeat):
        warm.append(checked(run_measured(build, project), "warm build"))
        append_sentence(utf8_report(project), f"{attempt}-{time.time_ns()}")
        changed.append(checked(run_measured(build, project), "build after one change"))
        new = project / "source_reports" / f"新增报告{attempt}.txt"
        new.write_bytes(utf8_report(project).read_bytes() + f"\n新增{time.time_ns()}。\n".encode())
        added.append(checked(run_measured(build, project), "build after one added"))
        new.unlink()
        removed.append(checked(run_measured(build, project), "build after one removed"))
        log(f"N={n}: warm {warm[-1].seconds:.1f}, changed {changed[-1].seconds:.1f}, "
            f"added {added[-1].seconds:.1f}, removed {removed[-1].seconds:.1f} s")
    rows = []
    if stocks:
        rows.append(row(f"{n:,} | stock Material, cold", stocks))
    rows.append(row(f"{n:,} | wenku, cold", colds, stocks))
    for label, runs in (("warm", warm), ("1 changed", changed), ("1 added", added), ("1 removed", removed)):
        rows.append(row(f"{n:,} | wenku, {label}", runs, stocks))
    if serve:
        for label, seconds in serve_edits(project, repeat, append_sentence, utf8_report, log).items():
            rows.append(f"| {n:,} | wenku serve, {label}: saved → page served | {fmt_range(seconds)} | – | – | – |")
    return rows


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000", metavar="N,N,…", help="corpus sizes (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=2, metavar="R", help="runs of each measurement (default 2)")
    parser.add_argument("--serve-up-to", type=int, default=1000, metavar="N",
                        help="measure `mkdocs serve` for sizes up to N (default 1000; 0: never)")
    parser.add_argument("--stock-up-to", type=int, default=1000, metavar="N",
                        help="build the stock Material site for sizes up to N (default 1000)")
    parser.add_argument("--work", type=Path, metavar="DIR", help="where projects are built (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    parser.add_argument("--project", type=Path, default=ROOT, metavar="DIR", help="the wenku project to measure")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas, not {args.sizes!r}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="wenku-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    lines = ["| N | what | wall s | CPU s | wall ÷ stock cold | peak MB |", "|---|---|---|---|---|---|"]
    try:
        for n in args.sizes:
            lines += measure(n, work, args.seed, args.repeat, args.project, n <= args.serve_up_to,
                             n <= args.stock_up_to)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    print(f"\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end; "
          f"python {sys.version.split()[0]}; seed {args.seed}; {args.repeat} runs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
