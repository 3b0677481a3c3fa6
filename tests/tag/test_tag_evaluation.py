"""Theme tagging quality on the labelled set (tests/data/tagging, see LABELLING.md).

The floors are the micro F1 figures reached when the tagger was written
(`wenku evaluate-tags` prints them): tune 0.988, held-out 0.957.
A change to the tagger or to themes.yml that lowers either fails here.
"""

from __future__ import annotations

import pytest
import yaml

from project import ROOT
from wenku.evaluate import LABELS, evaluate, prf
from wenku.tag.matcher import Tagger
from wenku.tag.segment import domain_segmenter
from wenku.tag.themes import load_vocabulary

FLOORS = {"tune": 0.987, "heldout": 0.957}


@pytest.fixture(scope="module")
def results():
    return evaluate(ROOT / LABELS, Tagger(load_vocabulary(), domain_segmenter()), ROOT)


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_micro_f1_does_not_drop(results, split):
    precision, recall, f1 = results[split].micro()
    assert f1 >= FLOORS[split], f"{split}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f} < {FLOORS[split]}"


def test_whole_labelled_set_f1_does_not_drop(results):
    tp = sum(sum(s.tp.values()) for s in results.values())
    fp = sum(sum(s.fp.values()) for s in results.values())
    fn = sum(sum(s.fn.values()) for s in results.values())
    assert prf(tp, fp, fn)[2] >= 0.975


def test_labelled_set_is_split_and_covers_every_theme():
    with (ROOT / LABELS).open(encoding="utf-8") as handle:
        labels = yaml.safe_load(handle)["reports"]
    splits = [entry["split"] for entry in labels.values()]
    assert splits.count("tune") == 12 and splits.count("heldout") == 8
    used = {theme for entry in labels.values() for theme in entry["themes"]}
    assert used == {theme.name for theme in load_vocabulary().themes}
