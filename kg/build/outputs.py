"""The outputs: OUT/graph.ttl, OUT/graph.html and OUT/manifest.json, switched into place together.

The Turtle is written by streaming: the prefixes, each linked entity with the relations it is
the subject of, then each report's names and its cached block, in digest order — nothing holds
the whole graph, so memory is bounded by the entities, not by the corpus.  All three files are
written under temporary names first and renamed together: a reader or a failed build sees the
previous build or this one, never a mix (see ``kg.files.together``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Literal, URIRef

from .. import turtle
from ..errors import BuildError, KgError
from ..files import check_target, reason, together
from ..link import Entity
from ..namespace import KG
from ..network import CLASSES, network_from
from ..rdf import add_entities, add_indicator_scheme, iri, report_iri
from ..version import __version__
from .cache import Cache
from .inputs import FileRecord
from .part import Part

OUTPUTS = ("graph.ttl", "graph.html", "manifest.json")


def check_outputs(out: Path) -> None:
    """Refuse early (before any extraction) when an output's name is taken by a folder."""
    for name in OUTPUTS:
        try:
            check_target(out / name)
        except KgError as e:
            raise BuildError(str(e)) from None


def manifest(files: tuple[FileRecord, ...], triples: int, entities: dict[str, Entity], inputs: str) -> dict:
    status = {s: sum(1 for f in files if f.status == s) for s in ("built", "duplicate", "skipped", "ignored")}
    counts = {c: sum(1 for e in entities.values() if e.kind == c) for c in CLASSES}
    return {
        "tool": "govkg",
        "version": __version__,
        "input": inputs,
        "totals": {"files": len(files), **status, "triples": triples, "entities": counts},
        "files": [f.as_json() for f in files],
    }


def _turtle(entities: dict[str, Entity], facts: list[tuple[str, str, str]], parts: Iterable[Part],
            names: dict[str, list[str]], cache: Cache, counter: list[int]) -> Iterator[bytes]:
    """graph.ttl in pieces, counting the triples into ``counter``."""
    yield turtle.header().encode("utf-8")
    by_head: dict[str, set] = {}
    for s, p, o in facts:
        by_head.setdefault(s, set()).add((URIRef(s), URIRef(p), URIRef(o)))
    nodes = sorted((str(iri(e.key)), e) for e in entities.values())
    for node, e in nodes:
        triples: set = set()
        add_entities(triples, [e])  # type: ignore[arg-type]
        triples |= by_head.pop(node, set())
        counter[0] += len(triples)
        yield (turtle.write(triples) + "\n").encode("utf-8")
    scheme: set = set()
    add_indicator_scheme(scheme)  # type: ignore[arg-type]
    counter[0] += len(scheme)
    yield (turtle.write(scheme) + "\n").encode("utf-8")
    rest = set().union(*by_head.values()) if by_head else set()
    if rest:
        counter[0] += len(rest)
        yield (turtle.write(rest) + "\n").encode("utf-8")
    for p in parts:
        r = report_iri(p.sha256)
        files = {(r, KG.sourceFile, Literal(n)) for n in names[p.sha256]}
        counter[0] += len(files) + p.triples
        yield (turtle.write(files) + "\n").encode("utf-8")
        yield cache.block(p.sha256).read_bytes()
        yield b"\n"


def write_outputs(out: Path, files: tuple[FileRecord, ...], entities: dict[str, Entity],
                  facts: list[tuple[str, str, str]], parts: list[Part], names: dict[str, list[str]],
                  cache: Cache, inputs: str) -> int:
    """Write the three outputs into ``out``, all or none; returns the number of triples."""
    from ..viz import render, select_network

    try:
        sentences = {k: s for p in reversed(parts) for k, s in p.sentences}
        network = network_from(entities.values(), facts, sentences)
        page = render(select_network(network), title="govkg · " + inputs).encode("utf-8")
        del network, sentences
        counter = [0]
        with together([out / name for name in OUTPUTS]) as (ttl, html, doc):
            for chunk in _turtle(entities, facts, parts, names, cache, counter):
                ttl.write(chunk)
            html.write(page)
            doc.write((json.dumps(manifest(files, counter[0], entities, inputs), ensure_ascii=False, indent=2)
                       + "\n").encode("utf-8"))
        return counter[0]
    except KgError as e:
        raise BuildError(f"{e}; the previous outputs are left as they were") from None
    except OSError as e:
        raise BuildError(f"{e.filename or out}: {reason(e)}; the previous outputs are left as they were") from None
