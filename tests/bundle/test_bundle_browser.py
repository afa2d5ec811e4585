"""The bundle in Debian's chromium, opened from file:// with every other request aborted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, expect

from generator.bundle import make_bundle

DRAWN_PIXELS = """canvas => {
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) { drawn += 1; } }
  return drawn;
}"""


@dataclass
class Watch:
    """Everything that went wrong in the page: it must all stay empty."""

    allowed: str
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        if route.request.url == self.allowed:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def assert_clean(self) -> None:
        assert self.blocked == []
        assert self.console_errors == []
        assert self.page_errors == []


@pytest.fixture(scope="module")
def bundle_url(example_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("bundle") / "workbook.html"
    target.write_bytes(make_bundle(example_copy)[0].html)
    return target.as_uri()




def open_bundle(browser: Browser, url: str, *,
                java_script_enabled: bool | None = None) -> tuple[Page, Watch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=java_script_enabled)
    context.set_default_timeout(15_000)
    watch = Watch(url)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.goto(url)
    return page, watch


def test_walk_the_table_of_contents(browser: Browser, bundle_url: str) -> None:
    page, watch = open_bundle(browser, bundle_url)
    try:
        expect(page.locator("#home")).to_be_visible()  # the workbook's home comes first
        entries = page.eval_on_selector_all(
            ".bundle-toc a", "links => links.map(a => [a.getAttribute('href'), a.textContent])")
        assert len(entries) > 30
        for href, label in entries:
            page.click(f'.bundle-toc a[href="{href}"]')
            section = page.locator(f"section{href}")
            expect(section).to_be_visible()
            # Each line is the page's title, as the renderer titled it: the section is
            # labelled by it and shows it (the card preview's first heading is the card's).
            expect(section).to_have_attribute("aria-label", label.strip())
            expect(section).to_contain_text(label.strip())
            expect(page.locator(".bundle-section:visible")).to_have_count(1)
            expect(page.locator(f'.bundle-toc a[href="{href}"]')).to_have_attribute(
                "aria-current", "true")
        watch.assert_clean()
    finally:
        page.context.close()


def test_network_graph_is_drawn_in_its_section(browser: Browser, bundle_url: str) -> None:
    page, watch = open_bundle(browser, bundle_url)
    try:
        canvas = page.locator("#network .graph-canvas canvas")
        expect(canvas).to_have_count(0)  # not started while its section is hidden
        page.click('.bundle-toc a[href="#network"]')
        expect(page.locator('#network .graph-canvas[data-ready="true"]')).to_be_visible()
        page.wait_for_function(f"() => ({DRAWN_PIXELS})("
                               "document.querySelector('#network .graph-canvas canvas')) > 500")
        box = canvas.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 200
        # The table's "show" buttons focus the node in this section's graph.
        page.locator("#network button[data-show-node]").first.click()
        expect(page.locator("#network .graph")).to_have_attribute("data-focused", re.compile(r".+"))
        # Leaving and coming back redraws the same graph.
        page.click('.bundle-toc a[href="#card"]')
        page.click('.bundle-toc a[href="#network"]')
        page.wait_for_function(f"() => ({DRAWN_PIXELS})("
                               "document.querySelector('#network .graph-canvas canvas')) > 500")
        watch.assert_clean()
    finally:
        page.context.close()


def test_links_inside_sections_and_graph_panel(browser: Browser, bundle_url: str) -> None:
    page, watch = open_bundle(browser, bundle_url)
    try:
        page.click('.bundle-toc a[href="#card"]')  # the preview of the public card
        provider = page.locator("#card .service .providers a").first
        target = provider.get_attribute("href")
        assert target and target.startswith("#members--")
        provider.click()
        member = page.locator(f"section{target}")
        expect(member).to_be_visible()
        expect(member.locator('.graph-canvas[data-ready="true"] canvas')).to_be_visible()
        # every service (internal ones too) is on the workbook's home
        service = member.locator('a[href^="#home__service-"]').first
        service_id = (service.get_attribute("href") or "#")[1:]
        service.click()
        expect(page.locator("#home")).to_be_visible()
        expect(page.locator(f'[id="{service_id}"]')).to_be_in_viewport()
        watch.assert_clean()
    finally:
        page.context.close()


def test_service_finder_filters_the_cards_services(browser: Browser, bundle_url: str) -> None:
    """The card's service finder works in the bundle as on the site: its script is inlined."""
    page, watch = open_bundle(browser, bundle_url)
    try:
        page.click('.bundle-toc a[href="#card"]')
        card = page.locator("#card")
        expect(card.locator(".service-filters")).to_be_visible()
        expect(card.locator(".service-index")).to_be_hidden()  # the filters do its work
        services = card.locator(".service")
        total = services.count()
        channel = card.locator("select[data-filter=channels]")
        values = [v for v in channel.locator("option").evaluate_all(
            "options => options.map(o => o.value)") if v]
        assert values, "the example's services have channels to choose from"
        counts = []
        for value in values:
            expected = services.evaluate_all(
                "(items, v) => items.filter(i => (i.getAttribute('data-channels') || '')"
                ".split(' ').includes(v)).length", value)
            channel.select_option(value)
            expect(card.locator(".service:visible")).to_have_count(expected)
            counts.append(expected)
            expect(card.locator(".finder-status")).not_to_have_text("")
        assert min(counts) < total  # some choice narrows the list down
        channel.select_option("")
        expect(card.locator(".service:visible")).to_have_count(total)
        watch.assert_clean()
    finally:
        page.context.close()


def test_works_without_javascript(browser: Browser, bundle_url: str) -> None:
    page, watch = open_bundle(browser, bundle_url, java_script_enabled=False)
    try:
        expect(page.locator("#home")).to_be_visible()
        expect(page.locator(".bundle-section:visible")).to_have_count(1)
        page.click('.bundle-toc a[href="#network"]')
        expect(page.locator("#network")).to_be_visible()
        expect(page.locator("#home")).to_be_hidden()
        watch.assert_clean()
    finally:
        page.context.close()


def test_print_shows_every_section(browser: Browser, bundle_url: str) -> None:
    page, watch = open_bundle(browser, bundle_url)
    try:
        page.emulate_media(media="print")
        sections = page.locator(".bundle-section")
        count = sections.count()
        assert count > 1, "the bundle has several sections"
        expect(page.locator(".bundle-section:visible")).to_have_count(count)
        expect(page.locator(".bundle-toc")).to_be_hidden()
        breaks = sections.evaluate_all(
            "all => all.map(s => getComputedStyle(s).breakBefore)")
        assert set(breaks) == {"page"}
        watch.assert_clean()
    finally:
        page.context.close()
