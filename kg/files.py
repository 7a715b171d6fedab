"""Writing the files a user reads: atomically, several at once, and with one-line errors.

Every file is written under a temporary name in its own folder and renamed into place, so a
reader sees the old file or the new one, never half of one.  Files that belong together (a
build's graph, page and manifest) switch together: they are all written first, then renamed in
turn, and if any rename fails the ones already renamed are put back — the previous set stays
exactly as it was.  (Concurrent readers can still catch the instant between two renames; a
failure or an interruption can not leave a mix behind.)

Nothing here creates folders: a file goes into a folder that exists, and a path that names a
folder is never replaced by a file.  Every failure is a ``WriteError`` naming the path.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable, Union

from .errors import WriteError

PathLike = Union[str, Path]


def reason(e: OSError) -> str:
    """The operating system's words for a failure, without Python's decoration."""
    return e.strerror or str(e)


def check_target(path: PathLike) -> Path:
    """``path`` as a place a new file (or folder) can be put: its folder exists and it is not a
    folder itself.  Raises WriteError otherwise."""
    p = Path(path)
    parent = p.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise WriteError(f"{p}: cannot write: the folder {parent} {what}")
    if p.is_dir():
        raise WriteError(f"{p}: cannot write: it is a folder")
    return p


class together:
    """Write several files and switch them into place together when the block succeeds.

        with together([out / "a.ttl", out / "b.json"]) as (a, b):
            a.write(...); b.write(...)

    If the block raises, or any file cannot be put in place, every target is left as it was
    before the block and no temporary file remains.  ``sync`` waits for the data to reach the
    disk before the renames, so that a crash cannot leave a renamed but empty file.
    """

    def __init__(self, paths: Iterable[PathLike], sync: bool = True) -> None:
        self.paths = [Path(p) for p in paths]
        self.sync = sync
        self.tmps: list[str] = []
        self.files: list[BinaryIO] = []

    def __enter__(self) -> list[BinaryIO]:
        try:
            for p in self.paths:
                check_target(p)
                fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
                self.tmps.append(tmp)
                self.files.append(os.fdopen(fd, "wb"))
        except OSError as e:
            self._discard()
            raise WriteError(f"{self.paths[len(self.tmps)]}: cannot write: {reason(e)}") from None
        except BaseException:
            self._discard()
            raise
        return self.files

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self._discard()
            return
        try:
            mode = 0o666 & ~_umask()  # mkstemp makes 0600; outputs are ordinary files
            for p, f, tmp in zip(self.paths, self.files, self.tmps):
                try:
                    f.flush()
                    if self.sync:
                        os.fsync(f.fileno())
                    f.close()
                    os.chmod(tmp, mode)
                except OSError as e:
                    raise WriteError(f"{p}: cannot write: {reason(e)}") from None
            self._switch()
        finally:
            self._discard()

    def _switch(self) -> None:
        """Rename each file into place; on any failure put back what was there before."""
        backups: dict[Path, str] = {}
        done: list[Path] = []
        current = self.paths[0]
        try:
            for current, tmp in zip(self.paths, self.tmps):
                if current.is_dir():
                    raise IsADirectoryError(21, "it is a folder")
                if os.path.lexists(current):
                    backups[current] = _keep_copy(current, tmp[: -len(".tmp")] + ".old.tmp")
            for current, tmp in zip(self.paths, self.tmps):
                os.replace(tmp, current)
                done.append(current)
        except BaseException as e:
            kept = self._put_back(done, backups)
            if kept:
                p, b = kept[0]
                raise WriteError(f"{current}: cannot write, and {p} could not be restored"
                                 + (f" (its previous version is at {b})" if b else "")) from None
            if isinstance(e, OSError):
                raise WriteError(f"{current}: cannot write: {reason(e)}") from None
            raise
        finally:
            for b in backups.values():
                _unlink(b)

    @staticmethod
    def _put_back(done: list[Path], backups: dict[Path, str]) -> list[tuple[Path, str]]:
        """Undo the renames in ``done``; returns the files whose previous version could not be
        restored (their backup is then kept, not deleted)."""
        kept = []
        for p in reversed(done):
            try:
                if p in backups:
                    os.replace(backups[p], p)
                    del backups[p]
                else:
                    os.unlink(p)  # it did not exist before this block wrote it
            except OSError:
                kept.append((p, backups.pop(p, "")))
        return kept

    def _discard(self) -> None:
        for f in self.files:
            f.close()
        for tmp in self.tmps:
            _unlink(tmp)


def _keep_copy(path: Path, backup: str) -> str:
    """A second name for the current file (a hard link; a copy where links are not allowed)."""
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        shutil.copy2(path, backup, follow_symlinks=False)
    return backup


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class atomic_file:
    """One file written under a temporary name and renamed into place when the block succeeds."""

    def __init__(self, path: PathLike, sync: bool = True) -> None:
        self._together = together([path], sync)

    def __enter__(self) -> BinaryIO:
        return self._together.__enter__()[0]

    def __exit__(self, *exc) -> None:
        self._together.__exit__(*exc)


def write_atomic(path: PathLike, data: bytes, sync: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, nothing between.
    ``sync`` also waits until the data is on disk (for what the user reads; a cache can skip it)."""
    with atomic_file(path, sync) as f:
        f.write(data)
