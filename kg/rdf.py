"""Entities, reports and facts → Turtle, every fact traceable to its sentence.

IRIs are built from keys (division code, normalised title, full name) under
https://w3id.org/govkg/id/, so the same thing has the same IRI in every run.
Nothing here is a blank node: that keeps the Turtle byte-identical across runs.
Triples are made as Turtle terms straight away (see turtle.py for why).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Optional

from .data import indicators
from .keys import INDICATOR_SCHEME, indicator_key, iri_string, report_key
from .link import Entity
from .model import Extraction
from .namespace import PREFIXES
from .recognize.numbers import canonical
from .turtle import Block, iri_term, lit

_ROLE = {"achievements": "kg:roleAchievements", "shortcomings": "kg:roleShortcomings",
         "plans": "kg:rolePlans", "leadership": "kg:roleLeadership"}


@lru_cache(maxsize=1 << 16)
def ref(key: str) -> str:
    """The Turtle term of the resource with this key."""
    return iri_term(iri_text(key))


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


_NEXT = " ;\n    "  # between the lines of a node


class ReportTurtle:
    """What one report says about itself, written as Turtle node by node: each node's triples
    are known when it is written (a mention, a sentence, an observation, a statement), so they
    are given as its lines ("predicate object"), or written out whole with their number, and
    joined directly — no per-triple bookkeeping, and no scan of the finished text to count them."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.triples = 0

    def node(self, subject: str, lines: list[str]) -> None:
        self.parts.append(subject + "\n    " + _NEXT.join(lines) + " .\n")
        self.triples += len(lines)

    def written(self, node: str, triples: int) -> None:
        """A node written out whole (the nodes a report has by the hundred), with its number of lines."""
        self.parts.append(node)
        self.triples += triples

    def text(self) -> tuple[str, int]:
        """The Turtle and its number of triples."""
        return "\n".join(self.parts), self.triples


@lru_cache(maxsize=1 << 17)
def iri_text(key: str) -> str:
    """The IRI of the resource with this key, as a string (made once: the same keys come back)."""
    return iri_string(key)


