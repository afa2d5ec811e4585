"""Compiled templates are kept per user (like .pyc files), never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.env import make_environment


def _compiled(folder: Path) -> list[Path]:
    return sorted(folder.rglob("__jinja2_*.cache"))


def test_compiled_templates_go_to_the_users_cache(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    site = tmp_path / "site"
    site.mkdir()
    make_environment(site, "default").get_template("page.html")
    folder = tmp_path / "xdg" / "netcard" / "templates"
    assert _compiled(folder)
    assert folder.stat().st_mode & 0o077 == 0  # private to the user
    assert not (site / ".netcard-cache").exists()


def test_a_damaged_entry_is_compiled_again(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    site = tmp_path / "site"
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "hello.html").write_text("Hello {{ name }}!")
    make_environment(site, "default").get_template("hello.html")
    entries = _compiled(tmp_path / "xdg")
    for entry in entries:
        entry.write_bytes(b"j2\x00garbage")
    rendered = make_environment(site, "default").get_template("hello.html").render(name="Ann")
    assert rendered == "Hello Ann!"
    assert all(entry.read_bytes() != b"j2\x00garbage" for entry in entries)  # rewritten


def test_an_unusable_user_cache_falls_back_to_the_site(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    site = tmp_path / "site"
    site.mkdir()
    make_environment(site, "default", site / ".netcard-cache").get_template("page.html")
    assert _compiled(site / ".netcard-cache" / "templates")


def test_without_a_site_cache_nothing_is_written_into_the_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    site = tmp_path / "site"
    site.mkdir()
    rendered = make_environment(site, "default").get_template("page.html")
    assert rendered is not None
    assert list(site.iterdir()) == []
