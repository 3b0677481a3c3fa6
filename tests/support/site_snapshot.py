"""What a reader gets from a built site, as plain data: per page its article text, outline and links.

tests/golden/seed_site.json holds this snapshot of the seeds' site; tests/site/test_site_snapshot.py
builds the seeds and compares. After an intended change to the pages, write the snapshot again:
`python tests/support/site_snapshot.py site > tests/golden/seed_site.json` (from a fresh `mkdocs build`)
and review the diff like any other golden file.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEADING = re.compile(r"h[1-6]")
# Pages whose content is the archive itself: one report each, plus the lists of reports.
SNAPSHOT_DIRS = ("reports/",)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.outline: list[str] = []
        self.links: list[str] = []
        self._heading: tuple[str, str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and values.get("href") and "headerlink" not in (values.get("class") or ""):
            self.links.append(values["href"])
        if HEADING.fullmatch(tag):
            self._heading = (tag, values.get("id") or "", [])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if self._heading and tag == self._heading[0]:
            level, anchor, parts = self._heading
            self.outline.append(f"{level} #{anchor} {''.join(parts).strip()}")
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._heading:
            self._heading[2].append(data)


def page_snapshot(html: str) -> dict[str, object]:
    match = ARTICLE.search(html)
    reader = _Reader()
    reader.feed(match.group(1) if match else "")
    reader.close()
    return {"text": "".join("".join(reader.text).split()), "outline": reader.outline, "links": reader.links}


def site_snapshot(site: Path) -> dict[str, dict[str, object]]:
    pages = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(SNAPSHOT_DIRS):
            pages[rel] = page_snapshot(path.read_text(encoding="utf-8"))
    return pages


if __name__ == "__main__":
    json.dump(site_snapshot(Path(sys.argv[1] if len(sys.argv) > 1 else "site")), sys.stdout,
              ensure_ascii=False, indent=1, sort_keys=True)
    print()
