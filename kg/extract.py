"""One report's text → everything it says.

The pipeline is a list of stages of one shape: each reads the document with
what the stages before it found and returns its own findings (as spaCy runs
its components).  The order matters only in that a stage reads what earlier
ones found: bodies are read after the places that qualify them, programs
after the documents, bodies and honors they must not overlap, relations after
every mention, and indicators last (their area is a mention).
"""
from __future__ import annotations

from typing import Callable

from .model import Doc, Findings, Source
from .recognize import divisions, documents, honors, institutions, observations, programs
from .relate import relate
from .structure import structure

Stage = Callable[[Doc], Findings]

PIPELINE: tuple[Stage, ...] = (
    divisions.recognize,
    institutions.recognize,
    documents.recognize,
    honors.recognize,
    programs.recognize,
    relate,
    observations.recognize,
)


def extract(source: Source, pipeline: tuple[Stage, ...] = PIPELINE) -> Doc:
    doc = Doc(structure(source))
    for stage in pipeline:
        doc = doc.add(stage(doc))
    return doc


def prepare() -> None:
    """Load every table and build every matcher and pattern the stages use, by extracting a short
    made-up report.  Worker processes forked after this inherit all of it instead of each
    building it again (about a second per worker)."""
    from .read import read_bytes

    sample = ("某县2024年法治政府建设情况报告\n一、主要成效\n县司法局印发《某县行政执法监督办法》，"
              "深入推进“放管服”改革，办理行政复议案件12件，获评全国法治政府建设示范县。\n")
    extract(read_bytes(sample.encode("utf-8"), "prepare.txt"))
