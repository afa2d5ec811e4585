"""The wheel works on a machine with nothing but netcard's declared dependencies.

A dependency that is imported but not declared passes every other test when the
developer's environment happens to have it; here the wheel is installed into a new,
empty virtual environment and used outside the checkout, as a coordinator would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # builds a wheel and installs it with its dependencies


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "VIRTUAL_ENV", "NETCARD_DEBUG"}}
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (f"{command} exited {done.returncode}:\n"
                                  f"{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding the wheel and only what it declares; its bin/."""
    root = tmp_path_factory.mktemp("wheel")
    uv = [sys.executable, "-m", "uv"]
    run([*uv, "build", "--wheel", "--out-dir", root / "dist", REPO], cwd=root)
    wheel = next((root / "dist").glob("netcard-*.whl"))
    run([*uv, "venv", "--python", sys.executable, root / "venv"], cwd=root)
    run([*uv, "pip", "install", "--python", root / "venv/bin/python", wheel], cwd=root)
    return root / "venv/bin"


def test_the_wheel_runs_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = run([installed / "python", "-c", "import generator; print(generator.__file__)"],
                cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(installed.parent), where
    assert not Path(where).is_relative_to(REPO), where


def test_starter_builds_checks_and_bundles(installed: Path, tmp_path: Path) -> None:
    netcard = installed / "netcard"
    run([netcard, "new", "verkosto"], cwd=tmp_path)
    site = tmp_path / "verkosto"
    built = run([netcard, "build", "verkosto"], cwd=tmp_path)
    assert (site / "output/public/index.html").is_file(), built.stdout + built.stderr
    assert (site / "output/workbook/index.html").is_file()
    assert (site / "output/public/pagefind/pagefind.js").is_file()  # the search indexer ran
    run([netcard, "check", "--strict", "verkosto"], cwd=tmp_path)
    run([netcard, "bundle", "verkosto", "-o", "tyokirja.html"], cwd=tmp_path)
    bundle = (tmp_path / "tyokirja.html").read_text(encoding="utf-8")
    assert bundle.startswith("<!DOCTYPE html>") and "</html>" in bundle
