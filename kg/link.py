"""Mentions of many reports → one entity per real-world thing.

An entity's identity is its key: a division's code, a document's normalised
title, a body's full name.  The same key in two reports is the same node; the
label is chosen the same way whatever order the reports come in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import Iterable, Optional, Sequence

from .data import divisions
from .keys import division_key, key_name
from .model import Mention, frozen

_LEVEL_CLASS = {"province": "Province", "prefecture": "Prefecture", "county": "County",
                "township": "Township", "community": "Community"}
_NOT_A_NAME = re.compile(r"^(我|本|全)(省|市|区|县|州|旗)$")


@frozen  # made once per entity of the whole corpus, after the last report: dataclass's init is slow
class Entity:
    key: str
    kind: str  # core class: AdministrativeDivision, Institution, PolicyDocument, Program, Honor
    cls: str  # most specific class
    label: str
    alts: tuple[str, ...]
    code: Optional[str] = None
    parent: Optional[str] = None  # key of the division it is part of
    lon: Optional[float] = None
    lat: Optional[float] = None
    reports: int = 0  # how many reports mention it
    jurisdiction: Optional[str] = None  # division key, for institutions
    suborg: Optional[str] = None  # institution key of the body it belongs to


_SPACE, _DASHED, _QUOTED = re.compile(r"\s+"), re.compile(r"“[—–―~-]+"), re.compile(r"“[^”]*”")


@lru_cache(maxsize=1 << 16)  # the same names come back in report after report
def _surface(text: str) -> str:
    """The written form as another name, when it is a clean one: not a fragment of a list that
    shares its head (A”等平台, with the quote of a name before it), nor a bare 我区 or 全县."""
    surface = _DASHED.sub("“", _SPACE.sub("", text).strip("《》"))  # “——X”: the dash sets it off
    if surface.count("“") != surface.count("”") or "等" in _QUOTED.sub("", surface) \
            or _NOT_A_NAME.match(surface):
        return ""
    return surface


# A mention as linking reads it: its fields in Mention's order, as a plain tuple.  A build's
# workers send every mention of every report to the process that links them, and a tuple is read
# back several times faster than a Mention is made again; only each key's first becomes one.
Row = tuple
_FIELDS = tuple(f.name for f in fields(Mention))
_KEY, _LABEL, _TEXT, _ALTS = (_FIELDS.index(name) for name in ("key", "label", "text", "alts"))
_row = attrgetter(*_FIELDS)


def rows(mentions: Sequence[Mention], division: Optional[Mention], publisher: Optional[Mention]) -> tuple[Row, ...]:
    """A report's mentions, and its reporting division and publisher, as linking reads them."""
    return tuple(map(_row, chain(mentions, (m for m in (division, publisher) if m is not None))))


def link(reports: Iterable[tuple[str, Sequence[Mention], Optional[Mention], Optional[Mention]]]) -> dict[str, Entity]:
    """Entities from (sha256, mentions, reporting division, publisher) of every report."""
    linker = Linker()
    for sha, mentions, division, publisher in reports:
        linker.add(sha, rows(mentions, division, publisher))
    return linker.entities()


class Linker:
    """Entities gathered report by report, in any order: a build adds each report as its worker
    sends it, so little is left to do once the last one is in.  What an entity takes from its
    first mention comes from the report with the smallest digest, so the order reports come in
    changes nothing.  Each report is added once (the build adds each digest once)."""

    def __init__(self) -> None:
        self.labels: dict[str, dict[str, int]] = {}
        self.alts: dict[str, set[str]] = {}
        self.first: dict[str, tuple[str, Row]] = {}  # key → its first mention (and the report's digest)
        self.reports: dict[str, int] = {}  # key → how many reports mention it

    def add(self, sha: str, report: Sequence[Row]) -> None:
        """One report: its digest and its ``rows``."""
        labels, alts, first, reports = self.labels, self.alts, self.first, self.reports
        here = set()  # the report's keys: each counts the report once
        # One pass over the report's mentions, written out (the surface is cached by text).
        for m in report:
            key = m[_KEY]
            counts = labels.get(key)
            if counts is None:
                counts = labels[key] = {}
                names = alts[key] = set()
                first[key] = (sha, m)
            else:
                names = alts[key]
                if sha < first[key][0]:
                    first[key] = (sha, m)
            label = m[_LABEL]
            counts[label] = counts.get(label, 0) + 1
            surface = _surface(m[_TEXT])
            if surface:
                names.add(surface)
            if m[_ALTS]:
                names.update(m[_ALTS])
            here.add(key)
        for key in here:
            reports[key] = reports.get(key, 0) + 1

    def entities(self) -> dict[str, Entity]:
        table = divisions()
        labels, alts, reports = self.labels, self.alts, self.reports
        info = {key: Mention(*m) for key, (_, m) in self.first.items()}
        out: dict[str, Entity] = {}
        for key in sorted(labels):
            m = info[key]
            label = min(labels[key], key=lambda lab: (-labels[key][lab], lab))
            names = tuple(sorted(a for a in alts[key] if a and a != label))
            n = reports[key]
            if m.kind == "AdministrativeDivision":
                code = m.code
                if code:
                    for d in table.chain(code):
                        dkey = division_key(d.code)
                        prior = out.get(dkey)
                        out[dkey] = Entity(dkey, "AdministrativeDivision", _LEVEL_CLASS[d.level], d.name,
                                           prior.alts if prior else (), d.code,
                                           division_key(d.parent) if d.parent else None, d.lon, d.lat,
                                           prior.reports if prior else 0)
                    d = table.by_code[code]
                    out[key] = Entity(key, m.kind, _LEVEL_CLASS[d.level], d.name,
                                      tuple(a for a in names if a != d.name), d.code,
                                      division_key(d.parent) if d.parent else None, d.lon, d.lat, n)
                else:
                    out[key] = Entity(key, m.kind, m.cls or _LEVEL_CLASS[m.level or "county"], label, names,
                                      parent=m.parent, reports=n)
            elif m.kind == "Institution":
                out[key] = Entity(key, m.kind, m.cls or m.kind, label, names, reports=n,
                                  jurisdiction=m.jurisdiction, suborg=m.parent)
            else:
                out[key] = Entity(key, m.kind, m.cls or m.kind, label, names, reports=n)
        # The bodies a name says an institution belongs to (区委全面依法治区委员会办公室 → …委员会 → 区委).
        for key in sorted(out):
            e = out[key]
            while e.kind == "Institution" and e.suborg and e.suborg not in out:
                info_m = info[key]
                parent_label = key_name(e.suborg)
                out[e.suborg] = Entity(e.suborg, "Institution", info_m.parent_cls or "Institution",
                                       parent_label, (), jurisdiction=e.jurisdiction)
                e = out[e.suborg]
        return out
