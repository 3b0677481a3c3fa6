"""Putting folders wenku built into the site: hard links where the file system allows them.

The search bundle is made outside the site (it survives the site folder's cleaning
at every build) and has thousands of files; linking them is several times cheaper
than copying, which counts under `mkdocs serve`, where every edit rebuilds the site.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


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
