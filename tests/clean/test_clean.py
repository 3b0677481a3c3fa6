"""Artefact removal: only what clean.ARTEFACTS lists is removed."""

from __future__ import annotations

from project import SEEDS
from wenku.clean.artefacts import ARTEFACTS, remove_artefacts


def test_paid_markers_removed_mid_line_and_on_their_own_line():
    text = "紧紧围绕总要求##paidbegin##，牢牢把握标准。\n##paidend##\n下一段"
    cleaned, found = remove_artefacts(text)
    assert cleaned == "紧紧围绕总要求，牢牢把握标准。\n\n下一段"
    assert found == ["paywall marker"]


def test_text_that_only_resembles_a_marker_stays():
    text = "## 不是标题 ##paid## #paidbegin# **加粗** XX"
    assert remove_artefacts(text) == (text, [])


def test_seed_with_markers_loses_only_the_markers():
    raw = SEEDS[1].read_text(encoding="utf-8")
    cleaned, _ = remove_artefacts(raw)
    assert "##paid" not in cleaned
    assert len(raw) - len(cleaned) == len("##paidbegin##") + len("##paidend##")


def test_every_artefact_documents_why():
    assert all(a.why for a in ARTEFACTS)
