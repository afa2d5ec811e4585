"""The page's script expands the compact graph data into the graph the page showed before.

tests/render/test_network_graph_data.py checks the data against network.json and the
page's table through a Python reading of the format; here the browser's own `expand`
(netcard-graph.js) must give exactly that reading, for the network page and for a
member's ego graph, and the vis-network nodes it makes carry colour, shape, size and
the external partners' dashed border.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from generator.render.network_view import SECTOR_COLORS
from tests.e2e.e2e_support import PROFILES, PageFactory, ServedProfile
from tests.e2e.test_network_page import ROOT, graph_items, open_network
from tests.render.test_network_graph_data import expand

VIS_NODES = """([id, metric]) => {
  const data = JSON.parse(document.getElementById(id).textContent);
  const nodes = window.netcardGraph.expand(data).nodes;
  const sizes = window.netcardGraph.scaleSizes(nodes, metric);
  return nodes.map((n, i) => window.netcardGraph.visNode(n, sizes[i].size, true));
}"""


def assert_same_as_reference(items: dict[str, Any]) -> None:
    reference = expand(items["raw"])
    assert items["edges"] == reference["edges"]
    assert items["nodes"] == reference["nodes"]


@pytest.mark.parametrize("language", ["", "sv", "en"])
@pytest.mark.parametrize("profile_name", PROFILES)
def test_script_expands_the_data_as_the_format_says(
    profile_name: str, language: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    page, watch = new_page(profile)
    items = open_network(page, profile, language)
    assert_same_as_reference(items)
    exported = json.loads((profile.root / "network.json").read_text("utf-8"))
    assert sorted(n["id"] for n in items["nodes"]) == sorted(n["id"] for n in exported["nodes"])
    assert len(items["edges"]) == len(exported["links"])
    watch.assert_clean(page.url)


@pytest.mark.parametrize("metric", ["degree", "betweenness", "effective_size"])
def test_vis_nodes_have_colour_shape_size_and_border(
    metric: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    page, _ = new_page(profile)
    open_network(page, profile)
    data_id = page.locator(ROOT).get_attribute("data-graph")
    nodes = {n["id"]: n for n in page.evaluate(VIS_NODES, [data_id, metric])}
    exported = json.loads((profile.root / "network.json").read_text("utf-8"))["nodes"]
    largest = max(member[metric] or 0 for member in exported)
    assert largest > 0
    for member in exported:
        node = nodes[member["id"]]
        assert "label" not in node  # the script draws the names itself (readable at any zoom)
        assert node["color"] == SECTOR_COLORS[member["sector"]]
        assert node["sector"] == member["sector"]
        assert node["shape"] == ("diamond" if member["external"] else "dot")
        assert node["size"] == pytest.approx(10 + 26 * math.sqrt((member[metric] or 0) / largest))
        if member["external"]:
            assert node["borderWidth"] == 3 and node["shapeProperties"]["borderDashes"]
        else:
            assert "borderWidth" not in node


def test_member_page_ego_graph_is_expanded_too(
    served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served["workbook"]
    exported = json.loads((profile.root / "network.json").read_text("utf-8"))
    degree = {node["id"]: node["degree"] for node in exported["nodes"]}
    member = max(degree, key=lambda member_id: (degree[member_id], member_id))
    page, watch = new_page(profile)
    page.goto(profile.url(f"members/{member}/index.html"))
    page.wait_for_selector(".graph.graph-ready .graph-canvas canvas")
    items = graph_items(page, ".graph")
    assert_same_as_reference(items)
    neighbours = {link["target"] if link["source"] == member else link["source"]
                  for link in exported["links"] if member in (link["source"], link["target"])}
    assert {node["id"] for node in items["nodes"]} == {member} | neighbours
    assert items["nodes"][0]["details"]["url"] == "index.html"
    watch.assert_clean(page.url)
