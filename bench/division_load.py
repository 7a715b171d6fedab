"""Cold load time of the division table: what every build worker pays once.

    python bench/division_load.py [--runs 7]

Each run is a fresh interpreter that imports kg.data and calls divisions(); the
time of that call alone is printed (min and median over the runs), with the
table's size.  Target: under 0.3 s.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import json, time
import kg.data as data
t = time.perf_counter()
table = data.divisions()
print(json.dumps({"seconds": time.perf_counter() - t, "rows": len(table.by_code), "former": len(table.former)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    runs = [json.loads(subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, check=True,
                                      capture_output=True, text=True).stdout) for _ in range(args.runs)]
    times = [r["seconds"] for r in runs]
    print(json.dumps({"rows": runs[0]["rows"], "former_names": runs[0]["former"], "runs": args.runs,
                      "min_s": round(min(times), 3), "median_s": round(statistics.median(times), 3)}))


if __name__ == "__main__":
    main()
