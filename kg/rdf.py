"""Entities, reports and facts → an rdflib graph, every fact traceable to its sentence.

IRIs are built from keys (division code, normalised title, full name) under
https://w3id.org/govkg/id/, so the same thing has the same IRI in every run.
Nothing here is a blank node: that keeps the Turtle byte-identical across runs.
"""
from __future__ import annotations

import hashlib
from typing import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .data import indicators
from .keys import INDICATOR_SCHEME, indicator_key, iri, report_iri  # noqa: F401  (report_iri: re-exported for build)
from .link import Entity
from .model import Extraction
from types import SimpleNamespace

from .namespace import ID, ORG, PREFIXES, QB, SCHEMA  # noqa: F401  (PREFIXES: re-exported)
from .namespace import KG as _KG

KG = SimpleNamespace(**{name: _KG[name] for name in _KG.__annotations__})  # plain attributes: fast in hot loops
from .recognize.numbers import canonical
from .turtle import lit

_ROLE = {"achievements": KG.roleAchievements, "shortcomings": KG.roleShortcomings,
         "plans": KG.rolePlans, "leadership": KG.roleLeadership}



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


def add_indicator_scheme(g: Graph) -> None:
    """The indicator scheme (kg/data/indicators.tsv) as SKOS: the concepts kg:indicator points at,
    with their names, so that a graph alone answers which figures are one indicator."""
    scheme = iri(INDICATOR_SCHEME)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, SKOS.prefLabel, lit("政府报告常用指标", "zh")))
    g.add((scheme, SKOS.prefLabel, lit("Indicators of Chinese government reports", "en")))
    for ind in indicators():
        concept = iri(indicator_key(ind.label))
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, scheme))
        g.add((scheme, SKOS.hasTopConcept, concept))
        g.add((concept, SKOS.prefLabel, lit(ind.label, "zh")))
        for alt in ind.alts:
            g.add((concept, SKOS.altLabel, lit(alt, "zh")))


def add_report(g: Graph, ex: Extraction, files: Iterable[str] = ()) -> list[tuple[URIRef, URIRef, URIRef]]:
    """Add what one report says about itself (structure, mentions, observations, reified relations)
    to ``g``; return the relation triples between entities, which belong to the entity graph."""
    rep = ex.report
    src = rep.source
    r = report_iri(src.sha256)
    base = f"report/{src.sha256[:16]}"
    g.add((r, RDF.type, KG.Report))
    for name in files:
        g.add((r, KG.sourceFile, lit(name)))
    g.add((r, DCTERMS.title, lit(rep.title, "zh")))
    g.add((r, KG.sha256, lit(src.sha256)))
    g.add((r, KG.encoding, lit(src.encoding)))
    for note in src.notes:
        g.add((r, KG.readingNote, lit(note)))
    if rep.year is not None:
        g.add((r, KG.year, lit(rep.year)))
    if rep.published:
        g.add((r, DCTERMS.issued, lit(rep.published, datatype="date")))
    if ex.publisher is not None:
        g.add((r, DCTERMS.publisher, iri(ex.publisher.key)))
    if rep.publisher:
        g.add((r, KG.publisherName, lit(rep.publisher, "zh")))
    if ex.division is not None:
        g.add((r, KG.reportingDivision, iri(ex.division.key)))
        g.add((r, KG.mentions, iri(ex.division.key)))

    for sec in rep.sections:
        s = iri(f"{base}/section/{sec.index}")
        g.add((r, KG.hasSection, s))
        g.add((s, RDF.type, KG.Section))
        g.add((s, KG.inReport, r))
        g.add((s, KG.level, lit(sec.level)))
        if sec.number:
            g.add((s, KG.number, lit(sec.number)))
        g.add((s, KG.heading, lit(sec.heading, "zh")))
        g.add((s, KG.start, lit(sec.start)))
        g.add((s, KG.end, lit(sec.end)))
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
            g.add((node, KG.text, lit(src.text[st.start:st.end], "zh")))
            g.add((node, KG.start, lit(st.start)))
            g.add((node, KG.end, lit(st.end)))
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
        g.add((node, KG.text, lit(m.text, "zh")))
        g.add((node, KG.start, lit(m.start)))
        g.add((node, KG.end, lit(m.end)))
        st = sentence(m.start)
        if st is not None:
            g.add((node, KG.inSentence, st))

    area_default = iri(ex.division.key) if ex.division is not None else None
    shared: dict[tuple[int, int], int] = {}  # one figure given to each item of a list: one node per item
    for ob in ex.observations:
        area = iri(ob.area) if ob.area else area_default
        if area is None:
            continue
        n = shared[(ob.start, ob.end)] = shared.get((ob.start, ob.end), 0) + 1
        node = iri(f"{base}/observation/{ob.start}-{ob.end}" + (f"-{n}" if n > 1 else ""))
        g.add((node, RDF.type, KG.Observation))
        g.add((node, KG.refArea, area))
        g.add((node, KG.measure, lit(ob.measure, "zh")))
        g.add((node, KG.value, lit(canonical(ob.value), datatype="decimal")))
        g.add((node, KG.unit, lit(ob.unit)))
        g.add((node, KG.writtenUnit, lit(ob.written or ob.unit)))
        g.add((node, KG.approximate, lit(ob.approximate)))
        if ob.indicator:
            g.add((node, KG.indicator, iri(ob.indicator)))
        year = ob.year if ob.year is not None else rep.year
        if year is not None:
            g.add((node, KG.year, lit(year)))
        g.add((node, PROV.wasDerivedFrom, r))
        g.add((node, KG.start, lit(ob.start)))
        g.add((node, KG.end, lit(ob.end)))
        g.add((node, KG.text, lit(src.text[ob.start:ob.end], "zh")))
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
        g.add((stmt, KG.start, lit(rel.start)))
        g.add((stmt, KG.end, lit(rel.end)))
        st = sentence(rel.start)
        if st is not None:
            g.add((stmt, PROV.wasDerivedFrom, st))
    return facts
