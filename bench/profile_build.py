"""Profile of `kg build` over the benchmark corpus, in one process.

    python bench/profile_build.py [--reports 200] [--top 15] [--sort tottime|cumulative]

Builds the same synthetic corpus as bench/bench.py (seeds moved to other
counties), runs the whole build in this process (--jobs 1) under cProfile, and
prints the top entries.  The last line is one JSON object: the build's time
and the share of it spent in the top function.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kg  # noqa: E402
from bench import make_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govkg-profile-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        chars = make_corpus(corpus, a.reports, random.Random(a.seed))
        kg.data.check()  # tables loaded before timing, as in every worker after its first report
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        kg.build(corpus, work / "out", jobs=1)
        profiler.disable()
        seconds = time.perf_counter() - started
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(a.sort)
        stats.print_stats(a.top)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))
        print(json.dumps({"reports": a.reports, "chars": chars, "seconds_profiled": round(seconds, 2)}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
