"""The cyclic garbage collector, paused while long-lived acyclic data is built.

Tables loaded at start and the parts a build gathers are hundreds of thousands of small objects
(strings, tuples, frozen dataclasses) that never form cycles.  Each full pass of the cyclic
collector walks all of them again, and passes come more often as the heap grows: without a
pause they cost a fifth of the build process's time on a corpus of thousands of reports.
Reference counting still frees everything as usual meanwhile.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def acyclic(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector for the block.  ``freeze``: afterwards, let it pass over what
    exists by then for the rest of the process (data that lives as long as the process; forked
    workers then also keep sharing the pages it lies on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
