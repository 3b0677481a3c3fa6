"""Read the text of a Word 97-2003 binary document (.doc, and WPS Office .wps).

The text is located through the piece table ([MS-DOC] 2.4.1): FIB → table
stream → CLX → PlcPcd.  Each piece holds either 8-bit (cp1252) or UTF-16LE
characters; Chinese text is always in UTF-16LE pieces.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from types import MappingProxyType

import olefile

from wenku.read.doc_lists import Numbering, read_numbering
from wenku.read.doc_props import ParaIndex, ParaProps, read_styles
from wenku.read.errors import ReadError

NUMBERING_LOST_NOTE = "本文件使用了 Word 自动编号，编号未能读出；如需保留编号，请在 Word 中另存为 .docx"

_WORD_IDENT = 0xA5EC
_FIB_WORD97 = 0xC1
_F_ENCRYPTED = 0x0100
_F_WHICH_TBL = 0x0200
_F_OBFUSCATED = 0x8000
_FC_STSHF, _FC_CLX, _FC_BTE_PAPX, _FC_PLF_LST, _FC_PLF_LFO = 1, 33, 13, 73, 74
_CELL, _PARA, _FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x07", "\r", "\x13", "\x14", "\x15"
_LINE_BREAKS = frozenset("\x0b\x0c\x0e")
_SPECIAL_KEEP = MappingProxyType({"\t": " ", "\x1e": "-", "\xa0": "\xa0"})
_CELL_JOIN = "\u3000"
_STRIP = " \t\u3000\xa0"
_ILFO_NONE = 0x7FF  # ilfo 2047 and above: numbering explicitly switched off


@dataclass(frozen=True)
class DocText:
    lines: list[str]
    uses_numbering: bool
    numbering_recovered: bool

    @property
    def notes(self) -> list[str]:
        lost = self.uses_numbering and not self.numbering_recovered
        return [NUMBERING_LOST_NOTE] if lost else []


@dataclass(frozen=True)
class _Piece:
    cp_start: int
    cp_end: int
    fc: int
    compressed: bool

    def fc_of(self, cp: int) -> int:
        return self.fc + (cp - self.cp_start) * (1 if self.compressed else 2)


@dataclass(frozen=True)
class _Fib:
    flags: int
    n_fib: int
    ccp_text: int
    fc_lcb: tuple[int, ...]

    def pair(self, index: int) -> tuple[int, int]:
        if 2 * index + 1 >= len(self.fc_lcb):
            return 0, 0
        return self.fc_lcb[2 * index], self.fc_lcb[2 * index + 1]


def read_doc(data: bytes) -> DocText:
    """Return the paragraphs of a .doc/.wps file, or raise ReadError."""
    word, table = _open_streams(data)
    fib = _parse_fib(word)
    pieces = _read_pieces(table, fib)
    styles = read_styles(table, *fib.pair(_FC_STSHF))
    index = ParaIndex(word, table, fib.pair(_FC_BTE_PAPX), styles)
    numbering = read_numbering(table, fib.pair(_FC_PLF_LST), fib.pair(_FC_PLF_LFO))
    builder = _Builder(numbering)
    for _cp, ch, fc in _iter_chars(word, pieces, fib.ccp_text):
        props = index.props_at(fc) if ch in (_PARA, _CELL) else None
        builder.feed(ch, props)
    builder.finish()
    return DocText(builder.lines, builder.uses_numbering,
                   builder.uses_numbering and numbering is not None and not builder.label_failed)


def _open_streams(data: bytes) -> tuple[bytes, bytes]:
    if not olefile.isOleFile(io.BytesIO(data)):
        raise ReadError(_not_ole_message(data))
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):
                raise ReadError("该文件已加密（设置了打开密码），无法读取；请在 Word/WPS 中打开，取消密码后另存为 .docx")
            if not ole.exists("WordDocument"):
                raise ReadError("该文件不是 Word 97-2003 格式（缺少 WordDocument 数据）：可能是旧版金山 WPS 或 Microsoft Works 格式；请用 WPS 打开后另存为 .docx")
            word = ole.openstream("WordDocument").read()
            flags = struct.unpack_from("<H", word, 10)[0] if len(word) >= 12 else 0
            name = "1Table" if flags & _F_WHICH_TBL else "0Table"
            table = ole.openstream(name).read() if ole.exists(name) else b""
    except (OSError, ValueError, IndexError, struct.error) as exc:  # olefile on a truncated file: ValueError
        raise ReadError("该 .doc 文件已损坏，无法读取；请用 Word 或 WPS 打开后另存为 .docx") from exc
    return word, table


def _not_ole_message(data: bytes) -> str:
    head = data[:8]
    if head.startswith(b"{\\rtf"):
        return "该文件实际是 RTF 格式，只是扩展名为 .doc；请把扩展名改为 .rtf，或在 Word 中另存为 .docx"
    if head.startswith(b"PK"):
        return "该文件实际是 .docx 格式，只是扩展名不对；请把扩展名改为 .docx"
    if head.lstrip().lower().startswith((b"<html", b"<!doc", b"mime")):
        return "该文件实际是网页（HTML/MHT）格式，只是扩展名为 .doc；请在 Word 中打开后另存为 .docx"
    return ("该文件不是 Word 97-2003（.doc）格式，也可能是旧版金山 WPS 格式；"
            "请用 WPS 或 Word 打开后另存为 .docx")


def _parse_fib(word: bytes) -> _Fib:
    if len(word) < 34 or struct.unpack_from("<H", word, 0)[0] != _WORD_IDENT:
        raise ReadError("该 .doc 文件头已损坏，无法读取；请用 Word/WPS 打开后另存为 .docx")
    n_fib, = struct.unpack_from("<H", word, 2)
    flags, = struct.unpack_from("<H", word, 10)
    if flags & (_F_ENCRYPTED | _F_OBFUSCATED):
        raise ReadError("该 .doc 文件已加密（设置了打开密码），无法读取；请在 Word/WPS 中打开，取消密码后另存为 .docx")
    if n_fib < _FIB_WORD97:
        raise ReadError("该文件是 Word 6.0/95 或更早的格式，暂不支持；请在 Word/WPS 中打开后另存为 .docx")
    try:
        pos = 34 + 2 * struct.unpack_from("<H", word, 32)[0]
        cslw, = struct.unpack_from("<H", word, pos)
        fib_lw = struct.unpack_from(f"<{cslw}I", word, pos + 2)
        pos += 2 + 4 * cslw
        cb, = struct.unpack_from("<H", word, pos)
        fc_lcb = struct.unpack_from(f"<{2 * cb}I", word, pos + 2)
    except struct.error as exc:
        raise ReadError("该 .doc 文件头不完整，无法读取；请用 Word/WPS 打开后另存为 .docx") from exc
    return _Fib(flags, n_fib, fib_lw[3], fc_lcb)


def _read_pieces(table: bytes, fib: _Fib) -> list[_Piece]:
    fc, lcb = fib.pair(_FC_CLX)
    if not table or lcb == 0 or fc + lcb > len(table):
        raise ReadError("该 .doc 文件缺少文字索引（piece table），可能已损坏；请用 Word/WPS 打开后另存为 .docx")
    clx = table[fc:fc + lcb]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc entries precede the Pcdt
        pos += 3 + struct.unpack_from("<h", clx, pos + 1)[0]
    if pos + 5 > len(clx) or clx[pos] != 0x02:
        raise ReadError("该 .doc 文件的文字索引（piece table）已损坏；请用 Word/WPS 打开后另存为 .docx")
    size, = struct.unpack_from("<I", clx, pos + 1)
    plc = clx[pos + 5:pos + 5 + size]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for i in range(count):
        fc_raw, = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)
        compressed = bool(fc_raw & 0x40000000)
        fc_val = fc_raw & 0x3FFFFFFF
        pieces.append(_Piece(cps[i], cps[i + 1], fc_val // 2 if compressed else fc_val, compressed))
    return pieces


def _iter_chars(word: bytes, pieces: list[_Piece], ccp_text: int) -> Iterator[tuple[int, str, int]]:
    """Yield (cp, character, stream offset) for the main document text."""
    for piece in pieces:
        end = min(piece.cp_end, ccp_text)
        if piece.cp_start >= end:
            continue
        width = 1 if piece.compressed else 2
        raw = word[piece.fc:piece.fc + (end - piece.cp_start) * width]
        text = _decode_piece(raw, piece.compressed)
        for offset, ch in enumerate(text):
            cp = piece.cp_start + offset
            yield cp, ch, piece.fc_of(cp)


def _decode_piece(raw: bytes, compressed: bool) -> str:
    if not compressed:
        return raw[: len(raw) // 2 * 2].decode("utf-16-le", errors="replace")
    # cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; Word stores them as-is.
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)


class _Builder:
    """Turns the character stream into lines: fields, tables and numbering."""

    def __init__(self, numbering: Numbering | None) -> None:
        self.lines: list[str] = []
        self.uses_numbering = False
        self.label_failed = False
        self._numbering = numbering
        self._fields: list[bool] = []  # per open field: True once past the separator
        self._buf: list[str] = []
        self._cell_paras: list[str] = []
        self._cells: list[str] = []

    def feed(self, ch: str, props: ParaProps | None) -> None:
        if ch == _FIELD_BEGIN:
            self._fields.append(False)
        elif ch == _FIELD_SEP and self._fields:
            self._fields[-1] = True
        elif ch == _FIELD_END and self._fields:
            self._fields.pop()
        elif not all(self._fields):
            return
        elif ch == _PARA and props is not None:
            self._end_paragraph(props)
        elif ch == _CELL and props is not None:
            self._end_cell(props)
        elif ch in _LINE_BREAKS:
            self._end_paragraph(ParaProps())
        elif ch in _SPECIAL_KEEP:
            self._buf.append(_SPECIAL_KEEP[ch])
        elif ch >= " ":
            self._buf.append(ch)

    def finish(self) -> None:
        if self._buf or self._cell_paras:
            self._end_paragraph(ParaProps())
        if self._cells:
            self._emit(_CELL_JOIN.join(self._cells))
            self._cells = []

    def _end_paragraph(self, props: ParaProps) -> None:
        text = self._take(props)
        if props.in_table:
            self._cell_paras.append(text)
        else:
            self._flush_cells()
            self._emit(text)

    def _end_cell(self, props: ParaProps) -> None:
        if props.row_end:
            self._buf, self._cell_paras = [], []
            self._flush_cells()
            return
        self._cell_paras.append(self._take(props))
        self._cells.append(" ".join(p for p in self._cell_paras if p))
        self._cell_paras = []

    def _flush_cells(self) -> None:
        if self._cells:
            self._emit(_CELL_JOIN.join(self._cells).strip(_STRIP))
            self._cells = []

    def _take(self, props: ParaProps) -> str:
        text = "".join(self._buf).strip(_STRIP)
        self._buf = []
        if 0 < props.ilfo < _ILFO_NONE:
            label = self._label(props)
            text = label + text if text else ""
        return text

    def _label(self, props: ParaProps) -> str:
        self.uses_numbering = True
        label = self._numbering.label(props.ilfo, props.ilvl) if self._numbering else None
        if label is None:
            self.label_failed = True
            return ""
        return label

    def _emit(self, text: str) -> None:
        if text:
            self.lines.append(text)
