"""No client holds `netcard serve` up: slow requests are dropped, the connections answered
at once are capped (the rest wait, then get a clear 503), open pages listening for
reloads are counted apart and dropped when they go away, and a burst of connections
waits in the backlog instead of being turned away by the system.

The limits are tiny here so that the tests run fast; every wait is a bounded poll that
only fails the test when the behaviour is wrong, and everything is on 127.0.0.1.
"""

from __future__ import annotations

import errno
import select
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from generator.serve import Limits, Server
from tests.serve.serve_helpers import TIMEOUT, get, wait_for

REQUEST = b"GET /robots.txt HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)


def _closed_by_server(sock: socket.socket) -> bool:
    """Wait (bounded by the socket's timeout) until the server ends the connection."""
    try:
        while True:
            if not sock.recv(4096):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


@contextmanager
def _open(count: int, port: int) -> Iterator[list[socket.socket]]:
    sockets = [_connect(port) for _ in range(count)]
    try:
        yield sockets
    finally:
        for sock in sockets:
            sock.close()


def _status_line(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.split(b"\r\n", 1)[0]


@pytest.mark.slow
def test_silent_and_half_sent_requests_are_dropped(make_site, start_server) -> None:
    server = start_server(make_site(), limits=Limits(request_seconds=0.3))
    with _open(2, server.port) as (silent, half):
        half.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        assert _closed_by_server(silent)
        assert _closed_by_server(half)


@pytest.mark.slow
def test_a_request_trickling_in_is_dropped(make_site, start_server) -> None:
    """Each header line arrives well within the time allowed for one read, but the
    request as a whole takes far longer than allowed for it."""
    server = start_server(make_site(), limits=Limits(request_seconds=0.5))
    with _open(1, server.port) as (slow,):
        slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        closed = False
        for number in range(90):  # 90 lines, 9 s at the pace below; fewer than 100 headers
            try:
                slow.sendall(f"X-Line-{number}: x\r\n".encode())
            except OSError:
                closed = True
                break
            readable, _, _ = select.select([slow], [], [], 0.1)
            if readable:
                closed = _closed_by_server(slow)
                break
        assert closed, "the server kept reading a request that never ended"


@pytest.mark.slow
def test_a_request_waits_for_a_free_slot_while_slow_ones_time_out(make_site,
                                                                  start_server) -> None:
    limits = Limits(request_seconds=0.5, connections=4, wait_seconds=TIMEOUT)
    server = start_server(make_site(), limits=limits)
    with _open(4, server.port) as slow:
        reply = get(server.port, "/robots.txt")  # all slots taken: waits for one to free up
        assert reply.status == 200
        assert all(_closed_by_server(sock) for sock in slow)


def test_many_slow_clients_below_the_cap_do_not_stop_the_pages(make_site,
                                                               start_server) -> None:
    server = start_server(make_site(), limits=Limits(request_seconds=TIMEOUT, connections=32))
    with _open(24, server.port):
        for path in ("/", "/_workbook/", "/members/alpha/", "/__netcard__/status"):
            assert get(server.port, path).status == 200, path


@pytest.mark.slow
def test_beyond_the_cap_a_clear_503(make_site, start_server) -> None:
    limits = Limits(request_seconds=TIMEOUT, connections=2, wait_seconds=0.2)
    server = start_server(make_site(), limits=limits)
    with _open(2, server.port):  # accepted first, so they hold both slots
        busy = get(server.port, "/")
        assert busy.status == 503
        assert busy.headers["retry-after"] == "2"
        assert "busy" in busy.text and "Reload the page in a moment" in busy.text
    wait_for(lambda: get(server.port, "/").status == 200, "a free slot once they closed")


@pytest.mark.slow
def test_a_burst_of_connections_waits_in_the_backlog(make_site) -> None:
    """200 connections made before the server takes any: the system must hold them all
    (a listen backlog of 5 made most of them wait for SYN retries, seconds each)."""
    server = Server(make_site(), port=0, limits=Limits(wait_seconds=TIMEOUT))
    server._bind()  # listening, but nothing is accepted until start()
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(200)]
    try:
        for sock in sockets:
            sock.setblocking(False)
            assert sock.connect_ex(("127.0.0.1", server.port)) in (0, errno.EINPROGRESS)
        pending = set(sockets)
        deadline = time.monotonic() + TIMEOUT
        while pending and time.monotonic() < deadline:
            _, writable, _ = select.select([], list(pending), [], 1.0)
            pending.difference_update(writable)
        assert not pending, f"{len(pending)} of 200 connections were not taken by the system"
        assert all(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0 for sock in sockets)
        server.start()
        for sock in sockets:
            sock.settimeout(TIMEOUT)
            sock.sendall(REQUEST)
        statuses = [_status_line(sock) for sock in sockets]
        assert statuses == [b"HTTP/1.0 200 OK"] * 200
    finally:
        for sock in sockets:
            sock.close()
        server.stop()


def _open_stream(port: int) -> tuple[socket.socket, bool]:
    """An event stream, and whether it was taken (its first status event arrived) or
    turned away (told to ask again later, and closed)."""
    sock = _connect(port)
    sock.sendall(b"GET /__netcard__/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    data = b""
    while b"event: status" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            assert b"retry: " in data
            sock.close()
            return sock, False
        data += chunk
    return sock, True


def test_open_pages_do_not_take_the_request_slots(make_site, start_server) -> None:
    limits = Limits(connections=2, wait_seconds=0.2, streams=8)
    server = start_server(make_site(), limits=limits)
    streams = [_open_stream(server.port) for _ in range(4)]
    try:
        assert all(taken for _, taken in streams)
        assert get(server.port, "/").status == 200
    finally:
        for sock, _ in streams:
            sock.close()


def test_pages_that_went_away_are_noticed_and_dropped(make_site, start_server) -> None:
    limits = Limits(streams=2, keepalive_seconds=0.05)
    server = start_server(make_site(), limits=limits)
    first, second = (_open_stream(server.port) for _ in range(2))
    assert first[1] and second[1]
    _, taken = _open_stream(server.port)
    assert not taken  # every stream slot is held; the page is told to ask again later
    first[0].close()
    second[0].close()

    def a_stream_is_taken() -> socket.socket | None:
        sock, taken = _open_stream(server.port)
        return sock if taken else None

    wait_for(a_stream_is_taken, "a stream slot freed by the pages that went away").close()
