"""Write generated pages: only those whose content changed, each atomically."""

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


def sync_folder(folder: Path, pages: dict[str, str]) -> tuple[list[str], list[str]]:
    """Make `folder` hold exactly `pages` (relative path → content). Returns (written, removed)."""
    written = [rel for rel, content in sorted(pages.items()) if write_if_changed(folder / rel, content)]
    removed = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in pages:
                path.unlink()
                removed.append(rel)
    return written, removed
