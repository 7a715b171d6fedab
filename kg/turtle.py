"""A small, deterministic Turtle writer for the graphs we build.

rdflib's serializer spends most of a build's time computing prefixed names;
our triples use a fixed set of namespaces, so writing them is a sort and a
format.  The output is sorted (subjects, then predicates with rdf:type first,
then objects), hence byte-identical for the same triples in any order, and it
is checked against two independent parsers (rdflib, Oxigraph) by the tests.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from rdflib import RDF, XSD, BNode, Literal, URIRef

from .namespace import PREFIXES

_TYPE = str(RDF.type)
ALL_PREFIXES = dict(sorted({**PREFIXES, "rdf": str(RDF)}.items()))
_BY_LENGTH = sorted(ALL_PREFIXES.items(), key=lambda kv: -len(kv[1]))
_LOCAL = re.compile(r"[A-Za-z0-9_\u4e00-\u9fff](?:[A-Za-z0-9_\-\u4e00-\u9fff]*[A-Za-z0-9_\u4e00-\u9fff])?")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+")


def header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in ALL_PREFIXES.items()) + "\n"


_NODES = PREFIXES["report"]  # sections, sentences, mentions… of a report: never a prefixed name


@lru_cache(maxsize=1 << 16)
def _iri(s: str) -> str:
    if s == _TYPE:
        return "a"
    if s.startswith(_NODES) and "/" in s[len(_NODES):]:
        return f"<{s}>"
    for prefix, ns in _BY_LENGTH:
        if s.startswith(ns) and _LOCAL.fullmatch(s[len(ns):]):
            return f"{prefix}:{s[len(ns):]}"
    return f"<{s}>"


class Lit(str):
    """A literal already written as Turtle: building rdflib Literals was a third of a build's time."""

    __slots__ = ()


def lit(value, lang: str = "", datatype: str = "") -> Lit:
    """A literal in Turtle: lit(12) → 12, lit("区", "zh") → "区"@zh, lit("2024-01-02", datatype="date")."""
    if isinstance(value, bool):
        return Lit("true" if value else "false")
    if isinstance(value, int):
        return Lit(str(value))
    text = '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], str(value)) + '"'
    if lang:
        return Lit(f"{text}@{lang}")
    if datatype == "decimal" and _DECIMAL.fullmatch(str(value)):
        return Lit(str(value))
    if datatype:
        return Lit(f"{text}^^xsd:{datatype}")
    return Lit(text)


def term(t) -> str:
    if type(t) is Lit:
        return t
    if isinstance(t, URIRef):
        return _iri(str(t))
    if isinstance(t, Literal):
        lex = str(t)
        dt = t.datatype
        if dt == XSD.integer and _INTEGER.fullmatch(lex):
            return lex
        if dt == XSD.decimal and _DECIMAL.fullmatch(lex):
            return lex
        if dt == XSD.boolean and lex in ("true", "false"):
            return lex
        quoted = '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], lex) + '"'
        if t.language:
            return f"{quoted}@{t.language}"
        if dt is not None and dt != XSD.string:
            return f"{quoted}^^{term(URIRef(dt))}"
        return quoted
    if isinstance(t, BNode):
        raise ValueError("the graph has a blank node; govkg graphs name every node")
    raise TypeError(f"not an RDF term: {t!r}")


def _object_key(o) -> tuple:
    if type(o) is Lit:
        return (1, str(o), "", "")
    if isinstance(o, URIRef):
        return (0, str(o), "", "")
    return (1, str(o), str(o.datatype or ""), o.language or "")


@lru_cache(maxsize=256)
def _predicate_key(p) -> tuple[bool, str]:
    return (str(p) != _TYPE, str(p))


def write(triples: Iterable[tuple]) -> str:
    """Turtle (without the prefix header) for ``triples``, sorted."""
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
    out = []
    for s in sorted(by_subject, key=str):
        preds = by_subject[s]
        lines = []
        for p in sorted(preds, key=_predicate_key):
            objects = preds[p]
            if len(objects) == 1:
                objs = term(next(iter(objects)))
            else:
                objs = ", ".join(term(o) for o in sorted(objects, key=_object_key))
            lines.append(f"    {term(p)} {objs}")
        out.append(term(s) + "\n" + " ;\n".join(lines) + " .\n")
    return "\n".join(out)
