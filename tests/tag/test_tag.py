"""Theme tagging (scripts/wenku/tag/) on the seeds and on report text in their genre."""

from __future__ import annotations

import json

import pytest

from project import SEEDS
from wenku.cache import report_from_json, report_to_json
from wenku.model import RawReport
from wenku.pipeline import structured
from wenku.read.text import read_text_report
from wenku.tag.segment import domain_segmenter, words_of
from wenku.tag.snippets import sentence_around
from wenku.tag.tagger import Tagger, units
from wenku.tag.themes import load_vocabulary


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_vocabulary(), domain_segmenter())


def tagged(tagger: Tagger, text: str, name: str = "test.txt"):
    report = structured(RawReport(name, text, "utf-8", "0" * 64, len(text.encode())), "test", tagger)
    return report


def seed(tagger: Tagger, number: str):
    path = next(p for p in SEEDS if p.name.startswith(number))
    report = structured(read_text_report(path, path.name), path.stem, tagger)
    return report


TITLE = "区某局2022年党建工作总结\n"
OPENING = "2022年，局党支部坚持以习近平新时代中国特色社会主义思想为指导，认真落实上级部署。\n"
STOCK = ("引导党员干部深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，"
         "不断提高政治判断力、政治领悟力、政治执行力。")


def test_words_are_kept_per_block_and_are_the_segmenters_words(tagger):
    segmenter = domain_segmenter()
    for number in ("000", "001", "002", "003", "004"):
        report = seed(tagger, number)
        assert all(words_of(b.text, b.word_lengths) == segmenter.cut(b.text) for b in report.blocks)
        assert words_of(report.meta.title, report.title_word_lengths) == segmenter.cut(report.meta.title)
    block = seed(tagger, "001").blocks[2]
    assert "三会一课" in words_of(block.text, block.word_lengths)  # the domain dictionary is on


def test_stock_formulas_alone_are_no_evidence(tagger):
    text = TITLE + OPENING + "一、强化理论武装\n" + STOCK * 3 + "\n二、加强政治引领\n" + STOCK + "\n"
    report = tagged(tagger, text)
    assert "政治建设" not in report.themes  # 政治判断力 … are stock phrases
    assert report.themes == ["理论学习"]  # the heading 强化理论武装 is evidence


def test_a_heading_is_evidence_and_a_passing_mention_is_not(tagger):
    passing = "积极参与平安巡防、文明城市创建、疫情防控等志愿服务活动。"
    body = "组织党员下沉社区参与卡口值守和核酸检测服务，累计服务**人次。"
    without = tagged(tagger, TITLE + OPENING + "一、服务群众\n" + passing + "\n")
    assert "疫情防控" not in without.themes
    with_heading = tagged(tagger, TITLE + OPENING + "一、服务群众\n" + passing + "\n二、全力做好疫情防控\n" + body + "\n")
    assert "疫情防控" in with_heading.themes
    assert with_heading.section_themes["二全力做好疫情防控"][0] == "疫情防控"


def test_lead_sentences_weigh_more_than_body_text(tagger):
    lead = "一、主要工作\n一是深入开展调查研究。班子成员带队，了解实际情况。\n"
    body = "一、主要工作\n班子成员带队，深入开展调查研究，了解实际情况。\n"
    assert "调查研究" in tagged(tagger, TITLE + OPENING + lead).themes
    assert "调查研究" not in tagged(tagger, TITLE + OPENING + body).themes


def test_a_substantial_passage_is_evidence(tagger):
    one = "一、主要工作\n开展专题调研，形成报告。\n"
    two = "一、主要工作\n开展专题调研，形成报告。围绕群众关切开展蹲点调研，走访群众**户。\n"
    assert "调查研究" not in tagged(tagger, TITLE + OPENING + one).themes
    assert "调查研究" in tagged(tagger, TITLE + OPENING + two).themes


def test_a_list_counts_only_its_strongest_item(tagger):
    listed = "一、主要工作\n日常开展主题党日、三会一课、组织生活会、民主评议党员等活动。\n"
    assert "组织建设" not in tagged(tagger, TITLE + OPENING + listed).themes


def test_phrases_match_on_word_boundaries(tagger):
    # 廉政 inside 清廉|政府 is no match; inside the compound 党风廉政建设 it is.
    assert "廉政" not in {m.phrase for m in tagger.matches("建设清廉政府", domain_segmenter().cut("建设清廉政府"))}
    text = "扛起党风廉政建设责任"
    assert {m.phrase for m in tagger.matches(text, domain_segmenter().cut(text))} >= {"党风廉政建设", "廉政"}


