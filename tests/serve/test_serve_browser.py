"""The open page reloads after an edit, shows an overlay for a broken file, and recovers,
on the public card at / and on the workbook at /_workbook/ alike."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, Route, expect

from tests.serve.serve_helpers import TIMEOUT

pytestmark = pytest.mark.browser

WAIT_MS = TIMEOUT * 1000
WORKBOOK = "/_workbook/"
INTERNAL_PAGE = {"workbook/vaihe-2.md": "---\ntitle: Sisäinen vaihe\nphase: 2\n---\n"
                                        "Vain verkostolle: kuukkelinpesä.\n"}
# Counts the JSON answers the page has read and acted on: the count goes up in a task
# queued once the JSON is read, so after the page's own `.then` that applies it.
COUNT_JSON_READ = """
window.netcardJsonRead = 0;
const fetchUncounted = window.fetch;
window.fetch = (...args) => fetchUncounted(...args).then((response) => {
  const readJson = response.json.bind(response);
  response.json = () => readJson().then((data) => {
    setTimeout(() => { window.netcardJsonRead += 1; }, 0);
    return data;
  });
  return response;
});
"""


def _watched_page(browser: Browser, origin: str, problems: list[str]) -> Page:
    def only_local(route: Route) -> None:
        url = urlsplit(route.request.url)
        if f"{url.scheme}://{url.netloc}" == origin:
            route.continue_()
        else:
            problems.append(f"request to another host: {route.request.url}")
            route.abort()

    context = browser.new_context()
    context.route("**/*", only_local)
    page = context.new_page()

    def console_error(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    page.on("console", console_error)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return page


def test_page_reloads_shows_overlay_and_recovers(make_site, start_server, browser) -> None:
    site = make_site()
    server = start_server(site)
    origin = server.url.rstrip("/")
    problems: list[str] = []
    page = _watched_page(browser, origin, problems)
    member = site / "content" / "members" / "alpha.yaml"

    page.goto(server.url + "members/alpha/")
    heading = page.locator("h1")
    expect(heading).to_contain_text("Alpha")
    page.evaluate("window.netcardTestMark = 'before the edit'")

    member.write_text("name: Alpha Reloaded\nsector: education\nrole: core\n",
                      encoding="utf-8")
    expect(heading).to_contain_text("Alpha Reloaded", timeout=WAIT_MS)
    assert page.evaluate("window.netcardTestMark") is None, "the text changed without a reload"

    member.write_text("name: Alpha\nsector: [education\nrole: core\n", encoding="utf-8")
    overlay = page.locator("#netcard-error-overlay")
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    expect(overlay).to_contain_text("content/members/alpha.yaml:3:5")
    expect(overlay).to_contain_text("how to fix:")
    expect(heading).to_contain_text("Alpha Reloaded")  # the last good page stays

    page.reload()  # a freshly loaded page shows the overlay too
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    expect(overlay).to_contain_text("content/members/alpha.yaml")

    member.write_text("name: Alpha Fixed\nsector: education\nrole: core\n", encoding="utf-8")
    expect(heading).to_contain_text("Alpha Fixed", timeout=WAIT_MS)
    expect(overlay).to_have_count(0)
    assert problems == []
    page.context.close()


def test_overlay_shows_user_text_as_text(make_site, start_server, browser) -> None:
    """An error message carrying markup is shown literally, never run or parsed."""
    site = make_site()
    server = start_server(site)
    problems: list[str] = []
    page = _watched_page(browser, server.url.rstrip("/"), problems)
    page.goto(server.url)
    expect(page.locator("h1")).to_be_visible()
    member = site / "content" / "members" / "alpha.yaml"
    member.write_text('name: Alpha\nsector: "<img src=x onerror=alert(1)>"\n', encoding="utf-8")
    overlay = page.locator("#netcard-error-overlay")
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    expect(overlay).to_have_css("position", "fixed")  # the stylesheet, beside the script
    expect(overlay).to_contain_text("<img src=x onerror=alert(1)>")
    assert overlay.locator("img").count() == 0
    assert problems == []
    page.context.close()


def test_a_late_first_status_does_not_hide_a_newer_failure(make_site, start_server,
                                                           browser) -> None:
    """The page fetches the build status when it loads while the events stream in; when
    that answer arrives after a failure was announced, the overlay stays up."""
    site = make_site()
    server = start_server(site)
    problems: list[str] = []
    page = _watched_page(browser, server.url.rstrip("/"), problems)
    held: list[Route] = []

    def hold(route: Route) -> None:  # the first status answer waits here
        held.append(route)

    page.add_init_script(COUNT_JSON_READ)
    page.route("**/status", hold)
    with page.expect_response(lambda response: "/__netcard__/events" in response.url):
        page.goto(server.url + "members/alpha/")  # and the event stream is open
    expect(page.locator("h1")).to_contain_text("Alpha")
    _pump_until(page, lambda: bool(held), "the page's first status request")
    assert len(held) == 1
    with urlopen(server.url + "__netcard__/status") as response:  # the answer it would get
        before_the_edit = response.read()

    member = site / "content" / "members" / "alpha.yaml"
    member.write_text("name: Alpha\nsector: [education\nrole: core\n", encoding="utf-8")
    overlay = page.locator("#netcard-error-overlay")
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    held[0].fulfill(status=200, content_type="application/json", body=before_the_edit)
    page.wait_for_function("() => window.netcardJsonRead === 1", timeout=WAIT_MS)
    expect(overlay).to_contain_text("content/members/alpha.yaml:3:5")
    assert problems == []
    page.context.close()


def _pump_until(page: Page, condition: Callable[[], bool], what: str) -> None:
    """Let Playwright deliver the page's events (route handlers run then) until
    `condition` holds; fail after WAIT_MS."""
    for _ in range(int(WAIT_MS // 50)):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {what}")


def _outside_the_workbook(page: Page, origin: str) -> list[str]:
    """Every response the page gets from outside /_workbook/ (the server's own
    /__netcard__/ aside), and every failed one but the page's own 404."""
    strays: list[str] = []

    def check(response: Response) -> None:
        path = response.url.removeprefix(origin)
        if not path.startswith((WORKBOOK, "/__netcard__/")):
            strays.append(f"outside the workbook: {response.url}")
        elif response.status >= 400 and not response.request.is_navigation_request():
            strays.append(f"{response.status}: {response.url}")

    page.on("response", check)
    return strays


