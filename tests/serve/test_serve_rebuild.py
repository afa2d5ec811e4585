"""Rebuild on change, reload events, and content errors that never stop the server.

By default both profiles are served (the card at /, the workbook at /_workbook/):
every edit rebuilds both, and one build status stands for both.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import generator.build
from generator.serve import Server
from tests.serve.serve_helpers import TIMEOUT, EventStream, get, status, wait_for

REPO = Path(__file__).resolve().parents[2]
BROKEN_YAML = "name: Alpha\nsector: [education\nrole: core\n"
BOTH = ("/", "/_workbook/")  # where the card and the workbook are served


def _page(server: Server, path: str) -> str:
    return get(server.port, path).text


@pytest.mark.slow
def test_edit_rebuilds_both_and_sends_reload(make_site, start_server) -> None:
    site = make_site({"workbook/vaihe-2.md": "---\ntitle: Vaihe\nphase: 2\n---\nEnsimmäinen.\n"})
    server = start_server(site)
    events = EventStream(server.port)
    try:
        _, data = events.next_matching(lambda name, _: name == "status", "initial status")
        assert data["ok"] and data["generation"] == 1
        for root in BOTH:
            assert "Alpha" in _page(server, root + "members/alpha/")

        member = site / "content" / "members" / "alpha.yaml"
        member.write_text("name: Alphaville\nsector: education\nrole: core\n", encoding="utf-8")
        for root in BOTH:
            def shows_edited_name(root: str = root) -> bool:
                return "Alphaville" in _page(server, root + "members/alpha/")

            wait_for(shows_edited_name, f"the edited name under {root}")
        _, reload = events.next_matching(lambda name, _: name == "reload", "reload")
        assert reload["generation"] >= 2
        for root in BOTH:
            assert 'src="/__netcard__/reload.js?g=' in _page(server, root)

        internal = site / "content" / "workbook" / "vaihe-2.md"  # only in the workbook
        internal.write_text("---\ntitle: Vaihe\nphase: 2\n---\nToinen.\n", encoding="utf-8")
        wait_for(lambda: "Toinen" in _page(server, "/_workbook/workbook/vaihe-2/"),
                 "the edited workbook page")
        assert get(server.port, "/workbook/vaihe-2/").status == 404
    finally:
        events.close()


def test_theme_edit_rebuilds(make_site, start_server) -> None:
    site = make_site()
    static = site / "themes" / "default" / "static"
    static.mkdir(parents=True)
    (static / "extra.txt").write_text("first", encoding="utf-8")
    server = start_server(site)
    for root in BOTH:
        assert get(server.port, root + "assets/extra.txt").text == "first"
    (static / "extra.txt").write_text("second", encoding="utf-8")
    for root in BOTH:
        def serves_edited_file(root: str = root) -> bool:
            return get(server.port, root + "assets/extra.txt").text == "second"

        wait_for(serves_edited_file, f"theme change under {root}")


@pytest.mark.slow
def test_content_error_keeps_serving_and_recovers(make_site, start_server, capfd) -> None:
    site = make_site()
    server = start_server(site)
    events = EventStream(server.port)
    member = site / "content" / "members" / "alpha.yaml"
    good_pages = {root: _page(server, root + "members/alpha/") for root in BOTH}
    try:
        member.write_text(BROKEN_YAML, encoding="utf-8")
        failed = wait_for(lambda: None if (s := status(server.port))["ok"] else s,
                          "the error status")
        assert failed["kind"] == "content"
        assert failed["generation"] == 1
        [error] = failed["errors"]
        assert error["file"] == "content/members/alpha.yaml"
        assert error["location"] == "content/members/alpha.yaml:3:5"
        assert "YAML" in error["message"] and error["hint"]
        _, streamed = events.next_matching(lambda name, data: name == "status"
                                           and not data["ok"], "error status event")
        assert streamed["errors"] == failed["errors"]
        assert "content/members/alpha.yaml:3:5: error:" in capfd.readouterr().err

        for root in BOTH:  # the last good build, still served
            reply = get(server.port, root + "members/alpha/")
            assert reply.status == 200 and reply.text == good_pages[root]

        member.write_text("name: Alpha Fixed\nsector: education\n", encoding="utf-8")
        recovered = wait_for(lambda: s if (s := status(server.port))["ok"] else None, "recovery")
        assert recovered["generation"] >= 2 and recovered["errors"] == []
        events.next_matching(lambda name, data: name == "status" and data["ok"], "ok status")
        events.next_matching(lambda name, _: name == "reload", "reload after the fix")
        for root in BOTH:
            assert "Alpha Fixed" in _page(server, root + "members/alpha/")
    finally:
        events.close()


@pytest.mark.slow
def test_broken_at_start_then_fixed(make_site, start_server) -> None:
    site = make_site({"members/alpha.yaml": BROKEN_YAML})
    server = start_server(site)
    assert not status(server.port)["ok"]
    for root in BOTH:
        waiting = get(server.port, root)
        assert waiting.status == 503 and "/__netcard__/reload.js" in waiting.text
    (site / "content" / "members" / "alpha.yaml").write_text("name: Alpha\n", encoding="utf-8")
    wait_for(lambda: status(server.port)["ok"], "the first good build")
    assert status(server.port)["generation"] >= 1
    for root in BOTH:
        assert get(server.port, root).status == 200


def test_a_bug_is_reported_and_the_server_survives(make_site, start_server, monkeypatch,
                                                   capfd) -> None:
    site = make_site()
    server = start_server(site)
    real_build = generator.build.build

    def broken_build(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.build, "build", broken_build)
    assert server.rebuild() is False
    failed = status(server.port)
    assert failed["kind"] == "bug" and "RuntimeError: boom" in failed["errors"][0]["message"]
    assert "internal error (RuntimeError: boom)" in capfd.readouterr().err
    for root in BOTH:
        assert get(server.port, root + "members/alpha/").status == 200
    monkeypatch.setattr(generator.build, "build", real_build)
    assert server.rebuild() is True
    assert status(server.port)["ok"]


@pytest.mark.slow
def test_command_serves_and_ctrl_c_exits_cleanly(make_site) -> None:
    site = make_site()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(site), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=site)
    try:
        assert process.stdout is not None
        line = ""
        for line in process.stdout:
            if line.startswith("Serving"):
                break
        assert "http://127.0.0.1:" in line, line
        port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        assert line.strip() == (f"Serving the public card at http://127.0.0.1:{port}/ and the "
                                f"workbook at http://127.0.0.1:{port}/_workbook/ (this computer "
                                "only). Ctrl-C stops.")
        for root in BOTH:
            assert "Alpha" in get(port, root + "members/alpha/").text
        events = EventStream(port)  # an open event stream must not hold the exit up
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
        events.close()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Stopped." in out
    assert "Traceback" not in err


def test_port_in_use_is_a_usage_error(make_site, start_server) -> None:
    from generator.cli import main

    server = start_server(make_site())
    assert main(["serve", str(server.site_dir), "--port", str(server.port)]) == 2


@pytest.mark.slow
def test_search_index_follows_an_edit(make_site, start_server) -> None:
    """The page reloads before Pagefind runs; the index catches up right after."""
    from generator.freshness import is_up_to_date
    from tests.search.test_search_index import index_text

    site = make_site()
    server = start_server(site)
    member = site / "content" / "members" / "alpha.yaml"
    member.write_text("name: Alphaville\nsector: education\nrole: core\n"
                      "description: Plinkerton services.\n", encoding="utf-8")
    for mount in server.mounts:
        def shows_edited_page(path: str = mount.path) -> bool:
            return "Plinkerton" in _page(server, path + "members/alpha/")

        def indexes_edited_page(index: Path = mount.root / "pagefind") -> bool:
            return "plinkerton" in index_text(index).lower()

        wait_for(shows_edited_page, f"the edited page of the {mount.profile} profile")
        wait_for(indexes_edited_page, f"the search index of the {mount.profile} profile")
    with server._build_lock:  # the preview's follow-up work is done under this lock
        assert is_up_to_date(site, server.out_dir, server.profiles)


def test_profile_option_serves_only_that_profile(make_site, start_server) -> None:
    site = make_site({"workbook/vaihe-2.md": "---\ntitle: Vaihe\nphase: 2\n---\nSisäinen.\n"})
    server = start_server(site, profile="public")
    assert server.profiles == ("public",)
    assert get(server.port, "/network.json").text.count('"profile": "public"') == 1
    assert get(server.port, "/_workbook/").status == 404
    assert get(server.port, "/workbook/vaihe-2/").status == 404
    assert not (server.out_dir / "workbook").exists()  # only the profile served is built
    member = site / "content" / "members" / "alpha.yaml"
    member.write_text("name: Alphaville\nsector: education\nrole: core\n", encoding="utf-8")
    wait_for(lambda: "Alphaville" in _page(server, "/members/alpha/"), "the edited name")


def test_the_server_keeps_parsed_files_between_rebuilds(tmp_path: Path, monkeypatch) -> None:
    # A one-off build forgets them (see test_incremental); serve parses only what changed.
    from generator import rebuilds

    monkeypatch.setattr(rebuilds, "_KEEPING", False)
    Server(tmp_path)
    assert rebuilds.keeping()
