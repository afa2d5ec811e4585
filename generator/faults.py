"""Named points of a build at which a crash-safety test can make netcard die.

`NETCARD_FAULT=<phase>` kills the process (SIGKILL: no cleanup, no `finally`) when a
build reaches that phase, or a worker one of `WORKER_POINTS`;
`NETCARD_FAULT_RECORD=<file>` appends the name of every phase reached to the file.
Both are read once, when netcard starts; unset, as in every real build, `fault_point`
returns at once. tests/test_crash_safety.py kills a build at each phase in `PHASES` and
checks that the output survives.
"""

from __future__ import annotations

import os
import signal

PHASES = (
    "loaded",                # content read and checked; nothing written yet
    "rendered",              # every page written into the new tree beside the output
    "search-indexed",        # Pagefind has indexed the new tree (page caches saved meanwhile)
    "tree-written",          # the new tree is complete and stamped, not yet swapped in
    "swap-half-done",        # no RENAME_EXCHANGE: the old tree moved aside, the new not in
    "swapped",               # the new tree is live; the old one not yet deleted
    "caches-saved",          # page caches saved, old tree put aside; the build not recorded
    "update-staged",         # netcard serve: changed files written beside the output
    "update-marked",         # the stamp says "being updated"; no file moved yet
    "update-moved",          # changed files moved in; files no longer made still there
    "update-pruned",         # files no longer made removed; the stamp not yet final
    "update-stamped",        # pages live, stamp says the search index is behind
    "preview-indexed",       # search indexes of the live pages replaced, stamp not yet
)
# Points in a forked worker: the worker dies there (as when the system, out of memory,
# kills it), the build process goes on without it. Not recorded: only PHASES are.
WORKER_POINTS = (
    "render-worker",         # a render worker takes its first pages
)

_FAULT = os.environ.get("NETCARD_FAULT", "")
_RECORD = os.environ.get("NETCARD_FAULT_RECORD", "")


def fault_point(phase: str) -> None:
    """A named point of a build: does nothing unless a crash-safety test asked."""
    if _FAULT or _RECORD:
        _reached(phase)


def _reached(phase: str) -> None:
    if phase not in PHASES and phase not in WORKER_POINTS:
        raise ValueError(f"fault point {phase!r} is not declared in generator.faults")
    if _RECORD and phase in PHASES:
        with open(_RECORD, "a", encoding="utf-8") as record:
            record.write(phase + "\n")
    if phase == _FAULT:
        os.kill(os.getpid(), signal.SIGKILL)
