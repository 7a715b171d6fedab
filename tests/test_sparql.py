"""Sharing and serving: saved queries, the on-disk store, exports that round-trip, a real SPARQL
endpoint on 127.0.0.1 queried with SPARQLWrapper, pushing into a second real server, analysis."""
from __future__ import annotations

import json
import urllib.request

import networkx as nx
import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

import kg
from kg.cli import main
from kg.export import ENTITIES_GRAPH, export, partition
from kg.namespace import KG
from kg.saved import SavedQueryError, saved_queries, saved_query
from kg.serve import serving


def test_sparql_every_saved_query_runs_over_the_seeds(seeds_build):
    _, out = seeds_build
    for q in saved_queries().values():
        rows = list(kg.query(out / "graph.ttl", q.bind({})))  # as kg query runs them: Oxigraph
        # no document is implemented by two seed districts (test_queries shows the query on two that do)
        assert rows or q.name == "documents-implemented", f"saved query {q.name} answered nothing over the seeds"
        assert q.description


def test_sparql_saved_query_parameters(seeds_build):
    result, _ = seeds_build
    rows = kg.query(result.graph, saved_query("entity").bind({"name": "硚口区司法局"}))
    props = {(str(r.direction), str(r.property), str(r.value)) for r in rows}
    assert ("→", "jurisdiction", "硚口区") in props and ("→", "altLabel", "区司法局") in props
    with pytest.raises(SavedQueryError, match="no parameter"):
        saved_query("entity").bind({"nome": "x"})
    q = saved_query("indicator").bind({"measure": 'a"b'})
    assert '"a\\"b"' in q  # values are escaped, not pasted


