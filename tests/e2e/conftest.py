"""Browser fixtures: the example site built once, served locally, driven by Debian's chromium.

Each profile is served at the root of its own local server (as a host would), and a
missing path answers with the profile's 404.html and status 404 (as most hosts do).
One browser per test session; a fresh context and page per test, with everything that
goes wrong in the page (console errors, page errors, failed requests, requests to
other hosts) recorded on a `PageWatch`, so tests can assert none happened.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.e2e_support import PROFILES, PageFactory, PageWatch, ServedProfile, SiteHandler


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    handler = functools.partial(SiteHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve-{folder.name}",
                              daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="session")
def served(example_output: Path) -> Iterator[dict[str, ServedProfile]]:
    """Both profiles of the built example, each at the root of its own local server."""
    servers = []
    profiles: dict[str, ServedProfile] = {}
    for name in PROFILES:
        server, thread = _serve(example_output / name)
        servers.append((server, thread))
        host, port = server.server_address[:2]
        assert isinstance(host, str)
        profiles[name] = ServedProfile(name, example_output / name, f"http://{host}:{port}/")
    yield profiles
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)




def open_watched(browser: Browser, origins: tuple[str, ...],
                 **context_options: Any) -> tuple[BrowserContext, Page, PageWatch]:
    """A new context and page whose problems are recorded and whose foreign requests fail."""
    context = browser.new_context(**context_options)
    context.set_default_timeout(15_000)
    watch = PageWatch(origins)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("requestfailed", watch.on_request_failed)
    page.on("response", watch.on_response)
    return context, page, watch


@pytest.fixture
def new_page(browser: Browser) -> Iterator[PageFactory]:
    """Opens fresh pages that may talk only to the given origins (or file:// URLs).

    `new_page(profile)` allows that profile's server; extra keyword arguments go to
    the browser context (viewport, locale, ...). Contexts close after the test.
    """
    contexts: list[BrowserContext] = []

    def factory(*allowed: ServedProfile | str, **context_options: Any) -> tuple[Page, PageWatch]:
        origins = tuple(a.origin if isinstance(a, ServedProfile) else a for a in allowed)
        context, page, watch = open_watched(browser, origins, **context_options)
        contexts.append(context)
        return page, watch

    yield factory
    for context in contexts:
        with contextlib.suppress(PlaywrightError):
            context.close()
