"""Pagefind runs beside the build; a build killed while it indexes takes it along."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the parent-death signal is Linux's")

# A build's indexing step in a process of its own: the fake Pagefind notes its pid, then
# the "build" kills itself as SIGKILL would (no cleanup, no `finally`).
KILLED_WHILE_INDEXING = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    from generator import search

    fake, site = Path(sys.argv[1]), Path(sys.argv[2])
    search.pagefind_executable = lambda: fake
    indexing = search.Indexing()
    indexing.start(site)
    pid_file = site / "pagefind.pid"
    for _ in range(6000):  # until the fake has started (it writes its pid first)
        if pid_file.exists() and pid_file.read_text().strip():
            break
        time.sleep(0.01)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def _state(pid: int) -> str:
    """The process's state letter ('' when it is gone; 'Z' a zombie no one reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return ""
    return stat.rsplit(")", 1)[1].split()[0]


def test_pagefind_dies_with_a_killed_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\necho $$ > {site / 'pagefind.pid'}\nexec sleep 600\n",
                    encoding="utf-8")
    fake.chmod(0o755)
    done = subprocess.run([sys.executable, "-c", KILLED_WHILE_INDEXING, str(fake), str(site)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == -9, done.stderr
    pid = int((site / "pagefind.pid").read_text())
    # The kernel sends the signal as the build dies; wait for the state it leads to
    # (not for a length of time): without the fix the fake sleeps for ten minutes.
    for _ in range(100_000):
        if _state(pid) in ("", "Z", "X"):
            break
        os.sched_yield()
    else:
        os.kill(pid, 9)
        pytest.fail("Pagefind was still running after the build that started it was killed")
