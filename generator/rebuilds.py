"""What a process that builds the same site again and again keeps between builds.

`netcard serve` builds on every edit. What such a build reads back from its caches
(the content files it parsed, what each page read, the network analyses) is mostly
what the build before it had in memory already. A process that says it builds again
(`keep_between_builds`) keeps those values: a cache file's decoded value is kept by the
stamp of the file it was read from or written to, and the file is read again only when
its stamp differs. A one-off build keeps nothing: it reads each file once, and its
render workers would only inherit the extra memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")
FileStamp = tuple[int, int, int]  # inode, size, modification time (ns)

_KEEPING = False


def keep_between_builds() -> None:
    """This process builds again (netcard serve): keep what a build read or wrote."""
    global _KEEPING
    _KEEPING = True


def keeping() -> bool:
    """Whether this process keeps what a build read or wrote for its next build."""
    return _KEEPING


def file_stamp(path: str | Path) -> FileStamp | None:
    """The file's inode, size and modification time; None when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


class KeptByFile(Generic[Value]):
    """Values decoded from files, each with the stamp its file had then.

    Every cache file netcard writes is replaced whole, by a rename (generator.atomic),
    so a file written again has another inode: a stamp that still matches means the
    bytes are the ones the value came from. At most `limit` files are kept (the oldest
    is forgotten first): a cache named after its inputs gets a new file when they
    change.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[Path, tuple[FileStamp, Value]] = {}

    def get(self, path: Path) -> Value | None:
        """The value kept for `path`, if the file is still the one it came from."""
        kept = self._values.get(path)
        if kept is None:
            return None
        if file_stamp(path) != kept[0]:
            del self._values[path]
            return None
        return kept[1]

    def put(self, path: Path, value: Value, read_from: FileStamp | None = None) -> None:
        """Keep `value`, just written to `path`, or read from it when its stamp was
        `read_from` (kept only if the file was not replaced meanwhile); only in a
        process that builds again."""
        if not _KEEPING:
            return
        stamp = file_stamp(path)
        self._values.pop(path, None)
        if stamp is None or (read_from is not None and stamp != read_from):
            return
        self._values[path] = (stamp, value)
        while len(self._values) > self.limit:
            del self._values[next(iter(self._values))]


class KeptByIdentity(Generic[Key, Value]):
    """Values made from objects that a process keeps between builds (the models of
    unchanged files, see model/build.py), by the object's identity: what the last build
    made from the very same object, for the same `made_for` (what else the value
    depends on), is taken as it is. Each entry holds its object, so that no other object
    can take its id. Only in a process that builds again; at most `limit` entries, the
    least recently used forgotten first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[int, tuple[Key, Hashable, Value]] = {}

    def made(self, key: Key, made_for: Hashable, make: Callable[[], Value]) -> Value:
        """`make()`, or the value kept from the last time it was made from `key` for an
        equal `made_for`."""
        kept = self._values.pop(id(key), None)
        if kept is not None and kept[0] is key and kept[1] == made_for:
            self._values[id(key)] = kept  # (used: last to be forgotten)
            return kept[2]
        value = make()
        if _KEEPING:
            self._values[id(key)] = (key, made_for, value)
            while len(self._values) > self.limit:
                del self._values[next(iter(self._values))]
        return value
