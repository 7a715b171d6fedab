"""SPARQL over a built graph, with the project's prefixes predeclared, and result formatting.

A graph named by its path (Turtle file, build folder, store) is answered by Oxigraph directly and
its answer formatted from Oxigraph's terms: converting every value to rdflib first cost more than
the query itself on large graphs.  ``query`` keeps rdflib's API for library callers."""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from .errors import QueryError
from .namespace import KG, PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}
_XSD = "http://www.w3.org/2001/XMLSchema#"


class QueryWarning(UserWarning):
    """The query is valid but probably not what was meant (a kg: term the ontology lacks)."""


def load(path: Union[str, Path]) -> Graph:
    """A built graph from a Turtle file, a build's output folder or a store made by ``kg build --store``,
    as an rdflib graph (a store stays on disk, its queries answered by Oxigraph)."""
    from .store import is_store, open_store

    p = Path(path)
    if is_store(p):
        try:
            return open_store(p)
        except OSError as e:
            raise QueryError(f"{p}: cannot open the store: {e}") from None
    p = _graph_file(p)
    try:
        g = Graph()
        g.parse(p, format="turtle" if p.suffix in (".ttl", "") else None)
        return g
    except Exception as e:
        raise QueryError(f"{p}: cannot parse: {_parse_reason(str(e))}") from None


def open_graph(path: Union[str, Path]) -> ox.Store:
    """The Oxigraph store that answers queries over ``path``: a store made by ``kg build --store``,
    opened read-only where it is, or a graph file (or build folder) parsed into memory."""
    from .store import is_store

    p = Path(path)
    if is_store(p):
        try:
            return ox.Store.read_only(str(p))
        except OSError as e:
            raise QueryError(f"{p}: cannot open the store: {e}") from None
    p = _graph_file(p)
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=ox.RdfFormat.from_extension(p.suffix[1:]) or ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"{p}: cannot parse: {_parse_reason(str(e))}") from None
    except OSError as e:
        raise QueryError(f"{p}: cannot read: {e.strerror or e}") from None
    return store


def _graph_file(p: Path) -> Path:
    if p.is_dir():
        p = p / "graph.ttl"
    if not p.exists():
        raise QueryError(f"{p}: no such graph file")
    return p


def _parse_reason(message: str) -> str:
    """A parser's complaint as one line: rdflib's Turtle parser quotes the whole input after it."""
    m = re.search(r"at line (\d+).*?Bad syntax \(([^)]*)\)", message, re.S)
    if m:
        return f"line {m.group(1)}: {m.group(2)}"
    message = " ".join(message.split())
    return message if len(message) <= 200 else message[:199] + "…"


@dataclass(frozen=True)
class Answer:
    """What a query gave, in Oxigraph's terms: the rows of a SELECT (None where a variable is
    unbound), the truth of an ASK, the triples of a CONSTRUCT or DESCRIBE."""

    form: str  # SELECT, ASK or CONSTRUCT (DESCRIBE included), as rdflib names result types
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool = False
    triples: tuple[Any, ...] = ()


def run(graph: Union[str, Path, ox.Store], sparql: str) -> Answer:
    """Run SPARQL with Oxigraph over a store (see ``open_graph``) or the graph at a path (prefixes
    predeclared): what ``kg query`` does.  Raises QueryError with the position and a hint; warns
    (QueryWarning) of kg: terms the ontology lacks."""
    _warn(sparql)
    return _answer(graph if isinstance(graph, ox.Store) else open_graph(graph), sparql)


def query(graph: Union[str, Path, Graph], sparql: str) -> Result:
    """Run SPARQL over an rdflib graph, a graph file, a build folder or a store (prefixes
    predeclared), and return rdflib's ``Result``: a path is answered as by ``run``, an rdflib graph
    by its own engine.  Raises QueryError with the position and a hint; warns (QueryWarning) of kg:
    terms the ontology lacks."""
    _warn(sparql)
    if not isinstance(graph, Graph):
        return _as_result(_answer(open_graph(graph), sparql))
    try:
        return graph.query(sparql, initNs=PREFIXES)
    except Exception as e:
        raise QueryError(_explain(sparql, str(e))) from None


def _warn(sparql: str) -> None:
    for warning in check(sparql):
        warnings.warn(warning, QueryWarning, stacklevel=3)  # at the caller of run() or query()


