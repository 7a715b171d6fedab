"""Where extraction runs: in this process, in local worker processes, or on a Dask cluster.

Each executor takes the jobs and yields (job, outcome) as they finish, in any order; the build
sorts what it gets, so the graph does not depend on the order.  A report that makes its
extraction fail is skipped with an "internal error"; only a worker process that dies stops the
build (the previous outputs are then left as they were).
"""
from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from queue import SimpleQueue
from typing import Iterator, Optional

from ..errors import BuildError
from .cache import store
from .part import Job, Outcome, internal_error, safe

DASK = "dask://"


def run(jobs: list[Job], workers: int = 1, executor: Optional[str] = None,
        cache_folder: Optional[str] = None) -> Iterator[tuple[Job, Outcome]]:
    """Run every job with the executor asked for: ``dask://HOST:PORT``, else ``workers`` processes.
    Local worker processes write the records into the ``cache_folder`` themselves (``Stored``)."""
    if executor:
        if not executor.startswith(DASK):
            raise BuildError(f"--executor {executor}: give dask://HOST:PORT")
        return run_dask(jobs, executor[len(DASK):])
    return run_local(jobs, workers, cache_folder)


def run_local(jobs: list[Job], workers: int, cache_folder: Optional[str] = None) -> Iterator[tuple[Job, Outcome]]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, safe(job)
        return
    from ..extract import prepare

    prepare()  # tables and patterns built once, here: the workers forked below inherit them
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Each task, once done, puts itself in a queue this process reads: waiting on the pending
        # tasks (concurrent.futures.wait) would visit every one of them for each result, and a
        # big corpus has thousands.
        finished: SimpleQueue = SimpleQueue()
        pending: dict[Future, list[Job]] = {}

        def submit(chunk: list[Job]) -> None:
            fut = pool.submit(_safe_all, chunk, cache_folder)
            pending[fut] = chunk
            fut.add_done_callback(finished.put)

        for chunk in chunks(jobs, workers):
            submit(chunk)
        while pending:
            fut = finished.get()
            chunk = pending.pop(fut)
            try:
                outcomes = fut.result()
            except BrokenProcessPool:  # a worker was killed: every job still running is lost
                raise BuildError("a worker process died (BrokenProcessPool); "
                                 "previous outputs are left as they were") from None
            except Exception as e:  # the results could not come back (one would not pickle…)
                if len(chunk) > 1:  # again one by one: only the report at fault is skipped
                    for job in chunk:
                        submit([job])
                    continue
                outcomes = [internal_error(e)]
            yield from zip(chunk, outcomes)


CHUNK = 8  # reports per task at most


def chunks(jobs: list[Job], workers: int) -> list[list[Job]]:
    """The jobs in tasks of a few reports, in order: each result wakes this process, which shares
    the cores with the workers, so a task holds several reports.  Tasks shrink towards the end
    (a quarter of what each worker has left at most): the last to finish is a single report, so
    no core waits long for the other."""
    out, i = [], 0
    while i < len(jobs):
        size = max(1, min(CHUNK, (len(jobs) - i) // (workers * 4)))
        out.append(jobs[i:i + size])
        i += size
    return out


def _safe_all(jobs: list[Job], cache_folder: Optional[str] = None) -> list[Outcome]:
    outcomes = [safe(job) for job in jobs]
    if cache_folder is None:
        return outcomes
    return [store(cache_folder, o) if isinstance(o, bytes) else o for o in outcomes]


def run_dask(jobs: list[Job], address: str) -> Iterator[tuple[Job, Outcome]]:
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError:
        raise BuildError("--executor dask://… needs the dask extra: pip install 'govkg[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as e:
        raise BuildError(f"{DASK}{address}: cannot reach the Dask scheduler: {e}") from None
    with client:
        futures = {client.submit(safe, job, pure=False): job for job in jobs}
        for fut in dask_completed(list(futures)):
            try:
                outcome = fut.result()
            except Exception as e:  # the cluster gave up on this report (it kept killing workers)
                outcome = internal_error(e)
            yield futures[fut], outcome
