"""Real-world text reports: web-page copies, flattened text, official-document furniture,
appended documents, spaced titles, YAML- and HTML-looking text (fixtures in tests/data/input/)."""

from __future__ import annotations

import pytest

from input_support import (
    INPUT_DIR,
    INPUT_FIXTURES,
    cleaned_input,
    convert_text,
    first_missing,
    page_html,
    page_markdown,
    page_text,
)
from wenku.clean.artefacts import ARTEFACTS, clean
from wenku.clean.unflatten import split_points, unflatten
from wenku.model import Report
from wenku.structure.furniture import despace


def fixture(name: str) -> Report:
    report = convert_text((INPUT_DIR / name).read_text(encoding="utf-8"), name)
    assert isinstance(report, Report), report
    return report


def outline(report: Report) -> list[tuple[int, str]]:
    return [(b.level, b.label) for b in report.blocks if b.kind == "heading"]


def furniture(report: Report) -> list[tuple[str, str, str]]:
    return [(b.kind, b.label, b.text) for b in report.blocks if b.kind in ("front", "furniture")]


@pytest.mark.parametrize("path", INPUT_FIXTURES, ids=lambda p: p.name)
def test_fidelity_on_every_real_world_fixture(path):
    """Every non-whitespace character of the cleaned input reaches the rendered page, in order."""
    text = path.read_text(encoding="utf-8")
    report = convert_text(text, path.name)
    assert isinstance(report, Report), report
    assert first_missing(cleaned_input(text), page_text(report)) == ""


# --- web-page leftovers -------------------------------------------------------------------


def test_web_page_leftovers_are_removed_and_source_and_time_kept():
    text = (INPUT_DIR / "web_page_copy.txt").read_text(encoding="utf-8")
    cleaned = clean(text)
    for leftover in ("当前位置", "下载 / 打印", "字号", "加大", "扫一扫", "打印本页", "关闭窗口", "浏览次数", "发布时间"):
        assert leftover not in cleaned.text
    assert cleaned.extra == {"来源": "市财政局", "时间": "2022-01-10 09:30"}
    assert set(cleaned.found) == {"font-size switcher", "page tool links", "page toolbar", "breadcrumb",
                                  "QR-code prompt", "page information"}
    report = fixture("web_page_copy.txt")
    assert report.meta.title == "市财政局机关党委2021年党建工作总结"
    assert report.meta.extra == {"来源": "市财政局", "时间": "2022-01-10 09:30"}
    page = page_markdown(report)
    assert "来源：市财政局 · 时间：2022-01-10 09:30" in page  # shown in the metadata line
    assert outline(report)[0] == (2, "一、坚持政治引领，理论武装持续深化")


def test_source_lines_inside_the_report_are_text():
    """A 来源： in the body (a sentence) is not page chrome: it stays."""
    page = page_text(fixture("web_page_copy.txt"))
    assert "来源：市直机关工委的考核结果显示" in page


def test_artefacts_are_listed_in_one_place_with_reasons():
    names = [a.name for a in ARTEFACTS]
    assert len(names) == len(set(names)) and all(a.why for a in ARTEFACTS)
    assert {"paywall marker", "page toolbar", "breadcrumb", "QR-code prompt", "page information"} <= set(names)


@pytest.mark.parametrize("line", ["下载", "打印 | 收藏", "下载 / 打印 / 全屏 / 收藏", "【字号：大 中 小】",
                                  "【打印本页】【关闭窗口】", "您现在的位置：首页 » 新闻", "扫一扫在手机打开当前页"])
def test_each_kind_of_leftover_line_is_removed(line):
    assert clean(f"标题\n{line}\n正文。\n").text == "标题\n\n正文。\n"


@pytest.mark.parametrize("line", ["全年下载文件300份。", "当前位置：正在调研", "打印机采购已完成", "时间：紧，任务：重。",
                                  "扫一扫二维码即可报名参加活动。"])
def test_report_sentences_that_resemble_leftovers_stay(line):
    assert clean(f"标题\n{line}\n").text == f"标题\n{line}\n"


def test_page_information_only_above_the_report():
    body = "\n".join(f"第{n}段。" for n in range(12))
    assert clean(f"标题\n{body}\n时间：2021-01-01\n").text.endswith("时间：2021-01-01\n")


# --- flattened text ---------------------------------------------------------------------------

FLAT = ("县卫健局2021年度党建工作总结今年以来，在县委的坚强领导下，局党组认真履行管党治党政治责任，为全年工作提供了坚强保证。"
        "一、2021年度工作开展情况在上级党委的正确领导下，我局党建工作取得新成效，各项任务全面完成。"
        "（一）高标站位，压实责任。按照“一、二季度抓部署，三、四季度抓落实”的安排，全年召开专题会议5次，"
        "完成率达到1.5倍，截至2021.12.31全部完成。1.理论学习扎实开展。组织集中学习12次，一、二季度各6次。"
        "2.组织建设不断加强。完成支部换届，按期转正党员2名。（二）创新方式，丰富载体。开展“学习强国”竞赛活动，"
        "效果良好。二、存在问题部分党员学习不够深入，作用发挥不够充分，“一、二把手”带头作用还需加强。"
        "三、下一步打算我们将继续努力，推动全局党建工作再上新台阶。")


