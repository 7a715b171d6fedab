"""The `kg` command: parse arguments, call one API function, print.  No logic lives here.

Every error a user can cause is a ``KgError`` raised by the library; ``main`` catches it once and
prints one line, ``kg: MESSAGE``, with the error's exit status (1, or 2 for a usage error).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from .errors import KgError, UsageError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _err(msg: str) -> None:
    # One line whatever the message: a parser's report can span several.
    print("kg: " + " ".join(line.strip() for line in str(msg).splitlines() if line.strip()), file=sys.stderr)


# ---------------------------------------------------------------- commands

def cmd_build(a: argparse.Namespace) -> int:
    from .build import build

    with _progress() as progress:
        result = build(Path(a.inputs), Path(a.out), warn=_err, jobs=a.jobs or os.cpu_count() or 1,
                       executor=a.executor, progress=progress, store=a.store)
    if a.store:
        print(f"store: {result.store_triples} triples → {a.store}")
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
    from .query import QueryWarning, format_result, run
    from .saved import listing, parse, saved_query

    if a.list:
        sys.stdout.write(listing())
        return EXIT_OK
    if a.graph is None:
        raise UsageError("give a graph (graph.ttl, a build's output folder, or a store)")
    if a.name:
        sparql = saved_query(a.name).bind(dict(a.param or []))
    elif a.file:
        try:
            text = Path(a.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise KgError(f"{a.file}: cannot read the query: {getattr(e, 'strerror', None) or e}") from None
        sparql = parse(Path(a.file).stem, text).bind(dict(a.param or []))  # a .rq file may declare parameters too
    elif a.sparql:
        sparql = a.sparql
    else:
        raise UsageError("give a query as an argument, with -f FILE or with --name NAME")
    import warnings

    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", QueryWarning)
        answer = run(a.graph, sparql)
    for w in said:
        if issubclass(w.category, QueryWarning):
            _err(f"warning: {w.message}")
    sys.stdout.write(format_result(answer, a.format))
    return EXIT_OK


def cmd_validate(a: argparse.Namespace) -> int:
    from .validate import validate

    conforms, text = validate(a.graph)
    if conforms:
        print(f"{a.graph}: conforms to the govkg shapes")
        return EXIT_OK
    print(text)
    _err(f"{a.graph}: does not conform to the govkg shapes")
    return EXIT_ERROR


def cmd_viz(a: argparse.Namespace) -> int:
    from .viz import ViewOptions, visualize

    classes = tuple(c for arg in a.cls or [] for c in arg.split(","))
    view = visualize(a.graph, a.output, ViewOptions(a.focus, a.depth, classes, a.report, a.max_nodes))
    print(f"{a.output}: {view.graph.number_of_nodes()} nodes, {view.graph.number_of_edges()} edges"
          + (f" ({view.omitted} less connected nodes left out)" if view.omitted else ""))
    return EXIT_OK


def cmd_export(a: argparse.Namespace) -> int:
    from .export import export

    out = a.output or f"graph.{a.format}"
    export(a.graph, a.format, out)
    print(f"{out}: {a.format}")
    return EXIT_OK


def cmd_serve(a: argparse.Namespace) -> int:
    from .serve import serving

    _stop_on_signals()
    try:
        with serving(a.graph, a.port, a.host, a.timeout, writable=a.writable) as server:
            url = server.url
            print(f"SPARQL endpoint: {url}/query  (Graph Store: {url}/store; query page: {url}/)"
                  + ("" if a.writable else f"; read-only, queries stop after {a.timeout} s"), flush=True)
            print("Ctrl-C stops the server.", flush=True)
            server.watch()
    except KeyboardInterrupt:  # the way to stop a server (Ctrl-C, SIGTERM, SIGHUP): not an error
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
    from .push import endpoint_url, push
    from .query import load

    endpoint = endpoint_url(a.endpoint)  # before the graph loads: a typo fails at once
    sent = push(load(a.graph), endpoint, auth=a.user)
    print(f"pushed {len(sent)} graphs, {sum(n for _, n in sent)} triples → {a.endpoint}")
    return EXIT_OK


def cmd_analyze(a: argparse.Namespace) -> int:
    import dataclasses
    import json

    from .analyze import analyze, as_text
    from .query import load

    result = analyze(load(a.graph), top=a.top)
    if a.format == "json":
        print(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(as_text(result))
    return EXIT_OK


# ---------------------------------------------------------------- arguments shared by the commands

GRAPH_HELP = "graph.ttl, a build's output folder, or a store (kg build --store)"


def add_graph(p: argparse.ArgumentParser, optional: bool = False, help: str = GRAPH_HELP) -> None:
    """The GRAPH every reading command takes."""
    p.add_argument("graph", nargs="?" if optional else None, help=help)


def add_output(p: argparse.ArgumentParser, default: Optional[str], what: str) -> None:
    """-o/--output FILE: written atomically, into a folder that must exist."""
    p.add_argument("-o", "--output", default=default, metavar="FILE",
                   help=f"the {what} to write (default: {default or 'graph.FORMAT'}); its folder must exist")


def add_format(p: argparse.ArgumentParser, choices: Sequence[str], default: Optional[str], help: str = "",
               short: Sequence[str] = ()) -> None:
    """--format: required when there is no default."""
    p.add_argument("--format", *short, choices=choices, default=default, required=default is None,
                   help=help or f"output format (default: {default})")


def count(text: str) -> int:
    """A whole number ≥ 0 (argparse type)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return n


