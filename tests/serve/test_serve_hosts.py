"""Which names `netcard serve` answers to (DNS rebinding), also beyond this computer.

A website the user visits can point a name of its own at this computer's address and
then read the pages as its own; the Host header is the only sign of it. No test binds
anything but 127.0.0.1: the check itself does not depend on the address served on.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from generator.cli import main
from generator.serve import Server, host_name, machine_names
from tests.serve.serve_helpers import get

ATTACKER = "attacker.example"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_serving_beyond_this_computer_keeps_the_host_check(tmp_path: Path, host: str) -> None:
    server = Server(tmp_path, host=host, allow_hosts=["Kone.Example"])
    for refused in (ATTACKER, f"{ATTACKER}:8000", "192.0.2.10.nip.io", f"{ATTACKER}."):
        assert not server.host_allowed(refused), refused
    hostname = socket.gethostname()
    for allowed in ("localhost", "127.0.0.1:8000", "[::1]:8000", hostname, f"{hostname}:8000",
                    f"{hostname}.local:8000", "kone.example:8000", "KONE.EXAMPLE.",
                    "192.0.2.55:8000", "[2001:db8::1]:8000"):
        assert server.host_allowed(allowed), allowed


def test_the_given_host_and_the_machine_names_are_allowed(tmp_path: Path) -> None:
    named = Server(tmp_path, host="kone.lan")
    assert named.host_allowed("kone.lan:8000")
    assert socket.gethostname().lower() in machine_names()
    assert all(name == host_name(name) for name in machine_names())
    loopback = Server(tmp_path)  # on loopback, the machine's names are not needed
    assert not loopback.host_allowed(f"{socket.gethostname()}.local")


def test_refused_names_get_a_page_saying_how_to_allow_them(make_site, start_server) -> None:
    server = start_server(make_site(), allow_hosts=["kone.example"])
    port = server.port
    refused = get(port, "/_workbook/", headers={"Host": f"{ATTACKER}:{port}"})
    assert refused.status == 403
    assert refused.headers["content-type"] == "text/plain; charset=utf-8"
    assert f"--allow-host {ATTACKER}\n" in refused.text
    assert "DNS rebinding" in refused.text
    assert "localhost" not in refused.text  # the asking page may be the attacker's
    hostile = get(port, "/", headers={"Host": "a<script>b.example"})
    assert hostile.status == 403 and "<" not in hostile.text
    for host in (f"kone.example:{port}", f"10.1.2.3:{port}", f"127.0.0.1:{port}"):
        reply = get(port, "/_workbook/", headers={"Host": host})
        assert reply.status == 200, host


def test_allow_host_option_reaches_the_server(monkeypatch, tmp_path: Path) -> None:
    import generator.serve

    received: dict[str, tuple[object, ...]] = {}

    def fake_run_serve(*args: object) -> int:
        received["args"] = args
        return 0

    monkeypatch.setattr(generator.serve, "run_serve", fake_run_serve)
    assert main(["serve", str(tmp_path), "--host", "0.0.0.0", "--allow-host", "kone.example",
                 "--allow-host", "toinen.example"]) == 0
    *_, host, _, allow_hosts = received["args"]
    assert host == "0.0.0.0"
    assert allow_hosts == ["kone.example", "toinen.example"]


def test_start_up_note_says_what_is_exposed(tmp_path: Path) -> None:
    both = Server(tmp_path, host="0.0.0.0", port=8000).exposure_note()
    assert both is not None
    assert both.startswith("netcard: note: --host 0.0.0.0 lets other computers on your "
                           "network open the public card and the workbook.")
    assert ("The workbook is internal: anyone on your network who can reach this computer "
            "can read it.") in both
    assert "--allow-host NAME" in both
    public = Server(tmp_path, host="0.0.0.0", profile="public").exposure_note()
    assert public is not None and "workbook" not in public
    assert Server(tmp_path).exposure_note() is None
