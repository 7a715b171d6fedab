"""What a researcher asks first: the most central entities, the districts most alike, and the
communities of districts and the programs they share — over the entity graph, with networkx."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from rdflib import Graph

from .namespace import KG
from .network import entity_graph


def pagerank(G: nx.Graph, damping: float = 0.85, iterations: int = 100, tol: float = 1e-10) -> dict[str, float]:
    """PageRank by power iteration (networkx's own needs SciPy, which nothing else here needs)."""
    nodes = sorted(G)
    if not nodes:
        return {}
    n = len(nodes)
    rank = {v: 1.0 / n for v in nodes}
    degree = {v: G.degree(v) for v in nodes}
    for _ in range(iterations):
        dangling = damping * sum(rank[v] for v in nodes if degree[v] == 0) / n
        new = {v: (1 - damping) / n + dangling + damping * sum(rank[u] / degree[u] for u in G.neighbors(v))
               for v in nodes}
        if sum(abs(new[v] - rank[v]) for v in nodes) < tol:
            return new
        rank = new
    return rank


@dataclass(frozen=True)
class Analysis:
    central: dict[str, list[dict]]  # class → rows (label, degree, pagerank)
    similar: list[dict]  # district pairs by Jaccard of shared programs and documents
    communities: list[dict]


def analyze(g: Graph, top: int = 10) -> Analysis:
    G = entity_graph(g)
    U = nx.Graph(G.to_undirected())
    pr = pagerank(U)
    central = {}
    for cls in ("Program", "PolicyDocument", "Institution"):
        members = [n for n, d in G.nodes(data=True) if d["cls"] == cls]
        ranked = sorted(members, key=lambda n: (-pr[n], -U.degree(n), G.nodes[n]["label"]))[:top]
        central[cls] = [{"label": G.nodes[n]["label"], "degree": U.degree(n), "pagerank": round(pr[n], 5),
                         "reports": G.nodes[n]["reports"]} for n in ranked]
    districts = sorted({str(d) for d in g.objects(None, KG.reportingDivision) if str(d) in G})
    features = {}
    for d in districts:
        features[d] = {o for _, o, data in G.out_edges(d, data=True)
                       if G.nodes[o]["cls"] in ("Program", "PolicyDocument")
                       and data["prop"].rsplit("#", 1)[-1] in ("implements", "issued", "plans")}
    similar = []
    for a, b in combinations(districts, 2):
        union = features[a] | features[b]
        shared = features[a] & features[b]
        if union:
            similar.append({"a": G.nodes[a]["label"], "b": G.nodes[b]["label"],
                            "jaccard": round(len(shared) / len(union), 4),
                            "shared": sorted(G.nodes[x]["label"] for x in shared)})
    similar.sort(key=lambda r: (-r["jaccard"], r["a"], r["b"]))
    B = nx.Graph()
    for d in districts:
        for x in features[d]:
            B.add_edge(d, x)
    communities = []
    if B.number_of_edges():
        from networkx.algorithms.community import greedy_modularity_communities

        for i, c in enumerate(greedy_modularity_communities(B)):
            ds = sorted(G.nodes[n]["label"] for n in c if n in districts)
            ps = sorted(G.nodes[n]["label"] for n in c if n not in districts)
            if ds:
                communities.append({"community": i + 1, "districts": ds, "programs_and_documents": ps})
    return Analysis(central, similar, communities)


def as_text(a: Analysis) -> str:
    lines = []
    names = {"Program": "Most central programs", "PolicyDocument": "Most central documents",
             "Institution": "Most central institutions"}
    for cls, rows in a.central.items():
        lines.append(f"{names[cls]} (PageRank over the entity graph)")
        for r in rows:
            lines.append(f"  {r['pagerank']:.5f}  degree {r['degree']:>3}  reports {r['reports']:>2}  {r['label']}")
        lines.append("")
    lines.append("Districts most alike (Jaccard of the programs and documents they run, issue or plan)")
    for r in a.similar[:10]:
        shared = "、".join(r["shared"][:6]) + ("…" if len(r["shared"]) > 6 else "")
        lines.append(f"  {r['jaccard']:.3f}  {r['a']} ~ {r['b']}: {shared or '—'}")
    lines.append("")
    lines.append("Communities of districts and what they share (greedy modularity)")
    for c in a.communities:
        shared = "、".join(c["programs_and_documents"][:8]) + ("…" if len(c["programs_and_documents"]) > 8 else "")
        lines.append(f"  {c['community']}: {'、'.join(c['districts'])} — {shared}")
    return "\n".join(lines) + "\n"
