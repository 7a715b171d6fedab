"""The extraction cache: OUT/.cache/VERSION/, packs of part records.

A report's part is cached under its content digest, in a folder named for the extractor's
version (a digest of the code and knowledge files): a rebuild re-extracts only new or changed
reports, and a change to the code or the knowledge files invalidates everything.  An entry is the
part's record as the worker made it (part.encode: the Turtle block first, then the pickled
summary).

Records are appended to pack files (NAME.pack) and, once a record is written, the build process
writes a line to the pack's index (NAME.idx: digest, offset, length).  Each local worker process
appends the records it makes to a pack of its own (``store``): the Turtle blocks, most of a
record, then never travel through a pipe to the build process, which reads only the summaries.
The build's own pack takes the records that come whole (from a Dask cluster, or from a worker that
could not write) and those kept when packs are merged.  A few files per build rather than one per
report: on some file systems creating a file costs a millisecond.  An interrupted build keeps what
it extracted; an entry that is damaged (a truncated pack, a stray line) fails to decode and its
report is extracted again.  After a build the cache keeps what that build used: a pack none of
whose entries it used is deleted, and the entries still used of a mostly dead pack (or of the
smallest packs, when there are many) are copied into the build's own pack first — so the cache
stays within about twice what the corpus needs, in a bounded number of files.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterable, Optional, Union

from ..errors import BuildError
from ..files import reason
from ..version import __version__
from .part import HEAD_SIZE, Part, Stored, block_size, summary

Entry = tuple[str, int, int]  # pack name, offset, length


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the code and knowledge files: any change to either invalidates the cache."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for p in sorted(package.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in (".py", ".tsv", ".html", ".rq", ".json", ""):
            h.update(p.relative_to(package).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


MAX_PACKS = 16  # beyond this many packs, the smallest are merged: each is a file held open


class Cache:
    """The cache of one build: opened before extraction, closed when the build ends.

    Every build using the cache holds a shared lock on OUT/.cache/lock; only a build that can
    take it alone prunes, so a build never deletes a pack another one is writing or reading."""

    def __init__(self, out: Path) -> None:
        self.root = Path(out) / ".cache"
        self.folder = self.root / extractor_version()
        self.entries: dict[str, Entry] = {}
        # pack name → size, of the packs there when the build began: only those are ever pruned,
        # not the pack of a build that started since
        self.sizes: dict[str, int] = {}
        self._readers: dict[str, BinaryIO] = {}
        self._pack: Optional[tuple[str, BinaryIO, BinaryIO]] = None  # this build's pack and index
        self._indexes: dict[str, BinaryIO] = {}  # the indexes of the packs its workers write
        self._end = 0  # the size of this build's pack
        self._lock: Optional[BinaryIO] = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.root / "lock", "ab")
            _flock(self._lock, shared=True)
            names = set(os.listdir(self.folder))
        except OSError as e:
            self.close()
            raise BuildError(f"{out}: cannot write: {reason(e)}") from None
        for pack in sorted({n.rsplit(".", 1)[0] for n in names if n.endswith((".idx", ".pack"))}):
            self._load(pack)

    def _load(self, pack: str) -> None:
        """A pack's entries; a pack without its index (or an index without its pack) is left by a
        build that was stopped while it made or deleted them: it has no entries, and is pruned."""
        try:
            size = os.path.getsize(self.folder / f"{pack}.pack")
            with open(self.folder / f"{pack}.idx", "rb") as f:
                lines = f.read().split(b"\n")
        except OSError:
            self.sizes[pack] = 0
            return
        self.sizes[pack] = size
        for line in lines:
            fields = line.split()
            if len(fields) != 3 or not fields[1].isdigit() or not fields[2].isdigit():
                continue  # a stray or half-written line: its report is extracted again
            offset, length = int(fields[1]), int(fields[2])
            if offset + length <= size:
                self.entries[fields[0].decode("ascii", "replace")] = (pack, offset, length)

    def _reader(self, pack: str, offset: int) -> BinaryIO:
        f = self._readers.get(pack)
        if f is None:
            f = self._readers[pack] = open(self.folder / f"{pack}.pack", "rb")
        f.seek(offset)
        return f

    def _read(self, sha: str, skip_block: bool = False) -> bytes:
        """The Turtle block of an entry, or (``skip_block``) its pickled summary."""
        pack, offset, length = self.entries[sha]
        f = self._reader(pack, offset)
        head = f.read(HEAD_SIZE)
        block = block_size(head)
        if HEAD_SIZE + block > length:
            raise ValueError("not a part record")
        if skip_block:
            f.seek(block, os.SEEK_CUR)
            return f.read(length - HEAD_SIZE - block)
        return f.read(block)

    def get(self, sha: str) -> Optional[Part]:
        """The summary of a cached part (its Turtle block, read later by ``block``, is skipped)."""
        if sha not in self.entries:
            return None
        try:
            part = summary(self._read(sha, skip_block=True))
        except Exception:  # whatever a damaged entry makes unpickling raise: the report is extracted again
            return None
        return part if part.sha256 == sha else None

    def put(self, sha: str, record: bytes) -> None:
        # Not synced to disk: an entry lost in a crash is only extracted again.
        try:
            if self._pack is None:
                name = _pack_name()
                self._pack = (name, open(self.folder / f"{name}.pack", "xb", buffering=0),
                              open(self.folder / f"{name}.idx", "xb", buffering=0))
            name, pack, index = self._pack
            offset = self._end
            _write_all(pack, record)
            self._end += len(record)
            _write_all(index, _index_line(sha, offset, len(record)))
        except OSError as e:
            self._close_pack()  # a half-written record or line is never read: no index line names it
            raise self._cannot_write(e) from None
        self.entries[sha] = (name, offset, len(record))

    def adopt(self, sha: str, stored: Stored) -> None:
        """An entry a worker of this build wrote into its own pack (``store``): the build process
        writes its index line, once the record is whole."""
        try:
            index = self._indexes.get(stored.pack)
            if index is None:
                index = self._indexes[stored.pack] = open(self.folder / f"{stored.pack}.idx", "xb", buffering=0)
            _write_all(index, _index_line(sha, stored.offset, stored.length))
        except OSError as e:
            raise self._cannot_write(e) from None
        self.entries[sha] = (stored.pack, stored.offset, stored.length)

    def _cannot_write(self, e: OSError) -> BuildError:
        return BuildError(f"{self.folder}: cannot write: {reason(e)}; the previous outputs are left as they were")

    def block(self, sha: str) -> bytes:
        """The Turtle block of one report."""
        return self._read(sha)

    def close(self) -> None:
        for f in self._readers.values():
            f.close()
        self._readers.clear()
        for f in self._indexes.values():
            f.close()
        self._indexes.clear()
        self._close_pack()
        if self._lock is not None:
            self._lock.close()  # and with it the lock
            self._lock = None

    def _close_pack(self) -> None:
        if self._pack is not None:
            self._pack[1].close()
            self._pack[2].close()
            self._pack, self._end = None, 0

    def prune(self, used: Iterable[str]) -> None:
        """Keep what this build used (the digests of its parts), and nothing else: the caches of other extractor versions go
        (they can never be used again), and so do the packs of this version that hold no entry the
        build read or wrote.  The entries still used of a pack that is mostly dead, or of the
        smallest packs when there are too many, are copied into this build's pack first.  Skipped
        while another build uses the cache."""
        # (A refused upgrade may have let the shared lock go: the build closes the cache next.)
        if self._lock is None or not _flock(self._lock, shared=False, wait=False):
            return
        used = sorted(used)
        for d in self.root.iterdir():
            if d.is_dir() and d != self.folder:
                shutil.rmtree(d, ignore_errors=True)
        live: dict[str, int] = {}
        for sha in used:
            pack, _, length = self.entries[sha]
            live[pack] = live.get(pack, 0) + length
        own = self._pack[0] if self._pack else None
        kept = sorted((live.get(p, 0), p) for p in self.sizes if p != own)
        merge = {p for n, p in kept if n == 0 or n * 2 < self.sizes[p]}
        merge.update(p for _, p in kept[: max(0, len(kept) + 1 - MAX_PACKS)])
        try:
            for pack in sorted(merge):
                for sha in [s for s in used if self.entries[s][0] == pack]:
                    _, offset, length = self.entries[sha]
                    self.put(sha, self._reader(pack, offset).read(length))
                reader = self._readers.pop(pack, None)
                if reader is not None:
                    reader.close()
                for suffix in (".idx", ".pack"):
                    (self.folder / f"{pack}{suffix}").unlink(missing_ok=True)
        except (OSError, BuildError):
            pass  # an old pack kept is only space: the next build tries again


_OWN: dict[str, tuple[int, str, BinaryIO, int]] = {}  # cache folder → this process's pack: (pid, name, file, size)


def store(folder: str, record: bytes) -> Union[Stored, bytes]:
    """In a worker process: append a part's record to the worker's own pack in the cache folder
    (made on first use), so that the Turtle block — most of a record — never travels to the build
    process, which reads only the summary and writes the index line (``Cache.adopt``).  The
    record itself when it cannot be written here (the build process then writes it, or says why
    it cannot)."""
    own = _OWN.pop(folder, None)
    if own is not None and own[0] != os.getpid():
        own = None  # inherited by a fork: a pack is written by one process
    try:
        if own is None:
            name = _pack_name()
            own = (os.getpid(), name, open(os.path.join(folder, f"{name}.pack"), "xb", buffering=0), 0)
        pid, name, pack, offset = own
        _write_all(pack, record)
    except OSError:
        if own is not None:
            own[2].close()  # what follows a half-written record is never read: the next one starts a pack
        return record
    _OWN[folder] = (pid, name, pack, offset + len(record))
    return Stored(name, offset, len(record), record[HEAD_SIZE + block_size(record):])


def _pack_name() -> str:
    """A new pack's name: the time and the process that makes it (no two packs share one)."""
    return f"{time.time_ns():x}-{os.getpid()}"


def _index_line(sha: str, offset: int, length: int) -> bytes:
    """An index's line for an entry (``_load`` reads it back)."""
    return f"{sha} {offset} {length}\n".encode("ascii")


def _write_all(f: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[f.write(view):]


def _flock(f: BinaryIO, shared: bool, wait: bool = True) -> bool:
    """Lock the file (shared or alone); False when ``wait`` is off and another process holds it.
    Where there is no flock, every build counts as alone."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fcntl.flock(f.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True
