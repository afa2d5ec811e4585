"""Forked workers: results in order, and the heap frozen only while a build or they run."""

from __future__ import annotations

import gc
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess
from typing import cast

import pytest

from generator.build import build
from generator.errors import EnvironmentProblem
from generator.parallel import (
    WorkerLost,
    frozen_heap,
    long_lived,
    lost_worker,
    run_all,
    shared_heap,
)
from tests.conftest import SiteFactory


def _job(value: int) -> tuple[int, int]:
    return value * value, gc.get_freeze_count()


def test_run_all_keeps_order_and_unfreezes_the_heap_afterwards() -> None:
    jobs = [lambda value=value: _job(value) for value in range(4)]
    results = run_all(jobs)
    assert [square for square, _ in results] == [0, 1, 4, 9]
    if (os.cpu_count() or 1) > 1:  # the jobs ran beside a frozen heap
        assert all(frozen > 0 for _, frozen in results)
    assert gc.get_freeze_count() == 0  # netcard serve's later builds can free old cycles


def _killed() -> int:
    os.kill(os.getpid(), signal.SIGKILL)  # as the system does when it runs out of memory
    return 0


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: every job runs here")
def test_a_killed_worker_is_a_machine_failure_that_names_the_signal() -> None:
    with pytest.raises(WorkerLost) as lost:
        run_all([lambda: 1, _killed])
    assert isinstance(lost.value, EnvironmentProblem)  # exit code 3, not "a bug in netcard"
    assert "stopped unexpectedly (killed by SIGKILL)" in lost.value.what
    assert "memory" in lost.value.what and "then run the command again" in lost.value.todo
    assert gc.get_freeze_count() == 0


class _Worker:
    """A pool's worker whose ending is known once its pool is shut down: until then the
    pool's manager thread may still be reaping it (a CI run of the crash-safety test saw
    the message without the signal)."""

    def __init__(self, ending: int) -> None:
        self.ending = ending
        self.reaped = False

    @property
    def exitcode(self) -> int | None:
        return self.ending if self.reaped else None


class _BrokenPool:
    def __init__(self, workers: list[_Worker]) -> None:
        self.workers = workers

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        for worker in self.workers:
            worker.reaped = wait


def _lost(*endings: int) -> str:
    workers = [_Worker(ending) for ending in endings]
    pool = cast(ProcessPoolExecutor, _BrokenPool(workers))
    return lost_worker(pool, cast(list[BaseProcess], workers)).what


def test_a_lost_worker_is_named_after_its_pool_has_reaped_it() -> None:
    assert "(killed by SIGKILL)" in _lost(-signal.SIGKILL)


def test_the_workers_the_broken_pool_stopped_itself_are_not_the_lost_one() -> None:
    # (the pool sends SIGTERM to the rest when one is lost, in no particular order)
    assert "(killed by SIGKILL)" in _lost(-signal.SIGTERM, -signal.SIGKILL, -signal.SIGTERM)
    assert "(killed by SIGTERM)" in _lost(-signal.SIGTERM)  # stopped from outside
    assert "unexpectedly; the system" in _lost()  # (no worker known to have ended)


def test_shared_heap_unfreezes_after_an_error() -> None:
    try:
        with shared_heap():
            assert gc.get_freeze_count() > 0
            raise RuntimeError("a failing job")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0


def test_an_inner_frozen_heap_leaves_the_outer_one_frozen() -> None:
    with frozen_heap():
        with shared_heap():
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_long_lived_objects_are_made_without_collections_and_then_frozen() -> None:
    with frozen_heap():
        before = gc.get_freeze_count()
        with long_lived():
            assert not gc.isenabled()
            made = [[number] for number in range(10_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(made)
    assert gc.get_freeze_count() == 0


def test_a_build_leaves_nothing_frozen(make_site: SiteFactory) -> None:
    # netcard serve builds again and again: each build's garbage cycles must be freed.
    site = make_site()
    build(site, site / "output")
    assert gc.get_freeze_count() == 0 and gc.isenabled()
