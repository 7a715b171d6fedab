"""A small, deterministic Turtle writer for the graphs we build.

rdflib's serializer spends most of a build's time computing prefixed names, and
building rdflib terms for two thousand provenance triples a report costs more
than extracting them.  Our triples use a fixed set of namespaces, so they are
made as Turtle terms from the start (``ref``, ``lit``, prefixed names such as
``kg:refersTo``).  A report's own nodes are written one by one as they are made
(rdf.report_turtle); the linked entities, gathered from every report, go through
a ``Block``: each subject's triples together, predicates in the order first given
(rdf:type first), subjects sorted.  The same triples given in the same order give
the same bytes; the output is checked against two independent parsers (rdflib,
Oxigraph) by the tests.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import RDF

from .namespace import PREFIXES

_TYPE = str(RDF.type)
ALL_PREFIXES = dict(sorted({**PREFIXES, "rdf": str(RDF)}.items()))
_LOCAL = re.compile(r"[A-Za-z0-9_\u4e00-\u9fff](?:[A-Za-z0-9_\-\u4e00-\u9fff]*[A-Za-z0-9_\u4e00-\u9fff])?")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')
_DECIMAL = re.compile(r"[+-]?\d*\.\d+")


def header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in ALL_PREFIXES.items()) + "\n"


# Every namespace ends in "/" or "#" and a local name has neither, so the one namespace an IRI
# can be written under is the IRI up to its last "/" or "#" (for a namespace given two names,
# the first).  A report's own nodes (report/…/section/3) are thus never prefixed names.
_PREFIX_OF = {ns: p for p, ns in reversed(ALL_PREFIXES.items())}


@lru_cache(maxsize=1 << 16)  # the same IRIs come back: entities, properties, classes
def iri_term(s: str) -> str:
    """The Turtle term of an IRI: a prefixed name where one is valid, else <…>."""
    if s == _TYPE:
        return "a"
    cut = max(s.rfind("/"), s.rfind("#")) + 1
    prefix = _PREFIX_OF.get(s[:cut])
    if prefix is not None and _LOCAL.fullmatch(s, cut):
        return f"{prefix}:{s[cut:]}"
    return f"<{s}>"


def _escape(m: "re.Match[str]") -> str:
    return _ESCAPES[m.group(0)]


def lit(value, lang: str = "", datatype: str = "") -> str:
    """A literal in Turtle: lit(12) → 12, lit("区", "zh") → "区"@zh, lit("2024-01-02", datatype="date")."""
    if type(value) is not str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        value = str(value)
    if _NEEDS_ESCAPE.search(value):  # rarely: a search costs less than a substitution that finds nothing
        value = _NEEDS_ESCAPE.sub(_escape, value)
    if lang:
        return f'"{value}"@{lang}'
    if datatype == "decimal" and _DECIMAL.fullmatch(value):
        return value
    if datatype:
        return f'"{value}"^^xsd:{datatype}'
    return f'"{value}"'


class Block:
    """Triples given as Turtle terms, written subject by subject.

    Duplicates are kept once; a subject's predicates keep the order they were first
    given in, and a predicate's objects too; subjects are written in sorted order."""

    __slots__ = ("nodes", "count")

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, dict[str, None]]] = {}
        self.count = 0

    def add(self, s: str, p: str, o: str) -> None:
        preds = self.nodes.get(s)
        if preds is None:
            preds = self.nodes[s] = {}
        objs = preds.get(p)
        if objs is None:
            objs = preds[p] = {}
        if o not in objs:
            objs[o] = None
            self.count += 1

    def text(self) -> str:
        out = []
        for s in sorted(self.nodes):
            lines = ["    " + p + " " + ", ".join(objs) for p, objs in self.nodes[s].items()]
            out.append(s + "\n" + " ;\n".join(lines) + " .\n")
        return "\n".join(out)
