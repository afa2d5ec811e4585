import json
import math

import networkx as nx

from generator.analyse import layout as layout_module
from generator.analyse.layout import compute_layout, layout, layout_key


def two_triangles_and_loners() -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(["z1", "z2", "z3"])
    graph.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d")])
    graph.add_edge("c", "d")
    graph.add_edge("p", "q")
    return graph


def test_every_node_gets_finite_coordinates_near_the_origin():
    graph = two_triangles_and_loners()
    positions = compute_layout(graph)
    assert set(positions) == set(graph.nodes)
    coords = [c for xy in positions.values() for c in xy]
    assert all(math.isfinite(c) for c in coords)
    # 11 nodes: a few hundred pixels at most, and isolated nodes are not flung away.
    assert max(abs(c) for c in coords) < 600


def test_layout_ignores_insertion_order():
    graph = two_triangles_and_loners()
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(graph.nodes, reverse=True))
    shuffled.add_edges_from((b, a) for a, b in reversed(list(graph.edges)))
    assert compute_layout(graph) == compute_layout(shuffled)
    assert layout_key(graph) == layout_key(shuffled)


def test_tied_members_sit_closer_than_untied_ones():
    graph = nx.relabel_nodes(nx.barbell_graph(6, 0), str)
    pos = compute_layout(graph)

    def dist(a: str, b: str) -> float:
        return math.dist(pos[a], pos[b])

    assert dist("0", "1") < dist("0", "11")


def test_cache_is_written_reused_and_repaired(tmp_path, monkeypatch):
    graph = two_triangles_and_loners()
    first = layout(graph, tmp_path)
    files = list(tmp_path.glob("layout-*.json"))
    assert len(files) == 1
    assert files[0].name == f"layout-{layout_key(graph)}.json"

    calls = []
    monkeypatch.setattr(
        layout_module, "compute_layout", lambda g: calls.append(g) or {n: (1.0, 2.0) for n in g}
    )
    assert layout(graph, tmp_path) == first  # served from the cache
    assert calls == []

    files[0].write_text("{not json", encoding="utf-8")
    repaired = layout(graph, tmp_path)
    assert len(calls) == 1
    assert repaired["a"] == (1.0, 2.0)
    assert json.loads(files[0].read_text(encoding="utf-8"))["positions"]["a"] == [1.0, 2.0]


def test_cache_with_missing_nodes_is_ignored(tmp_path):
    graph = two_triangles_and_loners()
    path = tmp_path / f"layout-{layout_key(graph)}.json"
    path.write_text(json.dumps({"positions": {"a": [0, 0]}}), encoding="utf-8")
    assert set(layout(graph, tmp_path)) == set(graph.nodes)


def test_key_changes_with_edges():
    graph = two_triangles_and_loners()
    other = graph.copy()
    other.add_edge("a", "z1")
    assert layout_key(graph) != layout_key(other)


def test_large_component_uses_fast_layout(monkeypatch):
    monkeypatch.setattr(layout_module, "FAST_LAYOUT_MIN_NODES", 20)
    graph = nx.relabel_nodes(nx.connected_watts_strogatz_graph(60, 4, 0.1, seed=1), str)
    first = compute_layout(graph)
    assert first == compute_layout(graph)
    assert all(math.isfinite(c) for xy in first.values() for c in xy)


def test_empty_and_single_node():
    assert compute_layout(nx.Graph()) == {}
    single = nx.Graph()
    single.add_node("a")
    assert compute_layout(single) == {"a": (0.0, 0.0)}
