"""A progress bar for builds that take more than a second, on a terminal only."""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Protocol


class ProgressHook(Protocol):
    def add(self, total: int) -> None: ...

    def advance(self, done: int = 1) -> None: ...


class TerminalProgress:
    """Shows a rich progress bar once the work has taken a second; silent before that."""

    DELAY = 1.0

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.total = 0
        self.done = 0
        self.bar: Any = None
        self.task: Any = None

    @staticmethod
    def wanted() -> bool:
        return sys.stdout.isatty() and not os.environ.get("CI")

    def add(self, total: int) -> None:
        self.total += total
        if self.bar is not None:
            self.bar.update(self.task, total=self.total)

    def advance(self, done: int = 1) -> None:
        self.done += done
        if self.bar is None and time.monotonic() - self.started >= self.DELAY:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(TextColumn("Rendering pages"), BarColumn(),
                                MofNCompleteColumn(), transient=True)
            self.task = self.bar.add_task("render", total=self.total, completed=self.done)
            self.bar.start()
        elif self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
