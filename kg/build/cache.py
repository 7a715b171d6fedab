"""The extraction cache: OUT/.cache/VERSION/DIGEST.part, one file per report.

A report's part is cached under its content digest, in a folder named for the extractor's
version (a digest of the code and knowledge files): a rebuild re-extracts only new or changed
reports, and a change to the code or the knowledge files invalidates everything.  A file is the
part's record as the worker made it (part.encode: the Turtle block first, then the pickled
summary), written once and renamed into place: one file creation per report — on some file
systems creating a file costs a millisecond, and the main process writes every entry.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..errors import BuildError, WriteError
from ..files import reason, write_atomic
from ..version import __version__
from .part import HEAD_SIZE, Part, block_size


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


class Cache:
    def __init__(self, out: Path) -> None:
        self.root = Path(out) / ".cache"
        self.folder = self.root / extractor_version()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Listed once: on a first build, opening every report's entry costs a failed open each.
            self.present = {name[:-5] for name in os.listdir(self.folder) if name.endswith(".part")}
        except OSError as e:
            raise BuildError(f"{out}: cannot write: {reason(e)}") from None

    def _path(self, sha: str) -> Path:
        return self.folder / f"{sha}.part"

    def get(self, sha: str) -> Optional[Part]:
        """The summary of a cached part (its Turtle block, read later by ``block``, is skipped)."""
        if sha not in self.present:
            return None
        try:
            with open(self._path(sha), "rb") as f:
                f.seek(block_size(f.read(HEAD_SIZE)), os.SEEK_CUR)
                part = pickle.load(f)
            return part if isinstance(part, Part) else None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None

    def put(self, sha: str, record: bytes) -> None:
        # Not synced to disk: an entry lost in a crash is only extracted again.
        try:
            write_atomic(self._path(sha), record, sync=False)
        except WriteError as e:
            raise BuildError(f"{e}; the previous outputs are left as they were") from None

    def block(self, sha: str) -> bytes:
        """The Turtle block of one report."""
        with open(self._path(sha), "rb") as f:
            return f.read(block_size(f.read(HEAD_SIZE)))

    def prune(self) -> None:
        """Drop caches of other extractor versions: they can never be used again."""
        for d in self.root.iterdir():
            if d.is_dir() and d != self.folder:
                shutil.rmtree(d, ignore_errors=True)
