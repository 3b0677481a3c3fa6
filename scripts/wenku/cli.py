"""wenku — turn a folder of raw work reports into the pages of the wenku site.

`mkdocs build` (or `mkdocs serve`) runs the whole conversion through the wenku plugin;
this command runs it without MkDocs, to check a folder of reports before publishing it,
or to get only the Markdown. Options come from the `plugins: - wenku:` entry of mkdocs.yml.

Examples:
  wenku build                        # source_reports/ → .wenku/pages/
  wenku build --out /tmp/md          # the Markdown somewhere else
  wenku build --strict               # exit 1 on any warning
  wenku evaluate-tags --errors tune  # precision/recall of the theme tagger on the labelled set

Exit status: 0 published, 1 some report was not published (or, with --strict, has a
warning), 2 the settings are wrong (the message says which and what to do).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from wenku import evaluate, messages
from wenku.config import WenkuConfig, default_options, settings_for
from wenku.errors import WenkuError
from wenku.model import Level
from wenku.pipeline import build, tagger_for


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="wenku", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                     help="the site's mkdocs.yml (its wenku options and markdown_extensions); default: ./mkdocs.yml")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("build", help="convert the reports into Markdown pages (no HTML)",
                              description="Convert every report of reports_dir into the site's Markdown pages.")
    run.add_argument("--reports", type=Path, metavar="DIR", help="folder of raw reports; default: reports_dir")
    run.add_argument("--out", type=Path, metavar="DIR", help="where the pages go; default: .wenku/pages/")
    run.add_argument("--no-cache", action="store_true", help="convert every report again, ignoring .wenku/cache/")
    run.add_argument("--strict", action="store_true", help="exit with status 1 if any report has a warning")
    run.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    tags = commands.add_parser("evaluate-tags", help="score the theme tagger against hand labels",
                               description=evaluate.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    tags.add_argument("--labels", type=Path, default=evaluate.LABELS, help="labels file (default: %(default)s)")
    tags.add_argument("--part", choices=evaluate.SPLITS, action="append", default=[],
                      help="report only this part (repeatable; default: both)")
    tags.add_argument("--errors", choices=evaluate.SPLITS, action="append", default=[],
                      help="list each report's extra and missing themes for this part")
    return top


def site_config(config_file: Path):
    """mkdocs.yml loaded and validated as MkDocs does, plugins included."""
    try:
        with config_file.open("rb") as handle:
            return load_config(config_file=handle)
    except OSError as err:
        raise WenkuError(f"{config_file}：无法读取（{err.strerror}）；请在网站文件夹中运行 wenku，"
                         "或用 --config-file 指明 mkdocs.yml") from None
    except ConfigurationError as err:
        raise WenkuError(f"{config_file}：配置有误（{err}）；请改正 mkdocs.yml") from None


def wenku_options(config) -> WenkuConfig:
    plugin = config.plugins.get("wenku")
    return plugin.config if plugin is not None else default_options()


def run_build(args: argparse.Namespace) -> int:
    config = site_config(args.config_file)
    settings = settings_for(args.config_file.resolve().parent, wenku_options(config))
    settings = replace(settings, reports_dir=args.reports or settings.reports_dir,
                       pages_dir=args.out or settings.pages_dir,
                       cache_dir=None if args.no_cache else settings.cache_dir)
    result = build(settings, config.markdown_extensions)
    for problem, count in messages.collapsed(result.problems):
        if problem.level != Level.NOTE or not args.quiet:
            print(messages.line(problem, count), file=sys.stderr)
    if not args.quiet:
        print(f"{len(result.reports)} 篇报告 → {settings.pages_dir}（写入 {len(result.written)} 页，"
              f"删除 {len(result.removed)} 页，转换 {result.converted} 篇，{result.seconds:.1f} s）")
    failed = [p for p in result.problems if p.level == Level.ERROR or (args.strict and p.level == Level.WARNING)]
    return 1 if failed else 0


def run_evaluate(args: argparse.Namespace) -> int:
    root = args.config_file.resolve().parent
    settings = settings_for(root, wenku_options(site_config(args.config_file)))
    tagger = tagger_for(settings)
    results = evaluate.evaluate(args.labels if args.labels.is_absolute() else root / args.labels, tagger, root)
    names = [theme.name for theme in tagger.vocabulary.themes]
    for level, by_split in results.items():
        shown = {split: by_split[split] for split in (args.part or evaluate.SPLITS)}
        print(f"\n{level} level ({'main themes, the chips' if level == 'report' else 'themes of any section'}):")
        print(evaluate.table(shown, names))
        for split, scores in shown.items():
            p, r, f = scores.micro()
            print(f"{level} level, {split}: micro precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}")
        for split in [s for s in args.errors if s in shown]:
            print(f"\nwrong tags, {level} level, {split}:")
            print("\n".join(shown[split].errors) or "none")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run_build(args) if args.command == "build" else run_evaluate(args)
    except WenkuError as err:
        print(f"{Level.ERROR.label}：{err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
