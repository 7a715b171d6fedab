"""Properties of the extractor over report-shaped text made from the grammar's own pieces.

Random Unicode finds nothing to extract, so the properties would hold vacuously.
Here a report is composed from the tables the recognisers use — a county and its
townships from the national table, body types, document genres, cue verbs,
numbers with units — so every property runs on real findings:

- every mention's offsets slice the source to its text;
- linking, and the Turtle written from it, do not depend on the order of the reports;
- every observation's value survives the Turtle literal it is written as;
- nothing raises.
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from kg import data, turtle
from kg.extract import extract
from kg.link import link
from kg.rdf import add_entity
from kg.read import read_bytes
from kg.recognize.numbers import canonical

UNITS = ("件", "项", "人", "人次", "次", "个", "户", "条", "份", "场", "元", "万元", "%")  # annotation guide's list
TOPICS = ("法治政府建设", "行政执法监督", "行政复议", "公共法律服务", "普法依法治理", "营商环境", "政务公开", "合法性审查")


def _counties() -> list[str]:
    return sorted(d.code for d in data.divisions().by_code.values() if d.level == "county")


@st.composite
def reports(draw) -> str:
    """A short report of a random county: a title naming it, then sentences in the forms
    reports use, filled from the tables."""
    table = data.divisions()
    county = table.by_code[draw(st.sampled_from(_counties()))]
    year = draw(st.integers(2015, 2025))
    towns = table.townships(county.code)
    body = draw(st.sampled_from(sorted(data.bodies().gov)))
    genre = draw(st.sampled_from([e for e, _ in data.genres().endings]))
    issue = draw(st.sampled_from(data.cues().verbs("issued")))
    implement = draw(st.sampled_from(data.cues().verbs("implements")))
    topic = draw(st.sampled_from(TOPICS))
    unit = draw(st.sampled_from(UNITS))
    number = draw(st.one_of(st.integers(1, 99999).map(str),
                            st.decimals(1, 999, places=1, allow_nan=False, allow_infinity=False).map(str)))
    lines = [
        f"{county.name}{year}年法治政府建设情况报告",
        f"{year}年，{county.name}{body}{issue}《{county.name}{topic}{genre}》。",
        f"我{county.name[-1]}{implement}《{topic}{genre}》，办理{topic}案件{number}{unit}。",
        f"县{body}{implement}“{topic}”改革，全年开展{topic}活动{draw(st.integers(2, 500))}场。",
    ]
    if towns:
        town = draw(st.sampled_from(towns))
        lines.append(f"{county.name}{town.name}{implement}{topic}工作，覆盖率达{draw(st.integers(1, 100))}%。")
    order = draw(st.permutations(lines[1:]))
    return "\n".join([lines[0], *order]) + "\n"


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports())
def test_properties_offsets_slice_the_source_to_every_mention(text):
    doc = extract(read_bytes(text.encode("utf-8"), "r.txt"))
    assert doc.division is not None and doc.mentions and doc.observations  # the properties below run on findings
    source = doc.report.source.text
    for m in doc.mentions:
        assert m.text and source[m.start:m.end] == m.text, m
    for o in doc.observations:
        assert 0 <= o.start < o.end <= len(source)
    for r in doc.relations:
        assert 0 <= r.start <= r.end <= len(source)


@SETTINGS
@given(reports())
def test_properties_observation_values_survive_their_turtle_literal(text):
    doc = extract(read_bytes(text.encode("utf-8"), "r.txt"))
    assert doc.observations
    for o in doc.observations:
        written = canonical(o.value)
        assert Literal(written, datatype=XSD.decimal).toPython() == o.value
        assert Decimal(written) == o.value


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(reports(), min_size=2, max_size=4, unique=True), st.randoms(use_true_random=False))
def test_properties_linking_and_turtle_do_not_depend_on_report_order(texts, rnd):
    docs = [extract(read_bytes(t.encode("utf-8"), f"r{i}.txt")) for i, t in enumerate(texts)]

    def turtle_of(order):
        entities = link((d.report.source.sha256, d.mentions, d.division, d.publisher) for d in order)
        block = turtle.Block()
        for e in entities.values():
            add_entity(block, e)
        return block.text()

    shuffled = list(docs)
    rnd.shuffle(shuffled)
    assert turtle_of(docs) == turtle_of(shuffled) == turtle_of(list(reversed(docs)))


@given(st.text(min_size=1, max_size=30))
def test_property_every_key_has_an_iri_rdflib_accepts_and_turtle_reads_back(name):
    """IRIs are written as text without rdflib's check (kg.keys.iri_string): any key, whatever
    characters a report puts in a name, must still make an IRI rdflib accepts, and a Turtle
    term that parses back to it."""
    from rdflib import Graph, URIRef
    from rdflib.term import _is_valid_uri  # what URIRef checks (it only logs a failure)

    from kg.keys import iri_string
    from kg.rdf import ref

    text = iri_string(f"program/{name}")
    assert _is_valid_uri(text)
    node = URIRef(text)
    g = Graph().parse(data=f"{ref('program/' + name)} a <{text}> .", format="turtle")
    assert set(g.objects()) == {node}


def test_property_frozen_values_are_the_dataclasses_they_replace():
    """model.frozen writes fields straight into the instance: the values must be those of
    dataclass(frozen=True) — same signature, equality, pickles, frozen, replace — and where the
    short form cannot hold (slots, keyword-only fields) dataclasses' own __init__ stays."""
    import inspect
    import pickle
    from dataclasses import FrozenInstanceError, dataclass, field, replace

    import pytest

    from kg.model import Mention, frozen

    @dataclass(frozen=True)
    class Plain:
        kind: str
        start: int
        alts: tuple = ()

    @frozen
    class Fast:
        kind: str
        start: int
        alts: tuple = ()

    assert str(inspect.signature(Fast)) == str(inspect.signature(Plain))
    a, b = Fast("Program", 3), Plain("Program", 3)
    assert vars(a) == vars(b) and list(vars(a)) == list(vars(b)) and a == Fast("Program", 3, ())
    assert replace(a, start=4) == Fast("Program", 4)
    with pytest.raises(FrozenInstanceError):
        a.start = 5
    m = Mention("Program", 0, 2, "普法", "普法", "program/普法")
    assert pickle.loads(pickle.dumps(m)) == m

    @frozen
    class Keywords:
        a: int
        b: int = field(default=2, kw_only=True)

    with pytest.raises(TypeError):
        Keywords(1, 3)

    @frozen(slots=True)
    class Slots:
        a: int

    assert Slots(1).a == 1 and not hasattr(Slots(1), "__dict__")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["Program", "Law", "Regulation", ""]), min_size=2, max_size=6), st.randoms(use_true_random=False))
