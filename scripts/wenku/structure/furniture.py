"""Stage 2c — layout: the title, the official-document furniture around the report
(GB/T 9704 公文格式), and the body lines in between.

Furniture is recognised only where GB/T 9704 puts it:
- above the title: 份号, 密级, 紧急程度 (marks), 发文机关标志 (the red header
  “…文件”), 发文字号 with 签发人 (X发〔2021〕7号　签发人：张三), the red rule (────);
- right below the title: the author of a 述职报告 (张三 above a date, or 述职人：张三),
  a date in brackets （2021年12月30日）, a 发文字号, and the addressee
  (主送机关 “市委组织部：”, or a salutation “各位领导、同志们：”);
- at the end: 结束语 (特此报告。), the 附件 list (附件：1.… 2.…), 署名 (the unit or
  person signing), 成文日期 (2021年12月30日), 附注 （此件公开发布）, 抄送/印发.
Each becomes a furniture block — kind "front" above the title, "furniture"
elsewhere, `label` naming its role — shown on the page in its place, styled,
never a heading; its value also goes into metadata (文号, 签发人, 主送, 落款,
成文日期, 附件 …). A title wrapped over two lines is joined, and lines typed with
a space between every character (述　职　报　告, 习　近　平) are read without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wenku.model import Block, BlockKind
from wenku.structure.metadata import UNIT_SUFFIX
from wenku.textrules import HAN_BASIC

Lines = list[tuple[int, str]]

CN = HAN_BASIC
DATE = (r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
        r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")
DATE_LINE = re.compile(rf"^(?:{DATE}|(?:19|20)\d{{2}}[.．/-]\d{{1,2}}[.．/-]\d{{1,2}})$")
MONTH = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
BRACKETED_DATE = re.compile(rf"^[（(]\s*(?:{DATE}|{MONTH})\s*[）)]$")
DOC_NUMBER = (rf"[{CN}A-Za-z]{{1,12}}\s*[〔\[［【(（]\s*(?:19|20)\d{{2}}\s*[〕\]］】)）]\s*(?:第\s*)?\d{{1,4}}\s*号")
SIGNER = r"签\s*发\s*人\s*[：:]\s*(?P<signer>\S.{0,30})"
DOC_NUMBER_LINE = re.compile(rf"^(?P<number>{DOC_NUMBER})(?:\s+{SIGNER})?$")
SIGNER_LINE = re.compile(rf"^{SIGNER}$")
ISSUER_LINE = re.compile(rf"^(?P<issuer>[{CN}（）()、]{{2,36}})文件$")
MARK_LINE = re.compile(r"^(?:(?:绝密|机密|秘密)(?:\s*[★☆*]\s*\S{0,12})?|特急|加急|特提|平急|\d{6})$")
RULE_LINE = re.compile(r"^[─━—_＿=＝~～]{5,}$")
ADDRESSEE_LINE = re.compile(
    r"^(?P<to>[^，。；！？：:]{1,40}?(?:部|委|局|办|厅|组|会|院|室|处|科|所|站|中心|单位|党委|党组|支部|总支|"
    r"公司|政府|同志|同志们|领导|们)(?:[（(][^）)，。]{1,12}[）)])?"
    r"(?:[，、][^，。；！？：:]{1,40}?(?:部|委|局|办|厅|组|会|院|室|处|科|所|站|中心|单位|党委|党组|支部|总支|"
    r"公司|政府|同志|同志们|领导|们)(?:[（(][^）)，。]{1,12}[）)])?){0,4})\s*[：:]$")
CLOSING_LINE = re.compile(r"^(?:特此(?:报告|汇报|请示|说明|函告|呈报)|专此(?:报告|汇报)|以上(?:报告|汇报)，?(?:如有不妥，?)?"
                          r"请(?:审阅|审议|批示)|(?:妥|当)否，?请批示)[。.！!]?$")
ATTACHMENT_LINE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]\s*(?P<item>.*)$")
ATTACHMENT_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*[^。]{1,60}$")
NOTE_LINE = re.compile(r"^[（(](?:此件|联系人|此页无正文|本件).*[）)]$")
DISTRIBUTION_LINE = re.compile(rf"^(?:抄\s*[送报]\s*[：:].*|.{{2,40}}\s+{DATE}\s*印发)$")
SIGNED_WITH_DATE = re.compile(rf"^(?P<who>[^，。；！？：:]{{2,30}}?)\s+(?P<date>{DATE})$")
NAME_LIKE = re.compile(rf"^(?:(?:述职人|报告人|汇报人)\s*[：:]\s*)?[{CN}]{{2,4}}$")
SPACED = re.compile(rf"^[{CN}](?:[ \t\u3000\u00a0]+[{CN}])+$")
WRAPPED_TITLE_END = re.compile(r"(?:报告|总结|汇报|情况|要点|计划|方案|意见|讲话|发言)$")
SENTENCE_PUNCTUATION = re.compile(r"[，。；！？：:,;!?]")

MAX_FRONT_LINES = 8
MAX_BACK_LINES = 15
MAX_SIGNATURE_CHARS = 30


@dataclass
class Layout:
    title: str = ""
    title_line: int = 0
    before_title: list[Block] = field(default_factory=list)  # kind "front"
    after_title: list[Block] = field(default_factory=list)  # kind "furniture"
    body: Lines = field(default_factory=list)
    back: list[Block] = field(default_factory=list)  # kind "furniture"
    extra: dict[str, str] = field(default_factory=dict)


def despace(text: str) -> str:
    """述　职　报　告 → 述职报告: spaces typed between single characters only set the width."""
    return re.sub(r"\s+", "", text) if SPACED.match(text) else text


def lay_out(lines: Lines) -> Layout:
    """Title, furniture and body of a report's non-empty, stripped lines."""
    lines = [(number, despace(text)) for number, text in lines]
    layout = Layout()
    start = _front(lines, layout)
    if start >= len(lines):  # nothing but furniture: read it as the text it is
        layout, start = Layout(), 0
    layout.title_line, layout.title = lines[start]
    rest = lines[start + 1:]
    if rest and _title_continues(layout.title, rest[0][1]):
        layout.title += rest[0][1]
        rest = rest[1:]
    rest = _after_title(rest, layout)
    end = _back(rest, layout)
    layout.body = rest[:end]
    return layout


