"""One report → its part of the graph.  This is the work a worker process (or a Dask worker) does.

A part is the Turtle block of what the report says about itself plus the small summary that
linking needs, as one record of bytes (``encode``), which is also what the cache keeps: a local
worker writes it into the cache itself and sends back where (``Stored``), a worker on another
machine sends the record; the process that builds the graph unpickles only the summary.  Nothing
is written here, so a worker on another machine needs no shared disk.
"""
from __future__ import annotations

import pickle
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ..link import Row, rows
from ..model import Mention
from ..rdf import report_turtle
from ..read import ReadError, read

MAX_CHARS = 3_000_000  # a report is tens of thousands of characters; far more is not one report
REASON_CHARS = 200  # a skipped file's reason is one short line in the manifest and on stderr


@dataclass(frozen=True)
class Part:
    """What one report contributes to the graph, kept small for corpora of thousands."""

    sha256: str
    encoding: str
    title: str
    division: Optional[Mention]
    publisher: Optional[Mention]
    year: Optional[int]
    mentions: tuple[Row, ...]  # every mention, the division and publisher too, as linking reads them (kg.link.rows)
    facts: tuple[tuple[str, str, str], ...]  # relations between entities (head, property, tail)
    sentences: tuple[tuple[str, str], ...]  # (entity key, the first sentence that names it)
    counts: tuple[tuple[str, int], ...]
    notes: tuple[str, ...]
    triples: int


Job = tuple[str, str]  # the report's path, the input folder
Skipped = tuple[str, str]  # ("skipped", reason)


@dataclass(frozen=True)
class Stored:
    """A part's record that the worker wrote into a pack of the cache itself (kg.build.cache.store):
    where it is, and its summary — all the build process reads of it until graph.ttl is written."""

    pack: str
    offset: int
    length: int
    summary: bytes


Outcome = Union[bytes, Stored, Skipped]  # the part's record (or where a worker stored it), or why there is none

MAGIC = b"govkg-part\n"
_HEAD = struct.Struct(">Q")  # the length of the Turtle block
HEAD_SIZE = len(MAGIC) + _HEAD.size


def encode(part: Part, block: bytes) -> bytes:
    """A part's record: a header giving the length of the Turtle block, the block (graph.ttl streams
    it without unpickling anything), then the pickled summary."""
    return b"".join((MAGIC, _HEAD.pack(len(block)), block, pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)))


def block_size(head: bytes) -> int:
    """The length of the Turtle block of a record, from its first ``HEAD_SIZE`` bytes."""
    if len(head) < HEAD_SIZE or not head.startswith(MAGIC):
        raise ValueError("not a part record")
    return _HEAD.unpack_from(head, len(MAGIC))[0]


def decode(record: bytes) -> Part:
    """The summary of a part's record (ValueError, pickle.UnpicklingError… when it is not one)."""
    return summary(memoryview(record)[HEAD_SIZE + block_size(record):])


def summary(data) -> Part:
    """A part's summary from its pickled bytes (the end of its record)."""
    part = pickle.loads(data)
    if not isinstance(part, Part):
        raise ValueError("not a part record")
    return part


def extract_part(path: str, root: str) -> tuple[Part, bytes]:
    """Read and extract one report: its summary and the Turtle block of what it says about itself."""
    from ..extract import extract

    source = read(Path(path), Path(root))
    if len(source.text) > MAX_CHARS:
        raise ReadError(f"too large to be one report ({len(source.text):,} characters; the limit is "
                        f"{MAX_CHARS:,}): split it into its reports")
    ex = extract(source)
    body, count, facts = report_turtle(ex)
    counts: dict[str, int] = {}
    for kind in {m.key: m.kind for m in ex.mentions}.values():
        counts[kind] = counts.get(kind, 0) + 1
    counts["relations"] = len(ex.relations)
    counts["observations"] = len(ex.observations)
    first: dict[str, str] = {}
    for m in ex.mentions:
        if m.key not in first:
            st = ex.report.sentence_at(m.start)
            if st is not None:
                first[m.key] = source.text[st.start:st.end]
    part = Part(source.sha256, source.encoding, ex.report.title, ex.division, ex.publisher, ex.report.year,
                rows(ex.mentions, ex.division, ex.publisher), tuple(facts), tuple(sorted(first.items())),
                tuple(sorted(counts.items())), source.notes, count)
    return part, body.encode("utf-8")


def safe(job: Job) -> Outcome:
    """A part's record, or the reason the file could not be built — never an exception: one file's
    trouble must not cost the others."""
    try:
        return encode(*extract_part(*job))
    except ReadError as e:
        return ("skipped", str(e))
    except Exception as e:  # a bug met on this file: the file is skipped, the build goes on
        return internal_error(e)


def internal_error(e: BaseException) -> Skipped:
    """The reason for a file whose extraction failed with a bug: one short line."""
    text = " ".join(f"{type(e).__name__}: {e}".split())
    if len(text) > REASON_CHARS:
        text = text[: REASON_CHARS - 1] + "…"
    return ("skipped", f"internal error: {text}")
