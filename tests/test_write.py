"""Stage 5: the output is replaced whole, or not at all."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from generator.errors import EnvironmentProblem
from generator.write import MARKER, NewTree, output_lock


def write_tree(out: Path, files: dict[str, bytes], copies: dict[str, Path],
               keep_from_old: tuple[str, ...] = ()) -> None:
    """What a build does with NewTree: write, copy, keep, commit."""
    with NewTree(out) as tree:
        for relative, content in files.items():
            tree.write(relative, content)
        for relative, source in copies.items():
            tree.copy(relative, source)
        tree.keep_from_old(keep_from_old)
        tree.commit("")


def test_write_then_replace(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"public/a.html": b"A", "public/x/b.html": b"B"}, {})
    assert (out / "public/x/b.html").read_bytes() == b"B"
    assert (out / MARKER).exists()
    write_tree(out, {"public/c.html": b"C"}, {})
    assert sorted(p.name for p in (out / "public").iterdir()) == ["c.html"]
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_copies_and_keep_from_old(tmp_path: Path) -> None:
    source = tmp_path / "logo.svg"
    source.write_text("<svg/>")
    out = tmp_path / "out"
    write_tree(out, {"workbook/w.html": b"W"}, {"public/media/logo.svg": source})
    write_tree(out, {"public/p.html": b"P"}, {}, keep_from_old=("workbook",))
    assert (out / "workbook/w.html").read_bytes() == b"W"
    assert not (out / "public/media").exists()


def test_refuses_paths_outside(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside the output folder"):
        write_tree(tmp_path / "out", {"../escape.html": b"x"}, {})
    assert not (tmp_path / "escape.html").exists()
    assert not (tmp_path / "out").exists()


def test_stale_temporaries_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".out.tmp-99999"
    stale.mkdir()
    (stale / "half.html").write_text("half")
    write_tree(tmp_path / "out", {"public/a.html": b"A"}, {})
    assert not stale.exists()


def _hold_lock(out: str, ready: multiprocessing.synchronize.Event,
               release: multiprocessing.synchronize.Event) -> None:
    with output_lock(Path(out)):
        ready.set()
        release.wait(10)


def test_second_build_is_refused_while_one_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ready, release = multiprocessing.Event(), multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(str(out), ready, release))
    holder.start()
    try:
        assert ready.wait(10)
        with pytest.raises(EnvironmentProblem, match="another netcard build"), output_lock(out):
            pass
    finally:
        release.set()
        holder.join()
    with output_lock(out):
        pass


def test_lock_does_not_outlive_a_killed_process(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ready, release = multiprocessing.Event(), multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(str(out), ready, release))
    holder.start()
    assert ready.wait(10)
    assert holder.pid is not None
    os.kill(holder.pid, 9)
    holder.join()
    with output_lock(out):
        pass


def test_update_tree_changes_only_what_differs(tmp_path: Path) -> None:
    from generator.write import update_tree

    source = tmp_path / "logo.svg"
    source.write_text("<svg/>")
    out = tmp_path / "out"
    write_tree(out, {"workbook/a/index.html": b"A", "workbook/b/index.html": b"B",
                     "workbook/gone/index.html": b"G", "workbook/pagefind/x.pf": b"I",
                     "public/p.html": b"P"}, {"workbook/media/logo.svg": source})
    before = {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    update_tree(out, {"workbook/a/index.html": b"A", "workbook/b/index.html": b"B2",
                      "workbook/new/index.html": b"N"}, {"workbook/media/logo.svg": source},
                unchanged={"workbook/a/index.html"}, keep=("public",), stamp="s2\n")
    assert (out / "workbook/b/index.html").read_bytes() == b"B2"
    assert (out / "workbook/new/index.html").read_bytes() == b"N"
    assert not (out / "workbook/gone").exists()  # its file and then its folder
    assert (out / "workbook/pagefind/x.pf").read_bytes() == b"I"  # search index left alone
    assert (out / "public/p.html").read_bytes() == b"P"  # another profile left alone
    for same in ("workbook/a/index.html", "workbook/media/logo.svg", "public/p.html"):
        assert (out / same).stat().st_ino == before[out / same], same  # not rewritten
    assert (out / MARKER).read_text().endswith("s2\n")
    assert not [p for p in out.rglob(".*tmp-*")]


def test_update_tree_refuses_paths_outside(tmp_path: Path) -> None:
    from generator.write import update_tree

    out = tmp_path / "out"
    write_tree(out, {"public/a.html": b"A"}, {})
    with pytest.raises(ValueError, match="outside the output folder"):
        update_tree(out, {"../escape.html": b"x"}, {}, unchanged=set(), keep=(), stamp="")
    assert not (tmp_path / "escape.html").exists()


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_update_tree_stopped_half_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A request to stop while the files are prepared changes nothing; an interruption
    while they move leaves no temporary file and a stamp that vouches for nothing, and
    the next update repairs the folder."""
    import generator.write
    from generator.cancel import BuildCancelled, Cancel
    from generator.write import UPDATING, update_tree

    out = tmp_path / "out"
    write_tree(out, {f"workbook/p{n}/index.html": b"old" for n in range(10)}, {})
    before = _files(out)
    new = {f"workbook/p{n}/index.html": b"new" for n in range(10)}

    cancel, staged = Cancel(), []
    real_write = generator.write._Staging.write

    def stop_after_three(self: object, target: Path, content: bytes) -> None:
        real_write(self, target, content)  # type: ignore[arg-type]
        staged.append(target)
        if len(staged) == 3:
            cancel.request()

    with monkeypatch.context() as patch:
        patch.setattr(generator.write._Staging, "write", stop_after_three)
        with pytest.raises(BuildCancelled):
            update_tree(out, new, {}, set(), (), "s2\n", cancel)
    assert len(staged) == 3
    assert _files(out) == before
    assert not [p for p in tmp_path.rglob("*") if ".tmp-" in p.name]

    moved: list[Path] = []
    real_put = generator.write._put_in_place

    def interrupt_after_four(staged_file: Path, target: Path) -> None:
        if len(moved) == 4:
            raise KeyboardInterrupt
        real_put(staged_file, target)
        moved.append(target)

    with monkeypatch.context() as patch:
        patch.setattr(generator.write, "_put_in_place", interrupt_after_four)
        with pytest.raises(KeyboardInterrupt):
            update_tree(out, new, {}, set(), (), "s2\n")
    assert sorted(_files(out).values()).count(b"new") == 4
    assert (out / MARKER).read_text().endswith(UPDATING)
    assert not [p for p in tmp_path.rglob("*") if ".tmp-" in p.name]

    update_tree(out, new, {}, set(), (), "s2\n")
    assert {path: content for path, content in _files(out).items() if path != MARKER} == new
    assert (out / MARKER).read_text().endswith("s2\n")
