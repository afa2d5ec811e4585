"""`netcard serve`: build both profiles, serve them on 127.0.0.1, rebuild on change, reload.

The public card is served at `/` and the workbook at `/_workbook/` (with
`--profile`, only that one, at `/`). The workbook's path cannot be an id or a
language folder, so it never hides the card's own `workbook/` section, which
holds the workbook pages marked public.

Three threads cooperate. The HTTP server (standard library, one thread a request)
serves the profile folders exactly as `netcard build` wrote them, and adds the
reload script to HTML responses on the way out, so the script never reaches a
built file; under `/_workbook/` it also points the few root-relative links (those
of the 404 pages) into the workbook. The watcher (watchfiles) waits for changes
under content/ and themes/, coalesces bursts, and calls the same `build()` as
`netcard build` for the profiles served.
Builds are atomic, so the folder being served is always the last good build;
a failed build only changes the status that the browsers receive as
server-sent events and show as an overlay.

No client can hold the server up (see `Limits`): a request must arrive within a
time limit, a limited number are answered at once (more wait a moment, then get
a 503), and the pages listening for reloads are counted apart and dropped when
they go away. Browsers are answered only under this computer's own names, IP
addresses and the names given with --allow-host, so that no other website can
read the pages through a name of its own (DNS rebinding).

The first Ctrl-C stops cleanly: a build in progress is abandoned at its next safe
point, before it changes the output; a second stops at once, and says truly in
what state the output may be left (see `generator.cancel`).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import http.server
import io
import ipaddress
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import unquote

from generator.cancel import BuildCancelled, Cancel
from generator.mime import content_type
from generator.model.profile import PROFILES, Profile
from generator.names import DEFAULT_OUTPUT, WORKBOOK_MOUNT
from generator.paths import default_theme_dir
from generator.rebuilds import keep_between_builds

# netcard serve's own addresses. The reload script is added to every page; it asks for
# the others beside itself, by their names after the prefix (netcard-reload.js).
PREFIX = "/__netcard__/"
RELOAD_SCRIPT = PREFIX + "reload.js"
OVERLAY_STYLE = PREFIX + "overlay.css"
EVENTS = PREFIX + "events"
STATUS = PREFIX + "status"
LANGUAGE_FOLDER = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
ANY_ADDRESS = frozenset({"0.0.0.0", "::", "[::]"})
# Where each profile is served when both are.
MOUNT_PATHS = {Profile.PUBLIC: "/", Profile.WORKBOOK: WORKBOOK_MOUNT}
SITE_NAMES = {Profile.PUBLIC: "the public card", Profile.WORKBOOK: "the workbook"}
# The files of netcard serve itself (the browser side), in the built-in theme's serve/
# folder: served only by netcard serve, never copied into a built site.
OWN_FILES = {RELOAD_SCRIPT: "netcard-reload.js", OVERLAY_STYLE: "netcard-overlay.css"}
HTML = content_type("index.html")
ROOT_RELATIVE_LINK = re.compile(rb"""(\s(?:href|src|action)\s*=\s*["'])/(?![/\\])""",
                                re.IGNORECASE)
WATCH_STEP_MS = 50  # quiet time that ends a burst of changes (an editor's save)
WATCH_DEBOUNCE_MS = 1600  # longest burst gathered into one rebuild
WATCH_TIMEOUT_MS = 250  # how often the watcher wakes up when idle (readiness, stop)

NOT_BUILT_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>netcard serve</title></head>
<body><h1>The site has not been built yet</h1>
<p>netcard could not build the site; the terminal lists what to fix.
This page reloads by itself when the build succeeds.</p></body></html>
"""

BUSY_ANSWER = (
    b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Cache-Control: no-store\r\nRetry-After: 2\r\nConnection: close\r\n\r\n"
    b"netcard serve is busy: it is already answering as many requests as it takes at "
    b"once. Reload the page in a moment.\n")
BUSY_READ_SECONDS = 1.0  # the longest a refused connection's request is read (see _refuse)
STREAM_RETRY_MS = 10000  # a page turned away by a full event-stream pool asks again after this


# ---------------------------------------------------------------- limits and names


@dataclass(frozen=True)
class Limits:
    """How long and how many: generous for browsers, and nothing without a bound.

    `request_seconds`: a request must arrive whole within this time, and each later
    read or write may wait no longer (a client that stops reading is dropped).
    `connections`: requests answered at once; a further one waits up to
    `wait_seconds` for one of them to finish, then gets a 503. `streams`: pages
    listening for reloads, counted apart; each is written to every
    `keepalive_seconds`, so one that went away is noticed and dropped. `backlog`:
    connections the system holds while netcard takes the ones before them.
    """

    request_seconds: float = 20.0
    connections: int = 64
    wait_seconds: float = 5.0
    streams: int = 128
    keepalive_seconds: float = 15.0
    backlog: int = 1024


def host_name(header: str) -> str:
    """The name in a Host header, without port, IPv6 brackets or final dot, lower-case."""
    header = header.strip()
    if header.startswith("["):
        name = header[1:].split("]", 1)[0]
    elif header.count(":") == 1:
        name = header.split(":", 1)[0]
    else:
        name = header
    return name.rstrip(".").lower()


def is_ip_address(name: str) -> bool:
    """An IP address (any): the browser's origin is then the address itself, which no
    other website can take over, unlike a name it controls (DNS rebinding)."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def machine_names() -> set[str]:
    """This computer's names and addresses, as far as the standard library finds them."""
    hostname = socket.gethostname()
    names = {hostname, f"{hostname}.local"}  # .local: the name on the local network (mDNS)
    lookups: list[Callable[[], Iterable[str]]] = [
        lambda: [socket.getfqdn()],
        lambda: _flatten(socket.gethostbyname_ex(hostname)),
        lambda: [name for *_, canonical, address in
                 socket.getaddrinfo(hostname, None, flags=socket.AI_CANONNAME)
                 for name in (canonical, str(address[0]))],
    ]
    for lookup in lookups:
        with contextlib.suppress(OSError, UnicodeError):
            names.update(lookup())
    return {host_name(name) for name in names if name}


def _flatten(found: tuple[str, list[str], list[str]]) -> list[str]:
    canonical, aliases, addresses = found
    return [canonical, *aliases, *addresses]


def allowed_host_names(host: str, allow_hosts: Iterable[str]) -> frozenset[str]:
    """The names browsers may use: the loopback names and those given with --allow-host;
    when serving beyond this computer, also its own names and the --host given."""
    names = {host_name(name) for name in LOOPBACK_NAMES}
    names.update(host_name(name) for name in allow_hosts if name.strip())
    if host not in LOOPBACK_NAMES:
        names.update(machine_names())
        if host not in ANY_ADDRESS:
            names.add(host_name(host))
    return frozenset(names)


def refused_host_page(name: str) -> bytes:
    """What a browser shows for a name netcard serve does not answer to. It lists none
    of the names it does answer to: the page asking may be another website's."""
    shown = re.sub(r"[^A-Za-z0-9.:_-]", "?", name)[:200] or "?"
    return (f"netcard serve does not answer to the name {shown}.\n\nIt answers only to "
            "this computer's own names and IP addresses, so that no other website can read "
            "these pages through a name of its own (DNS rebinding).\nIf you typed this "
            "address yourself, stop netcard serve (Ctrl-C) and start it again with "
            f"--allow-host {shown}\n").encode()


# ---------------------------------------------------------------- build state


@dataclass(frozen=True)
class Event:
    number: int
    name: str
    data: str


class BuildState:
    """The latest build's outcome, and the events the open pages listen to.

    `generation` counts successful builds: a page remembers the generation it
    was served with and reloads when a newer one exists.
    """

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._status: dict[str, Any] = {"ok": True, "generation": 0, "builds": 0,
                                        "kind": "ok", "title": "", "summary": "", "errors": []}
        self._events: list[Event] = []
        self._closed = False

    def status(self) -> dict[str, Any]:
        with self._condition:
            return dict(self._status)

    @property
    def generation(self) -> int:
        with self._condition:
            return int(self._status["generation"])

    @property
    def last_event(self) -> int:
        with self._condition:
            return self._events[-1].number if self._events else 0

    def succeeded(self) -> None:
        with self._condition:
            self._status = {"ok": True, "generation": self._status["generation"] + 1,
                            "builds": self._status["builds"] + 1, "kind": "ok",
                            "title": "", "summary": "", "errors": []}
            self._publish("status", self._status)
            self._publish("reload", {"generation": self._status["generation"]})

    def failed(self, kind: str, title: str, errors: list[dict[str, Any]]) -> None:
        with self._condition:
            summary = ("The page shows the last good build. Fix the problem and save; "
                       "this page reloads by itself.")
            self._status = {"ok": False, "generation": self._status["generation"],
                            "builds": self._status["builds"] + 1, "kind": kind,
                            "title": title, "summary": summary, "errors": errors}
            self._publish("status", self._status)

    def _publish(self, name: str, data: dict[str, Any]) -> None:
        number = self._events[-1].number + 1 if self._events else 1
        self._events.append(Event(number, name, json.dumps(data, ensure_ascii=False)))
        del self._events[:-64]  # a page that misses more than this reloads anyway
        self._condition.notify_all()

    def wait_events(self, after: int, timeout: float) -> list[Event] | None:
        """Events newer than `after`, waiting up to `timeout`; None once the server stops."""
        with self._condition:
            self._condition.wait_for(
                lambda: self._closed or (bool(self._events) and self._events[-1].number > after),
                timeout)
            if self._closed:
                return None
            return [event for event in self._events if event.number > after]

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()


def _report_failure(exc: BaseException) -> tuple[str, str, list[dict[str, Any]]]:
    """(kind, title, errors) for the overlay, and print what `netcard build` would."""
    from generator import plural
    from generator.errors import ContentErrors, EnvironmentProblem, UsageError, environment_problem
    from generator.search import SearchIndexError

    if isinstance(exc, OSError):  # a full disk, a read-only folder …: the machine's doing
        exc = environment_problem(exc) or exc
    if isinstance(exc, ContentErrors):
        print(exc.report(), file=sys.stderr, flush=True)
        errors = [{"file": e.file, "line": e.line, "column": e.column,
                   "location": e.location(), "message": e.message, "hint": e.hint}
                  for e in exc.shown()]
        count = len(exc.errors)  # all of them, though only the first are listed
        return ("content", "netcard: " + plural.english(
            count, "{count} problem", "{count} problems") + " in the content", errors)
    if isinstance(exc, (UsageError, SearchIndexError, EnvironmentProblem)):
        print(f"netcard: error: {exc}", file=sys.stderr, flush=True)
        return ("usage", "netcard: the site could not be built",
                [{"file": "", "line": 0, "column": 0, "location": "", "message": str(exc),
                  "hint": ""}])
    if os.environ.get("NETCARD_DEBUG"):
        traceback.print_exception(exc)
    message = f"internal error ({type(exc).__name__}: {exc})"
    hint = ("this is a bug in netcard, not in your content; the page shows the last good "
            "build. Run again with NETCARD_DEBUG=1 to see the details.")
    print(f"netcard: {message}.\nThis is a bug in netcard, not in your content; the server "
          "keeps serving the last good build. Run again with NETCARD_DEBUG=1 to see the "
          "details.", file=sys.stderr, flush=True)
    return ("bug", "netcard: internal error",
            [{"file": "", "line": 0, "column": 0, "location": "", "message": message,
              "hint": hint}])


# ---------------------------------------------------------------- paths


@dataclass(frozen=True)
class Target:
    """What a request path points at: a file, a redirect (add '/'), or nothing."""

    kind: str  # "file", "redirect" or "missing"
    path: Path | None = None
    location: str = ""


MISSING = Target("missing")


def resolve_request(root: Path, raw_target: str) -> Target:
    """Map a raw request target onto a file inside `root`, refusing anything else.

    The raw target is checked before and after decoding, so encoded dots,
    slashes, backslashes and NULs cannot smuggle a '..' past the check, and the
    resolved path (symlinks followed) must still lie inside the root.
    """
    path = raw_target.split("#", 1)[0].split("?", 1)[0]
    if not path.startswith("/") or "\\" in path:
        return MISSING
    lowered = path.lower()
    if "%2f" in lowered or "%5c" in lowered or "%00" in lowered:
        return MISSING
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return MISSING
    if "\x00" in decoded or "\\" in decoded:
        return MISSING
    is_folder_url = decoded.endswith("/")
    inner = decoded[1:-1] if is_folder_url else decoded[1:]
    parts = inner.split("/") if inner else []
    if any(part in ("", ".", "..") or ":" in part for part in parts):
        return MISSING
    return _inside_root(root, parts, is_folder_url, path)


def _inside_root(root: Path, parts: list[str], is_folder_url: bool, url_path: str) -> Target:
    try:
        real_root = root.resolve(strict=True)
        candidate = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return MISSING
    if not candidate.is_relative_to(real_root):
        return MISSING
    if candidate.is_dir():
        if not is_folder_url and parts:
            return Target("redirect", location=url_path + "/")
        index = candidate / "index.html"
        if index.is_file() and index.resolve().is_relative_to(real_root):
            return Target("file", index)
        return MISSING
    if is_folder_url or not candidate.is_file():
        return MISSING
    return Target("file", candidate)


def not_found_page(root: Path, raw_target: str) -> Path | None:
    """The 404 page in the language the path starts with (sv/…), else the default one."""
    first = raw_target.split("?", 1)[0].lstrip("/").split("/", 1)[0]
    candidates = [root / first / "404.html"] if LANGUAGE_FOLDER.match(first) else []
    candidates.append(root / "404.html")
    for page in candidates:
        with contextlib.suppress(OSError, RuntimeError):
            if page.is_file() and page.resolve().is_relative_to(root.resolve()):
                return page
    return None


@functools.cache
def own_file(name: str) -> bytes:
    """A file of netcard serve itself (see OWN_FILES), read once."""
    return (default_theme_dir() / "serve" / name).read_bytes()


def inject_reload_script(html: bytes, generation: int) -> bytes:
    """Add the reload script before the last </body> (or at the end)."""
    tag = f'<script src="{RELOAD_SCRIPT}?g={generation}" defer></script>'.encode()
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + tag
    return html[:at] + tag + html[at:]


@dataclass(frozen=True)
class Mount:
    """One profile's output folder, served under a URL path that ends in '/'."""

    profile: Profile
    path: str
    root: Path

    def inner_target(self, raw_target: str) -> str | None:
        """The request target as seen from this profile's root ('/_workbook/x' → '/x');
        '' for the path without its closing slash; None when the target is elsewhere."""
        if self.path == "/":
            return raw_target
        path = raw_target.split("#", 1)[0].split("?", 1)[0]
        if path == self.path[:-1]:
            return ""
        if path.startswith(self.path):
            return raw_target[len(self.path) - 1:]
        return None


def rebase_links(html: bytes, path: str) -> bytes:
    """Point root-relative links ('/assets/…') of a page served under `path` into it."""
    if path == "/":
        return html
    return ROOT_RELATIVE_LINK.sub(lambda match: match.group(1) + path.encode(), html)


# ---------------------------------------------------------------- HTTP


class _HTTPServer(http.server.ThreadingHTTPServer):
    """One thread a connection, within `Limits`: a connection takes one of the request
    slots before its thread starts (waiting a moment for one, else answered 503), and
    an event stream moves to a slot of its own kind, so open pages never crowd out
    requests. Threads are not waited for on close: none can run long."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], app: Server) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.app = app
        self.limits = app.limits
        self.request_queue_size = app.limits.backlog
        self.closing = False
        self._requests = threading.BoundedSemaphore(app.limits.connections)
        self._streams = threading.BoundedSemaphore(app.limits.streams)
        self._held = threading.local()  # the slot the connection of this thread holds
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._wait_for_slot():
            _refuse(request, BUSY_ANSWER, min(BUSY_READ_SECONDS, self.limits.request_seconds))
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._requests.release()
            raise

    def _wait_for_slot(self) -> bool:
        """A request slot, waiting up to `wait_seconds` (meanwhile, newer connections
        wait in the system's backlog); False when none came free, or on stop."""
        deadline = time.monotonic() + self.limits.wait_seconds
        while not self.closing:
            left = deadline - time.monotonic()
            if self._requests.acquire(timeout=max(0.0, min(left, 0.1))):
                return True
            if left <= 0:
                return False
        return False

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        self._held.slot = self._requests
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._held.slot.release()

    def become_stream(self) -> bool:
        """Move this thread's connection from a request slot to an event-stream slot;
        False (keeping the request slot) when every stream slot is taken."""
        if not self._streams.acquire(blocking=False):
            return False
        self._held.slot.release()
        self._held.slot = self._streams
        return True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away, or was too slow: nothing to report
        super().handle_error(request, client_address)


def _refuse(connection: socket.socket, answer: bytes, read_seconds: float) -> None:
    """Answer a connection without a thread of its own. Its request is read first, as
    far as it arrives within `read_seconds`: closing a connection with unread data
    resets it, and the browser would lose the answer."""
    with contextlib.suppress(OSError):
        connection.settimeout(read_seconds)
        received = b""
        while b"\r\n\r\n" not in received and len(received) < 65536:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
    with contextlib.suppress(OSError):
        connection.settimeout(read_seconds)
        connection.sendall(answer)


class _HeadReader(io.RawIOBase):
    """The connection's bytes for the request parser. The request head must arrive
    whole before `deadline` (a client sending a byte now and then holds no thread for
    long); every read waits at most the socket's own timeout."""

    def __init__(self, connection: socket.socket, seconds: float) -> None:
        super().__init__()
        self._connection = connection
        self.deadline: float | None = time.monotonic() + seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request did not arrive in time")
            self._connection.settimeout(left)
        return self._connection.recv_into(buffer)


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "netcard-serve"

    @property
    def app(self) -> Server:
        server = self.server
        assert isinstance(server, _HTTPServer)
        return server.app

    @property
    def http_server(self) -> _HTTPServer:
        server = self.server
        assert isinstance(server, _HTTPServer)
        return server

    def setup(self) -> None:
        super().setup()
        seconds = self.app.limits.request_seconds
        self.connection.settimeout(seconds)  # each read and each write
        self._head = _HeadReader(self.connection, seconds)
        self.rfile = io.BufferedReader(self._head)

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self._head.deadline = None  # the head has arrived: from here on, the timeout per step
        self.connection.settimeout(self.app.limits.request_seconds)
        return parsed

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal belongs to build reports."""

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        hosts = self.headers.get_all("Host", [""])
        refused = [host for host in hosts if not self.app.host_allowed(host)]
        if refused:
            self._send(403, "text/plain; charset=utf-8", refused_host_page(host_name(refused[0])),
                       head)
            return
        path = self.path.split("?", 1)[0]
        if path == EVENTS:
            self._stream_events(head)
        elif path == STATUS:
            body = json.dumps(self.app.state.status(), ensure_ascii=False).encode()
            self._send(200, "application/json", body, head)
        elif path in OWN_FILES:
            name = OWN_FILES[path]
            self._send(200, content_type(name), own_file(name), head)
        else:
            self._serve_file(head)

    def _serve_file(self, head: bool) -> None:
        mount, inner = self.app.mount_for(self.path)
        if not inner:  # '/_workbook' without its closing slash
            self._redirect(mount.path, head)
            return
        if not mount.root.is_dir():
            self._send(503, HTML, self._html(NOT_BUILT_HTML.encode()), head)
            return
        target = resolve_request(mount.root, inner)
        if target.kind == "redirect":
            self._redirect(mount.path[:-1] + target.location, head)
            return
        status, page = 200, target.path
        if target.kind == "missing":
            status, page = 404, not_found_page(mount.root, inner)
        body = self._read(page)
        if page is None or body is None:
            self._send(404, "text/plain; charset=utf-8", b"404 Not Found\n", head)
            return
        kind = content_type(page.name)
        if kind.startswith("text/html"):
            body = self._html(rebase_links(body, mount.path))
        self._send(status, kind, body, head)

    def _redirect(self, location: str, head: bool) -> None:
        self._send(301, "text/plain; charset=utf-8", b"", head, {"Location": location})

    @staticmethod
    def _read(path: Path | None) -> bytes | None:
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:  # swapped away by a rebuild between resolving and reading
            return None

    def _html(self, body: bytes) -> bytes:
        return inject_reload_script(body, self.app.state.generation)

    def _send(self, status: int, kind: str, body: bytes, head: bool,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            with contextlib.suppress(OSError):
                self.wfile.write(body)

    def _stream_events(self, head: bool) -> None:
        if head or not self.http_server.become_stream():
            self._turn_stream_away(head)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        state = self.app.state
        seen = state.last_event
        first = f"retry: 1000\nevent: status\ndata: {json.dumps(state.status())}\n\n"
        if not self._write(first):
            return
        while True:
            events = state.wait_events(seen, self.app.limits.keepalive_seconds)
            if events is None:
                return
            text = "".join(f"id: {e.number}\nevent: {e.name}\ndata: {e.data}\n\n"
                           for e in events) or ": keep-alive\n\n"
            if events:
                seen = events[-1].number
            if not self._write(text):
                return

    def _turn_stream_away(self, head: bool) -> None:
        """Every stream slot is taken (or HEAD): the page is told to ask again later
        (an EventSource reconnects by itself after `retry`), and keeps working."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self._write(f"retry: {STREAM_RETRY_MS}\n: netcard serve has too many open pages; "
                        "this one asks again in a moment\n\n")

    def _write(self, text: str) -> bool:
        try:
            self.wfile.write(text.encode())
            self.wfile.flush()
        except OSError:  # the page went away
            return False
        return True


# ---------------------------------------------------------------- the server


class Server:
    """A running `netcard serve`: start() builds and serves, stop() ends both threads.

    With no `profile`, both profiles are built and served (see MOUNT_PATHS); with one,
    only that one, at '/'. port=0 picks a free port (tests); `port` tells which one
    after start(). `allow_hosts`: further names browsers may use (--allow-host);
    `limits`: see `Limits`.
    """

    def __init__(self, site_dir: Path, out_dir: Path | None = None, profile: str | None = None,
                 host: str = "127.0.0.1", port: int = 8000, *,
                 allow_hosts: Iterable[str] = (), limits: Limits | None = None) -> None:
        keep_between_builds()  # each rebuild parses only the files that changed, …
        self.site_dir = site_dir
        self.out_dir = out_dir if out_dir is not None else site_dir / DEFAULT_OUTPUT
        self.profiles = PROFILES if profile is None else (Profile(profile),)
        mounts = [Mount(name, MOUNT_PATHS[name] if profile is None else "/", self.out_dir / name)
                  for name in self.profiles]
        self.mounts = tuple(sorted(mounts, key=lambda mount: mount.path == "/"))  # '/' last
        self.host = host
        self.port = port
        self.allow_hosts = tuple(allow_hosts)
        self.limits = limits if limits is not None else Limits()
        self.state = BuildState()
        self.abandoned = False  # a build was abandoned because the server stopped
        self._cancel = Cancel()
        self._build_lock = threading.Lock()
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._http: _HTTPServer | None = None
        self._threads: list[threading.Thread] = []

    def mount(self, profile: str) -> Mount:
        return next(mount for mount in self.mounts if mount.profile == profile)

    def mount_for(self, raw_target: str) -> tuple[Mount, str]:
        """The profile a request target is for, and the target inside that profile."""
        for mount in self.mounts:  # the one at '/' comes last
            inner = mount.inner_target(raw_target)
            if inner is not None:
                return mount, inner
        raise AssertionError("one profile is always served at '/'")

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.host in ANY_ADDRESS:
            host = "127.0.0.1"
        return f"http://{host}:{self.port}/"

    def url_of(self, profile: str) -> str:
        return self.url + self.mount(profile).path[1:]

    def sites(self) -> str:
        """'the public card and the workbook', or the one served."""
        return " and ".join(SITE_NAMES[name] for name in self.profiles)

    def serving_message(self) -> str:
        """Where each profile is, in plain words, for the terminal."""
        if len(self.profiles) == 1:
            name = self.profiles[0]
            where = f"only {SITE_NAMES[name]} (--profile {name}) at {self.url}"
        else:
            where = " and ".join(f"{SITE_NAMES[name]} at {self.url_of(name)}"
                                 for name in self.profiles)
        scope = " (this computer only)" if self.host in LOOPBACK_NAMES else ""
        return f"Serving {where}{scope}. Ctrl-C stops."

    def exposure_note(self) -> str | None:
        """What serving beyond this computer exposes, and under which names; None on
        loopback."""
        if self.host in LOOPBACK_NAMES:
            return None
        lines = [f"netcard: note: --host {self.host} lets other computers on your network "
                 f"open {self.sites()}."]
        if any(profile.includes_internal for profile in self.profiles):
            lines.append("The workbook is internal: anyone on your network who can reach "
                         "this computer can read it.")
        names = sorted(name for name in self.allowed_names
                       if name not in LOOPBACK_NAMES and not is_ip_address(name))
        known = f" and its names ({', '.join(names)})" if names else ""
        lines.append(f"Browsers are answered at this computer's IP addresses{known}; to "
                     "use another name, start again with --allow-host NAME.")
        return "\n".join(lines)

    def watched_paths(self) -> list[Path]:
        return [p for p in (self.site_dir / "content", self.site_dir / "themes") if p.is_dir()]

    @cached_property
    def allowed_names(self) -> frozenset[str]:
        """The names browsers may reach this server by (IP addresses are always allowed)."""
        return allowed_host_names(self.host, self.allow_hosts)

    def host_allowed(self, header: str) -> bool:
        """Guard against DNS rebinding: answer only to IP addresses and known names.

        A request without a Host header comes from no browser, so from no website."""
        if not header:
            return True
        name = host_name(header)
        return is_ip_address(name) or name in self.allowed_names

    def start(self) -> None:
        """Bind the port, start watching, build once, then serve (unless stopped)."""
        self._bind()
        assert self._http is not None
        _ = self.allowed_names  # the look-ups of this computer's names, once, before serving
        watcher = threading.Thread(target=self._watch, name="netcard-watch", daemon=True)
        self._threads.append(watcher)
        watcher.start()
        # Watch before the first build, so no edit made during it goes unnoticed.
        self._watching.wait(timeout=30)
        if self.stopping:
            return
        self.rebuild()
        if self.stopping:
            return
        http_thread = threading.Thread(target=self._http.serve_forever, name="netcard-http",
                                       kwargs={"poll_interval": 0.2}, daemon=True)
        self._threads.append(http_thread)
        http_thread.start()

    def _bind(self) -> None:
        from generator.errors import UsageError

        if self._http is not None:
            return
        if not 0 <= self.port <= 65535:
            raise UsageError(f"--port {self.port} is not a port; use a number from 1 to 65535")
        try:
            self._http = _HTTPServer((self.host, self.port), self)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {self.port} is already in use; choose another with "
                                 "--port") from None
            raise UsageError(f"cannot serve on {self.host}:{self.port} ({exc.strerror}); "
                             "check --host and --port") from None
        self.port = int(self._http.server_address[1])

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    @property
    def output_changing(self) -> bool:
        """Whether a build is moving files into the output right now."""
        return self._cancel.changing

    @property
    def output_may_be_partial(self) -> bool:
        """Whether the output is being changed, or a change of it was broken off."""
        return self._cancel.output_may_be_partial

    def request_stop(self) -> None:
        """Ask the server to stop (the first Ctrl-C): a build in progress is abandoned at
        its next safe point, before it changes the output, or, if it is already moving
        its files into place, finishes that first."""
        self._cancel.request()
        self._stop.set()

    def stop(self, wait: bool = True) -> None:
        """Stop the watcher and the server; with `wait`, until the build in progress (if
        any) has been abandoned or has finished changing the output."""
        self.request_stop()
        self.state.close()
        if self._http is not None:
            self._http.closing = True
            if any(t.name == "netcard-http" and t.is_alive() for t in self._threads):
                self._http.shutdown()
            self._http.server_close()
        if wait:
            for thread in self._threads:
                thread.join(timeout=60)
            self._threads.clear()

    def rebuild(self) -> bool:
        """Build once; report failures in the terminal and to the open pages."""
        from generator.build import build, complete_preview
        from generator.commands import _print_warnings

        with self._build_lock:
            if self.stopping:
                return False
            started = time.perf_counter()
            try:
                result = build(self.site_dir, self.out_dir, self.profiles, preview=True,
                               cancel=self._cancel)
            except Exception as exc:
                return self._failed(exc)
            self.state.succeeded()  # the open pages reload now; the rest follows below
            _print_warnings(result.warnings)
            pages = sum(len(r.page_paths) for r in result.profiles.values())
            seconds = time.perf_counter() - started
            print(f"Built {pages} pages ({', '.join(self.profiles)}) in {seconds:.2f} s",
                  flush=True)
            if result.incomplete:
                try:
                    complete_preview(self.site_dir, self.out_dir, result, self._cancel)
                except Exception as exc:
                    return self._failed(exc)
            return True

    def _failed(self, exc: Exception) -> bool:
        """A build that failed, or was abandoned because the server is stopping (then
        nothing is reported: a tool it ran may have had the same Ctrl-C)."""
        if isinstance(exc, BuildCancelled) or self.stopping:
            self.abandoned = True
            return False
        self.state.failed(*_report_failure(exc))
        return False

    def _watch(self) -> None:
        import watchfiles

        paths = self.watched_paths()
        try:
            for changes in watchfiles.watch(
                    *paths, debounce=WATCH_DEBOUNCE_MS, step=WATCH_STEP_MS,
                    stop_event=self._stop, rust_timeout=WATCH_TIMEOUT_MS,
                    yield_on_timeout=True, raise_interrupt=False):
                self._watching.set()
                if changes and not self._stop.is_set():
                    self._announce(changes)
                    self.rebuild()
        except Exception as exc:  # the watcher died: say so, keep serving
            print(f"netcard: watching for changes stopped ({type(exc).__name__}: {exc}); "
                  "restart netcard serve to rebuild on change", file=sys.stderr, flush=True)
        finally:
            self._watching.set()  # start() waits for this, also when stopped before

    def _announce(self, changes: set[tuple[Any, str]]) -> None:
        names = sorted({os.path.relpath(path, self.site_dir) for _, path in changes})
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        print(f"Changed: {shown}; rebuilding…", flush=True)

    def wait(self, until: Callable[[], bool] = lambda: False) -> None:
        """Block until stop() or `until()`; wakes often so Ctrl-C is handled at once."""
        while not self._stop.is_set() and not until():
            self._stop.wait(0.5)


