"""`check` and `bundle` write nothing into the site; all three work on a read-only site.

Issue 14, item 5: `netcard check` wrote .netcard-cache/exports/ into the site, and on
a read-only checkout check, bundle and `build -o elsewhere` ended as "internal error".
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from generator import paths
from generator.cli import main
from generator.paths import SITE_CACHE, site_cache_dir
from tests.build.read_only import run_read_only, snapshot
from tests.conftest import SiteFactory


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


def _refuse_writes_under(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Making folders and files under `folder` fails as on a read-only file system."""
    real_mkdir, real_open = os.mkdir, os.open

    def inside(path: Any) -> bool:
        return Path(os.fsdecode(path)).resolve().is_relative_to(folder.resolve())

    def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if inside(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        real_mkdir(path, *args, **kwargs)

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(paths.os, "mkdir", mkdir)
    monkeypatch.setattr(paths.os, "open", open_)


# --- where the caches go: one function --------------------------------------------


def test_a_build_keeps_its_caches_in_the_site(make_site: SiteFactory) -> None:
    site = make_site()
    assert site_cache_dir(site, inside_site=True) == site / SITE_CACHE


def test_commands_that_write_nothing_use_the_users_cache(make_site: SiteFactory,
                                                         private_cache: Path) -> None:
    site = make_site()
    chosen = site_cache_dir(site, inside_site=False)
    assert chosen is not None and chosen.is_relative_to(private_cache / "netcard" / "sites")
    assert chosen.stat().st_mode & 0o077 == 0  # private to the user
    assert chosen != site_cache_dir(make_site(), inside_site=False)  # one per site
    assert not (site / SITE_CACHE).exists()


def test_a_read_only_site_keeps_its_caches_in_the_users_cache(
        make_site: SiteFactory, private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site()
    _refuse_writes_under(site, monkeypatch)
    chosen = site_cache_dir(site, inside_site=True)
    assert chosen == site_cache_dir(site, inside_site=False)
    assert chosen is not None and chosen.is_relative_to(private_cache)


def test_with_nothing_writable_there_are_no_caches(make_site: SiteFactory, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site()
    _refuse_writes_under(tmp_path, monkeypatch)  # the site and the user's cache
    assert site_cache_dir(site, inside_site=True) is None
    assert site_cache_dir(site, inside_site=False) is None


# --- the commands ------------------------------------------------------------------


@pytest.mark.slow
def test_check_leaves_the_site_byte_for_byte_as_it_was(make_site: SiteFactory,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({"ties.yaml": "ties:\n  - between: [alpha, beta]\n"})
    before = snapshot(site)
    assert main(["check", str(site)]) == 0
    assert "Content is valid" in capsys.readouterr().out
    assert snapshot(site) == before
    assert main(["check", str(site)]) == 0  # again, with the caches the first one made
    assert snapshot(site) == before


def test_bundle_writes_only_the_bundle(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site()
    before = snapshot(site)
    assert main(["bundle", str(site), "-o", str(tmp_path / "workbook.html")]) == 0
    assert snapshot(site) == before
    assert (tmp_path / "workbook.html").stat().st_size > 0


@pytest.mark.slow
def test_check_bundle_and_build_work_on_a_read_only_site(make_site: SiteFactory,
                                                         tmp_path: Path,
                                                         private_cache: Path) -> None:
    site = make_site({"ties.yaml": "ties:\n  - between: [alpha, beta]\n",
                      "pages/tietoa.md": "---\ntitle: Tietoa\n---\nTeksti.\n"})
    before = snapshot(site)
    out = tmp_path / "elsewhere" / "output"
    for argv in (["check", str(site)],
                 ["bundle", str(site), "-o", str(tmp_path / "workbook.html")],
                 ["build", str(site), "-o", str(out)]):
        done = run_read_only([site], argv, private_cache)
        assert done.returncode == 0, (argv, done.stderr)
        assert "internal error" not in done.stderr
        assert snapshot(site) == before, argv
    assert (out / "public" / "index.html").is_file()
    assert (tmp_path / "workbook.html").is_file()
    again = run_read_only([site], ["build", str(site), "-o", str(out)], private_cache)
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stdout  # the build's record is in the user's cache
    assert snapshot(site) == before


@pytest.mark.slow
def test_a_read_only_site_and_cache_still_build(make_site: SiteFactory, tmp_path: Path,
                                                private_cache: Path) -> None:
    site = make_site()
    private_cache.mkdir()
    before = snapshot(site)
    out = tmp_path / "output"
    for argv in (["check", str(site)], ["build", str(site), "-o", str(out)]):
        done = run_read_only([site, private_cache], argv, private_cache)
        assert done.returncode == 0, (argv, done.stderr)
    assert snapshot(site) == before
    assert list(private_cache.iterdir()) == []
    assert (out / "workbook" / "index.html").is_file()
