"""What a page read while it was rendered: the basis of correct incremental builds.

Like Lektor, netcard records dependencies instead of guessing them. A page's
dependencies are named sources, each with a fingerprint that changes exactly
when the source does:

- `file:content/members/x.yaml` — a content file (its bytes),
- `ids:members` — which ids a collection holds (adding or removing a file),
- `template:member.html` — where a template was found and its bytes,
- `locale:fi` — a locale file,
- `value:…` — a derived value shared by many pages (the site title, the menu,
  the analysis), fingerprinted by its content so that an edit which leaves it
  unchanged re-renders nothing.

Model objects call `record()` when their attributes are read; the renderer
collects the records of each page inside `recording()`.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Generic, TypeVar

_current: ContextVar[set[str] | None] = ContextVar("netcard_reads", default=None)


current_reads = _current.get  # the set recording() collects into, or None


def record(source: str) -> None:
    reads = _current.get()
    if reads is not None:
        reads.add(source)


def record_all(sources: set[str] | frozenset[str]) -> None:
    reads = _current.get()
    if reads is not None:
        reads.update(sources)


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collect every source read inside the block (nested blocks also report outwards)."""
    outer = _current.get()
    reads: set[str] = set()
    token = _current.set(reads)
    try:
        yield reads
    finally:
        _current.reset(token)
        if outer is not None:
            outer.update(reads)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Reads inside the block are not recorded (the caller records a derived value)."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


T = TypeVar("T")


@dataclass(frozen=True)
class Recorded(Generic[T]):
    """A value worked out once for many pages (an analysis result), and every source
    working it out read: a page that shows it depends on them as if it had worked the
    value out itself."""

    value: T
    reads: frozenset[str]

    def read(self) -> T:
        """The value, noting its sources as read by the page being rendered."""
        record_all(self.reads)
        return self.value


def recorded(compute: Callable[[], T]) -> Recorded[T]:
    """`compute()`'s value, with what computing it read."""
    with recording() as reads:
        value = compute()
    return Recorded(value, frozenset(reads))


class Deferred(Generic[T]):
    """A `Recorded` value worked out when a page first reads it, in the process that
    renders that page: an edit whose pages that show it are all reused from the last
    build never works it out (the competence maps and the tie suggestions of 2,000
    members: 0.1 s of an edit). A forked render worker works out its own: pages of
    one value rendered in two processes cost it twice, side by side."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self._compute = compute
        self._made: Recorded[T] | None = None

    def made(self) -> Recorded[T]:
        """The value and its sources, worked out now if no page has read it yet."""
        if self._made is None:
            with paused():  # (its sources are noted by `read`, not by a page it runs in)
                self._made = recorded(self._compute)
        return self._made

    def read(self) -> T:
        """The value, noting its sources as read by the page being rendered."""
        return self.made().read()


def fingerprint(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()[:32]