def report_turtle(ex: Extraction) -> tuple[str, int, list[tuple[str, str, str]]]:
    """What one report says about itself (structure, mentions, observations, reified relations)
    as Turtle: (the Turtle, its number of triples, the relations between entities as
    (head, property, tail) IRIs, which belong to the entity graph).  Nodes come in a fixed
    order — the report, sections, mentions, observations, statements, then the sentences they
    cite — so the same extraction gives the same bytes.  Integers (offsets, levels, years) and
    canonical decimals (values) are their own Turtle literals."""
    rep = ex.report
    src = rep.source
    text = src.text
    out = ReportTurtle()
    key = report_key(src.sha256)
    r = ref(key)
    in_report = "kg:inReport " + r
    base = f"<{iri_text(key)}/"

    report = ["a kg:Report"]
    report += ["dct:title " + lit(rep.title, "zh"), "kg:sha256 " + lit(src.sha256), "kg:encoding " + lit(src.encoding)]
    report += ["kg:readingNote " + lit(note) for note in src.notes]
    if rep.year is not None:
        report.append(f"kg:year {rep.year}")
    if rep.published:
        report.append("dct:issued " + lit(rep.published, datatype="date"))
    if ex.publisher is not None:
        report.append("dct:publisher " + ref(ex.publisher.key))
    if rep.publisher:
        report.append("kg:publisherName " + lit(rep.publisher, "zh"))
    if ex.division is not None:
        report.append("kg:reportingDivision " + ref(ex.division.key))
    report += [f"kg:hasSection {base}section/{sec.index}>" for sec in rep.sections]
    mentioned = dict.fromkeys(([ref(ex.division.key)] if ex.division is not None else []) +
                              [ref(m.key) for m in ex.mentions])
    report += ["kg:mentions " + e for e in mentioned]
    out.node(r, report)

    for sec in rep.sections:
        number = f"{_NEXT}kg:number {lit(sec.number)}" if sec.number else ""
        role = f"{_NEXT}kg:role {_ROLE[sec.role]}" if sec.role else ""
        parent = f"{_NEXT}dct:isPartOf {base}section/{sec.parent}>" if sec.parent is not None else ""
        out.written(f"{base}section/{sec.index}>\n    a kg:Section ;\n    {in_report} ;\n    kg:level {sec.level}{number} ;\n    "
                    f"kg:heading {lit(sec.heading, 'zh')} ;\n    kg:start {sec.start} ;\n    kg:end {sec.end}{role}{parent} .\n",
                    6 + bool(number) + bool(role) + bool(parent))

    cited: dict[int, str] = {}  # sentences cited, by index → node

    def cites(offset: int, prop: str) -> str:
        """The end of a node whose text starts at ``offset``: a last line naming its sentence, if any."""
        st = rep.sentence_at(offset)
        if st is None:
            return " .\n"
        node = cited.get(st.index)
        if node is None:
            node = cited[st.index] = f"{base}sentence/{st.start}-{st.end}>"
        out.triples += 1  # that line is one more triple of the node being written
        return f" ;\n    {prop} {node} .\n"

    spans: dict[tuple[int, int], tuple[str, dict[str, None]]] = {}  # span → its text, what it names
    for m in ex.mentions:
        spans.setdefault((m.start, m.end), (m.text, {}))[1][ref(m.key)] = None
    refers = _NEXT + "kg:refersTo "
    for (start, end), (written, refs) in spans.items():
        out.written(f"{base}mention/{start}-{end}>\n    a kg:Mention ;\n    kg:refersTo {refers.join(refs)} ;\n    "
                    f"{in_report} ;\n    kg:text {lit(written, 'zh')} ;\n    kg:start {start} ;\n    kg:end {end}"
                    f"{cites(start, 'kg:inSentence')}", 5 + len(refs))

    area_default = ref(ex.division.key) if ex.division is not None else None
    shared: dict[tuple[int, int], int] = {}  # one figure given to each item of a list: one node per item
    for ob in ex.observations:
        area = ref(ob.area) if ob.area else area_default
        if area is None:
            continue
        start, end = ob.start, ob.end
        n = shared[(start, end)] = shared.get((start, end), 0) + 1
        node = f"{base}observation/{start}-{end}-{n}>" if n > 1 else f"{base}observation/{start}-{end}>"
        year = ob.year if ob.year is not None else rep.year
        written_measure = f"{_NEXT}kg:writtenMeasure {lit(ob.written_measure, 'zh')}" if ob.written_measure else ""
        indicator = f"{_NEXT}kg:indicator {ref(ob.indicator)}" if ob.indicator else ""
        of_year = f"{_NEXT}kg:year {year}" if year is not None else ""
        out.written(f"{node}\n    a kg:Observation ;\n    kg:refArea {area} ;\n    kg:measure {lit(ob.measure, 'zh')}"
                    f"{written_measure} ;\n    kg:value {canonical(ob.value)} ;\n    kg:unit {lit(ob.unit)} ;\n    "
                    f"kg:writtenUnit {lit(ob.written or ob.unit)} ;\n    kg:approximate {lit(ob.approximate)}{indicator}"
                    f"{of_year} ;\n    prov:wasDerivedFrom {r} ;\n    kg:start {start} ;\n    kg:end {end} ;\n    "
                    f"kg:text {lit(text[start:end], 'zh')}{cites(start, 'kg:inSentence')}",
                    11 + bool(written_measure) + bool(indicator) + bool(of_year))

    facts = []
    kg = PREFIXES["kg"]
    stated: set[str] = set()
    for rel in ex.relations:
        prop = "plans" if rel.planned else rel.rel
        facts.append((iri_text(rel.head), kg + prop, iri_text(rel.tail)))
        digest = hashlib.sha1(f"{rel.head}|{rel.rel}|{rel.tail}|{rel.planned}".encode()).hexdigest()[:12]
        node = f"{base}statement/{rel.start}-{digest}>"
        if node in stated:
            continue
        stated.add(node)
        action = f"{_NEXT}kg:plannedAction kg:{rel.rel}" if rel.planned else ""
        out.written(f"{node}\n    a rdf:Statement ;\n    rdf:subject {ref(rel.head)} ;\n    rdf:predicate kg:{prop} ;\n    "
                    f"rdf:object {ref(rel.tail)}{action} ;\n    {in_report} ;\n    kg:start {rel.start} ;\n    "
                    f"kg:end {rel.end}{cites(rel.start, 'prov:wasDerivedFrom')}", 7 + bool(action))

    sentences = rep.sentences
    for index in sorted(cited):
        st = sentences[index]
        in_section = f"{_NEXT}kg:inSection {base}section/{st.section}>" if st.section is not None else ""
        out.written(f"{cited[index]}\n    a kg:Sentence ;\n    {in_report} ;\n    kg:text {lit(text[st.start:st.end], 'zh')} ;\n    "
                    f"kg:start {st.start} ;\n    kg:end {st.end}{in_section} .\n", 5 + bool(in_section))
    return (*out.text(), facts)
