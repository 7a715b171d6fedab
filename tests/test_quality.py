"""Extraction quality is gated on two annotated sets (../shared): the seeds must score at least
the pinned F1 floors, and the dev set (40 excerpts from all over the country, which the rules
must generalise to) at least the pinned precision and recall of every class and relation."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, SHARED, needs

SCORER = SHARED / "tools" / "kg-score"
GOLD = SHARED / "gold"
DEVSET = SHARED / "devset"
_ROW = re.compile(r"^(ent|rel):(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)$")


@pytest.fixture(scope="module")
def scores(request):
    needs(SCORER.exists() and GOLD.is_dir(), f"the shared scorer and gold annotations ({SHARED})")
    _, out = request.getfixturevalue("seeds_build")
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


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory):
    """Precision and recall per class and relation on the dev set, as kg-score prints them."""
    needs(SCORER.exists() and (DEVSET / "gold").is_dir(), f"the shared scorer and the dev set ({DEVSET})")
    from kg import build

    out = tmp_path_factory.mktemp("devset-out")
    build(DEVSET / "docs", out, jobs=2)
    r = subprocess.run([sys.executable, str(SCORER), str(out / "graph.ttl"), str(DEVSET / "gold"), "--ontology",
                        str(ROOT / "ontology")], capture_output=True, text=True, check=True)
    rows = {m.group(2): (float(m.group(3)), float(m.group(4))) for m in map(_ROW.match, r.stdout.splitlines()) if m}
    obs = next(l for l in r.stdout.splitlines() if l.startswith("observations"))
    rows["observations"] = tuple(map(float, obs.split()[1:3]))
    return rows


DEV_FLOORS = FLOORS["devset"]


@pytest.mark.parametrize("name", sorted(DEV_FLOORS))
def test_quality_devset_precision_and_recall_at_least_the_floor(dev_scores, name):
    precision, recall = dev_scores[name]
    floor = DEV_FLOORS[name]
    assert precision >= floor["precision"], f"{name}: precision {precision} < floor {floor['precision']}"
    assert recall >= floor["recall"], f"{name}: recall {recall} < floor {floor['recall']}"


def test_quality_without_the_shared_folder_skips_but_fails_under_ci(tmp_path):
    import os
    import shutil

    checkout = tmp_path / "checkout"  # a checkout with no ../shared beside it
    shutil.copytree(Path(__file__).parent, checkout / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    (checkout / "seeds").symlink_to(SEEDS)

    def run(ci: bool) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "1"} if ci else {})
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "floor",
                               "tests/test_quality.py"], cwd=checkout, env=env, capture_output=True, text=True)

    quiet, strict = run(ci=False), run(ci=True)
    assert quiet.returncode == 0 and " skipped" in quiet.stdout and "failed" not in quiet.stdout, quiet.stdout
    assert strict.returncode == 1 and "CI=1 forbids skipping" in strict.stdout and " skipped" not in strict.stdout, strict.stdout
