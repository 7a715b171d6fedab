"""The outputs: OUT/graph.ttl, OUT/graph.html and OUT/manifest.json, switched into place together.

The Turtle is written by streaming: the prefixes, each linked entity with the relations it is
the subject of, then each report's names and its cached block, in digest order — nothing holds
the whole graph, so memory is bounded by the entities, not by the corpus.  All three files are
written under temporary names first and renamed together: a reader or a failed build sees the
previous build or this one, never a mix (see ``kg.files.together``).
"""
from __future__ import annotations

import json
import multiprocessing
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .. import turtle
from ..errors import BuildError, KgError
from ..files import check_target, reason, together
from ..link import Entity
from ..network import CLASSES, network_from
from ..keys import report_key
from ..rdf import add_entity, add_fact, add_indicator_scheme, iri_text, ref
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


def _turtle(entities: dict[str, Entity], facts: Iterable[tuple[str, str, str]], parts: Iterable[Part],
            names: dict[str, list[str]], cache: Cache, counter: list[int]) -> Iterator[bytes]:
    """graph.ttl in pieces, counting the triples into ``counter``.  Each node's relations are
    written in order (sorted node by node: one sort of all the facts of a corpus costs more)."""
    yield turtle.header().encode("utf-8")
    by_head: dict[str, list[tuple[str, str, str]]] = {}
    for fact in facts:
        by_head.setdefault(fact[0], []).append(fact)
    for node, e in sorted((iri_text(e.key), e) for e in entities.values()):
        block = turtle.Block()
        add_entity(block, e)
        for fact in sorted(by_head.pop(node, ())):
            add_fact(block, fact)
        counter[0] += block.count
        yield (block.text() + "\n").encode("utf-8")
    block = turtle.Block()
    add_indicator_scheme(block)
    for head in sorted(by_head):  # relations of nodes that are not entities
        for fact in sorted(by_head[head]):
            add_fact(block, fact)
    counter[0] += block.count
    yield (block.text() + "\n").encode("utf-8")
    for p in parts:
        block = turtle.Block()
        for n in names[p.sha256]:
            block.add(ref(report_key(p.sha256)), "kg:sourceFile", turtle.lit(n))
        counter[0] += block.count + p.triples
        yield (block.text() + "\n").encode("utf-8")
        yield cache.block(p.sha256)
        yield b"\n"


def write_outputs(out: Path, files: tuple[FileRecord, ...], entities: dict[str, Entity],
                  facts: set[tuple[str, str, str]], parts: list[Part], names: dict[str, list[str]],
                  cache: Cache, inputs: str) -> int:
    """Write the three outputs into ``out``, all or none; returns the number of triples."""
    try:
        counter = [0]
        with background(_page, entities, facts, parts, "govkg · " + inputs) as page, \
                together([out / name for name in OUTPUTS]) as (ttl, html, doc):
            for chunk in _turtle(entities, facts, parts, names, cache, counter):
                ttl.write(chunk)
            doc.write((json.dumps(manifest(files, counter[0], entities, inputs), ensure_ascii=False, indent=2)
                       + "\n").encode("utf-8"))
            html.write(page.result())
        return counter[0]
    except KgError as e:
        raise BuildError(f"{e}; the previous outputs are left as they were") from None
    except OSError as e:
        raise BuildError(f"{e.filename or out}: {reason(e)}; the previous outputs are left as they were") from None


def _page(entities: dict[str, Entity], facts: set[tuple[str, str, str]], parts: list[Part], title: str) -> bytes:
    """graph.html: the view of the linked entities, each with the first sentence that names it."""
    from ..viz import View, ViewOptions, render

    sentences = {k: s for p in reversed(parts) for k, s in p.sentences}
    shown = network_from(entities.values(), sorted(facts), sentences, max_nodes=ViewOptions.max_nodes)
    return render(View(shown, omitted=len(entities) - shown.number_of_nodes()), title=title).encode("utf-8")


class background:
    """``fn(*args)`` computed in a forked process while this one goes on:

        with background(fn, a, b) as job:
            ...  # other work
            value = job.result()

    The page and the Turtle share nothing but their inputs, and once extraction is over a core is
    free.  Where processes cannot be forked, or the child fails, ``result`` computes the value here
    (so a failure is raised here, as it would be inline).  Leaving the block ends the child."""

    def __init__(self, fn: Callable[..., bytes], *args) -> None:
        self.fn, self.args, self.child, self.receive = fn, args, None, None
        # Forking is safe where it is the platform's way (Linux; the build holds no threads by
        # now); a daemonic process (a pool's worker) may not have children.
        if sys.platform != "linux" or multiprocessing.current_process().daemon:
            return
        try:
            context = multiprocessing.get_context("fork")
            self.receive, send = context.Pipe(duplex=False)
            try:
                self.child = context.Process(target=_send, args=(send, fn, args), daemon=True)
                self.child.start()  # forking flushes stdout and stderr first: nothing is written twice
            finally:
                send.close()
        except Exception:  # no process to be had (out of memory, too many processes): inline
            if self.receive is not None:
                self.receive.close()
            self.child = self.receive = None

    def result(self) -> bytes:
        data = None
        if self.receive is not None:
            try:
                data = self.receive.recv_bytes()
            except (EOFError, OSError):
                pass
            self.receive.close()
            self.receive = None
            self.child.join()
        return data if data is not None and self.child is not None and self.child.exitcode == 0 \
            else self.fn(*self.args)

    def __enter__(self) -> "background":
        return self

    def __exit__(self, *exc) -> None:
        if self.receive is not None:
            self.receive.close()
            self.receive = None
            if self.child.is_alive():
                self.child.terminate()
            self.child.join()


def _send(send, fn: Callable[..., bytes], args: tuple) -> None:
    try:
        send.send_bytes(fn(*args))
    except BaseException:
        sys.exit(1)  # the parent computes it itself, and raises what it raises
