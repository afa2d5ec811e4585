"""`netcard build` killed with SIGKILL at random moments: the output is always whole.

A large site (300 members, ties and pages) is built twice, before and after a
content edit, to know the digest of both trees. Then builds that switch
between the two versions are killed at random delays, many times over: after
every kill the output folder is exactly one of the two trees, no lock is left
behind, and the next build works. Two builds into one output at once are
serialised or refused with a clear message.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.write import output_lock

pytestmark = pytest.mark.slow  # builds killed and raced: run with -m slow or in CI

REPO = Path(__file__).resolve().parent.parent
KILLS = int(os.environ.get("NETCARD_CRASH_KILLS", "15"))
MEMBERS = 300
SECTORS = ("education", "employment", "municipality", "government", "ngo", "business")


def write_large_site(root: Path, version: str) -> None:
    """300 members with ties and 40 pages; `version` changes the tagline on every page."""
    content = root / "content"
    for folder in ("members", "pages"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text("languages: [fi]\nsearch: false\n", encoding="utf-8")
    (content / "network.yaml").write_text(
        f"name: Iso verkosto\ntagline: Versio {version}\n", encoding="utf-8")
    rng = random.Random(7)
    for index in range(MEMBERS):
        (content / "members" / f"m{index:03d}.yaml").write_text(
            f"name: Jäsen {index}\nsector: {SECTORS[index % len(SECTORS)]}\n"
            f"description: Jäsen {index} kuvaus, *versio {version}*.\n", encoding="utf-8")
    ties = ["ties:"]
    for index in range(MEMBERS):
        other = rng.randrange(MEMBERS)
        if other != index:
            ties.append(f"  - between: [m{index:03d}, m{other:03d}]\n"
                        f"    strength: {rng.randint(1, 5)}")
    (content / "ties.yaml").write_text("\n".join(ties) + "\n", encoding="utf-8")
    for index in range(40):
        (content / "pages" / f"sivu-{index}.md").write_text(
            f"---\ntitle: Sivu {index}\n---\nTeksti {index}, versio {version}.\n" * 1,
            encoding="utf-8")


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file():
            digest.update(relative.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        elif path.is_dir():
            digest.update(relative.encode() + b"/\0")
    return digest.hexdigest()


def start_build(site: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", str(site), "-o", str(out)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def run_build(site: Path, out: Path) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run([sys.executable, "-m", "generator", "build", str(site), "-o", str(out)],
                          cwd=REPO, capture_output=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the build we started and whatever worker processes it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], float]:
    """The site folder, the digest of each version's whole output, and a build's duration."""
    root = tmp_path_factory.mktemp("crash")
    site = root / "site"
    digests: dict[str, str] = {}
    started = time.monotonic()
    for version in ("A", "B"):
        write_large_site(site, version)
        run_build(site, root / f"reference-{version}")
        digests[version] = tree_digest(root / f"reference-{version}")
    duration = (time.monotonic() - started) / 2
    assert digests["A"] != digests["B"]
    return site, digests, duration


def test_killed_builds_leave_the_old_or_the_new_site(versions: tuple[Path, dict[str, str],
                                                                      float],
                                                     tmp_path: Path) -> None:
    site, digests, duration = versions
    out = tmp_path / "output"
    write_large_site(site, "A")
    run_build(site, out)
    current = "A"
    rng = random.Random(int(os.environ.get("NETCARD_CRASH_SEED", "2024")))
    outcomes = {"killed": 0, "finished": 0}
    for _ in range(KILLS):
        target = "B" if current == "A" else "A"
        write_large_site(site, target)
        process = start_build(site, out)
        time.sleep(rng.uniform(0.05, duration * 1.1))
        finished = process.poll() is not None
        os.kill(process.pid, signal.SIGKILL) if not finished else None
        # Only the killed build's own pid is dead so far: the lock must already be free.
        with contextlib.suppress(ProcessLookupError):
            process.wait(timeout=30)
        with output_lock(out):
            pass
        kill_group(process)
        found = tree_digest(out)
        assert found in (digests["A"], digests["B"]), "the output is neither tree"
        current = "A" if found == digests["A"] else "B"
        outcomes["finished" if finished else "killed"] += 1
    assert outcomes["killed"] >= KILLS // 2, outcomes
    # The next build works, and leaves no temporary trees behind.
    write_large_site(site, "B")
    run_build(site, out)
    assert tree_digest(out) == digests["B"]
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".output.tmp")) == []


def test_two_builds_at_once_are_refused_clearly(versions: tuple[Path, dict[str, str], float],
                                                tmp_path: Path) -> None:
    site, digests, _ = versions
    write_large_site(site, "A")
    out = tmp_path / "output"
    first = start_build(site, out)
    second = start_build(site, out)
    results = []
    for process in (first, second):
        _, stderr = process.communicate(timeout=600)
        results.append((process.returncode, stderr.decode()))
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 3]), results  # both after one another, or one refused
    for code, stderr in results:
        if code == 3:  # the environment prevented it, not the content
            assert "another netcard build is writing" in stderr
            assert "Traceback" not in stderr
    assert tree_digest(out) == digests["A"]


def test_lock_held_by_a_live_build_refuses_a_second(versions: tuple[Path, dict[str, str], float],
                                                    tmp_path: Path) -> None:
    """Deterministic variant: hold the lock here while a build subprocess runs."""
    site, _, _ = versions
    write_large_site(site, "A")
    out = tmp_path / "output"
    with output_lock(out):
        done = subprocess.run([sys.executable, "-m", "generator", "build", str(site), "-o",
                               str(out)], cwd=REPO, capture_output=True, timeout=600,
                              check=False)
    assert done.returncode == 3
    assert "another netcard build is writing" in done.stderr.decode()
    assert not out.exists()


def test_a_build_killed_inside_the_fallback_swap_is_repaired(tmp_path: Path) -> None:
    """Without RENAME_EXCHANGE, `_swap` renames twice; a kill between the two renames
    leaves only the old tree moved aside. The next build puts it back before it
    removes stale temporaries, so the old site is never lost."""
    from generator.write import MARKER, _remove_stale_temporaries

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
