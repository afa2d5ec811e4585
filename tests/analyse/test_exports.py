import csv
import io
import json
import random

import networkx as nx
import pytest

from generator.analyse.exports import (
    MEMBER_COLUMNS,
    members_csv,
    network_gexf,
    network_graphml,
    network_json,
    spreadsheet_safe,
    ties_csv,
)
from generator.analyse.graph import NodeInput, TieInput
from generator.analyse.network import analyse_network

COLORS = {"education": "#1f77b4", "employment": "#f80"}


def inputs() -> tuple[list[NodeInput], list[TieInput]]:
    nodes = [
        NodeInput("te-kustby", "TE Kustby", "employment", "core", "organisation", False),
        NodeInput("vuxen", "Kust vuxeninstitut", "education", "core", "organisation", False),
        NodeInput("amk", "Ammattikorkeakoulu", "education", "partner", "unit", False),
        NodeInput("evil", '=HYPERLINK("x")', "ngo", "associate", "group", True),
        NodeInput("alone", "Yksinäinen", "ngo", "partner", "person", False),
    ]
    ties = [
        TieInput("te-kustby", "vuxen", False, 5, "referral"),
        TieInput("te-kustby", "vuxen", True, 2, "funding"),
        TieInput("vuxen", "amk", False, 1, "project"),
        TieInput("evil", "te-kustby", True, 3, "-info"),
    ]
    return nodes, ties


@pytest.fixture
def analysis():
    return analyse_network(*inputs())


def test_network_json_shape_and_order(analysis):
    text = network_json(analysis, "public", "1.2.3")
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data) == ["generator", "profile", "metrics", "nodes", "links"]
    assert data["generator"] == "netcard 1.2.3"
    assert data["profile"] == "public"
    assert list(data["metrics"]) == [
        "nodes",
        "ties",
        "density",
        "centralization",
        "components",
        "average_degree",
        "loose_ties",
        "tight_ties",
    ]
    assert data["metrics"]["nodes"] == 5
    assert data["metrics"]["ties"] == 3
    assert data["metrics"]["density"] == 0.3
    assert [n["id"] for n in data["nodes"]] == ["alone", "amk", "evil", "te-kustby", "vuxen"]
    first = data["nodes"][0]
    assert list(first) == [
        "id",
        "name",
        "sector",
        "role",
        "external",
        "degree",
        "betweenness",
        "constraint",
        "effective_size",
        "brokerage",
        "x",
        "y",
    ]
    assert list(first["brokerage"]) == [
        "coordinator",
        "gatekeeper",
        "representative",
        "consultant",
        "liaison",
    ]
    assert first["constraint"] is None and first["effective_size"] is None
    assert "Yksinäinen" in text  # ensure_ascii=False
    assert len(data["links"]) == 4  # one per input tie, parallel ties kept
    assert [(link["source"], link["target"], link["type"]) for link in data["links"]] == sorted(
        (link["source"], link["target"], link["type"]) for link in data["links"]
    )
    assert {
        "source": "evil",
        "target": "te-kustby",
        "type": "-info",
        "strength": 3,
        "directed": True,
    } in data["links"]


def test_network_json_rounds_every_float_to_four_decimals(analysis):
    data = json.loads(network_json(analysis, "public", "1"))

    def floats(value):
        if isinstance(value, float):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from floats(v)
        elif isinstance(value, list):
            for v in value:
                yield from floats(v)

    values = list(floats(data))
    assert values
    assert all(round(v, 4) == v for v in values)


def test_network_json_is_identical_for_shuffled_input():
    nodes, ties = inputs()
    reference = network_json(analyse_network(nodes, ties), "public", "1")
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(nodes)
        rng.shuffle(ties)
        assert network_json(analyse_network(nodes, ties), "public", "1") == reference


