"""The code's vocabulary and the ontology file say the same thing."""
from __future__ import annotations

from rdflib import RDFS, Graph, URIRef

from kg.namespace import KG
from kg.validate import ontology_dir

NS = "https://w3id.org/govkg/ontology#"


def terms_in_ontology() -> set[str]:
    g = Graph().parse(ontology_dir() / "govkg.ttl")
    return {str(s)[len(NS):] for s in g.subjects() if str(s).startswith(NS)}


def test_ontology_declares_every_term_the_code_uses():
    code_terms = {name for name in KG.__annotations__}
    assert code_terms == terms_in_ontology()


def test_ontology_terms_have_labels_in_chinese_and_english_and_a_comment():
    g = Graph().parse(ontology_dir() / "govkg.ttl")
    for s in set(g.subjects()):
        if not str(s).startswith(NS):
            continue
        langs = {o.language for o in g.objects(s, RDFS.label)}
        assert {"zh", "en"} <= langs, s
        assert g.value(s, RDFS.comment) is not None, s


def test_ontology_core_classes_align_to_standard_vocabularies():
    g = Graph().parse(ontology_dir() / "govkg.ttl")
    expect = {"AdministrativeDivision": "https://schema.org/AdministrativeArea",
              "Institution": "http://www.w3.org/ns/org#Organization",
              "PolicyDocument": "http://purl.org/dc/terms/BibliographicResource",
              "Program": "http://www.w3.org/2004/02/skos/core#Concept",
              "Observation": "http://purl.org/linked-data/cube#Observation"}
    for cls, sup in expect.items():
        assert (URIRef(NS + cls), RDFS.subClassOf, URIRef(sup)) in g


def test_ontology_subclasses_reach_their_core_class():
    g = Graph().parse(ontology_dir() / "govkg.ttl")
    for sub, core in [("County", "AdministrativeDivision"), ("Scheme", "PolicyDocument"), ("Report", "PolicyDocument")]:
        assert URIRef(NS + core) in set(g.transitive_objects(URIRef(NS + sub), RDFS.subClassOf))


def test_ontology_core_of_table_matches_the_subclass_axioms():
    from kg.namespace import CORE_CLASSES, CORE_OF

    g = Graph().parse(ontology_dir() / "govkg.ttl")
    for sub, core in CORE_OF.items():
        supers = set(g.transitive_objects(URIRef(NS + sub), RDFS.subClassOf))
        assert URIRef(NS + core) in supers, sub
        assert not (supers - {URIRef(NS + sub), URIRef(NS + core)}) & {URIRef(NS + c) for c in CORE_CLASSES}, sub
    declared = {str(s)[len(NS):] for c in CORE_CLASSES for s in g.transitive_subjects(RDFS.subClassOf, URIRef(NS + c))}
    assert declared - {"Report"} == set(CORE_OF)
