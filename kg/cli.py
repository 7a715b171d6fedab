"""The `kg` command: parse arguments, call one API function, print. No logic lives here."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


def _err(msg: str) -> None:
    print(f"kg: {msg}", file=sys.stderr)


def cmd_build(a: argparse.Namespace) -> int:
    from .build import BuildError, build

    try:
        result = build(Path(a.inputs), Path(a.out), warn=_err)
    except BuildError as e:
        _err(str(e))
        return EXIT_ERROR
    built = sum(1 for f in result.files if f.status == "built")
    print(f"built {built} report(s), {len(result.graph)} triples → {a.out}/graph.ttl "
          f"({len(result.skipped)} skipped; see {a.out}/manifest.json)")
    if result.skipped:
        return EXIT_ERROR if a.strict else EXIT_SKIPPED
    return EXIT_OK


def cmd_query(a: argparse.Namespace) -> int:
    from .query import QueryError, format_result, query

    if a.file:
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
    try:
        sys.stdout.write(format_result(query(a.graph, sparql), a.format))
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
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a SPARQL query over a built graph")
    q.add_argument("graph", help="graph.ttl or a build's output folder")
    q.add_argument("sparql", nargs="?", help="the query text (prefixes kg:, rdfs:, skos:, dct:… are predeclared)")
    q.add_argument("-f", "--file", help="read the query from a .rq file")
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
