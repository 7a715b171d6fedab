"""The interactive HTML view: one self-contained file that works offline from file://.

We own the page: vis-network's script and style (the copy pyvis ships) are
inlined, so the page asks no other host for anything; it is written as UTF-8
by us.  Which entities are shown is decided here, in Python, so that tests can
compare what the browser draws with what the view holds.  Small views settle
with physics and then freeze; large ones get positions computed here and draw
with physics off, so a view of thousands of nodes stays responsive.
"""
from __future__ import annotations

import importlib.util
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional, Union

import networkx as nx
from rdflib import Graph

from .errors import ViewError
from .files import check_target, write_atomic
from .namespace import KG
from .network import CLASSES, RELATIONS, entity_graph, most_connected

STYLE = {  # class → (colour, vis shape, 中文, English)
    "AdministrativeDivision": ("#4e79a7", "dot", "行政区划", "division"),
    "Institution": ("#f28e2b", "diamond", "机构", "institution"),
    "PolicyDocument": ("#59a14f", "square", "政策文件", "document"),
    "Program": ("#b07aa1", "triangle", "工作项目", "program"),
    "Honor": ("#e1a100", "star", "荣誉", "honor"),
}
PHYSICS_LIMIT = 1000  # above this many nodes, positions are computed here and physics stays off
LABEL_LIMIT = 14  # characters of a name drawn on the canvas; a longer one is cut (tooltip and search have it all)
HUB_LABELS = 10  # at most this many of the most connected nodes stay labelled at overview zoom
CONTEXT_COLOUR = "#c9c9c9"
_RELATION_NAMES = {str(p): names for p, names in RELATIONS.items()}  # as an edge's key, the property's IRI as text
_SLOTS = re.compile(r"/\*(?:VIS_CSS|VIS_JS|DATA)\*/|\{\{TITLE\}\}")  # the template's slots (render)


@dataclass(frozen=True)
class ViewOptions:
    focus: Optional[str] = None
    depth: int = 1
    classes: tuple[str, ...] = ()
    report: Optional[str] = None
    max_nodes: int = 500


@dataclass(frozen=True)
class View:
    graph: nx.MultiDiGraph
    omitted: int
    notes: tuple[str, ...] = field(default=())


def _reports(g: Graph, name: str) -> set[str]:
    reports = {r for r in g.subjects(KG.sourceFile, None) if str(g.value(r, KG.sourceFile)) == name
               or any(str(f) == name or Path(str(f)).name == Path(name).name for f in g.objects(r, KG.sourceFile))}
    if not reports:
        raise ViewError(f"no report with source file {name!r} in the graph")
    return {str(e) for r in reports for e in g.objects(r, KG.mentions)}


def _find(G: nx.MultiDiGraph, name: str) -> str:
    if name in G:
        return name
    exact = [n for n, d in G.nodes(data=True) if d["label"] == name or name in d["alts"]]
    loose = [n for n, d in G.nodes(data=True) if name in d["label"]]
    found = exact or loose
    if not found:
        raise ViewError(f"no entity named {name!r} in the graph")
    return max(found, key=lambda n: (G.degree(n), G.nodes[n]["label"]))


def select(g: Graph, options: ViewOptions = ViewOptions(), sentences: Optional[dict[str, str]] = None) -> View:
    """The entities and relations a view shows, chosen as the options say."""
    G = entity_graph(g, sentences)
    report_entities = _reports(g, options.report) if options.report else None
    return select_network(G, options, report_entities)


def select_network(G: nx.MultiDiGraph, options: ViewOptions = ViewOptions(),
                   report_entities: Optional[set[str]] = None) -> View:
    notes = []
    if options.classes:
        unknown = [c for c in options.classes if c not in CLASSES]
        if unknown:
            raise ViewError(f"unknown class {unknown[0]!r}; choose from {', '.join(CLASSES)}")
        chosen = {n for n, d in G.nodes(data=True) if d["cls"] in options.classes}
        # Programs, documents and honors rarely link to each other: what ties them together is the
        # divisions that run, issue or receive them.  Those stay, greyed, as context.
        context = set()
        if "AdministrativeDivision" not in options.classes:
            context = {m for n in chosen for m in nx.all_neighbors(G, n)
                       if G.nodes[m]["cls"] == "AdministrativeDivision"}
        G = _induced(G, chosen | context)
        for n in context:
            G.nodes[n]["context"] = True
        notes.append("classes: " + ", ".join(options.classes)
                     + (f" (and, in grey, the {len(context)} divisions connected to them)" if context else ""))
    if report_entities is not None:
        G = _induced(G, [n for n in G if n in report_entities])
        notes.append(f"report: {options.report}")
    if options.focus:
        centre = _find(G, options.focus)
        around = nx.ego_graph(G.to_undirected(as_view=True), centre, radius=max(0, options.depth))
        G = _induced(G, list(around))
        notes.append(f"around {G.nodes[centre]['label']} (depth {options.depth})")
    omitted = 0
    if options.max_nodes and G.number_of_nodes() > options.max_nodes:
        keep = most_connected(G, dict(G.degree()), lambda n: G.nodes[n]["label"], options.max_nodes)
        omitted = G.number_of_nodes() - len(keep)
        G = _induced(G, keep)
    return View(G, omitted, tuple(notes))


def _induced(G: nx.MultiDiGraph, nodes) -> nx.MultiDiGraph:
    """A copy of the part of ``G`` on these nodes (as ``G.subgraph(nodes).copy()``, without going
    through networkx's filtered views, which cost ten times more on a large graph)."""
    keep = set(nodes)
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, dict(G.nodes[n])) for n in G if n in keep)
    for u, v, k, d in G.out_edges(list(H), keys=True, data=True):
        if v in keep:
            H.add_edge(u, v, k, **d)  # as in network_from: add_edges_from costs twice as much
    return H


