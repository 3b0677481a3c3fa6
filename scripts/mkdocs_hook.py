"""MkDocs hook: `mkdocs build` / `mkdocs serve` regenerate every report page.

on_config runs the wenku pipeline (source_reports/ → .wenku/pages/) and writes
the search index (→ .wenku/search/pagefind/); on_files adds the generated pages
and the index files to the site. Both live outside docs/, so under `mkdocs
serve` writing them does not trigger another rebuild; mkdocs.yml watches
source_reports/ instead.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wenku import config as wenku_config  # noqa: E402
from wenku.originals import original_files  # noqa: E402
from wenku.pipeline import build  # noqa: E402
from wenku.progress import Progress  # noqa: E402
from wenku.search import SearchIndexError, bundle_files, write_bundle  # noqa: E402
from wenku.site_paths import report_page  # noqa: E402

log = logging.getLogger("mkdocs.hooks.wenku")
# State of one build lives on its config object, so under `mkdocs serve` each build starts afresh.
PROBLEMS_KEY = "wenku_problems"  # this build's problems, for the summary in on_post_build
STARTED_KEY = "wenku_build_started"
PROGRESS_KEY = "wenku_page_progress"


def _paths(config) -> dict[str, Path]:
    return wenku_config.project_paths(Path(config.config_file_path).resolve().parent)


def on_config(config):
    paths = _paths(config)
    config[STARTED_KEY] = time.monotonic()
    progress = Progress("reports processed", 0, log.info, started=config[STARTED_KEY])
    try:
        result = build(paths["reports"], paths["pages"], config.markdown_extensions,
                       cache_dir=paths["cache"], progress=progress.update)
    except (FileNotFoundError, ValueError) as err:
        raise PluginError(f"wenku: {err}") from None
    for problem in result.problems:
        (log.info if problem.level == "note" else log.warning)(f"wenku: {problem}")
    config[PROBLEMS_KEY] = result.problems
    log.info(f"wenku: {len(result.reports)} reports ({result.converted} converted, "
             f"{len(result.reports) - result.converted} unchanged), {len(result.written)} pages written, "
             f"{len(result.removed)} removed, {result.seconds:.1f} s")
    _write_search_index(result.reports, config, paths["search"])
    return config


def _write_search_index(reports, config, folder: Path) -> None:
    def url_of(report) -> str:  # the report page's URL as MkDocs will make it
        return File(report_page(report.slug), src_dir=None, dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls).url

    try:
        bundle = write_bundle(reports, folder, url_of)
    except SearchIndexError as err:
        raise PluginError(f"wenku: {err}") from None
    state = "unchanged" if bundle.reused else f"{bundle.words} words"
    log.info(f"wenku: search index of {bundle.records} reports ({state}), {bundle.seconds:.1f} s")


def on_files(files: Files, config) -> Files:
    paths = _paths(config)
    pages_dir = paths["pages"]
    for path in sorted(pages_dir.rglob("*.md")):
        rel = path.relative_to(pages_dir).as_posix()
        if files.get_file_from_path(rel):
            log.warning(f"wenku: docs/{rel} has the same path as a generated page; rename or remove docs/{rel}")
            continue
        files.append(File(rel, src_dir=str(pages_dir), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    for uri, source in original_files(paths["reports"], pages_dir):
        files.append(File.generated(config, uri, abs_src_path=str(source)))
    search_dir = paths["search"]
    for rel in bundle_files(search_dir):
        files.append(File(rel, src_dir=str(search_dir), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


@event_priority(-100)  # after every plugin has added its files
def on_nav(nav, config, files: Files):
    total = len(files.documentation_pages())
    started = config.get(STARTED_KEY)
    config[PROGRESS_KEY] = (Progress("pages converted to HTML", total, log.info, started=started),
                            Progress("pages written to the site", total, log.info, started=started))
    return nav


def on_page_content(html: str, page, config, files):
    if PROGRESS_KEY in config:
        config[PROGRESS_KEY][0].step()
    return html


def on_post_page(output: str, page, config):
    if PROGRESS_KEY in config:
        config[PROGRESS_KEY][1].step()
    return output


def on_post_build(config) -> None:
    """Repeat every warning at the end, where it is seen (info level: each was already counted once)."""
    problems = [p for p in config.get(PROBLEMS_KEY) or [] if p.level != "note"]
    if not problems:
        return
    lines = "\n".join(f"  - {p.level}: {p}" for p in problems)
    log.info(f"wenku: {len(problems)} report file(s) need attention (the others were built):\n{lines}")
