"""Stage 5, write: every file into a temporary folder, then swapped in at once.

A failed or killed build leaves the previous output exactly as it was: the
new tree is complete before it replaces the old one in one rename (Linux's
renameat2 RENAME_EXCHANGE where available). The lock is a POSIX record lock
(lockf), which the kernel drops when the process that took it dies, even if
worker processes it forked live on, so a killed build never blocks the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import filecmp
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path, PurePosixPath

from generator.atomic import exchange as _exchange
from generator.atomic import link_or_copy, write_atomic
from generator.cancel import Cancel
from generator.errors import EnvironmentProblem, UsageError, source_vanished
from generator.faults import fault_point
from generator.names import OUTPUT_STAMP, SEARCH_INDEX_FOLDER, output_lock_file

MARKER = OUTPUT_STAMP
MARKER_TEXT = "This folder is written by netcard; each build replaces it whole.\nbuild "
UPDATING = "being updated\n"  # the stamp while netcard serve moves changed files in
SEARCH_PENDING = "search index older than the pages:"  # a stamp's line, then profile names


_HELD: set[str] = set()  # lock files this process holds (record locks are per process)
_HELD_GUARD = threading.Lock()


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output_lock_file(out_dir)
    key = str(lock_path.resolve())
    with _HELD_GUARD:
        if key in _HELD:
            raise _another_build(out_dir)
        _HELD.add(key)
    try:
        with _record_lock(lock_path, out_dir):
            yield
    finally:
        with _HELD_GUARD:
            _HELD.discard(key)


@contextlib.contextmanager
def _record_lock(lock_path: Path, out_dir: Path) -> Iterator[None]:
    with open(lock_path, "a+") as handle:
        # A POSIX record lock (lockf), not flock: it belongs to this process only.
        # An flock is shared with every child forked while it is held (the render
        # pool's workers), so a killed build's orphaned workers kept it alive and
        # refused every later build; a record lock dies with the process that took it.
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise _another_build(out_dir) from None
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def _another_build(out_dir: Path) -> EnvironmentProblem:
    return EnvironmentProblem(f"another netcard build is writing to {out_dir} right now",
                              "wait for it to finish and run the build again")


def check_output_dir(out_dir: Path) -> None:
    """Refuse to replace a folder that netcard did not create."""
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise UsageError(f"{out_dir} exists and is not a folder; choose another output with -o")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise UsageError(f"{out_dir} is not empty and was not made by netcard, so netcard "
                         "will not overwrite it; choose another folder with -o, or empty it")


class NewTree:
    """The next output, written into a temporary folder beside `out_dir`.

    Files go in as they are made (a large site never has to be held in memory whole);
    `commit` swaps the finished tree in at once. Leaving the `with` block without
    `commit` (an error, a failed search index) removes the temporary folder and
    leaves the old output exactly as it was.

    With a `spare` folder (in the site's cache, on the output's file system), the tree
    the last swap replaced is kept there (`keep_old`) and the next build starts from
    it instead of an empty folder: a file it holds stays where it is the very file
    (same inode) the build would link in, every other one is replaced (removed first,
    never written into: it may share its inode with the live output), and what the
    build does not make is deleted before the swap. An edit of a 12,000-page site
    then touches its changed files, not 12,000 folders and links twice over.
    """

    def __init__(self, out_dir: Path, spare: Path | None = None) -> None:
        check_output_dir(out_dir)
        _remove_stale_temporaries(out_dir)
        self.out_dir = out_dir
        self.spare = spare
        self.root = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}"
        if self.root.exists():
            shutil.rmtree(self.root)
        self._root_text = str(self.root)
        self._folders: set[str] = {""}  # made, relative to the root
        # files of the recycled tree, with inode and modification time, not made again (yet)
        self._left: dict[str, tuple[int, int]] = {}
        if not self._recycle():
            self.root.mkdir(parents=True)

    def __enter__(self) -> NewTree:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.remove_old()

    def remove_old(self) -> None:
        """Delete the temporary folder: the new tree if not committed, else the old tree
        the swap left there."""
        if self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)

    def keep_old(self) -> None:
        """After the swap: keep the old tree as the next build's spare (where it can be
        moved there at once), else delete it. Spares of other output folders beyond the
        latest few are deleted (each holds a whole output's files)."""
        if self.spare is not None and self.root.exists():
            with contextlib.suppress(OSError):
                shutil.rmtree(self.spare, ignore_errors=True)
                self.spare.parent.mkdir(parents=True, exist_ok=True)
                os.rename(self.root, self.spare)
                _prune_spares(self.spare.parent)
        self.remove_old()

    def _recycle(self) -> bool:
        """Start from the spare tree, if there is one that can be moved here: its files
        are listed (search indexes, links and anything but files and folders removed)."""
        if self.spare is None:
            return False
        if self.spare.is_symlink():  # not made by netcard: removed, never followed
            self.spare.unlink()
            return False
        if not self.spare.is_dir():
            return False
        try:
            os.rename(self.spare, self.root)
        except OSError:  # another file system: it cannot be recycled here
            shutil.rmtree(self.spare, ignore_errors=True)
            return False
        self._list_spare("", 0)
        return True

    def _list_spare(self, folder: str, depth: int) -> None:
        """Note every file of the recycled tree under `folder` with its inode and time; remove
        links (never followed), anything but files and folders, and search indexes."""
        prefix = f"{folder}/" if folder else ""
        with os.scandir(f"{self._root_text}/{folder}" if folder else self._root_text) as found:
            entries = list(found)
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False) and not (
                    depth == 1 and entry.name == SEARCH_INDEX_FOLDER):
                self._folders.add(relative)
                self._list_spare(relative, depth + 1)
            elif entry.is_file(follow_symlinks=False):
                status = entry.stat(follow_symlinks=False)
                self._left[relative] = status.st_ino, status.st_mtime_ns
            else:
                _remove(entry.path)

    def write(self, relative: str, content: bytes) -> None:
        with open(self._fresh(relative), "wb") as file:
            file.write(content)

    def writer(self, folder: str) -> Callable[[str, bytes, Path | None], None]:
        """A function putting `path` into `folder` of the tree: linked to `origin` (a file
        of the previous output with its bytes) where it can, else copied from it; without
        an origin, `content` is written."""
        def put(path: str, content: bytes, origin: Path | None) -> None:
            relative = f"{folder}/{path}"
            if origin is None:
                self.write(relative, content)
            elif not self.link(relative, origin):
                self.copy(relative, origin)
        return put

    def link(self, relative: str, existing: Path) -> bool:
        """Hard-link an unchanged file of the old output into the new tree (the old tree
        is deleted or kept as the spare after the swap; the file lives on here). False
        where links fail."""
        if self._left.pop(relative, None) is not None:
            target = f"{self._root_text}/{relative}"
            if _same_file(target, existing):
                return True  # the recycled tree holds this very file
            _remove(target)
        try:
            os.link(existing, self._target(relative))
        except OSError:
            return False
        return True

    def copy(self, relative: str, source: Path) -> None:
        target = self._fresh(relative)
        with _reading_source(source):
            shutil.copyfile(source, target)

    def keep_from_old(self, folders: tuple[str, ...]) -> None:
        """Carry top-level folders of the old output over (profiles not built this time),
        in place of what a recycled tree holds there."""
        for folder in folders:
            old = self.out_dir / folder
            if old.is_dir():
                self._forget(folder)
                shutil.copytree(old, self.root / folder, symlinks=True,
                                copy_function=link_or_copy)

    def commit(self, stamp: str) -> None:
        self.drop_left()
        with open(self._fresh(MARKER), "w", encoding="utf-8") as file:
            file.write(MARKER_TEXT + stamp)
        fault_point("tree-written")
        _swap(self.root, self.out_dir)

    def _fresh(self, relative: str) -> str:
        """`_target`, where a recycled tree's file is removed first (never written into)."""
        if self._left.pop(relative, None) is not None:
            _remove(f"{self._root_text}/{relative}")
        return self._target(relative)

    def _clear_way(self, folder: str) -> None:
        """Remove the recycled tree's files that stand where `folder`'s folders go."""
        if self._left:
            parts = folder.split("/")
            for end in range(1, len(parts) + 1):
                path = "/".join(parts[:end])
                if self._left.pop(path, None) is not None:
                    _remove(f"{self._root_text}/{path}")

    def _forget(self, folder: str) -> None:
        """Remove a top-level folder of the recycled tree, and its files from the list."""
        _remove(f"{self._root_text}/{folder}")
        self._left = {path: listed for path, listed in self._left.items()
                      if not path.startswith(f"{folder}/")}
        self._folders = {path for path in self._folders
                         if path != folder and not path.startswith(f"{folder}/")}

    def drop_left(self, folder: str = "") -> None:
        """Delete what the recycled tree held in `folder` (all of it: "") and this build
        did not make, and the folders that leaves empty: once the build has written
        everything there (before a search index reads the folder). A file that is not
        the one listed (its inode or time differ: a freed inode may be given to a new
        file) was made by this build in another process (a render worker): it stays."""
        prefix = f"{folder}/" if folder else ""
        dropped = {relative: listed for relative, listed in self._left.items()
                   if relative.startswith(prefix)}
        for relative in dropped:
            del self._left[relative]
        emptied: set[str] = set()
        for relative, listed in dropped.items():
            path = f"{self._root_text}/{relative}"
            try:
                status = os.lstat(path)
                if (status.st_ino, status.st_mtime_ns) != listed:
                    continue
            except FileNotFoundError:
                continue
            _remove(path)
            parent = relative.rpartition("/")[0]
            while parent:
                emptied.add(parent)
                parent = parent.rpartition("/")[0]
        for parent in sorted(emptied, key=lambda path: -path.count("/")):
            with contextlib.suppress(OSError):  # not empty: the build wrote into it
                os.rmdir(f"{self._root_text}/{parent}")
                self._folders.discard(parent)

    def _target(self, relative: str) -> str:
        """Where `relative` goes in the tree, its folders made. Plain strings: this runs
        for every file of a build (12,000 at 2,000 members), where pathlib's parsing
        cost more than the links themselves."""
        _check_relative(relative)
        if relative in self._folders:  # a folder in the recycled tree, a file now
            self._forget(relative)
        folder = relative.rpartition("/")[0]
        if folder not in self._folders:
            self._clear_way(folder)
            os.makedirs(f"{self._root_text}/{folder}", exist_ok=True)
            while folder and folder not in self._folders:
                self._folders.add(folder)
                folder = folder.rpartition("/")[0]
        return f"{self._root_text}/{relative}"


