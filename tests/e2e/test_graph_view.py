"""The network graph as a reader uses it: names readable at every zoom, hover, search
ranking, links that keep the view, print and no JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.e2e_support import PageFactory, ServedProfile
from tests.e2e.test_network_page import ROOT, network_path, open_network, root

LABELS = f"() => document.querySelector('{ROOT}').netcardLabels"
VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]
# How many members' centres are inside the graph's frame.
IN_VIEW = f"""() => {{
  const root = document.querySelector('{ROOT}');
  const box = root.querySelector('.graph-canvas').getBoundingClientRect();
  const data = window.netcardGraph.expand(JSON.parse(
    document.getElementById(root.getAttribute('data-graph')).textContent));
  return data.nodes.map(n => root.netcardPosition(n.id)).filter(at => at &&
    at.x >= box.left && at.x <= box.right && at.y >= box.top && at.y <= box.bottom).length;
}}"""


def labels(page: Page) -> list[dict[str, Any]]:
    drawn: list[dict[str, Any]] = page.evaluate(LABELS)
    return drawn


def frames(page: Page, root_selector: str = ROOT) -> int:
    """How many times the graph has drawn its names so far (netcard-graph.js counts them)."""
    count: int = page.evaluate("sel => document.querySelector(sel).netcardFrames", root_selector)
    return count


def wait_still(page: Page, root_selector: str = ROOT, after: int = 0) -> None:
    """Until the graph has drawn its names more than `after` times and no animated move of
    the view (zoom, fit, focus) is under way: the names then are those of the view at rest.
    Take `after` from `frames` before the change that redraws the graph."""
    page.wait_for_function(
        "([sel, after]) => { const root = document.querySelector(sel);"
        " return !!root && root.netcardMoves === 0 && root.netcardFrames > after; }",
        arg=[root_selector, after])


def vis_nodes(page: Page, data_id: str) -> list[dict[str, Any]]:
    """The vis-network nodes the page's script makes of the graph's members."""
    made: list[dict[str, Any]] = page.evaluate(
        "id => window.netcardGraph.expand(JSON.parse(document.getElementById(id).textContent))"
        ".nodes.map(n => window.netcardGraph.visNode(n, 10, true))", data_id)
    return made


def assert_readable(drawn: list[dict[str, Any]]) -> None:
    assert drawn, "some names are drawn"
    for label in drawn:
        assert label["px"] >= 12
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            assert not (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                        and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]), (a, b)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["phone", "desktop"])
def test_names_are_at_least_12_px_never_overlap_and_more_show_when_zoomed_in(
    viewport: dict[str, int], served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    page, watch = new_page(profile, viewport=viewport)
    data = open_network(page, profile)
    wait_still(page)
    # The script draws the names itself: vis-network draws none (it would shrink them).
    made = vis_nodes(page, "network-graph-data")
    assert len(made) == len(data["nodes"])
    assert [node for node in made if "label" in node] == []
    fitted = labels(page)
    assert_readable(fitted)
    # The best-connected members' names are among those shown when zoomed out: on a
    # desktop the best-connected one's; on a phone's narrow frame, where a name covers no
    # other member (see test_no_name_is_drawn_over_another_member), one of the best three
    # there, and the best-connected one's once zoomed in.
    ranked = sorted(data["nodes"], key=lambda n: (-n["metrics"]["degree"], n["id"]))
    top = ranked[0]
    best = [node["label"] for node in ranked[:1 if viewport["width"] > 1000 else 3]]
    assert {label["text"] for label in fitted} & set(best)
    # Chromium's own measure of text at the size drawn: at least as tall as 12 px text.
    heights = page.evaluate("""px => {
        const ctx = document.createElement('canvas').getContext('2d');
        return [px, 12].map(size => {
            ctx.font = `600 ${size}px sans-serif`;
            const m = ctx.measureText('Hg');
            return m.actualBoundingBoxAscent + m.actualBoundingBoxDescent; }); }""",
        min(label["px"] for label in fitted))
    assert heights[0] >= heights[1]
    fitted_share = len(fitted) / page.evaluate(IN_VIEW)
    for _ in range(3):  # one zoom at a time: a zoom starts from where the last one ended
        before = frames(page)
        page.locator(f"{ROOT} button[data-zoom=in]").click()
        wait_still(page, after=before)
    # Of the members still in view, at least as large a share is named (zooming in pushes
    # some members out of the frame, so the count alone may fall).
    zoomed = labels(page)
    assert len(zoomed) >= fitted_share * page.evaluate(IN_VIEW)
    assert_readable(zoomed)
    assert top["label"] in {label["text"] for label in zoomed}
    watch.assert_clean(page.url)


@pytest.mark.parametrize("language", ["", "sv", "en"])
def test_a_member_without_ties_is_named_on_a_phone_however_long_its_name(
        language: str, served: dict[str, ServedProfile], new_page: PageFactory) -> None:
    """The example's member without ties sits alone below the graph. Its English name
    ("Koskela Upper Secondary School for Adults") fitted in none of the places beside it
    in a phone's frame, so it went unnamed, where the shorter Finnish and Swedish names
    were shown: a long name may also go below or above its member, slid into the frame."""
    public = served["public"]
    page, watch = new_page(public, viewport=VIEWPORTS[0])
    data = open_network(page, public, language)
    wait_still(page)
    alone = [node for node in data["nodes"] if node["metrics"]["degree"] == 0]
    assert alone, "the example has a member without ties"
    drawn = labels(page)
    assert {node["id"] for node in alone} <= {label["id"] for label in drawn}
    assert_readable(drawn)
    watch.assert_clean(page.url)


COMPETENCE_ROOT = "[data-graph='competence-graph-data']"
COMPETENCE_LABELS = f"() => document.querySelector(\"{COMPETENCE_ROOT}\").netcardLabels"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["phone", "desktop"])
def test_competence_graph_names_are_at_least_12_px_and_never_overlap(
    viewport: dict[str, int], served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    page, watch = new_page(profile, viewport=viewport)
    page.goto(profile.url("competences/index.html"))
    page.wait_for_selector(f"{COMPETENCE_ROOT} .graph-canvas[data-ready]")
    wait_still(page, COMPETENCE_ROOT)
    # vis-network draws no names (it would shrink them with the zoom): the script does.
    made = vis_nodes(page, "competence-graph-data")
    assert made and [node for node in made if "label" in node] == []
    select = page.locator("select[data-graph-area='competence-graph-data']")
    areas = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert len(areas) >= 3, "the example's competence graph has three areas or more"
    # the first area is shown already: choose the second, the third, then the first again
    for value in [*areas[1:3], areas[0]]:
        before = frames(page, COMPETENCE_ROOT)
        select.select_option(value)
        wait_still(page, COMPETENCE_ROOT, after=before)
        drawn: list[dict[str, Any]] = page.evaluate(COMPETENCE_LABELS)
        assert_readable(drawn)
        # The chosen area's name is drawn first, so it is always there.
        area_name = select.locator(f"option[value='{value}']").text_content()
        assert drawn[0]["id"] == value and drawn[0]["text"] == area_name
    watch.assert_clean(page.url)


def test_hovering_a_member_highlights_it_and_its_neighbours(
    served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    page, watch = new_page(profile, viewport={"width": 1280, "height": 800})
    data = open_network(page, profile)
    top = max(data["nodes"], key=lambda n: (n["metrics"]["degree"], n["id"]))
    page.evaluate(f"() => document.querySelector('{ROOT} .graph-canvas')"
                  ".scrollIntoView({block: 'center', behavior: 'instant'})")
    at = page.evaluate(f"id => document.querySelector('{ROOT}').netcardPosition(id)", top["id"])
    page.mouse.move(at["x"] - 30, at["y"] - 30)
    wait_still(page)
    before = frames(page)
    page.mouse.move(at["x"], at["y"], steps=4)
    page.wait_for_function(f"id => document.querySelector('{ROOT}').getAttribute("
                           "'data-highlighted') === id", arg=top["id"])
    wait_still(page, after=before)  # the hover redraws at once: these are its names
    named = {label["text"] for label in labels(page)}
    neighbours = {e["to"] if e["from"] == top["id"] else e["from"] for e in data["edges"]
                  if top["id"] in (e["from"], e["to"])}
    by_id = {n["id"]: n["label"] for n in data["nodes"]}
    assert top["label"] in named  # the member pointed at is named first
    assert named <= {by_id[i] for i in neighbours | {top["id"]}}  # the rest is dimmed, unnamed
    corner = page.locator(f"{ROOT} .graph-canvas").bounding_box()
    assert corner
    page.mouse.move(corner["x"] + 4, corner["y"] + 4, steps=4)  # an empty spot of the graph
    page.wait_for_function(f"() => !document.querySelector('{ROOT}').getAttribute("
                           "'data-highlighted')")
    watch.assert_clean(page.url)


RANKING_CASES = [
    # The case: "kela" is a word start in "Kelan …", only inside "Koskelan …".
    ("kela", ["Koskelan kaupunki", "Kelan Koskelan palvelupiste", "Sokela"],
     ["Kelan Koskelan palvelupiste", "Koskelan kaupunki", "Sokela"]),
    # Case and accents do not matter; a name starting with the query beats a later word.
    ("AA", ["Uusi Ääni", "Aalto", "Kaarina"], ["Aalto", "Uusi Ääni", "Kaarina"]),
    ("oRe", ["Örebro kommun", "Kore"], ["Örebro kommun", "Kore"]),
    # An exact name comes first; a word after a hyphen or a bracket is a word too.
    ("te", ["TE-toimisto", "Te", "Koskiseudun TE-toimisto", "Ateria"],
     ["Te", "TE-toimisto", "Koskiseudun TE-toimisto", "Ateria"]),
    ("nobody", ["Alpha"], []),
]


def test_search_ranking_is_word_start_first_and_ignores_case_and_accents(
    served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    page, _ = new_page(profile)
    open_network(page, profile)
    for query, names, expected in RANKING_CASES:
        order = page.evaluate("([q, names]) => window.netcardGraph.rankMatches(q, names)",
                              [query, names])
        assert [names[i] for i in order] == expected, query


def test_search_lists_every_match(
    served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    page, watch = new_page(profile)
    data = open_network(page, profile)
    query = "kos"
    wanted = sorted(n["label"] for n in data["nodes"] if query in n["label"].lower())
    assert len(wanted) > 2, "the example has several members whose name has 'kos'"
    page.locator(f"{ROOT} input[type=search]").fill(query)
    buttons = page.locator(f"{ROOT} .graph-matches button")
    expect(buttons).to_have_count(len(wanted))
    listed = buttons.all_text_contents()
    assert sorted(listed) == wanted
    buttons.nth(1).click()
    expect(root(page)).to_have_attribute(
        "data-focused", next(n["id"] for n in data["nodes"] if n["label"] == listed[1]))
    watch.assert_clean(page.url)


def test_a_link_restores_the_view_and_the_view_goes_into_the_link(
    served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    page, watch = new_page(profile)
    data = open_network(page, profile)
    member = max(data["nodes"], key=lambda n: (n["metrics"]["degree"], n["id"]))
    kinds = sorted({e["type"] for e in data["edges"]})
    hidden = kinds[0]
    link = (f"{network_path(profile)}#member={member['id']}&steps=1&strength=3"
            f"&colour=community&hide-types={hidden}")
    page.goto(profile.url(link))
    page.wait_for_selector(f"{ROOT}.graph-ready")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').getAttribute("
                           f"'data-focused') === {member['id']!r}")
    assert page.locator(f"{ROOT} select[name=colour-by]").input_value() == "community"
    assert page.locator(f"{ROOT} select[name=steps]").input_value() == "1"
    assert page.locator(f"{ROOT} select[name=min-strength]").input_value() == "3"
    assert not page.locator(f"{ROOT} input[data-filter=type][value={hidden}]").is_checked()
    neighbours = {e["to"] if e["from"] == member["id"] else e["from"] for e in data["edges"]
                  if member["id"] in (e["from"], e["to"])}
    assert root(page).get_attribute("data-visible-nodes") == str(len(neighbours) + 1)
    strong = [e for e in data["edges"] if e["strength"] >= 3 and e["type"] != hidden]
    assert root(page).get_attribute("data-visible-edges") == str(len(strong))
    assert page.locator(f"{ROOT} .graph-panel h3").text_content() == member["label"]
    assert page.locator(f"{ROOT} .legend-colours li").count() >= 1  # the communities' key
    assert page.locator(f"{ROOT} .legend-note").is_visible()  # what a community is

    # Changing the view changes the address, so "copy link" gives this view.
    page.locator(f"{ROOT} select[name=colour-by]").select_option("role")
    page.locator(f"{ROOT} select[name=steps]").select_option("2")
    state = page.evaluate("() => window.netcardGraph.readState(location.hash)")
    assert state == {"member": member["id"], "steps": "2", "strength": "3", "colour": "role",
                     "hide-types": hidden}
    page.locator(f"{ROOT} .copy-link").click()
    page.wait_for_function(f"() => document.querySelector('{ROOT} .search-status')"
                           ".textContent.length > 0")
    watch.assert_clean(page.url)


def test_print_shows_the_static_picture_and_its_legend(
    served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["public"]
    page, watch = new_page(profile)
    open_network(page, profile)
    expect(page.locator(f"{ROOT} .graph-static")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(f"{ROOT} .graph-static svg")).to_be_visible()
    expect(page.locator(f"{ROOT} .graph-canvas")).to_be_hidden()
    expect(page.locator(f"{ROOT} .graph-legend-box")).to_be_visible()
    expect(page.locator(f"{ROOT} .legend-ties li").first).to_be_visible()
    filters = page.locator(f"{ROOT} input[data-filter]")
    expect(filters.first).to_be_attached()
    expect(filters.first).to_be_hidden()  # a key, not a form
    watch.assert_clean(page.url)


@pytest.mark.parametrize("page_path", ["network/index.html", "members/te-toimisto/index.html"])
def test_without_javascript_the_static_picture_is_shown(
    page_path: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    page, _ = new_page(profile, java_script_enabled=False)
    page.goto(profile.url(page_path))
    picture = page.locator(".graph-static svg")
    assert picture.is_visible()
    assert picture.locator("text").count() >= 1
    assert page.locator(".graph-legend-box").is_visible()
    assert page.locator(".graph-toolbar").is_hidden()


# The names drawn that cover a member other than their own: each name's box against each
# member's circle as the script drew them (both in the canvas's CSS pixels).
COVERED = """root => {
  const covered = [];
  for (const label of root.netcardLabels) {
    for (const mark of root.netcardMarks) {
      if (mark.id === label.id) continue;
      const x = Math.max(label.x, Math.min(mark.x, label.x + label.w));
      const y = Math.max(label.y, Math.min(mark.y, label.y + label.h));
      if ((x - mark.x) ** 2 + (y - mark.y) ** 2 < mark.r * mark.r) {
        covered.push([label.text, mark.id]);
      }
    }
  }
  return covered;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["network/index.html", "members/te-toimisto/index.html"])
