"""Text rules every stage shares: Chinese numerals, quote and bracket pairs, sentence ends,
Han character ranges, whitespace. Declared once here so that cleaning, structure, tagging
and search agree on what a sentence, a number or a Chinese word is."""

from __future__ import annotations

import re

CN_NUMERALS = "一二三四五六七八九十"  # the numerals of 一、 （一） headings
CN_DIGITS = "零一二三四五六七八九"  # digit values 0–9, as Word's chineseCounting writes them

OPENERS = "“‘「『《（(【〔"  # quotation marks and brackets that open…
CLOSERS = "”’」』》）)】〕"  # …and the ones that close them, pair by pair

SENTENCE_END = "。！？!?"  # ends a sentence
CLAUSE_END = "。！？；!?;"  # ends a clause: a sentence, or a part of one after ；
RUN_ON_END = "。！？；：!?;:"  # after these a heading marker starts a new line in flattened text

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs (extension A, unified, compatibility)
HAN_BASIC = "\u4e00-\u9fff"  # the unified block alone (common Chinese)
WHITESPACE = re.compile(r"\s+")
LINE_PADDING = " \t\u00a0\u3000\ufeff"  # stripped from both ends of a line (the ideographic space indents)


def chinese_count(n: int, digits: str = CN_DIGITS) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n >= 1000:
        return "".join(digits[int(d)] for d in str(n))
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = digits[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        out += digits[0]
    return out + (digits[ones] if ones else "")


CN_VALUES = {chinese_count(n): n for n in range(1, 100)}  # 一 → 1 … 九十九 → 99
