"""bench.py's measure for two checkouts, alternated: is B faster than A?

    python bench/ab.py CHECKOUT_A CHECKOUT_B [--rounds 6] [--reports 1000] [--jobs 2]

On a shared machine the speed of a core drifts by a fifth within a minute, so two bench.py runs
minutes apart compare the machine, not the code.  This runs A and B in turn, ABBA…, each as
``bench.run`` of its own checkout in a fresh process (the same corpus each time: bench.py makes it
from a fixed seed).  It prints every run, each side's median ratio, and the median of the paired
ratios B/A (each pair run back to back); the last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

RUN = """
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/bench"]
import bench
print(json.dumps(bench.run(int(sys.argv[2]), int(sys.argv[3]), 1)))
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
    runs: dict[str, list[dict]] = {"A": [], "B": []}
    with tempfile.TemporaryDirectory(prefix="govkg-ab-") as work:
        for r in range(args.rounds):
            for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
                # run from an empty folder: the current folder comes first on sys.path
                done = subprocess.run([sys.executable, "-c", RUN, sides[side], str(args.reports), str(args.jobs)],
                                      capture_output=True, text=True, cwd=work, check=True)
                run = json.loads(done.stdout.strip().splitlines()[-1])
                runs[side].append(run)
                print(f"{side} {run['seconds']:6.2f} s  ratio {run['ratio_to_jieba_lcut']:.3f}  (jieba.lcut "
                      f"{'/'.join(map(str, run['jieba_lcut_before_after']))} chars/s before/after)", flush=True)
    summary: dict = {"reports": args.reports, "jobs": args.jobs, "rounds": args.rounds}
    for side in ("A", "B"):
        ratios = [run["ratio_to_jieba_lcut"] for run in runs[side]]
        summary[side] = {"checkout": sides[side], "ratio_median": round(statistics.median(ratios), 3),
                         "ratio_min": min(ratios), "ratio_max": max(ratios)}
        print(f"{side} ({sides[side]}): ratio median {summary[side]['ratio_median']} "
              f"(min {summary[side]['ratio_min']}, max {summary[side]['ratio_max']})")
    paired = [b["ratio_to_jieba_lcut"] / a["ratio_to_jieba_lcut"] for a, b in zip(runs["A"], runs["B"])]
    summary["b_over_a_median"] = round(statistics.median(paired), 3)
    print(f"B/A, pair by pair: median {summary['b_over_a_median']} ({', '.join(f'{x:.3f}' for x in paired)})")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
