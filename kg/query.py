"""SPARQL over a built graph, with the project's prefixes predeclared, and result formatting."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path
from typing import Union

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.query import Result

from .errors import QueryError
from .rdf import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")


def load(path: Union[str, Path], fast: bool = False) -> Graph:
    """A built graph from a Turtle file, a build's output folder or a store made by
    ``kg build --store``.  ``fast`` loads a file into an in-memory Oxigraph store (for queries)."""
    from .store import fast_graph, is_store, open_store

    p = Path(path)
    if is_store(p):
        try:
            return open_store(p)
        except OSError as e:
            raise QueryError(f"{p}: cannot open the store: {e}") from None
    if p.is_dir():
        p = p / "graph.ttl"
    if not p.exists():
        raise QueryError(f"{p}: no such graph file")
    try:
        if fast and p.suffix == ".ttl":
            return fast_graph(p)
        g = Graph()
        g.parse(p, format="turtle" if p.suffix in (".ttl", "") else None)
        return g
    except Exception as e:
        raise QueryError(f"{p}: cannot parse: {e}") from None


def query(graph: Union[str, Path, Graph], sparql: str) -> Result:
    """Run SPARQL over a graph, a graph file, a build folder or a store (prefixes predeclared)."""
    g = graph if isinstance(graph, Graph) else load(graph, fast=True)
    try:
        return g.query(sparql, initNs=PREFIXES)
    except Exception as e:
        raise QueryError(f"invalid query: {e}") from None


def _cell(v: object, prefixes: dict[str, str]) -> str:
    if v is None:
        return ""
    if isinstance(v, URIRef):
        s = str(v)
        for p, ns in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            if s.startswith(ns) and "/" not in s[len(ns):]:
                return f"{p}:{s[len(ns):]}"
        return s
    if isinstance(v, Literal):
        if v.datatype == XSD.decimal:  # 100.0 → 100, as the report wrote it
            return format(v.toPython().normalize(), "f") if hasattr(v.toPython(), "normalize") else str(v)
        return str(v)
    return str(v)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def format_result(result: Result, fmt: str = "table") -> str:
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")  # type: ignore[union-attr]
    if fmt == "json":
        return json.dumps(json.loads(result.serialize(format="json")), ensure_ascii=False, indent=1) + "\n"
    names = [str(v) for v in result.vars or []]
    rows = [[_cell(row[i], PREFIXES if fmt == "table" else {}) for i in range(len(names))] for row in result]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue()
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    pad = lambda s, w: s + " " * (w - _width(s))
    lines = [" | ".join(pad(n, w) for n, w in zip(names, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(pad(c, w) for c, w in zip(r, widths)) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
