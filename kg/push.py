"""Loading a graph into an existing triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

One named graph per report and one for the entities, each sent with PUT, which
replaces that graph: pushing twice leaves one copy.  Works with Oxigraph
(/store), Apache Jena Fuseki (/DATASET/data), GraphDB (/repositories/R/rdf-graphs/service)
and Virtuoso (/sparql-graph-crud).
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from typing import Optional

from rdflib import Graph

from .errors import PushError
from .export import partition


def push(g: Graph, endpoint: str, timeout: float = 120, auth: Optional[tuple[str, str]] = None) -> list[tuple[str, int]]:
    """PUT every named graph of ``g``'s partition to the Graph Store endpoint; returns (graph, triples)."""
    ds = partition(g)
    sent = []
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if len(ctx) == 0:
            continue
        name = str(ctx.identifier)
        body = ctx.serialize(format="nt", encoding="utf-8")
        sep = "&" if "?" in endpoint else "?"
        url = f"{endpoint}{sep}graph={urllib.parse.quote(name, safe='')}"
        req = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples; charset=utf-8"})
        if auth:
            import base64

            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                if resp.status not in (200, 201, 204):
                    raise PushError(f"{endpoint}: {name}: HTTP {resp.status}")
        except urllib.error.HTTPError as e:
            raise PushError(f"{endpoint}: {name}: HTTP {e.code} {e.reason}: "
                            f"{e.read().decode('utf-8', 'replace')[:200]}") from None
        except urllib.error.URLError as e:
            raise PushError(f"{endpoint}: cannot connect: {e.reason}") from None
        sent.append((name, len(ctx)))
    return sent
