"""Work that can run on several cores at once, in forked processes (Linux, macOS).

Forked children inherit the loaded site and the imported code, so starting one
costs milliseconds; what they return comes back pickled. A child must never
outlive a build that was killed, so each one asks the kernel to kill it with
its parent (Linux's PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
_JOBS: Sequence[Callable[[], Any]] = ()


def cores() -> int:
    return os.cpu_count() or 1


def can_fork() -> bool:
    return os.name == "posix" and cores() > 1


def run_all(jobs: Sequence[Callable[[], T]]) -> list[T]:
    """Every job's result, in order: the first runs here, the others in forked children
    at the same time (as many at once as there are further cores)."""
    if len(jobs) < 2 or not can_fork():
        return [job() for job in jobs]
    global _JOBS
    _JOBS = jobs
    try:
        with shared_heap(), ProcessPoolExecutor(max_workers=min(len(jobs) - 1, cores() - 1),
                                 mp_context=multiprocessing.get_context("fork"),
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            others = [pool.submit(_run_job, index) for index in range(1, len(jobs))]
            first = jobs[0]()
            return [first, *(future.result() for future in others)]
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
