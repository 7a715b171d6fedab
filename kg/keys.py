"""Entity keys and IRIs: the one place that says when two mentions are the same thing.

A key is a readable path (``division/610104``, ``institution/海淀区司法局``,
``document/法治政府建设实施纲要2021-2025年``); the same key in any report, in
any run, is the same node, and its IRI is the key under the resource base.
Names are compared after one normalisation (``name_key``), so a title written
with other quotes, brackets, dashes or widths links to the same node.
"""
from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from .namespace import ID

_STRIP = re.compile(r"[\s\"'“”‘’《》〈〉<>「」『』()（）\[\]【】·•]")
_DASH = re.compile(r"[—–－―~-]+")
_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`%#?]')
_BASE = str(ID)


def name_key(name: str) -> str:
    """The comparable form of a name: NFKC, no quotes, brackets or spaces, one kind of dash."""
    return _DASH.sub("-", _STRIP.sub("", unicodedata.normalize("NFKC", name)))


_QUOTES = re.compile(r"[\s\"'“”‘’《》〈〉「」『』·•]")


def plain_name(name: str) -> str:
    """A name as a label shows it: NFKC, without quotes, title marks or spaces (brackets stay)."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name))


def division_key(code: str) -> str:
    return f"division/{code}"


def local_division_key(parent_key: str, name: str) -> str:
    """A division the national table does not list (a community, a village), under its parent."""
    return f"{parent_key}/{name}"


def unlisted_division_key(name: str) -> str:
    """A division named by a report but not found in the national table."""
    return f"division/name/{name}"


def institution_key(canonical: str) -> str:
    return f"institution/{name_key(canonical)}"


def document_key(title: str) -> str:
    return f"document/{name_key(title)}"


def program_key(label: str) -> str:
    return f"program/{name_key(label)}"


def honor_key(label: str) -> str:
    return f"honor/{name_key(label)}"


INDICATOR_SCHEME = "indicator"  # the key of the indicator concept scheme itself


def indicator_key(label: str) -> str:
    """A concept of the indicator scheme, by its preferred label (indicator/行政复议案件数)."""
    return f"{INDICATOR_SCHEME}/{name_key(label)}"


def key_name(key: str) -> str:
    """The name part of a key built from a name (institution/X → X)."""
    return key.split("/", 1)[1]


def iri(key: str) -> URIRef:
    """The IRI of a key: readable (Chinese stays Chinese), with only unsafe ASCII escaped."""
    return URIRef(iri_string(key))


def iri_string(key: str) -> str:
    """``iri`` as text, for writers of Turtle: what it escapes includes every character rdflib
    refuses in an IRI, so the text needs no check (rdflib's costs more than the rest of a write)."""
    if _UNSAFE.search(key):  # rarely: a search costs less than a substitution that finds nothing
        key = _UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", key)
    return _BASE + key


def report_key(sha256: str) -> str:
    return f"report/{sha256[:16]}"


def report_iri(sha256: str) -> URIRef:
    return iri(report_key(sha256))
