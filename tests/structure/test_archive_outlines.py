"""Flattened 公文, web copies, unnumbered top-level headings and appended 附件 (tests/data/archive):
the title is the document's, no page chrome is left, and the outline matches the golden one
(scripts/dev/outline_f1.py prints the same figures)."""

from __future__ import annotations

import pytest

from outline_f1 import scores, total

ARCHIVE = scores("archive")


def test_archive_outline_f1_and_sentence_order_reach_the_targets():
    f1, fidelity, right, checked = total(ARCHIVE)
    assert f1 >= 0.95 and fidelity >= 0.995
    assert right == checked == len(ARCHIVE) >= 9


@pytest.mark.parametrize("item", ARCHIVE, ids=lambda s: s.name)
def test_each_archive_fixture_has_its_title_no_chrome_and_a_close_outline(item):
    assert item.title_ok, item.missed[:1]
    assert item.chrome_left == []
    assert item.f1 >= 0.8, (item.missed, item.extra)


@pytest.mark.parametrize("name", ["input", "seeds"])
def test_line_structured_reports_keep_outline_f1_one(name):
    items = scores(name)
    assert items and all(s.f1 == 1.0 and s.title_ok is not False for s in items), [
        (s.name, s.missed, s.extra) for s in items if s.f1 < 1.0]
