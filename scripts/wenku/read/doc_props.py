"""Paragraph properties of a Word 97-2003 binary document ([MS-DOC]).

Only the few properties the text reader needs are decoded: list membership
(ilfo/ilvl), table membership and the table-row-end flag.  They come from
paragraph styles (STSH) overlaid with direct formatting (PapxFkp pages).
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterator
from dataclasses import dataclass, replace
from types import MappingProxyType

SPRM_P_ILVL = 0x260A
SPRM_P_ILFO = 0x460B
SPRM_P_IN_TABLE = 0x2416
SPRM_P_TTP = 0x2417
SPRM_P_INNER_TTP = 0x244C
SPRM_P_ITAP = 0x6649
SPRM_T_DEF_TABLE = 0xD608
SPRM_T_DEF_TABLE10 = 0xD606
SPRM_P_CHG_TABS = 0xC615

_FIXED_OPERAND = MappingProxyType({0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3})
_FKP_SIZE = 512


@dataclass(frozen=True)
class ParaProps:
    ilfo: int = 0
    ilvl: int = 0
    in_table: bool = False
    row_end: bool = False


def iter_sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield (sprm, operand) pairs; stops quietly at a truncated sprm."""
    pos, end = 0, len(grpprl)
    while pos + 2 <= end:
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        size = _operand_size(sprm, grpprl, pos)
        if size is None or pos + size > end:
            return
        yield sprm, grpprl[pos:pos + size]
        pos += size


def _operand_size(sprm: int, buf: bytes, pos: int) -> int | None:
    spra = sprm >> 13
    if spra != 6:
        return _FIXED_OPERAND[spra]
    if sprm in (SPRM_T_DEF_TABLE, SPRM_T_DEF_TABLE10):
        if pos + 2 > len(buf):
            return None
        return struct.unpack_from("<H", buf, pos)[0] + 1
    if pos >= len(buf):
        return None
    size = buf[pos]
    if sprm == SPRM_P_CHG_TABS and size == 255:
        return _chg_tabs_size(buf, pos)
    return size + 1


def _chg_tabs_size(buf: bytes, pos: int) -> int | None:
    # PChgTabsOperand with cb=255: PChgTabsDelClose (4 bytes per tab) then
    # PChgTabsAdd (3 bytes per tab); the length byte does not give the size.
    if pos + 2 > len(buf):
        return None
    deleted = buf[pos + 1]
    add_at = pos + 2 + 4 * deleted
    if add_at >= len(buf):
        return None
    return 2 + 4 * deleted + 1 + 3 * buf[add_at]


def apply_sprms(props: ParaProps, grpprl: bytes) -> ParaProps:
    for sprm, arg in iter_sprms(grpprl):
        if sprm == SPRM_P_ILFO and len(arg) == 2:
            props = replace(props, ilfo=struct.unpack("<H", arg)[0])
        elif sprm == SPRM_P_ILVL:
            props = replace(props, ilvl=min(arg[0], 8))
        elif sprm == SPRM_P_IN_TABLE:
            props = replace(props, in_table=bool(arg[0]))
        elif sprm in (SPRM_P_TTP, SPRM_P_INNER_TTP):
            props = replace(props, row_end=bool(arg[0]))
        elif sprm == SPRM_P_ITAP and len(arg) == 4:
            props = replace(props, in_table=struct.unpack("<i", arg)[0] > 0)
    return props


def read_styles(table: bytes, fc: int, lcb: int) -> list[ParaProps]:
    """Resolved ParaProps of every paragraph style, indexed by istd."""
    if lcb < 4 or fc + lcb > len(table):
        return []
    stsh = table[fc:fc + lcb]
    cb_stshi = struct.unpack_from("<H", stsh, 0)[0]
    cstd, cb_base = struct.unpack_from("<HH", stsh, 2)
    raw: list[tuple[int, bytes]] = []
    pos = 2 + cb_stshi
    for _ in range(cstd):
        if pos + 2 > len(stsh):
            break
        cb_std = struct.unpack_from("<H", stsh, pos)[0]
        raw.append(_parse_std(stsh[pos + 2:pos + 2 + cb_std], cb_base))
        pos += 2 + cb_std
    return _resolve_styles(raw)