def _front(lines: Lines, layout: Layout) -> int:
    """Furniture above the title; returns the index of the title line."""
    index = 0
    while index < min(len(lines), MAX_FRONT_LINES):
        number, text = lines[index]
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        role = _front_role(text, following)
        if not role:
            break
        layout.before_title.append(Block(BlockKind.FRONT, text, label=role, line=number))
        _keep(layout.extra, role, text)
        index += 1
    return index


def _front_role(text: str, following: str) -> str:
    if MARK_LINE.match(text):
        return "mark"
    if DOC_NUMBER_LINE.match(text):
        return "docno"
    if SIGNER_LINE.match(text):
        return "signer"
    if RULE_LINE.match(text):
        return "rule"
    # The red header stands above the document number (…文件 may also stand above the red rule).
    number_follows = bool(DOC_NUMBER_LINE.match(following) or SIGNER_LINE.match(following))
    if ISSUER_LINE.match(text) and (number_follows or RULE_LINE.match(following)):
        return "issuer"
    if number_follows and len(text) <= 30 and not SENTENCE_PUNCTUATION.search(text):
        return "issuer"
    return ""


def _title_continues(title: str, following: str) -> bool:
    return (not WRAPPED_TITLE_END.search(title) and len(following) <= 30
            and not SENTENCE_PUNCTUATION.search(title + following) and bool(WRAPPED_TITLE_END.search(following)))


def _after_title(rest: Lines, layout: Layout) -> Lines:
    index = 0
    while index < min(len(rest), 3):
        number, text = rest[index]
        following = rest[index + 1][1] if index + 1 < len(rest) else ""
        role = ("date" if BRACKETED_DATE.match(text) else "docno" if DOC_NUMBER_LINE.match(text)
                else "addressee" if ADDRESSEE_LINE.match(text)
                else "author" if _is_author(text, following) else "")
        if not role:
            break
        layout.after_title.append(Block(BlockKind.FURNITURE, text, label=role, line=number))
        _keep(layout.extra, role, text)
        index += 1
        if role == "addressee":
            break
    return rest[index:]


def _is_author(text: str, following: str) -> bool:
    """述职人：张三, or a bare name followed by the date of the report (述职报告 / 讲话)."""
    return bool(NAME_LIKE.match(text)) and (not re.fullmatch(f"[{CN}]+", text)
                                            or bool(BRACKETED_DATE.match(following) or DATE_LINE.match(following)))


