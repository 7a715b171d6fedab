"""bench.py's measure for two checkouts, alternated: is B faster than A?

    python bench/ab.py CHECKOUT_A CHECKOUT_B [--rounds 6] [--reports 1000] [--jobs 2]

On a shared machine the speed of a core drifts by a fifth within a minute, so two bench.py runs
minutes apart compare the machine, not the code.  This makes one corpus (with A's bench.py) and
then runs A and B in turn, ABBA…, each in a fresh process of its own checkout that measures as
bench.py does: the tables loaded first (bench.py loads them to make its corpus), `jieba.lcut`
timed just before and just after `kg.build`, the ratio of the build's characters per second per
core to it.  It prints every run (with the CPU time of the build and its workers, which drifts
less than wall time), each side's medians, and the median of the paired ratios B/A (each pair
run back to back); the last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

MAKE = """
import random, sys
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/bench"]
import bench
bench.make_corpus(Path(sys.argv[2]), int(sys.argv[3]), random.Random(1))
"""

RUN = """
import json, resource, shutil, sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/bench"]
import bench, kg
bench.seed_templates()  # as bench.py: its corpus is made with the tables loaded
corpus, out, jobs = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))
before = bench.jieba_rate(corpus)
def cpu():
    own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
started, cpu_started = time.perf_counter(), cpu()
kg.build(corpus, out, jobs=jobs)
seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
after = bench.jieba_rate(corpus)
shutil.rmtree(out)
print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "ratio": chars / seconds / jobs / ((before + after) / 2),
                  "jieba": [round(before), round(after)]}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    sides = {"A": str(args.a.resolve()), "B": str(args.b.resolve())}
    work = Path(tempfile.mkdtemp(prefix="govkg-ab-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        subprocess.run([sys.executable, "-c", MAKE, sides["A"], str(corpus), str(args.reports)], check=True)
        runs: dict[str, list[dict]] = {"A": [], "B": []}
        for r in range(args.rounds):
            for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
                # run from the work folder: the current folder comes first on sys.path
                done = subprocess.run([sys.executable, "-c", RUN, sides[side], str(corpus), str(work / "out"),
                                       str(args.jobs)], capture_output=True, text=True, cwd=work, check=True)
                run = json.loads(done.stdout.strip().splitlines()[-1])
                runs[side].append(run)
                print(f"{side} {run['seconds']:6.2f} s ({run['cpu']:5.2f} s of CPU)  ratio {run['ratio']:.3f}  "
                      f"(jieba.lcut {run['jieba'][0]}/{run['jieba'][1]} chars/s before/after)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = {"reports": args.reports, "jobs": args.jobs, "rounds": args.rounds}
    for side in ("A", "B"):
        ratios = [run["ratio"] for run in runs[side]]
        summary[side] = {"checkout": sides[side], "cpu_median": round(statistics.median(run["cpu"] for run in runs[side]), 2),
                         "ratio_median": round(statistics.median(ratios), 3),
                         "ratio_min": round(min(ratios), 3), "ratio_max": round(max(ratios), 3)}
        print(f"{side} ({sides[side]}): ratio median {summary[side]['ratio_median']} "
              f"(min {summary[side]['ratio_min']}, max {summary[side]['ratio_max']}); CPU median {summary[side]['cpu_median']} s")
    paired = [b["ratio"] / a["ratio"] for a, b in zip(runs["A"], runs["B"])]
    summary["b_over_a_median"] = round(statistics.median(paired), 3)
    print(f"B/A, pair by pair: median {summary['b_over_a_median']} ({', '.join(f'{x:.3f}' for x in paired)})")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
