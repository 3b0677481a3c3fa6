#!/usr/bin/env python3
"""Convert raw work reports into the Markdown pages of the wenku site.

`mkdocs build` runs this conversion itself (through scripts/mkdocs_hook.py);
run this script when you want only the Markdown, or to check a folder of
reports before publishing it.

Examples:
  python scripts/build_reports.py                      # source_reports/ → .wenku/pages/
  python scripts/build_reports.py --out /tmp/md        # Markdown somewhere else
  python scripts/build_reports.py --strict             # exit 1 on any warning
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.config import load_config  # noqa: E402

from wenku import config as wenku_config  # noqa: E402
from wenku.pipeline import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    paths = wenku_config.project_paths(ROOT)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=Path, default=paths["reports"], metavar="DIR",
                        help="folder of raw reports (.txt, .docx); default: source_reports/")
    parser.add_argument("--out", type=Path, default=paths["pages"], metavar="DIR",
                        help="where the Markdown pages go; default: .wenku/pages/ (what mkdocs build uses)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", metavar="FILE",
                        help="mkdocs.yml whose markdown_extensions decide the escaping; default: ./mkdocs.yml")
    parser.add_argument("--no-cache", action="store_true", help="convert every report again, ignoring .wenku/cache/")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 if any report has a warning")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    return parser.parse_args(argv)


def markdown_extensions(config_file: Path) -> list[object]:
    with config_file.open("rb") as handle:
        return load_config(config_file=handle).markdown_extensions


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        extensions = markdown_extensions(args.config)
        cache = None if args.no_cache else wenku_config.project_paths(ROOT)["cache"]
        result = build(args.reports, args.out, extensions, cache_dir=cache)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    shown = [p for p in result.problems if p.level != "note" or not args.quiet]
    for problem in shown:
        print(f"{problem.level}: {problem}", file=sys.stderr)
    if not args.quiet:
        print(f"{len(result.reports)} reports → {args.out} ({len(result.written)} pages written, "
              f"{len(result.removed)} removed, {result.converted} converted, {result.seconds:.1f} s)")
    failed = [p for p in result.problems if p.level == "error" or (args.strict and p.level == "warning")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
