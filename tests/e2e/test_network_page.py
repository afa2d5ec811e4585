"""The interactive network page: drawn, searchable, filterable, sortable, usable by keyboard."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from tests.e2e.e2e_support import PROFILES, PageFactory, PageWatch, ServedProfile

ROOT = "[data-graph]:has(form.graph-search)"  # the full graph, not a member's ego network
PANEL = f"{ROOT} .graph-panel"

# How many pixels of the graph's canvas are painted (vis-network draws on a transparent one).
PAINTED = """() => {
  const canvas = document.querySelector('.graph-canvas canvas');
  if (!canvas || !canvas.width || !canvas.height) return 0;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }
  return painted;
}"""

# What has the keyboard focus, in words a test can compare.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  if (el.matches('form.graph-search input')) return 'search';
  if (el.matches('select[name=size-by]')) return 'size-by';
  if (el.matches('.copy-link')) return 'copy-link';
  if (el.matches('details.graph-options > summary')) return 'options';
  if (el.matches('button[data-zoom]')) return 'zoom-' + el.getAttribute('data-zoom');
  if (el.matches('.graph-canvas')) return 'canvas';
  if (el.matches('button[data-show-node]')) return 'show:' + el.getAttribute('data-show-node');
  return el.localName;
}"""


def network_path(profile: ServedProfile, language: str = "") -> str:
    path = "network/index.html"
    assert (profile.root / path).is_file(), f"{profile.name} has a network page"
    return f"{language}/{path}" if language else path


# The graph's members and ties as the page's script expands them from the page's data:
# each member with its panel details, each tie as the vis-network edge it becomes.
EXPANDED = """id => {
  const data = JSON.parse(document.getElementById(id).textContent);
  const items = window.netcardGraph.expand(data);
  const details = n => typeof n.details === 'function' ? n.details() : n.details;
  return {raw: data, edges: items.edges,
          nodes: items.nodes.map(n => Object.assign({}, n, {details: details(n)}))};
}"""


def graph_items(page: Page, root_selector: str = ROOT) -> dict[str, Any]:
    """The graph's members and ties, expanded by the page's own script (see EXPANDED)."""
    data_id = page.locator(root_selector).get_attribute("data-graph")
    items: dict[str, Any] = page.evaluate(EXPANDED, data_id)
    return items


def open_network(page: Page, profile: ServedProfile, language: str = "") -> dict[str, Any]:
    """Load the network page, wait until the graph is ready, return the graph's items."""
    page.goto(profile.url(network_path(profile, language)))
    page.wait_for_selector(f"{ROOT}.graph-ready .graph-canvas canvas")
    data = graph_items(page)
    assert data["nodes"], "the graph has members"
    return data


def exports(profile: ServedProfile) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((profile.root / "network.json").read_text("utf-8"))
    return data


def root(page: Page) -> Locator:
    return page.locator(ROOT)