def _spiral_layout(G: nx.MultiDiGraph, degree: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Positions for a large view, in O(n): each class in its own sector, the most connected nearest
    the centre.  Deterministic, and instant where a force layout would take minutes."""
    pos = {}
    sectors = {c: i for i, c in enumerate(CLASSES)}
    for cls in CLASSES:
        members = sorted((n for n, d in G.nodes(data=True) if d["cls"] == cls), key=lambda n: (-degree[n], n))
        base = 2 * math.pi * sectors[cls] / len(CLASSES)
        for k, n in enumerate(members):
            r = 40 * math.sqrt(k + 4)
            a = base + (k * 2.39996) % (2 * math.pi / len(CLASSES))
            pos[n] = (round(r * math.cos(a), 1), round(r * math.sin(a), 1))
    return pos


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    # vis-network's files as pyvis ships them, found without importing pyvis (a quarter of a
    # second of imports, for two files)
    (where,) = importlib.util.find_spec("pyvis").submodule_search_locations
    lib = Path(where) / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    template = resources.files("kg").joinpath("data", "viz.html").read_text(encoding="utf-8")
    return js, css, template


def _tooltip(d: dict) -> str:
    zh, en = STYLE[d["cls"]][2:]
    lines = [f"{zh} {en}", d["label"]]
    if d["alts"]:
        lines.append("别名 also: " + "、".join(d["alts"][:6]) + ("…" if len(d["alts"]) > 6 else ""))
    lines.append(f"提及报告 reports: {d['reports']}")
    if d["sentence"]:
        s = d["sentence"]
        lines.append("来源 source: " + (s if len(s) <= 90 else s[:88] + "…"))
    return "\n".join(lines)


def render(view: View, title: str = "govkg") -> str:
    """The HTML page of a view."""
    js, css, template = _assets()
    G = view.graph
    degree = dict(G.degree())  # once: a node's degree is a sum over its neighbours
    large = G.number_of_nodes() > PHYSICS_LIMIT
    pos = _spiral_layout(G, degree) if large else {}
    nodes = []
    hubs = _hubs(G, degree)
    for n in sorted(G):
        d = G.nodes[n]
        colour, shape = STYLE[d["cls"]][:2]
        group = "context" if d.get("context") else d["cls"]
        node = {"id": n, "label": short_label(d["label"]), "group": group, "shape": shape,
                "color": CONTEXT_COLOUR if group == "context" else colour,
                "title": _tooltip(d), "names": [d["label"], *d["alts"]], "value": degree[n] + 1}
        if n in hubs:
            node["hub"] = True
        if n in pos:
            node["x"], node["y"] = pos[n]
        nodes.append(node)
    edges = []
    for i, (s, o, k) in enumerate(sorted(G.edges(keys=True))):
        zh, en = _RELATION_NAMES[k]
        edges.append({"id": i, "from": s, "to": o, "title": f"{zh} {en}", "rel": en, "arrows": "to"})
    present = [c for c in CLASSES if any(G.nodes[n]["cls"] == c and not G.nodes[n].get("context") for n in G)]
    legend = [{"id": c, "colour": STYLE[c][0], "shape": STYLE[c][1], "zh": STYLE[c][2], "en": STYLE[c][3]}
              for c in present]
    if any(G.nodes[n].get("context") for n in G):
        legend.append({"id": "context", "colour": CONTEXT_COLOUR, "shape": STYLE["AdministrativeDivision"][1],
                       "zh": "关联行政区划", "en": "connecting divisions"})
    data = {
        "nodes": nodes, "edges": edges, "physics": not large,
        "classes": legend,
        "note": _note(view),
    }
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    # Every slot filled in one pass: what goes into one (a label, the library's code) is never
    # searched for another slot's mark.
    fill = {"/*VIS_CSS*/": css, "/*VIS_JS*/": js.replace("</script", "<\\/script"), "/*DATA*/": payload,
            "{{TITLE}}": _escape(title)}
    return _SLOTS.sub(lambda m: fill[m.group(0)], template)



def short_label(label: str, limit: int = LABEL_LIMIT) -> str:
    """What the canvas shows of a name: long titles cut, the whole name stays in the tooltip and search."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _hubs(G: nx.MultiDiGraph, degree: dict[str, int]) -> set[str]:
    """The most connected nodes, which keep a readable label when the whole view is in sight."""
    k = min(HUB_LABELS, max(1, G.number_of_nodes() // 10))
    ranked = most_connected(G, degree, lambda n: G.nodes[n]["label"], k)
    return {n for n in ranked if degree[n] > 0}


def _note(view: View) -> str:
    shown = view.graph.number_of_nodes()
    text = f"显示 {shown} 个节点、{view.graph.number_of_edges()} 条关系 · {shown} nodes, {view.graph.number_of_edges()} edges"
    if view.omitted:
        text += (f" — 另有 {view.omitted} 个连接较少的节点未显示 ({view.omitted} less connected nodes left out; "
                 f"use --focus, --class, --report or --max-nodes to see them)")
    if view.notes:
        text += " · " + "; ".join(view.notes)
    return text


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def load_graph(source: Union[str, Path, Graph]) -> Graph:
    if isinstance(source, Graph):
        return source
    from .query import load

    return load(source)


def visualize(source: Union[str, Path, Graph], out: Union[str, Path], options: ViewOptions = ViewOptions()) -> View:
    """Draw a built graph (a file, a build folder or an rdflib Graph) to a self-contained HTML file."""
    check_target(out)  # before the graph is loaded
    view = select(load_graph(source), options)
    write_atomic(Path(out), render(view, title="govkg · " + Path(str(out)).stem).encode("utf-8"))
    return view