def test_flattened_report_is_split_at_its_heading_markers():
    report = convert_text(FLAT, "flat.txt")
    assert report.meta.title == "县卫健局2021年度党建工作总结"
    assert outline(report) == [
        (2, "一、2021年度工作开展情况"), (3, "（一）高标站位，压实责任"), (4, "1.理论学习扎实开展"),
        (4, "2.组织建设不断加强"), (3, "（二）创新方式，丰富载体"), (2, "二、存在问题"), (2, "三、下一步打算")]
    assert first_missing(FLAT, page_text(report)) == ""
    (note,) = report.warnings
    assert note.level == "note" and note.line == 1 and "没有换行" in note.message


def test_no_split_inside_quotes_dates_or_a_numeral_list():
    points = split_points(FLAT)
    for phrase in ("二季度抓部署", "四季度抓落实", "12.31", "5倍", "二季度各6次", "二把手"):
        position = FLAT.index(phrase)
        assert all(not position - 3 <= p <= position for p in points), phrase


def test_one_two_inside_a_sentence_is_not_a_heading():
    text = "标题\n" + ("今年工作扎实推进，一、二季度完成全年任务的60%，三、四季度继续保持。" * 12)
    lines, notes = unflatten([(1, "标题"), (2, text.split("\n")[1])], "x.txt")
    assert len(lines) == 2 and notes == []


def test_line_broken_reports_are_not_touched():
    paragraph = "支部工作做法有：（一）抓学习；（二）抓制度；（三）抓落实。" + "各项工作稳步推进。" * 40
    lines = [(1, "标题"), (2, "一、主要做法"), (3, paragraph)] + [(n, f"第{n}段正文。" * 20) for n in range(4, 30)]
    assert unflatten(lines, "x.txt") == (lines, [])


def test_flattened_title_without_an_end_gets_a_warning():
    text = "今年以来我局认真开展党建工作取得良好成效这是一段没有标点的很长的开头文字不知道标题在哪里结束" * 3 + FLAT[40:]
    report = convert_text(text, "notitle.txt")
    warnings = [p for p in report.warnings if p.level == "warning"]
    assert warnings and "请把标题单独放在一行" in warnings[0].message
    assert first_missing(text, page_text(report)) == ""


# --- official-document furniture ------------------------------------------------------------


def test_official_document_furniture_is_metadata_not_headings():
    report = fixture("official_document.txt")
    assert report.meta.title == "中共某某县审计局党组关于2021年度党建工作情况的报告"
    assert outline(report) == [(2, "一、履行党建主体责任情况"), (2, "二、存在的主要问题"), (2, "三、下一步工作打算")]
    assert furniture(report) == [
        ("front", "mark", "000017"), ("front", "issuer", "中共某某县审计局党组文件"),
        ("front", "docno", "某审党〔2021〕7号　　　　签发人：李　明"), ("front", "rule", "━━━━━━━━━━━━━━━━━━━━━━"),
        ("furniture", "addressee", "县委组织部："), ("furniture", "closing", "特此报告。"),
        ("furniture", "attachments", "附件：1.2021年度党建工作任务清单"), ("furniture", "attachments", "2.党建工作责任分解表"),
        ("furniture", "signature", "中共某某县审计局党组"), ("furniture", "date", "2021年12月28日"),
        ("furniture", "note", "（此件公开发布）")]
    assert report.meta.extra == {
        "发文机关": "中共某某县审计局党组", "签发人": "李明", "文号": "某审党〔2021〕7号", "主送": "县委组织部",
        "附件": "1.2021年度党建工作任务清单；2.党建工作责任分解表", "落款": "中共某某县审计局党组",
        "成文日期": "2021年12月28日", "附注": "（此件公开发布）"}
    assert report.meta.unit == "中共某某县审计局党组"  # from the sign-off, as the title names none


def test_furniture_is_shown_in_place_and_styled():
    html, meta = page_html(page_markdown(fixture("official_document.txt")))
    assert html.index('class="wk-furniture wk-issuer"') < html.index("<h1")  # the red header stays above the title
    assert '<p class="wk-furniture wk-closing">特此报告。</p>' in html
    assert '<p class="wk-furniture wk-attachments">2&#46;党建工作责任分解表</p>' in html
    assert "<h4" not in html  # 2.党建工作责任分解表 is an attachment, not a heading
    assert meta["文号"] == "某审党〔2021〕7号" and meta["成文日期"] == "2021年12月28日"