SPARES_KEPT = 2  # output folders whose previous tree is kept (see NewTree)


def _prune_spares(folder: Path) -> None:
    """Keep the spares last put aside (a tree is renamed in: its change time says when)."""
    spares = sorted(folder.iterdir(), key=lambda path: path.lstat().st_ctime_ns, reverse=True)
    for stale in spares[SPARES_KEPT:]:
        _remove(str(stale))


def _same_file(path: str, other: Path) -> bool:
    try:
        mine, theirs = os.stat(path, follow_symlinks=False), os.stat(other)
    except OSError:
        return False
    return (mine.st_ino, mine.st_dev) == (theirs.st_ino, theirs.st_dev)


def _remove(path: str) -> None:
    """A file, a link or a whole folder (a link is removed, never followed)."""
    try:
        os.unlink(path)
    except IsADirectoryError:
        shutil.rmtree(path, ignore_errors=True)
    except FileNotFoundError:
        pass
    except PermissionError:  # (some systems refuse to unlink a folder with EPERM)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            raise


@contextlib.contextmanager
def _reading_source(source: Path) -> Iterator[None]:
    """A content file deleted or moved since it was loaded: the user's doing, not a bug."""
    try:
        yield
    except FileNotFoundError:
        if source.exists():
            raise
        raise source_vanished(source) from None


