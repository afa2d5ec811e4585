"""Forked workers: results in order, and the heap frozen only while they run."""

from __future__ import annotations

import gc
import os

from generator.parallel import run_all, shared_heap


def _job(value: int) -> tuple[int, int]:
    return value * value, gc.get_freeze_count()


def test_run_all_keeps_order_and_unfreezes_the_heap_afterwards() -> None:
    jobs = [lambda value=value: _job(value) for value in range(4)]
    results = run_all(jobs)
    assert [square for square, _ in results] == [0, 1, 4, 9]
    if (os.cpu_count() or 1) > 1:  # the jobs ran beside a frozen heap
        assert all(frozen > 0 for _, frozen in results)
    assert gc.get_freeze_count() == 0  # netcard serve's later builds can free old cycles


def test_shared_heap_unfreezes_after_an_error() -> None:
    try:
        with shared_heap():
            assert gc.get_freeze_count() > 0
            raise RuntimeError("a failing job")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0