# ---------------------------------------------------------------- the command


STOPPING_NOTE = ("netcard: stopping once the files being written are in place. Ctrl-C "
                 "again stops at once, but may leave the output partly updated.")
ABANDONED_NOTE = ("netcard: the build in progress was abandoned; the next build brings the "
                  "output up to date.")
FORCED_PARTIAL = ("netcard: stopped at once, while the output was being updated: it may be "
                  "partly updated. The next build (netcard build or netcard serve) repairs it.")
FORCED_WHOLE = ("netcard: stopped at once. The output was not being changed at that moment; "
                "the next build brings it up to date.")


class CtrlC:
    """Ctrl-C in `netcard serve`: the first asks the server to stop (see
    `Server.request_stop`), a second stops at once (KeyboardInterrupt).

    Installed as the SIGINT handler of the main thread. It prints nothing (the main
    thread may be half-way through a print of its own); `run_serve` does. The render
    workers forked during a build inherit it and, as they get the terminal's Ctrl-C
    too, leave the decision to the server."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.pid = os.getpid()
        self.presses = 0

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.pid:
            return
        self.presses += 1
        if self.presses > 1:
            raise KeyboardInterrupt
        self.server.request_stop()


@contextlib.contextmanager
def _ctrl_c_handled(server: Server) -> Iterator[None]:
    """CtrlC as the SIGINT handler while serving (only the main thread can install one)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, CtrlC(server))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_serve(site: Path, output: Path | None, profile: str | None, host: str,
              port: int, allow_hosts: Iterable[str] = ()) -> int:
    """`netcard serve`: runs until Ctrl-C, then stops cleanly with exit code 0 (130 when
    a second Ctrl-C stopped it at once).

    No `profile`: both, the public card at '/' and the workbook at WORKBOOK_MOUNT."""
    from generator.commands import _site_dir
    from generator.errors import UsageError
    from generator.load.paths import is_inside

    site_dir = _site_dir(site)
    server = Server(site_dir, output, profile, host, port, allow_hosts=allow_hosts)
    for folder in ("content", "themes"):
        if is_inside(server.out_dir, site_dir / folder):
            raise UsageError(f"the output folder is inside {folder}/, so every build would "
                             "start another; choose another with -o")
    with _ctrl_c_handled(server):
        try:
            _serve_until_stopped(server)
        except KeyboardInterrupt:  # a second Ctrl-C
            server.stop(wait=False)
            partial = server.output_may_be_partial
            print(FORCED_PARTIAL if partial else FORCED_WHOLE, file=sys.stderr, flush=True)
            return 130
        except BaseException:
            server.stop(wait=False)
            raise
    print("Stopped.", flush=True)
    return 0


def _serve_until_stopped(server: Server) -> None:
    """Serve until the first Ctrl-C, then stop, waiting for the build in progress (if
    any) to be abandoned or to finish moving its files into place."""
    server.start()
    if not server.stopping:
        print(server.serving_message(), flush=True)
        note = server.exposure_note()
        if note:
            print(note, file=sys.stderr, flush=True)
        server.wait()
    if server.output_changing:
        print(STOPPING_NOTE, file=sys.stderr, flush=True)
    server.stop()
    if server.abandoned:
        print(ABANDONED_NOTE, file=sys.stderr, flush=True)
