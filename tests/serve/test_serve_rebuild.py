"""Rebuild on change, reload events, and content errors that never stop the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import generator.build
from generator.serve import Server
from tests.serve.serve_helpers import TIMEOUT, EventStream, get, status, wait_for

REPO = Path(__file__).resolve().parents[2]
BROKEN_YAML = "name: Alpha\nsector: [education\nrole: core\n"


def _page(server: Server, path: str) -> str:
    return get(server.port, path).text


def test_edit_rebuilds_and_sends_reload(make_site, start_server) -> None:
    site = make_site()
    server = start_server(site)
    events = EventStream(server.port)
    try:
        _, data = events.next_matching(lambda name, _: name == "status", "initial status")
        assert data["ok"] and data["generation"] == 1
        assert "Alpha" in _page(server, "/members/alpha/")

        member = site / "content" / "members" / "alpha.yaml"
        member.write_text("name: Alphaville\nsector: education\nrole: core\n", encoding="utf-8")
        wait_for(lambda: "Alphaville" in _page(server, "/members/alpha/"), "the edited name")
        _, reload = events.next_matching(lambda name, _: name == "reload", "reload")
        assert reload["generation"] >= 2
        assert 'src="/__netcard__/reload.js?g=' in _page(server, "/")
    finally:
        events.close()


def test_theme_edit_rebuilds(make_site, start_server) -> None:
    site = make_site()
    static = site / "themes" / "default" / "static"
    static.mkdir(parents=True)
    (static / "extra.txt").write_text("first", encoding="utf-8")
    server = start_server(site)
    assert get(server.port, "/assets/extra.txt").text == "first"
    (static / "extra.txt").write_text("second", encoding="utf-8")
    wait_for(lambda: get(server.port, "/assets/extra.txt").text == "second", "theme change")


def test_content_error_keeps_serving_and_recovers(make_site, start_server, capfd) -> None:
    site = make_site()
    server = start_server(site)
    events = EventStream(server.port)
    member = site / "content" / "members" / "alpha.yaml"
    good_page = _page(server, "/members/alpha/")
    try:
        member.write_text(BROKEN_YAML, encoding="utf-8")
        failed = wait_for(lambda: (s := status(server.port)) and not s["ok"] and s,
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

        reply = get(server.port, "/members/alpha/")  # the last good build, still served
        assert reply.status == 200 and reply.text == good_page

        member.write_text("name: Alpha Fixed\nsector: education\n", encoding="utf-8")
        recovered = wait_for(lambda: (s := status(server.port)) and s["ok"] and s, "recovery")
        assert recovered["generation"] >= 2 and recovered["errors"] == []
        events.next_matching(lambda name, data: name == "status" and data["ok"], "ok status")
        events.next_matching(lambda name, _: name == "reload", "reload after the fix")
        assert "Alpha Fixed" in _page(server, "/members/alpha/")
    finally:
        events.close()


def test_broken_at_start_then_fixed(make_site, start_server) -> None:
    site = make_site({"members/alpha.yaml": BROKEN_YAML})
    server = start_server(site)
    assert not status(server.port)["ok"]
    waiting = get(server.port, "/")
    assert waiting.status == 503 and "/__netcard__/reload.js" in waiting.text
    (site / "content" / "members" / "alpha.yaml").write_text("name: Alpha\n", encoding="utf-8")
    wait_for(lambda: status(server.port)["ok"], "the first good build")
    assert status(server.port)["generation"] >= 1
    assert get(server.port, "/").status == 200


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
    assert get(server.port, "/members/alpha/").status == 200
    monkeypatch.setattr(generator.build, "build", real_build)
    assert server.rebuild() is True
    assert status(server.port)["ok"]


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
        assert "Alpha" in get(port, "/members/alpha/").text
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


def test_search_index_follows_an_edit(make_site, start_server) -> None:
    """The page reloads before Pagefind runs; the index catches up right after."""
    from generator.freshness import is_up_to_date
    from tests.search.test_search_index import index_text

    site = make_site()
    server = start_server(site)
    member = site / "content" / "members" / "alpha.yaml"
    member.write_text("name: Alphaville\nsector: education\nrole: core\n"
                      "description: Plinkerton services.\n", encoding="utf-8")
    wait_for(lambda: "Plinkerton" in _page(server, "/members/alpha/"), "the edited page")
    index = server.root / "pagefind"
    wait_for(lambda: "plinkerton" in index_text(index).lower(), "the search index")
    with server._build_lock:  # the preview's follow-up work is done under this lock
        assert is_up_to_date(site, server.out_dir, (server.profile,))
