"""Entities, reports and facts → an rdflib graph, every fact traceable to its sentence.

IRIs are built from keys (division code, normalised title, full name) under
https://w3id.org/govkg/id/, so the same thing has the same IRI in every run.
Nothing here is a blank node: that keeps the Turtle byte-identical across runs.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .link import Entity
from .model import Extraction
from types import SimpleNamespace

from .namespace import ID, ORG, QB, SCHEMA
from .namespace import KG as _KG

KG = SimpleNamespace(**{name: _KG[name] for name in _KG.__annotations__})  # plain attributes: fast in hot loops
from .recognize.numbers import canonical

_ROLE = {"achievements": KG.roleAchievements, "shortcomings": KG.roleShortcomings,
         "plans": KG.rolePlans, "leadership": KG.roleLeadership}
_IRI_UNSAFE = set(' <>"{}|\\^`%#?')

PREFIXES = {
    "kg": str(_KG), "div": str(ID) + "division/", "doc": str(ID) + "document/",
    "inst": str(ID) + "institution/", "report": str(ID) + "report/",
    "skos": str(SKOS), "dct": str(DCTERMS), "prov": str(PROV), "org": str(ORG), "schema": str(SCHEMA),
    "qb": str(QB), "xsd": str(XSD), "rdfs": str(RDFS),
}


_UNSAFE_RX = re.compile(r'[\x00-\x20<>"{}|\\^`%#?]')
_BASE = str(ID)


def iri(key: str) -> URIRef:
    """The IRI of a key: readable (Chinese stays Chinese), with only unsafe ASCII escaped."""
    return URIRef(_BASE + _UNSAFE_RX.sub(lambda m: f"%{ord(m.group(0)):02X}", key))


def report_iri(sha256: str) -> URIRef:
    return iri(f"report/{sha256[:16]}")


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def add_entities(g: Graph, entities: Iterable[Entity]) -> None:
    for e in entities:
        node = iri(e.key)
        g.add((node, RDF.type, getattr(KG, e.kind)))
        if e.cls != e.kind:
            g.add((node, RDF.type, getattr(KG, e.cls)))
        g.add((node, RDFS.label, Literal(e.label, lang="zh")))
        for alt in e.alts:
            g.add((node, SKOS.altLabel, Literal(alt, lang="zh")))
        if e.code:
            g.add((node, KG.adminCode, Literal(e.code)))
        if e.parent:
            g.add((node, KG.partOf, iri(e.parent)))
        if e.lon is not None and e.lat is not None:
            g.add((node, SCHEMA.longitude, Literal(f"{e.lon:.6f}", datatype=XSD.decimal)))
            g.add((node, SCHEMA.latitude, Literal(f"{e.lat:.6f}", datatype=XSD.decimal)))
        if e.reports:
            g.add((node, KG.mentionCount, Literal(e.reports)))
        if e.jurisdiction:
            g.add((node, KG.jurisdiction, iri(e.jurisdiction)))
        if e.suborg:
            g.add((node, ORG.subOrganizationOf, iri(e.suborg)))


def add_report(g: Graph, ex: Extraction, files: Iterable[str] = ()) -> list[tuple[URIRef, URIRef, URIRef]]:
    """Add what one report says about itself (structure, mentions, observations, reified relations)
    to ``g``; return the relation triples between entities, which belong to the entity graph."""
    rep = ex.report
    src = rep.source
    r = report_iri(src.sha256)
    base = f"report/{src.sha256[:16]}"
    g.add((r, RDF.type, KG.Report))
    for name in files:
        g.add((r, KG.sourceFile, Literal(name)))
    g.add((r, DCTERMS.title, Literal(rep.title, lang="zh")))
    g.add((r, KG.sha256, Literal(src.sha256)))
    g.add((r, KG.encoding, Literal(src.encoding)))
    for note in src.notes:
        g.add((r, KG.readingNote, Literal(note)))
    if rep.year is not None:
        g.add((r, KG.year, Literal(rep.year, datatype=XSD.integer)))
    if rep.published:
        g.add((r, DCTERMS.issued, Literal(rep.published, datatype=XSD.date)))
    if ex.publisher is not None:
        g.add((r, DCTERMS.publisher, iri(ex.publisher.key)))
    if rep.publisher:
        g.add((r, KG.publisherName, Literal(rep.publisher, lang="zh")))
    if ex.division is not None:
        g.add((r, KG.reportingDivision, iri(ex.division.key)))
        g.add((r, KG.mentions, iri(ex.division.key)))

    for sec in rep.sections:
        s = iri(f"{base}/section/{sec.index}")
        g.add((r, KG.hasSection, s))
        g.add((s, RDF.type, KG.Section))
        g.add((s, KG.inReport, r))
        g.add((s, KG.level, Literal(sec.level)))
        if sec.number:
            g.add((s, KG.number, Literal(sec.number)))
        g.add((s, KG.heading, Literal(sec.heading, lang="zh")))
        g.add((s, KG.start, Literal(sec.start)))
        g.add((s, KG.end, Literal(sec.end)))
        if sec.role:
            g.add((s, KG.role, _ROLE[sec.role]))
        if sec.parent is not None:
            g.add((s, DCTERMS.isPartOf, iri(f"{base}/section/{sec.parent}")))

    def sentence(offset: int) -> URIRef | None:
        st = rep.sentence_at(offset)
        if st is None:
            return None
        node = iri(f"{base}/sentence/{st.start}-{st.end}")
        if (node, RDF.type, KG.Sentence) not in g:
            g.add((node, RDF.type, KG.Sentence))
            g.add((node, KG.inReport, r))
            g.add((node, KG.text, Literal(src.text[st.start:st.end], lang="zh")))
            g.add((node, KG.start, Literal(st.start)))
            g.add((node, KG.end, Literal(st.end)))
            if st.section is not None:
                g.add((node, KG.inSection, iri(f"{base}/section/{st.section}")))
        return node

    for m in ex.mentions:
        ent = iri(m.key)
        g.add((r, KG.mentions, ent))
        node = iri(f"{base}/mention/{m.start}-{m.end}")
        g.add((node, RDF.type, KG.Mention))
        g.add((node, KG.refersTo, ent))
        g.add((node, KG.inReport, r))
        g.add((node, KG.text, Literal(m.text, lang="zh")))
        g.add((node, KG.start, Literal(m.start)))
        g.add((node, KG.end, Literal(m.end)))
        st = sentence(m.start)
        if st is not None:
            g.add((node, KG.inSentence, st))

    area_default = iri(ex.division.key) if ex.division is not None else None
    for ob in ex.observations:
        area = iri(ob.area) if ob.area else area_default
        if area is None:
            continue
        node = iri(f"{base}/observation/{ob.start}-{ob.end}")
        g.add((node, RDF.type, KG.Observation))
        g.add((node, KG.refArea, area))
        g.add((node, KG.measure, Literal(ob.measure, lang="zh")))
        g.add((node, KG.value, Literal(canonical(ob.value), datatype=XSD.decimal)))
        g.add((node, KG.unit, Literal(ob.unit)))
        g.add((node, KG.approximate, Literal(ob.approximate)))
        if rep.year is not None:
            g.add((node, KG.year, Literal(rep.year, datatype=XSD.integer)))
        g.add((node, PROV.wasDerivedFrom, r))
        g.add((node, KG.start, Literal(ob.start)))
        g.add((node, KG.end, Literal(ob.end)))
        g.add((node, KG.text, Literal(src.text[ob.start:ob.end], lang="zh")))
        st = sentence(ob.start)
        if st is not None:
            g.add((node, KG.inSentence, st))

    facts = []
    for rel in ex.relations:
        head, tail = iri(rel.head), iri(rel.tail)
        prop = KG.plans if rel.planned else getattr(KG, rel.rel)
        facts.append((head, prop, tail))
        digest = hashlib.sha1(f"{rel.head}|{rel.rel}|{rel.tail}|{rel.planned}".encode()).hexdigest()[:12]
        stmt = iri(f"{base}/statement/{rel.start}-{digest}")
        g.add((stmt, RDF.type, RDF.Statement))
        g.add((stmt, RDF.subject, head))
        g.add((stmt, RDF.predicate, prop))
        g.add((stmt, RDF.object, tail))
        if rel.planned:
            g.add((stmt, KG.plannedAction, getattr(KG, rel.rel)))
        g.add((stmt, KG.inReport, r))
        g.add((stmt, KG.start, Literal(rel.start)))
        g.add((stmt, KG.end, Literal(rel.end)))
        st = sentence(rel.start)
        if st is not None:
            g.add((stmt, PROV.wasDerivedFrom, st))
    return facts
