"""The cyclic garbage collector, paused while long-lived acyclic data is built.

Tables loaded at start and the parts a build gathers are hundreds of thousands of small objects
(strings, tuples, frozen dataclasses) that never form cycles.  Each full pass of the cyclic
collector walks all of them again, and passes come more often as the heap grows: without a
pause they cost a fifth of the build process's time on a corpus of thousands of reports.
Reference counting still frees everything as usual meanwhile; cyclic garbage made inside the
block waits for its end, so a block must not build cyclic structures (graphs, views) in bulk.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def acyclic() -> Iterator[None]:
    """Pause the cyclic collector for the block (it is left as it was found).

    What the block made and kept (tables loaded once, for the process's life) joins the oldest
    generation as it ends, as if it had survived the collections it skipped: the first pass after
    the pause would otherwise walk every object made during it.  (Freezing and unfreezing at once
    moves them there without a walk; not done when the process keeps objects frozen itself.)"""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
