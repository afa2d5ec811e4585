"""Full-text search: Pagefind indexes each profile's HTML before the output is swapped in.

Pagefind reads the finished pages (it needs the real HTML, so it runs after
render, on the temporary output tree) and writes `pagefind/` into each profile,
one index per `<html lang>`: every profile and language gets its own index, and
the public one can hold only what the public pages show. A failure here stops
the build before the swap, so the previous output stays as it was.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from generator.atomic import link_or_copy, replace_folder
from generator.errors import EnvironmentProblem, environment_problem
from generator.names import SEARCH_INDEX_FOLDER

INDEX_FOLDER = SEARCH_INDEX_FOLDER
TIMEOUT_SECONDS = 600
# Below this much free space, an index Pagefind left unreadable is put down to a full disk.
LOW_DISK_BYTES = 64 * 1024 * 1024


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_executable() -> Path:
    """The binary that `pip install "pagefind[bin]"` ships, else one on PATH."""
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind")
        if found:
            return Path(found)
    raise SearchIndexError(
        "search is on but Pagefind is not installed; install it with "
        "pip install \"pagefind[bin]\", or set search: false in content/site.yaml")


class Indexing:
    """Pagefind runs, one per profile folder, in the background while netcard goes on
    (rendering the next profile); `wait` collects them. Leaving the `with` block
    stops any that still run."""

    def __init__(self) -> None:
        self.running: list[tuple[Path, Path, subprocess.Popen[str]]] = []

    def __enter__(self) -> Indexing:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for _, _, process in self.running:
            if process.poll() is None:
                process.kill()
            process.communicate()
        self.running.clear()

    def start(self, site: Path, output: Path | None = None) -> None:
        """Index `site` into `output` (default: its own `pagefind/` folder)."""
        # --keep-index-url: result links end in index.html, like every netcard link,
        # so they work on any static server.
        where = (["--output-path", str(output)] if output is not None
                 else ["--output-subdir", INDEX_FOLDER])
        command = [str(pagefind_executable()), "--site", str(site), *where,
                   "--keep-index-url", "--silent"]
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True,
                                       preexec_fn=_dies_with_netcard())
        except OSError as exc:
            problem = environment_problem(exc)
            if problem is not None:
                raise problem from exc
            raise SearchIndexError(f"Pagefind could not index {site.name}: {exc}; the "
                                   "previous output is unchanged") from exc
        self.running.append((site, output or site / INDEX_FOLDER, process))

    def started(self) -> bool:
        """Whether a run was started and not yet waited for."""
        return bool(self.running)

    def wait(self) -> None:
        """Wait for every run; the first that failed raises SearchIndexError."""
        running, self.running = self.running, []
        try:
            for site, output, process in running:
                _finish(site, output, process)
        finally:
            self.running = [r for r in running if r[2].returncode is None]


def _dies_with_netcard() -> Callable[[], None] | None:
    """What the Pagefind process runs before it starts (Linux): it is killed with the
    build that started it, so a build killed while indexing (SIGKILL: no cleanup) leaves
    no Pagefind behind writing into a tree no one will use. Elsewhere, nothing."""
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()

    def before_start() -> None:  # between fork and exec: nothing that allocates or locks
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the build died before the line above
            os._exit(1)

    return before_start


PR_SET_PDEATHSIG = 1


@cache
def _prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up once in the build (Linux only)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:
        return None
    function: Callable[..., int] = ctypes.CDLL(name, use_errno=True).prctl
    return function


def _finish(site: Path, output: Path, process: subprocess.Popen[str]) -> None:
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as exc:
        raise SearchIndexError(f"Pagefind could not index {site.name}: it took longer than "
                               f"{TIMEOUT_SECONDS} s; the previous output is unchanged") from exc
    if process.returncode != 0:
        details = (stderr or stdout).strip() or f"exit code {process.returncode}"
        problem = _machine_failure(details, output)
        if problem is not None:
            raise problem
        raise SearchIndexError(f"Pagefind failed to index the {site.name} site: {details}\n"
                               "The previous output is unchanged. Set search: false in "
                               "content/site.yaml to build without search.")
    _sort_entry(output / "pagefind-entry.json")


def _machine_failure(details: str, output: Path) -> EnvironmentProblem | None:
    """Pagefind's own report of a system error ("… (os error 28)"), when it is the
    machine's doing: a full disk, a read-only folder, no file handles left."""
    for number in re.findall(r"os error (\d+)", details):
        problem = environment_problem(OSError(int(number), os.strerror(int(number)),
                                              str(output)))
        if problem is not None:
            return problem
    return None


def _disk_full(folder: Path) -> EnvironmentProblem | None:
    """A full disk (Pagefind can fail to write its files without saying so)."""
    existing = next((place for place in (folder, *folder.parents) if place.is_dir()), folder)
    try:
        free = shutil.disk_usage(existing).free
    except OSError:
        return None
    if free >= LOW_DISK_BYTES:
        return None
    return environment_problem(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder)))


def carry_index(old_index: Path, site: Path) -> None:
    """Reuse the previous `pagefind/` folder for a profile whose pages are byte for byte
    the ones it was made from; hard links where the file system allows, so an
    unchanged index costs no copying."""
    shutil.copytree(old_index, site / INDEX_FOLDER, copy_function=link_or_copy)


def index_folder(site: Path, output: Path | None = None) -> None:
    with Indexing() as indexing:
        indexing.start(site, output)
        indexing.wait()


def reindex(site: Path) -> None:
    """Index a profile folder that is already live: build the new index beside the old
    one, then exchange the two, so the search box never sees half an index."""
    fresh = site / f".{INDEX_FOLDER}-next"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        index_folder(site, fresh)
        replace_folder(fresh, site / INDEX_FOLDER)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _sort_entry(entry: Path) -> None:
    """Pagefind lists languages in hash-map order; sorted, a site always gives the same bytes."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problem = _disk_full(entry.parent)
        if problem is not None:
            raise problem from exc
        raise SearchIndexError(f"Pagefind wrote no readable {entry.name}: {exc}") from exc
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                sort_keys=True), encoding="utf-8")
