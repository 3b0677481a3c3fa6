"""The MkDocs plugin (`plugins: - wenku` in mkdocs.yml): `mkdocs build` and `mkdocs serve` regenerate the site.

on_config runs the pipeline (source_reports/ → .wenku/pages/) and starts the search index
(→ .wenku/search/pagefind/, in a process beside the build: search/job.py); on_files adds the
generated pages and the originals to the site. Both live outside docs/, so under `mkdocs serve`
writing them does not trigger another rebuild; on_serve watches the reports folder instead.
Generated pages are rendered by quickhtml, and those unchanged since the last build come from
the page cache instead (page_render.py, pagecache.py, sitefiles.py; outside the nav they never
enter MkDocs' page loop: unchanged.py). on_post_build waits for the search index and links it
into the site; under `mkdocs serve` the index starts then and follows the served page. Registered under the `mkdocs.plugins` entry
point, so ProperDocs loads it the same way; having on_startup, one instance serves every
rebuild of `mkdocs serve` and keeps its caches in memory.
"""

from __future__ import annotations

import gc
import logging
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from wenku import messages, page_render, unchanged
from wenku.background import Background, Later
from wenku.config import Settings, WenkuConfig, settings_for
from wenku.errors import WenkuError
from wenku.model import Level, Problem
from wenku.pagecache import CachedPage, PageCache, environment_digest, nav_paths, page_key
from wenku.pages import orientation
from wenku.pages import paths as site_paths
from wenku.pages.originals import original_files
from wenku.pages.paths import report_page
from wenku.pages.quickhtml import BlockMemo
from wenku.pages.slugs import load_pinyin
from wenku.pipeline import build
from wenku.progress import Progress
from wenku.search.bundle import BUNDLE_DIR, write_bundle
from wenku.search.following import FollowingIndex
from wenku.search.job import SearchJob, light
from wenku.sitefiles import DISCARD, PreviousSite, link_tree
from wenku.unchanged import UnchangedFile

log = logging.getLogger("mkdocs.plugins.wenku")
AFTER_SERVING = 3.0  # seconds without a rebuild after one is served: garbage collected, caches saved, pypinyin loaded
BLOCKS_FROM = 50_000  # characters: a page this long keeps its converted blocks (a digest page: thousands)


