"""`netcard serve`: build one profile, serve it on 127.0.0.1, rebuild on change, reload.

Three threads cooperate. The HTTP server (standard library, one thread a request)
serves the profile folder exactly as `netcard build` wrote it, and adds the
reload script to HTML responses on the way out, so the script never reaches a
built file. The watcher (watchfiles) waits for changes under content/ and
themes/, coalesces bursts, and calls the same `build()` as `netcard build`.
Builds are atomic, so the folder being served is always the last good build;
a failed build only changes the status that the browsers receive as
server-sent events and show as an overlay.
"""

from __future__ import annotations

import contextlib
import errno
import http.server
import json
import os
import re
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

PREFIX = "/__netcard__/"
RELOAD_SCRIPT = PREFIX + "reload.js"
OVERLAY_STYLE = PREFIX + "overlay.css"
EVENTS = PREFIX + "events"
STATUS = PREFIX + "status"
LANGUAGE_FOLDER = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
KEEPALIVE_SECONDS = 15.0
WATCH_STEP_MS = 50  # quiet time that ends a burst of changes (an editor's save)
WATCH_DEBOUNCE_MS = 1600  # longest burst gathered into one rebuild
WATCH_TIMEOUT_MS = 250  # how often the watcher wakes up when idle (readiness, stop)

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".vcf": "text/vcard; charset=utf-8",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}

# The browser side. Plain ES5-style code, loaded as an external same-origin
# script because the pages' CSP allows no inline script. Error texts contain
# user content, so the overlay is built with textContent only.
RELOAD_JS = """\
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(new URL(script.src).searchParams.get("g") || "0");
  var overlay = null;
  var reloading = false;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function hideOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function showOverlay(status) {
    hideOverlay();
    if (!document.getElementById("netcard-overlay-style")) {
      var link = element("link");
      link.id = "netcard-overlay-style";
      link.rel = "stylesheet";
      link.href = "@OVERLAY_STYLE@";
      document.head.appendChild(link);
    }
    overlay = element("div", "netcard-overlay");
    overlay.id = "netcard-error-overlay";
    overlay.setAttribute("role", "alert");
    var box = element("div", "netcard-overlay-box");
    box.appendChild(element("h2", "", status.title));
    box.appendChild(element("p", "", status.summary));
    var list = element("ol", "netcard-overlay-errors");
    status.errors.forEach(function (error) {
      var item = element("li");
      if (error.location) { item.appendChild(element("code", "", error.location)); }
      item.appendChild(element("span", "netcard-overlay-message", error.message));
      if (error.hint) {
        item.appendChild(element("span", "netcard-overlay-hint", "how to fix: " + error.hint));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = element("button", "", "Hide");
    close.type = "button";
    close.addEventListener("click", hideOverlay);
    box.appendChild(close);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  function reload() {
    if (!reloading) { reloading = true; window.location.reload(); }
  }

  var newest = -1;  // the count of builds of the newest status applied

  function apply(status) {
    // The first status is fetched while the events stream in: an answer that arrives
    // late must not undo a newer one (hide the overlay of a build that failed since).
    if (status.builds < newest) { return; }
    newest = status.builds;
    if (!status.ok) { showOverlay(status); return; }
    hideOverlay();
    if (status.generation > shown) { reload(); }
  }

  function listen(name, handler) {
    source.addEventListener(name, function (event) { handler(JSON.parse(event.data)); });
  }

  var source = new EventSource("@EVENTS@");
  listen("status", apply);
  listen("reload", function (data) { if (data.generation > shown) { reload(); } });
  fetch("@STATUS@", {cache: "no-store"})
    .then(function (response) { return response.json(); })
    .then(apply)
    .catch(function () {});
})();
""".replace("@OVERLAY_STYLE@", OVERLAY_STYLE).replace("@EVENTS@", EVENTS).replace(
    "@STATUS@", STATUS)

OVERLAY_CSS = """\
.netcard-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
  background: rgba(20, 20, 20, 0.72); padding: 2rem 1rem; font: 15px/1.5 system-ui, sans-serif; }
.netcard-overlay-box { max-width: 52rem; margin: 0 auto; background: #fff; color: #1a1a1a;
  border-top: 6px solid #b3261e; border-radius: 6px; padding: 1.25rem 1.5rem; }
.netcard-overlay-box h2 { margin: 0 0 0.5rem; font-size: 1.25rem; color: #b3261e; }
.netcard-overlay-errors { padding-left: 1.5rem; }
.netcard-overlay-errors li { margin: 0.75rem 0; }
.netcard-overlay-errors code { display: block; font: 600 14px/1.4 ui-monospace, monospace;
  overflow-wrap: anywhere; }
.netcard-overlay-message, .netcard-overlay-hint { display: block; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.netcard-overlay-hint { color: #4a4a4a; }
.netcard-overlay-box button { font: inherit; padding: 0.25rem 1rem; }
"""

