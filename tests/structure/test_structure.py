"""The author's outline, recovered: golden outlines of the seeds and the rules behind them."""

from __future__ import annotations

from pathlib import Path

import pytest

from project import GOLDEN, SEEDS
from wenku.pipeline import structured
from wenku.read.text import read_text_report
from wenku.structure.blocks import build_blocks, heading_level, lead_spans, sentence_end


def outline(report) -> str:
    return "".join(f"{'#' * b.level} {b.label}\n" for b in report.blocks if b.kind == "heading")


def convert_seed(path: Path):
    return structured(read_text_report(path, path.name), "seed", None)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_outline_matches_golden_file(seed):
    assert outline(convert_seed(seed)) == (GOLDEN / f"{seed.stem}.outline").read_text(encoding="utf-8")


def test_golden_outlines_are_those_the_issue_specifies():
    expected_002 = ["## 一、2022年工作总结", "### （一）扛起政治铸魂的鲜明旗帜", "### （二）夯实组织建设的基层底座",
                    "### （三）交出提质争先的优秀答卷", "### （四）注重纪律作风的坚强保障", "## 二、下一步工作安排"]
    text = (GOLDEN / "002_ed6c1c14bce9df44.outline").read_text(encoding="utf-8")
    assert text.splitlines() == expected_002
    first = (GOLDEN / "000_6258593e5af089f0.outline").read_text(encoding="utf-8").splitlines()[0]
    assert first == "## 一、强化统筹抓规范，学习机制力求“高效协同”"


def blocks_of(*lines: str):
    return build_blocks(list(enumerate(lines, start=2)))


def test_run_in_heading_splits_at_first_full_stop_and_keeps_every_character():
    line = "一、强化统筹抓规范，学习机制力求“高效协同”。聚焦推动学习常态化。"
    heading, body = blocks_of(line)
    assert (heading.kind, heading.level, heading.label) == ("heading", 2, "一、强化统筹抓规范，学习机制力求“高效协同”")
    assert heading.text + body.text == line
    assert body.kind == "paragraph" and body.text == "聚焦推动学习常态化。"


def test_numbered_run_in_heading_at_level_four():
    heading, body = blocks_of("1.理论学习不够深入。部分干部职工理论学习时缺乏深度思考。")
    assert (heading.level, heading.label) == (4, "1.理论学习不够深入")
    assert body.text == "部分干部职工理论学习时缺乏深度思考。"


def test_full_stop_inside_quotes_does_not_end_the_heading():
    line = "二、落实“学习。实践”要求，提升能力。正文内容在这里继续写很多字。"
    assert sentence_end(line) == line.index("能力。") + 2
    heading, _ = blocks_of(line)
    assert heading.label == "二、落实“学习。实践”要求，提升能力"


@pytest.mark.parametrize("line, level", [
    ("一、加强政治建设", 2), ("十二、其他", 2), ("（一）扛起政治铸魂的鲜明旗帜", 3), ("(二)半角括号", 3),
    ("1.理论学习", 4), ("2、提高本领", 4), ("（1）具体措施", 5),
    ("2022年以来，坚持学习", 0), ("1.5万元用于学习", 0), ("一是常学必学内容。", 0), ("一方面，在学习上求实。", 0),
])
def test_heading_levels_follow_gb_t_9704(line, level):
    assert heading_level(line) == level


def test_levels_may_be_skipped():
    blocks = blocks_of("一、存在问题", "1.理论学习不够深入。正文。")
    assert [b.level for b in blocks if b.kind == "heading"] == [2, 4]


def test_long_numbered_line_is_a_paragraph_not_a_heading():
    line = "1." + "很长的一句话" * 10 + "。后文。"
    (block,) = blocks_of(line)
    assert block.kind == "paragraph"


def leads(text: str) -> list[str]:
    return [text[s.start:s.end] for s in lead_spans(text)]


def test_yi_shi_items_become_lead_ins_in_sequence():
    text = "以学习贯彻新思想为主线，精心策划学习板块。一是常学必学内容。对重要著作分解篇目。二是跟学最新理论。建立机制。三是研学自主选题。聚焦。"
    assert leads(text) == ["一是常学必学内容。", "二是跟学最新理论。", "三是研学自主选题。"]


def test_yi_shi_out_of_sequence_or_mid_sentence_is_not_a_lead():
    assert leads("统一是前提，坚持学习，形成共识，做好统筹工作。") == []
    assert leads("我们认真做好各项工作，二是跟学最新理论。建立机制。") == []


def test_item_continuing_a_list_at_paragraph_start_is_a_lead():
    assert leads("二是观摩“助学”，打造有温度的“体验课堂”。采取线下体验式现场教学。") == ["二是观摩“助学”，打造有温度的“体验课堂”。"]


def test_yi_fang_mian_lead_ins():
    text = "一方面，在学习上求“实”。修订中心组学习制度。另一方面，在服务上创“优”。发挥参谋助手作用。"
    assert leads(text) == ["一方面，在学习上求“实”。", "另一方面，在服务上创“优”。"]


def test_short_lead_sentence_at_paragraph_start():
    assert leads("眼明心亮提高政治判断力。作为红船旁的机关党支部，始终把政治建设摆在首位。") == ["眼明心亮提高政治判断力。"]
    assert leads("今年以来，我们做了很多工作。后文后文后文后文后文后文后文后文。") == []


def test_long_lead_keeps_only_the_marker_bold():
    text = "一是编制少与工作任务重的矛盾比较突出，致使机关党建围绕中心、服务大局上有时还存在喊在面上的多；二是创新不足。"
    assert leads(text)[0] == "一是"


def roles(path: Path) -> dict[str, list[str]]:
    report = convert_seed(path)
    found: dict[str, list[str]] = {"problems": [], "next_steps": []}
    for block in report.blocks:
        for role in block.roles if block.kind == "paragraph" else ():
            found[role].append(block.text[:12])
    return found


def test_problem_and_next_step_sections_by_heading():
    found = roles(SEEDS[4])
    assert "部分干部职工理论学习时缺" in found["problems"]
    assert "把学习宣传贯彻党的二十大" in found["next_steps"]
    assert not set(found["problems"]) & set(found["next_steps"])


def test_mixed_heading_classifies_each_paragraph():
    found = roles(SEEDS[1])  # 五、存在问题及下一步打算
    assert "在实际工作中，我局党建工" in found["problems"]
    assert "针对存在的问题，将重点抓" in found["next_steps"]
    assert "针对存在的问题，将重点抓" not in found["problems"]


def test_unheaded_closing_paragraphs_are_marked():
    found = roles(SEEDS[3])
    assert found["problems"] == ["过去的一年，我在抓党建方"]
    assert found["next_steps"] == ["2023年，我将全面贯彻"]
    assert roles(SEEDS[0])["problems"] == roles(SEEDS[0])["next_steps"] == ["尽管做了一定的工作，取得"]


def test_a_paragraph_that_mentions_shortcomings_in_passing_is_not_a_problem_section():
    assert "一是赋能培训提升。理论学" not in roles(SEEDS[1])["problems"]
