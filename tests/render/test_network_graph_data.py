"""The graph data in the network page and the member pages (network_view.py's format 2).

The page sends what many members share (sectors, roles, figure names, tie types) once and
each member and tie as a short row. These tests read the built page's data back, expand it
as the format says (`expand` below mirrors netcard-graph.js; the browser test in
tests/e2e/test_network_data.py checks the script itself gives the same), and compare it
with network.json and the page's own table: every member and tie, with the same figures.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.render.network_view import GRAPH_STYLE, SECTOR_COLORS
from tests.conftest import write_site

MEMBERS = {
    "members/alpha.yaml": "name: Alpha & Co\nsector: education\nrole: core\n",
    "members/beta.yaml": "name: Beta\nsector: employment\n",
    "members/gamma.yaml": "name: Gamma <b>\nsector: municipality\nrole: core\n",
    "members/delta.yaml": "name: Delta\nsector: employment\nexternal: true\n",
    "members/eps.yaml": "name: Epsilon\nsector: ngo\n",
    "members/former.yaml": "name: Former\nsector: ngo\nleft: 2020-01-01\n",
}
TIES = """\
types:
  referral: {label: {fi: Ohjaus, sv: Hänvisning, en: Referral}, color: "#123456"}
  funding: {label: {fi: Rahoitus, sv: Finansiering, en: Funding}}
ties:
  - between: [alpha, beta]
    type: referral
    strength: 5
  - from: alpha
    to: gamma
    type: funding
    strength: 1
  - between: [beta, gamma]
    strength: 2
  - from: delta
    to: alpha
    type: referral
    strength: 3
  - between: [gamma, eps]
    type: funding
    strength: 4
  - between: [eps, former]
    type: referral
"""


def graph_json(page: Path, graph_id: str) -> dict[str, Any]:
    text = page.read_text(encoding="utf-8")
    match = re.search(rf'<script type="application/json" id="{graph_id}-data">(.*?)</script>',
                      text, re.S)
    assert match, f"{page} has the graph's data"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def expand(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Format 2 as vis-network's nodes and edges, with each member's panel details."""
    assert data["format"] == 2
    style = data["style"]
    nodes = []
    for node in data["nodes"]:
        row = node["row"]
        sector = data["sectors"][row[2]]
        external = row[4] == 1
        nodes.append({
            # `lang`: only for a name in another language than the page's
            "id": row[0], "label": row[1], "lang": node.get("lang"), "x": row[5], "y": row[6],
            "color": sector[2],
            "shape": style["externalShape"] if external else style["shape"],
            "sector": sector[0], "external": external,
            "metrics": {"degree": row[7], "betweenness": row[8], "effective_size": row[9]},
            "role": row[3], "community": row[15], "group": row[16],
            "details": {"label": row[1], "lang": node.get("lang"), "sectorLabel": sector[1],
                        "roleLabel": data["roles"][row[3]], "external": external,
                        "figures": [[name, row[10 + i]] for i, name in enumerate(data["figures"])],
                        "url": node.get("url")},
        })
    edges = []
    for number, (first, second, kind, strength, directed) in enumerate(data["edges"]):
        name, color, dash = data["types"][kind]
        edge = {"id": number, "from": nodes[first]["id"], "to": nodes[second]["id"],
                "type": name, "strength": strength,
                "color": {"color": color, "highlight": color, "hover": color,
                          "opacity": style["opacity"]},
                "width": style["widthBase"] + strength * style["widthPerStrength"]}
        if style["dashes"][dash]:
            edge["dashes"] = style["dashes"][dash]
        if directed:
            edge["arrows"] = "to"
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


def table_rows(page: Path) -> dict[str, list[str]]:
    """The no-JavaScript table: member id → [link, the five figures as shown]."""
    text = page.read_text(encoding="utf-8")
    rows = {}
    for row in re.findall(r"<tr class=\"sector-[^\"]*\">(.*?)</tr>", text, re.S):
        member = re.search(r'data-show-node="([^"]+)"', row)
        link = re.search(r'<a href="([^"]+)"', row)
        cells = re.findall(r'<td class="num"[^>]*>(.*?)</td>', row)
        assert member and link and len(cells) == 5
        rows[member.group(1)] = [html.unescape(link.group(1)), *map(html.unescape, cells)]
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp("graph"), {**MEMBERS, "ties.yaml": TIES})
    build(root, root / "output")
    return root / "output" / "workbook"


