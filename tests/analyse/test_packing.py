"""Packing components: small islands go under the main component, never beside it."""

from __future__ import annotations

import networkx as nx

from generator.analyse.layout import compute_layout
from generator.analyse.packing import extent, pack_components


def square(prefix: str, side: float) -> dict[str, tuple[float, float]]:
    return {f"{prefix}1": (0.0, 0.0), f"{prefix}2": (side, 0.0), f"{prefix}3": (0.0, side),
            f"{prefix}4": (side, side)}


def test_an_isolated_member_does_not_widen_the_picture() -> None:
    main = square("m", 6.0)
    packed = pack_components([main, {"alone": (0.0, 0.0)}], gap=1.0)
    width, height = extent(packed)
    assert width == 6.0  # as wide as the main component
    assert height == 7.0  # one gap below it
    assert packed["alone"] == (0.0, 7.0)
    assert {k: packed[k] for k in main} == main


def test_many_loners_form_rows_as_wide_as_the_main_component() -> None:
    loners = [{f"z{i:02d}": (0.0, 0.0)} for i in range(20)]
    packed = pack_components([square("m", 6.0), *loners], gap=1.0)
    width, _ = extent(packed)
    assert width <= 6.0
    assert len({packed[f"z{i:02d}"] for i in range(20)}) == 20  # no two on one spot


def test_components_of_similar_size_share_rows() -> None:
    packed = pack_components([square("a", 4.0), square("b", 4.0), square("c", 4.0)], gap=1.0)
    width, height = extent(packed)
    assert width > 4.0 and height < 3 * 4.0 + 2  # not stacked in one column


def test_the_whole_layout_keeps_a_loner_close() -> None:
    graph = nx.relabel_nodes(nx.cycle_graph(16), lambda n: f"n{n:02d}")
    graph.add_node("loner")
    positions = compute_layout(graph)
    xs = [x for x, _ in positions.values()]
    main_xs = [positions[n][0] for n in graph if n != "loner"]
    assert max(xs) - min(xs) == max(main_xs) - min(main_xs)
    assert compute_layout(graph) == positions  # deterministic
