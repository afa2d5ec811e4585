"""The no-change check lists a folder exactly as os.walk would, only faster."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import freshness
from generator.build import PROFILES, build
from generator.freshness import _tree, is_up_to_date
from generator.paths import default_theme_dir
from tests.conftest import SiteFactory

NO_SEARCH = {"site.yaml": "languages: [fi, sv, en]\nsearch: false\n"}


def walk_reference(folder: Path) -> list[list[object]]:
    """The listing as the first version of `_tree` made it, with os.walk and pathlib."""
    entries: list[list[object]] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            try:
                info = path.stat()
            except OSError:
                continue
            entries.append([path.relative_to(folder).as_posix(), info.st_size, info.st_mtime_ns])
    return entries


def test_listing_matches_os_walk(tmp_path: Path) -> None:
    site = tmp_path / "content"
    for relative in ("b.yaml", "a.yaml", "Z.md", "members/x.yaml", "members/sub/deep.yaml",
                     "pages/ä.md", "media/kuva 1.png", "a-dir/file", "a.dir/file"):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(relative, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("x", encoding="utf-8")
    (site / "linked").symlink_to(outside, target_is_directory=True)  # listed by neither
    (site / "broken.yaml").symlink_to(tmp_path / "missing")  # cannot be stat'ed: skipped
    (site / "file-link.yaml").symlink_to(site / "a.yaml")  # a linked file counts
    assert _tree(site) == walk_reference(site)
    assert [entry[0] for entry in _tree(site)][:3] == ["Z.md", "a.yaml", "b.yaml"]


def test_missing_folder_is_empty(tmp_path: Path) -> None:
    assert _tree(tmp_path / "nowhere") == []


def test_an_edit_to_the_built_in_theme_is_not_up_to_date(make_site: SiteFactory, tmp_path: Path,
                                                           monkeypatch) -> None:
    # In a checkout the built-in theme lives beside the package, not in it: editing its
    # CSS must make the next `netcard build` build, not say "up to date".
    theme = tmp_path / "checkout" / "themes" / "default"
    shutil.copytree(default_theme_dir(), theme)
    monkeypatch.setattr(freshness, "default_theme_dir", lambda: theme)
    site = make_site({})
    build(site, site / "output")
    assert is_up_to_date(site, site / "output", PROFILES)
    css = theme / "static" / "netcard.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    assert not is_up_to_date(site, site / "output", PROFILES)


def test_an_edit_in_a_nested_content_folder_is_not_up_to_date(make_site: SiteFactory) -> None:
    site = make_site({"pages/tietoa.md": "---\ntitle: Tietoa\n---\nTeksti.\n"})
    build(site, site / "output")
    assert is_up_to_date(site, site / "output", PROFILES)
    (site / "content/pages/tietoa.md").write_text("---\ntitle: Tietoa\n---\nUusi teksti.\n",
                                                  encoding="utf-8")
    assert not is_up_to_date(site, site / "output", PROFILES)


# Issue 14, item 8: `rm output/public/index.html; netcard build` said "up to date".


def _build_then(site: Path, damage: Callable[[Path], None],
                capsys: pytest.CaptureFixture[str]) -> str:
    """Build, damage the output, build again: what the second build said."""
    from generator.cli import main

    assert main(["build", str(site)]) == 0
    damage(site / "output")
    capsys.readouterr()
    assert main(["build", str(site)]) == 0
    return capsys.readouterr().out


def test_a_deleted_page_is_built_again(make_site: SiteFactory,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(NO_SEARCH)
    said = _build_then(site, lambda out: (out / "public" / "index.html").unlink(), capsys)
    assert "up to date" not in said
    assert "Testiverkosto" in (site / "output/public/index.html").read_text(encoding="utf-8")


def test_a_truncated_page_is_built_again(make_site: SiteFactory,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    def truncate(out: Path) -> None:
        page = out / "workbook" / "members" / "alpha" / "index.html"
        info = page.stat()
        os.truncate(page, 10)
        os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))  # only the size tells

    site = make_site(NO_SEARCH)
    said = _build_then(site, truncate, capsys)
    assert "up to date" not in said
    assert "Alpha" in (site / "output/workbook/members/alpha/index.html").read_text("utf-8")


def test_a_page_rewritten_to_the_same_size_is_built_again(
        make_site: SiteFactory, capsys: pytest.CaptureFixture[str]) -> None:
    def overwrite(out: Path) -> None:
        page = out / "public" / "index.html"
        page.write_bytes(b"x" * page.stat().st_size)  # only the time tells

    site = make_site(NO_SEARCH)
    assert "up to date" not in _build_then(site, overwrite, capsys)
    assert b"xxxx" not in (site / "output/public/index.html").read_bytes()


def test_an_untouched_output_still_takes_the_fast_path(make_site: SiteFactory,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(NO_SEARCH)
    assert "up to date: nothing changed" in _build_then(site, lambda out: None, capsys)