def test_sparql_query_command_saved_and_listed(seeds_build, capsys):
    _, out = seeds_build
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in saved_queries())
    assert main(["query", str(out), "--name", "shared-programs", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["program", "districts", "run_by"]
    assert main(["query", str(out), "--name", "nope"]) == 2


def test_sparql_store_is_queried_directly(seeds_build, tmp_path, capsys):
    _, out = seeds_build
    store = tmp_path / "store"
    assert main(["build", str(out.parent / "nowhere"), "--out", str(tmp_path / "x")]) == 1
    capsys.readouterr()
    from conftest import SEEDS

    assert main(["build", str(SEEDS), "--out", str(tmp_path / "o"), "--store", str(store)]) == 0
    assert main(["query", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Program }", "--format", "csv"]) == 0
    n = int(capsys.readouterr().out.splitlines()[-1])
    g = Graph().parse(tmp_path / "o" / "graph.ttl")
    assert n == len(set(g.subjects(predicate=None, object=kg.namespace.KG.Program)))
    # rebuilding replaces the store whole: a build of one report leaves nothing of the five-report store
    one = tmp_path / "one"
    one.mkdir()
    (one / "r.txt").write_bytes(next(SEEDS.glob("*.txt")).read_bytes())
    assert main(["build", str(one), "--out", str(tmp_path / "o1"), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["query", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"]) == 0
    n = int(capsys.readouterr().out.splitlines()[-1])
    assert n == len(Graph().parse(tmp_path / "o1" / "graph.ttl")) < len(g)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld"])
def test_sparql_exports_round_trip(seeds_build, tmp_path, fmt):
    result, _ = seeds_build
    path = tmp_path / f"g.{fmt}"
    export(result.graph, fmt, path)
    parse_as = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[fmt]
    if fmt in ("trig", "nq"):
        ds = Dataset()
        ds.parse(path, format=parse_as)
        back = Graph()
        for s, p, o, _ in ds.quads():
            back.add((s, p, o))
        names = {str(c.identifier) for c in ds.graphs() if len(c)}
        assert sum("/graph/report/" in n for n in names) == 5 and any(n.endswith("/graph/entities") for n in names)
    else:
        back = Graph().parse(path, format=parse_as)
    assert isomorphic(back, result.graph)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_sparql_network_exports_read_back(seeds_build, tmp_path, fmt):
    result, _ = seeds_build
    path = tmp_path / f"g.{fmt}"
    export(result.graph, fmt, path)
    G = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(path)
    labels = {d.get("label") for _, d in G.nodes(data=True)}
    assert "放管服改革" in labels and "莲湖区" in labels
    classes = {d.get("cls") for _, d in G.nodes(data=True)}
    assert classes == {"AdministrativeDivision", "Institution", "PolicyDocument", "Program", "Honor"}
    assert G.number_of_edges() > 100


def test_sparql_partition_puts_each_report_in_its_graph(seeds_build):
    result, _ = seeds_build
    g = result.graph
    ds = partition(g)
    graphs = {str(c.identifier): set(c) for c in ds.graphs() if len(c)}
    reports = {str(r) for r in g.subjects(RDF.type, KG.Report)}
    named = {n.replace("/graph/report/", "/report/"): n for n in graphs if "/graph/report/" in n}
    assert len(reports) == 5 and set(named) == reports and len(graphs) == 6  # and the entities' graph
    assert set().union(*graphs.values()) == set(g)  # nothing lost, nothing added
    stated = {(g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object), str(g.value(st, KG.inReport)))
              for st in g.subjects(RDF.type, RDF.Statement)}
    for report, name in named.items():
        assert (URIRef(report), RDF.type, KG.Report) in graphs[name]
        for s, p, o in graphs[name]:  # the report's own nodes, or a relation it states
            assert str(s).startswith(report) or (s, p, o, report) in stated, (name, s, p, o)
    entities = graphs[str(ENTITIES_GRAPH)]
    assert entities and not any(str(s).startswith(tuple(reports)) for s, _, _ in entities)


def _select(url: str, sparql: str):
    from SPARQLWrapper import JSON, SPARQLWrapper

    w = SPARQLWrapper(url + "/query")
    w.setQuery(sparql)
    w.setReturnFormat(JSON)
    return w.query().convert()


PREFIX = "PREFIX kg: <https://w3id.org/govkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def test_sparql_real_endpoint_answers_select_and_construct(seeds_build):
    _, out = seeds_build
    with serving(out / "graph.ttl") as url:
        assert url.startswith("http://127.0.0.1:")
        res = _select(url, PREFIX + "SELECT ?d WHERE { ?r kg:reportingDivision/rdfs:label ?d } ORDER BY ?d")
        assert [b["d"]["value"] for b in res["results"]["bindings"]] == ["垫江县", "榆阳区", "石景山区", "硚口区", "莲湖区"]
        from SPARQLWrapper import TURTLE, SPARQLWrapper

        w = SPARQLWrapper(url + "/query")
        w.setQuery(PREFIX + "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a kg:County ; rdfs:label ?l }")
        w.setReturnFormat(TURTLE)
        g = Graph().parse(data=w.query().convert(), format="turtle")
        assert len(g) >= 5
        # read-only by default: an update is refused
        req = urllib.request.Request(url + "/update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                     headers={"Content-Type": "application/sparql-update"}, method="POST")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(req, timeout=10)


def _count(url: str) -> int:
    res = _select(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(res["results"]["bindings"][0]["n"]["value"])


def test_sparql_push_into_a_second_server_is_idempotent(seeds_build, capsys):
    _, out = seeds_build
    with serving(None, writable=True) as url:
        assert main(["push", str(out / "graph.ttl"), "--endpoint", url + "/store"]) == 0
        first = _count(url)
        assert main(["push", str(out / "graph.ttl"), "--endpoint", url + "/store"]) == 0
        assert _count(url) == first > 10_000
        res = _select(url, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert int(res["results"]["bindings"][0]["n"]["value"]) == 6  # five reports and the entities
    assert "pushed 6 graphs" in capsys.readouterr().out


def test_sparql_push_to_nowhere_is_one_line(seeds_build, capsys):
    _, out = seeds_build
    from kg.serve import free_port

    assert main(["push", str(out), "--endpoint", f"http://127.0.0.1:{free_port()}/store"]) == 1
    assert "cannot connect" in capsys.readouterr().err


def test_sparql_analyze(seeds_build, capsys):
    _, out = seeds_build
    assert main(["analyze", str(out), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["central"]["Program"][0]["label"] == "放管服改革"
    pair = data["similar"][0]
    assert "放管服改革" in pair["shared"] and pair["jaccard"] > 0
    assert {d for c in data["communities"] for d in c["districts"]} == {"莲湖区", "石景山区", "硚口区", "垫江县", "榆阳区"}
