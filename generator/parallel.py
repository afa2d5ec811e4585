"""Work that can run on several cores at once, in forked processes (Linux, macOS).

Forked children inherit the loaded site and the imported code, so starting one
costs milliseconds; what they return comes back pickled. A child must never
outlive a build that was killed, so each one asks the kernel to kill it with
its parent (Linux's PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from generator.errors import EnvironmentProblem

T = TypeVar("T")
_JOBS: Sequence[Callable[[], Any]] = ()


class WorkerLost(EnvironmentProblem):
    """A forked worker died while the build needed it: killed from outside, most often by
    the system when it runs out of memory (exit code 3, like any machine failure)."""

    def __init__(self, exitcode: int | None = None) -> None:
        how = ""
        if exitcode is not None and exitcode < 0:
            with contextlib.suppress(ValueError):
                how = f" (killed by {signal.Signals(-exitcode).name})"
        super().__init__(f"a worker process of the build stopped unexpectedly{how}; the "
                         "system may have run out of memory",
                         "close other programs to free memory, then run the command again")


def lost_worker(pool: ProcessPoolExecutor, workers: Iterable[BaseProcess]) -> WorkerLost:
    """The WorkerLost of a broken `pool`, saying how the first of its `workers` to be
    killed ended.

    The pool is shut down first. Its manager thread fails the tasks before it reaps the
    workers: read any sooner, a worker's exit code may still be unknown (its reaping
    under way in that thread) and the message would not say what killed it. The same
    thread then stops the other workers with SIGTERM, so a worker that ended otherwise is
    the one that was lost."""
    pool.shutdown(wait=True, cancel_futures=True)
    endings = [worker.exitcode for worker in workers if worker.exitcode is not None]
    stopped_by_pool = -signal.SIGTERM
    lost = [code for code in endings if code != stopped_by_pool] or endings
    return WorkerLost(lost[0] if lost else None)


def cores() -> int:
    return os.cpu_count() or 1


def can_fork() -> bool:
    return os.name == "posix" and cores() > 1


def forked_pool(workers: int) -> tuple[ProcessPoolExecutor, list[BaseProcess]]:
    """A pool of `workers` forked processes, started now, and its processes (to say how
    one ended when the pool breaks: see `lost_worker`). The workers die with this
    process. A pool, unlike multiprocessing's Pool, fails its tasks when a worker is
    killed (BrokenProcessPool) instead of waiting for them for ever."""
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=die_with_parent, initargs=(os.getpid(),))
    try:
        pool.submit(int).result()  # (a pool forks its workers at its first task)
    except BrokenProcessPool as broken:
        pool.shutdown()
        raise WorkerLost() from broken
    return pool, [child for child in multiprocessing.active_children() if child not in before]


def run_all(jobs: Sequence[Callable[[], T]]) -> list[T]:
    """Every job's result, in order: the first runs here, the others in forked children
    at the same time (as many at once as there are further cores)."""
    if len(jobs) < 2 or not can_fork():
        return [job() for job in jobs]
    global _JOBS
    _JOBS = jobs
    try:
        with shared_heap():
            pool, forked = forked_pool(min(len(jobs) - 1, cores() - 1))
            try:
                with pool:
                    others = [pool.submit(_run_job, index) for index in range(1, len(jobs))]
                    first = jobs[0]()
                    return [first, *(future.result() for future in others)]
            except BrokenProcessPool as lost:
                raise lost_worker(pool, forked) from lost
    finally:
        _JOBS = ()


_FROZEN_DEPTH = 0  # how many `frozen_heap` blocks are open in this process


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The objects that exist now are left out of the cycle collector's scans until the
    outermost such block ends (`gc.freeze`). A build's site, views, analyses and page
    caches live for the whole build: a full collection would scan them all again (six
    times in a 2,000-member edit, 0.8 s). `freeze_more` adds what was made since.
    Unfrozen at the end: a long-running `netcard serve` must still free old sites'
    cycles."""
    global _FROZEN_DEPTH
    _FROZEN_DEPTH += 1
    gc.freeze()
    try:
        yield
    finally:
        _FROZEN_DEPTH -= 1
        if not _FROZEN_DEPTH:
            gc.unfreeze()


def freeze_more() -> None:
    """Inside `frozen_heap`: leave the objects made since out of the scans too."""
    if _FROZEN_DEPTH:
        gc.freeze()


@contextmanager
def long_lived() -> Iterator[None]:
    """Around making many objects that live for the whole build and form next to no
    garbage cycles (the loaded site, a cache read back): the cycle collector, which
    runs every few hundred new objects, would only scan them again and again (1.2 s of
    a 2,000-member load). None runs while they are made; inside `frozen_heap` they are
    then frozen. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        freeze_more()
        if was_enabled:
            gc.enable()


@contextmanager
def shared_heap() -> Iterator[None]:
    """Around forking workers: the objects that exist now (the loaded site, the analysis)
    are left out of the cycle collector's scans, in here and in the children, as
    Python's documentation advises for fork (`gc.freeze`). A child's collector would
    otherwise walk the whole inherited site again and again, writing to every object
    it visits, which copies the parent's memory page by page into each child."""
    with frozen_heap():
        yield


def _run_job(index: int) -> Any:
    return _JOBS[index]()


def die_with_parent(parent: int) -> None:
    """A forked worker must not outlive a build that was killed (Linux: PR_SET_PDEATHSIG)."""
    import ctypes
    import ctypes.util
    import signal

    name = ctypes.util.find_library("c")
    if name is not None:
        ctypes.CDLL(name, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
