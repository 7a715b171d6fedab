"""Query speed on a store of about a million triples.

    python bench/query_bench.py [--copies 100] [--repeat 7]

Builds the seeds, then a store holding COPIES copies of their graph (every
IRI under id/ renamed per copy, so the copies are distinct entities), written
as `kg build --store` writes one, opens it as `kg query STORE` does, and times every saved query in kg/data/queries/ with
its declared default parameters: the first run on the freshly opened store,
then the median of REPEAT more runs ("warm").  A run is what `kg query` does
before printing: Oxigraph answers and every row is fetched; "printed" adds
formatting the rows as the default table.  Prints the figures; the last line
is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.query import format_result, open_graph, run  # noqa: E402
from kg.saved import saved_queries  # noqa: E402
from kg.store import write_store  # noqa: E402


def timed(f) -> tuple[object, float, float]:
    """What f returns, with the wall-clock and the CPU seconds it took (on a machine shared with other
    work the CPU time is the steadier figure; the target is on the wall clock)."""
    started, cpu = time.perf_counter(), time.process_time()
    out = f()
    return out, time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=7, help="warm runs per query; the median is reported")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govkg-qbench-"))
    try:
        kg.build(ROOT / "seeds", work / "out")
        import pyoxigraph

        base = pyoxigraph.Store()
        base.bulk_load(path=str(work / "out" / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
        nt = "".join(str(q.triple) + " .\n" for q in base)
        prefix = "<https://w3id.org/govkg/id/"
        copies = work / "copies.nt"
        with copies.open("w", encoding="utf-8") as f:
            for i in range(a.copies):
                f.write(nt.replace(prefix, f"{prefix}c{i}/"))
        started = time.perf_counter()
        store_dir = work / "store"
        triples = write_store(copies, store_dir)  # as kg build --store writes a store
        load_s = time.perf_counter() - started
        print(f"store: {triples:,} triples ({a.copies} copies of the seeds), loaded in {load_s:.1f} s")
        store = open_graph(store_dir)  # opened once, as kg query opens it
        figures = {}
        print(f"  {'saved query':<24} {'rows':>7}   {'first':>9}   {'warm':>9}   {'warm CPU':>9}   {'printed':>9}")
        for name, q in saved_queries().items():
            sparql = q.bind({})
            answer, cold, _ = timed(lambda: run(store, sparql))
            runs = [timed(lambda: run(store, sparql)) for _ in range(a.repeat)]
            warm, cpu = statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs)
            printed = statistics.median(timed(lambda: format_result(run(store, sparql)))[1] for _ in range(a.repeat))
            figures[name] = {"rows": len(answer.rows), "cold_s": round(cold, 4), "warm_s": round(warm, 4),
                             "warm_cpu_s": round(cpu, 4), "printed_s": round(printed, 4)}
            print(f"  {name:<24} {len(answer.rows):>7}   {cold * 1000:6.1f} ms   {warm * 1000:6.1f} ms   "
                  f"{cpu * 1000:6.1f} ms   {printed * 1000:6.1f} ms")
        slowest = max(figures, key=lambda n: figures[n]["warm_s"])
        print(f"slowest warm: {slowest} {figures[slowest]['warm_s'] * 1000:.1f} ms")
        print(json.dumps({"triples": triples, "load_s": round(load_s, 1), "queries": figures,
                          "slowest_warm_s": figures[slowest]["warm_s"]}, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
