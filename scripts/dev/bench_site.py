#!/usr/bin/env python3
"""Measure how wenku scales: raw reports → complete site with `mkdocs build`.

For each N it makes a synthetic corpus (scripts/dev/make_corpus.py), copies the
project next to it and measures, printing one Markdown table at the end:

  convert     the conversion step alone (wenku build --no-cache,
              a separate process: read, clean, structure, tag, render, write)
  cold        `mkdocs build` from raw reports with an empty .wenku/ cache, and
              in brackets the CPU seconds it used (less sensitive to a busy machine)
  hook        the part of the cold build spent in wenku's hook (from its log)
  peak MB     peak resident memory of the cold build's process tree
  warm        `mkdocs build` again, nothing changed
  1 changed   `mkdocs build` after changing one report's text, and in
              brackets the hook's time for it (the one report re-converted)
  site MB     size of site/
  search      what the site ships for search: site/search/search_index.json
              (Material's lunr index) and/or site/pagefind/ (Pagefind)

Variants: "site" is mkdocs.yml as it is; "no search" is the same site with any
plugin named `search` removed (an inherited config written next to mkdocs.yml),
to show what Material's built-in search costs.

Timings are wall-clock seconds of whole processes (Python start-up included).
On a shared machine, run it when the machine is quiet, use --repeat 3 (the
fastest run is kept) and say so.

Examples:
  python scripts/dev/bench_site.py                        # N = 100, 1000, 5000
  python scripts/dev/bench_site.py --sizes 100,1000 --variants site
  python scripts/dev/bench_site.py --sizes 1000 --keep --work /tmp/bench
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from make_corpus import make_corpus
from measure import Run, checked, run_measured

ROOT = Path(__file__).resolve().parents[2]
NOT_COPIED = {".git", "site", ".wenku", "source_reports", "tests", "__pycache__", ".pytest_cache",
              ".hypothesis", "test-output", "node_modules", ".venv", "venv"}
VARIANTS = ("site", "nosearch")
MB = 1024 * 1024


@dataclass
class Row:
    n: int
    variant: str
    corpus_mb: float = 0.0
    convert: float | None = None
    cold: Run | None = None
    warm: Run | None = None
    changed: Run | None = None
    site_mb: float = 0.0
    search: dict[str, float] = field(default_factory=dict)


# -- the project copy ------------------------------------------------------------------------------

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


def write_variant_config(project: Path, variant: str) -> str:
    """The config file for a variant: mkdocs.yml itself, or one inheriting it without `search`."""
    if variant == "site":
        return "mkdocs.yml"
    with (project / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_AnyTagLoader) or {}
    plugins = config.get("plugins", ["search"])  # MkDocs' default when the key is absent
    items = list(plugins.items()) if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins]
    kept = [{name: options} if options else name for name, options in items
            if name.split("/")[-1] != "search"]
    name = "mkdocs.nosearch.yml"
    text = yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": kept}, allow_unicode=True, sort_keys=False)
    (project / name).write_text(text, encoding="utf-8")
    return name


def folder_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / MB
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MB if path.is_dir() else 0.0


def search_sizes(site: Path) -> dict[str, float]:
    sizes = {}
    for label, rel in (("lunr", "search/search_index.json"), ("pagefind", "pagefind")):
        if (site / rel).exists():
            sizes[label] = folder_mb(site / rel)
    return sizes


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def change_one_report(reports: Path, stamp: str) -> None:
    files = sorted(reports.glob("*.txt"))
    victim = next(p for p in files[len(files) // 2:] + files if is_utf8(p.read_bytes()))
    with victim.open("ab") as handle:
        handle.write(f"\n补充说明：本报告于{stamp}修订，X处文字有调整。\n".encode())


# -- one size --------------------------------------------------------------------------------------

def best(runs: list[Run]) -> Run:
    """The fastest of repeated runs (the least disturbed on a shared machine), with the highest peak memory."""
    fastest = min(runs, key=lambda r: r.seconds)
    return Run(fastest.seconds, fastest.cpu, max(r.peak_mb for r in runs), fastest.returncode, fastest.log)


def measure(n: int, variants: list[str], work: Path, seed: int, repeat: int, source: Path) -> list[Row]:
    project = work / f"n{n}"
    if project.exists():
        shutil.rmtree(project)
    copy_project(source, project)
    make_corpus(n, project / "source_reports", seed=seed)
    corpus_mb = folder_mb(project / "source_reports")
    log(f"N={n}: corpus {corpus_mb:.1f} MB in {project}")
    converts = []
    for _ in range(repeat):
        converts.append(checked(run_measured(["wenku", "build", "--no-cache", "-q",
                                              "--out", str(work / f"md{n}")], project), "wenku build"))
        shutil.rmtree(work / f"md{n}", ignore_errors=True)
    convert = best(converts)
    log(f"N={n}: conversion alone {convert.seconds:.1f} s")
    rows = []
    for variant in variants:
        config = write_variant_config(project, variant)
        build = [sys.executable, "-m", "mkdocs", "build", "-f", config]
        row = Row(n, variant, corpus_mb, convert.seconds)
        cold, warm, changed = [], [], []
        for _ in range(repeat):
            shutil.rmtree(project / ".wenku", ignore_errors=True)
            shutil.rmtree(project / "site", ignore_errors=True)
            cold.append(checked(run_measured(build, project), f"cold mkdocs build ({variant}, N={n})"))
            log(f"N={n} {variant}: cold {cold[-1].seconds:.1f} s, peak {cold[-1].peak_mb:.0f} MB")
            row.site_mb = folder_mb(project / "site")
            row.search = search_sizes(project / "site")
            warm.append(checked(run_measured(build, project), f"warm mkdocs build ({variant}, N={n})"))
            change_one_report(project / "source_reports", f"{variant}-{time.time_ns()}")
            changed.append(checked(run_measured(build, project), f"rebuild after one change ({variant}, N={n})"))
            log(f"N={n} {variant}: warm {warm[-1].seconds:.1f} s, one changed {changed[-1].seconds:.1f} s")
        row.cold, row.warm, row.changed = best(cold), best(warm), best(changed)
        rows.append(row)
    return rows


# -- output ----------------------------------------------------------------------------------------

def log(message: str) -> None:
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def hook_text(run: Run | None, expect_converted: int | None = None) -> str:
    parsed = run.hook() if run else None
    if not parsed:
        return "?"
    converted, seconds = parsed
    note = "" if expect_converted is None or converted == expect_converted else f", {converted} converted!"
    return f"{seconds:.2f}{note}"


def search_text(sizes: dict[str, float]) -> str:
    if not sizes:
        return "none"
    return " + ".join(f"{label} {mb:,.1f} MB" for label, mb in sizes.items())


def table(rows: list[Row]) -> str:
    head = ("| N | variant | corpus MB | convert s | cold build s (CPU s) | hook s | peak MB | warm s "
            "| 1 changed s (hook s) | site MB | search index |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        lines.append(
            f"| {r.n:,} | {'site' if r.variant == 'site' else 'no search'} | {fmt(r.corpus_mb)} | {fmt(r.convert)} "
            f"| {fmt(r.cold.seconds)} ({fmt(r.cold.cpu)}) | {hook_text(r.cold)} | {fmt(r.cold.peak_mb, 0)} | {fmt(r.warm.seconds)} "
            f"| {fmt(r.changed.seconds)} ({hook_text(r.changed, 1)}) | {fmt(r.site_mb, 0)} | {search_text(r.search)} |")
    return "\n".join(lines)


def ratios(rows: list[Row]) -> list[str]:
    out = []
    for variant in VARIANTS:
        cold = {r.n: r.cold.seconds for r in rows if r.variant == variant}
        if 1000 in cold and 5000 in cold:
            out.append(f"t(5000)/t(1000) [{variant}] = {cold[5000] / cold[1000]:.2f}")
    return out


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", metavar="N,N,…",
                        help="corpus sizes to measure (default 100,1000,5000)")
    parser.add_argument("--variants", default="site,nosearch", metavar="V,V",
                        help="site (mkdocs.yml as is) and/or nosearch (without the search plugin); default both")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=1, metavar="R",
                        help="measure R times and keep the fastest (default 1; use 3 on a busy machine)")
    parser.add_argument("--work", type=Path, metavar="DIR", help="where projects are built (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (projects, sites) afterwards")
    parser.add_argument("--project", type=Path, default=ROOT, metavar="DIR",
                        help="the wenku project to measure (default: this one), e.g. an export of another branch")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas, not {args.sizes!r}")
    args.variants = [v for v in args.variants.split(",") if v]
    unknown = set(args.variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(sorted(unknown))}; choose from {', '.join(VARIANTS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="wenku-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    try:
        for n in args.sizes:
            rows += measure(n, args.variants, work, args.seed, args.repeat, args.project)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    for line in ratios(rows):
        print(line)
    print(f"\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end; "
          f"python {sys.version.split()[0]}; seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
