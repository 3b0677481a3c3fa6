"""Stage 2 — clean: remove the documented artefacts, and nothing else.

Every artefact wenku removes is listed in `ARTEFACTS` below, with the reason.
Report text that is not listed here reaches the page unchanged. Artefacts that
fill a whole line leave the line empty (the line break stays), so line numbers
in messages still point at the file.

Web-page leftovers keep what is worth keeping: the 来源/时间/作者/编辑 of a
page-information line become metadata (`Cleaned.extra`), shown on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPACE = r"[ \t\u3000\u00a0]"
LAYOUT_SPACE = r"[ \t\u3000\u00a0\n]"  # a web control copied one word per line spans lines
HEAD_LINES = 10  # page chrome such as 来源：… sits above the report's first paragraphs


@dataclass(frozen=True)
class Artefact:
    name: str
    pattern: re.Pattern[str]
    why: str
    head_only: bool = False  # only among the first HEAD_LINES non-empty lines
    keeps_fields: bool = False  # its 来源：/时间： fields are kept as metadata


TOOLBAR_WORD = "(?:下载|打印|全屏|收藏|分享|关闭|返回顶部|打印本页|关闭窗口|我要纠错|加入收藏|分享到|保存本页|打印此页|关闭本页)"
BRACKETED_TOOL = "(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|加入收藏|收藏|返回顶部|我要纠错|纠错|保存本页|下载)"
FONT_SIZE_WORD = "(?:[大中小]|加大|还原|减小|默认|放大|缩小)"
PAGE_INFO_LABEL = ("(?:信息来源|文章来源|来源|发布时间|发布日期|更新时间|时间|日期|作者|责任编辑|编辑|"
                   "浏览次数|阅读次数|点击数|点击量|访问次数|浏览量)")
# A value runs to the next label; it may hold a clock time (16:29) but no sentence.
PAGE_INFO_VALUE = r"(?:[^\n。：:]|(?<=\d)[:：](?=\d))*?"
PAGE_INFO_FIELD = re.compile(rf"({PAGE_INFO_LABEL}){SPACE}*[：:]{SPACE}*({PAGE_INFO_VALUE})"
                             rf"(?={SPACE}*(?:{PAGE_INFO_LABEL}{SPACE}*[：:]|$))", re.MULTILINE)
# Page-information label → metadata key; visitor counters are not kept.
KEPT_FIELDS = {"信息来源": "来源", "文章来源": "来源", "来源": "来源", "发布时间": "时间", "发布日期": "时间",
               "更新时间": "时间", "时间": "时间", "日期": "时间", "作者": "作者", "责任编辑": "编辑", "编辑": "编辑"}

ARTEFACTS: tuple[Artefact, ...] = (
    Artefact("paywall marker", re.compile(r"##paid(?:begin|end)##"),
             "inserted by the scraper that collected the reports; mid-line or on a line of its own"),
    Artefact("control characters", re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"),
             "invisible bytes from copying or converting (form feeds, NUL, C1 codes); not text, "
             "and browsers drop or mangle them"),
    Artefact("stray byte-order marks", re.compile("\ufeff"),
             "U+FEFF left inside the text where files were joined; invisible, not text"),
    Artefact("font-size switcher", re.compile(
        rf"【?{LAYOUT_SPACE}*字[号体]{LAYOUT_SPACE}*[：:]{LAYOUT_SPACE}*{FONT_SIZE_WORD}"
        rf"(?:(?:{LAYOUT_SPACE}|[|｜/])*{FONT_SIZE_WORD})*(?:{LAYOUT_SPACE}*】)?"),
        "web page control 【字号：加大 还原 减小】 or 【字体：小中大】, anywhere on a line, also copied "
        "one word per line (the line breaks inside it stay, as empty lines)"),
    Artefact("page tool links", re.compile(rf"【{SPACE}*{BRACKETED_TOOL}{SPACE}*】"),
             "web page links such as 【打印本页】【关闭窗口】, anywhere on a line"),
    Artefact("page toolbar", re.compile(
        rf"^{SPACE}*{TOOLBAR_WORD}(?:[{SPACE[1:-1]}/|｜丨·•]*{TOOLBAR_WORD})*{SPACE}*$", re.MULTILINE),
        "a line made only of web page buttons: 下载 / 打印 / 全屏 / 收藏"),
    Artefact("breadcrumb", re.compile(
        rf"^{SPACE}*(?:(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|所在位置){SPACE}*[：:]"
        r"(?=[^\n]*(?:首页|>|＞|»|→))[^\n]*"
        rf"|(?:网站)?首页{SPACE}*(?:[>＞»→/]{SPACE}*[^\n>＞»→/。，；！？]{{1,20}}?{SPACE}*)+)$", re.MULTILINE),
        "web page navigation line 当前位置：首页 > … (or 首页 > … without the label)"),
    Artefact("neighbour links", re.compile(
        rf"^{SPACE}*(?:上一篇|下一篇|上一条|下一条|分享到|分享至){SPACE}*[：:][^\n。]{{0,60}}$", re.MULTILINE),
        "web page links to the previous/next article and share buttons: 上一篇：… 下一篇：… 分享到："),
    Artefact("related links", re.compile(
        rf"^{SPACE}*(?:相关报道|相关链接|相关新闻|相关阅读|相关文章|延伸阅读|推荐阅读|相关稿件){SPACE}*[：:]?{SPACE}*"
        r"(?:\n[^\n。；！？]{0,60})*\Z", re.MULTILINE),
        "web page list of other articles (相关报道：… and the titles after it) at the end of the copy; "
        "it ends the page: only short lines without a sentence end may follow it"),
    Artefact("QR-code prompt", re.compile(
        rf"^{SPACE}*(?:手机)?扫一扫(?:在手机上?打开(?:当前页|本页|此页)?|分享(?:到|至)?(?:微信|朋友圈)?)?{SPACE}*$",
        re.MULTILINE),
        "web page prompt 扫一扫在手机打开当前页"),
    Artefact("page information", re.compile(
        rf"^{SPACE}*(?:{PAGE_INFO_LABEL}{SPACE}*[：:]{SPACE}*{PAGE_INFO_VALUE}{SPACE}*)+$", re.MULTILINE),
        "web page line 来源：… 时间：… 浏览次数：… above the report; 来源, 时间, 作者 and 编辑 are kept "
        "as metadata and shown under the title", head_only=True, keeps_fields=True),
)


# How messages name each artefact (the names above are identifiers).
ARTEFACT_LABELS = {"paywall marker": "采集标记 ##paidbegin##", "control characters": "控制字符",
                   "stray byte-order marks": "字节序标记", "font-size switcher": "“字号：大 中 小”",
                   "page tool links": "“【打印本页】【关闭窗口】”等网页按钮", "page toolbar": "“下载 / 打印 / 收藏”等网页工具栏",
                   "breadcrumb": "“当前位置：首页 >”", "QR-code prompt": "“扫一扫在手机打开当前页”",
                   "page information": "“来源：… 时间：…”网页信息"}


@dataclass
class Cleaned:
    text: str
    found: list[str] = field(default_factory=list)  # names of the artefacts that were removed
    extra: dict[str, str] = field(default_factory=dict)  # metadata kept from removed lines


def clean(text: str) -> Cleaned:
    """Remove every artefact in ARTEFACTS; keep the fields of page-information lines."""
    result = Cleaned(text)
    for artefact in ARTEFACTS:
        head, tail = _split_head(result.text) if artefact.head_only else (result.text, "")
        if artefact.keeps_fields:
            for match in artefact.pattern.finditer(head):
                _keep_fields(match.group(), result.extra)
        head, count = artefact.pattern.subn(_line_breaks, head)
        result.text = head + tail
        if count:
            result.found.append(artefact.name)
    return result


def _line_breaks(match: re.Match[str]) -> str:
    """What replaces an artefact: the line breaks inside it, so line numbers stay those of the file."""
    return "\n" * match.group().count("\n")


def remove_artefacts(text: str) -> tuple[str, list[str]]:
    """Return the text without artefacts and the names of those that were found."""
    cleaned = clean(text)
    return cleaned.text, cleaned.found


def _split_head(text: str) -> tuple[str, str]:
    """The text up to the end of its HEAD_LINES-th non-empty line, and the rest."""
    seen = 0
    for match in re.finditer(r"[^\n]*\S[^\n]*", text):
        seen += 1
        if seen == HEAD_LINES:
            return text[: match.end()], text[match.end():]
    return text, ""


def _keep_fields(line: str, extra: dict[str, str]) -> None:
    for label, value in PAGE_INFO_FIELD.findall(line.strip()):
        key, value = KEPT_FIELDS.get(label), value.strip(" \t\u3000\u00a0】")
        if key and value and key not in extra:
            extra[key] = value
