"""Extraction quality is gated: the seeds' graph must score at least the pinned F1 floors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

SCORER = SHARED / "tools" / "kg-score"
GOLD = SHARED / "gold"


@pytest.fixture(scope="module")
def scores(seeds_build):
    if not SCORER.exists() or not GOLD.is_dir():
        pytest.skip("the shared scorer and gold annotations are not beside this checkout")
    _, out = seeds_build
    r = subprocess.run([sys.executable, str(SCORER), str(out / "graph.ttl"), str(GOLD), "--ontology",
                        str(ROOT / "ontology"), "--json"], capture_output=True, text=True, check=True)
    line = next(l for l in r.stdout.splitlines() if l.startswith("{"))
    return json.loads(line)


FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("group,name", [(g, n) for g in ("per_class", "per_relation") for n in FLOORS[g]])
def test_quality_f1_at_least_the_floor(scores, group, name):
    assert scores[group][name] >= FLOORS[group][name], f"{name}: F1 {scores[group][name]} < floor {FLOORS[group][name]}"


@pytest.mark.parametrize("name", list(FLOORS["summary"]))
def test_quality_summary_at_least_the_floor(scores, name):
    value = scores["observations"][name] if name == "area_accuracy" else scores[name]["f1"]
    assert value >= FLOORS["summary"][name], f"{name}: {value} < floor {FLOORS['summary'][name]}"


def test_quality_every_seed_report_is_found(scores):
    assert scores["missing_reports"] == []