def update_tree(out_dir: Path, files: Mapping[str, bytes], copies: Mapping[str, Path],
                unchanged: AbstractSet[str], keep: tuple[str, ...], stamp: str,
                cancel: Cancel | None = None) -> None:
    """netcard serve: bring a live output folder up to date, changing only what differs.

    Writing a whole new tree for every keystroke costs more than the edit itself, so
    the preview replaces just the files whose bytes changed. `unchanged` names files
    known to hold their bytes already (pages reused from this folder, which `files`
    need not hold); the top-level folders in `keep` (other profiles) and search indexes
    are left alone.

    Every changed file is first written in full into a folder beside the output (a
    request to stop, `cancel`, is heeded between files, and leaves the output as it
    was); only then are they moved into place, each one whole (a reader gets the old
    file or the new one), the files the build no longer makes removed, and the stamp
    written. While they are moved, the stamp says the folder is being updated, so a
    process killed half-way leaves nothing that vouches for the folder: the next build
    compares every file again and repairs it (and removes what the killed one left
    beside the output). `netcard build` always writes a `NewTree`.
    """
    check_output_dir(out_dir)
    cancel = cancel if cancel is not None else Cancel()
    root = out_dir.resolve()
    _remove_stale_temporaries(out_dir)
    with _Staging(out_dir) as staging:
        for relative, content in files.items():
            cancel.check()
            if relative not in unchanged:
                target = _inside_live(root, relative)
                if not _holds(target, content):
                    staging.write(target, content)
        for relative, source in copies.items():
            cancel.check()
            target = _inside_live(root, relative)
            with _reading_source(source):
                if not (target.is_file() and filecmp.cmp(source, target, shallow=False)):
                    staging.copy(target, source)
        fault_point("update-staged")
        with cancel.changing_output():
            _put_stamp(root, UPDATING)
            fault_point("update-marked")
            staging.move_into_place()
            fault_point("update-moved")
            _remove_unlisted(root, set(files) | set(unchanged) | set(copies), keep)
            fault_point("update-pruned")
            _put_stamp(root, stamp)


