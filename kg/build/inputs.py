"""Input discovery: every file under the folder, accounted for before anything is extracted.

A file is a report to build (the first of its content), a duplicate of one, skipped with the
reason (not a regular file, unreadable), or ignored (not a report type).  Symbolic links to
folders are not followed, so a link loop cannot trap the build.
"""
from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..errors import BuildError
from ..keys import report_iri
from ..read import READABLE_SUFFIXES


@dataclass(frozen=True)
class FileRecord:
    """One row of the manifest."""

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
class Inputs:
    """What the folder holds: the reports to build and every other file's record."""

    root: Path  # manifest paths are relative to it
    reports: dict[str, Path]  # content digest → the first file with that content
    names: dict[str, list[str]]  # content digest → the names of every file with that content
    records: dict[str, FileRecord]  # relative path → record, for files that are not built

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def find_inputs(root: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Every file under ``root`` as (path relative to the folder, path), in the order of the
    relative paths, and the folders under it that cannot be read, as (relative path, reason):
    what they hold is not lost without a word.  Symbolic links to folders are not followed (a
    link loop cannot trap the build).  The relative paths are made from the folders' as strings:
    working each one out through pathlib cost a sixth of the survey."""
    if not root.exists():
        raise BuildError(f"{root}: no such file or folder")
    if root.is_file():
        return [(root.name, str(root))], []
    top = str(root)
    found: list[tuple[str, str]] = []
    unread: list[tuple[str, str]] = []

    def cannot_list(e: OSError) -> None:
        if e.filename == top:  # (os.walk names the folders it was given or made)
            raise BuildError(f"{root}: cannot read: {e.strerror or e}")
        unread.append((os.path.relpath(e.filename, top).replace(os.sep, "/") + "/", f"unreadable folder: {e.strerror or e}"))

    for dirpath, dirnames, filenames in os.walk(top, onerror=cannot_list, followlinks=False):
        prefix = "" if dirpath == top else os.path.relpath(dirpath, top).replace(os.sep, "/") + "/"
        found.extend((prefix + name, os.path.join(dirpath, name)) for name in filenames)
    return sorted(found), sorted(unread)


def survey(inputs: Path, warn: Callable[[str], None]) -> Inputs:
    """Find and sort every file under ``inputs``; ``warn`` gets one line per file not built."""
    inputs = Path(inputs)
    root = inputs if inputs.is_dir() else inputs.parent
    reports: dict[str, Path] = {}
    names: dict[str, list[str]] = {}
    records: dict[str, FileRecord] = {}
    found, unread = find_inputs(inputs)
    for rel, reason in unread:
        records[rel] = FileRecord(rel, "skipped", reason)
        warn(f"{rel}: skipped: {reason}")

    def readable(rel: str) -> bool:
        name = rel.rpartition("/")[2]
        return name.lower().endswith(READABLE_SUFFIXES) and not name.startswith(".")

    if not any(readable(rel) for rel, _ in found):
        # Nothing to build is a mistake (a wrong folder), not an empty graph: say what was looked for.
        others = f" ({len(found)} other file(s) there)" if found else ""
        raise BuildError(f"{inputs}: no reports found: looked for {', '.join(READABLE_SUFFIXES)} files{others}")
    for rel, full in found:
        if not readable(rel):
            records[rel] = FileRecord(rel, "ignored", "not a .txt, .html or .htm file")
            continue
        path = Path(full)
        try:
            if not path.is_file():
                reason = _why_not_a_file(path)
            else:
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                reason = None
        except OSError as e:  # in a folder that may be listed but not entered, say
            reason = f"unreadable: {e.strerror or e}"
        if reason is not None:
            records[rel] = FileRecord(rel, "skipped", reason)
            warn(f"{rel}: skipped: {reason}")
            continue
        if sha in names:
            first = reports[sha].relative_to(root).as_posix()
            names[sha].append(path.name)
            records[rel] = FileRecord(rel, "duplicate", f"same content as {first}", sha, report=str(report_iri(sha)))
            warn(f"{rel}: duplicate of {first}; built once")
            continue
        names[sha] = [path.name]
        reports[sha] = path
    return Inputs(root, reports, names, records)


def _why_not_a_file(path: Path) -> str:
    if path.is_symlink():
        try:
            os.stat(path)
        except OSError as e:
            return "a symbolic link loop" if e.errno == errno.ELOOP else "a broken symbolic link"
    return "not a regular file"
