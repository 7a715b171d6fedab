"""One report's text → everything it says: the stages run in order, each on the last one's output."""
from __future__ import annotations

from .model import Extraction, Source
from .recognize import divisions, documents
from .relate import relate
from .structure import structure


def extract(source: Source) -> Extraction:
    report = structure(source)
    division, places = divisions.recognize(report)
    docs = documents.recognize(report, division)
    mentions = tuple(sorted(places + docs, key=lambda m: (m.start, m.end, m.kind)))
    return Extraction(report, division, mentions, relate(report, division, mentions))
