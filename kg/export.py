"""A built graph in the formats other tools read.

TriG and N-Quads carry one named graph per report (what that report says:
its structure, mentions, observations and the relations it states) plus one
graph of the entities themselves, so a user can drop or replace one report.
GraphML and GEXF carry the entity graph (labels, classes, names as
attributes) for Gephi and Cytoscape.
"""
from __future__ import annotations

from pathlib import Path
from typing import Union

import networkx as nx
from rdflib import RDF, Dataset, Graph, URIRef

from .errors import UsageError
from .files import check_target, write_atomic
from .namespace import ID, KG
from .network import entity_graph
from .query import load
from .namespace import PREFIXES

FORMATS = ("ttl", "nt", "trig", "nq", "jsonld", "graphml", "gexf")
ENTITIES_GRAPH = ID["graph/entities"]
_REPORT_PREFIX = str(ID) + "report/"


def partition(g: Graph) -> Dataset:
    """The graph split into named graphs: one per report, one for the entities."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    stated: dict[tuple, set[URIRef]] = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        triple = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        report = g.value(st, KG.inReport)
        if report is not None:
            stated.setdefault(triple, set()).add(report)
    entities = ds.graph(ENTITIES_GRAPH)
    graphs: dict[str, Graph] = {}
    for s, p, o in g:
        text = str(s)
        if text.startswith(_REPORT_PREFIX):
            key = text[len(_REPORT_PREFIX):].split("/", 1)[0]
            if key not in graphs:
                graphs[key] = ds.graph(ID["graph/report/" + key])
            graphs[key].add((s, p, o))
        elif (s, p, o) in stated:
            for report in stated[(s, p, o)]:
                key = str(report)[len(_REPORT_PREFIX):]
                if key not in graphs:
                    graphs[key] = ds.graph(ID["graph/report/" + key])
                graphs[key].add((s, p, o))
        else:
            entities.add((s, p, o))
    return ds


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """The entity graph with plain attributes (GraphML and GEXF take strings and numbers only)."""
    G = entity_graph(g)
    out = nx.MultiDiGraph()
    for n, d in sorted(G.nodes(data=True)):
        out.add_node(n, label=d["label"], cls=d["cls"], alts="|".join(d["alts"]), reports=d["reports"])
    for s, o, k, d in sorted(G.edges(keys=True, data=True)):
        out.add_edge(s, o, key=k, relation=d["prop"].rsplit("#", 1)[-1])
    return out


def export(source: Union[Graph, str, Path], fmt: str, out: Union[str, Path]) -> None:
    """Write a graph (an rdflib Graph, graph.ttl, a build folder or a store) to ``out`` in ``fmt``.
    The file is replaced atomically; its folder must exist (checked before the graph is loaded)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    out = check_target(out)
    g = source if isinstance(source, Graph) else load(source)
    if fmt == "ttl":
        data = g.serialize(format="turtle", encoding="utf-8")
    elif fmt == "nt":
        lines = g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        data = ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    elif fmt in ("trig", "nq"):
        ds = partition(g)
        data = ds.serialize(format="trig" if fmt == "trig" else "nquads", encoding="utf-8")
        if fmt == "nq":
            data = ("\n".join(sorted(l for l in data.decode("utf-8").splitlines() if l.strip())) + "\n").encode("utf-8")
    elif fmt == "jsonld":
        context = {k: v for k, v in PREFIXES.items()}
        data = g.serialize(format="json-ld", context=context, indent=1, encoding="utf-8")
    else:
        G = to_networkx(g)
        import io

        buf = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(G, buf)
        data = buf.getvalue()
    write_atomic(out, data)
