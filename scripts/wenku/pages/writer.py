"""Write generated pages: only those whose content changed, all of them or none."""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, content: str) -> bool:
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def sync_folder(folder: Path, pages: dict[str, str], known: dict[str, str] | None = None
                ) -> tuple[list[str], list[str]]:
    """Make `folder` hold exactly `pages` (relative path → content). Returns (written, removed).
    `known`: what this process last made `folder` hold (under `mkdocs serve`), trusted instead
    of reading the files back.

    Changed pages are first written aside (temporary files); only when all of them are
    written are they swapped in, so a failure (disk full …) leaves the previous pages intact."""
    staged: list[tuple[Path, Path, str]] = []
    known = known or {}
    try:
        for rel, content in sorted(pages.items()):
            path = folder / rel
            if known.get(rel) != content and not _same(path, content):
                staged.append((_write_aside(path, content), path, rel))
    except BaseException:
        for tmp, _, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path, _ in staged:
        os.replace(tmp, path)
    removed = []
    if known:
        for rel in sorted(set(known) - set(pages)):
            (folder / rel).unlink(missing_ok=True)
            removed.append(rel)
    elif folder.is_dir():
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in pages:
                path.unlink()
                removed.append(rel)
    return [rel for _, _, rel in staged], removed


def _same(path: Path, content: str) -> bool:
    try:
        return path.read_bytes() == content.encode("utf-8")
    except OSError:
        return False


def _write_aside(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(content.encode("utf-8"))
    return tmp