@pytest.mark.parametrize("language", ["", "sv", "en"])
@pytest.mark.parametrize("profile_name", PROFILES)
def test_graph_is_drawn_without_errors(
    profile_name: str, language: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, watch = new_page(profile)
    open_network(page, profile, language)
    page.wait_for_function(f"({PAINTED})() > 2000", timeout=10_000)
    assert page.locator(f"{ROOT} .graph-canvas canvas").count() == 1
    page.wait_for_load_state("networkidle")
    watch.assert_clean(page.url)


def pick_member(data: dict[str, Any]) -> dict[str, Any]:
    """A member other than the first, so a search that always answers the first would fail."""
    node: dict[str, Any] = data["nodes"][len(data["nodes"]) // 2]
    return node


def assert_focused(page: Page, node: dict[str, Any]) -> None:
    page.wait_for_function(
        "([sel, id]) => document.querySelector(sel).getAttribute('data-focused') === id",
        arg=[ROOT, node["id"]])
    panel = page.locator(PANEL)
    assert panel.is_visible()
    assert panel.locator("h3").text_content() == node["label"]


@pytest.mark.parametrize("profile_name", PROFILES)
def test_search_finds_and_focuses_a_member(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, watch = new_page(profile)
    data = open_network(page, profile)
    search = page.locator(f"{ROOT} input[type=search]")
    status = page.locator(f"{ROOT} .search-status")

    node = pick_member(data)
    search.fill(node["label"])
    page.locator(f"{ROOT} form.graph-search button[type=submit]").click()
    assert_focused(page, node)
    assert node["label"] in (status.text_content() or "")

    # Part of a name, in other case, finds the member whose name contains it.
    labels = [n["label"].lower() for n in data["nodes"]]
    other = next(n for n in reversed(data["nodes"]) if n["id"] != node["id"]
                 and sum(n["label"].lower()[-6:] in label for label in labels) == 1)
    search.fill(other["label"][-6:].upper())
    search.press("Enter")
    assert_focused(page, other)

    # A query that matches nobody says so and keeps the current member.
    before = status.text_content()
    search.fill("zzzz-nobody-qqqq")
    search.press("Enter")
    page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent !== text",
                           arg=[f"{ROOT} .search-status", before])
    assert root(page).get_attribute("data-focused") == other["id"]
    watch.assert_clean(page.url)


@pytest.mark.parametrize("profile_name", PROFILES)
def test_unticking_a_tie_type_hides_its_ties(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, watch = new_page(profile)
    data = open_network(page, profile)
    total = len(data["edges"])
    assert root(page).get_attribute("data-visible-edges") == str(total)
    boxes = page.locator(f"{ROOT} input[data-filter=type]")
    assert boxes.count() >= 1
    for index in range(boxes.count()):
        box = boxes.nth(index)
        kind = box.get_attribute("value")
        of_kind = sum(1 for edge in data["edges"] if edge["type"] == kind)
        box.uncheck()
        assert root(page).get_attribute("data-visible-edges") == str(total - of_kind), kind
        assert of_kind > 0, f"the filter {kind!r} is offered only for types that have ties"
        box.check()
        assert root(page).get_attribute("data-visible-edges") == str(total)
    watch.assert_clean(page.url)


# (the figures table is the workbook's: the public card shows it only with public_sections)
@pytest.mark.parametrize("profile_name", ["workbook"])
def test_table_lists_every_member_of_the_graph(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, _ = new_page(profile)
    open_network(page, profile)
    exported = exports(profile)["nodes"]
    rows = page.locator("table#member-figures tbody tr")
    ids = page.locator("table#member-figures button[data-show-node]").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-show-node'))")
    assert rows.count() == len(exported)
    assert sorted(ids) == sorted(node["id"] for node in exported)
    names = page.locator("table#member-figures tbody th[scope=row] a").all_text_contents()
    assert sorted(names) == sorted(node["name"] for node in exported)


def column_values(page: Page, column: int) -> list[float]:
    return [float(value) for value in page.locator(
        f"table#member-figures tbody tr > :nth-child({column + 1})").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-sort'))")]


# (the figures table is the workbook's: the public card shows it only with public_sections)
@pytest.mark.parametrize("profile_name", ["workbook"])
def test_clicking_a_header_sorts_the_table(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, watch = new_page(profile)
    open_network(page, profile)
    headers = page.locator("table#member-figures thead th")
    numeric = [i for i in range(headers.count())
               if "num" in (headers.nth(i).get_attribute("class") or "")]
    assert numeric, "the table has numeric columns"
    for column in numeric[:2]:
        # A figure sorts largest first ("who has the most ties?"), then the other way round.
        header = headers.nth(column)
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "descending"
        assert column_values(page, column) == sorted(column_values(page, column), reverse=True)
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "ascending"
        assert column_values(page, column) == sorted(column_values(page, column))
    # Names sort A to Z first, and reverse on the second click.
    names = "table#member-figures tbody th[scope=row]"
    headers.first.locator("button").click()
    assert headers.first.get_attribute("aria-sort") == "ascending"
    ascending = page.locator(names).all_text_contents()
    headers.first.locator("button").click()
    assert page.locator(names).all_text_contents() == ascending[::-1]
    watch.assert_clean(page.url)


def tab_until(page: Page, wanted: str, limit: int = 250) -> list[str]:
    """Press Tab until `wanted` has the focus; returns every stop on the way."""
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if stops[-1].startswith(wanted):
            return stops
    raise AssertionError(f"Tab never reached {wanted!r}; stops: {stops}")


# (the figures table is the workbook's: the public card shows it only with public_sections)
@pytest.mark.parametrize("profile_name", ["workbook"])
def test_the_page_works_by_keyboard_alone(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, watch = new_page(profile)
    data = open_network(page, profile)
    stops = tab_until(page, "show:")
    for control in ("search", "zoom-in", "zoom-out", "zoom-fit", "copy-link", "options",
                    "canvas"):
        assert control in stops, f"Tab does not reach {control}: {stops}"
    order = [stops.index(c) for c in ("search", "zoom-in", "copy-link", "options", "canvas")]
    assert order == sorted(order), f"the focus order is not the visual order: {stops}"

    # Enter on "show in graph" focuses that member.
    shown = stops[-1].removeprefix("show:")
    page.keyboard.press("Enter")
    assert_focused(page, next(n for n in data["nodes"] if n["id"] == shown))

    # Back at the top: Tab to the search box, type a name, press Enter.
    page.goto(page.url)
    page.wait_for_selector(f"{ROOT}.graph-ready")
    tab_until(page, "search")
    node = pick_member(data)
    page.keyboard.type(node["label"])
    page.keyboard.press("Enter")
    assert_focused(page, node)

    # The view's options open by keyboard; the zoom buttons and the size-by select answer to
    # the keyboard without errors.
    tab_until(page, "options")
    page.keyboard.press("Enter")
    tab_until(page, "size-by")
    page.keyboard.press("ArrowDown")
    tab_until(page, "zoom-in")
    page.keyboard.press("Enter")
    tab_until(page, "canvas")
    page.keyboard.press("ArrowLeft")
    watch.assert_clean(page.url)


def check_member_link(page: Page, watch: PageWatch, node: dict[str, Any]) -> None:
    link = page.locator(f"{PANEL} a[href]")
    assert link.count() == 1, "the panel links to the member's page"
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(f"/{node['id']}/index.html")
    assert node["label"] in (page.locator("h1").text_content() or "")
    watch.assert_clean(page.url)


# (the figures table is the workbook's: the public card shows it only with public_sections)
@pytest.mark.parametrize("profile_name", ["workbook"])
def test_show_in_graph_opens_the_panel_with_a_link_to_the_member(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, watch = new_page(profile)
    data = open_network(page, profile)
    node = pick_member(data)
    page.locator(f"button[data-show-node='{node['id']}']").click()
    assert_focused(page, node)
    # The close button hides the panel and gives the focus back to the graph.
    page.locator(f"{PANEL} button.panel-close").click()
    assert page.locator(PANEL).is_hidden()
    assert page.evaluate(FOCUSED) == "canvas"
    page.locator(f"button[data-show-node='{node['id']}']").click()
    assert_focused(page, node)
    check_member_link(page, watch, node)
