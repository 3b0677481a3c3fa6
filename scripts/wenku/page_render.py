"""How MkDocs renders wenku's generated pages: quickly, and not at all when nothing changed.

A generated page's `Page.render` is replaced (per instance, in on_pre_page) by
`quick_render`: quickhtml converts wenku's Markdown subset, MkDocs' own link
processor resolves and checks every link, and Python-Markdown is used only for a
page quickhtml declines. A page whose source and build environment are the same
as at its last build is not rendered at all: `restore` puts the cached page in
place (pagecache.py) and the one-line template `CACHED_TEMPLATE` writes it out.
Its links are checked again against this build's files (`check_links`), so a
missing target or anchor still warns, and `mkdocs build --strict` still fails.

This relies on MkDocs 1.6's Page attributes (content, toc, present_anchor_ids,
links_to_anchors, _title_from_render), pinned in requirements.txt.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote

import jinja2
from markdown.extensions.toc import slugify as markdown_slugify
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from wenku.pagecache import CachedPage
from wenku.pages import quickhtml

CACHED_TEMPLATE = "wenku-cached.html"
# What quickhtml reproduces; with any other extension or toc option, Python-Markdown renders.
QUICK_EXTENSIONS = {"toc", "tables", "fenced_code", "attr_list", "md_in_html"}
QUICK_TOC_OPTIONS = {"slugify", "permalink"}
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]*>")


def quick_slugify(config):
    """The toc slugify mkdocs.yml configures, or None when quickhtml cannot stand in for Markdown."""
    names = {ext if isinstance(ext, str) else type(ext).__module__ for ext in config.markdown_extensions}
    names = {name.removeprefix("markdown.extensions.") for name in names}
    toc = (config.mdx_configs or {}).get("toc", {})
    if not names <= QUICK_EXTENSIONS or not set(toc) <= QUICK_TOC_OPTIONS or toc.get("permalink", False):
        return None
    return toc.get("slugify", markdown_slugify)


class Links:
    """MkDocs' link resolution for one build, remembered: wenku's pages repeat the same links
    (a listing's hundred report links, every report's year and theme links), and a link's
    result depends only on the folder of the page it is on, unless it points to that page."""

    def __init__(self, config, files):
        self.config, self.files = config, files
        self.known: dict[tuple[str, str, str], tuple[str, object]] = {}
        self.unresolved: set[str] = set()  # pages with a link MkDocs warned about, or that Python-Markdown rendered

    def resolver(self, page: Page) -> Callable[[str], str]:
        processor = _RelativePathTreeprocessor(page.file, self.files, self.config)
        src_dir, url_dir = posixpath.dirname(page.file.src_uri), posixpath.dirname(page.file.url.rstrip("/"))

        def resolve(url: str) -> str:
            path, _, anchor = url.partition("#")  # remembered without the anchor: digests link to 1000s of them
            key = (src_dir, url_dir, path)
            known = self.known.get(key) if "?" not in path else None
            if known is None:
                result = processor.path_to_url(url)
                target = self.files.get_file_from_path(posixpath.normpath(posixpath.join(src_dir, unquote(path))))
                if target is None or "?" in path or target.inclusion.is_excluded():
                    self.unresolved.add(page.file.src_uri)
                    return result  # a warning: not remembered
                if target is page.file or not path:
                    return result  # a link to this page: not remembered
                self.known[key] = (result.partition("#")[0], target)
                return result
            result, target = known
            if anchor:
                processor.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
                return f"{result}#{anchor}"
            return result

        resolve.processor = processor
        return resolve


def quick_render(page: Page, config, files, slugify, links_memo: Links, memo: quickhtml.BlockMemo | None = None
                 ) -> tuple[list[str], list[dict]]:
    """Render `page` like Page.render does; returns its links and toc tokens (for the cache).
    `memo`: the page's blocks converted before."""
    resolve = links_memo.resolver(page)
    resolver = resolve.processor
    links: list[str] = []

    def link(url: str) -> str:
        links.append(url)
        return resolve(url)

    converted = quickhtml.convert(page.markdown, link, slugify, memo)
    if converted is None:
        links_memo.unresolved.add(page.file.src_uri)
        return markdown_render(page, config, files)
    page.content = converted.html
    page.toc = get_toc(converted.toc)
    first = H1.match(converted.html)
    page._title_from_render = html.unescape(TAG.sub("", first.group(1))) if first else None
    page.present_anchor_ids = converted.ids
    page.links_to_anchors = resolver.links_to_anchors
    return links, converted.toc