def test_no_name_is_drawn_over_another_member(
    viewport: dict[str, int], path: str, served: dict[str, ServedProfile],
    new_page: PageFactory
) -> None:
    """On a phone's small frame members sit close together: a name is drawn only where it
    covers no other member's circle (nor another name), fitted and zoomed in alike."""
    profile = served["workbook"]
    page, watch = new_page(profile, viewport=viewport)
    page.goto(profile.url(path))
    selector = "[data-graph].graph-ready"
    graph = page.locator(selector).first
    wait_still(page, selector)
    handle = graph.element_handle()
    zoom_in = graph.locator("button[data-zoom=in]")
    expect(zoom_in).to_have_count(1)
    for zoom in range(3):  # fitted, then zoomed in once and twice
        assert_readable(handle.evaluate("root => root.netcardLabels"))
        assert handle.evaluate(COVERED) == [], f"zoomed in {zoom} times"
        before = frames(page, selector)
        zoom_in.click()
        wait_still(page, selector, after=before)
    watch.assert_clean(page.url)


# Each line from a member to a name set a little way off, and the members whose circle it
# crosses (other than the member it names).
LEADERS_CROSSING = """root => root.netcardLabels.filter(label => label.leader).map(label => {
  const [a, b] = label.leader;
  const crossed = root.netcardMarks.filter(mark => mark.id !== label.id &&
    Math.max(Math.min(a.x, b.x) - mark.x, mark.x - Math.max(a.x, b.x), 0) ** 2 +
    Math.max(Math.min(a.y, b.y) - mark.y, mark.y - Math.max(a.y, b.y), 0) ** 2 < mark.r ** 2);
  return [label.id, crossed.map(mark => mark.id)];
})"""


