"""Stage 2b (with unflatten) — official-document furniture in flattened text.

A 公文 that lost its line breaks (a dataset row, a PDF copy) runs its furniture into the text:
`中共XX公司委员会文件XX党〔2021〕7号签发人：XXX中共XX公司委员会关于…的报告XX省公司委员会：2021年以来，…`
and, at the end, `…特此报告。中共XX公司委员会2021年12月20日附件2022年度党建工作要点一、…`.
`segments` cuts such a line where GB/T 9704 puts a line break: after the red header (…文件),
the 文号, the 签发人, the title (关于…的报告/汇报/意见, …工作总结), the addressee (…：); before
the closing (特此报告。), the sign-off unit, its date, a 附件 label and the appended document's
title. structure/furniture.py then recognises each piece as it does on a line of its own.
Pieces are contiguous: no character is added or dropped.
Patterns used at a position (`pattern.match(text, pos)`) have no ^: match anchors them there.
"""

from __future__ import annotations

import re

from wenku.structure.furniture import ADDRESSEE_LINE, DATE, DOC_NUMBER

CN = "\u4e00-\u9fff"
NAME = rf"[{CN}A-Za-z×＊*]"
ISSUER = re.compile(rf"^[^，。；！？：:\s]{{2,30}}?文件(?=\s*(?:{DOC_NUMBER}|签\s*发\s*人))")
DOCNO = re.compile(rf"\s*{DOC_NUMBER}")
SIGNER = re.compile(r"\s*签\s*发\s*人\s*[：:]\s*")
TITLE_WORDS = "报告|汇报|意见|请示|通知|决定|方案|总结|述职报告|讲话|发言|要点|计划|规划|办法|细则"
ABOUT_TITLE = re.compile(rf"[^。；！？]{{0,30}}?关于[^。；！？]{{2,70}}?的(?:{TITLE_WORDS})")
PLAIN_TITLE = re.compile(r"[^。，；！？：:]{4,50}?(?:工作总结|述职报告|工作报告|总结|报告|汇报)"
                         r"(?=\s*[^，。、：；的和与及之）)”\s])")
ADDRESSEE = re.compile(r"[^。；！？：:]{2,60}?[：:]")
TITLE_START = re.compile(rf"^(?:关于|中共|中国共产党|{NAME}{{0,12}}(?:党委|党组|委员会|公司|局|部|厅))")
CLOSING = re.compile(r"(?<=[。！？])(?:特此(?:报告|汇报|请示)|以上(?:报告|汇报)[^。]{0,12}?请[^。]{1,6})[。.！!]?")
SIGN_OFF = re.compile(rf"(?<=[。！？])(?P<who>[^。；！？，：:\s]{{2,30}}?)\s*(?P<date>{DATE})")
ATTACHMENT = re.compile(rf"\s*附\s*件\s*(?:\d{{1,2}}(?!\d))?\s*[：:]?\s*(?=[^。；！？]{{2,40}}?(?:{TITLE_WORDS}|情况|清单|表))")
PART_TITLE = re.compile(rf"[^。，；！？：:]{{2,40}}?(?:{TITLE_WORDS}|清单)(?=[一二三四五六七八九十]、|[（(]一[）)]|1[.．、])")
NOTE = re.compile(r"[（(](?:此件|联系人|本件)[^）)]{0,40}[）)]")
MAX_SIGNER_CHARS = 4


def segments(text: str, is_first: bool) -> list[str]:
    """`text` cut at its furniture (see the module docstring); [text] when it has none."""
    cuts = _front_cuts(text) if is_first else []
    cuts += _back_cuts(text, cuts[-1] if cuts else 0)
    bounds = [0, *sorted(set(c for c in cuts if 0 < c < len(text))), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _front_cuts(text: str) -> list[int]:
    cuts: list[int] = []
    pos = 0
    issuer = ISSUER.match(text)
    if issuer:
        pos = issuer.end()
        cuts.append(pos)
        docno = DOCNO.match(text, pos)
        if docno:
            pos = docno.end()
            cuts.append(pos)
        signer = SIGNER.match(text, pos)
        if signer:
            pos = signer.end() + _signer_length(text, signer.end(), issuer.group().removesuffix("文件"))
            cuts.append(pos)
    title = ABOUT_TITLE.match(text, pos) or PLAIN_TITLE.match(text, pos)
    if not title:
        return cuts
    pos = title.end()
    cuts.append(pos)
    addressee = ADDRESSEE.match(text, pos)
    if addressee and ADDRESSEE_LINE.match(addressee.group()):
        cuts.append(addressee.end())
    return cuts


def _signer_length(text: str, start: int, issuer: str) -> int:
    """How many characters the signer's name takes: up to where the title begins."""
    stem = issuer[:4]
    for length in range(2, MAX_SIGNER_CHARS + 1):
        rest = text[start + length:]
        if stem and rest.startswith(stem) or TITLE_START.match(rest) and rest.startswith(("关于", "中共", "中国")):
            return length
    for length in range(2, MAX_SIGNER_CHARS + 1):
        if TITLE_START.match(text[start + length:]):
            return length
    return 3


def _back_cuts(text: str, start: int) -> list[int]:
    """Cuts before the closing, the sign-off, its date, and an appended 附件 with its title."""
    cuts: list[int] = []
    closings = list(CLOSING.finditer(text, start))
    closing = closings[-1] if closings else None
    sign = None
    for sign in SIGN_OFF.finditer(text, closing.end() if closing else start):
        if closing or len(text) - sign.end() < len(text) // 3:
            break
    if closing:
        cuts += [closing.start(), closing.end()]
    if not sign:
        return cuts
    cuts += [sign.start(), sign.start("date"), sign.end()]
    pos = sign.end()
    note = NOTE.match(text, pos)
    if note:
        pos = note.end()
        cuts.append(pos)
    attachment = ATTACHMENT.match(text, pos)
    if attachment:
        title = PART_TITLE.match(text, attachment.end())
        cuts += [attachment.end()] + ([title.end()] if title else [])
    return cuts
