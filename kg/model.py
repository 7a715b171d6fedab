"""The typed values that flow through the pipeline: read → structure → recognise → link → emit.

Everything here is frozen: a stage returns new values and never edits what an
earlier stage produced, so any stage can be run (and tested) on its own.
Offsets always index ``Source.text``, the decoded text of the input file.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal
from typing import Optional


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """One input file, decoded.

    ``text`` is what offsets refer to: the decoded file for plain text, the
    extracted text for HTML.  ``norm`` has the same length and is what the
    recognisers read: traditional characters mapped to simplified and
    full-width ASCII folded, character for character.
    """

    name: str
    path: str
    sha256: str
    encoding: str
    text: str
    norm: str
    furniture: tuple[Span, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()

    def meta_value(self, key: str) -> Optional[str]:
        return dict(self.meta).get(key)


@dataclass(frozen=True)
class Section:
    index: int
    level: int
    number: str
    heading: str
    start: int
    end: int
    role: Optional[str]
    parent: Optional[int]


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    section: Optional[int]


@dataclass(frozen=True, eq=False)
class Report:
    """A structured report: the source plus what its layout says about it."""

    source: Source
    title: str
    title_span: Optional[Span]
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    published: Optional[str] = None
    publisher: Optional[str] = None
    year: Optional[int] = None

    def sentence_at(self, offset: int) -> Optional[Sentence]:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def role_at(self, offset: int) -> Optional[str]:
        s = self.sentence_at(offset)
        if s is None or s.section is None:
            return None
        return self.sections[s.section].role


@dataclass(frozen=True)
class Mention:
    """A span of the source that names something.

    ``key`` is the linking key (same key, same IRI, in any report); ``label``
    the canonical name; ``kind`` one of the core classes; ``attrs`` extra
    facts the recogniser knows (division code and level, document genre…).
    """

    kind: str
    start: int
    end: int
    text: str
    label: str
    key: str
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str) -> Optional[str]:
        return dict(self.attrs).get(name)


@dataclass(frozen=True)
class Relation:
    head: str  # entity key
    rel: str
    tail: str  # entity key
    start: int  # evidence span in the source text
    end: int
    planned: bool = False


@dataclass(frozen=True)
class Observation:
    """A number with its unit, what it counts, and whom it is about (None: the reporting division)."""

    start: int
    end: int
    value: Decimal
    unit: str
    approximate: bool
    measure: str
    area: Optional[str]


@dataclass(frozen=True)
class Extraction:
    """Everything read from one report, ready to be linked into the graph."""

    report: Report
    division: Optional[Mention]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...] = ()
    publisher: Optional[Mention] = None
    observations: tuple[Observation, ...] = ()
