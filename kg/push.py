"""Loading a graph into an existing triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

One named graph per report and one for the entities, each sent with PUT, which
replaces that graph: pushing twice leaves one copy.  Works with Oxigraph
(/store), Apache Jena Fuseki (/DATASET/data), GraphDB (/repositories/R/rdf-graphs/service)
and Virtuoso (/sparql-graph-crud).
"""
from __future__ import annotations

import base64
import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Optional

from rdflib import Graph

from .errors import PushError
from .export import partition


# What an endpoint's refusal means for the user, by HTTP status.
_REFUSALS = {
    401: "the endpoint wants credentials, or refused the ones given (--user USER:PASSWORD)",
    403: "the endpoint does not let this user write (is it read-only?)",
    404: "no Graph Store service at this URL (Oxigraph …/store, Fuseki …/DATASET/data)",
    405: "this URL does not accept PUT: give the Graph Store service, not the query endpoint",
    413: "the endpoint refused a graph this large",
}


def endpoint_url(text: str) -> str:
    """The endpoint as given, if it is an http(s) URL with a host."""
    try:
        parts = urllib.parse.urlsplit(text)
        parts.port  # raises on a port that is not a number
    except ValueError as e:
        raise PushError(f"--endpoint {text}: not a valid URL ({e})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"--endpoint {text}: not an http:// or https:// URL "
                        "(for example http://127.0.0.1:7878/store)")
    return text


def _one_line(text: str, limit: int = 160) -> str:
    text = re.sub(r"<[^>]+>", " ", text)  # an HTML error page
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def push(g: Graph, endpoint: str, timeout: float = 120, auth: Optional[tuple[str, str]] = None) -> list[tuple[str, int]]:
    """PUT every named graph of ``g``'s partition to the Graph Store endpoint; returns (graph, triples)."""
    endpoint = endpoint_url(endpoint)
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
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                if resp.status not in (200, 201, 204):
                    raise PushError(f"{endpoint}: {name}: HTTP {resp.status}")
        except urllib.error.HTTPError as e:
            said = _one_line(e.read().decode("utf-8", "replace"))
            why = _REFUSALS.get(e.code, "the endpoint failed" if e.code >= 500 else "the endpoint refused the data")
            raise PushError(f"{endpoint}: HTTP {e.code} {e.reason}: {why}" + (f" — {said}" if said else "")) from None
        except urllib.error.URLError as e:
            raise PushError(f"{endpoint}: cannot connect: {e.reason}") from None
        except (http.client.HTTPException, OSError) as e:  # reset, timed out, not HTTP
            raise PushError(f"{endpoint}: the connection failed: {e or type(e).__name__}") from None
        sent.append((name, len(ctx)))
    return sent
