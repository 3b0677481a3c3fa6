"""Markdown escaping: report text must reach the page exactly as typed.

Which characters are special depends on the Markdown extensions mkdocs.yml
enables, so the escaper is built from that list (`Escaper.for_extensions`).
Special characters become numeric character references (``&#42;``), which no
Markdown inline pattern or block parser reinterprets and every browser shows
as the character itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from wenku.errors import WenkuError


class UnknownExtensionError(WenkuError):
    """mkdocs.yml enables a Markdown extension whose special characters wenku does not escape."""

# Characters Python-Markdown itself treats as syntax anywhere in a line:
# emphasis (* _), code (`), links and images ([ ]), backslash escapes (\),
# raw HTML and autolinks (<), entities (&).
CORE_INLINE = set("\\`*_[]<>&")
# At the start of a paragraph: headings (#), block quotes (>), lists (- + * 1. 1)),
# setext underlines (= -), tables of contents markers ([TOC] is covered by "[").
CORE_LINE_START = set("#>-+=*")
ORDERED_LIST = re.compile(r"^(\d+)([.)])")

# What each extension adds. An extension missing here makes `for_extensions`
# fail, so a new extension in mkdocs.yml cannot silently change report text.
EXTENSION_INLINE: dict[str, set[str]] = {
    "toc": set(),  # the [TOC] marker: "[" is already escaped
    "attr_list": set("{}"),
    "md_in_html": set(),  # only acts on raw HTML, and "<" is escaped
    "tables": set("|"),  # MkDocs always enables tables, fenced_code and toc
    "fenced_code": set("~"),  # ``` is covered by "`"
    "abbr": set(),  # "*[" at line start: "*" and "[" are escaped
    "footnotes": set(),  # "[^": "[" is escaped
    "def_list": set(":"),
    "admonition": set("!"),
    "pymdownx.tilde": set("~"),
    "pymdownx.caret": set("^"),
    "pymdownx.mark": set("="),
}

def extension_name(ext: object) -> str:
    """'markdown.extensions.toc' and 'toc' are the same extension."""
    name = ext if isinstance(ext, str) else type(ext).__module__
    return name.removeprefix("markdown.extensions.")


@dataclass(frozen=True)
class Escaper:
    inline: frozenset[str]
    line_start: frozenset[str]

    @classmethod
    def for_extensions(cls, extensions: list[object]) -> Escaper:
        inline = set(CORE_INLINE)
        for ext in extensions:
            name = extension_name(ext)
            if name not in EXTENSION_INLINE:
                raise UnknownExtensionError(
                    f"mkdocs.yml 启用了 Markdown 扩展 {name!r}，wenku 不知道它把哪些字符当作语法；"
                    "请从 markdown_extensions 中删去它，或把它加入 scripts/wenku/pages/escape.py 的 "
                    "EXTENSION_INLINE（并加测试）")
            inline |= EXTENSION_INLINE[name]
        return cls(frozenset(inline), frozenset(CORE_LINE_START))

    @cached_property
    def _inline_table(self) -> dict[int, str]:
        return {ord(ch): f"&#{ord(ch)};" for ch in self.inline}

    def inline_text(self, text: str) -> str:
        """Escape text that is not at the start of a Markdown block."""
        return text.translate(self._inline_table)

    def block_text(self, text: str) -> str:
        """Escape text that starts a Markdown block (paragraph, heading text)."""
        if not text:
            return text
        number = ORDERED_LIST.match(text)
        if number:
            digits, mark = number.groups()
            return f"{digits}&#{ord(mark)};" + self.inline_text(text[number.end():])
        if text[0] in self.line_start:
            return f"&#{ord(text[0])};" + self.inline_text(text[1:])
        return self.inline_text(text)

    def attribute(self, text: str) -> str:
        """A double-quoted attr_list value."""
        return self.inline_text(text).replace('"', "&quot;")