def test_graphml_round_trip(analysis, tmp_path):
    data = network_graphml(analysis)
    assert data == network_graphml(analysis)
    assert data.startswith(b"<?xml")
    path = tmp_path / "network.graphml"
    path.write_bytes(data)
    graph = nx.read_graphml(path)
    assert graph.is_directed() and graph.is_multigraph()
    assert set(graph.nodes) == {"alone", "amk", "evil", "te-kustby", "vuxen"}
    assert graph.number_of_edges() == 4
    vuxen = graph.nodes["vuxen"]
    assert vuxen["label"] == "Kust vuxeninstitut"
    assert vuxen["sector"] == "education"
    assert vuxen["external"] is False
    assert vuxen["degree"] == 2
    assert isinstance(vuxen["x"], float)
    assert "constraint" not in graph.nodes["alone"]
    edges = {(u, v, d["tie_type"]): d for u, v, d in graph.edges(data=True)}
    assert edges["te-kustby", "vuxen", "referral"]["directed"] is False
    assert edges["te-kustby", "vuxen", "referral"]["weight"] == 5.0
    assert edges["te-kustby", "vuxen", "funding"]["directed"] is True


def test_graphml_of_undirected_network_is_undirected(tmp_path):
    nodes, ties = inputs()
    analysis = analyse_network(nodes, [t for t in ties if not t.directed])
    path = tmp_path / "n.graphml"
    path.write_bytes(network_graphml(analysis))
    assert not nx.read_graphml(path).is_directed()


def test_gexf_round_trip_and_viz(analysis, tmp_path):
    data = network_gexf(analysis, COLORS)
    assert b"lastmodifieddate" not in data
    assert data == network_gexf(analysis, COLORS)
    path = tmp_path / "network.gexf"
    path.write_bytes(data)
    graph = nx.read_gexf(path)
    assert set(graph.nodes) == {"alone", "amk", "evil", "te-kustby", "vuxen"}
    # 2 directed ties + 2 undirected ones written as "mutual", which readers expand both ways
    assert graph.number_of_edges() == 6
    te = graph.nodes["te-kustby"]
    assert te["label"] == "TE Kustby"
    assert te["sector"] == "employment"
    assert te["viz"]["color"]["r"] == 255 and te["viz"]["color"]["g"] == 136
    assert te["viz"]["size"] == 10 + 2 * te["degree"]
    result = analysis.result("te-kustby")
    assert te["viz"]["position"]["x"] == pytest.approx(result.x, abs=1e-4)
    assert te["viz"]["position"]["y"] == pytest.approx(-result.y, abs=1e-4)
    assert graph.nodes["alone"]["viz"]["color"]["r"] == 136  # no colour → grey
    strengths = sorted(d["strength"] for _, _, d in graph.edges(data=True))
    assert strengths == [1, 1, 2, 3, 5, 5]
    assert graph.has_edge("amk", "vuxen") and graph.has_edge("vuxen", "amk")
    assert b'type="mutual"' in data  # undirected ties in a mixed network


def test_csv_neutralises_formula_cells_but_keeps_numbers(analysis):
    rows = list(csv.reader(io.StringIO(members_csv(analysis))))
    assert rows[0] == list(MEMBER_COLUMNS)
    assert len(rows) == 6
    evil = next(r for r in rows if r[0] == "evil")
    assert evil[1] == '\'=HYPERLINK("x")'
    xs = [float(r[MEMBER_COLUMNS.index("x")]) for r in rows[1:]]
    assert any(x < 0 for x in xs)  # negative coordinates stay plain numbers
    assert all(not r[MEMBER_COLUMNS.index("x")].startswith("'") for r in rows[1:])
    alone = next(r for r in rows if r[0] == "alone")
    assert alone[MEMBER_COLUMNS.index("constraint")] == ""

    tie_rows = list(csv.reader(io.StringIO(ties_csv(analysis))))
    assert tie_rows[0] == ["source", "target", "type", "strength", "directed"]
    assert ["evil", "te-kustby", "'-info", "3", "true"] in tie_rows


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (-12.34567, -12.3457),
        (-3, -3),
        (True, "true"),
        (None, ""),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected
