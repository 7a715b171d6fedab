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
