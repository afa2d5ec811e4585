"""Browser fixtures: the example site built once, served locally, driven by Debian's chromium.

Each profile is served at the root of its own local server (as a host would), and a
missing path answers with the profile's 404.html and status 404 (as most hosts do).
One browser per test session; a fresh context and page per test, with everything that
goes wrong in the page (console errors, page errors, failed requests, requests to
other hosts) recorded on a `PageWatch`, so tests can assert none happened.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.e2e_support import PROFILES, PageFactory, PageWatch, ServedProfile, serving


@pytest.fixture(scope="session")
def served(example_output: Path) -> Iterator[dict[str, ServedProfile]]:
    """Both profiles of the built example, each at the root of its own local server."""
    with contextlib.ExitStack() as stack:
        yield {name: ServedProfile(name, example_output / name,
                                   stack.enter_context(serving(example_output / name)))
               for name in PROFILES}


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