@pytest.mark.parametrize("language", ["", "sv", "en"])
def test_network_page_data_has_every_member_and_tie_of_network_json(
    built: Path, language: str
) -> None:
    page = built / language / "network" / "index.html"
    data = graph_json(page, "network-graph")
    items = expand(data)
    exported = json.loads((built / "network.json").read_text(encoding="utf-8"))
    table = table_rows(page)
    by_id = {node["id"]: node for node in items["nodes"]}
    assert sorted(by_id) == sorted(node["id"] for node in exported["nodes"])
    assert len(by_id) == len(items["nodes"])
    for member in exported["nodes"]:
        node = by_id[member["id"]]
        assert node["label"] == member["name"]
        assert node["sector"] == member["sector"]
        assert node["color"] == SECTOR_COLORS[member["sector"]]
        assert node["external"] is member["external"]
        assert node["shape"] == ("diamond" if member["external"] else "dot")
        assert (node["x"], node["y"]) == (round(member["x"]), round(member["y"]))
        assert node["metrics"] == {"degree": member["degree"],
                                   "betweenness": member["betweenness"],
                                   "effective_size": member["effective_size"] or 0}
        details = node["details"]
        link, *figures = table[member["id"]]
        assert details["url"] == link
        assert [value for _, value in details["figures"]] == figures
        assert details["sectorLabel"] and details["roleLabel"]
    # One role label per role, one sector label per sector.
    roles = {(m["role"], by_id[m["id"]]["details"]["roleLabel"]) for m in exported["nodes"]}
    assert len(roles) == len({role for role, _ in roles}) == len({label for _, label in roles})
    names = [name for name, _ in items["nodes"][0]["details"]["figures"]]
    assert len(names) == len(set(names)) == 5

    links = sorted((link["source"], link["target"], link["type"] or "", link["strength"],
                    link["directed"]) for link in exported["links"])
    edges = sorted((e["from"], e["to"], e["type"], round((e["width"] - 0.8) / 0.9),
                    e.get("arrows") == "to") for e in items["edges"])
    assert edges == links
    for edge in items["edges"]:
        strength = round((edge["width"] - GRAPH_STYLE["widthBase"]) / 0.9)
        assert edge["strength"] == strength
        assert edge["color"]["opacity"] == 0.85
    # Tie types differ by line style (and by tone): no two types look alike.
    looks = {edge["type"]: (edge["color"]["color"], tuple(edge.get("dashes", ())))
             for edge in items["edges"]}
    assert looks["referral"][0] == "#123456"  # a colour ties.yaml declares is kept
    assert len(set(looks.values())) == len(looks)
    assert len({dashes for _, dashes in looks.values()}) == len(looks)
    assert len({edge["id"] for edge in items["edges"]}) == len(items["edges"])


def test_every_tie_type_and_sector_in_the_data_has_a_filter(built: Path) -> None:
    page = built / "en" / "network" / "index.html"
    text = page.read_text(encoding="utf-8")
    data = graph_json(page, "network-graph")
    offered_types = re.findall(r'data-filter="type" value="([^"]*)"', text)
    offered_sectors = re.findall(r'data-filter="sector" value="([^"]*)"', text)
    assert [kind for kind, _, _ in data["types"]] == [
        t for t in offered_types if t in {k for k, _, _ in data["types"]}]
    assert sorted(sector for sector, _, _ in data["sectors"]) == sorted(offered_sectors)
    samples = dict(re.findall(r'data-filter="type" value="([^"]*)" checked> '
                              r'<svg class="line-sample"[^>]*><line [^>]*stroke="([^"]*)"', text))
    assert {kind: color for kind, color, _ in data["types"]} == {
        kind: samples[kind] for kind, _, _ in data["types"]}


def test_member_page_ego_graph_is_the_member_its_neighbours_and_their_ties(built: Path) -> None:
    data = graph_json(built / "en" / "members" / "alpha" / "index.html", "ego-graph")
    items = expand(data)
    assert [node["id"] for node in items["nodes"]] == ["alpha", "beta", "delta", "gamma"]
    assert sorted((e["from"], e["to"]) for e in items["edges"]) == [
        ("alpha", "beta"), ("alpha", "gamma"), ("beta", "gamma"), ("delta", "alpha")]
    assert data["options"]["physics"]["enabled"] is False
    alpha = items["nodes"][0]
    assert alpha["label"] == "Alpha & Co"
    assert alpha["details"]["url"] == "index.html"  # its own page
    assert items["nodes"][1]["details"]["url"] == "../beta/index.html"


def test_the_data_is_small_and_safe_inside_a_script_element(built: Path) -> None:
    page = built / "network" / "index.html"
    text = page.read_text(encoding="utf-8")
    block = re.search(r'id="network-graph-data">(.*?)</script>', text, re.S)
    assert block
    raw = block.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert "Gamma <b>" in [node["row"][1] for node in data["nodes"]]
    # Shared text comes once: no sector or figure name is repeated per member.
    for name in data["figures"]:
        assert raw.count(json.dumps(name, ensure_ascii=False)) == 1
    for _, label, _ in data["sectors"]:
        assert raw.count(json.dumps(label, ensure_ascii=False)) == 1


def test_the_page_has_the_static_picture_and_a_legend_of_both_channels(built: Path) -> None:
    text = (built / "en" / "network" / "index.html").read_text(encoding="utf-8")
    picture = re.search(r'<div class="graph-static"><svg [^>]*role="img"(.*?)</svg>', text, re.S)
    assert picture, "the graph has a static picture for no JavaScript and print"
    assert picture.group(1).count("<circle") + picture.group(1).count("<polygon") >= 5
    assert "Alpha &amp; Co" in picture.group(1) and "Gamma &lt;b&gt;" in picture.group(1)
    legend = text[text.index('<div class="graph-legend-box">'):]
    for part in ("legend-sectors", "line-sample", "shape-sample", "External partner"):
        assert part in legend


@pytest.mark.parametrize("page, graph_id", [
    ("workbook/network/index.html", "network-graph"),
    ("public/en/network/index.html", "network-graph"),  # without figures
    ("workbook/members/alpha/index.html", "ego-graph"),
    ("workbook/sv/members/gamma/index.html", "ego-graph"),
    ("workbook/en/members/eps/index.html", "ego-graph"),
])
def test_the_data_is_the_canonical_json_of_its_values(built: Path, page: str,
                                                      graph_id: str) -> None:
    """A graph's JSON is put together from parts made once (network_view.graph_data): it
    is still the text `safe_json` makes of the whole, keys sorted, nothing left out."""
    from generator.render.network_view import safe_json

    text = (built.parent / page).read_text(encoding="utf-8")
    match = re.search(rf'id="{graph_id}-data">(.*?)</script>', text, re.S)
    assert match
    assert match.group(1) == str(safe_json(json.loads(match.group(1))))
