"""Word automatic numbering ([MS-DOC] PlfLst, PlfLfo, LVL) rendered as text."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

_LSTF_SIZE = 28
_LVLF_SIZE = 28
_LFO_SIZE = 16
_BULLET = 0x17
_NONE = 0xFF
_COUNTING = frozenset({0x0B, 0x21, 0x23, 0x25, 0x27})
_DIGITS = "〇一二三四五六七八九"
_LEGAL_SC = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TC = "零壹貳參肆伍陸柒捌玖"
_GAN = "甲乙丙丁戊己庚辛壬癸"
_ZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@dataclass(frozen=True)
class Level:
    start: int
    nfc: int
    legal: bool
    template: str
    follow: int


@dataclass
class Numbering:
    """List definitions of one document plus the running counters."""

    lists: dict[int, list[Level]]
    lfo_lsid: list[int]
    start_overrides: dict[tuple[int, int], int]
    counters: dict[int, list[int | None]] = field(default_factory=dict)

    def label(self, ilfo: int, ilvl: int) -> str | None:
        """Advance the counter of (ilfo, ilvl) and return its label, or None."""
        if not 1 <= ilfo <= len(self.lfo_lsid):
            return None
        lsid = self.lfo_lsid[ilfo - 1]
        levels = self.lists.get(lsid)
        if not levels:
            return None
        ilvl = min(ilvl, len(levels) - 1)
        counts = self.counters.setdefault(lsid, [None] * 9)
        start = self.start_overrides.pop((ilfo, ilvl), None)
        current = counts[ilvl]
        counts[ilvl] = start if start is not None else (
            levels[ilvl].start if current is None else current + 1)
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        return _render(levels, counts, ilvl)


def read_numbering(table: bytes, lst: tuple[int, int], lfo: tuple[int, int]) -> Numbering | None:
    """Parse list definitions; None when the document has none or they are unreadable."""
    fc_lst, lcb_lst = lst
    fc_lfo, lcb_lfo = lfo
    if lcb_lst < 2 or lcb_lfo < 4 or fc_lfo + lcb_lfo > len(table):
        return None
    try:
        lists = _read_lists(table, fc_lst, lcb_lst)
        lfo_lsid, overrides = _read_lfos(table, fc_lfo)
    except (struct.error, IndexError, UnicodeDecodeError):
        return None
    return Numbering(lists, lfo_lsid, overrides)


def _read_lists(table: bytes, fc: int, lcb: int) -> dict[int, list[Level]]:
    count = struct.unpack_from("<h", table, fc)[0]
    lstfs = []
    for i in range(count):
        at = fc + 2 + i * _LSTF_SIZE
        lsid = struct.unpack_from("<i", table, at)[0]
        simple = bool(table[at + 26] & 1)
        lstfs.append((lsid, 1 if simple else 9))
    # The LVL records of all lists follow the PlfLst directly, in list order.
    pos = fc + lcb
    lists: dict[int, list[Level]] = {}
    for lsid, nlevels in lstfs:
        levels = []
        for _ in range(nlevels):
            level, pos = _read_level(table, pos)
            levels.append(level)
        lists[lsid] = levels
    return lists


def _read_level(table: bytes, pos: int) -> tuple[Level, int]:
    start, nfc, flags = struct.unpack_from("<iBB", table, pos)
    follow = table[pos + 15]
    cb_chpx, cb_papx = table[pos + 24], table[pos + 25]
    pos += _LVLF_SIZE + cb_papx + cb_chpx
    cch = struct.unpack_from("<H", table, pos)[0]
    template = table[pos + 2:pos + 2 + 2 * cch].decode("utf-16-le")
    level = Level(start, nfc, bool(flags & 0x04), template, follow)
    return level, pos + 2 + 2 * cch


def _read_lfos(table: bytes, fc: int) -> tuple[list[int], dict[tuple[int, int], int]]:
    count = struct.unpack_from("<I", table, fc)[0]
    lfos = [struct.unpack_from("<iiiB", table, fc + 4 + i * _LFO_SIZE) for i in range(count)]
    pos = fc + 4 + count * _LFO_SIZE
    overrides: dict[tuple[int, int], int] = {}
    for ilfo, (_, _, _, clfolvl) in enumerate(lfos, start=1):
        pos += 4  # LFOData.cp
        for _ in range(clfolvl):
            start, flags = struct.unpack_from("<iI", table, pos)
            pos += 8
            if flags & 0x10:
                overrides[(ilfo, flags & 0xF)] = start
            if flags & 0x20:
                _, pos = _read_level(table, pos)
    return [lsid for lsid, *_ in lfos], overrides


def _render(levels: list[Level], counts: list[int | None], ilvl: int) -> str:
    level = levels[ilvl]
    if level.nfc == _NONE:
        return ""
    out = []
    for ch in level.template:
        if ord(ch) < 9:
            ref = ord(ch)
            value = counts[ref] if counts[ref] is not None else levels[min(ref, len(levels) - 1)].start
            nfc = 0 if level.legal else levels[min(ref, len(levels) - 1)].nfc
            out.append(format_number(value or 0, nfc))
        else:
            out.append("•" if level.nfc == _BULLET and 0xE000 <= ord(ch) <= 0xF8FF else ch)
    return _add_follow("".join(out), level.follow)


def _add_follow(label: str, follow: int) -> str:
    # ixchFollow: 0 tab, 1 space, 2 nothing.  After CJK punctuation such as
    # "一、" a space would be foreign to Chinese text, so only Latin gets one.
    if follow == 2 or not label:
        return label
    return label if ord(label[-1]) > 0x2E7F else label + " "


def format_number(value: int, nfc: int) -> str:
    """Render a list counter in Word number format nfc (MSONFC)."""
    if nfc in _COUNTING:
        return chinese_counting(value)
    if nfc in (0x26, 0x22):
        return chinese_counting(value, _LEGAL_SC if nfc == 0x26 else _LEGAL_TC, "拾佰仟")
    simple = _simple_format(value, nfc)
    return simple if simple is not None else str(value)


def _simple_format(value: int, nfc: int) -> str | None:
    if nfc in (1, 2):
        roman = _roman(value)
        return roman if nfc == 1 else roman.lower()
    if nfc in (3, 4) and value > 0:
        letter = chr((ord("A") if nfc == 3 else ord("a")) + (value - 1) % 26)
        return letter * ((value - 1) // 26 + 1)
    if nfc in (0x0A, 0x24):
        return "".join(_DIGITS[int(d)] for d in str(value))
    if nfc in (0x0E, 0x13):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if nfc == 0x12 and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if nfc == 0x16:
        return f"{value:02d}"
    if nfc == 0x1E and 1 <= value <= 10:
        return _GAN[value - 1]
    if nfc == 0x1F and 1 <= value <= 12:
        return _ZHI[value - 1]
    return None


def _roman(value: int) -> str:
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def chinese_counting(value: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (numbers below 10000)."""
    if value <= 0 or value >= 10000:
        return str(value)
    zero = "零"
    out: list[str] = []
    pending_zero = False
    for power in (3, 2, 1, 0):
        digit = value // 10 ** power % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        if not (power == 1 and digit == 1 and not out and digits is _DIGITS):
            out.append(digits[digit])
        if power:
            out.append(units[power - 1])
    return "".join(out)
