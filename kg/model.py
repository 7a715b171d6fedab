"""The typed values that flow through the pipeline: read → structure → recognise → link → emit.

Everything here is frozen: a stage returns new values and never edits what an
earlier stage produced, so any stage can be run (and tested) on its own.
Offsets always index ``Source.text``, the decoded text of the input file.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import MISSING, dataclass, fields
from functools import cached_property
from operator import attrgetter
from decimal import Decimal
from typing import Optional


def frozen(cls=None, /, **options):
    """``dataclass(frozen=True)``, with an ``__init__`` that writes the fields straight into the
    instance's dict.  The one dataclasses makes goes through ``object.__setattr__`` once a field
    (frozen forbids plain assignment), which made building the few hundred mentions, sentences,
    relations and observations of a report cost four times what they need.  The instance is the
    same as before: same fields, dict in field order (so pickles are unchanged), frozen against
    assignment afterwards, and ``dataclasses.replace`` works as it always did."""
    if cls is None:
        return lambda c: frozen(c, **options)
    cls = dataclass(frozen=True, **options)(cls)
    if hasattr(cls, "__post_init__") or options.get("slots"):
        return cls  # work after the fields are set, or no dict to write: keep dataclasses' own __init__
    params, writes, defaults = [], [], {}
    for f in fields(cls):
        if not f.init or f.kw_only or f.default_factory is not MISSING:
            return cls  # a field the simple form cannot make: keep dataclasses' own __init__
        if f.default is MISSING:
            params.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        writes.append(f"d[{f.name!r}] = {f.name}")
    source = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n    " + "\n    ".join(writes) + "\n"
    namespace: dict = {}
    exec(source, defaults, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in fields(cls)}, "return": None}  # help() shows the same
    cls.__init__ = init
    return cls


@frozen
class Span:
    start: int
    end: int


@frozen
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


@frozen
class Section:
    index: int
    level: int
    number: str
    heading: str
    start: int
    end: int
    role: Optional[str]
    parent: Optional[int]


@frozen
class Sentence:
    index: int
    start: int
    end: int
    section: Optional[int]


@frozen(eq=False)
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


@frozen
class Mention:
    """A span of the source that names something.

    ``key`` is the linking key (same key, same IRI, in any report; see keys.py),
    ``label`` the canonical name, ``kind`` one of the five core classes and
    ``cls`` the most specific class of the ontology (County, Department, Law…).
    """

    kind: str
    start: int
    end: int
    text: str
    label: str
    key: str
    cls: str = ""  # most specific class; "" means the core class itself
    alts: tuple[str, ...] = ()  # other names the recogniser knows (the written short form…)
    code: Optional[str] = None  # divisions: the national code
    level: Optional[str] = None  # divisions: province, prefecture, county, township, community
    parent: Optional[str] = None  # divisions: the containing division; institutions: the body it belongs to
    parent_cls: Optional[str] = None  # institutions: the class of that body
    jurisdiction: Optional[str] = None  # institutions: the key of their division
    cue: Optional[int] = None  # where the verb that governs it starts (an honor's conferral)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@frozen
class Relation:
    head: str  # entity key
    rel: str
    tail: str  # entity key
    start: int  # evidence span in the source text
    end: int
    planned: bool = False


@frozen
class Observation:
    """A number with its unit, what it counts, and whom it is about (None: the reporting division).

    ``value`` and ``unit`` are normalised (3500万元 → 35000000 元); ``written`` is the unit as the
    report writes it, multiplier included (万元).  ``indicator`` is the key of the concept of the
    indicator scheme the measure belongs to; ``year`` the year the figure is of, when the clause
    says so (None: the report's year).  Several observations share a span when one figure is
    given to each item of a list (A率、B率均达100%).  ``measure`` is read from the simplified
    recognition copy, as labels are; ``written_measure`` gives it in the report's script when that
    differs (a report in traditional characters)."""

    start: int
    end: int
    value: Decimal
    unit: str
    approximate: bool
    measure: str
    area: Optional[str]
    written: str = ""
    indicator: Optional[str] = None
    year: Optional[int] = None
    written_measure: str = ""  # the measure in the report's own script, where it is not simplified


@frozen
class Findings:
    """What one stage of the pipeline adds to a document."""

    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    observations: tuple[Observation, ...] = ()
    division: Optional[Mention] = None  # the reporting division, when this stage decides it
    publisher: Optional[Mention] = None  # the body that signs or publishes the report


# Mentions in text order: by start, end and kind (one key read in C: a stage adds to a few hundred)
_TEXT_ORDER = attrgetter("start", "end", "kind")


@frozen(eq=False)
class Doc:
    """One report as it moves through the pipeline: the structured report plus what the
    stages so far have found.  A stage reads a Doc and returns Findings; ``add`` makes
    the next Doc.  Mentions are kept in text order."""

    report: Report
    division: Optional[Mention] = None
    publisher: Optional[Mention] = None
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    observations: tuple[Observation, ...] = ()

    @property
    def text(self) -> str:
        """The recognition copy of the text (simplified, width-folded): what rules read."""
        return self.report.source.norm

    def add(self, found: Findings) -> "Doc":
        mentions = self.mentions
        if found.mentions:
            mentions = tuple(sorted(mentions + found.mentions, key=_TEXT_ORDER))
        return Doc(self.report, found.division or self.division, found.publisher or self.publisher, mentions,
                   self.relations + found.relations, self.observations + found.observations)

    def of_kind(self, *kinds: str) -> tuple[Mention, ...]:
        return tuple([m for m in self.mentions if m.kind in kinds])

    def spans(self, *kinds: str) -> list[tuple[int, int]]:
        """The spans already taken by mentions of these kinds (all kinds when none are given)."""
        return [m.span for m in self.mentions if not kinds or m.kind in kinds]


Extraction = Doc  # what build and rdf consume: a Doc after the last stage
