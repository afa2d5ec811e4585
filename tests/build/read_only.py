"""Run netcard's command line with some folders read-only, even as root.

chmod does not stop root, and a read-only mount needs privileges the tests do not
have. Instead the command runs in a child Python whose audit hook
(`sys.addaudithook`) refuses, with EROFS as a read-only file system would, every
operation that would change anything under the given folders: opening a file for
writing, making, renaming, linking or deleting a file or folder, changing its
mode or times. Reading is untouched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

RUNNER = r"""
import errno, os, sys

ROOTS = tuple(os.path.realpath(root) for root in sys.argv[1].split(os.pathsep) if root)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
CHANGES = {"os.mkdir": 1, "os.rename": 2, "os.remove": 1, "os.rmdir": 1, "os.link": 2,
           "os.symlink": 2, "os.truncate": 1, "os.chmod": 1, "os.chown": 1, "os.utime": 1,
           "shutil.rmtree": 1}


def refuse(path):
    if isinstance(path, int):
        return
    where = os.path.realpath(os.fsdecode(path))
    if any(where == root or where.startswith(root + os.sep) for root in ROOTS):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), where)


def hook(event, args):
    if event == "open":
        path, mode, flags = args
        if (flags or 0) & WRITE_FLAGS or any(c in (mode or "") for c in "wax+"):
            refuse(path)
    elif event in CHANGES:
        for path in args[:CHANGES[event]]:
            refuse(path)


sys.addaudithook(hook)
from generator.cli import main

sys.exit(main(sys.argv[2:]))
"""


def run_read_only(read_only: list[Path], argv: list[str],
                  cache_home: Path) -> subprocess.CompletedProcess[str]:
    """`netcard argv…` with the `read_only` folders unwritable; the user's cache is
    `cache_home` (XDG_CACHE_HOME)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    env.pop("NETCARD_DEBUG", None)
    return subprocess.run([sys.executable, "-c", RUNNER, os.pathsep.join(map(str, read_only)),
                           *argv], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under `root` (itself included) with its size and modification time."""
    found = {}
    for path in [root, *sorted(root.rglob("*"))]:
        info = path.lstat()
        found[path.relative_to(root).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found