def test_exclusions_and_gapped_phrases(tagger):
    unit_name = "一、理论学习\n制定《中共**县工业和信息化局党组中心组学习计划》，组织集中学习。\n"
    assert "智慧党建" not in tagged(tagger, TITLE + OPENING + unit_name).themes
    text = "统筹党建工作与中心工作的高水平融合。"
    phrases = {m.phrase for m in tagger.matches(text, domain_segmenter().cut(text))}
    assert "党建…中心工作…融合" in phrases


def test_the_title_names_a_theme(tagger):
    report = tagged(tagger, "区住建局2023年党风廉政建设工作总结\n" + OPENING + "一、主要做法\n严格执行各项规定。\n")
    assert "党风廉政" in report.themes
    assert any("党风廉政" in names for names in report.section_themes.values())


def test_seed_sections_are_tagged_and_deep_linkable(tagger):
    report = seed(tagger, "003")
    assert report.section_themes["一狠抓政治建设把牢前进方向盘"][0] == "政治建设"
    assert "组织建设" in report.section_themes["三真抓组织建设点燃发展强引擎"]
    assert {"党风廉政", "作风建设"} <= set(report.section_themes["四严抓纪律作风建设拧紧廉政总开关"])
    # The unheaded problems list closing section 四 is its own passage, linked by its p-N anchor.
    problems = next(b for b in report.blocks if "problems" in b.roles)
    assert {"调查研究", "党建责任"} <= set(report.section_themes[problems.anchor])
    anchors = {b.anchor for b in report.blocks if b.anchor}
    assert set(report.section_themes) <= anchors
    assert set(report.section_themes) == set(report.section_snippets)


def test_two_shallowest_heading_levels_are_the_sections(tagger):
    report = seed(tagger, "004")  # 一、 then 1. (level 4): the 1. items are sections of their own
    labels = {report.blocks[u.anchor_block].label for u in units(report.blocks) if report.blocks[u.anchor_block].kind == "heading"}
    assert "1.理论学习不够深入" in labels
    assert "意识形态" in report.section_themes["2提高引导舆论的本领需要进一步增强"]


def test_snippets_are_one_line_and_contain_the_evidence(tagger):
    report = seed(tagger, "000")
    for by_theme in report.section_snippets.values():
        assert all(0 < len(snippet) <= 62 and "\n" not in snippet for snippet in by_theme.values())
    text = "，".join(["周密做好集体学习"] * 10) + "，交流研讨和专题调研的组织服务保障，助推学习。"
    assert "专题调研" in sentence_around(text, text.index("专题调研"))


def test_report_themes_are_ordered_by_score_and_the_result_survives_the_cache(tagger):
    report = seed(tagger, "002")
    scores = [report.theme_scores[name] for name in report.themes]
    assert scores == sorted(scores, reverse=True)
    again = report_from_json(report_to_json(report))
    assert again.themes == report.themes and again.section_themes == report.section_themes
    assert [b.word_lengths for b in again.blocks] == [b.word_lengths for b in report.blocks]
    assert json.loads(report_to_json(report))["terms"] == report.terms


def test_terms_are_nouns_without_stop_words(tagger):
    terms = seed(tagger, "000").terms
    assert {"中心组", "调研"} & set(terms)
    assert not {"工作", "学习", "开展", "得到", "两个确立"} & set(terms)


def test_one_span_matched_by_two_gapped_phrases_counts_with_the_heavier(tagger):
    text = "推动党建与业务深度融合。"  # 党建…融合 (2) and 党建…业务…融合 (3) cover the same text
    integration = next(i for i, t in enumerate(tagger.vocabulary.themes) if t.name == "党建业务融合")
    score, _ = tagger.scores(text, domain_segmenter().cut(text), lambda _: 1.0)[integration]
    assert score == 3  # overlapping matches of one theme count once: the longest span, then the heaviest


def test_main_themes_are_the_report_s_subject_not_its_problems_or_opening(tagger):
    body = ("一、严格落实“三会一课”制度\n支部全年召开支部党员大会4次、支委会12次，讲授党课4次。"
            "规范开展主题党日，完成支部换届选举。\n"
            "二、存在的问题\n一是调查研究不够深入，调研课题选得不准，调研报告质量不高。\n")
    report = tagged(tagger, TITLE + "以调查研究为抓手，推动工作。\n" + body)
    assert "调查研究" in report.themes  # its section is listed on the theme page
    assert report.main_themes == ["组织建设"]  # but the report is about 组织建设


def test_a_report_has_at_most_six_main_themes_strongest_first(tagger):
    for number in ("000", "001", "002", "003", "004"):
        report = seed(tagger, number)
        assert 1 <= len(report.main_themes) <= 6 and set(report.main_themes) <= set(report.themes)
    assert len(seed(tagger, "002").themes) > 6
