"""Content errors: what is wrong, where, and how to fix it.

Every stage collects errors instead of stopping at the first one, so a user
sees every problem in one run (up to a cap: see `shown`). The command line
turns them into exit code 2. Failures of the machine itself (a full disk, a
read-only folder, no file handles left) are `EnvironmentProblem`s: exit code 3.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator import plural

SHOWN_PER_FILE = 50  # problems listed for one file …
SHOWN_IN_ALL = 200  # … and for the whole run; the rest are counted


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, located as precisely as we can."""

    file: str
    line: int = 0
    column: int = 0
    message: str = ""
    hint: str = ""
    warning: bool = field(default=False, compare=False)
    # A line counting the problems that are not listed ("… and 12 more problems in …").
    summary: bool = field(default=False, compare=False)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file

    def format(self) -> str:
        if self.summary:
            return self.message
        kind = "warning" if self.warning else "error"
        text = f"{self.location()}: {kind}: {self.message}"
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text


class ContentErrors(Exception):
    """Raised at the end of a stage when it collected at least one error."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def shown(self) -> list[ContentError]:
        """The problems to list (see `shown`), with lines counting the rest."""
        return shown(self.errors)

    def report(self) -> str:
        lines = [error.format() for error in self.shown()]
        count = len(self.errors)
        lines.append(f"{_problems(count)} found; nothing was written.")
        return "\n".join(lines)


def shown(problems: list[ContentError]) -> list[ContentError]:
    """The first SHOWN_PER_FILE problems of each file and SHOWN_IN_ALL in all (`problems`
    sorted by file), each file's unlisted ones counted in a summary line after it, and the
    files left out entirely in one last line. 100,000 problems of one mistake repeated
    would bury the first, which is the one to fix."""
    listed: list[ContentError] = []
    count, left_out, files_left_out = 0, 0, 0
    for file, group in itertools.groupby(problems, key=lambda problem: problem.file):
        in_file = list(group)
        room = min(SHOWN_PER_FILE, SHOWN_IN_ALL - count)
        if room <= 0:
            left_out += len(in_file)
            files_left_out += 1
            continue
        listed.extend(in_file[:room])
        count += min(room, len(in_file))
        if len(in_file) > room:
            rest = len(in_file) - room
            listed.append(ContentError(file, message=f"… and {_problems(rest, 'more ')} in "
                                       f"{file}", summary=True))
    if left_out:
        files = plural.english(files_left_out, "{count} more file", "{count} more files")
        listed.append(ContentError("", message=f"… and {_problems(left_out, 'more ')} in "
                                   f"{files}", summary=True))
    return listed


def _problems(count: int, more: str = "") -> str:
    return plural.english(count, "{count} {more}problem", "{count} {more}problems", more=more)


class UsageError(Exception):
    """The command line is wrong (exit code 2, like content errors)."""


class EnvironmentProblem(Exception):
    """The machine prevented the command, not the content or netcard (exit code 3): a full
    disk, a read-only or forbidden folder, no file handles left, a file that vanished
    while netcard used it, another build writing to the same output."""

    def __init__(self, what: str, todo: str) -> None:
        self.what = what
        self.todo = todo
        super().__init__(f"{what}\n    how to fix: {todo}")


_FREE_SPACE = "free some disk space (or choose an output folder on another disk with -o)"
_PERMISSIONS = ("check the folder's permissions, or choose a folder you can write to (for a "
                "build: -o FOLDER)")
_FILE_HANDLES = ("close other programs, or raise the limit of open files (for example "
                 "'ulimit -n 4096' in this terminal)")
_MACHINE_FAILURES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", _FREE_SPACE),
    errno.EDQUOT: ("your disk quota is used up", _FREE_SPACE),
    errno.EROFS: ("the folder is on a read-only file system",
                  "choose a folder on a writable disk (for a build: -o FOLDER)"),
    errno.EACCES: ("permission denied", _PERMISSIONS),
    errno.EPERM: ("the operation is not permitted", _PERMISSIONS),
    errno.EMFILE: ("netcard ran out of file handles (too many files open at once)",
                   _FILE_HANDLES),
    errno.ENFILE: ("the system ran out of file handles (too many files open at once)",
                   _FILE_HANDLES),
    errno.EIO: ("the disk reported an input/output error",
                "check the disk (it may be failing or was unplugged)"),
}


def environment_problem(exc: OSError) -> EnvironmentProblem | None:
    """What a system error means to the user, when it is the machine's doing; None for
    any other error (a bug in netcard)."""
    known = _MACHINE_FAILURES.get(exc.errno or 0)
    if known is None:
        return None
    what, todo = known
    # a copy, link or rename names its source first and the place written second
    where = exc.filename2 if exc.filename2 is not None else exc.filename
    if where is not None:
        what += f" ({where})"
    return EnvironmentProblem(what, f"{todo}, then run the command again")


def source_vanished(path: object) -> EnvironmentProblem:
    """A file netcard had read was gone when it came to copy it."""
    return EnvironmentProblem(
        f"{path} disappeared while netcard was using it (moved, renamed or deleted during "
        "the build)", "run the command again once the files are in place")


@contextlib.contextmanager
def machine_failures() -> Iterator[None]:
    """Turn an OSError that is the machine's doing into an EnvironmentProblem (for callers
    that are not the command line, such as netcard serve's rebuilds)."""
    try:
        yield
    except OSError as exc:
        problem = environment_problem(exc)
        if problem is None:
            raise
        raise problem from exc


class ErrorList:
    """Collects errors (and warnings) from one stage."""

    def __init__(self) -> None:
        self.items: list[ContentError] = []

    def add(
        self,
        file: str,
        line: int = 0,
        column: int = 0,
        message: str = "",
        hint: str = "",
        *,
        warning: bool = False,
    ) -> None:
        self.items.append(ContentError(file, line, column, message, hint, warning))

    def extend(self, errors: Iterable[ContentError]) -> None:
        self.items.extend(errors)

    @property
    def errors(self) -> list[ContentError]:
        return [item for item in self.items if not item.warning]

    @property
    def warnings(self) -> list[ContentError]:
        return [item for item in self.items if item.warning]

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "did you mean …?" hint, or an empty string when nothing is close."""
    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=3, cutoff=0.6)
    if not close:
        lowered = {option.lower(): option for option in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    if not close:
        return ""
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


def allowed_list(candidates: Iterable[str], limit: int = 12) -> str:
    options = sorted(set(candidates))
    shown = ", ".join(options[:limit])
    if len(options) > limit:
        shown += f", … ({len(options)} in all)"
    return shown
