"""Text of rendered HTML, for fidelity checks: what a reader sees, minus what wenku adds."""

from __future__ import annotations

from html.parser import HTMLParser


class _TextExtractor(HTMLParser):
    """Collects text, skipping <script>/<style> and elements whose class starts with wk-meta/wk-added."""

    SKIP_TAGS = {"script", "style"}

    def __init__(self, skip_classes: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        skipping = (self.stack[-1][1] if self.stack else False) or tag in self.SKIP_TAGS or any(
            c.startswith(self.skip_classes) for c in classes)
        if tag not in VOID:
            self.stack.append((tag, skipping))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def html_text(html: str, skip_classes: tuple[str, ...] = ("wk-meta", "wk-added")) -> str:
    parser = _TextExtractor(skip_classes)
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def html_tags(html: str) -> list[str]:
    parser = _TextExtractor(())
    parser.feed(html)
    return parser.tags


def visible_chars(text: str) -> str:
    return "".join(text.split())