def test_on_a_phone_the_hub_is_named_with_a_line_that_crosses_no_member(
    served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    """The example's hub is ringed by its neighbours on a phone's small frame: no place
    beside it is free, so its name sits a little way off, joined by a line (the members
    ranked first may), and neither the name nor the line covers another member."""
    profile = served["workbook"]
    page, watch = new_page(profile, viewport=VIEWPORTS[0])
    page.goto(profile.url("network/index.html"))
    selector = "[data-graph].graph-ready"
    wait_still(page, selector)
    handle = page.locator(selector).first.element_handle()
    hub = handle.evaluate("root => root.netcardMarks[0].id")  # ranked first
    named = {label["id"]: label for label in handle.evaluate("root => root.netcardLabels")}
    assert hub in named
    leaders = handle.evaluate(LEADERS_CROSSING)
    assert leaders and all(crossed == [] for _, crossed in leaders), leaders
    assert handle.evaluate(COVERED) == []
    watch.assert_clean(page.url)


def test_a_name_in_another_language_is_shown_in_its_own_lang(
    served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    """A member whose name fell back to another language has `lang` in the graph data
    (tests/render/test_fallback_text.py): the panel's heading, the search list's button and
    the search's message show the name in an element of that language."""
    profile = served["workbook"]
    page, watch = new_page(profile)

    def swedish_name(route: Any) -> None:
        body = route.fetch().text()
        marked = body.replace('{"row":["te-toimisto"', '{"lang":"sv","row":["te-toimisto"', 1)
        assert marked != body
        route.fulfill(body=marked, headers={"content-type": "text/html; charset=utf-8"})

    page.route("**/network/index.html", swedish_name)
    page.goto(profile.url(f"{network_path(profile)}#member=te-toimisto"))
    page.wait_for_function(f"() => document.querySelector('{ROOT}').getAttribute("
                           "'data-focused') === 'te-toimisto'")
    assert page.locator(f"{ROOT} .graph-panel h3").get_attribute("lang") == "sv"
    search = page.locator(f"{ROOT} form.graph-search input")
    search.fill("TE-toimisto")
    buttons = page.locator(f"{ROOT} .graph-matches button")
    expect(buttons.nth(1)).to_be_attached()  # two or more matches are listed
    assert buttons.evaluate_all("bs => bs.map(b => [b.dataset.match, b.lang])") == [
        [b, "sv" if b == "te-toimisto" else ""] for b in buttons.evaluate_all(
            "bs => bs.map(b => b.dataset.match)")]
    page.locator(f"{ROOT} .graph-matches button[data-match=te-toimisto]").click()
    expect(page.locator(f"{ROOT} .search-status span[lang=sv]")).to_have_text(
        "Koskiseudun TE-toimisto")
    page.locator(f"{ROOT} .graph-panel .panel-close").click()
    expect(page.locator(f"{ROOT} .graph-panel h3")).to_have_count(0)
    watch.assert_clean(page.url)