NOT_BUILT_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>netcard serve</title></head>
<body><h1>The site has not been built yet</h1>
<p>netcard could not build the site; the terminal lists what to fix.
This page reloads by itself when the build succeeds.</p></body></html>
"""


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
    from generator.errors import ContentErrors, UsageError
    from generator.search import SearchIndexError

    if isinstance(exc, ContentErrors):
        print(exc.report(), file=sys.stderr, flush=True)
        errors = [{"file": e.file, "line": e.line, "column": e.column,
                   "location": e.location(), "message": e.message, "hint": e.hint}
                  for e in exc.errors]
        count = len(errors)
        return ("content", f"netcard: {count} problem{'s' if count != 1 else ''} in the content",
                errors)
    if isinstance(exc, (UsageError, SearchIndexError)):
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


def content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    import mimetypes

    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def inject_reload_script(html: bytes, generation: int) -> bytes:
    """Add the reload script before the last </body> (or at the end)."""
    tag = f'<script src="{RELOAD_SCRIPT}?g={generation}" defer></script>'.encode()
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + tag
    return html[:at] + tag + html[at:]


# ---------------------------------------------------------------- HTTP


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], app: Server) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.app = app
        super().__init__(address, _Handler)


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "netcard-serve"

    @property
    def app(self) -> Server:
        server = self.server
        assert isinstance(server, _HTTPServer)
        return server.app

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal belongs to build reports."""

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        if not all(self.app.host_allowed(host) for host in self.headers.get_all("Host", [""])):
            self._send(403, "text/plain; charset=utf-8", b"netcard serve: unexpected Host "
                       b"header; serve with --host to allow other names\n", head)
            return
        path = self.path.split("?", 1)[0]
        if path == EVENTS:
            self._stream_events(head)
        elif path == STATUS:
            body = json.dumps(self.app.state.status(), ensure_ascii=False).encode()
            self._send(200, "application/json", body, head)
        elif path == RELOAD_SCRIPT:
            self._send(200, CONTENT_TYPES[".js"], RELOAD_JS.encode(), head)
        elif path == OVERLAY_STYLE:
            self._send(200, CONTENT_TYPES[".css"], OVERLAY_CSS.encode(), head)
        else:
            self._serve_file(head)

    def _serve_file(self, head: bool) -> None:
        root = self.app.root
        if not root.is_dir():
            self._send(503, CONTENT_TYPES[".html"], self._html(NOT_BUILT_HTML.encode()), head)
            return
        target = resolve_request(root, self.path)
        if target.kind == "redirect":
            self._send(301, "text/plain; charset=utf-8", b"", head,
                       {"Location": target.location})
            return
        status, page = 200, target.path
        if target.kind == "missing":
            status, page = 404, not_found_page(root, self.path)
        body = self._read(page)
        if page is None or body is None:
            self._send(404, "text/plain; charset=utf-8", b"404 Not Found\n", head)
            return
        kind = content_type(page)
        if kind.startswith("text/html"):
            body = self._html(body)
        self._send(status, kind, body, head)

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
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if head:
            return
        state = self.app.state
        seen = state.last_event
        first = f"retry: 1000\nevent: status\ndata: {json.dumps(state.status())}\n\n"
        if not self._write(first):
            return
        while True:
            events = state.wait_events(seen, KEEPALIVE_SECONDS)
            if events is None:
                return
            text = "".join(f"id: {e.number}\nevent: {e.name}\ndata: {e.data}\n\n"
                           for e in events) or ": keep-alive\n\n"
            if events:
                seen = events[-1].number
            if not self._write(text):
                return

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

    port=0 picks a free port (tests); `port` tells which one after start().
    """

    def __init__(self, site_dir: Path, out_dir: Path | None = None, profile: str = "workbook",
                 host: str = "127.0.0.1", port: int = 8000) -> None:
        self.site_dir = site_dir
        self.out_dir = out_dir if out_dir is not None else site_dir / "output"
        self.profile = profile
        self.host = host
        self.port = port
        self.state = BuildState()
        self._build_lock = threading.Lock()
        self._stop = threading.Event()
        self._watching = threading.Event()
        self._http: _HTTPServer | None = None
        self._threads: list[threading.Thread] = []

    @property
    def root(self) -> Path:
        return self.out_dir / self.profile

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        return f"http://{host}:{self.port}/"

    def watched_paths(self) -> list[Path]:
        return [p for p in (self.site_dir / "content", self.site_dir / "themes") if p.is_dir()]

    def host_allowed(self, header: str) -> bool:
        """Guard against DNS rebinding: on loopback, answer only to loopback names."""
        if self.host not in LOOPBACK_NAMES or not header:
            return True
        name = header.rsplit(":", 1)[0] if not header.endswith("]") else header
        return name.lower() in LOOPBACK_NAMES

    def start(self) -> None:
        """Bind the port, start watching, build once, then serve."""
        self._bind()
        assert self._http is not None
        watcher = threading.Thread(target=self._watch, name="netcard-watch", daemon=True)
        self._threads.append(watcher)
        watcher.start()
        # Watch before the first build, so no edit made during it goes unnoticed.
        self._watching.wait(timeout=30)
        self.rebuild()
        http_thread = threading.Thread(target=self._http.serve_forever, name="netcard-http",
                                       kwargs={"poll_interval": 0.2}, daemon=True)
        self._threads.append(http_thread)
        http_thread.start()

    def _bind(self) -> None:
        from generator.errors import UsageError

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

    def stop(self) -> None:
        """Stop the watcher and the server; a build in progress finishes first."""
        self._stop.set()
        self.state.close()
        if self._http is not None:
            if any(t.name == "netcard-http" and t.is_alive() for t in self._threads):
                self._http.shutdown()
            self._http.server_close()
        for thread in self._threads:
            thread.join(timeout=60)
        self._threads.clear()

    def rebuild(self) -> bool:
        """Build once; report failures in the terminal and to the open pages."""
        from generator.build import build, complete_preview
        from generator.commands import _print_warnings

        with self._build_lock:
            started = time.perf_counter()
            try:
                result = build(self.site_dir, self.out_dir, (self.profile,),
                               preview=True)
            except Exception as exc:
                self.state.failed(*_report_failure(exc))
                return False
            self.state.succeeded()  # the open pages reload now; the rest follows below
            _print_warnings(result.warnings)
            pages = sum(len(r.page_paths) for r in result.profiles.values())
            seconds = time.perf_counter() - started
            print(f"Built {pages} pages ({self.profile}) in {seconds:.2f} s", flush=True)
            if result.incomplete:
                try:
                    complete_preview(self.site_dir, self.out_dir, result)
                except Exception as exc:
                    self.state.failed(*_report_failure(exc))
                    return False
            return True

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
            self._watching.set()
            print(f"netcard: watching for changes stopped ({type(exc).__name__}: {exc}); "
                  "restart netcard serve to rebuild on change", file=sys.stderr, flush=True)

    def _announce(self, changes: set[tuple[Any, str]]) -> None:
        names = sorted({os.path.relpath(path, self.site_dir) for _, path in changes})
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        print(f"Changed: {shown}; rebuilding…", flush=True)

    def wait(self, until: Callable[[], bool] = lambda: False) -> None:
        """Block until stop() or `until()`; wakes often so Ctrl-C is handled at once."""
        while not self._stop.is_set() and not until():
            self._stop.wait(0.5)


def run_serve(site: Path, output: Path | None, profile: str, host: str, port: int) -> int:
    """`netcard serve`: runs until Ctrl-C, then stops cleanly with exit code 0."""
    from generator.commands import _site_dir
    from generator.errors import UsageError
    from generator.load.paths import is_inside

    site_dir = _site_dir(site)
    server = Server(site_dir, output, profile, host, port)
    for folder in ("content", "themes"):
        if is_inside(server.out_dir, site_dir / folder):
            raise UsageError(f"the output folder is inside {folder}/, so every build would "
                             "start another; choose another with -o")
    try:
        server.start()
        print(f"Serving {server.root} at {server.url}  (Ctrl-C stops)", flush=True)
        if host not in LOOPBACK_NAMES:
            print(f"netcard: note: --host {host} lets other computers see the "
                  f"{profile} site", file=sys.stderr, flush=True)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("Stopped.", flush=True)
    return 0