class WenkuPlugin(BasePlugin[WenkuConfig]):
    """Per-build state lives on the instance; on_config starts it afresh for every build.
    Having on_startup, the instance is kept across the rebuilds of `mkdocs serve`."""

    def __init__(self):
        self.settings: Settings | None = None
        self.problems: list[Problem] = []
        self.started = 0.0
        self.page_progress: tuple[Progress, Progress] | None = None
        self.sources: dict[str, str] = {}  # generated page path → its Markdown
        self.originals: list[tuple[str, Path]] = []  # (site path, report file) of the published reports
        self.page_cache: PageCache | None = None
        self.page_keys: dict[str, str] = {}
        self.keyed: dict[str, tuple[str, str, str]] = {}  # under serve: page → (environment, source, key) last build
        self.rendered: dict[str, tuple[list[str], list[dict]]] = {}  # page → (links, toc) of this build
        self.reused = 0
        self.dirty = False
        self.serving = False  # under `mkdocs serve`: the page is served before its search index is ready
        self.following = FollowingIndex()  # under serve: each rebuild's search index, after its pages
        self.start_search: Callable[[], Background] | None = None  # under serve: started after the build
        self.report_cache = None  # converted reports, kept in memory across `mkdocs serve` rebuilds
        self.last_pages: dict[str, str] = {}  # under serve: the generated pages as the last rebuild wrote them
        self.save_pieces: Callable[[], None] | None = None  # under serve: done after the site is served
        self.after_serving = Later(AFTER_SERVING)  # under serve: what waits until the site is served
        self.warm_up: Callable[[], object] = lambda: None  # under serve: loads what the next conversion needs
        self.served = False  # under serve: the first build is done
        self.previous: PreviousSite | None = None
        self.placed: list[tuple[str, Path]] = []  # unchanged pages: (site path, cached HTML) to put in place
        self.unchanged: list[UnchangedFile] = []  # unchanged pages outside the nav, out of MkDocs' page loop
        self.checked: dict = {}  # under serve: (page, key) → the anchors it links to (unchanged.check)
        self.checked_for: frozenset[str] = frozenset()  # the site's files `checked` holds for
        self.search: Background | None = None  # the search index, made while MkDocs renders
        self.files: Files | None = None
        self.nav_pages: dict = {}  # source path → the navigation's Page, for the top-level entries
        self.marked = None  # the navigation entry marked active for the page being rendered

    def on_startup(self, command, dirty):
        """Also keeps this instance (and its caches) across `mkdocs serve` rebuilds."""
        self.dirty = dirty
        self.serving = command == "serve"

    def on_pre_build(self, config):
        """Before MkDocs cleans the site folder: set the last build's site aside (sitefiles.py)."""
        self.placed = []
        self.following.rebuild_starts()
        self.previous = None if self.dirty else PreviousSite(Path(config.site_dir), self.page_cache.build_id)

    def on_config(self, config):
        if self.serving:  # the archive stays in memory: the collector's passes over it would slow every rebuild
            self.after_serving.stop()
            gc.disable()  # the garbage is collected once the site is served (on_post_build)
        self.settings = settings_for(Path(config.config_file_path).resolve().parent, self.config)
        self.slugify = page_render.quick_slugify(config)
        self.rendered, self.reused = {}, 0
        if self.page_cache is None or self.page_cache.folder != self.settings.page_cache_dir:
            self.page_cache = PageCache(self.settings.page_cache_dir)
            self.page_cache.keep_blocks = self.serving
        self.started = time.monotonic()
        self.page_progress = None
        progress = Progress("篇报告已处理", 0, log.info, started=self.started,
                            shown_from=self.settings.progress_from)
        try:
            result = build(self.settings, config.markdown_extensions, progress=progress.update, cache=self.report_cache,
                           remember=True, known_pages=self.last_pages, save_pieces=not self.serving)
            self.report_cache = result.cache if self.serving else None  # a build needs its reports no longer
            self.last_pages = result.pages if self.serving else {}
            self.save_pieces = (lambda: result.cache.save_state(result.reports)) if self.serving else None
            if self.serving:  # jieba's dictionary, for the next conversion (holding the segmenter, not the reports)
                segmenter = result.segmenter
                self.warm_up = lambda: segmenter.cut("党建")
            start_search = self._search_index(result, config)
            if self.serving:  # the changed page first: Pagefind starts once the site is written
                self.start_search = start_search
            else:
                self.search = start_search()
        except WenkuError as err:
            raise PluginError(f"wenku: {Level.ERROR.label} {err}") from None
        for problem, count in messages.collapsed(result.problems):  # WARNING lines: --strict fails on them
            (log.info if problem.level == Level.NOTE else log.warning)(messages.PREFIX + messages.line(problem, count))
        self.problems = result.problems
        self.sources = result.pages
        self.originals = original_files(result.reports, self.settings.reports_dir)
        if not self.serving:  # the reports live until the process ends: spare them the collector's passes
            gc.freeze()
        log.info(f"wenku: {len(result.reports)} 篇报告（转换 {result.converted} 篇，"
                 f"未变 {len(result.reports) - result.converted} 篇），写入 {len(result.written)} 页，"
                 f"删除 {len(result.removed)} 页，{result.seconds:.1f} s")
        return config

    def _search_index(self, result, config) -> Callable[[], Background]:
        """What starts the search index (search/job.py): Pagefind runs while MkDocs renders the
        pages, and on_post_build waits for it."""
        urls = {r.slug: File(report_page(r.slug), src_dir=None, dest_dir=config.site_dir,
                             use_directory_urls=config.use_directory_urls).url for r in result.reports}
        search_dir, cache = self.settings.search_dir, result.cache
        if cache.folder is None:  # no report cache for the search process to read the reports from
            return lambda: Background.in_thread(lambda: write_bundle(result.reports, search_dir,
                                                                     lambda r: urls[r.slug], result.segmenter))
        job = SearchJob([light(r) for r in result.reports], urls, search_dir, self.settings.domain_words_file,
                        cache.folder / cache.fingerprint, background=self.serving)
        return lambda: Background.in_process("wenku.search.job", job)

    def _finish_search_index(self, search: Background, config) -> None:
        try:
            bundle = search.result()
        except WenkuError as err:
            raise PluginError(f"wenku: {Level.ERROR.label} {err}") from None
        state = ("未变" if bundle.reused else
                 f"重新索引 {bundle.indexed_shards}/{bundle.shards} 个分片，{bundle.words} 个词")
        log.info(f"wenku: 搜索索引 {bundle.records} 篇报告（{state}），{bundle.seconds:.1f} s")
        link_tree(self.settings.search_dir / BUNDLE_DIR, Path(config.site_dir) / BUNDLE_DIR)

    def _search_index_followed(self, search: Background, config) -> None:
        """Under serve: the search index, made after the site was served, goes into the site."""
        try:
            self._finish_search_index(search, config)
        except PluginError as err:
            log.error(str(err))

    def on_files(self, files: Files, config) -> Files:
        pages_dir = self.settings.pages_dir
        for rel in sorted(self.sources):  # what the pipeline wrote to pages_dir
            if files.get_file_from_path(rel):
                log.warning(f"wenku: {Level.WARNING.label} docs/{rel}：与生成的页面同名，未发布；"
                            f"请改名或删除 docs/{rel}")
                continue
            files.append(File(rel, src_dir=str(pages_dir), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        for uri, source in self.originals:
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        self._take_out_unchanged(files, config)
        return files

    def _take_out_unchanged(self, files: Files, config) -> None:
        """Page keys for this build; unchanged generated pages outside the nav become UnchangedFiles."""
        self.page_cache.keep_only(set(self.sources))
        environment = environment_digest(config)
        known = self.keyed if self.serving else {}
        self.page_keys = {uri: _known_key(known, environment, uri, source) for uri, source in self.sources.items()}
        self.keyed = {uri: (environment, self.sources[uri], key) for uri, key in self.page_keys.items()} \
            if self.serving else {}
        self.sources = {}  # MkDocs reads a page to render from its file; at archive size these are 100s of MB
        in_nav = nav_paths(config.nav)
        self.unchanged = []
        for uri, key in self.page_keys.items():
            file = files.get_file_from_path(uri)
            cached = self.page_cache.get(uri, key) if file is not None and config.nav and uri not in in_nav else None
            if cached is None or not file.abs_src_path.startswith(str(self.settings.pages_dir)):
                continue
            files.remove(file)
            stand_in = UnchangedFile(file, cached, config.site_url)
            files.append(stand_in)
            self.unchanged.append(stand_in)
            self.placed.append((stand_in.dest_uri, self.page_cache.html_path(uri, key)))
        self.reused = len(self.unchanged)

    @event_priority(-100)  # after every plugin has added its files
    def on_nav(self, nav, config, files: Files):
        self.files = files
        self.nav_pages = {item.file.src_uri: item for item in nav.items if item.is_page}
        self.links = page_render.Links(config, files)
        total = len(files.documentation_pages())
        shown_from = self.settings.progress_from
        self.page_progress = (Progress("页已转为 HTML", total, log.info, started=self.started,
                                       shown_from=shown_from),
                              Progress("页已写入网站", total, log.info, started=self.started,
                                       shown_from=shown_from))
        return nav

    @event_priority(100)
    def on_pre_page(self, page, config, files):
        uri = page.file.src_uri
        key = self.page_keys.get(uri) if page.file.abs_src_path.startswith(str(self.settings.pages_dir)) else None
        if key is None:
            return page
        cached = self.page_cache.get(uri, key)
        if cached is not None:
            self.reused += 1
            page.read_source = lambda config: setattr(page, "markdown", "")
            page.render = lambda config, files: page_render.restore(page, cached, config, files)
            self.placed.append((page.file.dest_uri, self.page_cache.html_path(uri, key)))
            page.file.abs_dest_path = DISCARD
        elif self.slugify is not None:
            def render(config, files):
                memo = BlockMemo(self.page_cache.blocks(uri)) if len(page.markdown) >= BLOCKS_FROM else None
                self.rendered[uri] = page_render.quick_render(page, config, files, self.slugify, self.links, memo)
                page.markdown = ""  # MkDocs keeps every page until all are written: at archive size, 100s of MB
                if memo is not None:
                    self.page_cache.put_blocks(uri, memo.kept, memo.blocks)
            page.render = render
        return page

    def on_env(self, env, config, files):
        """The cached-page template, Material's templates compiled once, not at every build, and the
        static files of the last build's site reused."""
        if self.settings.page_cache_dir is not None:
            folder = self.settings.page_cache_dir / "jinja"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        if self.serving:  # the anchors unchanged pages link to stay the same while the site's files do
            uris = frozenset(files.src_uris)
            if uris != self.checked_for:
                self.checked_for, self.checked = uris, {}
        unchanged.check(self.unchanged, config, files, self.checked if self.serving else None)
        if self.previous is not None:  # MkDocs copies the static files next
            self.previous.reuse_static(files)
        return page_render.with_cached_template(env)

    def on_template_context(self, context, template_name, config):
        """The sitemap lists the unchanged pages too."""
        if template_name == "sitemap.xml" and self.unchanged:
            context["pages"] = [*context["pages"], *self.unchanged]
        return context

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

    @event_priority(-100)  # the page as written, after every other plugin
    def on_post_page(self, output: str, page, config):
        if page.file.src_uri in self.page_keys:  # MkDocs keeps every page's source and HTML to the end of the build
            page.markdown = page.content = ""  # (not None: Page.title reads None as "not read yet")
        if self.marked is not None:
            self.marked.active = False
            self.marked = None
        if self.page_progress:
            self.page_progress[1].step()
        done = self.rendered.get(page.file.src_uri)
        if done is not None and self.serving and page.file.src_uri not in self.links.unresolved:
            self.checked[(page.file.src_uri, self.page_keys[page.file.src_uri])] = unchanged.anchors_by_uri(
                page.links_to_anchors)  # for unchanged.check, next time
        if done is not None:
            links, toc = done
            self.page_cache.put(page.file.src_uri, CachedPage(self.page_keys[page.file.src_uri], page.title, toc,
                                                              sorted(page.present_anchor_ids or ()), links, output))
        return output

    def on_post_build(self, config) -> None:
        """Repeat every warning at the end, where it is seen (info level: each was already counted once)."""
        unchanged.validate_anchors(self.unchanged, config, self.files)
        previous = self.previous or PreviousSite.unused(Path(config.site_dir))
        if not self.serving:
            search, self.search = self.search, None
            self._finish_search_index(search, config)
        for dest_uri, html in self.placed:
            previous.place(dest_uri, html, link=not self.dirty)
        build_id = uuid.uuid4().hex
        self.page_cache.save(build_id)
        if self.serving:  # the last search index stays until this build's own is made
            previous.keep_folder(BUNDLE_DIR)
        else:
            self.page_cache.save_index()
        previous.finish(build_id)  # deletes what is left of the previous site
        log.info(f"wenku: {self.reused} 页与上次相同，未重新生成；{len(self.rendered)} 页已生成")
        if any(p.level != Level.NOTE for p in self.problems):
            log.info(messages.summary(self.problems))
        if self.serving:  # the changed page is served now; its search index follows
            self.following.follow(self.start_search, lambda search: self._search_index_followed(search, config))
            self.start_search = None
            if self.served:
                self.after_serving.run(self.save_pieces, self.page_cache.save_index, gc.collect)
            else:  # `mkdocs serve` has started: at once, what the first edit needs (the garbage waits for the next)
                self.after_serving.run(load_pinyin, self.warm_up, self.save_pieces, self.page_cache.save_index,
                                       delay=0)
            self.served = True
        else:
            gc.enable()

    def on_build_error(self, error) -> None:
        if self.serving:
            self.after_serving.run(gc.collect)
        else:
            gc.enable()
        if self.search is not None:
            try:
                self.search.result()  # let it finish (its folder must not be half-written)
            except Exception:  # noqa: S110 - the build already failed; that error is the one reported
                pass
            self.search = None

    def on_shutdown(self) -> None:
        """Python's collector would otherwise walk every object of the archive once more at exit (1–2 s)."""
        self.after_serving.stop()
        if self.serving:  # what the last rebuild keeps for the next process
            if self.save_pieces:
                self.save_pieces()
            if self.page_cache:
                self.page_cache.save_index()
        gc.freeze()

    def on_serve(self, server, config, builder):
        """Rebuild when a report is added, edited or removed, or a vocabulary file changes."""
        if self.settings and self.settings.reports_dir.is_dir():
            server.watch(str(self.settings.reports_dir))
        for path in self.settings.vocabulary_files if self.settings else ():
            server.watch(str(path))
        return server


def _known_key(known: dict[str, tuple[str, str, str]], environment: str, uri: str, source: str) -> str:
    """The page's key, taken from `known` when its source and environment are as they were
    (comparing two strings is much cheaper than hashing one: a rebuild keeps most pages)."""
    last = known.get(uri)
    if last is not None and last[0] == environment and last[1] == source:
        return last[2]
    return page_key(environment, uri, source)
