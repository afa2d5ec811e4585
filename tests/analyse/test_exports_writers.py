"""The fast GraphML, GEXF and network.json writers against networkx's and json's own.

``generator.analyse.exports`` writes these files as text for speed. The
GraphML and GEXF references below are networkx's writers, kept here so that every
change in the bytes shows; they share only `node_attributes` (what each node says)
with the code under test. network.json is checked against json.dumps of its own
document and against the analysis it was written from.
"""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from generator.analyse.exports import (
    DEFAULT_COLOR,
    network_gexf,
    network_graphml,
    network_json,
    node_attributes,
    rounded,
)
from generator.analyse.graph import NodeInput, TieInput
from generator.analyse.network import NetworkAnalysis, NodeResult, analyse_network

COLORS = {"education": "#1f77b4", "employment": "#f80", "ngo": "not a colour"}
REPO = Path(__file__).resolve().parents[2]

# ------------------------------------------------------------------ reference


def json_dumps_of_itself(text: str) -> str:
    """What json.dumps (indent=2, with netcard's escapes for embedding in HTML) writes for
    the document `text` holds: the fast writer must write exactly that."""
    dumped = json.dumps(json.loads(text), ensure_ascii=False, indent=2)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        dumped = dumped.replace(char, escape)
    return dumped + "\n"


def assert_json_holds(text: str, analysis: NetworkAnalysis, profile: str, version: str) -> None:
    """network.json is well-formed as json.dumps writes it and says what the analysis
    says: checked against the analysis itself, not a copy of the writer."""
    assert text == json_dumps_of_itself(text)
    document = json.loads(text)
    assert (document["generator"], document["profile"]) == (f"netcard {version}", profile)
    assert document["metrics"]["nodes"] == analysis.metrics.nodes
    assert document["metrics"]["ties"] == analysis.metrics.ties
    assert document["metrics"]["density"] == rounded(analysis.metrics.density)
    results = sorted(analysis.results, key=lambda r: r.id)
    assert [n["id"] for n in document["nodes"]] == [r.id for r in results]
    for node, result in zip(document["nodes"], results, strict=True):
        assert (node["name"], node["degree"]) == (result.name, result.degree)
        assert node["betweenness"] == rounded(result.betweenness)
        assert node["brokerage"] == result.brokerage.as_dict()
    assert [(link["source"], link["target"], link["type"], link["strength"],
             link["directed"]) for link in document["links"]] == [
        (t.source, t.target, t.type, t.strength, t.directed) for t in analysis.ties]


def _reference_graph(analysis: NetworkAnalysis) -> Any:
    any_directed = any(t.directed for t in analysis.ties)
    graph = nx.MultiDiGraph() if any_directed else nx.MultiGraph()
    for node in sorted(analysis.results, key=lambda r: r.id):
        graph.add_node(node.id, **node_attributes(node))  # what each node says
    for index, tie in enumerate(analysis.ties):
        graph.add_edge(tie.source, tie.target, key=f"e{index}", label=tie.type,
                       tie_type=tie.type, strength=tie.strength,
                       weight=float(tie.strength), directed=tie.directed)
    return graph


def reference_graphml(analysis: NetworkAnalysis) -> bytes:
    graph = _reference_graph(analysis)
    for node in analysis.results:
        graph.nodes[node.id]["x"] = rounded(node.x)
        graph.nodes[node.id]["y"] = rounded(node.y)
    text = "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True))
    return ("<?xml version='1.0' encoding='utf-8'?>\n" + text.strip() + "\n").encode("utf-8")


def _reference_rgb(color: str | None) -> dict[str, object]:
    valid = color is not None and re.match(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", color)
    digits = (color if valid and color else DEFAULT_COLOR)[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return {"r": int(digits[0:2], 16), "g": int(digits[2:4], 16),
            "b": int(digits[4:6], 16), "a": 1.0}


def reference_gexf(analysis: NetworkAnalysis, colors: dict[str, str]) -> bytes:
    graph = _reference_graph(analysis)
    for node in analysis.results:
        graph.nodes[node.id]["viz"] = {
            "color": _reference_rgb(colors.get(node.sector)),
            "size": float(10 + 2 * node.degree),
            "position": {"x": rounded(node.x), "y": rounded(-node.y), "z": 0.0},
        }
    if graph.is_directed():
        for _, _, data in graph.edges(data=True):
            data["type"] = "directed" if data["directed"] else "mutual"
    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True))
    text = re.sub(r'\s+lastmodifieddate="[^"]*"', "", text)
    if not text.lstrip().startswith("<?xml"):
        text = "<?xml version='1.0' encoding='utf-8'?>\n" + text
    return (text.strip() + "\n").encode("utf-8")


