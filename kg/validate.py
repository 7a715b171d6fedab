"""SHACL validation of a built graph against the shapes in ontology/."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Union

from rdflib import Graph

from .query import load


@lru_cache(maxsize=1)
def ontology_dir() -> Path:
    """ontology/ of the installed package, or of the source checkout in an editable install."""
    shipped = Path(str(resources.files("kg"))) / "ontology"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parent.parent / "ontology"


def ontology() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "govkg.ttl", format="turtle")
    return g


def validate(graph: Union[str, Path, Graph]) -> tuple[bool, str]:
    """(conforms, report text)."""
    from pyshacl import validate as shacl

    data = graph if isinstance(graph, Graph) else load(graph)
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, _, text = shacl(data, shacl_graph=shapes, ont_graph=ontology(), inference="none",
                              abort_on_first=False, allow_warnings=True)
    return bool(conforms), str(text)
