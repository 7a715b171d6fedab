"""Benchmark of `kg build` on synthetic corpora made from the seeds.

    python bench/bench.py --reports 1000 [5000 …] [--jobs J]

Each synthetic report is a seed whose reporting division (and its city and
province, full and short names) is swapped for another county-level division
from the national list, with a part of another seed (renamed the same way)
appended — so the text is real report text about other places.  For each
corpus size it builds the corpus from scratch and prints reports/s,
characters/s per core, peak memory and triples; on the same text in the same
run it measures plain `jieba.lcut` throughput (just before and just after the
build, averaged), the floor any jieba-based pipeline stands on, and prints the
ratio.  With several sizes it prints how time grows.  The last line is one JSON object (for the largest size).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.data import divisions  # noqa: E402
from kg.model import Doc  # noqa: E402
from kg.read import read  # noqa: E402
from kg.recognize import divisions as recognize_divisions  # noqa: E402
from kg.structure import structure  # noqa: E402


def seed_templates() -> list[tuple[str, list[str]]]:
    """Each seed's text and the names of its reporting chain (county, city, province; full and short)."""
    out = []
    table = divisions()
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        src = read(p)
        division = recognize_divisions.recognize(Doc(structure(src))).division
        chain = table.chain(division.code) if division is not None and division.code else []
        out.append((src.text, [d.name for d in chain]))
    return out


def swap(text: str, old: list[str], new: list[str]) -> str:
    """Replace a chain's names, full then short, by another chain's."""
    from kg.data import short_name

    pairs = []
    for o, n in zip(old, new):
        pairs.append((o, n))
        if short_name(o) != o and short_name(n) != n:
            pairs.append((short_name(o), short_name(n)))
    marks = {}
    for i, (o, _) in enumerate(sorted(pairs, key=lambda p: -len(p[0]))):
        mark = f"\x00{i}\x00"
        marks[mark] = dict(pairs)[o]
        text = text.replace(o, mark)
    for mark, n in marks.items():
        text = text.replace(mark, n)
    return text


def make_corpus(folder: Path, n: int, rng: random.Random) -> int:
    templates = seed_templates()
    table = divisions()
    counties = sorted(d.code for d in table.by_code.values() if d.level == "county")
    chars = 0
    for i in range(n):
        text, chain = templates[rng.randrange(len(templates))]
        other, other_chain = templates[rng.randrange(len(templates))]
        target = [d.name for d in table.chain(rng.choice(counties))]
        target = (target + [target[-1]] * 3)[: len(chain)]
        body = swap(text, chain, target)
        paragraphs = [p for p in swap(other, other_chain, (target + [target[-1]] * 3)[: len(other_chain)]).split("\n")
                      if len(p) > 40]
        if paragraphs:
            start = rng.randrange(len(paragraphs))
            body += "\n" + "\n".join(paragraphs[start:start + 3]) + "\n"
        (folder / f"r{i:05d}.txt").write_text(body, encoding="utf-8")
        chars += len(body)
    return chars


def jieba_rate(folder: Path, limit: int = 3_000_000) -> float:
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    text, size = [], 0
    for p in sorted(folder.glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        text.append(t)
        size += len(t)
        if size >= limit:
            break
    joined = "\n".join(text)
    started = time.perf_counter()
    tk.lcut(joined)
    return len(joined) / (time.perf_counter() - started)


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def run(n: int, jobs: int, seed: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"govkg-bench-{n}-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        chars = make_corpus(corpus, n, random.Random(seed))
        # jieba.lcut is timed just before and just after the build and the two averaged: on a
        # shared machine the speed of a core drifts by a third within minutes, and one reading
        # taken after a long build was as likely to flatter the ratio as to sink it.
        before = jieba_rate(corpus)
        started = time.perf_counter()
        result = kg.build(corpus, work / "out", jobs=jobs)
        seconds = time.perf_counter() - started
        after = jieba_rate(corpus)
        baseline = (before + after) / 2
        per_core = chars / seconds / jobs
        return {"reports": n, "jobs": jobs, "seconds": round(seconds, 2), "chars": chars,
                "reports_per_s": round(n / seconds, 1), "chars_per_s_per_core": round(per_core),
                "jieba_lcut_chars_per_s": round(baseline),
                "jieba_lcut_before_after": [round(before), round(after)],
                "ratio_to_jieba_lcut": round(per_core / baseline, 3),
                "peak_rss_mb": peak_rss_mb(), "triples": result.triples,
                "built": sum(1 for f in result.files if f.status == "built"),
                "skipped": len(result.skipped)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, nargs="+", default=[1000])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, jobs {a.jobs}")
    results = []
    for n in a.reports:
        r = run(n, a.jobs, a.seed)
        results.append(r)
        print(f"{n:>6} reports: {r['seconds']:>8.1f} s  {r['reports_per_s']:>7.1f} reports/s  "
              f"{r['chars_per_s_per_core']:>8} chars/s/core  (jieba.lcut {r['jieba_lcut_chars_per_s']} chars/s, "
              f"{'/'.join(map(str, r['jieba_lcut_before_after']))} before/after, "
              f"ratio {r['ratio_to_jieba_lcut']})  peak {r['peak_rss_mb']} MB  {r['triples']} triples")
    if len(results) > 1:
        a0, a1 = results[0], results[-1]
        growth = a1["seconds"] / a0["seconds"]
        print(f"growth {a0['reports']} → {a1['reports']} reports: time ×{growth:.2f} for ×{a1['reports'] / a0['reports']:.1f} "
              f"the reports (per report ×{growth / (a1['reports'] / a0['reports']):.2f})")
    print(json.dumps(results[-1]))


if __name__ == "__main__":
    main()
