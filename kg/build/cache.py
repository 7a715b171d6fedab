"""The extraction cache: OUT/.cache/VERSION/DIGEST.{ttl,part}, one pair per report.

A report's part is cached under its content digest, in a folder named for the extractor's
version (a digest of the code and knowledge files): a rebuild re-extracts only new or changed
reports, and a change to the code or the knowledge files invalidates everything.
"""
from __future__ import annotations

import hashlib
import pickle
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..errors import BuildError, WriteError
from ..files import reason, write_atomic
from ..version import __version__
from .part import Part


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
        except OSError as e:
            raise BuildError(f"{out}: cannot write: {reason(e)}") from None

    def get(self, sha: str) -> Optional[Part]:
        try:
            with open(self.folder / f"{sha}.part", "rb") as f:
                part = pickle.load(f)
            return part if self.block(sha).exists() else None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def put(self, part: Part, block: bytes) -> None:
        # Not synced to disk: a cache entry lost in a crash is only extracted again.
        try:
            write_atomic(self.block(part.sha256), block, sync=False)
            write_atomic(self.folder / f"{part.sha256}.part", pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL),
                         sync=False)
        except WriteError as e:
            raise BuildError(f"{e}; the previous outputs are left as they were") from None

    def block(self, sha: str) -> Path:
        """The Turtle block of one report."""
        return self.folder / f"{sha}.ttl"

    def prune(self) -> None:
        """Drop caches of other extractor versions: they can never be used again."""
        for d in self.root.iterdir():
            if d.is_dir() and d != self.folder:
                shutil.rmtree(d, ignore_errors=True)
