"""The entity network: the entities of a graph and the relations between them, as networkx.

One network feeds the view (`viz`), the analysis (`analyze`) and the GraphML/GEXF exports
(`export`).  It is made either from a built graph (RDF) or, during a build, straight from
the linked entities and relation facts — the two give the same network.
"""
from __future__ import annotations

from itertools import chain
from typing import Callable, Iterable, Optional

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from .namespace import KG, ORG

CLASSES = ("AdministrativeDivision", "Institution", "PolicyDocument", "Program", "Honor")
RELATIONS = {  # the properties that are edges of the network → (中文, English)
    KG.partOf: ("隶属于", "part of"), KG.jurisdiction: ("管辖区域", "jurisdiction"), KG.issued: ("印发", "issued"),
    KG.implements: ("贯彻实施", "implements"), KG.plans: ("计划实施", "plans"), KG.received: ("获得", "received"),
    KG.cooperatesWith: ("合作", "cooperates with"), ORG.subOrganizationOf: ("隶属机构", "sub-organization of"),
}


def entity_graph(g: Graph, sentences: Optional[dict[str, str]] = None) -> nx.MultiDiGraph:
    """The entities of a built graph and the relations between them.

    Each node has ``cls``, ``label``, ``alts``, ``reports`` (how many reports mention it) and
    ``sentence`` (one sentence naming it); each edge has ``prop``.  ``sentences`` (entity key →
    a sentence naming it) saves looking them up in the graph's mentions."""
    G = nx.MultiDiGraph()
    sentence_of: dict[URIRef, tuple[str, int, str]] = {}
    if sentences is not None:
        from .keys import iri

        sentence_of = {iri(k): ("", 0, s) for k, s in sentences.items()}
    for m in ([] if sentences is not None else g.subjects(RDF.type, KG.Mention)):
        e = g.value(m, KG.refersTo)
        st = g.value(m, KG.inSentence)
        if e is None or st is None:
            continue
        key = (str(g.value(m, KG.inReport)), int(g.value(m, KG.start) or 0), str(g.value(st, KG.text) or ""))
        if e not in sentence_of or key < sentence_of[e]:
            sentence_of[e] = key
    for cls in CLASSES:
        for e in g.subjects(RDF.type, KG[cls]):
            if (e, RDF.type, KG.Report) in g:
                continue
            label = str(g.value(e, RDFS.label) or e)
            alts = sorted(str(a) for a in g.objects(e, SKOS.altLabel))
            count = g.value(e, KG.mentionCount)
            G.add_node(str(e), cls=cls, label=label, alts=alts, reports=int(count) if count is not None else 0,
                       sentence=sentence_of.get(e, ("", 0, ""))[2])
    for prop in RELATIONS:
        for s, o in g.subject_objects(prop):
            if str(s) in G and str(o) in G:
                G.add_edge(str(s), str(o), key=str(prop), prop=str(prop))
    return G


def network_from(entities: Iterable, facts: Iterable[tuple[str, str, str]], sentences: dict[str, str],
                 max_nodes: Optional[int] = None) -> nx.MultiDiGraph:
    """The same network as ``entity_graph``, made from linked entities and relation facts
    (head IRI, property IRI, tail IRI) — what a build holds — instead of from RDF.  With
    ``max_nodes``, only the part of it a view of that size keeps (``most_connected``): a build's
    page shows a few hundred nodes, and making the whole network first costs more than the page."""
    from .rdf import iri_text

    nodes = {iri_text(e.key): e for e in entities}
    hierarchy = ((node, prop, iri_text(target)) for node, e in nodes.items()
                 for target, prop in ((e.parent, _PART_OF), (e.jurisdiction, _JURISDICTION), (e.suborg, _SUBORG))
                 if target)
    # An edge is one per (head, property, tail), as in the graph.  The facts' IRIs are copies, one
    # per report: each edge is made again of the nodes' own strings, so that the passes below
    # find them by identity, in memory that lies together, instead of comparing copies.
    node, prop = {n: n for n in nodes}, {p: p for p in _EDGES}
    edges = list(dict.fromkeys((node[s], prop[p], node[o]) for s, p, o in chain(hierarchy, facts)
                               if p in prop and s in node and o in node))
    if max_nodes is not None and len(nodes) > max_nodes:
        degree = dict.fromkeys(nodes, 0)
        for s, _, o in edges:
            degree[s] += 1
            degree[o] += 1
        keep = set(most_connected(nodes, degree, lambda n: nodes[n].label, max_nodes))
        nodes = {n: e for n, e in nodes.items() if n in keep}
        edges = [(s, p, o) for s, p, o in edges if s in keep and o in keep]
    G = nx.MultiDiGraph()
    G.add_nodes_from((n, {"cls": e.kind, "label": e.label, "alts": sorted(e.alts), "reports": e.reports,
                          "sentence": sentences.get(e.key, "")}) for n, e in nodes.items())
    for s, p, o in edges:  # add_edges_from goes through three views per edge to set the data: twice the time
        G.add_edge(s, o, p, prop=p)
    return G


def most_connected(nodes: Iterable[str], degree: dict[str, int], label: Callable[[str], str], n: int) -> list[str]:
    """The ``n`` nodes a view of that size keeps: the most connected, ties by label then IRI."""
    nodes = list(nodes)
    if 0 < n < len(nodes):  # only the nodes as connected as the n-th most connected need ranking
        least = sorted((degree[x] for x in nodes), reverse=True)[n - 1]
        nodes = [x for x in nodes if degree[x] >= least]
    return sorted(nodes, key=lambda x: (-degree[x], label(x), x))[:n]


_EDGES = frozenset(str(p) for p in RELATIONS)
_PART_OF, _JURISDICTION, _SUBORG = str(KG.partOf), str(KG.jurisdiction), str(ORG.subOrganizationOf)
