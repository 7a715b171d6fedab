"""What a researcher asks first of a corpus of district reports: what do districts have in common,
and which districts are most alike — over the entity graph, with networkx.

A district's profile is what it or its own bodies (institutions whose jurisdiction it is) run,
issue or plan (programs, documents) and the honors that it, its bodies or its programs received.
Items named by two or more districts are listed with the districts; pairs of districts are ranked
by the Jaccard index of their profiles, with the shared items named.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from rdflib import Graph

from .namespace import KG
from .network import entity_graph

PROFILE = ("Program", "PolicyDocument", "Honor")
_DOES = ("implements", "issued", "plans")


@dataclass(frozen=True)
class Analysis:
    districts: list[str]  # the reporting districts, by label
    shared: list[dict]  # items two or more districts have: label, class, districts
    similar: list[dict]  # district pairs: a, b, jaccard, shared (labels), only_a, only_b


def _prop(data: dict) -> str:
    return data["prop"].rsplit("#", 1)[-1]


def _actors(G: nx.MultiDiGraph, district: str) -> set[str]:
    """The district and its own bodies (institutions whose jurisdiction it is)."""
    return {district} | {s for s, _, d in G.in_edges(district, data=True) if _prop(d) == "jurisdiction"}


def profiles(G: nx.MultiDiGraph, districts: list[str]) -> dict[str, set[str]]:
    """What each district has: the programs and documents it or its bodies run, issue or plan, and
    the honors that it, its bodies or a program of its own (run by no other district) received.
    A program run by several districts is one node, so its honors cannot be told apart by district."""
    actors = {d: _actors(G, d) for d in districts}
    items = {d: {o for a in actors[d] for _, o, e in G.out_edges(a, data=True)
                 if _prop(e) in _DOES and G.nodes[o]["cls"] in ("Program", "PolicyDocument")}
             for d in districts}
    runs: dict[str, int] = {}
    for d in districts:
        for x in items[d]:
            runs[x] = runs.get(x, 0) + 1
    out = {}
    for d in districts:
        own = {x for x in items[d] if G.nodes[x]["cls"] == "Program" and runs[x] == 1}
        honors = {o for h in actors[d] | own for _, o, e in G.out_edges(h, data=True)
                  if _prop(e) == "received" and G.nodes[o]["cls"] == "Honor"}
        out[d] = items[d] | honors
    return out


def analyze(g: Graph, top: int = 10) -> Analysis:
    G = entity_graph(g)
    label = lambda n: G.nodes[n]["label"]  # noqa: E731
    districts = sorted({str(d) for d in g.objects(None, KG.reportingDivision) if str(d) in G}, key=label)
    profiles_ = profiles(G, districts)
    holders: dict[str, set[str]] = {}
    for d, items in profiles_.items():
        for x in items:
            holders.setdefault(x, set()).add(d)
    shared = sorted(({"label": label(x), "class": G.nodes[x]["cls"], "count": len(ds),
                      "districts": sorted(label(d) for d in ds)}
                     for x, ds in holders.items() if len(ds) >= 2),
                    key=lambda r: (-r["count"], PROFILE.index(r["class"]), r["label"]))
    similar = []
    for a, b in combinations(districts, 2):
        both = profiles_[a] & profiles_[b]
        union = profiles_[a] | profiles_[b]
        if both:
            similar.append({"a": label(a), "b": label(b), "jaccard": round(len(both) / len(union), 4),
                            "shared": sorted(label(x) for x in both),
                            "only_a": len(profiles_[a] - both), "only_b": len(profiles_[b] - both)})
    similar.sort(key=lambda r: (-r["jaccard"], -len(r["shared"]), r["a"], r["b"]))
    return Analysis([label(d) for d in districts], shared[:top] if top else shared, similar[:top] if top else similar)


_CLASS = {"Program": "program", "PolicyDocument": "document", "Honor": "honor"}


def as_text(a: Analysis) -> str:
    lines = [f"Shared by two or more of the {len(a.districts)} reporting districts "
             "(programs and documents they or their bodies run, issue or plan; honors they received)"]
    if not a.shared:
        lines.append("  none: no program, document or honor is named by two districts")
    for r in a.shared:
        lines.append(f"  {r['count']:>3}  {_CLASS[r['class']]:<8}  {r['label']}  — {'、'.join(r['districts'])}")
    lines.append("")
    lines.append("Districts most alike (Jaccard index of those profiles; what they share)")
    if not a.similar:
        lines.append("  none: no two districts share anything")
    for r in a.similar:
        lines.append(f"  {r['jaccard']:.3f}  {r['a']} ~ {r['b']} ({len(r['shared'])} shared, "
                     f"{r['only_a']} / {r['only_b']} not): {'、'.join(r['shared'])}")
    return "\n".join(lines) + "\n"