def _back(body: Lines, layout: Layout) -> int:
    """Furniture at the end of the body; returns where the body ends."""
    end = len(body)
    found: list[tuple[str, int, str]] = []  # (role, line, text), last first
    while end > 0 and len(body) - end < MAX_BACK_LINES:
        start, role = _back_item(body, end, found)
        if not role:
            break
        found.extend((role, number, text) for number, text in reversed(body[start:end]))
        end = start
    for role, number, text in reversed(found):
        layout.back.append(Block(BlockKind.FURNITURE, text, label=role, line=number))
    for role in ("closing", "attachments", "signature", "date", "note", "distribution"):
        texts = [text for r, _, text in reversed(found) if r == role]
        if texts:
            _keep(layout.extra, role, "\n".join(texts))
    return end


def _back_item(body: Lines, end: int, found: list[tuple[str, int, str]]) -> tuple[int, str]:
    """(first index, role) of the furniture item that ends at `end`, or (end, "")."""
    text = body[end - 1][1]
    if DATE_LINE.match(text):
        return end - 1, "date"
    if CLOSING_LINE.match(text):
        return end - 1, "closing"
    if NOTE_LINE.match(text) or DISTRIBUTION_LINE.match(text):
        return end - 1, "note" if NOTE_LINE.match(text) else "distribution"
    if ATTACHMENT_LINE.match(text):
        return end - 1, "attachments"
    if ATTACHMENT_ITEM.match(text):
        start = end - 1
        while start > 0 and ATTACHMENT_ITEM.match(body[start - 1][1]):
            start -= 1
        if start > 0 and ATTACHMENT_LINE.match(body[start - 1][1]):
            return start - 1, "attachments"
        return end, ""
    if SIGNED_WITH_DATE.match(text) or _signs(text, found):
        return end - 1, "signature"
    return end, ""


def _signs(text: str, found: list[tuple[str, int, str]]) -> bool:
    """A sign-off line: a unit or a name just above the date (at most two lines)."""
    if len(text) > MAX_SIGNATURE_CHARS or SENTENCE_PUNCTUATION.search(re.sub(r"^\S{2,3}人\s*[：:]", "", text)):
        return False
    signatures = sum(1 for role, _, _ in found if role == "signature")
    above_date = bool(found) and found[-1][0] in ("date", "signature") and signatures < 2
    return above_date and (bool(UNIT_SUFFIX.search(text)) or bool(NAME_LIKE.match(text)))


EXTRA_KEYS = {"issuer": "发文机关", "author": "报告人", "docno": "文号", "signer": "签发人", "addressee": "主送",
              "attachments": "附件", "signature": "落款", "date": "成文日期", "note": "附注", "distribution": "版记"}


def _keep(extra: dict[str, str], role: str, text: str) -> None:
    """The metadata value of a furniture line."""
    key = EXTRA_KEYS.get(role)
    if not key:
        return
    value = text
    if role == "issuer":
        value = text.removesuffix("文件")
    elif role == "docno":
        match = DOC_NUMBER_LINE.match(text)
        value = match.group("number") if match else text
        if match and match.group("signer"):
            extra.setdefault("签发人", re.sub(r"\s+", "", match.group("signer")))
    elif role == "signer":
        value = SIGNER_LINE.match(text).group("signer")
    elif role == "author":
        value = re.sub(r"^\S{2,3}人\s*[：:]", "", text)
    elif role == "addressee":
        value = text.rstrip("：: ")
    elif role == "date":
        value = text.strip("（）() ")
    elif role == "attachments":
        items = [ATTACHMENT_LINE.sub(r"\g<item>", line).strip() for line in text.split("\n")]
        value = "；".join(item for item in items if item)
    elif role == "signature":
        value = " ".join(text.split("\n"))
    if role == "signer":
        value = re.sub(r"\s+", "", value)
    extra.setdefault(key, value)


def signing_unit(layout: Layout) -> str:
    """The unit named in the sign-off (署名), if the sign-off names one."""
    for block in layout.back:
        if block.label == "signature":
            match = SIGNED_WITH_DATE.match(block.text)
            who = match.group("who").strip() if match else block.text
            if UNIT_SUFFIX.search(who):
                return who
    return ""
