"""Query speed on a store of about a million triples.

    python bench/query_bench.py [--copies 100]

Builds the seeds, then a store holding COPIES copies of their graph (every
IRI under id/ renamed per copy, so the copies are distinct entities), and
times the saved queries through `kg.query` (rdflib API, Oxigraph engine) on
the on-disk store.  Prints the figures; the last line is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.query import load  # noqa: E402
from kg.saved import saved_queries  # noqa: E402

QUERIES = {
    "shared-programs (GROUP BY, HAVING)": ("shared-programs", {}),
    "compare (exact join on the concept)": ("compare", {"indicator": "行政复议案件数"}),
    "honors (two class patterns)": ("honors", {}),
    "entity (label lookup)": ("entity", {"name": "放管服改革"}),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=100)
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govkg-qbench-"))
    try:
        kg.build(ROOT / "seeds", work / "out")
        lines = (work / "out" / "graph.ttl")
        import pyoxigraph

        base = pyoxigraph.Store()
        base.bulk_load(path=str(lines), format=pyoxigraph.RdfFormat.TURTLE)
        nt = "".join(str(q.triple) + " .\n" for q in base)
        prefix = "<https://w3id.org/govkg/id/"
        started = time.perf_counter()
        store_dir = work / "store"
        store = pyoxigraph.Store(str(store_dir))
        for i in range(a.copies):
            store.bulk_load(input=nt.replace(prefix, f"{prefix}c{i}/").encode("utf-8"),
                            format=pyoxigraph.RdfFormat.N_TRIPLES)
        store.flush()
        triples = len(store)
        del store
        load_s = time.perf_counter() - started
        print(f"store: {triples:,} triples ({a.copies} copies of the seeds), loaded in {load_s:.1f} s")
        g = load(store_dir)  # the store, opened once, as rdflib sees it
        figures = {}
        for title, (name, params) in QUERIES.items():
            sparql = saved_queries()[name].bind(params)
            started = time.perf_counter()
            rows = list(kg.query(g, sparql))
            cold = time.perf_counter() - started
            started = time.perf_counter()
            list(kg.query(g, sparql))
            warm = time.perf_counter() - started
            figures[name] = {"rows": len(rows), "cold_s": round(cold, 3), "warm_s": round(warm, 3)}
            print(f"  {title:<38} {len(rows):>7} rows   first {cold:6.3f} s   again {warm:6.3f} s")
        print(json.dumps({"triples": triples, "load_s": round(load_s, 1), "queries": figures}, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
