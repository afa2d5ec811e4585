"""generator.atomic: one way to replace a file at once, durable where it matters."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import atomic
from generator.atomic import write_atomic
from tests.conftest import REPO


def _fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the calls of os.fsync (each still made)."""
    calls: list[int] = []
    real = os.fsync

    def counting(handle: int) -> None:
        calls.append(handle)
        real(handle)

    monkeypatch.setattr(os, "fsync", counting)
    return calls


def _failing(message: str) -> Callable[..., None]:
    def fail(*args: object) -> None:
        raise OSError(28, message)
    return fail


def test_writes_a_new_file_and_replaces_an_old_one(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "folder" / "record.json"
    write_atomic(target, b"first", durable=False)
    assert target.read_bytes() == b"first"
    write_atomic(target, b"second", durable=True)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["record.json"]


@pytest.mark.parametrize("durable", [False, True])
def test_a_failure_before_the_rename_leaves_the_old_file(tmp_path: Path, durable: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "stamp"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", _failing("No space left on device"))
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new", durable=durable)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["stamp"]  # no temporary file left


def test_a_failed_flush_to_the_disk_leaves_the_old_file(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bundle.html"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", _failing("Input/output error"))
    with pytest.raises(OSError, match="Input/output error"):
        write_atomic(target, b"new", durable=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.html"]


def test_a_process_killed_before_the_rename_leaves_the_old_file(tmp_path: Path) -> None:
    """SIGKILL: no `finally` runs. The target is still whole; only a hidden temporary
    file named after it is left (the stamp's is removed by the next update)."""
    target = tmp_path / "manifest.json"
    target.write_bytes(b"old")
    code = ("import os, signal, sys\nfrom pathlib import Path\n"
            "from generator.atomic import write_atomic\n"
            "os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
            "write_atomic(Path(sys.argv[1]), b'new' * 100000, durable=True)\n")
    done = subprocess.run([sys.executable, "-c", code, str(target)], cwd=REPO, check=False)
    assert done.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"old"
    left = [p for p in tmp_path.iterdir() if p != target]
    assert [p.name.startswith(".manifest.json.tmp-") for p in left] == [True]
    assert left[0].read_bytes() == b"new" * 100000  # written whole, never renamed


def test_durable_writes_flush_the_file_and_its_folder(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fsyncs(monkeypatch)
    write_atomic(tmp_path / "cache.json", b"{}", durable=False)
    assert calls == []
    write_atomic(tmp_path / "stamp", b"build 1", durable=True)
    assert len(calls) == 2  # the file's bytes before the rename, the folder after it


def test_a_folder_the_file_system_cannot_sync_is_no_error(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fsync
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        folder_inode = os.fstat(folder).st_ino
    finally:
        os.close(folder)

    def no_folders(handle: int) -> None:
        if os.fstat(handle).st_ino == folder_inode:
            raise OSError(22, "Invalid argument")
        real(handle)

    monkeypatch.setattr(os, "fsync", no_folders)
    write_atomic(tmp_path / "stamp", b"build 2", durable=True)
    assert (tmp_path / "stamp").read_bytes() == b"build 2"


def test_the_live_stamp_is_durable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.write import MARKER, update_tree, write_stamp
    from tests.test_write import write_tree

    out = tmp_path / "out"
    write_tree(out, {"public/a.html": b"A"}, {})
    calls = _fsyncs(monkeypatch)
    update_tree(out, {"public/a.html": b"B"}, {}, set(), (), "s2\n")
    assert len(calls) == 4  # the "being updated" stamp, then the final one
    write_stamp(out, "s3\n")
    assert len(calls) == 6
    assert (out / MARKER).read_text(encoding="utf-8").endswith("s3\n")


def test_link_or_copy_and_replace_folder(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("a", encoding="utf-8")
    atomic.link_or_copy(str(source), str(tmp_path / "b.txt"))
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "a"
    old, new = tmp_path / "index", tmp_path / ".index-next"
    old.mkdir()
    (old / "old.json").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "new.json").write_text("new", encoding="utf-8")
    atomic.replace_folder(new, old)
    assert [p.name for p in old.iterdir()] == ["new.json"]
    assert not new.exists()


def _imports(module: str) -> set[str]:
    """The generator modules a module imports, at the top or inside functions."""
    tree = ast.parse((REPO / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("generator")}


@pytest.mark.parametrize("module", ["generator.atomic", "generator.names", "generator.mime"])
def test_the_shared_modules_import_nothing_of_netcards(module: str) -> None:
    """Any stage may use them, so they may use no stage."""
    assert _imports(module) == set()
