"""The `kg` command: parse arguments, call one API function, print. No logic lives here."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


def _err(msg: str) -> None:
    print(f"kg: {msg}", file=sys.stderr)


def cmd_build(a: argparse.Namespace) -> int:
    from .build import BuildError, build

    jobs = a.jobs or os.cpu_count() or 1
    try:
        with _progress() as progress:
            result = build(Path(a.inputs), Path(a.out), warn=_err, jobs=jobs, executor=a.executor, progress=progress)
        if a.store:
            from .store import write_store

            n = write_store(Path(a.out) / "graph.ttl", a.store)
            print(f"store: {n} triples → {a.store}")
    except BuildError as e:
        _err(str(e))
        return EXIT_ERROR
    built = sum(1 for f in result.files if f.status == "built")
    print(f"built {built} report(s) ({result.extracted} extracted, {result.cached} from the cache), "
          f"{result.triples} triples → {a.out}/graph.ttl ({len(result.skipped)} skipped; see {a.out}/manifest.json)")
    if result.skipped:
        return EXIT_ERROR if a.strict else EXIT_SKIPPED
    return EXIT_OK


class _progress:
    """A progress bar on a terminal; quiet, line-oriented progress (every 10%) otherwise."""

    def __enter__(self):
        self.bar = None
        self.last = -1
        self.tty = sys.stderr.isatty()
        return self

    def __call__(self, done: int, total: int) -> None:
        if total == 0:
            return
        if self.tty:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="report", desc="extracting", file=sys.stderr, leave=False)
            self.bar.n = done
            self.bar.refresh()
        else:
            step = done * 10 // total
            if step != self.last:
                self.last = step
                print(f"kg: extracted {done}/{total} reports", file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_query(a: argparse.Namespace) -> int:
    from .query import QueryError, QueryWarning, format_result, query
    from .saved import SavedQueryError, listing, saved_query

    if a.list:
        sys.stdout.write(listing())
        return EXIT_OK
    if a.graph is None:
        _err("give a graph (graph.ttl, an output folder or a store)")
        return EXIT_USAGE
    if a.name:
        try:
            values = dict(p.split("=", 1) for p in a.param or [])
        except ValueError:
            _err("--param takes key=value")
            return EXIT_USAGE
        try:
            sparql = saved_query(a.name).bind(values)
        except SavedQueryError as e:
            _err(str(e))
            return EXIT_USAGE
    elif a.file:
        try:
            sparql = Path(a.file).read_text(encoding="utf-8")
        except OSError as e:
            _err(f"{a.file}: {e.strerror or e}")
            return EXIT_ERROR
    elif a.sparql:
        sparql = a.sparql
    else:
        _err("give a query as an argument or with -f FILE")
        return EXIT_USAGE
    import warnings

    try:
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always", QueryWarning)
            result = query(a.graph, sparql)
        for w in said:
            if issubclass(w.category, QueryWarning):
                _err(f"warning: {w.message}")
        sys.stdout.write(format_result(result, a.format))
    except QueryError as e:
        _err(str(e))
        return EXIT_ERROR
    return EXIT_OK


def cmd_validate(a: argparse.Namespace) -> int:
    from .query import QueryError
    from .validate import validate

    try:
        conforms, text = validate(a.graph)
    except QueryError as e:
        _err(str(e))
        return EXIT_ERROR
    if conforms:
        print(f"{a.graph}: conforms to the govkg shapes")
        return EXIT_OK
    print(text)
    _err(f"{a.graph}: does not conform to the govkg shapes")
    return EXIT_ERROR


def cmd_viz(a: argparse.Namespace) -> int:
    from .query import QueryError
    from .viz import ViewError, ViewOptions, visualize

    classes = tuple(c for arg in a.cls or [] for c in arg.split(","))
    options = ViewOptions(a.focus, a.depth, classes, a.report, a.max_nodes)
    try:
        view = visualize(a.graph, a.output, options)
    except (QueryError, ViewError) as e:
        _err(str(e))
        return EXIT_ERROR
    print(f"{a.output}: {view.graph.number_of_nodes()} nodes, {view.graph.number_of_edges()} edges"
          + (f" ({view.omitted} less connected nodes left out)" if view.omitted else ""))
    return EXIT_OK


def cmd_export(a: argparse.Namespace) -> int:
    from .export import export
    from .query import QueryError, load

    try:
        g = load(a.graph)
        out = a.output or f"graph.{a.format}"
        export(g, a.format, out)
    except QueryError as e:
        _err(str(e))
        return EXIT_ERROR
    print(f"{out}: {a.format}")
    return EXIT_OK


def cmd_serve(a: argparse.Namespace) -> int:
    from .query import QueryError
    from .serve import ServeError, serving

    _stop_on_signals()
    try:
        with serving(a.graph, a.port, a.host, a.timeout, writable=a.writable) as server:
            url = server.url
            print(f"SPARQL endpoint: {url}/query  (Graph Store: {url}/store; query page: {url}/)"
                  + ("" if a.writable else f"; read-only, queries stop after {a.timeout} s"), flush=True)
            print("Ctrl-C stops the server.", flush=True)
            server.watch()
    except (ServeError, QueryError) as e:
        _err(str(e))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("server stopped")
        return EXIT_OK


def _stop_on_signals() -> None:
    """SIGTERM (a service manager's stop) and SIGHUP (the terminal closed) stop a long-running
    command as Ctrl-C does, so that its clean-up runs."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)


def cmd_push(a: argparse.Namespace) -> int:
    from .push import PushError, credentials, endpoint_url, push
    from .query import QueryError, load

    try:
        auth = credentials(a.user) if a.user else None
        endpoint = endpoint_url(a.endpoint)  # before the graph loads: a typo fails at once
        sent = push(load(a.graph), endpoint, auth=auth)
    except (PushError, QueryError) as e:
        _err(str(e))
        return EXIT_ERROR
    print(f"pushed {len(sent)} graphs, {sum(n for _, n in sent)} triples → {a.endpoint}")
    return EXIT_OK


def cmd_analyze(a: argparse.Namespace) -> int:
    import dataclasses
    import json

    from .analyze import analyze, as_text
    from .query import QueryError, load

    try:
        result = analyze(load(a.graph), top=a.top)
    except QueryError as e:
        _err(str(e))
        return EXIT_ERROR
    if a.format == "json":
        print(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(as_text(result))
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    from . import __version__
    from .query import FORMATS

    p = argparse.ArgumentParser(prog="kg", description="Build and query a knowledge graph of Chinese government reports.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="read a folder of reports and write OUT/graph.ttl and OUT/manifest.json")
    b.add_argument("inputs", help="folder (or single file) of .txt/.html/.htm reports")
    b.add_argument("--out", "-o", default="output", help="output folder (default: output)")
    b.add_argument("--strict", action="store_true", help="exit 1 (not 3) when any file is skipped")
    b.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: all cores)")
    b.add_argument("--executor", metavar="dask://HOST:PORT", help="extract on an existing Dask cluster (extra: dask)")
    b.add_argument("--store", metavar="DIR", help="also write an on-disk Oxigraph store that kg query and kg serve use directly")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a SPARQL query over a built graph")
    q.add_argument("graph", nargs="?", help="graph.ttl, a build's output folder, or a store (kg build --store)")
    q.add_argument("sparql", nargs="?", help="the query text (prefixes kg:, rdfs:, skos:, dct:… are predeclared)")
    q.add_argument("-f", "--file", help="read the query from a .rq file")
    q.add_argument("-n", "--name", help="run a saved query (see --list)")
    q.add_argument("-p", "--param", action="append", metavar="KEY=VALUE", help="a saved query's parameter")
    q.add_argument("--list", action="store_true", help="list the saved queries with their descriptions")
    q.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    q.set_defaults(func=cmd_query)

    z = sub.add_parser("viz", help="draw a built graph as a self-contained interactive HTML page")
    z.add_argument("graph", help="graph.ttl or a build's output folder")
    z.add_argument("-o", "--output", default="graph.html", help="the HTML file to write (default: graph.html)")
    z.add_argument("--focus", help="show the neighbourhood of one entity (a name or an IRI)")
    z.add_argument("--depth", type=int, default=1, help="how many steps around --focus (default: 1)")
    z.add_argument("--class", dest="cls", action="append", metavar="CLASS",
                   help="show only these classes (AdministrativeDivision, Institution, PolicyDocument, Program, Honor); "
                        "repeat or separate with commas")
    z.add_argument("--report", help="show only the entities one report mentions (its file name)")
    z.add_argument("--max-nodes", type=int, default=500,
                   help="keep the N most connected entities and say in the page what was left out (default: 500; 0: all)")
    z.set_defaults(func=cmd_viz)

    e = sub.add_parser("export", help="write a built graph as Turtle, N-Triples, TriG, N-Quads, JSON-LD, GraphML or GEXF")
    e.add_argument("graph", help="graph.ttl, a build's output folder, or a store")
    e.add_argument("--format", "-f", required=True, choices=("ttl", "nt", "trig", "nq", "jsonld", "graphml", "gexf"),
                   help="trig/nq: one named graph per report; graphml/gexf: the entity graph for Gephi/Cytoscape")
    e.add_argument("-o", "--output", help="the file to write (default: graph.FORMAT)")
    e.set_defaults(func=cmd_export)

    s = sub.add_parser("serve", help="serve a SPARQL 1.1 endpoint on 127.0.0.1 (Oxigraph server)")
    s.add_argument("graph", nargs="?", help="graph.ttl, a build's output folder, or a store (none: an empty writable store)")
    s.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--timeout", type=int, default=30, help="query time limit in seconds (default: 30)")
    s.add_argument("--writable", action="store_true", help="accept updates and Graph Store writes (default: read-only)")
    s.set_defaults(func=cmd_serve)

    u = sub.add_parser("push", help="load a graph into a SPARQL 1.1 Graph Store endpoint, one named graph per report")
    u.add_argument("graph", help="graph.ttl, a build's output folder, or a store")
    u.add_argument("--endpoint", required=True,
                   help="Graph Store endpoint: Oxigraph …/store, Fuseki …/DATASET/data, GraphDB …/rdf-graphs/service")
    u.add_argument("--user", metavar="USER:PASSWORD", help="HTTP basic authentication")
    u.set_defaults(func=cmd_push)

    n = sub.add_parser("analyze", help="what two or more districts share (programs, documents, honors), and the districts most alike")
    n.add_argument("graph", help="graph.ttl, a build's output folder, or a store")
    n.add_argument("--top", type=int, default=10, help="rows per table (default: 10; 0: all)")
    n.add_argument("--format", choices=("table", "json"), default="table")
    n.set_defaults(func=cmd_analyze)

    v = sub.add_parser("validate", help="check a built graph against the SHACL shapes")
    v.add_argument("graph", help="graph.ttl or a build's output folder")
    v.set_defaults(func=cmd_validate)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    a = parser().parse_args(argv)
    try:
        return a.func(a)
    except KeyboardInterrupt:
        _err("interrupted; previous outputs are left as they were")
        return 130
    except BrokenPipeError:
        return EXIT_OK
