"""A folder of reports → OUT/graph.ttl, OUT/graph.html and OUT/manifest.json.

The build runs its jobs in order, each in its own module:

    inputs     every file under the folder accounted for: a report, a duplicate, skipped, ignored
    cache      reports extracted before (same content, same extractor) are not extracted again
    executors  the others are extracted — here, in worker processes or on a Dask cluster —
               each into a part (part.py): its Turtle block and what linking needs
    link       the parts' mentions become one entity per key (kg.link)
    outputs    the three files, streamed and switched into place together

A bad file never stops the build; it is listed in the manifest with its reason.  Outputs change
all at once or not at all, and ``store`` (an on-disk Oxigraph store) is only ever written into a
new folder or over a store this tool made.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Optional

from rdflib import Graph

from ..data import DataError
from ..data import check as check_data
from ..errors import BuildError
from ..heap import acyclic
from ..link import Linker
from ..keys import report_iri
from ..store import check_store_target, write_store
from . import executors
from .cache import Cache
from .inputs import FileRecord, Inputs, survey
from .outputs import check_outputs, write_outputs
from .part import Part, Stored, decode, summary

__all__ = ["build", "BuildResult", "BuildError", "FileRecord"]


@dataclass
class BuildResult:
    files: tuple[FileRecord, ...]
    out: Path
    extracted: int = 0  # reports extracted in this run
    cached: int = 0  # reports taken from the cache
    triples: int = 0
    store_triples: Optional[int] = None  # when a store was written

    @property
    def skipped(self) -> tuple[FileRecord, ...]:
        return tuple(f for f in self.files if f.status == "skipped")

    @cached_property
    def graph(self) -> Graph:
        """The built graph, parsed from OUT/graph.ttl (for notebooks and tests)."""
        g = Graph()
        g.parse(self.out / "graph.ttl", format="turtle")
        return g


def build(inputs: Path, out: Optional[Path] = None, warn: Callable[[str], None] = lambda m: None,
          jobs: int = 1, executor: Optional[str] = None,
          progress: Callable[[int, int], None] = lambda done, total: None,
          store: Optional[Path] = None) -> BuildResult:
    """Read every report under ``inputs`` and build the graph into ``out`` (a temporary
    folder when None; the result's ``graph`` is then parsed before it goes).

    ``jobs`` worker processes extract reports in parallel (``executor`` "dask://HOST:PORT"
    sends them to a Dask cluster instead); ``warn`` receives one line per file skipped or
    repaired; ``progress`` is called with (done, total) as reports are extracted.  ``store``
    also writes the graph to an on-disk store there (a new folder or a store made by kg).
    """
    if out is None:
        with tempfile.TemporaryDirectory(prefix="govkg-") as tmp:
            result = build(inputs, Path(tmp), warn, jobs, executor, progress, store)
            result.graph  # parse while the files exist
            return result
    inputs, out = Path(inputs), Path(out)
    try:
        check_data()  # a malformed table fails here, before any report is read
    except DataError as e:
        raise BuildError(str(e)) from None
    found = survey(inputs, warn)
    if store is not None:
        check_store_target(store)  # refuse before any work, not after
    cache = Cache(out)
    try:
        check_outputs(out)
        # The parts gathered and linked are many small objects without cycles (kg.heap); worker
        # processes forked meanwhile inherit the pause, and extraction leaves no cyclic garbage
        # either.  The page's network (cyclic structures) is built in a process of its own (where
        # it is made inline, its cycles wait for a full collection).  They are all freed before
        # the collector resumes: its first pass would walk every one.
        with acyclic():
            files, extracted, cached, used, triples = _build(found, out, cache, warn, jobs, executor, progress, str(inputs))
        cache.prune(used)
    finally:
        cache.close()
    result = BuildResult(files, out, extracted=extracted, cached=cached, triples=triples)
    if store is not None:
        result.store_triples = write_store(out / "graph.ttl", store)
    return result


def _build(found: Inputs, out: Path, cache: Cache, warn: Callable[[str], None], jobs: int, executor: Optional[str],
           progress: Callable[[int, int], None], inputs: str) -> tuple[tuple[FileRecord, ...], int, int, frozenset[str], int]:
    """Extract (or take from the cache), link and write; returns the files' records, the numbers
    of reports extracted and taken from the cache, the digests of the reports built and the
    number of triples written."""
    records = dict(found.records)
    names = dict(found.names)
    parts: dict[str, Part] = {}
    linker = Linker()  # linking and the facts are gathered as parts come, while the workers go on
    facts: set[tuple[str, str, str]] = set()

    def take(sha: str, part: Part) -> None:
        parts[sha] = part
        linker.add(sha, part.mentions)
        facts.update(part.facts)

    todo = []
    for sha, path in found.reports.items():
        part = cache.get(sha)
        if part is not None:
            take(sha, part)
        else:
            todo.append((str(path), str(found.root)))
    sha_of = {str(path): sha for sha, path in found.reports.items()}
    cached = len(parts)

    progress(0, len(todo))
    for done, (job, outcome) in enumerate(executors.run(todo, jobs, executor, str(cache.folder)), 1):
        sha = sha_of[job[0]]
        if isinstance(outcome, Stored):
            take(sha, summary(outcome.summary))
            cache.adopt(sha, outcome)
        elif isinstance(outcome, bytes):
            take(sha, decode(outcome))
            cache.put(sha, outcome)
        else:
            rel = found.rel(found.reports[sha])
            records[rel] = FileRecord(rel, "skipped", outcome[1])  # type: ignore[arg-type]
            warn(f"{rel}: skipped: {outcome[1]}")
            del names[sha]
        progress(done, len(todo))

    for sha, part in parts.items():
        rel = found.rel(found.reports[sha])
        for note in part.notes:
            warn(f"{rel}: {note}")
        records[rel] = FileRecord(rel, "built", None, sha, part.encoding, str(report_iri(sha)), part.title,
                                  part.division.label if part.division else None, part.year, dict(part.counts),
                                  part.notes)
    files = tuple(records[k] for k in sorted(records))
    ordered = [parts[sha] for sha in sorted(parts)]
    triples = write_outputs(out, files, linker.entities(), facts, ordered, {sha: sorted(n) for sha, n in names.items()},
                            cache, inputs)
    return files, len(todo), cached, frozenset(parts), triples