# ------------------------------------------------------------------- networks

HOSTILE_NAMES = [
    'Quote " and \' apostrophe',
    "<script>alert(1)</script> & ]]> &amp; &#0;",
    "Emoji 🕸️👩🏽‍💼 and ßäöå",
    "عربي RTL שלום \u202eeulav desrever\u202c",
    "Tab\tnew\nline\r\nand\rreturn",
    "Separators \u2028 \u2029 \x85 \x7f",
    "   ",
    "",
    "=HYPERLINK(\"x\") lastmodifieddate=\"2020-01-01\"",
    "\ufffd replacement",
]
FORBIDDEN_NAMES = ["nul \x00 bell \x07", "esc \x1b unit \x1f", "bad \ud800 surrogate \ufffe\uffff"]
LINE_CONTROL_NAMES = ["vertical \x0b form \x0c", "file \x1c group \x1d record \x1e"]
HOSTILE_IDS = ["plain", 'q"uote', "a<b&c>", "émoji-🙂", "rtl-שלום", "sp ace"]
TYPES = ["referral", "-info", "<b>&amp;", 'say "hi"', "tab\there", "päivä"]
SECTORS = ["education", "employment", "ngo", "<sector>", ""]


def hostile_inputs(
    names: list[str], seed: int, directed_share: float = 0.3
) -> tuple[list[NodeInput], list[TieInput]]:
    rng = random.Random(seed)
    ids = HOSTILE_IDS + [f"m{i:02d}" for i in range(len(names) + 4)]
    nodes = [
        NodeInput(node_id, names[i % len(names)], rng.choice(SECTORS),
                  rng.choice(["core", "partner"]), rng.choice(["organisation", "person"]),
                  rng.random() < 0.2)
        for i, node_id in enumerate(ids)
    ]
    ties = [
        TieInput(rng.choice(ids[:-2]), rng.choice(ids[:-2]), rng.random() < directed_share,
                 rng.randint(1, 5), rng.choice(TYPES))
        for _ in range(3 * len(ids))
    ]  # the last two members stay isolated; self-loops are dropped by the analysis
    return nodes, ties


def analysis_of(names: list[str], seed: int = 1, directed_share: float = 0.3) -> NetworkAnalysis:
    return analyse_network(*hostile_inputs(names, seed, directed_share))


def read(data: bytes, suffix: str, tmp_path: Path) -> Any:
    path = tmp_path / f"network{suffix}"
    path.write_bytes(data)
    return nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)


def assert_same_graph(ours: Any, theirs: Any) -> None:
    """Same kind of graph, same nodes and edges (with keys) and every attribute equal."""
    assert (ours.is_directed(), ours.is_multigraph()) == (theirs.is_directed(),
                                                          theirs.is_multigraph())
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert ours.graph == theirs.graph


# ---------------------------------------------------------------------- tests


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("directed_share", [0.0, 0.3, 1.0])
def test_xml_exports_equal_networkx_for_hostile_names(
    seed: int, directed_share: float, tmp_path: Path
) -> None:
    analysis = analysis_of(HOSTILE_NAMES, seed, directed_share)
    for suffix, ours, theirs in (
        (".graphml", network_graphml(analysis), reference_graphml(analysis)),
        (".gexf", network_gexf(analysis, COLORS), reference_gexf(analysis, COLORS)),
    ):
        ET.fromstring(ours)  # well-formed
        assert_same_graph(read(ours, suffix, tmp_path), read(theirs, suffix, tmp_path))
        assert ours == theirs


def test_hostile_names_round_trip_through_networkx(tmp_path: Path) -> None:
    analysis = analysis_of(HOSTILE_NAMES)
    graph = read(network_graphml(analysis), ".graphml", tmp_path)
    names = {graph.nodes[r.id]["name"] for r in analysis.results}
    # XML parsers read any line break in text as "\n"
    assert {n.replace("\r\n", "\n").replace("\r", "\n") for n in HOSTILE_NAMES} <= names | {""}
    assert "Emoji 🕸️👩🏽‍💼 and ßäöå" in names
    gexf = read(network_gexf(analysis, COLORS), ".gexf", tmp_path)
    labels = {d["label"] for _, d in gexf.nodes(data=True)}
    assert "عربي RTL שלום \u202eeulav desrever\u202c" in labels
    assert set(gexf.nodes) == {r.id for r in analysis.results}