def markdown_render(page: Page, config, files) -> tuple[list[str], list[dict]]:
    """Page.render (Python-Markdown, for a page quickhtml declines), with the links MkDocs resolved in it."""
    links: list[str] = []
    resolve = _RelativePathTreeprocessor.path_to_url

    def recorded(processor, url: str) -> str:
        links.append(url)
        return resolve(processor, url)

    _RelativePathTreeprocessor.path_to_url = recorded  # pages are rendered one at a time, in one thread
    try:
        Page.render(page, config, files)
    finally:
        _RelativePathTreeprocessor.path_to_url = resolve
    return links, _tokens(page.toc)


def _tokens(links) -> list[dict]:
    """A table of contents back as the toc tokens it was made from (mkdocs.structure.toc.get_toc)."""
    return [{"level": link.level, "id": link.id, "name": link.title, "children": _tokens(link.children)}
            for link in links]


PLACEHOLDER = "<!-- wenku: unchanged page, put into the site from the page cache -->"


def restore(page: Page, cached: CachedPage, config, files) -> None:
    """The cached page in place of reading and rendering its source. What MkDocs then writes
    is a placeholder, to a path that discards it (the plugin's on_pre_page); the plugin puts
    the page itself into the site after the build (sitefiles.PreviousSite)."""
    page.markdown = ""
    page.meta = {"title": cached.title, "template": CACHED_TEMPLATE} if cached.title else {"template": CACHED_TEMPLATE}
    page.content = PLACEHOLDER
    page.toc = get_toc(cached.toc)
    page._title_from_render = cached.title
    page.present_anchor_ids = set(cached.ids)
    page.links_to_anchors = check_links(page, cached.links, config, files)


def check_links(page: Page, links: list[str], config, files, paths: dict | None = None,
                unresolved: list[str] | None = None) -> dict:
    """The links of a cached page checked against this build's files; a link whose target
    is gone goes through MkDocs' own resolution, which warns as it would in a full build
    (and is added to `unresolved`). `paths` remembers (folder, link) → file path across the pages checked."""
    anchors: dict = {}
    resolver = None
    by_uri = files.src_uris
    paths = {} if paths is None else paths
    base = posixpath.dirname(page.file.src_uri)
    for url in links:
        path, _, anchor = url.partition("#")
        if not path:
            target = page.file
        else:
            uri = paths.get((base, path))
            if uri is None:
                uri = paths[(base, path)] = posixpath.normpath(posixpath.join(base, unquote(path)))
            target = by_uri.get(uri)
        if target is None or "?" in path or target.inclusion.is_excluded():
            if unresolved is not None:
                unresolved.append(url)
            resolver = resolver or _RelativePathTreeprocessor(page.file, files, config)
            resolver.path_to_url(url)
            anchors = _merge(anchors, resolver.links_to_anchors)
        elif anchor:
            anchors.setdefault(target, {}).setdefault(anchor, url)
    return anchors


def _merge(first: dict, second: dict) -> dict:
    for target, links in second.items():
        for anchor, url in links.items():
            first.setdefault(target, {}).setdefault(anchor, url)
    return first


def with_cached_template(env: jinja2.Environment) -> jinja2.Environment:
    """The theme's templates plus the one that writes out a cached page as it is."""
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED_TEMPLATE: "{{ page.content }}"}), env.loader])
    return env
