"""Helpers for the browser tests: the local server, the served profiles, the page watch."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request, Response, Route

PROFILES = ("public", "workbook")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one profile folder quietly; unknown paths get its 404.html with status 404."""

    def log_message(self, format: str, *args: Any) -> None:
        """Silence: the test output is for failures, not for every request."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            return  # the browser dropped a response it no longer wanted (it left the page)
        super().handle_error(request, client_address)


@contextmanager
def serving(folder: Path,
            handler: type[http.server.SimpleHTTPRequestHandler] = SiteHandler) -> Iterator[str]:
    """`folder` on a local port for as long as the block runs; yields its base URL,
    http://127.0.0.1:PORT/ (the browser tests, scripts/page_sweep.py and
    benchmarks/network_scale.py serve built sites alike)."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve-{folder.name}",
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class ServedProfile:
    """One built profile: its folder on disk and the local URL it is served at."""

    name: str
    root: Path
    base_url: str  # ends with "/"

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def html_files(self) -> list[str]:
        """Every page of the profile, as paths relative to its root ("sv/members/index.html")."""
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def languages(self) -> list[str]:
        """The default language ("") and every language folder that has its own index page."""
        folders = (p.parent for p in self.root.glob("*/index.html"))
        return ["", *sorted(f.name for f in folders if _is_language_root(f))]


def _is_language_root(folder: Path) -> bool:
    """A language folder repeats the site: it has its own 404.html next to its index."""
    return (folder / "404.html").is_file()


@dataclass
class PageWatch:
    """Everything that went wrong in a page, recorded as it happens."""

    allowed_origins: tuple[str, ...]
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def is_own(self, url: str) -> bool:
        if url.startswith(("data:", "blob:", "about:")):
            return True
        if url.startswith("file://"):
            return "file://" in self.allowed_origins
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" in self.allowed_origins

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_request_failed(self, request: Request) -> None:
        # Foreign requests are aborted on purpose (and recorded as such); a request the
        # browser cancels because the test navigated on (the favicon, say) is no failure.
        if self.is_own(request.url) and request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(self, response: Response) -> None:
        """A missing file answers 404: a failure, unless it is the page itself (tests check
        a page's own status, and the 404 page is answered with 404 on purpose)."""
        request = response.request
        if response.status >= 400 and not request.is_navigation_request():
            self.failed_requests.append(f"{response.url}: status {response.status}")

    def route(self, route: Route) -> None:
        url = route.request.url
        if self.is_own(url):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
            + [f"request to another host: {m}" for m in self.foreign_requests]
        )

    def clear(self) -> None:
        for records in (self.console_errors, self.page_errors, self.failed_requests,
                        self.foreign_requests):
            records.clear()

    def assert_clean(self, where: str = "") -> None:
        problems = self.problems()
        assert not problems, f"{where}:\n  " + "\n  ".join(problems)


PageFactory = Callable[..., tuple[Page, PageWatch]]