def pending_stamp(stamp: str, profiles: Iterable[str]) -> str:
    """The stamp of an output whose pages are newer than these profiles' search indexes
    (netcard serve, between moving the pages in and indexing them: see `write_stamp`)."""
    names = " ".join(sorted(str(profile) for profile in profiles))
    return stamp + (f"{SEARCH_PENDING} {names}\n" if names else "")


def write_stamp(out_dir: Path, stamp: str) -> None:
    """Replace the stamp of a live output folder (once its search indexes are made)."""
    _put_stamp(out_dir, stamp)


def index_behind(out_dir: Path, profile: str) -> bool:
    """Whether the output's stamp says this profile's search index may be older than its
    pages (so that no build keeps it, even when none of the pages changes again)."""
    try:
        text = (out_dir / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if text.endswith(UPDATING):
        return True
    return any(line.startswith(SEARCH_PENDING) and str(profile) in line.split()[1:]
               for line in text.splitlines())


class _Staging:
    """The changed files of an update, written in full beside the output folder (on the
    same file system, so each is renamed into place) before any of them is moved."""

    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir.parent / f".{out_dir.name}.tmp-update-{os.getpid()}"
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir()
        self.moves: list[tuple[Path, Path]] = []

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, *exc_info: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def write(self, target: Path, content: bytes) -> None:
        staged = self._next()
        staged.write_bytes(content)
        self.moves.append((staged, target))

    def copy(self, target: Path, source: Path) -> None:
        staged = self._next()
        shutil.copyfile(source, staged)
        self.moves.append((staged, target))

    def move_into_place(self) -> None:
        for staged, target in self.moves:
            _put_in_place(staged, target)

    def _next(self) -> Path:
        return self.root / str(len(self.moves))


def _put_in_place(staged: Path, target: Path) -> None:
    """One prepared file over its live one, at once."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)


def _holds(target: Path, content: bytes) -> bool:
    try:
        return target.stat().st_size == len(content) and target.read_bytes() == content
    except OSError:
        return False


def _put_stamp(out_dir: Path, text: str) -> None:
    """Replace the stamp of a live output folder at once, and on the disk before this
    returns: it vouches for the files beside it (see generator.atomic)."""
    write_atomic(out_dir / MARKER, (MARKER_TEXT + text).encode("utf-8"), durable=True)


def _remove_unlisted(root: Path, wanted: set[str], keep: tuple[str, ...]) -> None:
    """Delete files under `root` that the build did not make, then folders left empty."""
    folders: list[str] = []
    top = os.fspath(root)
    for folder, dirs, names in os.walk(top):
        # (string slicing, not Path.relative_to: 12,000 folders at 2,000 members)
        relative_folder = folder[len(top) + 1:].replace(os.sep, "/")
        depth = 0 if not relative_folder else relative_folder.count("/") + 1
        dirs[:] = [d for d in dirs if not (depth == 0 and d in keep)
                   and not (depth == 1 and d == SEARCH_INDEX_FOLDER)]
        unwanted = [name for name in names if (name if depth == 0 else
                                               f"{relative_folder}/{name}") not in wanted]
        for name in unwanted:
            if not (depth == 0 and name == MARKER):
                os.unlink(os.path.join(folder, name))
        if depth and (unwanted or not names):
            folders.append(folder)
    for folder in reversed(folders):  # deepest first; parents of removed folders too
        for parent in (Path(folder), *Path(folder).relative_to(root).parents[:-1]):
            path = parent if parent.is_absolute() else root / parent
            try:
                os.rmdir(path)
            except OSError:
                break  # not empty


def _inside_live(root: Path, relative: str) -> Path:
    """Like `_inside`, for a folder someone else may have put links into: resolved."""
    target = _inside(root, relative).resolve()
    if not target.is_relative_to(root):
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    return target


def _check_relative(relative: str) -> None:
    """`_inside`'s check, on the text alone: no absolute path, no '..', no NUL."""
    if not relative or relative[0] == "/" or "\0" in relative or _PARENT.search(relative):
        raise ValueError(f"refusing to write outside the output folder: {relative}")


_PARENT = re.compile(r"(?:^|/)\.\.(?:/|$)")


def _inside(root: Path, relative: str) -> Path:
    """`root / relative`, refusing absolute paths and '..' (checked on the words: the
    trees written here hold no links, so no path can leave them another way)."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\0" in relative:
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    return root.joinpath(*path.parts)


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary trees left by builds that were killed (we hold the lock now).

    A build killed inside the two-rename fallback of `_swap` (systems without
    RENAME_EXCHANGE) leaves no `out_dir`, only the old tree moved aside: that
    tree is put back first, so it is never deleted as a stale temporary.
    """
    if not out_dir.parent.is_dir():
        return
    if not out_dir.exists() and not out_dir.is_symlink():
        moved_aside = sorted(out_dir.parent.glob(f".{out_dir.name}.tmp-old-*"))
        if moved_aside:
            os.rename(moved_aside[0], out_dir)
    for stale in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _swap(new: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(new, out_dir)
        return
    if _exchange(new, out_dir):
        return  # `new` now holds the old tree; the caller removes it
    # Fallback with a short window in which `out_dir` is missing; a build killed
    # there is repaired by the next one (_remove_stale_temporaries puts `old` back).
    old = out_dir.parent / f".{out_dir.name}.tmp-old-{os.getpid()}"
    os.rename(out_dir, old)
    fault_point("swap-half-done")
    os.rename(new, out_dir)
    shutil.rmtree(old, ignore_errors=True)
