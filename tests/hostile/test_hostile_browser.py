"""The hostile site in Chromium: every page of both profiles, and no payload ever runs.

Each page is served over http from 127.0.0.1. A payload that ran would set
`window.__pwned` or open a dialog; both are watched on every page, after the
graphs are drawn, after every "show in graph" click (the side panel shows the
member's name) and after searches whose results hold the payloads.
"""

from __future__ import annotations

import contextlib
import http.server
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route

from tests.e2e.e2e_support import serving

PWNED = "() => [typeof window.__pwned, document.querySelectorAll('[onerror],[onload]').length]"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No request log in the test output."""




@pytest.fixture(scope="module")
def servers(hostile_output: Path) -> Iterator[dict[str, str]]:
    """Each profile at the root of its own local server: profile → base URL."""
    with contextlib.ExitStack() as stack:
        yield {profile: stack.enter_context(serving(hostile_output / profile, QuietHandler))
               for profile in ("public", "workbook")}


class Watch:
    """Dialogs, page errors and requests to any other host, for one browser page."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def route(self, route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == self.origin or parts.scheme in ("data", "blob"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def _open(browser: Browser, base: str) -> tuple[Page, Watch]:
    watch = Watch(base.rstrip("/"))
    # The pages carry a Content-Security-Policy that would stop an injected inline
    # script by itself; bypassing it tests the escaping, not just the policy.
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(20_000)
    context.route("**/*", watch.route)
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return page, watch


def _assert_clean(page: Page, watch: Watch, where: str) -> None:
    kind, handlers = page.evaluate(PWNED)
    assert kind == "undefined", f"a payload ran on {where}"
    assert handlers == 0, f"an element with an event handler on {where}"
    assert watch.dialogs == [], f"{where}: {watch.dialogs}"
    assert watch.errors == [], f"{where}: {watch.errors}"
    assert watch.foreign == [], f"{where}: {watch.foreign}"


def _pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")
                  if p.relative_to(folder).parts[0] not in ("assets", "pagefind"))


@pytest.mark.parametrize("profile", ["public", "workbook"])
def test_no_payload_runs_on_any_page(browser: Browser, servers: dict[str, str],
                                     hostile_output: Path, profile: str) -> None:
    page, watch = _open(browser, servers[profile])
    pages = _pages(hostile_output / profile)
    assert len(pages) > 30
    graphs = 0
    for path in pages:
        page.goto(servers[profile] + path, wait_until="load")
        canvases = page.locator(".graph-canvas")
        if canvases.count():
            page.wait_for_selector(".graph-canvas[data-ready=true]")
            graphs += 1
        _assert_clean(page, watch, f"{profile}/{path}")
    assert graphs > 5  # the network page and the ego graphs of the member pages


@pytest.mark.parametrize("profile", ["public", "workbook"])
def test_graph_panel_shows_names_as_text(browser: Browser, servers: dict[str, str],
                                         profile: str) -> None:
    page, watch = _open(browser, servers[profile])
    page.goto(servers[profile] + "en/network/index.html", wait_until="load")
    page.wait_for_selector(".graph-canvas[data-ready=true]")
    buttons = page.locator("button[data-show-node]")
    assert buttons.count() > 5
    for index in range(buttons.count()):
        button = buttons.nth(index)
        node = button.get_attribute("data-show-node")
        button.click()
        page.wait_for_function(
            "id => document.querySelector('.graph[data-focused]')"
            "?.getAttribute('data-focused') === id", arg=node)
        panel = page.locator(".graph-panel")
        assert panel.is_visible()
        assert panel.locator("img, script, svg, iframe").count() == 0
        _assert_clean(page, watch, f"{profile} graph panel of {node}")
    panel_text = page.locator(".graph-panel h3").inner_text()
    assert panel_text  # the name, as text
    search = page.locator("form.graph-search input")
    search.fill("<script>window.__pwned=1</script>")
    page.locator("form.graph-search button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('.graph-search .search-status')"
                           ".textContent.length > 0")
    _assert_clean(page, watch, f"{profile} graph search")


@pytest.mark.parametrize("profile", ["public", "workbook"])
def test_site_search_results_stay_text(browser: Browser, servers: dict[str, str],
                                       hostile_output: Path, profile: str) -> None:
    if not (hostile_output / profile / "search" / "index.html").exists():
        pytest.fail("the hostile site has search on, so it must have a search page")
    page, watch = _open(browser, servers[profile])
    for query in ("pwned", "script", "<script>window.__pwned=1</script>", "onerror", "7*7"):
        page.goto(servers[profile] + "en/search/index.html?q=" + quote(query), wait_until="load")
        page.wait_for_function(
            "() => { const root = document.querySelector('[data-msg-searching]');"
            " const s = root && root.querySelector('.search-status');"
            " return s && s.textContent && s.textContent !== root.dataset.msgSearching; }")
        results = page.locator(".search-results li")
        if query == "pwned":
            assert results.count() > 0
        assert page.locator(".search-results img, .search-results script, "
                            ".search-results svg").count() == 0
        _assert_clean(page, watch, f"{profile} search for {query!r}")
