"""Shared fixtures: the example site, and small sites written file by file."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"  # Debian's; a browser download cannot work here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content"

MINIMAL = {
    "site.yaml": "languages: [fi, sv, en]\n",
    "network.yaml": "name: {fi: Testiverkosto, sv: Testnätverket, en: Test network}\n",
    "members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\n",
    "members/beta.yaml": "name: Beta\nsector: employment\n",
}

SiteFactory = Callable[..., Path]


def write_site(root: Path, files: Mapping[str, str | bytes | None], *, base: bool = True) -> Path:
    """A site folder: the minimal site (unless base=False) with `files` added or replaced.

    A value of None removes that file from the minimal site.
    """
    content = root / "content"
    merged: dict[str, str | bytes | None] = {**(MINIMAL if base else {}), **files}
    for relative, text in merged.items():
        if text is None:
            continue
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    content.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture(autouse=True)
def one_off_builds_after_each_test() -> Iterator[None]:
    """A test that runs netcard serve in this process leaves it keeping what each build
    read (generator.rebuilds); the next test's builds are one-off builds again."""
    from generator import rebuilds

    was = rebuilds._KEEPING
    yield
    rebuilds._KEEPING = was


@pytest.fixture(scope="session", autouse=True)
def user_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """netcard's per-user cache (compiled templates, the caches of check and bundle) in a
    folder of the test session's, not the developer's ~/.cache/netcard/."""
    import os

    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    counter = iter(range(1000))

    def factory(files: dict[str, str | bytes | None] | None = None, *, base: bool = True) -> Path:
        return write_site(tmp_path / f"site{next(counter)}", files or {}, base=base)

    return factory


@pytest.fixture(scope="session")
def example_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example site (so tests never write into the repository)."""
    root = tmp_path_factory.mktemp("example")
    shutil.copytree(EXAMPLE, root / "content")
    return root


@pytest.fixture(scope="session")
def example_output(example_copy: Path) -> Path:
    from generator.build import build

    build(example_copy, example_copy / "output")
    return example_copy / "output"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One chromium per test process: Playwright's sync API allows one instance per thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that opens Chromium is a browser test, wherever it lives, so that
    `-m "not browser"` leaves none of them out by accident."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