def test_properties_an_entity_takes_its_first_mention_from_the_smallest_digest_whatever_the_order(classes, rnd):
    """A build links reports as their workers send them back: an entity's class (what it takes
    from one mention) must not depend on which report came first."""
    from kg.link import Linker, rows
    from kg.model import Mention

    reports = [(f"{i:064x}", rows((Mention("PolicyDocument", 3, 9, "《某办法》", "某办法", "某办法", cls=c),), None, None))
               for i, c in enumerate(classes)]
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    linker = Linker()
    for sha, report in shuffled:
        linker.add(sha, report)
    entity = linker.entities()["某办法"]
    assert entity.cls == (classes[0] or "PolicyDocument")
    assert entity.reports == len(classes)


@given(st.text(max_size=30), st.sampled_from(["", "zh"]))
def test_property_every_text_reads_back_from_its_turtle_literal(text, lang):
    """lit escapes only the texts that need it (most need nothing): whatever characters a text
    has, plain or language-tagged, the literal must parse back to that text."""
    from rdflib import Graph

    g = Graph().parse(data=f"<urn:s> <urn:p> {turtle.lit(text, lang)} .", format="turtle")
    [value] = g.objects()
    assert str(value) == text and (value.language or "") == lang


@given(st.sampled_from(sorted(turtle.ALL_PREFIXES.values()) + ["https://w3id.org/govkg/id/", "urn:x:"]),
       st.text(st.sampled_from("ab_-/#9区.:"), max_size=8))
def test_property_an_iri_is_written_under_the_longest_namespace_that_makes_a_prefixed_name(base, rest):
    """iri_term finds an IRI's namespace by cutting it at its last "/" or "#": that must give
    what trying every namespace, longest first, gives (every namespace ends in "/" or "#")."""
    iri = base + rest
    expected = f"<{iri}>"
    for prefix, ns in sorted(turtle.ALL_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and turtle._LOCAL.fullmatch(iri[len(ns):]):
            expected = f"{prefix}:{iri[len(ns):]}"
            break
    if iri == str(RDF.type):
        expected = "a"
    assert all(ns.endswith(("/", "#")) for ns in turtle.ALL_PREFIXES.values())
    assert turtle.iri_term(iri) == expected
