"""An on-disk graph store (Oxigraph; rdflib's API over it via oxrdflib) for graphs that should not be
parsed into memory on every query."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Union

from rdflib import Dataset, Graph

from .errors import StoreError, WriteError
from .files import check_target, reason
from .version import __version__


def is_store(path: Union[str, Path]) -> bool:
    """An Oxigraph store is a RocksDB folder (it has a CURRENT file)."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def open_store(path: Union[str, Path]) -> Dataset:
    """The store as an rdflib Dataset whose queries Oxigraph answers."""
    ds = Dataset(store="Oxigraph")
    ds.open(str(path))
    return ds


MARKER = "govkg-store.json"  # written into every store kg makes: only those are ever replaced


def is_our_store(path: Union[str, Path]) -> bool:
    """A store made by ``write_store`` (it carries our marker file)."""
    return is_store(path) and (Path(path) / MARKER).is_file()


def check_store_target(path: Union[str, Path]) -> Path:
    """``path`` as the place of a new store: a new folder (in a folder that exists), an empty
    folder, or a store this tool made, which will be replaced.  Anything else is refused: a
    folder that holds other things is never emptied."""
    target = Path(path)
    if not os.path.lexists(target):
        check_target(target)
        return target
    if not target.is_dir():
        raise StoreError(f"{target}: not a folder; --store takes a new folder or a store kg made")
    if is_our_store(target) or not any(target.iterdir()):
        return target
    raise StoreError(f"{target}: not a store made by kg (no {MARKER}); give a new folder or remove this one")


def write_store(graph: Union[Graph, str, Path], path: Union[str, Path]) -> int:
    """Write ``graph`` (or a Turtle file, loaded without parsing it into memory) to a new store at
    ``path``, replacing what was there only once it is complete and only if it is a store this
    tool made (see ``check_store_target``).  Returns the number of triples."""
    import pyoxigraph

    target = check_store_target(path)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as e:
        raise WriteError(f"{target}: cannot write: {reason(e)}") from None
    old = None
    try:
        store = pyoxigraph.Store(str(tmp))
        if isinstance(graph, Graph):
            store.bulk_load(input=graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        else:
            store.bulk_load(path=str(graph), format=pyoxigraph.RdfFormat.TURTLE)
        store.flush()
        store.optimize()  # compacted once, so that queries read a few sorted files, not what loading left
        count = len(store)
        del store
        (tmp / MARKER).write_text(json.dumps({"tool": "govkg", "version": __version__, "triples": count}) + "\n",
                                  encoding="utf-8")
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            os.replace(target, old / "store")
        try:
            os.replace(tmp, target)
        except BaseException:
            if old is not None:
                try:
                    os.replace(old / "store", target)
                except OSError:
                    old = None  # left where it is rather than removed with the temporary folder
            raise
        return count
    except OSError as e:
        raise WriteError(f"{target}: cannot write the store: {reason(e)}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
