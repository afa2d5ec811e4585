"""Pages that work on a phone, a desktop and paper (issue 16), in a real browser.

Every page of the example (both profiles) at 390×844 and 1280×800, and one page of each
type in every language printed at A4 width: nothing runs past the page's edge and no
text is cut. A table or chart wider than its place scrolls in its own box, and only a
box that says so (a visible `.scroll-cue`) may scroll. The phone's header is compact
and its menu opens from a button; chart text is 12 px or more on a phone.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.e2e_support import PROFILES, PageFactory, ServedProfile

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
A4_WIDTH = 794  # CSS px of an A4 page's width at 96 dpi
PHONE_HEADER_MAX = 120  # px: the first phone screen is for the page, not the header

# Open every fold of the page (tables shown "as a table" too), not the menu's.
# Then wait two frames: a box's "scrolls" state (which shows its cue) is updated per frame.
OPEN_FOLDS = """() => { document.querySelectorAll('main details').forEach(d => { d.open = true; });
  return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))); }"""

# What runs past the page's edge, what is cut, and which scrolling boxes lack a cue.
LAYOUT = """() => {
  const page = document.documentElement;
  const width = page.clientWidth;
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const scroller = el => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (scrolls(p)) return p; } return null; };
  const name = el => `${el.localName}.${el.className && el.className.baseVal === undefined
    ? el.className : ''} "${(el.textContent || '').trim().slice(0, 40)}"`;
  const shown = el => el.checkVisibility({visibilityProperty: true})
    && !el.closest('.visually-hidden, .graph-canvas');
  const past = [], cut = [], uncued = [];
  for (const el of document.querySelectorAll('header *, main *, footer *')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !scroller(el)) past.push(name(el));
    const style = getComputedStyle(el);
    if (['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && !['svg', 'img', 'canvas'].includes(el.localName)) cut.push(name(el));
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      const cue = el.querySelector(':scope > .scroll-cue');
      if (!cue || !shown(cue)) uncued.push(name(el));
    }
  }
  return {overflow: page.scrollWidth - width, past: past.slice(0, 8), cut: cut.slice(0, 8),
          uncued: uncued.slice(0, 8)};
}"""

# The size in screen px of each chart's text (its font size times the chart's scale).
CHART_TEXT = """() => Array.from(document.querySelectorAll('svg.nc-chart text'))
  .filter(t => t.getClientRects().length)
  .map(t => ({px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
              text: t.textContent.trim()}))"""


def fi_pages(profile: ServedProfile) -> list[str]:
    """The profile's pages in its default language (the other languages lay them out the
    same way; one page of each type is checked in every language below)."""
    return [path for path in profile.html_files() if not re.match(r"(sv|en)/", path)
            and not path.startswith("pagefind/") and path != "404.html"]


def one_of_each_type(profile: ServedProfile) -> list[str]:
    """One page of each type (the class page-<kind> of its body), each in every language."""
    seen: dict[str, str] = {}
    for path in fi_pages(profile):
        html = (profile.root / path).read_text("utf-8")
        kind = re.search(r'<body class="[^"]*page-([\w-]+)', html)
        if kind:
            seen.setdefault(kind[1] + ("-index" if path.endswith("/index.html")
                                       and path.count("/") == 1 else ""), path)
    return [prefix + path for path in seen.values() for prefix in ("", "sv/", "en/")]


def check_layout(page: Page, url: str) -> dict[str, Any]:
    page.goto(url)
    page.evaluate(OPEN_FOLDS)
    found: dict[str, Any] = page.evaluate(LAYOUT)
    return {key: value for key, value in found.items() if value}


@pytest.mark.slow
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", PROFILES)
def test_nothing_runs_past_the_edge_or_is_cut(served: dict[str, ServedProfile],
                                              new_page: PageFactory, name: str,
                                              viewport: dict[str, int]) -> None:
    profile = served[name]
    page, _ = new_page(profile, viewport=viewport)
    paths = fi_pages(profile)
    assert "index.html" in paths and len(paths) > 10, "the example's pages are all checked"
    problems = {path: found for path in paths
                if (found := check_layout(page, profile.url(path)))}
    assert problems == {}


@pytest.mark.slow
@pytest.mark.parametrize("name", PROFILES)
def test_every_type_of_page_in_every_language_fits_a_phone_and_a4_paper(
        served: dict[str, ServedProfile], new_page: PageFactory, name: str) -> None:
    profile = served[name]
    phone, _ = new_page(profile, viewport=PHONE)
    paper, _ = new_page(profile, viewport={"width": A4_WIDTH, "height": 1123})
    paper.emulate_media(media="print")
    problems = {}
    paths = one_of_each_type(profile)
    assert len(paths) >= 3 * 5, "several types of page, each in fi, sv and en"
    for path in paths:
        for where, page in (("phone", phone), ("a4", paper)):
            if found := check_layout(page, profile.url(path)):
                problems[f"{where} {path}"] = found
    assert problems == {}
    # and Chromium prints it to A4 without complaint
    assert paper.pdf(format="A4")[:5] == b"%PDF-"


def test_the_phone_header_is_compact_and_its_menu_opens_from_a_button(
        served: dict[str, ServedProfile], new_page: PageFactory) -> None:
    workbook = served["workbook"]
    page, watch = new_page(workbook, viewport=PHONE)
    page.goto(workbook.url("workbook/vaihe-3-osaamiskartta/index.html"))
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] <= PHONE_HEADER_MAX
    button = page.locator("summary.menu-button")
    menu = page.locator(".main-nav")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    # the current page's group is unfolded, its entry marked
    expect(page.locator('.main-nav a[aria-current="page"]')).to_be_visible()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    assert watch.page_errors == [] and watch.console_errors == []


def test_the_menu_works_without_javascript(served: dict[str, ServedProfile],
                                           new_page: PageFactory) -> None:
    workbook = served["workbook"]
    phone, _ = new_page(workbook, viewport=PHONE, java_script_enabled=False)
    phone.goto(workbook.url("index.html"))
    expect(phone.locator(".main-nav")).to_be_hidden()
    phone.locator("summary.menu-button").click()
    expect(phone.locator(".main-nav")).to_be_visible()
    desktop, _ = new_page(workbook, viewport=DESKTOP, java_script_enabled=False)
    desktop.goto(workbook.url("index.html"))
    expect(desktop.locator("summary.menu-button")).to_be_hidden()
    group = desktop.locator(".menu-group summary").first
    expect(group).to_be_visible()
    expect(desktop.locator(".menu-group ul a").first).to_be_hidden()
    group.click()
    expect(desktop.locator(".menu-group ul a").first).to_be_visible()


def test_a_desktop_shows_one_groups_drop_down_at_a_time(served: dict[str, ServedProfile],
                                                        new_page: PageFactory) -> None:
    workbook = served["workbook"]
    page, _ = new_page(workbook, viewport=DESKTOP)
    page.goto(workbook.url("index.html"))
    expect(page.locator(".main-nav")).to_be_visible()
    expect(page.locator("summary.menu-button")).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] < 200  # the menu on one row
    summaries = page.locator(".menu-group > details > summary")
    summaries.nth(0).click()
    expect(page.locator(".menu-group > details").nth(0)).to_have_attribute("open", "")
    summaries.nth(1).click()
    expect(page.locator(".menu-group > details").nth(1)).to_have_attribute("open", "")
    expect(page.locator(".menu-group > details[open]")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(".menu-group > details[open]")).to_have_count(0)


@pytest.mark.parametrize("path", ["evaluations/verkostopaiva-2024-10/index.html",
                                  "evaluations/index.html"])
def test_chart_text_is_at_least_12_px_on_a_phone(served: dict[str, ServedProfile],
                                                 new_page: PageFactory, path: str) -> None:
    workbook = served["workbook"]
    page, _ = new_page(workbook, viewport=PHONE)
    page.goto(workbook.url(path))
    sizes = page.evaluate(CHART_TEXT)
    assert sizes and [size for size in sizes if size["px"] < 11.95] == []


# Which tables scroll sideways in their box (the walker allows that with a cue).
SCROLLING_TABLES = """() => Array.from(document.querySelectorAll('main .table-wrap'))
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
  .map(wrap => wrap.querySelector('table').className)"""


@pytest.mark.parametrize("language", ["", "sv/", "en/"])
def test_the_trust_table_fits_a_phone_without_scrolling(
        served: dict[str, ServedProfile], new_page: PageFactory, language: str) -> None:
    """The trust table's headings wrap and each factor's name has a line of its own, so
    the whole table is on a 390 px screen: no sideways scrolling, nothing past the edge."""
    workbook = served["workbook"]
    page, _ = new_page(workbook, viewport=PHONE)
    pages = [path for path in fi_pages(workbook) if re.match(r"evaluations/[^/]+/index", path)
             and 'class="data-table trust-table"' in (workbook.root / path).read_text("utf-8")]
    assert pages, "the example has an evaluation with trust answers"
    for path in pages:
        assert check_layout(page, workbook.url(language + path)) == {}
        expect(page.locator(".trust-table")).to_be_visible()
        assert "data-table trust-table" not in page.evaluate(SCROLLING_TABLES)
