"""Entities, reports and facts → Turtle, every fact traceable to its sentence.

IRIs are built from keys (division code, normalised title, full name) under
https://w3id.org/govkg/id/, so the same thing has the same IRI in every run.
Nothing here is a blank node: that keeps the Turtle byte-identical across runs.
Triples are made as Turtle terms straight away and collected in a
``turtle.Block`` (see turtle.py for why).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Iterable

from .data import indicators
from .keys import INDICATOR_SCHEME, indicator_key, iri, report_iri  # noqa: F401  (iri, report_iri: re-exported)
from .link import Entity
from .model import Extraction
from .namespace import ID, ORG, PREFIXES, QB, SCHEMA  # noqa: F401  (PREFIXES: re-exported)
from .recognize.numbers import canonical
from .turtle import Block, iri_term, lit

_ROLE = {"achievements": "kg:roleAchievements", "shortcomings": "kg:roleShortcomings",
         "plans": "kg:rolePlans", "leadership": "kg:roleLeadership"}


@lru_cache(maxsize=1 << 16)
def ref(key: str) -> str:
    """The Turtle term of the resource with this key."""
    return iri_term(str(iri(key)))


def add_entity(b: Block, e: Entity) -> None:
    node = ref(e.key)
    b.add(node, "a", "kg:" + e.kind)
    if e.cls != e.kind:
        b.add(node, "a", "kg:" + e.cls)
    b.add(node, "rdfs:label", lit(e.label, "zh"))
    for alt in e.alts:
        b.add(node, "skos:altLabel", lit(alt, "zh"))
    if e.code:
        b.add(node, "kg:adminCode", lit(e.code))
    if e.parent:
        b.add(node, "kg:partOf", ref(e.parent))
    if e.lon is not None and e.lat is not None:
        b.add(node, "schema:longitude", lit(f"{e.lon:.6f}", datatype="decimal"))
        b.add(node, "schema:latitude", lit(f"{e.lat:.6f}", datatype="decimal"))
    if e.reports:
        b.add(node, "kg:mentionCount", lit(e.reports))
    if e.jurisdiction:
        b.add(node, "kg:jurisdiction", ref(e.jurisdiction))
    if e.suborg:
        b.add(node, "org:subOrganizationOf", ref(e.suborg))


def add_fact(b: Block, fact: tuple[str, str, str]) -> None:
    """A relation between entities, given as (head IRI, property IRI, tail IRI)."""
    s, p, o = fact
    b.add(iri_term(s), iri_term(p), iri_term(o))


def add_indicator_scheme(b: Block) -> None:
    """The indicator scheme (kg/data/indicators.tsv) as SKOS: the concepts kg:indicator points at,
    with their names, so that a graph alone answers which figures are one indicator."""
    scheme = ref(INDICATOR_SCHEME)
    b.add(scheme, "a", "skos:ConceptScheme")
    b.add(scheme, "skos:prefLabel", lit("政府报告常用指标", "zh"))
    b.add(scheme, "skos:prefLabel", lit("Indicators of Chinese government reports", "en"))
    for ind in indicators():
        concept = ref(indicator_key(ind.label))
        b.add(concept, "a", "skos:Concept")
        b.add(concept, "skos:inScheme", scheme)
        b.add(scheme, "skos:hasTopConcept", concept)
        b.add(concept, "skos:prefLabel", lit(ind.label, "zh"))
        for alt in ind.alts:
            b.add(concept, "skos:altLabel", lit(alt, "zh"))


def add_report(b: Block, ex: Extraction, files: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """Add what one report says about itself (structure, mentions, observations, reified relations)
    to ``b``; return the relation triples between entities as (head, property, tail) IRIs, which
    belong to the entity graph."""
    rep = ex.report
    src = rep.source
    text = src.text
    r = ref(f"report/{src.sha256[:16]}")
    base = str(iri(f"report/{src.sha256[:16]}"))

    def local(path: str) -> str:  # a node of this report: never a prefixed name
        return f"<{base}/{path}>"

    add = b.add
    add(r, "a", "kg:Report")
    for name in files:
        add(r, "kg:sourceFile", lit(name))
    add(r, "dct:title", lit(rep.title, "zh"))
    add(r, "kg:sha256", lit(src.sha256))
    add(r, "kg:encoding", lit(src.encoding))
    for note in src.notes:
        add(r, "kg:readingNote", lit(note))
    if rep.year is not None:
        add(r, "kg:year", lit(rep.year))
    if rep.published:
        add(r, "dct:issued", lit(rep.published, datatype="date"))
    if ex.publisher is not None:
        add(r, "dct:publisher", ref(ex.publisher.key))
    if rep.publisher:
        add(r, "kg:publisherName", lit(rep.publisher, "zh"))
    if ex.division is not None:
        add(r, "kg:reportingDivision", ref(ex.division.key))
        add(r, "kg:mentions", ref(ex.division.key))

    for sec in rep.sections:
        s = local(f"section/{sec.index}")
        add(r, "kg:hasSection", s)
        add(s, "a", "kg:Section")
        add(s, "kg:inReport", r)
        add(s, "kg:level", lit(sec.level))
        if sec.number:
            add(s, "kg:number", lit(sec.number))
        add(s, "kg:heading", lit(sec.heading, "zh"))
        add(s, "kg:start", lit(sec.start))
        add(s, "kg:end", lit(sec.end))
        if sec.role:
            add(s, "kg:role", _ROLE[sec.role])
        if sec.parent is not None:
            add(s, "dct:isPartOf", local(f"section/{sec.parent}"))

    def sentence(offset: int) -> str | None:
        st = rep.sentence_at(offset)
        if st is None:
            return None
        node = local(f"sentence/{st.start}-{st.end}")
        if not b.has(node):
            add(node, "a", "kg:Sentence")
            add(node, "kg:inReport", r)
            add(node, "kg:text", lit(text[st.start:st.end], "zh"))
            add(node, "kg:start", lit(st.start))
            add(node, "kg:end", lit(st.end))
            if st.section is not None:
                add(node, "kg:inSection", local(f"section/{st.section}"))
        return node

    for m in ex.mentions:
        ent = ref(m.key)
        add(r, "kg:mentions", ent)
        node = local(f"mention/{m.start}-{m.end}")
        add(node, "a", "kg:Mention")
        add(node, "kg:refersTo", ent)
        add(node, "kg:inReport", r)
        add(node, "kg:text", lit(m.text, "zh"))
        add(node, "kg:start", lit(m.start))
        add(node, "kg:end", lit(m.end))
        st = sentence(m.start)
        if st is not None:
            add(node, "kg:inSentence", st)

    area_default = ref(ex.division.key) if ex.division is not None else None
    shared: dict[tuple[int, int], int] = {}  # one figure given to each item of a list: one node per item
    for ob in ex.observations:
        area = ref(ob.area) if ob.area else area_default
        if area is None:
            continue
        n = shared[(ob.start, ob.end)] = shared.get((ob.start, ob.end), 0) + 1
        node = local(f"observation/{ob.start}-{ob.end}" + (f"-{n}" if n > 1 else ""))
        add(node, "a", "kg:Observation")
        add(node, "kg:refArea", area)
        add(node, "kg:measure", lit(ob.measure, "zh"))
        if ob.written_measure:
            add(node, "kg:writtenMeasure", lit(ob.written_measure, "zh"))
        add(node, "kg:value", lit(canonical(ob.value), datatype="decimal"))
        add(node, "kg:unit", lit(ob.unit))
        add(node, "kg:writtenUnit", lit(ob.written or ob.unit))
        add(node, "kg:approximate", lit(ob.approximate))
        if ob.indicator:
            add(node, "kg:indicator", ref(ob.indicator))
        year = ob.year if ob.year is not None else rep.year
        if year is not None:
            add(node, "kg:year", lit(year))
        add(node, "prov:wasDerivedFrom", r)
        add(node, "kg:start", lit(ob.start))
        add(node, "kg:end", lit(ob.end))
        add(node, "kg:text", lit(text[ob.start:ob.end], "zh"))
        st = sentence(ob.start)
        if st is not None:
            add(node, "kg:inSentence", st)

    facts = []
    kg = PREFIXES["kg"]
    for rel in ex.relations:
        prop = "plans" if rel.planned else rel.rel
        head, tail = ref(rel.head), ref(rel.tail)
        facts.append((str(iri(rel.head)), kg + prop, str(iri(rel.tail))))
        digest = hashlib.sha1(f"{rel.head}|{rel.rel}|{rel.tail}|{rel.planned}".encode()).hexdigest()[:12]
        stmt = local(f"statement/{rel.start}-{digest}")
        add(stmt, "a", "rdf:Statement")
        add(stmt, "rdf:subject", head)
        add(stmt, "rdf:predicate", "kg:" + prop)
        add(stmt, "rdf:object", tail)
        if rel.planned:
            add(stmt, "kg:plannedAction", "kg:" + rel.rel)
        add(stmt, "kg:inReport", r)
        add(stmt, "kg:start", lit(rel.start))
        add(stmt, "kg:end", lit(rel.end))
        st = sentence(rel.start)
        if st is not None:
            add(stmt, "prov:wasDerivedFrom", st)
    return facts
