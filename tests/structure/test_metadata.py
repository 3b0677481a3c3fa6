"""Metadata read from the text: right when stated, empty when not."""

from __future__ import annotations

import pytest

from project import SEEDS
from wenku.pipeline import structured
from wenku.read.text import read_text_report
from wenku.structure.metadata import metadata_of

SEED_METADATA = [
    (2022, "市局办公室", "党建工作总结"),
    (2023, "X局", "党建工作总结"),
    (2022, "政府办机关党总支", "党建工作总结"),
    (2022, "", "述职报告"),  # 支部书记 is a person's role, not a unit: left empty
    (2022, "县直机关", "学习型机关建设总结"),
]


@pytest.mark.parametrize("seed, expected", zip(SEEDS, SEED_METADATA), ids=lambda x: getattr(x, "stem", "")[:3])
def test_seed_metadata(seed, expected):
    meta = structured(read_text_report(seed, seed.name), "s", None).meta
    assert (meta.year, meta.unit, meta.doc_type) == expected


def test_year_from_the_opening_sentence_when_the_title_has_none():
    assert metadata_of("机关党委工作总结", "2021年以来，机关党委坚持……").year == 2021


def test_year_mentioned_later_is_not_taken():
    assert metadata_of("机关党委工作总结", "今年以来，我们按照2019年的部署……").year is None


@pytest.mark.parametrize("title, unit", [
    ("市财政局2021年度党建工作总结", "市财政局"),
    ("2020年县委办公室党支部工作总结", "县委办公室党支部"),
    ("2022年度述职报告", ""),
    ("关于2022年工作情况的报告", ""),
])
def test_unit_as_the_title_names_it(title, unit):
    assert metadata_of(title, "").unit == unit
