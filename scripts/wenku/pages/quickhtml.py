"""wenku's generated Markdown → HTML without Python-Markdown, for the pages wenku writes.

wenku writes a small, regular subset of Markdown (render.py, report_page.py and the
listing pages): ATX headings with an attr_list, paragraphs with a trailing ``{: …}``
line, tight lists nested once, ``**bold**``, links with an optional ``{: …}``,
inline HTML spans, a raw ``<form>`` on one line, and ``markdown``-attributed HTML blocks (md_in_html). Report
text inside it is already escaped (escape.py), so every ``[``, ``*`` or ``<`` left
is wenku's own syntax. Converting that subset directly is ~30× faster than
Python-Markdown, which spent more than half of a cold build on these pages.

`convert` returns None for anything outside the subset (tables, raw HTML blocks,
a construct it does not recognise); the caller then uses Python-Markdown for that
page. tests/pages/test_quickhtml.py checks that both give the same HTML tree and
table of contents on every page wenku generates for the seeds and a synthetic
archive. Links are passed to `link` (MkDocs' own link resolution and checks).

With a `memo`, an HTML block (a ``markdown``-attributed container) or a list converted
before is reused: a digest page holds thousands of them, and one report's edit changes a few. A
remembered block is used only when every link in it resolves as it did (a link to a
removed page must warn again), and never holds a heading (their ids depend on the page).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown.extensions.toc import unique

CONTAINERS = ("div", "details", "aside", "nav", "section")
CONTAINER_OPEN = re.compile(rf"<({'|'.join(CONTAINERS)})((?:\s+[\w-]+(?:=\"[^\"]*\")?)*?)\s+markdown>$")
HEADING = re.compile(r"(#{1,6}) (.*?)(?: \{:? ?([^{}]*?) ?\})?$")
ATTR_LINE = re.compile(r"\{: ?([^{}]*?) ?\}$")
LIST_ITEM = re.compile(r"( {0,4})- (.*)$")
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(([^()\s]*)\)(?:\{: ?([^{}]*?) ?\})?")
BOLD = re.compile(r"\*\*([^*]+)\*\*")
ATTR = re.compile(r"""([#.])([\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")
AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.I)  # one not starting an entity
TAG = re.compile(r"<[^>]*>")
# What the subset never contains: if seen, Python-Markdown converts the page.
INLINE_TAG_START = ("<span", "<strong")  # a paragraph may start with these; other tags make an HTML block
UNSUPPORTED_START = ("|", "    ", "\t", ">", "```", "~~~", "* ", "+ ", "1. ", "===", "---", "[^", "*[")
UNSUPPORTED_INLINE = re.compile(r"`|__|(?<!\*)\*(?!\*)|!\[|\\|<(?:https?|mailto):|  $", re.M)
PENDING = "\x00id"  # stands for a heading's generated id until all ids are known
PENDING_ID = re.compile("\x00id[0-9]+\x00")
SUMMARY = re.compile(r"<summary>[^<>]*</summary>$")
RAW_LINE = re.compile(r"<(form)[ >].*</\1>$")  # a whole raw HTML element on one line (the digest filters)


class Unsupported(Exception):
    """The page holds Markdown outside wenku's subset."""


@dataclass
class Converted:
    html: str
    toc: list[dict]  # Python-Markdown's toc_tokens: level, id, name, children
    ids: set[str] = field(default_factory=set)  # every id on the page (MkDocs' present_anchor_ids)


@dataclass
class Block:
    """A converted HTML block, remembered by a hash of its Markdown (`block_key`)."""
    html: str
    links: list[tuple[str, str]]  # (link as written, as resolved), in order
    ids: list[str]


class BlockMemo:
    """One page's converted blocks by their Markdown, from its last conversion; `kept` is what
    this conversion used or made, the outermost blocks only (what the next one will look up)."""

    def __init__(self, blocks: dict[bytes, Block] | None = None):
        self.blocks = blocks or {}
        self.kept: dict[bytes, Block] = {}
        self._outer: list[dict[bytes, Block]] = []  # `kept` of the blocks being converted, outermost first

    def get(self, key: bytes) -> Block | None:
        found = self.blocks.get(key)
        if found is not None:
            self.kept[key] = found
        return found

    def enter(self) -> None:
        """A block is being converted: what its inner blocks keep is kept only if it cannot be."""
        self._outer.append(self.kept)
        self.kept = {}

    def leave(self, key: bytes, block: Block | None) -> None:
        inner, self.kept = self.kept, self._outer.pop()
        if block is None:
            self.kept.update(inner)
        else:
            self.kept[key] = block


def block_key(lines: list[str]) -> bytes:
    """What a block is remembered by: a hash of its Markdown (the Markdown itself would double the memory)."""
    return hashlib.blake2b("\n".join(lines).encode("utf-8"), digest_size=16).digest()


@dataclass
class _State:
    link: Callable[[str], str]
    slugify: Callable[[str, str], str]
    used_ids: set[str]
    memo: BlockMemo | None = None
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # level, id, name
    texts: list[str] = field(default_factory=list)  # each heading's text, which a generated id is made from
    linked: list[tuple[str, str]] = field(default_factory=list)  # every link so far: (as written, as resolved)
    id_log: list[str] = field(default_factory=list)  # every explicit id so far, in order

    def resolve(self, url: str) -> str:
        href = self.link(url)
        self.linked.append((url, href))
        return href

    def add_id(self, anchor: str) -> None:
        self.used_ids.add(anchor)
        self.id_log.append(anchor)

    def reuse(self, block: Block) -> bool:
        """Put a remembered block's links and ids on this page; False when a link resolves differently now."""
        for url, href in block.links:
            if self.link(url) != href:
                return False
        self.linked.extend(block.links)
        for anchor in block.ids:
            self.add_id(anchor)
        return True


def convert(markdown: str, link: Callable[[str], str], slugify: Callable[[str, str], str],
            memo: BlockMemo | None = None) -> Converted | None:
    """The page body (front matter removed) as HTML, or None when it leaves the subset."""
    state = _State(link, slugify, set(), memo)
    try:
        body = "\n".join(_blocks(markdown.split("\n"), state))
    except Unsupported:
        return None
    # Headings without an id get one from their text, unique among all ids of the page
    # (the toc extension's rule), so they are named once every explicit id is known.
    names = {}
    for number, (level, anchor, name) in enumerate(state.headings):
        if anchor.startswith(PENDING):
            names[anchor] = unique(slugify(html.unescape(state.texts[number]), "-"), state.used_ids)
            state.headings[number] = (level, names[anchor], name)
    if names:
        body = PENDING_ID.sub(lambda m: names[m.group(0)], body)
    return Converted(body, _nest(state.headings), set(state.used_ids))


def _blocks(lines: list[str], state: _State) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        opened = CONTAINER_OPEN.match(line)
        if opened:
            end = _closing(lines, i, opened.group(1))
            out.append(_remembered(lines[i:end + 1], state, lambda block, state, opened=opened:
                                   _container(block, opened, state)))
            i = end + 1
            continue
        if RAW_LINE.match(line) and (i + 1 == len(lines) or not lines[i + 1].strip()):
            out.append(line + "\n")  # Python-Markdown keeps a raw block as it stands
            i += 1
            continue
        if line.startswith("#"):
            out.append(_heading(line, state))
            i += 1
            continue
        if LIST_ITEM.match(line) and not line.startswith(" "):
            end = i
            while end < len(lines) and lines[end].strip() and LIST_ITEM.match(lines[end]):
                end += 1
            out.append(_remembered(lines[i:end], state, _list))
            i = end
            continue
        if line.startswith(UNSUPPORTED_START) or (line.startswith("<") and not line.startswith(INLINE_TAG_START)):
            raise Unsupported(line)
        end = i
        while end < len(lines) and lines[end].strip():
            if end > i and (lines[end].startswith(("#", "- ")) or LIST_ITEM.match(lines[end])):
                raise Unsupported(lines[end])  # a block interrupting a paragraph: leave it to Markdown
            end += 1
        out.append(_paragraph(lines[i:end], state))
        i = end
    return out


def _remembered(lines: list[str], state: _State, convert: Callable[[list[str], _State], str]) -> str:
    """An HTML block or a list: `convert`ed, or as the memo remembers it."""
    if state.memo is None:
        return convert(lines, state)
    key = block_key(lines)
    found = state.memo.get(key)
    if found is not None and state.reuse(found):
        return found.html
    links, ids, headings = len(state.linked), len(state.id_log), len(state.headings)
    state.memo.enter()
    converted = convert(lines, state)
    kept = len(state.headings) == headings  # a heading's id depends on the page: not remembered
    state.memo.leave(key, Block(converted, state.linked[links:], state.id_log[ids:]) if kept else None)
    return converted


def _container(lines: list[str], opened: re.Match, state: _State) -> str:
    """`lines`: the opening tag, the content, the closing tag."""
    tag, inner, head = opened.group(1), lines[1:-1], ""
    if inner and SUMMARY.match(inner[0]) and tag == "details":
        head, inner = inner[0] + "\n", inner[1:]
    content = "\n".join(_blocks(inner, state))
    return f"<{tag}{_container_attrs(opened.group(2))}>\n{head}{content}\n</{tag}>"


def _closing(lines: list[str], start: int, tag: str) -> int:
    depth = 0
    for j in range(start, len(lines)):
        if lines[j].startswith(f"<{tag}") and lines[j].endswith(" markdown>"):
            depth += 1
        elif lines[j] == f"</{tag}>":
            depth -= 1
            if depth == 0:
                if j + 1 < len(lines) and lines[j + 1].strip():
                    raise Unsupported(lines[j + 1])
                return j
    raise Unsupported(lines[start])


def _container_attrs(text: str) -> str:
    attrs = re.findall(r'([\w-]+)(?:="([^"]*)")?', text)
    # md_in_html reads the attributes with html.parser (entities decoded) and writes them again
    return "".join(f' {name}="{_attr_escape(html.unescape(value))}"' for name, value in sorted(attrs))


def _parse_attrs(text: str | None, state: _State) -> dict[str, str]:
    attrs: dict[str, str] = {}
    if not text:
        return attrs
    pos = 0
    for match in ATTR.finditer(text):
        if text[pos:match.start()].strip():
            raise Unsupported(text)
        pos = match.end()
        sign, name, key = match.group(1), match.group(2), match.group(3)
        if sign == "#":
            attrs["id"] = name
            state.add_id(name)
        elif sign == ".":
            attrs["class"] = f"{attrs['class']} {name}" if "class" in attrs else name
        else:
            value = next(v for v in match.group(4, 5, 6) if v is not None)
            attrs[key] = value
    if text[pos:].strip():
        raise Unsupported(text)
    return attrs


def _attr_html(attrs: dict[str, str]) -> str:
    return "".join(f' {key}="{_attr_escape(value)}"' for key, value in sorted(attrs.items()))


def _attr_escape(value: str) -> str:
    return AMPERSAND.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _heading(line: str, state: _State) -> str:
    match = HEADING.match(line)
    if not match:
        raise Unsupported(line)
    level = len(match.group(1))
    attrs = _parse_attrs(match.group(3), state)
    inner = _inline(match.group(2).rstrip(), state)
    text = TAG.sub("", inner)  # Python-Markdown keeps the entities in the toc's names
    label = attrs.pop("data-toc-label", None)
    if "id" not in attrs:
        attrs["id"] = f"{PENDING}{len(state.headings)}\x00"
    state.headings.append((level, attrs["id"], label if label is not None else text))
    state.texts.append(text)
    return f"<h{level}{_attr_html(attrs)}>{inner}</h{level}>"


def _paragraph(lines: list[str], state: _State) -> str:
    attrs: dict[str, str] = {}
    last = ATTR_LINE.match(lines[-1])
    if last:
        attrs = _parse_attrs(last.group(1), state)
        lines = lines[:-1]
        if not lines:
            raise Unsupported(last.group(0))
    return f"<p{_attr_html(attrs)}>{_inline(chr(10).join(lines), state)}</p>"


def _list(lines: list[str], state: _State) -> str:
    items: list[tuple[str, list[str]]] = []
    for line in lines:
        indent, text = LIST_ITEM.match(line).groups()
        if indent == "":
            items.append((text, []))
        elif indent == "    " and items:
            items[-1][1].append(text)
        else:
            raise Unsupported(line)
    out = ["<ul>"]
    for text, children in items:
        inner = _inline(text, state)
        if children:
            sub = "\n".join(f"<li>{_inline(c, state)}</li>" for c in children)
            out.append(f"<li>{inner}<ul>\n{sub}\n</ul>\n</li>")
        else:
            out.append(f"<li>{inner}</li>")
    out.append("</ul>")
    return "\n".join(out)


def _inline(text: str, state: _State) -> str:
    if UNSUPPORTED_INLINE.search(text) or "{" in LINK.sub("", text):
        raise Unsupported(text)
    text = BOLD.sub(r"<strong>\1</strong>", text)
    if "[" not in text:
        return text
    return LINK.sub(lambda m: _link(m, state), text)


def _link(match: re.Match, state: _State) -> str:
    attrs = _parse_attrs(match.group(3), state)
    attrs["href"] = state.resolve(match.group(2))
    if "[" in match.group(1):
        raise Unsupported(match.group(0))
    return f"<a{_attr_html(attrs)}>{match.group(1)}</a>"


def _nest(headings: list[tuple[int, str, str]]) -> list[dict]:
    """Flat headings → toc tokens nested by level, as Python-Markdown's toc extension makes them."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, anchor, name in headings:
        token = {"level": level, "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
