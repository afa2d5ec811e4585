"""Changing a file or a folder at once: a reader, or a process killed at any moment, finds
the old one or the new one whole, never a part.

`write_atomic` writes the new bytes into a temporary file beside the target (same
folder, so the same file system) and renames it over the target; `replace_folder`
exchanges two folders with one system call where the system has one. Both import
nothing of netcard's, so any stage may use them.

Atomic is not durable: after a power cut or a crash of the machine (not of netcard),
the disk may hold the old file, the new one, or (on some file systems) an empty one.
`durable=True` also makes the new file survive that: its bytes are flushed to the disk
(fsync) before the rename, and the folder after it (the rename lives in the folder).
It costs a wait for the disk, so it is asked for where a lost or reverted file would
make netcard trust something false, and nowhere else:

- the stamp of a live output folder (`write.update_tree`, `write.write_stamp`): it
  says which build the folder holds and whether it is half updated. The "being
  updated" stamp must be on the disk before the first file is moved, or a crash could
  leave moved files under a stamp that still vouches for the old folder;
- the bundle (`netcard bundle`): a document the user sends on as soon as it is made.

Caches (analyses, layouts, page records, the no-change record) are not durable: every
one is checked when it is read, so a lost, old or empty one only makes the next
build do more work.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import shutil
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100
# A folder that cannot be synced on this file system (some network and FUSE ones)
UNSYNCABLE_FOLDER = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF})

_numbers = itertools.count()  # temporary names unique among this process's threads


def write_atomic(path: Path, data: bytes, *, durable: bool) -> None:
    """Replace (or create) `path` with `data` at once; with `durable`, also on the disk
    before this returns (see the module's docstring for where that matters).

    Raises OSError like any write; the target is then as it was and no temporary file
    is left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary, handle = _create_beside(path)
    try:
        with open(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the names renamed into it) to the disk."""
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(handle)
    except OSError as exc:
        if exc.errno not in UNSYNCABLE_FOLDER:
            raise
    finally:
        os.close(handle)


def _create_beside(path: Path) -> tuple[Path, int]:
    """A new, empty file in `path`'s folder, hidden and named after it, opened for writing."""
    while True:
        temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}-{next(_numbers)}")
        try:
            return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # left by a killed process that had the same id
            continue


def link_or_copy(source: str, target: str) -> None:
    """Hard-link where the file system allows (no bytes copied; the file appears whole,
    at once), else copy. For `shutil.copytree(copy_function=…)`."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def replace_folder(new: Path, folder: Path) -> None:
    """Put `new` where `folder` is (atomically where the system can); `new` is gone after."""
    if folder.exists() and exchange(new, folder):
        shutil.rmtree(new, ignore_errors=True)
        return
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.exists():
        os.rename(folder, old)
    os.rename(new, folder)
    shutil.rmtree(old, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths (Linux's renameat2 RENAME_EXCHANGE); False where the
    system cannot."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                       RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(second))
