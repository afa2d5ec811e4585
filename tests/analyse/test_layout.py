import json
import math

import networkx as nx
import numpy as np

from generator.analyse import layout as layout_module
from generator.analyse.layout import Positions, compute_layout, layout, layout_key


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

    calls: list[nx.Graph] = []

    def counted_layout(g: nx.Graph) -> Positions:
        calls.append(g)
        return {n: (1.0, 2.0) for n in g}

    monkeypatch.setattr(layout_module, "compute_layout", counted_layout)
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


def _sampled_force_layout_v1(sub: nx.Graph, ids: list[str], iterations: int = 80,
                             samples: int = 64) -> np.ndarray:
    """The large-component layout as first written, on (n, samples, 2) arrays: the
    reference the faster one must match bit for bit."""
    n = len(ids)
    index = {v: i for i, v in enumerate(ids)}
    edges = np.array([(index[a], index[b]) for a, b in sub.edges()], dtype=np.int64).reshape(-1, 2)
    u, v = edges[:, 0], edges[:, 1]
    rng = np.random.default_rng(layout_module.LAYOUT_SEED)
    side = math.sqrt(n)
    pos = rng.random((n, 2)) * side
    count = min(samples, n - 1)
    temperature = side * 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        others = rng.integers(0, n, size=(n, count))
        delta = pos[:, None, :] - pos[others]
        dist2 = np.maximum((delta**2).sum(axis=-1), 1e-6)
        disp = (delta / dist2[..., None]).sum(axis=1) * ((n - 1) / count)
        along = pos[u] - pos[v]
        pull = along * np.sqrt((along**2).sum(axis=-1))[:, None]
        for axis in (0, 1):
            disp[:, axis] += np.bincount(v, pull[:, axis], n) - np.bincount(u, pull[:, axis], n)
        length = np.maximum(np.sqrt((disp**2).sum(axis=-1)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return pos


def test_fast_layout_gives_the_first_versions_positions_bit_for_bit():
    """Rewritten for speed (x and y apart, samples summed one by one): the same layout."""
    for graph in (nx.gnm_random_graph(300, 1200, seed=3),
                  nx.connected_watts_strogatz_graph(200, 4, 0.1, seed=1)):
        sub = layout_module._canonical(nx.relabel_nodes(graph, str),
                                       sorted(map(str, graph.nodes)))
        ids = list(sub.nodes)
        faster = layout_module._sampled_force_layout(sub, ids)
        assert faster.tobytes() == _sampled_force_layout_v1(sub, ids).tobytes()
