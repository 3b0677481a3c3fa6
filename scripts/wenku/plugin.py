"""The MkDocs plugin (`plugins: - wenku` in mkdocs.yml): `mkdocs build` and `mkdocs serve` regenerate every report page.

on_config runs the pipeline (source_reports/ → .wenku/pages/) and writes the search index
(→ .wenku/search/pagefind/); on_files adds the generated pages, the originals and the index
files to the site. Both live outside docs/, so under `mkdocs serve` writing them does not
trigger another rebuild; on_serve watches the reports folder instead. Registered under the
`mkdocs.plugins` entry point, so ProperDocs loads it the same way.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from wenku import messages
from wenku.config import Settings, WenkuConfig, settings_for
from wenku.errors import WenkuError
from wenku.model import Level, Problem
from wenku.pages import orientation
from wenku.pages import paths as site_paths
from wenku.pages.originals import original_files
from wenku.pages.paths import report_page
from wenku.pipeline import build
from wenku.progress import Progress
from wenku.search.bundle import bundle_files, write_bundle

log = logging.getLogger("mkdocs.plugins.wenku")


class WenkuPlugin(BasePlugin[WenkuConfig]):
    """Per-build state lives on the instance; on_config starts it afresh for every build."""

    def __init__(self):
        self.settings: Settings | None = None
        self.problems: list[Problem] = []
        self.started = 0.0
        self.page_progress: tuple[Progress, Progress] | None = None
        self.files: Files | None = None
        self.nav_pages: dict = {}  # source path → the navigation's Page, for the top-level entries
        self.marked = None  # the navigation entry marked active for the page being rendered

    def on_config(self, config):
        self.settings = settings_for(Path(config.config_file_path).resolve().parent, self.config)
        self.started = time.monotonic()
        self.page_progress = None
        progress = Progress("篇报告已处理", 0, log.info, started=self.started,
                            shown_from=self.settings.progress_from)
        try:
            result = build(self.settings, config.markdown_extensions, progress=progress.update)
        except WenkuError as err:
            raise PluginError(f"wenku: {Level.ERROR.label} {err}") from None
        for problem, count in messages.collapsed(result.problems):  # WARNING lines: --strict fails on them
            (log.info if problem.level == Level.NOTE else log.warning)(messages.PREFIX + messages.line(problem, count))
        self.problems = result.problems
        log.info(f"wenku: {len(result.reports)} 篇报告（转换 {result.converted} 篇，"
                 f"未变 {len(result.reports) - result.converted} 篇），写入 {len(result.written)} 页，"
                 f"删除 {len(result.removed)} 页，{result.seconds:.1f} s")
        try:
            self._write_search_index(result, config)
        except WenkuError as err:
            raise PluginError(f"wenku: {Level.ERROR.label} {err}") from None
        return config

    def _write_search_index(self, result, config) -> None:
        def url_of(report) -> str:  # the report page's URL as MkDocs will make it
            return File(report_page(report.slug), src_dir=None, dest_dir=config.site_dir,
                        use_directory_urls=config.use_directory_urls).url

        bundle = write_bundle(result.reports, self.settings.search_dir, url_of, result.segmenter)
        state = "未变" if bundle.reused else f"{bundle.words} 个词"
        log.info(f"wenku: 搜索索引 {bundle.records} 篇报告（{state}），{bundle.seconds:.1f} s")

    def on_files(self, files: Files, config) -> Files:
        pages_dir = self.settings.pages_dir
        for path in sorted(pages_dir.rglob("*.md")):
            rel = path.relative_to(pages_dir).as_posix()
            if files.get_file_from_path(rel):
                log.warning(f"wenku: {Level.WARNING.label} docs/{rel}：与生成的页面同名，未发布；"
                            f"请改名或删除 docs/{rel}")
                continue
            files.append(File(rel, src_dir=str(pages_dir), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        for uri, source in original_files(self.settings.reports_dir, pages_dir, self.settings.max_report_bytes):
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        search_dir = self.settings.search_dir
        for rel in bundle_files(search_dir):
            files.append(File(rel, src_dir=str(search_dir), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        return files

    @event_priority(-100)  # after every plugin has added its files
    def on_nav(self, nav, config, files: Files):
        self.files = files
        self.nav_pages = {item.file.src_uri: item for item in nav.items if item.is_page}
        total = len(files.documentation_pages())
        shown_from = self.settings.progress_from
        self.page_progress = (Progress("页已转为 HTML", total, log.info, started=self.started,
                                       shown_from=shown_from),
                              Progress("页已写入网站", total, log.info, started=self.started,
                                       shown_from=shown_from))
        return nav

    def on_page_content(self, html: str, page, config, files):
        if self.page_progress:
            self.page_progress[0].step()
        return html

    def on_page_context(self, context, page, config, nav):
        """Orientation for generated pages, which are not in the navigation: mark their section's
        tab and navigation entry, and give partials/path.html the trail to them."""
        src = page.file.src_uri
        section = self.nav_pages.get(orientation.section_of(src) or "")
        if section is not None and section is not page:
            section.active = True
            self.marked = section
        context["wk_trail"] = orientation.trail(src, page.meta.get("year"), self._title_and_url)
        context["wk_footer"] = [link for link in (self._title_and_url(site_paths.ABOUT),
                                                  ("文件检查", self._url(site_paths.CHECKS))) if link and link[1]]
        return context

    def _url(self, src: str) -> str:
        found = self.files.get_file_from_path(src) if self.files else None
        return found.url if found else ""

    def _title_and_url(self, src: str) -> tuple[str, str] | None:
        item = self.nav_pages.get(src)
        if item is not None:
            return item.title, item.url
        found = self.files.get_file_from_path(src) if self.files else None
        if found is None or found.page is None:
            return None
        return found.page.title or "", found.url

    def on_post_page(self, output: str, page, config):
        if self.marked is not None:
            self.marked.active = False
            self.marked = None
        if self.page_progress:
            self.page_progress[1].step()
        return output

    def on_post_build(self, config) -> None:
        """Repeat every warning at the end, where it is seen (info level: each was already counted once)."""
        if any(p.level != Level.NOTE for p in self.problems):
            log.info(messages.summary(self.problems))

    def on_serve(self, server, config, builder):
        """Rebuild when a report is added, edited or removed, or a vocabulary file changes."""
        if self.settings and self.settings.reports_dir.is_dir():
            server.watch(str(self.settings.reports_dir))
        for path in self.settings.vocabulary_files if self.settings else ():
            server.watch(str(path))
        return server