def _answer(store: ox.Store, sparql: str) -> Answer:
    try:
        result = store.query(sparql, prefixes=_PREFIXES)
        if isinstance(result, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            return Answer("SELECT", tuple(v.value for v in result.variables), tuple(tuple(row) for row in result))
        return Answer("CONSTRUCT", triples=tuple(result))
    except Exception as e:
        raise QueryError(_explain(sparql, str(e))) from None


def _rdflib(term: Any) -> Any:
    """An Oxigraph term as rdflib's."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.Triple):
        return _rdflib(term.subject), _rdflib(term.predicate), _rdflib(term.object)
    raise QueryError(f"a query answer holds what kg cannot print: {term!r}")


def _graph(triples: Iterable) -> Graph:
    """Oxigraph's triples as an rdflib graph."""
    g = Graph()
    g += (_rdflib(t) for t in triples)
    return g


def _as_result(answer: Answer) -> Result:
    out = Result(answer.form)
    if answer.form == "ASK":
        out.askAnswer = answer.boolean
    elif answer.form == "SELECT":
        out.vars = [Variable(v) for v in answer.variables]
        out.bindings = [{v: _rdflib(t) for v, t in zip(out.vars, row)} for row in answer.rows]
    else:
        out.graph = _graph(answer.triples)
    return out


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


@lru_cache(maxsize=4096)
def _typed(value: str, datatype: str) -> str:
    """A typed value written as rdflib writes it (its canonical form), as before Oxigraph answered."""
    return str(Literal(value, datatype=URIRef(datatype)))


def _lexical(term: ox.Literal) -> str:
    if term.language or term.datatype.value == _XSD + "string":
        return term.value
    return _typed(term.value, term.datatype.value)


def _cell(v: Any, compact: bool) -> str:
    if v is None:
        return ""
    if isinstance(v, ox.NamedNode):
        s = v.value
        if compact:
            for p, ns in _BY_LENGTH:
                if s.startswith(ns) and "/" not in s[len(ns):]:
                    return f"{p}:{s[len(ns):]}"
        return s
    if isinstance(v, ox.Literal) and v.datatype.value == _XSD + "decimal":  # 100.0 → 100, as the report wrote it
        try:
            return format(Decimal(v.value).normalize(), "f")
        except InvalidOperation:
            return _lexical(v)
    if isinstance(v, ox.BlankNode):
        return v.value
    if isinstance(v, ox.Literal):
        return _lexical(v)
    raise QueryError(f"a query answer holds what kg cannot print: {v!r}")


_BY_LENGTH = sorted(_PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _json_term(v: Any) -> Optional[dict[str, str]]:
    """A value as SPARQL 1.1 results JSON writes it (with the datatype of plain strings, as rdflib did)."""
    if isinstance(v, ox.NamedNode):
        return {"type": "uri", "value": v.value}
    if isinstance(v, ox.BlankNode):
        return {"type": "bnode", "value": v.value}
    if isinstance(v, ox.Literal):
        if v.language:
            return {"type": "literal", "value": v.value, "xml:lang": v.language}
        return {"type": "literal", "value": _lexical(v), "datatype": v.datatype.value}
    if v is None:
        return None
    raise QueryError(f"a query answer holds what kg cannot print: {v!r}")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def format_result(answer: Answer, fmt: str = "table") -> str:
    """An answer as `kg query` prints it: a table, CSV, TSV or SPARQL results JSON; CONSTRUCT and
    DESCRIBE as Turtle with the project's prefixes; ASK as true or false."""
    if answer.form == "ASK":
        return ("true" if answer.boolean else "false") + "\n"
    if answer.form == "CONSTRUCT":
        g = _graph(answer.triples)
        for prefix, ns in PREFIXES.items():  # the project's prefixes, not ns1:
            g.bind(prefix, ns, override=True, replace=True)
        return g.serialize(format="turtle")
    names = list(answer.variables)
    if fmt == "json":
        bindings = [{n: j for n, t in zip(names, row) if (j := _json_term(t)) is not None} for row in answer.rows]
        return json.dumps({"results": {"bindings": bindings}, "head": {"vars": names}},
                          ensure_ascii=False, indent=1) + "\n"
    rows = [[_cell(t, fmt == "table") for t in row] for row in answer.rows]
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
