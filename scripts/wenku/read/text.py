"""Stage 1 — read: bytes on disk → decoded text (`RawReport`), or a `Problem`.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, and legacy Chinese
encodings (GB18030/GBK/GB2312, Big5) recognised by charset-normalizer.
Line ends are normalised to "\n"; nothing else is changed.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from charset_normalizer import from_bytes

from wenku.model import Level, Problem, RawReport
from wenku.read.sniff import identify

# charset-normalizer may name a legacy Chinese encoding by any of these; GB18030
# is a superset of GBK and GB2312, so decoding with it never loses a character.
CHINESE_LEGACY = {"gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "cp936"}
SUPERSET = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030"}


def decode(data: bytes, source: str) -> tuple[str, str] | Problem:
    """Return (text, encoding name) or a Problem saying why the bytes are not a report."""
    if not data.strip():
        what = "是空的" if not data else "只有空白字符"
        return Problem(source, f"文件{what}；请把报告正文放进去，或删除该文件", level=Level.ERROR)
    known = identify(data)
    if known:
        what, todo = known
        return Problem(source, f"这不是文本文件，而是{what}；{todo}", level=Level.ERROR)
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as err:
                return _undecodable(source, data, err, name)
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        return Problem(source, "这不是文本文件（含有 NUL 字节）；"
                       "请把报告另存为 UTF-8 文本或 .docx", level=Level.ERROR)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        mixed = decode_mixed(data)
        if mixed is not None:
            return mixed
        guess = from_bytes(data).best()
        name = guess.encoding.lower() if guess else ""
        name = SUPERSET.get(name, name)
        if name in CHINESE_LEGACY:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
        return _undecodable(source, data, utf8_error, "utf-8")


def decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Two files pasted together, one UTF-8 and one GBK: each line decoded by itself. Only when
    some lines with Chinese text are valid UTF-8 and others are GBK, and every line reads as plain
    report text in the encoding chosen for it; the encoding name lists the GBK lines."""
    lines = data.split(b"\n")
    text_lines: list[str] = []
    gbk_lines: list[int] = []
    utf8_chinese = 0
    for number, line in enumerate(lines, start=1):
        decoded = _plain_decode(line, "utf-8")
        if decoded is not None:
            utf8_chinese += not line.isascii()
        else:
            decoded = _plain_decode(line, "gb18030")
            if decoded is None:
                return None
            gbk_lines.append(number)
        text_lines.append(decoded)
    if not utf8_chinese or not gbk_lines:
        return None
    return "\n".join(text_lines), f"{MIXED}{_line_ranges(gbk_lines)}"


MIXED = "mixed utf-8/gb18030: gb18030 on lines "


def _plain_decode(line: bytes, encoding: str) -> str | None:
    try:
        text = line.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if all(_plain_report_char(ch) or ch == "\r" for ch in text) else None


def _line_ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] → "3–5、9"."""
    ranges: list[list[int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM (some Windows tools): accepted only when it decodes to lines
    of ASCII, CJK and CJK punctuation, which random binary data practically never does."""
    if len(data) % 2:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\n" in text and all(_plain_report_char(ch) for ch in text):
            return text, name
    return None


def _plain_report_char(ch: str) -> bool:
    code = ord(ch)
    return (0x20 <= code < 0x7F or ch in "\r\n\t" or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x206F or code in (0xA0, 0xB7))


def _undecodable(source: str, data: bytes, err: UnicodeDecodeError, tried: str) -> Problem:
    line = data.count(b"\n", 0, err.start) + 1
    return Problem(source, f"文本无法解码（已按 {tried.upper()} 和 GB18030 识别，"
                   f"第 {err.start} 字节 0x{data[err.start]:02x} 无效）；"
                   "请把文件另存为 UTF-8 编码", line=line, level=Level.ERROR)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_report(path: Path, source: str, data: bytes | None = None) -> RawReport | Problem:
    if data is None:
        data = path.read_bytes()
    decoded = decode(data, source)
    if isinstance(decoded, Problem):
        return decoded
    text, encoding = decoded
    notes = []
    if encoding.startswith(MIXED):
        lines = encoding.removeprefix(MIXED)
        notes.append(Problem(source, f"文件混用了两种编码：第 {lines} 行是 GBK（GB18030），其余是 UTF-8；"
                             "已逐行解码，没有丢字。请核对这些行，最好把整个文件另存为 UTF-8",
                             line=int(lines.split("–")[0].split("、")[0]), level=Level.NOTE))
        encoding = "utf-8+gb18030"
    return RawReport(source=source, text=normalise_newlines(text), encoding=encoding,
                     sha256=hashlib.sha256(data).hexdigest(), size=len(data), notes=notes)
