"""Failures of the machine are not bugs in netcard (issue 14, item 6).

A full disk, a read-only output folder, running out of file handles, a media file
deleted during the build and another build writing the same output end with exit
code 3, what happened and what to do, and the previous output exactly as it was.
Each fault is injected at a named point, never by timing.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import build as build_module
from generator import search
from generator.build import build
from generator.cli import EXIT_ENVIRONMENT, main
from generator.errors import EnvironmentProblem, environment_problem
from generator.write import NewTree, output_lock
from tests.build.read_only import run_read_only
from tests.build.test_build import tree_digest
from tests.conftest import SiteFactory

NO_SEARCH = {"site.yaml": "languages: [fi, sv, en]\nsearch: false\n"}


def built_site(make_site: SiteFactory, files: dict[str, str | bytes | None] | None = None,
               ) -> tuple[Path, dict[str, str]]:
    """A site built once, and the digest of its output."""
    site = make_site({**NO_SEARCH, **(files or {})})
    assert main(["build", str(site)]) == 0
    return site, tree_digest(site / "output")


def rebuild_fails_cleanly(site: Path, before: dict[str, str],
                          capsys: pytest.CaptureFixture[str]) -> str:
    """Build after an edit: exit 3, the old output untouched, no word of a bug."""
    capsys.readouterr()
    member = site / "content" / "members" / "alpha.yaml"
    member.write_text(member.read_text(encoding="utf-8") + "description: Uusi.\n",
                      encoding="utf-8")
    assert main(["build", str(site)]) == EXIT_ENVIRONMENT
    err = capsys.readouterr().err
    assert "bug in netcard" not in err and "internal error" not in err
    assert "the previous output is unchanged" in err
    assert tree_digest(site / "output") == before
    assert not list(site.glob(".output.tmp-*"))
    return err


def failing(number: int) -> Callable[..., Any]:
    def fail(self: object, relative: str, *args: object) -> None:
        raise OSError(number, os.strerror(number), f"/where/{relative}")
    return fail


def test_a_full_disk_says_to_free_space(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    site, before = built_site(make_site)
    monkeypatch.setattr(NewTree, "write", failing(errno.ENOSPC))
    err = rebuild_fails_cleanly(site, before, capsys)
    assert "the disk is full" in err and "free some disk space" in err


def test_running_out_of_file_handles_says_to_close_programs(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    site, before = built_site(make_site)
    monkeypatch.setattr(NewTree, "copy", failing(errno.EMFILE))
    err = rebuild_fails_cleanly(site, before, capsys)
    assert "file handles" in err and "close other programs" in err


def test_a_media_file_deleted_during_the_build(make_site: SiteFactory,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    site, before = built_site(make_site, {"media/kuva.png": b"\x89PNG\r\n\x1a\nkuva"})
    media = site / "content" / "media" / "kuva.png"
    real_load = build_module.load_site

    def load_then_delete(site_dir: Path, *args: Any) -> Any:
        loaded = real_load(site_dir, *args)
        media.unlink()  # after the content was read, before the file is copied
        return loaded

    monkeypatch.setattr(build_module, "load_site", load_then_delete)
    err = rebuild_fails_cleanly(site, before, capsys)
    assert f"{media} disappeared while netcard was using it" in err
    assert "run the command again" in err


def test_another_build_writing_is_the_environment_not_the_content(
        make_site: SiteFactory, capsys: pytest.CaptureFixture[str]) -> None:
    site, before = built_site(make_site)
    with output_lock(site / "output"):
        err = rebuild_fails_cleanly(site, before, capsys)
    assert "another netcard build is writing" in err and "wait for it to finish" in err


@pytest.mark.slow
def test_a_read_only_output_folder(make_site: SiteFactory, tmp_path: Path) -> None:
    site, before = built_site(make_site)
    (site / "content" / "members" / "alpha.yaml").write_text("name: Alpha Oy\n")
    done = run_read_only([site / "output", site / ".output.lock"], ["build", str(site)],
                         tmp_path / "xdg")
    assert done.returncode == EXIT_ENVIRONMENT, done.stderr
    assert "read-only file system" in done.stderr and "-o FOLDER" in done.stderr
    assert "bug in netcard" not in done.stderr
    assert tree_digest(site / "output") == before


def fake_pagefind(tmp_path: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "fake-pagefind"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_executable", lambda: program)


@pytest.mark.slow
def test_pagefind_failing_on_a_full_disk(make_site: SiteFactory, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    site, before = built_site(make_site, {"site.yaml": "languages: [fi, sv, en]\n"})
    fake_pagefind(tmp_path, "echo 'Error: writing fragment: No space left on device "
                  "(os error 28)' >&2\nexit 1\n", monkeypatch)
    assert "the disk is full" in rebuild_fails_cleanly(site, before, capsys)


@pytest.mark.slow
def test_pagefind_writing_nothing_on_a_full_disk(make_site: SiteFactory, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site, before = built_site(make_site, {"site.yaml": "languages: [fi, sv, en]\n"})
    fake_pagefind(tmp_path, "exit 0\n", monkeypatch)  # "succeeds", writes no index
    monkeypatch.setattr(search, "LOW_DISK_BYTES", 1 << 62)  # every disk is full now
    assert "the disk is full" in rebuild_fails_cleanly(site, before, capsys)


def test_pagefind_writing_nothing_with_space_left_is_not_blamed_on_the_disk(
        make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({"site.yaml": "languages: [fi, sv, en]\n"})
    fake_pagefind(tmp_path, "exit 0\n", monkeypatch)
    monkeypatch.setattr(search, "LOW_DISK_BYTES", 0)
    assert main(["build", str(site)]) == 1
    assert "Pagefind wrote no readable pagefind-entry.json" in capsys.readouterr().err


def test_a_rebuild_for_serve_raises_the_environment_problem(make_site: SiteFactory,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            ) -> None:
    site = make_site(NO_SEARCH)
    monkeypatch.setattr(NewTree, "write", failing(errno.EROFS))
    with pytest.raises(EnvironmentProblem, match="read-only file system"):
        build(site, site / "output")


@pytest.mark.parametrize(("number", "words"), [
    (errno.ENOSPC, "free some disk space"), (errno.EDQUOT, "free some disk space"),
    (errno.EROFS, "writable disk"), (errno.EACCES, "permissions"),
    (errno.EMFILE, "close other programs"), (errno.ENFILE, "close other programs"),
    (errno.EIO, "check the disk")])
def test_what_each_machine_failure_asks_the_user_to_do(number: int, words: str) -> None:
    problem = environment_problem(OSError(number, os.strerror(number), "/x/out/index.html"))
    assert problem is not None
    assert "/x/out/index.html" in problem.what and words in problem.todo


def test_other_system_errors_remain_bugs() -> None:
    for number in (errno.ENOENT, errno.EINVAL, errno.EISDIR, errno.EEXIST):
        assert environment_problem(OSError(number, os.strerror(number), "x")) is None


def test_a_failed_copy_names_the_file_being_written_not_its_source() -> None:
    """shutil and os.link name the source first; a full disk is about the destination
    (it named netcard's own vis-network.css in the installed package)."""
    copy_error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC),
                         "/venv/pyvis/vis-network.css", None, "/x/out/assets/vis-network.css")
    problem = environment_problem(copy_error)
    assert problem is not None
    assert "/x/out/assets/vis-network.css" in problem.what and "/venv" not in problem.what
