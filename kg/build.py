"""A folder of reports → OUT/graph.ttl, OUT/graph.html and OUT/manifest.json.

Every file under the folder is accounted for in the manifest: built, a
duplicate of another, skipped with the reason, or ignored as not a report
type.  A bad file never stops the build.

Extraction of one report depends on no other, so it runs in worker processes
(or on a Dask cluster) and each report's result — the Turtle of what it says
about itself, and the small summary that linking needs — is cached under
OUT/.cache by the file's content and the extractor's version: a rebuild
re-extracts only new or changed reports, and a change to the code or the
knowledge files invalidates everything.  The graph is then written by
streaming those blocks after the linked entities, so memory stays bounded by
the entities, not by the corpus.  Outputs appear atomically: a reader sees
the previous build or this one, never half of one.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from rdflib import Graph, Literal, URIRef

from . import __version__
from .data import DataError
from .data import check as check_data
from .link import Entity, link
from .model import Mention
from .namespace import KG
from . import turtle
from .rdf import add_entities, add_report, iri, report_iri
from .read import READABLE_SUFFIXES, ReadError, read

CLASSES = ("AdministrativeDivision", "Institution", "PolicyDocument", "Program", "Honor")


class BuildError(Exception):
    """The build as a whole cannot run (no such folder, cannot write the output, a worker died)."""


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
class Part:
    """What one report contributes to the graph, kept small for corpora of thousands."""

    sha256: str
    encoding: str
    title: str
    division: Optional[Mention]
    publisher: Optional[Mention]
    year: Optional[int]
    mentions: tuple[Mention, ...]
    facts: tuple[tuple[str, str, str], ...]  # relations between entities (head, property, tail)
    sentences: tuple[tuple[str, str], ...]  # (entity key, the first sentence that names it)
    counts: tuple[tuple[str, int], ...]
    notes: tuple[str, ...]
    triples: int


@dataclass
class BuildResult:
    files: tuple[FileRecord, ...]
    out: Path
    extracted: int = 0  # reports extracted in this run
    cached: int = 0  # reports taken from the cache
    triples: int = 0

    @property
    def skipped(self) -> tuple[FileRecord, ...]:
        return tuple(f for f in self.files if f.status == "skipped")

    @cached_property
    def graph(self) -> Graph:
        """The built graph, parsed from OUT/graph.ttl (for notebooks and tests)."""
        g = Graph()
        g.parse(self.out / "graph.ttl", format="turtle")
        return g


# ---------------------------------------------------------------- inputs

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


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the code and knowledge files: any change to either invalidates the cache."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for p in sorted(package.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in (".py", ".tsv", ".html", ".rq", ".json", ""):
            h.update(p.relative_to(package).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------- one report (runs in a worker)

MAX_CHARS = 3_000_000  # a report is tens of thousands of characters; far more is not one report


def extract_part(path: str, root: str) -> tuple[Part, bytes]:
    """Read and extract one report: its summary and the Turtle block of what it says about itself.
    Nothing is written here, so a worker on another machine needs no shared disk."""
    from .extract import extract

    source = read(Path(path), Path(root))
    if len(source.text) > MAX_CHARS:
        raise ReadError(f"too large to be one report ({len(source.text):,} characters; the limit is "
                        f"{MAX_CHARS:,}): split it into its reports")
    ex = extract(source)
    g: set = set()  # add_report only adds and tests membership: a set is enough, and fast
    facts = add_report(g, ex)  # type: ignore[arg-type]
    body = turtle.write(g)
    counts: dict[str, int] = {}
    for kind in {m.key: m.kind for m in ex.mentions}.values():
        counts[kind] = counts.get(kind, 0) + 1
    counts["relations"] = len(ex.relations)
    counts["observations"] = len(ex.observations)
    first: dict[str, str] = {}
    for m in ex.mentions:
        st = ex.report.sentence_at(m.start)
        if st is not None and m.key not in first:
            first[m.key] = source.text[st.start:st.end]
    part = Part(source.sha256, source.encoding, ex.report.title, ex.division, ex.publisher, ex.report.year,
                ex.mentions, tuple((str(s), str(p), str(o)) for s, p, o in facts), tuple(sorted(first.items())),
                tuple(sorted(counts.items())), source.notes, len(g))
    return part, body.encode("utf-8")


def _store(folder: Path, part: Part, block: bytes) -> None:
    _write(folder / f"{part.sha256}.ttl", block)
    _write(folder / f"{part.sha256}.part", pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _cached(folder: Path, sha: str) -> Optional[Part]:
    try:
        with open(folder / f"{sha}.part", "rb") as f:
            part = pickle.load(f)
        return part if (folder / f"{sha}.ttl").exists() else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


# ---------------------------------------------------------------- executors

Job = tuple[str, str]  # path, root


def _run_local(jobs: list[Job], workers: int) -> Iterator[tuple[Job, object]]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, _safe(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_safe, job): job for job in jobs}
        for fut in as_completed(futures):
            try:
                yield futures[fut], fut.result()
            except Exception as e:  # BrokenProcessPool: a worker was killed
                raise BuildError(f"a worker process died ({type(e).__name__}); previous outputs are left as they were") from None


def _run_dask(jobs: list[Job], address: str) -> Iterator[tuple[Job, object]]:
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError:
        raise BuildError("--executor dask://… needs the dask extra: pip install 'govkg[dask]'") from None
    with Client(address) as client:
        futures = {client.submit(_safe, job, pure=False): job for job in jobs}
        for fut in dask_completed(list(futures)):
            yield futures[fut], fut.result()


def _safe(job: Job) -> object:
    """A Part, or the reason the file could not be built (never an exception: one file's
    trouble must not cost the others)."""
    try:
        return extract_part(*job)
    except ReadError as e:
        return ("skipped", str(e))
    except RecursionError as e:
        return ("skipped", f"internal error: RecursionError: {e}")
    except Exception as e:
        return ("skipped", f"internal error: {type(e).__name__}: {e}")


# ---------------------------------------------------------------- the build

def build(inputs: Path, out: Optional[Path] = None, warn: Callable[[str], None] = lambda m: None,
          jobs: int = 1, executor: Optional[str] = None,
          progress: Callable[[int, int], None] = lambda done, total: None) -> BuildResult:
    """Read every report under ``inputs`` and build the graph into ``out`` (a temporary
    folder when None; the result's ``graph`` is then parsed before it goes).

    ``jobs`` worker processes extract reports in parallel (``executor`` "dask://HOST:PORT"
    sends them to a Dask cluster instead); ``warn`` receives one line per file skipped or
    repaired; ``progress`` is called with (done, total) as reports are extracted.
    """
    if out is None:
        with tempfile.TemporaryDirectory(prefix="govkg-") as tmp:
            result = build(inputs, Path(tmp), warn, jobs, executor, progress)
            result.graph  # parse while the files exist
            return result
    inputs, out = Path(inputs), Path(out)
    try:
        check_data()  # a malformed table fails here, before any report is read
    except DataError as e:
        raise BuildError(str(e)) from None
    root = inputs if inputs.is_dir() else inputs.parent
    found = find_inputs(inputs)
    if not any(p.name.lower().endswith(READABLE_SUFFIXES) and not p.name.startswith(".") for p in found):
        # Nothing to build is a mistake (a wrong folder), not an empty graph: say what was looked for.
        others = f" ({len(found)} other file(s) there)" if found else ""
        raise BuildError(f"{inputs}: no reports found: looked for {', '.join(READABLE_SUFFIXES)} files{others}")
    cache = out / ".cache" / extractor_version()
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildError(f"{out}: cannot write: {e.strerror or e}") from None

    records: dict[str, FileRecord] = {}
    names: dict[str, list[str]] = {}  # sha → file names
    first_path: dict[str, str] = {}
    sha_of: dict[str, str] = {}  # path → sha
    todo: list[Job] = []
    parts: dict[str, Part] = {}
    for path in found:
        rel = path.relative_to(root).as_posix()
        if not path.name.lower().endswith(READABLE_SUFFIXES) or path.name.startswith("."):
            records[rel] = FileRecord(rel, "ignored", "not a .txt, .html or .htm file")
            continue
        if not path.is_file():
            reason = _why_not_a_file(path)
            records[rel] = FileRecord(rel, "skipped", reason)
            warn(f"{rel}: skipped: {reason}")
            continue
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as e:
            records[rel] = FileRecord(rel, "skipped", f"unreadable: {e.strerror or e}")
            warn(f"{rel}: skipped: unreadable: {e.strerror or e}")
            continue
        if sha in names:
            names[sha].append(path.name)
            records[rel] = FileRecord(rel, "duplicate", f"same content as {first_path[sha]}", sha,
                                      report=str(report_iri(sha)))
            warn(f"{rel}: duplicate of {first_path[sha]}; built once")
            continue
        names[sha] = [path.name]
        first_path[sha] = rel
        sha_of[str(path)] = sha
        part = _cached(cache, sha)
        if part is not None:
            parts[sha] = part
        else:
            todo.append((str(path), str(root)))

    result = BuildResult((), out, extracted=len(todo), cached=len(parts))
    done = 0
    runner = _run_dask(todo, executor[len("dask://"):]) if executor and executor.startswith("dask://") else \
        _run_local(todo, jobs)
    progress(0, len(todo))
    for job, outcome in runner:
        sha = sha_of[job[0]]
        rel = first_path[sha]
        if isinstance(outcome, tuple) and isinstance(outcome[0], Part):
            parts[sha] = outcome[0]
            _store(cache, outcome[0], outcome[1])
        else:
            reason = outcome[1]  # type: ignore[index]
            records[rel] = FileRecord(rel, "skipped", reason)
            warn(f"{rel}: skipped: {reason}")
            names.pop(sha, None)
        done += 1
        progress(done, len(todo))

    for sha, part in parts.items():
        rel = first_path[sha]
        for note in part.notes:
            warn(f"{rel}: {note}")
        records[rel] = FileRecord(rel, "built", None, sha, part.encoding, str(report_iri(sha)), part.title,
                                  part.division.label if part.division else None, part.year, dict(part.counts),
                                  part.notes)
    result.files = tuple(records[k] for k in sorted(records))
    ordered = [parts[sha] for sha in sorted(parts)]
    entities = link((p.sha256, p.mentions, p.division, p.publisher) for p in ordered)
    facts = sorted({f for p in ordered for f in p.facts})
    write_outputs(result, entities, facts, ordered, {sha: sorted(n) for sha, n in names.items()}, cache, str(inputs))
    _prune(out / ".cache", keep=cache.name)
    return result


def _why_not_a_file(path: Path) -> str:
    if path.is_symlink():
        try:
            os.stat(path)
        except OSError as e:
            return "a symbolic link loop" if e.errno == errno.ELOOP else "a broken symbolic link"
    return "not a regular file"


def _prune(folder: Path, keep: str) -> None:
    """Drop caches of other extractor versions: they can never be used again."""
    for d in folder.iterdir():
        if d.is_dir() and d.name != keep:
            shutil.rmtree(d, ignore_errors=True)


# ---------------------------------------------------------------- outputs

def manifest(result: BuildResult, entities: dict[str, Entity], inputs: str) -> dict:
    status = {s: sum(1 for f in result.files if f.status == s) for s in ("built", "duplicate", "skipped", "ignored")}
    counts = {c: sum(1 for e in entities.values() if e.kind == c) for c in CLASSES}
    return {
        "tool": "govkg",
        "version": __version__,
        "input": inputs,
        "totals": {"files": len(result.files), **status, "triples": result.triples, "entities": counts},
        "files": [f.as_json() for f in result.files],
    }


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, nothing between."""
    with atomic_file(path) as f:
        f.write(data)


class atomic_file:
    """A file written under a temporary name and renamed into place when the block succeeds."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self.f = os.fdopen(fd, "wb")
        return self.f

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.f.flush()
                os.fsync(self.f.fileno())
            self.f.close()
            if exc_type is None:
                os.chmod(self.tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
                os.replace(self.tmp, self.path)
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _turtle(entities: dict[str, Entity], facts: list[tuple[str, str, str]], parts: Iterable[Part],
            files: dict[str, list[str]], cache: Path, counter: list[int]) -> Iterator[bytes]:
    """graph.ttl in pieces: the prefixes, each entity (with the relations it is the subject of),
    then each report: its file names and its cached block, in digest order.  Nothing holds the
    whole graph: memory is bounded by the entities."""
    yield turtle.header().encode("utf-8")
    by_head: dict[str, set] = {}
    for s, p, o in facts:
        by_head.setdefault(s, set()).add((URIRef(s), URIRef(p), URIRef(o)))
    nodes = sorted((str(iri(e.key)), e) for e in entities.values())
    for node, e in nodes:
        triples: set = set()
        add_entities(triples, [e])  # type: ignore[arg-type]
        triples |= by_head.pop(node, set())
        counter[0] += len(triples)
        yield (turtle.write(triples) + "\n").encode("utf-8")
    rest = set().union(*by_head.values()) if by_head else set()
    if rest:
        counter[0] += len(rest)
        yield (turtle.write(rest) + "\n").encode("utf-8")
    for p in parts:
        r = report_iri(p.sha256)
        names = {(r, KG.sourceFile, Literal(n)) for n in files[p.sha256]}
        counter[0] += len(names) + p.triples
        yield (turtle.write(names) + "\n").encode("utf-8")
        yield (cache / f"{p.sha256}.ttl").read_bytes()
        yield b"\n"


def write_outputs(result: BuildResult, entities: dict[str, Entity], facts: list[tuple[str, str, str]],
                  parts: list[Part], files: dict[str, list[str]], cache: Path, inputs: str) -> None:
    from .viz import network_from, render, select_network

    out = result.out
    try:
        sentences = {k: s for p in reversed(parts) for k, s in p.sentences}
        network = network_from(entities.values(), facts, sentences)
        page = render(select_network(network), title="govkg · " + inputs).encode("utf-8")
        del network, sentences
        counter = [0]
        with atomic_file(out / "graph.ttl") as f:
            for chunk in _turtle(entities, facts, parts, files, cache, counter):
                f.write(chunk)
        result.triples = counter[0]
        doc = json.dumps(manifest(result, entities, inputs), ensure_ascii=False, indent=2) + "\n"
        write_atomic(out / "graph.html", page)
        write_atomic(out / "manifest.json", doc.encode("utf-8"))
    except OSError as e:
        raise BuildError(f"{out}: cannot write the outputs: {e.strerror or e}") from None
