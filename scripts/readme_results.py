"""Rewrite the example results printed in README.md from a fresh build of the seeds.

    .venv/bin/python scripts/readme_results.py            # rewrite README.md in place
    .venv/bin/python scripts/readme_results.py --check    # exit 1 and show what differs

Each generated block sits between two markers, with what produces it in the first:

    <!-- results: query NAME [key=value …] [rows=N] -->   a saved query, as `kg query --name` prints it
    <!-- results: list -->                                `kg query --list`
    <!-- results: analyze -->                             `kg analyze`
    ```
    …
    ```
    <!-- /results -->

``rows=N`` prints the first N rows and then how many there are.  Whoever changes extraction runs
this script and commits README.md: the test suite (tests/test_readme.py) fails while a block
differs from what the build gives.
"""
from __future__ import annotations

import difflib
import re
import sys
import tempfile
from pathlib import Path
from typing import Union

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- results: (?P<spec>[^>]*?) -->\n)```[^\n]*\n(?P<body>.*?)```\n(?=<!-- /results -->)", re.S)


def blocks(text: str) -> list[tuple[str, str]]:
    """(spec, body) of every generated block of a README."""
    return [(m.group("spec"), m.group("body")) for m in BLOCK.finditer(text)]


def render(spec: str, graph: Union[str, Path]) -> str:
    """What a block's spec gives over a built graph (an output folder, graph.ttl or a store)."""
    from kg.analyze import analyze, as_text
    from kg.query import format_result, load, run
    from kg.saved import listing, saved_query

    words = spec.split()
    if words[0] == "list":
        return listing()
    if words[0] == "analyze":
        return as_text(analyze(load(graph)))
    if words[0] != "query" or len(words) < 2:
        raise ValueError(f"README block {spec!r}: expected 'query NAME …', 'list' or 'analyze'")
    args = dict(w.split("=", 1) for w in words[2:])
    rows = int(args.pop("rows", 0))
    table = format_result(run(graph, saved_query(words[1]).bind(args)), "table")
    if rows:
        lines = table.splitlines()
        body, count = lines[2:-1], lines[-1]
        if len(body) > rows:
            table = "\n".join(lines[: 2 + rows] + [f"… {count}"]) + "\n"
    return table


def rewrite(text: str, graph: Union[str, Path]) -> str:
    return BLOCK.sub(lambda m: m.group(1) + "```\n" + render(m.group("spec"), graph) + "```\n", text)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from kg import build

    check = "--check" in argv
    old = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="govkg-readme-") as tmp:
        build(ROOT / "seeds", Path(tmp))
        new = rewrite(old, tmp)
    if new == old:
        print(f"README.md: {len(blocks(old))} result blocks are up to date")
        return 0
    if check:
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "README.md", "built"))
        return 1
    README.write_text(new, encoding="utf-8")
    print("README.md: result blocks rewritten from a fresh build of seeds/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
