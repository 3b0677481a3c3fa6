"""Anchors: the id each block gets on its page, when something links to it.

Headings get the id MkDocs' toc extension would give them (pymdownx.slugs keeps the
Chinese), made unique the same way; a paragraph gets p-N (its 1-based position) when it
has a role (存在问题, 下一步) or when a theme page links to it.
"""

from __future__ import annotations

from collections.abc import Collection

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

from wenku.model import Block, BlockKind

heading_slug = slugify(case="lower")


def block_anchors(blocks: list[Block], linked: Collection[int] = ()) -> list[str]:
    """The anchor of every block ("" for none); `linked` are block indices something links to."""
    used: set[str] = set()
    anchors: list[str] = []
    for index, block in enumerate(blocks):
        number = index + 1
        if block.kind == BlockKind.HEADING:
            anchors.append(unique(heading_slug(block.label, "-") or f"h-{number}", used))
        elif block.roles or index in linked:
            anchors.append(unique(f"p-{number}", used))
        else:
            anchors.append("")
    return anchors