def test_characters_xml_forbids_become_replacement_characters(tmp_path: Path) -> None:
    """networkx wrote them raw (an unreadable file); now they read back as U+FFFD."""
    analysis = analysis_of([*FORBIDDEN_NAMES, "ok"])
    forbidden = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    cleaned = analysis_of([*(forbidden.sub("\ufffd", n) for n in FORBIDDEN_NAMES), "ok"])
    assert network_graphml(analysis) == reference_graphml(cleaned)
    assert network_gexf(analysis, COLORS) == reference_gexf(cleaned, COLORS)
    graph = read(network_graphml(analysis), ".graphml", tmp_path)
    assert "nul \ufffd bell \ufffd" in {d["name"] for _, d in graph.nodes(data=True)}
    gexf = read(network_gexf(analysis, COLORS), ".gexf", tmp_path)
    assert "bad \ufffd surrogate \ufffd\ufffd" in {d["label"] for _, d in gexf.nodes(data=True)}


def test_line_controls_stay_well_formed(tmp_path: Path) -> None:
    """VT, FF and 0x1c–0x1e: networkx's line splitting made them newlines in text."""
    analysis = analysis_of([*LINE_CONTROL_NAMES, "ok"])
    assert network_graphml(analysis) == reference_graphml(analysis)
    graph = read(network_graphml(analysis), ".graphml", tmp_path)
    assert "vertical \n form \n" in {d["name"] for _, d in graph.nodes(data=True)}
    gexf = network_gexf(analysis, COLORS)
    ET.fromstring(gexf)  # networkx left them raw in attributes: not XML
    labels = {d["label"] for _, d in read(gexf, ".gexf", tmp_path).nodes(data=True)}
    assert "file   group   record  " in labels  # an attribute's newline reads as a space


def test_network_json_equals_json_dumps_for_hostile_data() -> None:
    for names in (HOSTILE_NAMES, FORBIDDEN_NAMES, LINE_CONTROL_NAMES):
        for seed in (1, 2):
            analysis = analysis_of(names, seed)
            assert_json_holds(network_json(analysis, 'pro"file</script>', "1.0 <b>"),
                              analysis, 'pro"file</script>', "1.0 <b>")


def test_empty_and_tieless_networks_match() -> None:
    for analysis in (analyse_network([], []), analysis_of(["a", "b"], directed_share=0.0)):
        assert_json_holds(network_json(analysis, "public", "1"), analysis, "public", "1")
        assert network_graphml(analysis) == reference_graphml(analysis)
        assert network_gexf(analysis, COLORS) == reference_gexf(analysis, COLORS)
    lonely = analyse_network(hostile_inputs(["x"], 1)[0], [])
    assert network_graphml(lonely) == reference_graphml(lonely)
    assert network_gexf(lonely, COLORS) == reference_gexf(lonely, COLORS)
    assert_json_holds(network_json(lonely, "p", "1"), lonely, "p", "1")


def test_special_floats_are_written_as_networkx_did() -> None:
    """No analysis produces them today; the writers must still agree if one ever does."""
    analysis = analysis_of(["a"], directed_share=0.5)
    first = analysis.results[0]
    odd = NodeResult(**{**first.__dict__, "betweenness": float("nan"),
                        "constraint": float("inf"), "effective_size": float("-inf")})
    broken = NetworkAnalysis(**{**analysis.__dict__, "results": (odd, *analysis.results[1:])})
    assert network_graphml(broken) == reference_graphml(broken)
    assert network_gexf(broken, COLORS) == reference_gexf(broken, COLORS)
    text = network_json(broken, "p", "1")
    assert text == json_dumps_of_itself(text)  # NaN and Infinity, as json.dumps writes them
    assert '"betweenness": NaN' in text and '"constraint": Infinity' in text


@pytest.mark.parametrize("profile", ["public", "workbook"])
def test_example_site_exports_are_unchanged(profile: str) -> None:
    from generator.analyse.exports import SECTOR_COLORS
    from generator.analyse.site_graph import analyse_site_graph
    from generator.build import load_site, profile_views
    from generator.model.profile import Profile

    site, _ = load_site(REPO)
    views, _ = profile_views(site, (Profile(profile),))
    analysis = analyse_site_graph(views[Profile(profile)], None)
    assert_json_holds(network_json(analysis, profile, "1"), analysis, profile, "1")
    assert network_graphml(analysis) == reference_graphml(analysis)
    assert network_gexf(analysis, SECTOR_COLORS) == reference_gexf(analysis, SECTOR_COLORS)


@pytest.mark.parametrize("writer", ["graphml", "gexf"])
def test_written_out_xml_types_are_networkxs(writer: str) -> None:
    """The type table is written out so that exporting imports no networkx; it must say
    what networkx's own table says for every type an attribute can have."""
    from generator.analyse.exports import XML_TYPES

    base = nx.readwrite.graphml.GraphML() if writer == "graphml" else nx.readwrite.gexf.GEXF()
    base.construct_types()
    assert {kind: base.xml_type[kind] for kind in (bool, int, float, str)} == XML_TYPES
