"""An on-disk graph store (Oxigraph, through rdflib's API via oxrdflib) for graphs that should not be
parsed into memory on every query, and fast in-memory loading for query answering."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Union

from rdflib import Dataset, Graph


def is_store(path: Union[str, Path]) -> bool:
    """An Oxigraph store is a RocksDB folder (it has a CURRENT file)."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def open_store(path: Union[str, Path]) -> Dataset:
    """The store as an rdflib Dataset whose queries Oxigraph answers."""
    ds = Dataset(store="Oxigraph")
    ds.open(str(path))
    return ds


def fast_graph(turtle: Union[str, Path]) -> Dataset:
    """A Turtle file in an in-memory Oxigraph store: parses many times faster than rdflib's
    parser, and SPARQL joins are planned by Oxigraph."""
    ds = Dataset(store="Oxigraph")
    ds.parse(str(turtle), format="ox-turtle")
    return ds


def write_store(graph: Union[Graph, str, Path], path: Union[str, Path]) -> int:
    """Write ``graph`` (or a Turtle file, loaded without parsing it into memory) to a new store at
    ``path``, replacing what was there only once it is complete."""
    import pyoxigraph

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        store = pyoxigraph.Store(str(tmp))
        if isinstance(graph, Graph):
            store.bulk_load(input=graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        else:
            store.bulk_load(path=str(graph), format=pyoxigraph.RdfFormat.TURTLE)
        store.flush()
        count = len(store)
        del store
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            os.replace(target, old / "store")
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return count
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
