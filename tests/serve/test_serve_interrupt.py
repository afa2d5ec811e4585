"""Ctrl-C during `netcard serve`'s in-place update of the output.

The first Ctrl-C abandons the build before it changes the output (or, once it has begun
moving its finished files into place, lets it finish that); a second stops at once, says
truly that the output may be partly updated, and the next build repairs it.

No real signal is sent: at a named point of the build (a page rendered, a file prepared,
a file moved into place) the test calls the SIGINT handler that `netcard serve`
installed, exactly as the interpreter would on Ctrl-C.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator.cancel
import generator.write
from generator.build import build, complete_preview
from generator.freshness import is_up_to_date
from generator.serve import ABANDONED_NOTE, FORCED_PARTIAL, STOPPING_NOTE, run_serve
from generator.write import MARKER, UPDATING, index_behind
from tests.search.test_search_index import index_text
from tests.serve.serve_helpers import wait_for

PROFILES = ("public", "workbook")
NEW_NAME = "Uusiverkosto"
EDITED_NETWORK = f"name: {{fi: {NEW_NAME}, sv: Nytt nätverk, en: New network}}\n"


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def _pages(out: Path) -> dict[str, bytes]:
    """The output without the search indexes (Pagefind's own bytes vary from run to run)."""
    return {path: content for path, content in _files(out).items() if "/pagefind/" not in path}


def _temporaries(root: Path) -> list[Path]:
    # (The tree a build replaced is kept whole as the next build's spare, in the cache:
    # what it holds that the next build does not make is deleted then.)
    spare = root / ".netcard-cache" / "spare"
    return [path for path in root.rglob("*")
            if ".tmp-" in path.name and not path.is_relative_to(spare)]


@pytest.fixture
def edited_site(make_site) -> tuple[Path, dict[str, bytes]]:
    """A site built whole, then edited so that every page changes: what `netcard serve`
    finds when it starts, and what its first build updates in place."""
    site = make_site()
    build(site, site / "output")
    before = _files(site / "output")
    (site / "content" / "network.yaml").write_text(EDITED_NETWORK, encoding="utf-8")
    return site, before


def _ctrl_c() -> None:
    handler = signal.getsignal(signal.SIGINT)
    assert callable(handler), "netcard serve installed no Ctrl-C handler"
    handler(signal.SIGINT, None)


def _press_at(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, after: int,
              presses: int) -> list[int]:
    """Wrap `owner.name` so that Ctrl-C is pressed `presses` times when it is called for
    the (after+1)-th time; returns the list that counts the calls."""
    real: Callable[..., Any] = getattr(owner, name)
    calls: list[int] = []

    def pressing(*args: Any, **kwargs: Any) -> Any:
        if len(calls) == after:
            for _ in range(presses):
                _ctrl_c()
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, pressing)
    return calls


def _repair_and_compare(site: Path, tmp_path: Path, how: str) -> None:
    """The next build (serve's or `netcard build`) leaves exactly what a clean build writes."""
    out = site / "output"
    assert not is_up_to_date(site, out, PROFILES)  # nothing vouches for the damaged tree
    if how == "serve":
        result = build(site, out, preview=True)
        complete_preview(site, out, result)
    else:
        from generator.cli import main

        assert main(["build", str(site)]) == 0
    assert is_up_to_date(site, out, PROFILES)
    assert not _temporaries(site)
    assert NEW_NAME.lower() in index_text(out / "workbook" / "pagefind").lower()
    clean = tmp_path / "clean"
    build(site, clean)
    assert _pages(out) == _pages(clean)


@pytest.mark.parametrize(("owner", "name"), [
    (generator.cancel._CheckingProgress, "advance"),  # a page rendered
    (generator.write._Staging, "write"),  # a changed file prepared beside the output
])
@pytest.mark.slow
def test_first_ctrl_c_abandons_the_build_and_keeps_the_output_whole(
        edited_site, monkeypatch, capsys, owner: Any, name: str) -> None:
    site, before = edited_site
    calls = _press_at(monkeypatch, owner, name, after=3, presses=1)
    assert run_serve(site, None, None, "127.0.0.1", 0) == 0
    out, err = capsys.readouterr()
    assert len(calls) == 4  # abandoned at the next safe point after the press
    assert "Serving" not in out and out.rstrip().endswith("Stopped.")
    assert ABANDONED_NOTE in err
    assert _files(site / "output") == before  # wholly the old output
    assert not _temporaries(site)


