"""Rendered pages kept between builds, so that cost follows change.

An entry holds what MkDocs needs of a rendered page (its final HTML, title, toc,
anchor ids and links) under a key made of the page's source and everything else
its HTML depends on (`environment_digest`): mkdocs.yml, the site URL (serve
rewrites it), the theme's templates and overrides, the nav, the versions of
MkDocs, Material and wenku's code. Pages are not in Material's nav when they are
generated (navigation.prune renders only the active path), so one report's page
does not depend on the other reports' pages except through its own links, which
page_render.check_links checks on every build.

Files: `folder`/index.json (all entries but their HTML) and `folder`/html/<hash>.html;
`folder`/blocks/<hash>.pickle: the converted HTML blocks of one of the largest pages
(quickhtml.BlockMemo), so that a digest page re-renders only the blocks a change touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from wenku.cache import code_fingerprint, package_version
from wenku.pages.quickhtml import Block

INDEX = "index.json"
BLOCKS_DIR = "blocks"
BUILD_FILE = "build.id"  # the build that last put these pages into the site
FORMAT = "2"


@dataclass
class CachedPage:
    key: str
    title: str | None
    toc: list[dict]
    ids: list[str]
    links: list[str]
    html: str = ""  # when put; kept in its own file (html_path), which goes into the site as it is


def nav_paths(nav) -> set[str]:
    """The pages mkdocs.yml's nav lists (its entries: paths, {title: path}, {title: [entries]})."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_paths(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_paths(item) for item in nav))
    return set()


def environment_digest(config) -> str:
    """Everything but the page's own source that goes into a page's HTML."""
    digest = hashlib.sha256(FORMAT.encode())
    for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2"):
        digest.update(f"{name}={package_version(name)}\n".encode())
    digest.update(code_fingerprint().encode())
    digest.update(Path(config.config_file_path).read_bytes())
    digest.update(f"\n{config.site_url}\n{config.use_directory_urls}\n{config.theme.name}\n".encode())
    for folder in config.theme.dirs:
        digest.update(_folder_digest(Path(folder)).encode())
    digest.update(json.dumps(config.nav, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def _folder_digest(folder: Path) -> str:
    """Names and contents of a theme folder's templates (a few hundred small files)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.html")):
        digest.update(f"{path.relative_to(folder)}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def page_key(environment: str, src_uri: str, source: str) -> str:
    return hashlib.sha256(f"{environment}\n{src_uri}\n{source}".encode()).hexdigest()


def _write_page(path: Path, html: str, replaces: Path | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    if replaces is not None and replaces != path:
        replaces.unlink(missing_ok=True)


class PageCache:
    """The entries of one project; `folder` None disables it."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.build_id = ""  # the build that last wrote the site with these pages (sitefiles.MARKER)
        self.entries: dict[str, CachedPage] = self._load() if folder else {}
        self.changed = False
        self.writer: ThreadPoolExecutor | None = None  # page files are written while MkDocs goes on
        self.writes: list[Future] = []
        self.keep_blocks = False  # in memory too (`mkdocs serve`), not only in their files
        self._blocks: dict[str, dict[bytes, Block]] = {}  # page → its blocks, when kept in memory

    def _load(self) -> dict[str, CachedPage]:
        try:
            data = json.loads((self.folder / INDEX).read_text(encoding="utf-8"))
            self.build_id = (self.folder / BUILD_FILE).read_text(encoding="utf-8")
            return {uri: CachedPage(**entry) for uri, entry in data.items()}
        except (OSError, ValueError, TypeError):
            return {}

    def html_path(self, src_uri: str, key: str) -> Path:
        """The page's HTML for `key`: named by it, so that an index older than the files (under
        `mkdocs serve` it is saved once the site is served) never finds another key's page."""
        return self.folder / "html" / f"{hashlib.sha1(src_uri.encode()).hexdigest()}-{key[:20]}.html"

    def get(self, src_uri: str, key: str) -> CachedPage | None:
        entry = self.entries.get(src_uri)
        if entry is None or entry.key != key or not self.html_path(src_uri, key).is_file():
            return None
        return entry

    def put(self, src_uri: str, entry: CachedPage) -> None:
        if self.folder is None:
            return
        self.writer = self.writer or ThreadPoolExecutor(1, thread_name_prefix="wenku-page-cache")
        old = self.entries.get(src_uri)
        self.writes.append(self.writer.submit(_write_page, self.html_path(src_uri, entry.key), entry.html,
                                              self.html_path(src_uri, old.key) if old else None))
        self.entries[src_uri] = CachedPage(entry.key, entry.title, entry.toc, entry.ids, entry.links)
        self.changed = True

    def _blocks_path(self, src_uri: str) -> Path:
        return self.folder / BLOCKS_DIR / f"{hashlib.sha1(src_uri.encode()).hexdigest()}.pickle"

    def blocks(self, src_uri: str) -> dict[bytes, Block]:
        """The page's converted blocks from its last conversion (quickhtml.BlockMemo)."""
        if src_uri in self._blocks or self.folder is None:
            return self._blocks.get(src_uri, {})
        try:
            with self._blocks_path(src_uri).open("rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
            return {}  # none yet, or written by another version: converted again

    def put_blocks(self, src_uri: str, blocks: dict[bytes, Block], before: dict[bytes, Block]) -> None:
        """The page's blocks as this conversion kept them (`before`: those it started from)."""
        if self.keep_blocks:
            self._blocks[src_uri] = blocks
        if self.folder is None or blocks == before:
            return
        path = self._blocks_path(src_uri)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(blocks, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def keep_only(self, src_uris: set[str]) -> None:
        """Forget pages that are no longer generated (a removed or renamed report)."""
        for uri in set(self.entries) - src_uris:
            self.html_path(uri, self.entries.pop(uri).key).unlink(missing_ok=True)
            self.changed = True
            self._blocks.pop(uri, None)
            if self.folder is not None:
                self._blocks_path(uri).unlink(missing_ok=True)

    def save(self, build_id: str) -> None:
        """The pages' files written, and the build that put them into the site; the index
        is `save_index`'s (written right after, or later under `mkdocs serve`)."""
        for write in self.writes:
            write.result()
        self.writes = []
        if self.writer is not None:
            self.writer.shutdown()
            self.writer = None
        if self.folder is None:
            return
        self.build_id = build_id
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_page(self.folder / BUILD_FILE, build_id)

    def save_index(self) -> None:
        if self.folder is None or not self.changed:
            return
        data = {uri: {k: v for k, v in vars(e).items() if k != "html"} for uri, e in self.entries.items()}
        tmp = self.folder / f"{INDEX}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.folder / INDEX)
        self.changed = False
