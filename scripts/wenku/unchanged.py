"""Generated pages unchanged since the last build, taken out of MkDocs' page loop.

MkDocs runs every page through its events, a render and a template at every build,
about 2 ms a page even when the page cache answers (page_render.restore), which
at 1,000 reports is most of an edit's build. An unchanged page that is not in the
navigation is therefore swapped, in on_files, for an `UnchangedFile`: to MkDocs
it is neither a page nor a file to copy, so nothing renders or writes it, yet
links to it resolve as before, and its `page` stand-in carries the anchor ids
other pages' links are checked against. Its own links are checked against this
build's files (`check`, with MkDocs' wording and levels), its cached HTML is put
into the site by the plugin (sitefiles.PreviousSite), and it is added to the
sitemap's pages. Pages in the navigation keep the slower path (MkDocs makes them
nav entries only when they are pages).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from wenku.page_render import check_links
from wenku.pagecache import CachedPage


class UnchangedFile(File):
    """A generated page MkDocs leaves alone: not rendered, not written, still linked to."""

    def __init__(self, file: File, cached: CachedPage, site_url: str | None):
        super().__init__(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                         dest_uri=file.dest_uri, inclusion=file.inclusion)
        self.cached = cached
        self.page = StandIn(self, cached, site_url)

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def is_media_file(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        """Put into the site by the plugin, from the page cache."""


class StandIn:
    """What MkDocs and the templates read of a page that was not rendered this build."""

    is_link = False

    def __init__(self, file: UnchangedFile, cached: CachedPage, site_url: str | None):
        self.file = file
        self.title = cached.title
        self.url = file.url
        self.meta: dict = {}
        self.update_date = get_build_date()
        self.present_anchor_ids = set(cached.ids)
        self.links_to_anchors: dict | None = None
        base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        self.canonical_url = urljoin(base, self.url) if base else None
        self.abs_url = urlsplit(self.canonical_url).path if self.canonical_url else None


def check(unchanged: list[UnchangedFile], config, files, memo: dict | None = None) -> None:
    """Their links against this build's files: a missing target warns as in a full build.
    `memo` (under `mkdocs serve`, kept while the site's files stay the same): the anchors
    each unchanged page links to, for the pages whose every link resolved."""
    paths: dict = {}
    by_uri = files.src_uris
    for file in unchanged:
        known = memo.get((file.src_uri, file.cached.key)) if memo is not None else None
        if known is not None:
            file.page.links_to_anchors = {by_uri[target]: anchors for target, anchors in known.items()}
            continue
        unresolved: list[str] = []
        file.page.links_to_anchors = check_links(file.page, file.cached.links, config, files, paths, unresolved)
        if memo is not None and not unresolved:
            memo[(file.src_uri, file.cached.key)] = anchors_by_uri(file.page.links_to_anchors)


def anchors_by_uri(links_to_anchors: dict | None) -> dict:
    """A page's links_to_anchors by the targets' source paths (File objects are made anew each build)."""
    return {target.src_uri: anchors for target, anchors in (links_to_anchors or {}).items()}


def validate_anchors(unchanged: list[UnchangedFile], config, files) -> None:
    """Their links' anchors, once every rendered page's anchor ids are known (MkDocs' own check)."""
    for file in unchanged:
        Page.validate_anchor_links(file.page, files=files, log_level=config.validation.links.anchors)
