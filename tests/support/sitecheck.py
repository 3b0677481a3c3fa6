"""Check a built site/: every internal link resolves, every #anchor exists, no page is an orphan.

Used by tests/test_links.py; also runnable: `python tests/sitecheck.py site`.
"""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src")}
# Pages nothing needs to link to: MkDocs' 404 page is served by the web server.
NOT_ORPHANS = {"404.html"}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if (tag, name) in LINK_ATTRS and value is not None:
                self.links.append((tag, value))


@dataclass
class Page:
    ids: set[str]
    links: list[tuple[str, str]]


@dataclass
class SiteReport:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)
    missing_anchors: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


def parse_site(site: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = Page(parser.ids, parser.links)
    return pages


def resolve(site: Path, page: str, url: str) -> tuple[str, str] | None:
    """(site-relative file, fragment) for a link to the site itself, None for other sites/schemes."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    # Root-relative links (MkDocs' 404 page uses them) are relative to the site root: site_url's path is "/".
    target = path.lstrip("/") if path.startswith("/") else (Path(page).parent / path).as_posix() if path else page
    resolved: list[str] = []
    for part in Path(target).parts:
        if part == "..":
            if not resolved:
                return ("<outside the site>/" + target, parts.fragment)
            resolved.pop()
        elif part != ".":
            resolved.append(part)
    rel = "/".join(resolved)
    if not parts.path:
        return page, unquote(parts.fragment)
    if url.split("#")[0].split("?")[0].endswith("/") or (site / rel).is_dir():
        rel = f"{rel}/index.html" if rel else "index.html"
    return rel, unquote(parts.fragment)


def check_site(site: Path) -> SiteReport:
    pages = parse_site(site)
    report = SiteReport(pages=len(pages))
    graph: dict[str, set[str]] = {name: set() for name in pages}
    for name, page in pages.items():
        for tag, url in page.links:
            target = resolve(site, name, url)
            if target is None:
                continue
            report.links += 1
            rel, fragment = target
            if not (site / rel).is_file():
                report.broken.append(f"{name}: <{tag}> {url} → {rel} does not exist")
                continue
            if rel in pages:
                if tag == "a":
                    graph[name].add(rel)
                if fragment and fragment not in pages[rel].ids:
                    report.missing_anchors.append(f"{name}: {url} → no id {fragment!r} in {rel}")
    report.orphans = sorted(set(pages) - reachable(graph, "index.html") - NOT_ORPHANS)
    return report


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for target in graph.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


if __name__ == "__main__":
    result = check_site(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print(f"{result.pages} pages, {result.links} internal links")
    for line in result.broken + result.missing_anchors + [f"orphan: {o}" for o in result.orphans]:
        print(line)
    sys.exit(1 if result.broken or result.missing_anchors or result.orphans else 0)