@pytest.mark.slow
@pytest.mark.parametrize("repair", ["serve", "build"])
def test_second_ctrl_c_while_files_move_says_so_and_the_next_build_repairs(
        edited_site, monkeypatch, capsys, tmp_path: Path, repair: str) -> None:
    site, before = edited_site
    out = site / "output"
    _press_at(monkeypatch, generator.write, "_put_in_place", after=5, presses=2)
    assert run_serve(site, None, None, "127.0.0.1", 0) == 130
    _, err = capsys.readouterr()
    assert FORCED_PARTIAL in err
    assert "unchanged" not in err
    assert "Stopped." not in err
    monkeypatch.undo()
    damaged = _files(out)
    assert damaged != before
    assert (out / MARKER).read_text(encoding="utf-8").endswith(UPDATING)
    # What a process killed at that moment would also leave behind.
    (out / "public" / "members" / "alpha" / ".index.html.tmp-6148").write_bytes(b"half")
    (site / ".output.tmp-update-6148").mkdir()
    (site / ".output.tmp-update-6148" / "7").write_bytes(b"prepared")
    _repair_and_compare(site, tmp_path, repair)


@pytest.mark.slow
def test_first_ctrl_c_while_files_move_lets_them_finish(edited_site, monkeypatch, capsys,
                                                       tmp_path: Path) -> None:
    site, _ = edited_site
    out = site / "output"
    calls = _press_at(monkeypatch, generator.write, "_put_in_place", after=5, presses=1)
    assert run_serve(site, None, None, "127.0.0.1", 0) == 0
    printed, err = capsys.readouterr()
    assert len(calls) > 6  # every prepared file was moved in
    assert printed.rstrip().endswith("Stopped.")
    assert ABANDONED_NOTE in err  # the search index was left for the next build
    monkeypatch.undo()
    assert not (out / MARKER).read_text(encoding="utf-8").endswith(UPDATING)
    assert index_behind(out, "workbook")  # the pages are new, their search index is not
    # A build of the same site elsewhere in between (it saves page caches that match the
    # new pages): the next build must still make the index that was left behind.
    clean = tmp_path / "clean-pages"
    build(site, clean)
    assert _pages(out) == {path: content for path, content in _pages(clean).items()
                           if path != MARKER} | {MARKER: (out / MARKER).read_bytes()}
    assert not _temporaries(site)
    _repair_and_compare(site, tmp_path, "serve")


@pytest.mark.slow
def test_stop_abandons_a_rebuild_in_the_watcher(make_site, start_server, monkeypatch) -> None:
    """Ctrl-C while the watcher rebuilds after an edit: the same, in the other thread."""
    site = make_site()
    server = start_server(site)
    before = _files(server.out_dir)
    calls: list[int] = []
    real = generator.write._Staging.write

    def stop_while_preparing(self: Any, target: Path, content: bytes) -> None:
        if len(calls) == 2:
            server.request_stop()
        calls.append(1)
        real(self, target, content)

    monkeypatch.setattr(generator.write._Staging, "write", stop_while_preparing)
    (site / "content" / "network.yaml").write_text(EDITED_NETWORK, encoding="utf-8")
    wait_for(lambda: server.abandoned, "the rebuild to be abandoned")
    server.stop()
    assert len(calls) == 3
    assert _files(server.out_dir) == before
    assert not _temporaries(site)
    assert server.state.status()["ok"]  # stopping is no failure to show on the pages


def test_messages_never_claim_an_unchanged_output_after_a_forced_stop() -> None:
    for message in (FORCED_PARTIAL, STOPPING_NOTE):
        assert "partly updated" in message and "unchanged" not in message
    assert "repairs it" in FORCED_PARTIAL
