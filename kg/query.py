"""SPARQL over a built graph, with the project's prefixes predeclared, and result formatting."""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Union

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.query import Result

from .errors import QueryError
from .namespace import KG
from .rdf import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")


class QueryWarning(UserWarning):
    """The query is valid but probably not what was meant (a kg: term the ontology lacks)."""


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
        raise QueryError(f"{p}: cannot parse: {_parse_reason(str(e))}") from None


def _parse_reason(message: str) -> str:
    """A parser's complaint as one line: rdflib's Turtle parser quotes the whole input after it."""
    m = re.search(r"at line (\d+).*?Bad syntax \(([^)]*)\)", message, re.S)
    if m:
        return f"line {m.group(1)}: {m.group(2)}"
    message = " ".join(message.split())
    return message if len(message) <= 200 else message[:199] + "…"


def query(graph: Union[str, Path, Graph], sparql: str) -> Result:
    """Run SPARQL over a graph, a graph file, a build folder or a store (prefixes predeclared).
    Raises QueryError with the position and a hint; warns (QueryWarning) of kg: terms the ontology lacks."""
    for warning in check(sparql):
        warnings.warn(warning, QueryWarning, stacklevel=2)
    g = graph if isinstance(graph, Graph) else load(graph, fast=True)
    try:
        return g.query(sparql, initNs=PREFIXES)
    except Exception as e:
        raise QueryError(_explain(sparql, str(e))) from None


# ---------------------------------------------------------------- what is wrong with a query, in one line

# Strings, IRIs and comments are blanked out; what is left is scanned for keywords and prefixed names.
_SKIP = re.compile(r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
                   r"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*""")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([^\W\d_][\w.-]*)?:", re.I)
_PNAME = re.compile(r"(?<![\w?$:.-])([^\W\d_][\w.-]*)?:((?:[\w%-]|\\.)(?:[\w.%-]|\\.)*)?")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_KG_TERMS = frozenset(KG.__annotations__)


def _blank(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length, so positions hold)."""
    return _SKIP.sub(lambda m: " " * len(m.group(0)), sparql)


def _where(sparql: str, offset: int) -> str:
    line = sparql.count("\n", 0, offset) + 1
    column = offset - (sparql.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def check(sparql: str) -> list[str]:
    """Raise QueryError for what can be named before the engine runs (the query form, an undefined
    prefix); return warnings for kg: terms that the ontology does not declare."""
    text = _blank(sparql)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
    body = _PREFIX_DECL.sub(lambda m: " " * len(m.group(0)), text)
    body = re.sub(r"\bBASE\b", "    ", body, flags=re.I)
    first = re.search(r"[A-Za-z]\w*", body)
    if first and first.group(0).upper() not in _FORMS:
        word = first.group(0)
        if word.upper() in _UPDATES:
            raise QueryError(f"{word} at {_where(sparql, first.start())}: kg query only reads the graph; "
                             "a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE")
        close = difflib.get_close_matches(word.upper(), _FORMS, n=1, cutoff=0.6)
        raise QueryError(f"invalid SPARQL at {_where(sparql, first.start())}: {word!r} is not a query form; "
                         + (f"did you mean {close[0]}?" if close else
                            "a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE (after PREFIX lines)"))
    known = set(PREFIXES) | declared
    found = []
    for m in _PNAME.finditer(body):
        prefix, local = m.group(1) or "", m.group(2) or ""
        if prefix not in known:
            raise QueryError(f"undefined prefix {prefix + ':'!r} at {_where(sparql, m.start())}; known: "
                             + " ".join(p + ":" for p in sorted(PREFIXES))
                             + f" (or declare it: PREFIX {prefix}: <…>)")
        if prefix == "kg" and "kg" not in declared and local and local not in _KG_TERMS:
            close = difflib.get_close_matches(local, sorted(_KG_TERMS), n=1, cutoff=0.7)
            hint = (f"did you mean kg:{close[0]}?" if close else
                    "names are rdfs:label and skos:altLabel" if local.lower() in ("label", "name", "title") else
                    "ontology/govkg.ttl lists the terms")
            found.append(f"kg:{local} at {_where(sparql, m.start())} is not in the govkg ontology, "
                         f"so it matches nothing; {hint}")
    return found


_KEYWORDS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH",
             "SERVICE", "BIND", "VALUES", "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET",
             "DISTINCT", "REDUCED", "AS", "FROM", "NAMED", "NOT", "EXISTS", "IN", "PREFIX", "BASE")


def _explain(sparql: str, message: str) -> str:
    """One line: where the query goes wrong, what stands there, and a hint.  rdflib's parser names the
    token it stopped at; Oxigraph's (the engine) often reports the end of the query instead, so
    rdflib's account is preferred when it also rejects the query."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(sparql)
    except ParseException as e:
        found = re.match(r"[A-Za-z]+\b|\S{1,20}", sparql[e.loc:])
        if not found:
            return f"invalid SPARQL at line {e.lineno}, column {e.col}: the query ends too early (is a }} missing?)"
        word = found.group(0)
        close = difflib.get_close_matches(word.upper(), _KEYWORDS, n=1, cutoff=0.75) if word.isalpha() else []
        hint = f"; did you mean {close[0]}?" if close and close[0] != word.upper() else ""
        return f"invalid SPARQL at line {e.lineno}, column {e.col}: unexpected {word!r}{hint}"
    except Exception:  # rdflib's parser failed otherwise: the engine's account below
        pass
    message = " ".join(message.split())
    m = re.search(r"error at (\d+):(\d+): (.*)", message)
    if not m:
        return f"invalid query: {message[:200]}"
    line, column = int(m.group(1)), int(m.group(2))
    what = m.group(3)
    expected = re.match(r"expected one of (.*)", what)
    if expected:  # the readable alternatives, not the character classes
        options = [o for o in re.findall(r'"([^"]+)"', expected.group(1)) if o not in ("{|", "~")]
        rest = re.sub(r"\[[^\]]*\]|\"[^\"]*\"", "", expected.group(1))
        options += [o.strip() for o in rest.split(",") if o.strip()]
        what = "expected " + " or ".join(options[:8])
    return f"invalid SPARQL at line {line}, column {column}: {what}"


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
        g = result.graph  # type: ignore[union-attr]
        for prefix, ns in PREFIXES.items():  # the project's prefixes, not ns1:
            g.bind(prefix, ns, override=True, replace=True)
        return g.serialize(format="turtle")
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
    lines = [" | ".join(pad(n, w) for n, w in zip(names, widths)).rstrip(), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