def test_addressee_salutation_and_bracketed_date():
    report = convert_text("在全市党建工作会议上的讲话\n（2021年3月5日）\n同志们：\n今天召开会议。\n一、总结成绩\n成绩显著。\n", "s.txt")
    assert furniture(report) == [("furniture", "date", "（2021年3月5日）"), ("furniture", "addressee", "同志们：")]


def test_report_text_like_furniture_in_the_body_stays_body():
    text = "某局2021年工作总结\n现将有关情况报告如下：\n一、工作情况\n1.完成调研\n特此报告。\n二、下一步\n继续努力。\n"
    report = convert_text(text, "b.txt")
    assert furniture(report) == []  # “…如下：” is not an addressee, a closing mid-report is text
    assert (4, "1.完成调研") in outline(report)


@pytest.mark.parametrize("text", [
    "关于学习贯彻上级文件\n今年以来，我们认真学习。\n一、学习情况\n学习了三次。\n",  # a title ending in 文件
    "某局2021年工作总结\n━━━━━━━━\n今年以来，我们认真学习。\n一、学习情况\n学习了三次。\n",  # a rule under a title
])
def test_titles_are_not_taken_for_a_red_header(text):
    report = convert_text(text, "t.txt")
    assert report.meta.title == text.split("\n")[0]


def test_a_closing_slogan_is_not_a_sign_off():
    report = convert_text("某局2021年工作总结\n一、工作\n做了很多。\n奋力建设人民满意的服务型机关\n", "s.txt")
    assert furniture(report) == [] and report.meta.unit == "某局"


# --- numbering restarts, spaced titles ------------------------------------------------------


def test_appended_document_is_a_part_with_its_own_outline():
    report = fixture("appended_second_document.txt")
    assert outline(report) == [(2, "一、抓理论武装"), (2, "二、抓组织建设"), (2, "三、抓作风建设"),
                               (2, "县水利局机关第一党支部2022年工作总结"), (3, "一、基本情况"), (3, "二、主要做法")]
    (note,) = report.warnings
    assert note.level == "note" and note.line == 9 and "另一份文件" in note.message
    html, _ = page_html(page_markdown(report))
    assert html.count('id="一基本情况"') == 1


def test_restart_without_a_title_is_flat_with_a_note():
    report = convert_text("某局总结\n一、甲\n正文。\n二、乙\n正文，很长的一段。\n一、丙\n正文。\n二、丁\n", "r.txt")
    assert outline(report) == [(2, "一、甲"), (2, "二、乙"), (2, "一、丙"), (2, "二、丁")]
    (note,) = report.warnings
    assert note.line == 6 and "又从 一、 开始" in note.message
    ids = [b.anchor for b in report.blocks if b.kind == "heading"]
    assert len(ids) == len(set(ids))


def test_spaced_title_and_name():
    assert despace("习　近　平") == "习近平" and despace("述 职 报 告") == "述职报告"
    assert despace("一、 工作 回顾") == "一、 工作 回顾"  # only lines of single spaced characters
    report = fixture("spaced_title.txt")
    assert report.meta.title == "述职报告" and report.meta.doc_type == "述职报告" and report.meta.year == 2021
    assert furniture(report) == [("furniture", "author", "王小明"), ("furniture", "date", "（2021年12月）")]


# --- text that looks like markup ------------------------------------------------------------


def test_yaml_looking_lines_are_text():
    report = fixture("yaml_looking_lines.txt")
    page = page_markdown(report)
    html, meta = page_html(page)
    assert meta["title"] == "社区党支部2020年工作总结" and "tags" not in meta and "hide" not in meta
    text = page_text(report)
    for line in ("---", "title: x", "tags: [伪造, 标签]", "title: 这一行是正文，不是元数据", "hide: [navigation]", "..."):
        assert line.replace(" ", "") in text.replace(" ", "")
    assert "<hr" not in html


def test_a_report_that_starts_like_front_matter():
    report = convert_text("---\ntitle: x\n---\n正文第一段。\n", "fm.txt")
    html, meta = page_html(page_markdown(report))
    assert meta["title"] == "---" and meta["source"] == "fm.txt"
    assert first_missing("---title:x---正文第一段。", page_text(report)) == ""


def test_html_and_script_in_the_text_stay_text():
    report = fixture("html_and_script.txt")
    html, meta = page_html(page_markdown(report))
    for raw in ("<script", "<img", "<a ", "<iframe", "<svg", "<b>", "</textarea>", "javascript:alert(3)\""):
        assert raw not in html
    text = page_text(report)
    for shown in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[点击领取](javascript:alert(3))",
                  '<a href="javascript:alert(4)">钓鱼链接</a>', "</textarea><script>alert(5)</script>",
                  "&lt;script&gt;", "&amp;lt;", "&copy;", "<b>网络安全</b>"):
        assert shown in text, shown
    # Material writes the front-matter title into <title> and the header without escaping
    assert meta["title"].startswith("&lt;/title&gt;&lt;script&gt;") and "<" not in meta["title"]