def port(text: str) -> int:
    """A TCP port; 0 asks for any free one."""
    n = count(text)
    if not n < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1–65535, or 0 for any free port)")
    return n


def pair(sep: str, what: str):
    """An argparse type for KEY{sep}VALUE arguments, returned as a (key, value) tuple."""

    def parse(text: str) -> tuple[str, str]:
        key, found, value = text.partition(sep)
        if not found or not key:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
        return key, value

    parse.__name__ = what
    return parse


class _Parser(argparse.ArgumentParser):
    """argparse with its errors as one line (``kg: …``, exit 2) like every other error of kg."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def parser() -> argparse.ArgumentParser:
    from .version import __version__
    from .export import FORMATS as EXPORT_FORMATS
    from .query import FORMATS

    p = _Parser(prog="kg", description="Build and query a knowledge graph of Chinese government reports.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = sub.add_parser("build", help="read a folder of reports and write OUT/graph.ttl, graph.html and manifest.json")
    b.add_argument("inputs", help="folder (or single file) of .txt/.html/.htm reports")
    b.add_argument("--out", "-o", default="output", help="output folder (default: output)")
    b.add_argument("--strict", action="store_true", help="exit 1 (not 3) when any file is skipped")
    b.add_argument("--jobs", "-j", type=count, default=0, help="worker processes (default: all cores)")
    b.add_argument("--executor", metavar="dask://HOST:PORT", help="extract on an existing Dask cluster (extra: dask)")
    b.add_argument("--store", metavar="DIR",
                   help="also write an on-disk Oxigraph store that kg query and kg serve use directly "
                        "(a new folder, or a store an earlier kg build made)")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a SPARQL query over a built graph")
    add_graph(q, optional=True)
    q.add_argument("sparql", nargs="?", help="the query text (prefixes kg:, rdfs:, skos:, dct:… are predeclared)")
    q.add_argument("-f", "--file", help="read the query from a .rq file")
    q.add_argument("-n", "--name", help="run a saved query (see --list)")
    q.add_argument("-p", "--param", action="append", metavar="KEY=VALUE", type=pair("=", "KEY=VALUE"),
                   help="a parameter of the saved query or query file")
    q.add_argument("--list", action="store_true", help="list the saved queries with their descriptions")
    add_format(q, FORMATS, "table")
    q.set_defaults(func=cmd_query)

    z = sub.add_parser("viz", help="draw a built graph as a self-contained interactive HTML page")
    add_graph(z)
    add_output(z, "graph.html", "HTML file")
    z.add_argument("--focus", help="show the neighbourhood of one entity (a name or an IRI)")
    z.add_argument("--depth", type=count, default=1, help="how many steps around --focus (default: 1)")
    z.add_argument("--class", dest="cls", action="append", metavar="CLASS",
                   help="show only these classes (AdministrativeDivision, Institution, PolicyDocument, Program, Honor); "
                        "repeat or separate with commas")
    z.add_argument("--report", help="show only the entities one report mentions (its file name)")
    z.add_argument("--max-nodes", type=count, default=500,
                   help="keep the N most connected entities and say in the page what was left out (default: 500; 0: all)")
    z.set_defaults(func=cmd_viz)

    e = sub.add_parser("export", help="write a built graph as Turtle, N-Triples, TriG, N-Quads, JSON-LD, GraphML or GEXF")
    add_graph(e)
    add_format(e, EXPORT_FORMATS, None,
               "trig/nq: one named graph per report; graphml/gexf: the entity graph for Gephi/Cytoscape", short=["-f"])
    add_output(e, None, "file")
    e.set_defaults(func=cmd_export)

    s = sub.add_parser("serve", help="serve a SPARQL 1.1 endpoint on 127.0.0.1 (Oxigraph server)")
    add_graph(s, optional=True, help=GRAPH_HELP + "; none: an empty writable store")
    s.add_argument("--port", type=port, default=7878, help="port (default: 7878; 0: any free port)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--timeout", type=count, default=30, help="query time limit in seconds (default: 30)")
    s.add_argument("--writable", action="store_true", help="accept updates and Graph Store writes (default: read-only)")
    s.set_defaults(func=cmd_serve)

    u = sub.add_parser("push", help="load a graph into a SPARQL 1.1 Graph Store endpoint, one named graph per report")
    add_graph(u)
    u.add_argument("--endpoint", required=True,
                   help="Graph Store endpoint: Oxigraph …/store, Fuseki …/DATASET/data, GraphDB …/rdf-graphs/service")
    u.add_argument("--user", metavar="USER:PASSWORD", type=pair(":", "USER:PASSWORD"), help="HTTP basic authentication")
    u.set_defaults(func=cmd_push)

    n = sub.add_parser("analyze", help="what two or more districts share (programs, documents, honors), and the districts most alike")
    add_graph(n)
    n.add_argument("--top", type=count, default=10, help="rows per table (default: 10; 0: all)")
    add_format(n, ("table", "json"), "table")
    n.set_defaults(func=cmd_analyze)

    v = sub.add_parser("validate", help="check a built graph against the SHACL shapes")
    add_graph(v)
    v.set_defaults(func=cmd_validate)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    try:
        a = parser().parse_args(argv)
        return a.func(a)
    except KgError as e:
        _err(str(e))
        return e.exit_code
    except KeyboardInterrupt:
        _err("interrupted; previous outputs are left as they were")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
