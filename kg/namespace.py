"""The project's vocabulary as a closed rdflib namespace: a typo is an error, not a new term.

A test keeps this list in step with ``ontology/govkg.ttl``.
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ID = Namespace("https://w3id.org/govkg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
QB = Namespace("http://purl.org/linked-data/cube#")
_KG_NS = "https://w3id.org/govkg/ontology#"

# The prefixes of every file we write and every query we run.
PREFIXES = {
    "kg": _KG_NS, "div": str(ID) + "division/", "doc": str(ID) + "document/",
    "inst": str(ID) + "institution/", "report": str(ID) + "report/",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#", "org": str(ORG), "schema": str(SCHEMA), "qb": str(QB),
    "xsd": "http://www.w3.org/2001/XMLSchema#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


# The five scored core classes and, for each subclass the recognisers may assign, its core
# class (a test keeps this in step with the rdfs:subClassOf axioms of ontology/govkg.ttl).
CORE_CLASSES = ("AdministrativeDivision", "Institution", "PolicyDocument", "Program", "Honor")
CORE_OF = {
    **{c: c for c in CORE_CLASSES},
    **{c: "AdministrativeDivision" for c in ("Province", "Prefecture", "County", "Township", "Community")},
    **{c: "Institution" for c in ("PartyOrgan", "Government", "Department", "PeoplesCongress", "CPPCC", "Court",
                                  "Procuratorate", "SupervisoryCommission", "PublicServiceUnit", "MediationBody",
                                  "MassOrganization", "WorkingGroup", "SocialOrganization")},
    **{c: "PolicyDocument" for c in ("Law", "Regulation", "Rules", "Plan", "Scheme", "Opinion", "Notice", "Decision",
                                     "Measures", "List", "Guideline", "WorkReport", "KeyPoints", "Compilation")},
}


class KG(DefinedNamespace):
    _NS = Namespace(_KG_NS)
    _fail = True

    # core classes
    AdministrativeDivision: URIRef
    Institution: URIRef
    PolicyDocument: URIRef
    Program: URIRef
    Honor: URIRef
    Report: URIRef
    Observation: URIRef
    # institution kinds
    PartyOrgan: URIRef
    Government: URIRef
    Department: URIRef
    PeoplesCongress: URIRef
    CPPCC: URIRef
    Court: URIRef
    Procuratorate: URIRef
    SupervisoryCommission: URIRef
    PublicServiceUnit: URIRef
    MediationBody: URIRef
    MassOrganization: URIRef
    WorkingGroup: URIRef
    SocialOrganization: URIRef
    # division levels
    Province: URIRef
    Prefecture: URIRef
    County: URIRef
    Township: URIRef
    Community: URIRef
    # document genres
    Law: URIRef
    Regulation: URIRef
    Rules: URIRef
    Plan: URIRef
    Scheme: URIRef
    Opinion: URIRef
    Notice: URIRef
    Decision: URIRef
    Measures: URIRef
    List: URIRef
    Guideline: URIRef
    WorkReport: URIRef
    KeyPoints: URIRef
    Compilation: URIRef
    # report structure and provenance
    Section: URIRef
    Sentence: URIRef
    Mention: URIRef
    SectionRole: URIRef
    roleAchievements: URIRef
    roleShortcomings: URIRef
    rolePlans: URIRef
    roleLeadership: URIRef
    # properties (contract)
    sourceFile: URIRef
    year: URIRef
    reportingDivision: URIRef
    mentions: URIRef
    partOf: URIRef
    jurisdiction: URIRef
    issued: URIRef
    implements: URIRef
    received: URIRef
    cooperatesWith: URIRef
    adminCode: URIRef
    refArea: URIRef
    measure: URIRef
    value: URIRef
    unit: URIRef
    approximate: URIRef
    indicator: URIRef
    # properties (ours)
    plans: URIRef
    plannedAction: URIRef
    publisherName: URIRef
    level: URIRef
    sha256: URIRef
    encoding: URIRef
    hasSection: URIRef
    role: URIRef
    number: URIRef
    heading: URIRef
    inReport: URIRef
    inSection: URIRef
    inSentence: URIRef
    refersTo: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    mentionCount: URIRef
    readingNote: URIRef
    writtenUnit: URIRef
    writtenMeasure: URIRef