def test_workbook_page_reloads_shows_overlay_and_recovers(make_site, start_server,
                                                         browser) -> None:
    """The same as on the card, on an internal workbook page under /_workbook/."""
    site = make_site(INTERNAL_PAGE)
    server = start_server(site)
    origin = server.url.rstrip("/")
    problems: list[str] = []
    page = _watched_page(browser, origin, problems)
    strays = _outside_the_workbook(page, origin)
    workbook_page = site / "content" / "workbook" / "vaihe-2.md"

    with page.expect_response(origin + WORKBOOK + "assets/netcard.css") as stylesheet:
        page.goto(server.url_of("workbook") + "workbook/vaihe-2/")
    assert stylesheet.value.status == 200
    text = page.locator("main")
    expect(text).to_contain_text("kuukkelinpesä")
    page.evaluate("window.netcardTestMark = 'before the edit'")

    workbook_page.write_text("---\ntitle: Sisäinen vaihe\nphase: 2\n---\nMuokattu.\n",
                             encoding="utf-8")
    expect(text).to_contain_text("Muokattu", timeout=WAIT_MS)
    assert page.evaluate("window.netcardTestMark") is None, "the text changed without a reload"

    workbook_page.write_text("---\ntitle: Sisäinen vaihe\nphase: [2\n---\nRikki.\n",
                             encoding="utf-8")
    overlay = page.locator("#netcard-error-overlay")
    expect(overlay).to_be_visible(timeout=WAIT_MS)
    expect(overlay).to_contain_text("content/workbook/vaihe-2.md")
    expect(overlay).to_contain_text("how to fix:")
    expect(text).to_contain_text("Muokattu")  # the last good page stays

    page.reload()  # a freshly loaded page shows the overlay too
    expect(overlay).to_be_visible(timeout=WAIT_MS)

    workbook_page.write_text("---\ntitle: Sisäinen vaihe\nphase: 2\n---\nKorjattu.\n",
                             encoding="utf-8")
    expect(text).to_contain_text("Korjattu", timeout=WAIT_MS)
    expect(overlay).to_have_count(0)
    assert problems == []
    assert strays == []
    page.context.close()


def test_workbook_404_and_search_stay_in_the_workbook(make_site, start_server,
                                                      browser) -> None:
    """The workbook's own 404 page loads its stylesheet from the workbook and leads back
    into it; its search finds internal pages and links to them under /_workbook/."""
    site = make_site(INTERNAL_PAGE)
    server = start_server(site)
    origin = server.url.rstrip("/")
    problems: list[str] = []
    page = _watched_page(browser, origin, problems)
    strays = _outside_the_workbook(page, origin)

    with page.expect_response(origin + WORKBOOK + "assets/netcard.css") as stylesheet:
        missing = page.goto(server.url_of("workbook") + "no/such/page/")
    assert missing is not None and missing.status == 404
    assert stylesheet.value.status == 200
    page.locator("header a[href='/_workbook/index.html']").first.click()
    page.wait_for_url(server.url_of("workbook") + "index.html")

    page.goto(server.url_of("workbook") + "search/index.html?q=kuukkelinpesä")
    results = page.locator(".search-results a")
    expect(results).to_have_count(1, timeout=WAIT_MS)
    expect(results).to_have_attribute("href", "/_workbook/workbook/vaihe-2/index.html")
    results.click()
    expect(page.locator("main")).to_contain_text("kuukkelinpesä")
    # The 404 page itself, as Chromium reports it; anything else is a problem.
    assert problems == ["console: Failed to load resource: the server responded with a "
                        "status of 404 (Not Found)"]
    assert strays == []
    page.context.close()
