"""MkDocs hook: `mkdocs build` / `mkdocs serve` regenerate every report page.

on_config runs the wenku pipeline (source_reports/ → .wenku/pages/); on_files
adds the generated pages to the site. The pages live outside docs/, so under
`mkdocs serve` writing them does not trigger another rebuild; mkdocs.yml
watches source_reports/ instead.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wenku import config as wenku_config  # noqa: E402
from wenku.pipeline import build  # noqa: E402

log = logging.getLogger("mkdocs.hooks.wenku")
PROBLEMS_KEY = "wenku_problems"  # this build's problems, kept on its config for on_post_build


def _paths(config) -> dict[str, Path]:
    return wenku_config.project_paths(Path(config.config_file_path).resolve().parent)


def _progress_logger():
    started = time.monotonic()
    last = [started]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if total >= wenku_config.PROGRESS_FROM and (now - last[0] >= 5 or done == total):
            last[0] = now
            log.info(f"wenku: {done}/{total} reports, {now - started:.0f} s")

    return progress


def on_config(config):
    paths = _paths(config)
    try:
        result = build(paths["reports"], paths["pages"], config.markdown_extensions,
                       cache_dir=paths["cache"], progress=_progress_logger())
    except (FileNotFoundError, ValueError) as err:
        raise PluginError(f"wenku: {err}") from None
    for problem in result.problems:
        (log.info if problem.level == "note" else log.warning)(f"wenku: {problem}")
    config[PROBLEMS_KEY] = result.problems
    log.info(f"wenku: {len(result.reports)} reports ({result.converted} converted, "
             f"{len(result.reports) - result.converted} unchanged), {len(result.written)} pages written, "
             f"{len(result.removed)} removed, {result.seconds:.1f} s")
    return config


def on_files(files: Files, config) -> Files:
    pages_dir = _paths(config)["pages"]
    for path in sorted(pages_dir.rglob("*.md")):
        rel = path.relative_to(pages_dir).as_posix()
        if files.get_file_from_path(rel):
            log.warning(f"wenku: docs/{rel} has the same path as a generated page; rename or remove docs/{rel}")
            continue
        files.append(File(rel, src_dir=str(pages_dir), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def on_post_build(config) -> None:
    """Repeat every warning at the end, where it is seen (info level: each was already counted once)."""
    problems = [p for p in config.get(PROBLEMS_KEY) or [] if p.level != "note"]
    if not problems:
        return
    lines = "\n".join(f"  - {p.level}: {p}" for p in problems)
    log.info(f"wenku: {len(problems)} report file(s) need attention (the others were built):\n{lines}")
