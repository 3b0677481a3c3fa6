"""Word automatic numbering (numbering.xml) → the numbers a reader sees: 一、 （一） 1. …

Word does not store "一、" in the text of an automatically numbered paragraph;
it stores a list id (numId) and level (ilvl), and the level's format
(`numFmt` chineseCounting, decimal …) and pattern (`lvlText` "%1、", "（%1）").
`ListCounter` replays the counting in document order, as Word does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from wenku.textrules import chinese_count

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
FULL_STOPPED = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
# A number that ends in one of these needs no space before the text ("一、加强" not "一、 加强").
CLOSING_MARKS = "、）)．。：:】〕"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def to_int(value: str | None, default: int) -> int:
    """A number attribute of numbering.xml; files from other editors sometimes hold junk."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def letters(n: int, upper: bool) -> str:
    base = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if upper else "abcdefghijklmnopqrstuvwxyz"
    return base[(n - 1) % 26] * ((n - 1) // 26 + 1) if n > 0 else str(n)


def roman(n: int, upper: bool) -> str:
    if n <= 0:
        return str(n)
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += numeral * count
    return out if upper else out.lower()


def _from_table(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": chinese_count,
    "chineseCountingThousand": chinese_count,
    "japaneseCounting": chinese_count,
    "taiwaneseCounting": chinese_count,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: chinese_count(n, CN_LEGAL_DIGITS).replace("十", "拾").replace("百", "佰"),
    "ideographTraditional": lambda n: _from_table(HEAVENLY_STEMS, n),
    "ideographZodiac": lambda n: _from_table(EARTHLY_BRANCHES, n),
    "decimalEnclosedCircle": lambda n: _from_table(CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _from_table(CIRCLED, n),
    "decimalEnclosedParen": lambda n: _from_table(PARENTHESISED, n),
    "decimalEnclosedFullstop": lambda n: _from_table(FULL_STOPPED, n),
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalFullWidth2": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "upperLetter": lambda n: letters(n, True),
    "lowerLetter": lambda n: letters(n, False),
    "upperRoman": lambda n: roman(n, True),
    "lowerRoman": lambda n: roman(n, False),
    "none": lambda n: "",
}


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False  # isLgl: show every level's number as decimal (1.1, 1.2)
    suffix: str = "tab"  # what Word puts between number and text: tab | space | nothing


@dataclass
class ListCounter:
    """The numbering definitions of one document, and the counts so far while reading it."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, starts)
    counts: dict[str, list[int | None]] = field(default_factory=dict)  # abstract → count per level
    last_instance: dict[str, str] = field(default_factory=dict)  # abstract → numId used last
    level_styles: dict[str, dict[int, str]] = field(default_factory=dict)  # abstract → level → linked style

    @classmethod
    def from_xml(cls, numbering: etree._Element | None) -> ListCounter:
        counter = cls()
        if numbering is None:
            return counter
        for abstract in numbering.iterchildren(w("abstractNum")):
            levels = {to_int(lvl.get(w("ilvl")), 0): _level(lvl) for lvl in abstract.iterchildren(w("lvl"))}
            abstract_id = abstract.get(w("abstractNumId"), "")
            counter.abstracts[abstract_id] = levels
            counter.level_styles[abstract_id] = {
                to_int(lvl.get(w("ilvl")), 0): style.get(w("val"), "")
                for lvl in abstract.iterchildren(w("lvl")) if (style := lvl.find(w("pStyle"))) is not None}
        for num in numbering.iterchildren(w("num")):
            ref = num.find(w("abstractNumId"))
            starts = {}
            for override in num.iterchildren(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    starts[to_int(override.get(w("ilvl")), 0)] = to_int(start.get(w("val")), 1)
            counter.instances[num.get(w("numId"), "")] = (ref.get(w("val"), "") if ref is not None else "", starts)
        return counter

    def next_label(self, num_id: str, ilvl: int) -> str:
        """The number Word shows for the next paragraph of list `num_id` at level `ilvl` ("" if none)."""
        if num_id not in self.instances:
            return ""
        abstract_id, starts = self.instances[num_id]
        levels = self.abstracts.get(abstract_id, {})
        if ilvl not in levels or not 0 <= ilvl <= 8:
            return ""
        counts = self.counts.setdefault(abstract_id, [None] * 10)
        if starts and self.last_instance.get(abstract_id) != num_id:
            for level in starts:  # a list that restarts its numbering ("重新开始编号")
                counts[level:] = [None] * (10 - level)
        self.last_instance[abstract_id] = num_id
        current = counts[ilvl]
        counts[ilvl] = (starts.get(ilvl, levels[ilvl].start) if current is None else current + 1)
        counts[ilvl + 1:] = [None] * (9 - ilvl)
        return self._render(levels, counts, ilvl, starts)

    def _render(self, levels: dict[int, Level], counts: list[int | None], ilvl: int, starts: dict[int, int]) -> str:
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""  # a bullet is decoration, not text
        out = level.text
        for n in range(9, 0, -1):
            placeholder = f"%{n}"
            if placeholder in out:
                shown = levels.get(n - 1, Level())
                count = counts[n - 1] if counts[n - 1] is not None else starts.get(n - 1, shown.start)
                fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
                out = out.replace(placeholder, FORMATS.get(fmt, str)(count))
        if out and level.suffix != "nothing" and out[-1] not in CLOSING_MARKS:
            out += " "
        return out


def _level(lvl: etree._Element) -> Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(w(tag))
        return el.get(w("val"), default) if el is not None else default

    legal = lvl.find(w("isLgl"))
    return Level(start=to_int(val("start", "1"), 1), fmt=val("numFmt", "decimal"), text=val("lvlText", ""),
                 legal=legal is not None and legal.get(w("val"), "1") not in ("0", "false"),
                 suffix=val("suff", "tab"))