def _parse_std(std: bytes, cb_base: int) -> tuple[int, bytes]:
    """(istdBase, paragraph grpprl) of one STD; (0xFFF, b"") if none."""
    if len(std) < max(cb_base, 10) + 2:
        return 0xFFF, b""
    stk_base, cupx_next = struct.unpack_from("<HH", std, 2)
    if stk_base & 0xF != 1:
        return 0xFFF, b""
    pos = cb_base
    cch = struct.unpack_from("<H", std, pos)[0]
    pos += 2 + 2 * cch + 2
    pos += pos & 1
    if (cupx_next & 0xF) == 0 or pos + 2 > len(std):
        return stk_base >> 4, b""
    cb_upx = struct.unpack_from("<H", std, pos)[0]
    upx = std[pos + 2:pos + 2 + cb_upx]
    return stk_base >> 4, upx[2:]


def _resolve_styles(raw: list[tuple[int, bytes]]) -> list[ParaProps]:
    resolved: dict[int, ParaProps] = {}

    def resolve(istd: int, depth: int) -> ParaProps:
        if istd in resolved:
            return resolved[istd]
        if istd >= len(raw) or depth > 20:
            return ParaProps()
        base_istd, grpprl = raw[istd]
        base = ParaProps() if base_istd == 0xFFF else resolve(base_istd, depth + 1)
        resolved[istd] = apply_sprms(base, grpprl)
        return resolved[istd]

    return [resolve(i, 0) for i in range(len(raw))]


@dataclass(frozen=True)
class _Run:
    fc_end: int
    istd: int
    grpprl: bytes


class ParaIndex:
    """Looks up the paragraph properties of a paragraph mark by its stream offset."""

    def __init__(self, word: bytes, table: bytes, bte: tuple[int, int],
                 styles: list[ParaProps]) -> None:
        self._styles = styles
        runs: list[tuple[int, _Run]] = []
        for page in _bte_pages(table, *bte):
            runs.extend(_fkp_runs(word, page))
        runs.sort(key=lambda item: item[0])
        self._starts = [start for start, _ in runs]
        self._runs = [run for _, run in runs]

    def props_at(self, fc: int) -> ParaProps:
        i = bisect.bisect_right(self._starts, fc) - 1
        if i < 0 or fc >= self._runs[i].fc_end:
            return self._style(0)
        run = self._runs[i]
        return apply_sprms(self._style(run.istd), run.grpprl)

    def _style(self, istd: int) -> ParaProps:
        return self._styles[istd] if istd < len(self._styles) else ParaProps()


def _bte_pages(table: bytes, fc: int, lcb: int) -> list[int]:
    if lcb < 12 or fc + lcb > len(table):
        return []
    count = (lcb - 4) // 8
    pns = struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1))
    return [pn & 0x3FFFFF for pn in pns]


def _fkp_runs(word: bytes, pn: int) -> Iterator[tuple[int, _Run]]:
    page = word[pn * _FKP_SIZE:(pn + 1) * _FKP_SIZE]
    if len(page) < _FKP_SIZE:
        return
    crun = page[511]
    fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
    bx_at = 4 * (crun + 1)
    for i in range(crun):
        offset = page[bx_at + 13 * i] * 2
        istd, grpprl = _papx_in_fkp(page, offset) if offset else (0, b"")
        yield fcs[i], _Run(fcs[i + 1], istd, grpprl)


def _papx_in_fkp(page: bytes, offset: int) -> tuple[int, bytes]:
    cb = page[offset]
    if cb:
        start, size = offset + 1, 2 * cb - 1
    else:
        start, size = offset + 2, 2 * page[offset + 1]
    body = page[start:start + size]
    if len(body) < 2:
        return 0, b""
    return struct.unpack_from("<H", body, 0)[0], body[2:]
