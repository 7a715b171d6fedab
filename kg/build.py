"""A folder of reports → OUT/graph.ttl and OUT/manifest.json.

Every file under the folder is accounted for in the manifest: built, a
duplicate of another, skipped with the reason, or ignored as not a report
type.  A bad file never stops the build.  Outputs appear atomically: a reader
sees the previous build or this one, never half of one.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from rdflib import Graph

from . import __version__
from .extract import extract
from .link import link
from .model import Extraction
from .rdf import add_entities, add_report, new_graph, report_iri
from .read import READABLE_SUFFIXES, ReadError, read

CLASSES = ("AdministrativeDivision", "Institution", "PolicyDocument", "Program", "Honor")


class BuildError(Exception):
    """The build as a whole cannot run (no such folder, cannot write the output)."""


@dataclass(frozen=True)
class FileRecord:
    path: str
    status: str  # built | duplicate | skipped | ignored
    reason: Optional[str] = None
    sha256: Optional[str] = None
    encoding: Optional[str] = None
    report: Optional[str] = None
    title: Optional[str] = None
    division: Optional[str] = None
    year: Optional[int] = None
    counts: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if v not in (None, {}, ())}
        if self.notes:
            d["notes"] = list(self.notes)
        return d


@dataclass(frozen=True)
class BuildResult:
    graph: Graph
    files: tuple[FileRecord, ...]
    out: Optional[Path]

    @property
    def skipped(self) -> tuple[FileRecord, ...]:
        return tuple(f for f in self.files if f.status == "skipped")


def find_inputs(root: Path) -> list[Path]:
    """Every file under ``root``, in a stable order; symbolic links to folders are not followed
    (a link loop cannot trap the build)."""
    if not root.exists():
        raise BuildError(f"{root}: no such file or folder")
    if root.is_file():
        return [root]
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            found.append(Path(dirpath) / name)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def build(inputs: Path, out: Optional[Path] = None, warn: Callable[[str], None] = lambda m: None) -> BuildResult:
    """Read every report under ``inputs`` and build the graph; write it to ``out`` when given.

    ``warn`` receives one line per file that is skipped or read with a repair.
    """
    inputs = Path(inputs)
    root = inputs if inputs.is_dir() else inputs.parent
    records: list[FileRecord] = []
    extractions: dict[str, Extraction] = {}
    files_of: dict[str, list[str]] = {}
    for path in find_inputs(inputs):
        rel = path.relative_to(root).as_posix()
        if not path.name.lower().endswith(READABLE_SUFFIXES) or path.name.startswith("."):
            records.append(FileRecord(rel, "ignored", "not a .txt, .html or .htm file"))
            continue
        try:
            source = read(path, root)
            if source.sha256 in extractions:
                first = files_of[source.sha256][0]
                files_of[source.sha256].append(path.name)
                records.append(FileRecord(rel, "duplicate", f"same content as {first}", source.sha256,
                                          report=str(report_iri(source.sha256))))
                warn(f"{rel}: duplicate of {first}; built once")
                continue
            ex = extract(source)
        except ReadError as e:
            records.append(FileRecord(rel, "skipped", str(e)))
            warn(f"{rel}: skipped: {e}")
            continue
        except Exception as e:  # a bug must not cost the other reports
            records.append(FileRecord(rel, "skipped", f"internal error: {type(e).__name__}: {e}"))
            warn(f"{rel}: skipped: internal error: {type(e).__name__}: {e}")
            continue
        extractions[source.sha256] = ex
        files_of[source.sha256] = [path.name]
        counts: dict[str, int] = {}
        for key in {m.key: m.kind for m in ex.mentions}.items():
            counts[key[1]] = counts.get(key[1], 0) + 1
        counts["relations"] = len(ex.relations)
        for note in source.notes:
            warn(f"{rel}: {note}")
        records.append(FileRecord(
            rel, "built", None, source.sha256, source.encoding, str(report_iri(source.sha256)), ex.report.title,
            ex.division.label if ex.division else None, ex.report.year, dict(sorted(counts.items())), source.notes))

    ordered = [extractions[sha] for sha in sorted(extractions)]
    g = new_graph()
    add_entities(g, link(ordered).values())
    for ex in ordered:
        add_report(g, ex, sorted(files_of[ex.report.source.sha256]))
    result = BuildResult(g, tuple(records), out)
    if out is not None:
        write_outputs(result, Path(out), str(inputs))
    return result


def manifest(result: BuildResult, inputs: str) -> dict:
    from rdflib import RDF
    from .namespace import KG

    status = {s: sum(1 for f in result.files if f.status == s) for s in ("built", "duplicate", "skipped", "ignored")}
    entities = {c: len(set(result.graph.subjects(RDF.type, KG[c]))) for c in CLASSES}
    return {
        "tool": "govkg",
        "version": __version__,
        "input": inputs,
        "totals": {"files": len(result.files), **status, "triples": len(result.graph), "entities": entities},
        "files": [f.as_json() for f in result.files],
    }


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, nothing between."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_outputs(result: BuildResult, out: Path, inputs: str) -> None:
    try:
        turtle = result.graph.serialize(format="turtle", encoding="utf-8")
        doc = json.dumps(manifest(result, inputs), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        from .viz import render, select

        page = render(select(result.graph), title="govkg · " + inputs).encode("utf-8")
        write_atomic(out / "graph.ttl", turtle)
        write_atomic(out / "graph.html", page)
        write_atomic(out / "manifest.json", doc.encode("utf-8"))
    except OSError as e:
        raise BuildError(f"{out}: cannot write the outputs: {e.strerror or e}") from None
