"""Stopping a build part-way on request (netcard serve's Ctrl-C) without harm to the output.

A build asks `Cancel.check()` at safe points (after loading, between pages, between
the files it prepares); once a stop has been requested, the next check raises
`BuildCancelled` and the build is abandoned with the output as it was. Changing the
output itself (`changing_output`) is not abandoned once it has begun: by then every
file is prepared and only has to be moved into place, which is quick, so a request
to stop never leaves a half-updated tree. Only a forced stop (a second Ctrl-C, or a
kill) can interrupt that step; `output_may_be_partial` then says so truthfully.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from generator.progress import ProgressHook


class BuildCancelled(Exception):
    """The build was abandoned on request; nothing of the output was changed."""

    def __init__(self) -> None:
        super().__init__("the build was stopped before it changed the output")


class Cancel:
    """A request to stop a build, shared by the thread that asks and the one that builds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requested = False
        self._changing = 0
        self._left_partial = False

    @property
    def requested(self) -> bool:
        return self._requested

    def request(self) -> None:
        """Ask the build to stop at its next safe point (a change under way finishes)."""
        with self._lock:
            self._requested = True

    def check(self) -> None:
        """A safe point: raise BuildCancelled once a stop has been requested."""
        if self._requested:
            raise BuildCancelled()

    @property
    def changing(self) -> bool:
        """Whether the output is being changed right now."""
        with self._lock:
            return self._changing > 0

    @property
    def output_may_be_partial(self) -> bool:
        """Whether the output is being changed, or a change was broken off half-way."""
        with self._lock:
            return self._changing > 0 or self._left_partial

    @contextmanager
    def changing_output(self) -> Iterator[None]:
        """Around the step that changes the output: refused (BuildCancelled) once a stop
        has been requested, and, once begun, not abandoned on request."""
        with self._lock:
            if self._requested:
                raise BuildCancelled()
            self._changing += 1
        try:
            yield
        except BaseException:
            with self._lock:
                self._left_partial = True
            raise
        finally:
            with self._lock:
                self._changing -= 1

    def watching(self, progress: ProgressHook | None) -> ProgressHook:
        """A progress hook that is also a safe point at every page rendered."""
        return _CheckingProgress(self, progress)


class _CheckingProgress:
    def __init__(self, cancel: Cancel, progress: ProgressHook | None) -> None:
        self._cancel = cancel
        self._progress = progress

    def add(self, total: int) -> None:
        self._cancel.check()
        if self._progress is not None:
            self._progress.add(total)

    def advance(self, done: int = 1) -> None:
        self._cancel.check()
        if self._progress is not None:
            self._progress.advance(done)
