"""How often a figure whose measure belongs to a concept of the indicator scheme gets that concept.

    python bench/concept_coverage.py GRAPH.ttl [GRAPH.ttl …] [--labels bench/concepts.tsv]

GRAPH is a built graph of the reports the labels are about (the seeds, ../shared/devset/docs).
bench/concepts.tsv holds the gold observations of ../shared/gold and ../shared/devset/gold, each
with the concept a reader judged its measure to belong to (or none).  Each labelled observation is
matched to a figure of the graph as ../shared/tools/kg-score matches them (same report, value and
unit equal, measures alike: character-bigram Dice ≥ 0.5).  Over the matched observations whose
label names a concept, *coverage* is the share whose figure has that concept as kg:indicator;
*wrong* is the share given another concept; over those labelled with none, *spurious* is the share
given a concept all the same.  Prints the figures and the misses; the last line is one JSON object.
"""
from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import PROV, RDF, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kg.namespace import KG  # noqa: E402

SCORER = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "kg-score"


def _scorer():
    """The shared scorer's own normalisation and measure similarity, so that figures are matched
    exactly as it matches them."""
    loader = importlib.machinery.SourceFileLoader("kg_score", str(SCORER))
    spec = importlib.util.spec_from_loader("kg_score", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


if not SCORER.exists():
    raise SystemExit(f"{SCORER}: the shared scorer is needed (../shared/tools/kg-score)")
_KG_SCORE = _scorer()
norm, dice = _KG_SCORE.norm, _KG_SCORE.dice


def figures(paths: list[str]) -> dict[str, list[dict]]:
    """The figures of each report (by file name) in the graphs."""
    out: dict[str, list[dict]] = {}
    for path in paths:
        g = Graph().parse(path, format="turtle")
        for report, _, name in g.triples((None, KG.sourceFile, None)):
            rows = out.setdefault(os.path.basename(str(name)), [])
            for o in g.subjects(PROV.wasDerivedFrom, report):
                if (o, RDF.type, KG.Observation) not in g:
                    continue
                concept = g.value(o, KG.indicator)
                rows.append({"value": float(g.value(o, KG.value)), "unit": norm(g.value(o, KG.unit)),
                             "measure": norm(g.value(o, KG.measure)),
                             "concept": str(g.value(concept, SKOS.prefLabel)) if concept is not None else ""})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graphs", nargs="+")
    ap.add_argument("--labels", default=str(Path(__file__).with_name("concepts.tsv")))
    a = ap.parse_args()
    found = figures(a.graphs)
    labels = [line.rstrip("\n").split("\t") for line in open(a.labels, encoding="utf-8")
              if line.strip() and not line.startswith("#")]
    used: set[tuple[str, int]] = set()
    counts = {"labelled": 0, "matched": 0, "covered": 0, "wrong": 0, "none_matched": 0, "spurious": 0}
    misses = []
    for file, measure, value, unit, concept in labels:
        preds = found.get(file, [])
        same = [i for i, p in enumerate(preds) if (file, i) not in used and p["unit"] == norm(unit)
                and abs(p["value"] - float(value)) <= 1e-6 * max(1.0, abs(float(value)))]
        best = max(same, key=lambda i: dice(norm(measure), preds[i]["measure"]), default=None)
        matched = best is not None and dice(norm(measure), preds[best]["measure"]) >= 0.5
        if matched:
            used.add((file, best))
        if concept:
            counts["labelled"] += 1
            if matched:
                counts["matched"] += 1
                got = preds[best]["concept"]
                if got == concept:
                    counts["covered"] += 1
                else:
                    counts["wrong"] += bool(got)
                    misses.append(f"{file}: {measure} {value}{unit} → {concept}; figure {preds[best]['measure']!r} "
                                  f"has {got or 'no concept'}")
        elif matched:
            counts["none_matched"] += 1
            if preds[best]["concept"]:
                counts["spurious"] += 1
                misses.append(f"{file}: {measure} {value}{unit} → none; figure {preds[best]['measure']!r} "
                              f"has {preds[best]['concept']}")
    coverage = counts["covered"] / max(counts["matched"], 1)
    wrong = counts["wrong"] / max(counts["matched"], 1)
    spurious = counts["spurious"] / max(counts["none_matched"], 1)
    for line in misses:
        print("  " + line)
    print(f"labelled with a concept: {counts['labelled']}, matched to a figure: {counts['matched']}; "
          f"coverage {coverage:.3f}, another concept {wrong:.3f}; labelled none and matched: "
          f"{counts['none_matched']}, given a concept {spurious:.3f}")
    print(json.dumps({**counts, "coverage": round(coverage, 4), "wrong": round(wrong, 4),
                      "spurious": round(spurious, 4)}))


if __name__ == "__main__":
    sys.exit(main())
