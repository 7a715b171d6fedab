"""Sharing and serving: saved queries, the on-disk store, exports that round-trip, a real SPARQL
endpoint on 127.0.0.1 queried with SPARQLWrapper, pushing into a second real server, analysis."""
from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

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
    q = saved_query("compare").bind({"indicator": 'a"b'})
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
    with serving(out / "graph.ttl") as server:
        url = server.url
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
    with serving(None, writable=True) as server:
        url = server.url
        assert main(["push", str(out / "graph.ttl"), "--endpoint", url + "/store"]) == 0
        first = _count(url)
        assert main(["push", str(out / "graph.ttl"), "--endpoint", url + "/store"]) == 0
        assert _count(url) == first > 10_000
        res = _select(url, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert int(res["results"]["bindings"][0]["n"]["value"]) == 6  # five reports and the entities
        # the plain query a new user types sees the pushed data: the default graph is the union
        res = _select(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(res["results"]["bindings"][0]["n"]["value"]) == first
    assert "pushed 6 graphs" in capsys.readouterr().out


def test_sparql_push_to_nowhere_is_one_line(seeds_build, capsys):
    _, out = seeds_build
    from kg.serve import free_port

    assert main(["push", str(out), "--endpoint", f"http://127.0.0.1:{free_port()}/store"]) == 1
    assert "cannot connect" in capsys.readouterr().err


def _districts_graph() -> Graph:
    """Made-up districts whose profiles are known: 甲区 and 乙区 share a program (甲区 through its
    own bureau), a document and an honor (乙区 through a program of its own); 丙县 shares only the
    program; 丁县 shares nothing; the honor of the shared program counts for no district."""
    from rdflib import RDF, RDFS, Literal, Namespace

    from kg.namespace import KG

    ID = Namespace("https://w3id.org/govkg/id/")
    g = Graph()

    def ent(key, cls, name):
        g.add((ID[key], RDF.type, KG[cls]))
        g.add((ID[key], RDFS.label, Literal(name, lang="zh")))
        return ID[key]

    jia, yi, bing, ding = (ent(f"division/{k}", "AdministrativeDivision", n)
                           for k, n in (("1", "甲区"), ("2", "乙区"), ("3", "丙县"), ("4", "丁县")))
    for i, d in enumerate((jia, yi, bing, ding)):
        r = ID[f"report/r{i}"]
        g.add((r, RDF.type, KG.Report))
        g.add((r, KG.reportingDivision, d))
    bureau = ent("institution/甲区司法局", "Institution", "甲区司法局")
    g.add((bureau, KG.jurisdiction, jia))
    common = ent("program/共同改革", "Program", "共同改革")
    plan = ent("document/示范纲要", "PolicyDocument", "示范纲要")
    prize = ent("honor/示范区", "Honor", "示范区")
    g.add((bureau, KG.implements, common))  # through its own bureau
    g.add((yi, KG.implements, common))
    g.add((bing, KG.plans, common))
    g.add((jia, KG.implements, plan))
    g.add((yi, KG.issued, plan))
    g.add((jia, KG.received, prize))
    g.add((common, KG.received, ent("honor/优秀案例", "Honor", "优秀案例")))  # a shared program's: no one's
    for d, own in ((jia, "甲项目"), (yi, "乙项目"), (ding, "丁项目")):
        g.add((d, KG.implements, ent(f"program/{own}", "Program", own)))
    g.add((ID["program/乙项目"], KG.received, prize))  # 乙区's own program received it
    return g


def test_sparql_analyze_ranks_what_districts_share():
    from kg.analyze import analyze

    a = analyze(_districts_graph())
    assert [(r["label"], r["class"], r["districts"]) for r in a.shared] == [
        ("共同改革", "Program", ["丙县", "乙区", "甲区"]),
        ("示范纲要", "PolicyDocument", ["乙区", "甲区"]),
        ("示范区", "Honor", ["乙区", "甲区"]),
    ]
    # 甲区 {共同改革, 示范纲要, 示范区, 甲项目} · 乙区 {共同改革, 示范纲要, 示范区, 乙项目}: 3 of 5
    assert a.similar[0] == {"a": "乙区", "b": "甲区", "jaccard": 0.6, "shared": ["共同改革", "示范区", "示范纲要"],
                            "only_a": 1, "only_b": 1}
    assert [(r["a"], r["b"], r["jaccard"]) for r in a.similar[1:]] == [("丙县", "乙区", 0.25), ("丙县", "甲区", 0.25)]
    assert all("丁县" not in (r["a"], r["b"]) for r in a.similar)


def test_sparql_analyze_command_over_the_seeds(seeds_build, capsys):
    _, out = seeds_build
    assert main(["analyze", str(out), "--format", "json", "--top", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["districts"] == sorted(data["districts"]) and len(data["districts"]) == 5
    # what the shared-programs query finds is in the analysis, with at least those districts
    shared = {r["label"]: set(r["districts"]) for r in data["shared"]}
    for row in kg.query(out, saved_query("shared-programs").bind({})):
        assert set(str(row.run_by).split("、")) <= shared[str(row.program)]
    counts = [r["count"] for r in data["shared"]]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 2
    pairs = data["similar"]
    assert [p["jaccard"] for p in pairs] == sorted((p["jaccard"] for p in pairs), reverse=True)
    for p in pairs:
        assert set(p["shared"]) <= {label for label, ds in shared.items() if {p["a"], p["b"]} <= ds}
    assert main(["analyze", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Shared by two or more of the 5 reporting districts")
    assert "Districts most alike" in text


# ---------------------------------------------------------------- error paths of push and serve

def one_line(err: str) -> str:
    """The single `kg: …` line a user error must be."""
    assert err.startswith("kg: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("args,says,status", [
    (["--endpoint", "notaurl"], "--endpoint notaurl: not an http", 1),
    (["--endpoint", "ftp://127.0.0.1/store"], "not an http", 1),
    (["--endpoint", "http:///store"], "not an http", 1),
    (["--endpoint", "http://127.0.0.1:port/store"], "not a valid URL", 1),
    (["--endpoint", "http://127.0.0.1:1/store", "--user", "nocolon"], "'nocolon' is not USER:PASSWORD", 2),
])
def test_sparql_push_bad_arguments_are_one_line(seeds_build, capsys, args, says, status):
    _, out = seeds_build
    assert main(["push", str(out), *args]) == status
    assert says in one_line(capsys.readouterr().err)


class GraphStore:
    """A real HTTP server on 127.0.0.1 that acts as a protected Graph Store: /store takes PUTs from
    user:secret only, /readonly refuses every write, /broken fails with an HTML error page."""

    def __init__(self):
        import base64
        import http.server
        import threading

        self.requests: list[tuple[str, str, dict, bytes]] = []
        expected = "Basic " + base64.b64encode(b"user:secret").decode()
        store = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PUT(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                store.requests.append((self.command, self.path, dict(self.headers), body))
                if self.path.startswith("/broken"):
                    self.reply(500, "<html><body><h1>Internal Server Error</h1>\n<p>disk full</p></body></html>")
                elif self.headers.get("Authorization") != expected:
                    self.reply(401, "Unauthorized", {"WWW-Authenticate": 'Basic realm="kg"'})
                elif self.path.startswith("/readonly"):
                    self.reply(403, "this dataset is read-only\n")
                else:
                    self.reply(204, "")

            def reply(self, code, text, headers=None):
                data = text.encode()
                self.send_response(code)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def graph_store():
    s = GraphStore()
    yield s
    s.close()


def test_sparql_push_sends_basic_authorization_on_every_graph(seeds_build, graph_store, capsys):
    import base64

    result, out = seeds_build
    assert main(["push", str(out), "--endpoint", graph_store.url + "/store", "--user", "user:secret"]) == 0
    assert "pushed 6 graphs" in capsys.readouterr().out
    puts = graph_store.requests
    assert len(puts) == 6 and {m for m, *_ in puts} == {"PUT"}
    for _, path, headers, body in puts:
        assert base64.b64decode(headers["Authorization"].removeprefix("Basic ")) == b"user:secret"
        assert headers["Content-Type"].startswith("application/n-triples")
        assert path.startswith("/store?graph=https%3A%2F%2Fw3id.org%2Fgovkg%2Fid%2Fgraph%2F")
        assert len(Graph().parse(data=body.decode("utf-8"), format="nt")) > 0
    union = Graph()
    for *_, body in puts:
        union.parse(data=body.decode("utf-8"), format="nt")
    assert isomorphic(union, result.graph)  # everything arrived, nothing else


@pytest.mark.parametrize("path,user,code,says", [
    ("/store", None, 401, "wants credentials"),
    ("/store", "user:wrong", 401, "refused the ones given"),
    ("/readonly", "user:secret", 403, "does not let this user write"),
    ("/broken", "user:secret", 500, "disk full"),
])
def test_sparql_push_refused_by_the_endpoint_is_one_line(seeds_build, graph_store, capsys, path, user, code, says):
    _, out = seeds_build
    args = ["push", str(out), "--endpoint", graph_store.url + path] + (["--user", user] if user else [])
    assert main(args) == 1
    err = one_line(capsys.readouterr().err)
    assert f"HTTP {code}" in err and says in err
    assert len(graph_store.requests) == 1  # stops at the first refusal


def _kg(*args: str, env: dict | None = None) -> subprocess.Popen:
    from conftest import ROOT

    return subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env={**os.environ, **(env or {})})


def _line(stream, seconds: float = 60) -> str:
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, "no output in time"
    return stream.readline()


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_sparql_serve_stopped_by_a_signal_ends_the_server_and_its_store(seeds_build, tmp_path, sig):
    _, out = seeds_build
    from kg.serve import free_port

    port = free_port()
    proc = _kg("serve", str(out / "graph.ttl"), "--port", str(port), env={"TMPDIR": str(tmp_path)})
    try:
        assert _line(proc.stdout).startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query")
        (child,) = _children(proc.pid)
        assert [p.name for p in tmp_path.glob("govkg-serve-*")]
        proc.send_signal(sig)
        assert proc.wait(30) == 0
    finally:
        proc.kill()
    assert one_line(proc.stderr.read()) == "kg: server stopped\n"
    assert not _running(child)
    assert list(tmp_path.glob("govkg-serve-*")) == []
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0  # nothing answers any more


def test_sparql_serve_exits_when_its_server_dies(seeds_build, tmp_path):
    _, out = seeds_build
    proc = _kg("serve", str(out / "graph.ttl"), "--port", "0", env={"TMPDIR": str(tmp_path)})
    try:
        assert _line(proc.stdout).startswith("SPARQL endpoint:")
        (child,) = _children(proc.pid)
        os.kill(child, signal.SIGKILL)
        assert proc.wait(30) == 1
    finally:
        proc.kill()
    assert "the Oxigraph server exited" in one_line(proc.stderr.read())
    assert list(tmp_path.glob("govkg-serve-*")) == []


def test_sparql_serve_on_a_port_taken_by_another_program(seeds_build, tmp_path):
    import http.server
    import threading

    _, out = seeds_build
    other = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        port = other.server_address[1]
        proc = _kg("serve", str(out / "graph.ttl"), "--port", str(port), env={"TMPDIR": str(tmp_path)})
        code = proc.wait(60)
    finally:
        other.shutdown()
        other.server_close()
    assert code == 1 and proc.stdout.read() == ""  # no endpoint announced
    assert f"127.0.0.1:{port} is already in use" in one_line(proc.stderr.read())
    assert list(tmp_path.glob("govkg-serve-*")) == []


@pytest.mark.parametrize("command", ["serve", "push"])
@pytest.mark.parametrize("source,says", [
    ("/proc/nope/graph.ttl", "/proc/nope/graph.ttl: no such graph file"),
    ("/proc/self", "/proc/self/graph.ttl: no such graph file"),
    ("BAD", "bad.ttl: cannot parse: line 2: newline found in string literal"),
])
def test_sparql_serve_and_push_bad_source_is_one_line(capsys, tmp_path, command, source, says):
    if source == "BAD":
        source = str(tmp_path / "bad.ttl")
        Path(source).write_text('@prefix x: <http://x/> .\nx:a x:b "unterminated .\nx:c x:d x:e .\n', encoding="utf-8")
    args = ["--port", "0"] if command == "serve" else ["--endpoint", "http://127.0.0.1:9/store"]
    assert main([command, source, *args]) == 1
    assert says in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("args,says", [
    (["--host", "192.0.2.1", "--port", "0"], "cannot listen on 192.0.2.1"),  # not an address of this machine
    (["--host", "no.such.host.invalid", "--port", "0"], "cannot listen on no.such.host.invalid"),
])
def test_sparql_serve_bad_address_is_one_line(seeds_build, capsys, args, says):
    _, out = seeds_build
    assert main(["serve", str(out), *args]) == 1
    assert says in one_line(capsys.readouterr().err)


def test_sparql_serve_a_store_folder_through_the_cli(tmp_path):
    from conftest import SEEDS

    store = tmp_path / "store"
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "o"), "--store", str(store)]) == 0
    proc = _kg("serve", str(store), "--port", "0")
    try:
        url = _line(proc.stdout).split()[2].removesuffix("/query")
        res = _select(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(res["results"]["bindings"][0]["n"]["value"]) == len(Graph().parse(tmp_path / "o" / "graph.ttl"))
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        proc.kill()
    assert (store / "CURRENT").is_file()  # a store given by the user is served, never removed


# ---------------------------------------------------------------- query errors a user can act on

@pytest.mark.parametrize("sparql,says", [
    ("SELEC ?x WHERE { ?x ?p ?o }", "line 1, column 1: 'SELEC' is not a query form; did you mean SELECT?"),
    ("PREFIX ex: <http://e/>\nCONSTRCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "line 2, column 1: 'CONSTRCT' is not a query form; "
                                                                       "did you mean CONSTRUCT?"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "kg query only reads the graph"),
    ("SELECT ?x WHERE {\n  ?x foo:bar ?o }", "undefined prefix 'foo:' at line 2, column 6; known: dct: div: doc: inst: kg:"),
    ("SELECT ?x WHERE { ?x a kg:Program ", "invalid SPARQL at line 1, column 35: the query ends too early"),
    ("SELECT ?x WHERE { ?x a kg:Program }\nLIMT 3", "line 2, column 1: unexpected 'LIMT'; did you mean LIMIT?"),
    ("SELECT ?x WHERE { ?x a kg:Program FILTR(?x) }", "column 35: unexpected 'FILTR'; did you mean FILTER?"),
])
def test_sparql_query_errors_say_where_and_what(seeds_build, capsys, sparql, says):
    _, out = seeds_build
    assert main(["query", str(out), sparql]) == 1
    err = one_line(capsys.readouterr().err)
    assert says in err and "\\u{" not in err


def test_sparql_query_declared_prefixes_and_strings_are_not_mistaken_for_prefixes(seeds_build, capsys):
    _, out = seeds_build
    q = 'PREFIX ex: <http://e/> SELECT ?x WHERE { ?x ex:a "foo:bar" } # x:y'
    assert main(["query", str(out), q]) == 0 and capsys.readouterr().err == ""


def test_sparql_query_warns_of_kg_terms_the_ontology_lacks(seeds_build, capsys):
    from kg.query import QueryWarning

    _, out = seeds_build
    assert main(["query", str(out), "SELECT ?x WHERE { ?x kg:label ?o }"]) == 0
    captured = capsys.readouterr()
    assert one_line(captured.err).startswith("kg: warning: kg:label at line 1, column 22 is not in the govkg ontology")
    assert "rdfs:label" in captured.err and "(0 rows)" in captured.out
    with pytest.warns(QueryWarning, match="did you mean kg:implements"):
        kg.query(out, "SELECT ?x WHERE { ?x kg:implemnts ?o }")


def test_sparql_query_every_ontology_term_passes_without_warning():
    from kg.namespace import KG
    from kg.query import check

    for term in KG.__annotations__:
        assert check(f"SELECT ?x WHERE {{ ?x kg:{term} ?o }}") == [], term
    for q in saved_queries().values():  # what we ship raises no false alarm
        assert check(q.bind({})) == [], q.name


def test_sparql_construct_output_uses_the_project_prefixes(seeds_build, capsys):
    _, out = seeds_build
    assert main(["query", str(out), "CONSTRUCT { ?d kg:partOf ?p } WHERE { ?d a kg:County ; kg:partOf ?p }"]) == 0
    text = capsys.readouterr().out
    assert "@prefix kg: <https://w3id.org/govkg/ontology#>" in text and "ns1:" not in text
    assert "div:610104 kg:partOf div:610100" in text
    rows = kg.query(out, "SELECT ?d ?p WHERE { ?d a kg:County ; kg:partOf ?p }")
    assert len(Graph().parse(data=text, format="turtle")) == len(list(rows)) > 0


def test_sparql_store_and_file_print_the_same(seeds_build, tmp_path, capsys):
    """kg query prints the same for a build's Turtle file and for its store, in every format."""
    from kg.query import FORMATS
    from kg.store import write_store

    _, out = seeds_build
    write_store(out / "graph.ttl", tmp_path / "store")
    for name in saved_queries():
        for fmt in FORMATS:
            printed = []
            for graph in (out / "graph.ttl", tmp_path / "store"):
                assert main(["query", str(graph), "--name", name, "--format", fmt]) == 0
                printed.append(capsys.readouterr().out)
            assert printed[0] == printed[1] and printed[0].strip(), (name, fmt)


def test_sparql_query_file_takes_the_parameters_it_declares(seeds_build, tmp_path, capsys):
    """A .rq file run with -f binds its declared defaults and --param values, as --name does."""
    _, out = seeds_build
    folder = Path(kg.__file__).parent / "data" / "queries"
    for name, q in saved_queries().items():
        given = [a for k, _ in q.params[:1] for a in ("--param", f"{k}=硚口区")]
        printed = []
        for how in (["--name", name], ["-f", str(folder / f"{name}.rq")]):
            for params in ([], given):
                assert main(["query", str(out), *how, *params]) == 0, how
                printed.append(capsys.readouterr().out)
        assert printed[:2] == printed[2:] and printed[0].strip(), name
    rq = tmp_path / "mine.rq"
    rq.write_text("# Programs by name.\n# param name: 放管服改革\nSELECT ?p WHERE { ?p a kg:Program ; rdfs:label $name@zh }\n",
                  encoding="utf-8")
    assert main(["query", str(out), "-f", str(rq), "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["query", str(out), "-f", str(rq), "--param", "name=不存在的项目", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["p"]
    assert main(["query", str(out), "-f", str(rq), "--param", "nome=x"]) == 2
    assert "has no parameter 'nome'" in capsys.readouterr().err
