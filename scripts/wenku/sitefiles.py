"""Putting folders wenku built into the site: hard links where the file system allows them.

The search bundle is made outside the site (it survives the site folder's cleaning
at every build) and has thousands of files; linking them is several times cheaper
than copying, which counts under `mkdocs serve`, where every edit rebuilds the site.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.structure.files import File


def link_tree(source: Path, target: Path) -> int:
    """Make `target` hold the files of `source` (linked, or copied where links fail). Returns the file count."""
    shutil.rmtree(target, ignore_errors=True)
    count = 0
    can_link = True
    for folder, _, names in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in names:
            src, dst = os.path.join(folder, name), destination / name
            if can_link:
                try:
                    os.link(src, dst)
                except OSError:  # another file system, or one without hard links
                    can_link = False
            if not can_link:
                shutil.copy2(src, dst)
            count += 1
    return count


# Where MkDocs writes an unchanged page's placeholder (a path that discards what is written).
DISCARD = os.devnull if os.name == "posix" else str(Path(tempfile.gettempdir()) / "wenku-discarded.html")
MARKER = ".wenku-site"  # in the site folder: which build wrote it (hidden: MkDocs leaves it alone)


class PreviousSite:
    """The last build's site folder, set aside before MkDocs cleans the site folder, so that
    the pages that did not change are moved back instead of being written again (a rename
    instead of a mkdir and a write per page; the site is always complete, as after a clean
    build). Whatever is left of it is deleted in the background."""

    def __init__(self, site: Path, build_id: str, set_aside: bool = True):
        self.site = site
        self.aside = site.with_name(f".{site.name}.wenku-previous")
        self.usable = False
        self.folders: set[Path] = set()
        if not set_aside:
            return
        shutil.rmtree(self.aside, ignore_errors=True)
        try:
            marker = (site / MARKER).read_text(encoding="utf-8")
            site.rename(self.aside)
            site.mkdir()
            self.usable = marker == build_id
        except OSError:
            pass  # no previous site, another file system: MkDocs cleans the folder as usual

    @classmethod
    def unused(cls, site: Path) -> PreviousSite:
        """For `--dirty` builds, which write into the site folder as it is."""
        return cls(site, "", set_aside=False)

    def place(self, dest_uri: str, cached_html: Path, link: bool = True) -> None:
        """Put the page at `dest_uri` back: its folder from the previous site, or linked from the page cache."""
        target = self.site / dest_uri
        if self.usable and dest_uri.endswith("/index.html"):
            folder = target.parent
            self._make(folder.parent)
            try:
                (self.aside / dest_uri).parent.rename(folder)
                return
            except OSError:
                pass
        self._make(target.parent)
        target.unlink(missing_ok=True)
        try:
            if not link:  # --dirty: MkDocs may write into this file later, which must not reach the cache
                raise OSError
            os.link(cached_html, target)
        except OSError:
            shutil.copyfile(cached_html, target)

    def reuse_static(self, files: Iterable[File]) -> None:
        """Static files (the theme's assets, the original reports: hundreds of files) that are
        the same as their copy in the previous site, by size and modification time, are moved
        back instead of being copied again; a copy gets its source's modification time (also
        when there is no previous site to take from, so that the next build can)."""
        for file in files:
            if file.abs_src_path and not file.is_documentation_page() and type(file).copy_file is File.copy_file:
                file.copy_file = functools.partial(self._copy_file, file, file.copy_file)

    def _copy_file(self, file: File, copy: Callable[[bool], None], dirty: bool = False) -> None:
        source = os.stat(file.abs_src_path)
        target = Path(file.abs_dest_path)
        if self.usable and self._move_back(file.dest_uri, source, target):
            return
        copy(dirty)
        os.utime(target, ns=(source.st_atime_ns, source.st_mtime_ns))

    def _move_back(self, dest_uri: str, source: os.stat_result, target: Path) -> bool:
        try:
            previous = os.stat(self.aside / dest_uri)
            if (previous.st_size, previous.st_mtime_ns) != (source.st_size, source.st_mtime_ns):
                return False
            self._make(target.parent)
            os.rename(self.aside / dest_uri, target)
            return True
        except OSError:
            return False  # not in the previous site

    def keep_folder(self, name: str) -> None:
        """The previous site's top-level folder `name` goes into this site as it was."""
        if self.usable and not (self.site / name).exists():
            try:
                (self.aside / name).rename(self.site / name)
            except OSError:
                pass  # it had none

    def _make(self, folder: Path) -> None:
        if folder not in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)

    def finish(self, build_id: str) -> None:
        (self.site / MARKER).write_text(build_id, encoding="utf-8")
        if self.aside.exists():
            threading.Thread(target=shutil.rmtree, args=(self.aside, True), name="wenku-old-site", daemon=True).start()
