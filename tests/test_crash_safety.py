"""`netcard build` killed at every named phase: the output is always whole.

`generator.faults` declares the phases of a build (`PHASES`); `NETCARD_FAULT=<phase>`
makes the process SIGKILL itself there. For each phase, a site is built as version
A, its content changed to version B, and the build run again with the fault set:
it must die at that phase, leave the output wholly A or wholly B (netcard serve's
in-place update: every file A's or B's, and a stamp that vouches only for a whole
tree), leave the lock free, and the next build without the fault must give bytes
identical to a clean build of B and leave no temporary files. No timing is involved:
a new phase in `PHASES` is covered as soon as a build reaches it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import faults
from generator.faults import PHASES
from generator.write import MARKER, output_lock

pytestmark = pytest.mark.slow  # dozens of builds in subprocesses: run with -m slow or in CI

REPO = Path(__file__).resolve().parent.parent
MEMBERS = 40
SECTORS = ("education", "employment", "municipality", "government", "ngo", "business")
FAULT_VARIABLES = ("NETCARD_FAULT", "NETCARD_FAULT_RECORD")
KILLED = -signal.SIGKILL


@dataclass(frozen=True)
class Runner:
    """One way of running a build: its command (`SITE -o OUTPUT` appended); whether it
    changes the output in place, file by file (netcard serve), or swaps a new tree in;
    whether a kill may leave the output moved aside (the two-rename fallback swap)."""

    name: str
    command: tuple[str, ...]
    in_place: bool = False
    may_move_output_aside: bool = False


# The fallback of systems without renameat2 RENAME_EXCHANGE: `netcard build` with the
# atomic exchange reported unavailable.
WITHOUT_EXCHANGE = ("import sys, generator.write as write; "
                    "write._exchange = lambda first, second: False; "
                    "from generator.cli import entry; sys.argv[0] = 'netcard'; entry()")
# What `netcard serve` does on every change (Server.rebuild).
SERVE_REBUILD = ("import sys; from pathlib import Path; "
                 "from generator.build import build, complete_preview; "
                 "site, out = Path(sys.argv[1]), Path(sys.argv[3]); "
                 "complete_preview(site, out, build(site, out, preview=True))")

RUNNERS = (
    Runner("build", (sys.executable, "-m", "generator", "build")),
    Runner("build without RENAME_EXCHANGE", (sys.executable, "-c", WITHOUT_EXCHANGE, "build"),
           may_move_output_aside=True),
    Runner("serve rebuild", (sys.executable, "-c", SERVE_REBUILD), in_place=True),
)


def write_site(root: Path, version: str) -> Path:
    """40 members with ties, a media file and 12 pages. Version B changes some members,
    the media file and a page, drops a page and adds a member and a page: a build both
    reuses and re-renders pages, and both adds and removes files."""
    content = root / "content"
    shutil.rmtree(content, ignore_errors=True)
    for folder in ("members", "pages", "media"):
        (content / folder).mkdir(parents=True)
    (content / "site.yaml").write_text("languages: [fi, sv]\nsearch: true\n", encoding="utf-8")
    (content / "network.yaml").write_text("name: Verkosto\ntagline: Yhdessä\n", encoding="utf-8")
    (content / "media" / "logo.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"><title>{version}</title></svg>\n',
        encoding="utf-8")
    members = [f"m{index:02d}" for index in range(MEMBERS)] + (["uusi"] if version == "B" else [])
    for number, member in enumerate(members):
        extra = "logo: media/logo.svg\n" if number == 0 else ""
        extra += "visibility: internal\n" if number == 1 else ""
        changed = ", *muutettu*" if version == "B" and number % 7 == 0 else ""
        (content / "members" / f"{member}.yaml").write_text(
            f"name: Jäsen {member}\nsector: {SECTORS[number % len(SECTORS)]}\n{extra}"
            f"description: Jäsen {member}{changed}.\n", encoding="utf-8")
    ties = ["ties:"] + [f"  - between: [m{index:02d}, m{(index + 1 + index % 5) % MEMBERS:02d}]"
                        f"\n    strength: {index % 5 + 1}" for index in range(MEMBERS)]
    (content / "ties.yaml").write_text("\n".join(ties) + "\n", encoding="utf-8")
    pages = [f"sivu-{index}" for index in range(12)]
    pages = [*pages[1:], "uusi-sivu"] if version == "B" else pages
    for page in pages:
        text = "Muutettu teksti." if version == "B" and page == "sivu-5" else "Teksti."
        (content / "pages" / f"{page}.md").write_text(
            f"---\ntitle: Sivu {page}\n---\n{text}\n", encoding="utf-8")
    return root


def tree_files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, by relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def tree_digest(folder: Path) -> str:
    """Every file and folder under `folder`, names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file():
            digest.update(relative.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        elif path.is_dir():
            digest.update(relative.encode() + b"/\0")
    return digest.hexdigest()


def environment(**variables: str) -> dict[str, str]:
    clean = {name: value for name, value in os.environ.items() if name not in FAULT_VARIABLES}
    return {**clean, **variables}


def start(runner: Runner, site: Path, out: Path, **variables: str) -> subprocess.Popen[bytes]:
    """The build in a session of its own, so that what it leaves running can be killed."""
    return subprocess.Popen([*runner.command, str(site), "-o", str(out)], cwd=REPO,
                            env=environment(**variables), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def run(runner: Runner, site: Path, out: Path, **variables: str) -> None:
    process = start(runner, site, out, **variables)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr.decode()


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Whatever the dead build left running in its session (render workers, Pagefind)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


@dataclass
class Workspace:
    site: Path
    out: Path

    @property
    def outside(self) -> Path:
        return self.out.parent


def workspace(root: Path) -> Workspace:
    return Workspace(root / "site", root / "www" / "output")


@pytest.fixture(scope="module")
def clean_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each version's output, built from scratch."""
    trees = {}
    for version in ("A", "B"):
        space = workspace(tmp_path_factory.mktemp(f"clean-{version}"))
        run(RUNNERS[0], write_site(space.site, version), space.out)
        trees[version] = space.out
    assert tree_digest(trees["A"]) != tree_digest(trees["B"])
    return trees


@pytest.fixture(scope="module")
def reached(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The phases each runner reaches while it changes an output of A into B."""
    found = {}
    for runner in RUNNERS:
        root = tmp_path_factory.mktemp("record")
        space = workspace(root)
        run(runner, write_site(space.site, "A"), space.out)
        record = root / "reached.txt"
        run(runner, write_site(space.site, "B"), space.out, NETCARD_FAULT_RECORD=str(record))
        found[runner.name] = record.read_text(encoding="utf-8").split()
    return found


def runner_reaching(phase: str, reached: dict[str, list[str]]) -> Runner:
    for runner in RUNNERS:
        if phase in reached[runner.name]:
            return runner
    raise AssertionError(f"no build in this test reaches the phase {phase!r}")


def test_every_declared_phase_is_reached_by_a_build(reached: dict[str, list[str]]) -> None:
    """So that the test below kills a build at every one of them."""
    assert set(PHASES) == {phase for phases in reached.values() for phase in phases}, reached
    for phases in reached.values():  # PHASES lists them in the order builds reach them
        assert phases == sorted(set(phases), key=PHASES.index), reached


@pytest.mark.parametrize("phase", PHASES)
def test_a_build_killed_at_each_phase_leaves_a_whole_site(
        phase: str, reached: dict[str, list[str]],
        clean_builds: dict[str, Path], tmp_path: Path) -> None:
    runner = runner_reaching(phase, reached)
    space = workspace(tmp_path)
    run(runner, write_site(space.site, "A"), space.out)
    assert tree_digest(space.out) == tree_digest(clean_builds["A"])

    write_site(space.site, "B")
    process = start(runner, space.site, space.out, NETCARD_FAULT=phase)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == KILLED, f"{runner.name} did not die at {phase}: " \
        f"{stderr.decode()}"
    # Only the build's own process is dead so far: the lock must already be free.
    with output_lock(space.out):
        pass
    kill_group(process)
    assert_survived(space, runner, clean_builds)

    run(runner, space.site, space.out)  # the next build, without the fault
    assert tree_digest(space.out) == tree_digest(clean_builds["B"])
    assert sorted(p.name for p in space.outside.iterdir()) == [".output.lock", "output"]
    assert [p for p in tmp_path.rglob("*") if ".tmp" in p.name] == []


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no render workers")
def test_a_killed_render_worker_stops_the_build_clearly(
        clean_builds: dict[str, Path], tmp_path: Path) -> None:
    """A render worker killed from outside (the system out of memory) used to leave the
    build waiting for its pages for ever: multiprocessing's Pool started another worker,
    but the lost pages never came back. Now the build stops with exit code 3 and says
    what happened, and the output is the last build's."""
    runner = RUNNERS[0]
    space = workspace(tmp_path)
    run(runner, write_site(space.site, "A"), space.out)
    write_site(space.site, "B")
    shutil.rmtree(space.site / ".netcard-cache")  # every page is rendered, on every core
    process = start(runner, space.site, space.out, NETCARD_FAULT="render-worker")
    _, stderr = process.communicate(timeout=600)
    kill_group(process)
    message = stderr.decode()
    assert process.returncode == 3, message
    assert "a worker process of the build stopped unexpectedly (killed by SIGKILL)" in message
    assert "close other programs to free memory" in message
    assert "Traceback" not in message
    assert tree_digest(space.out) == tree_digest(clean_builds["A"])
    assert [p for p in tmp_path.rglob("*") if ".tmp" in p.name] == []
    run(runner, space.site, space.out)
    assert tree_digest(space.out) == tree_digest(clean_builds["B"])


def assert_survived(space: Workspace, runner: Runner,
                    clean_builds: dict[str, Path]) -> None:
    """The output a killed build leaves: see the module's docstring."""
    out = space.out
    if not out.exists() and runner.may_move_output_aside:
        # Killed between the two renames of the fallback swap: the old tree waits
        # beside the output, whole, and the next build puts it back.
        aside = sorted(space.outside.glob(".output.tmp-old-*"))
        assert len(aside) == 1, sorted(p.name for p in space.outside.iterdir())
        out = aside[0]
    whole_trees = (tree_digest(clean_builds["A"]), tree_digest(clean_builds["B"]))
    if not runner.in_place:
        assert tree_digest(out) in whole_trees, "the output is neither the old tree nor the new"
        return
    old, new, found = (tree_files(folder) for folder in (clean_builds["A"], clean_builds["B"], out))
    for path in sorted(set(old) | set(new) | set(found)):
        if path != MARKER:
            assert found.get(path) in (old.get(path), new.get(path)), f"{path} is half-changed"
    assert MARKER in found, "the output no longer says netcard made it"
    if found[MARKER] in (old[MARKER], new[MARKER]):  # a stamp vouches for its own tree only
        assert tree_digest(out) in whole_trees, "the stamp vouches for a tree the output is not"


def test_faults_are_inert_when_not_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(faults, "_FAULT", "")
    monkeypatch.setattr(faults, "_RECORD", "")
    faults.fault_point("not a phase")  # no check, no file, no kill: nothing at all


def test_a_fault_point_must_be_declared(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    record = tmp_path / "reached.txt"
    monkeypatch.setattr(faults, "_RECORD", str(record))
    faults.fault_point(PHASES[0])
    with pytest.raises(ValueError, match="not declared"):
        faults.fault_point("not a phase")
    assert record.read_text(encoding="utf-8") == PHASES[0] + "\n"


@pytest.fixture
def site_a(tmp_path: Path) -> Iterator[Workspace]:
    space = workspace(tmp_path)
    write_site(space.site, "A")
    yield space


def test_two_builds_at_once_are_refused_clearly(
        site_a: Workspace, clean_builds: dict[str, Path]) -> None:
    first = start(RUNNERS[0], site_a.site, site_a.out)
    second = start(RUNNERS[0], site_a.site, site_a.out)
    results = []
    for process in (first, second):
        _, errors = process.communicate(timeout=600)
        results.append((process.returncode, errors.decode()))
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 3]), results  # both after one another, or one refused
    for code, message in results:
        if code == 3:  # the environment prevented it, not the content
            assert "another netcard build is writing" in message
            assert "Traceback" not in message
    assert tree_digest(site_a.out) == tree_digest(clean_builds["A"])


def test_lock_held_by_a_live_build_refuses_a_second(site_a: Workspace) -> None:
    """Hold the lock here while a build subprocess runs."""
    with output_lock(site_a.out):
        process = start(RUNNERS[0], site_a.site, site_a.out)
        _, stderr = process.communicate(timeout=600)
    assert process.returncode == 3
    assert "another netcard build is writing" in stderr.decode()
    assert not site_a.out.exists()


def test_a_build_killed_inside_the_fallback_swap_is_repaired(tmp_path: Path) -> None:
    """Without RENAME_EXCHANGE, `_swap` renames twice; a kill between the two renames
    leaves only the old tree moved aside. The next build puts it back before it
    removes stale temporaries, so the old site is never lost."""
    from generator.write import _remove_stale_temporaries

    out = tmp_path / "output"
    old = tmp_path / ".output.tmp-old-4242"
    (old / "public").mkdir(parents=True)
    (old / "public" / "index.html").write_text("old site", encoding="utf-8")
    (old / MARKER).write_text("netcard", encoding="utf-8")
    half_written = tmp_path / ".output.tmp-4242"
    (half_written / "public").mkdir(parents=True)
    with output_lock(out):
        _remove_stale_temporaries(out)
    assert (out / "public" / "index.html").read_text(encoding="utf-8") == "old site"
    assert not old.exists() and not half_written.exists()


def test_the_fallback_swap_writes_the_whole_new_tree(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import write
    from tests.test_write import write_tree

    out = tmp_path / "output"
    write_tree(out, {"public/index.html": b"one"}, {})
    monkeypatch.setattr(write, "_exchange", lambda first, second: False)
    write_tree(out, {"public/index.html": b"two", "public/x.html": b"x"}, {})
    assert (out / "public" / "index.html").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_the_lock_refuses_a_second_build_in_the_same_process(tmp_path: Path) -> None:
    from generator.errors import EnvironmentProblem

    out = tmp_path / "output"
    with output_lock(out), pytest.raises(EnvironmentProblem, match="another netcard build"), \
            output_lock(out):
        pass
    with output_lock(out):  # released again
        pass
