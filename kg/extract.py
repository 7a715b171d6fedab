"""One report's text → everything it says: the stages run in order, each on the last one's output."""
from __future__ import annotations

from .model import Extraction, Source
from .recognize import divisions, documents, honors, institutions, observations, programs
from .relate import relate
from .structure import structure


def extract(source: Source) -> Extraction:
    report = structure(source)
    division, places = divisions.recognize(report)
    bodies = institutions.recognize(report, division, places)
    docs = documents.recognize(report, division)
    awards = honors.recognize(report, division)
    named = programs.recognize(report, division, [(m.start, m.end) for m in docs + bodies + awards])
    mentions = tuple(sorted(places + bodies + docs + awards + named, key=lambda m: (m.start, m.end, m.kind)))
    return Extraction(report, division, mentions, relate(report, division, mentions), _publisher(report, bodies),
                      observations.recognize(report, mentions))


def _publisher(report, bodies):
    """The institution mention that the signature, the title or the page's source names."""
    if not report.publisher:
        return None
    name = report.publisher
    exact = [m for m in bodies if report.source.norm[m.start:m.end] == name]
    inside = [m for m in bodies if m.end - m.start >= 2 and report.source.norm[m.start:m.end] in name]
    return (exact or sorted(inside, key=lambda m: m.start - m.end) or [None])[0]
