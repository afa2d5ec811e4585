"""The static picture of the graph (no JavaScript, print, bundle) and its label placement."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.render.graph_look import (
    SVG_LABEL_PX,
    SVG_MIN_WIDTH,
    TIE_DASHES,
    SvgEdge,
    SvgNode,
    label_box,
    static_svg,
)

NS = "{http://www.w3.org/2000/svg}"


def crowd(count: int) -> list[SvgNode]:
    """Members on a tight grid: far more names than fit without overlapping."""
    return [SvgNode(f"Member number {i} <b>&", (i % 10) * 30.0, (i // 10) * 30.0, "#1f77b4",
                    i % 7 == 0, degree=i % 5) for i in range(count)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_labels_are_escaped_and_nothing_is_loaded() -> None:
    spaced = [SvgNode(f"Member number {i} <b>&", i * 400.0, 0.0, "#1f77b4", False, 1)
              for i in range(3)]
    svg = str(static_svg(spaced, [SvgEdge(0, 1, 0, 3, True)], 'A "graph" <label>'))
    root = parse(svg)  # well-formed: every label escaped
    assert root.get("aria-label") == 'A "graph" <label>'
    assert "<b>" not in svg and "Member number 0 &lt;b&gt;&amp;" in svg
    assert not re.search(r"\b(href|src|url\()", svg)


def test_a_tie_crossing_a_name_is_hidden_under_its_halo() -> None:
    """The names are drawn over the ties on a halo of white at least as wide as the
    widest tie (strength 5): printed, a thick tie through "Kaisa Lähdemäki" once struck
    it out."""
    from generator.render.graph_look import tie_width

    nodes = [SvgNode(name, x, 0.0, "#1f77b4", False, 1)
             for name, x in (("Kaisa Lähdemäki", 0.0), ("Ammattiopisto Virta", 400.0))]
    root = parse(str(static_svg(nodes, [SvgEdge(0, 1, 0, 5, False)], "graph")))
    group = root.find(f"{NS}g[@paint-order='stroke']")
    assert group is not None and group.findall(f"{NS}text")
    assert float(group.get("stroke-width", "0")) >= tie_width(5)
    assert group.get("stroke") == "#ffffff" and group.get("stroke-linejoin") == "round"


def test_labels_never_overlap_and_are_readable_at_the_minimum_width() -> None:
    nodes = crowd(60)
    root = parse(str(static_svg(nodes, [], "graph")))
    view_width = float(root.get("viewBox", "").split()[2])
    group = root.find(f"{NS}g")
    assert group is not None
    font = float(group.get("font-size", "0"))
    assert font * SVG_MIN_WIDTH / view_width >= SVG_LABEL_PX - 0.5  # ≥ 12 px when shown
    texts = group.findall(f"{NS}text")
    assert 0 < len(texts) < len(nodes)  # some names left out rather than overlapping
    boxes = [label_box(t.text or "", float(t.get("x", 0)), float(t.get("y", 0)), font)
             for t in texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_ties_are_drawn_in_their_types_line_style_and_width() -> None:
    nodes = crowd(4)
    edges = [SvgEdge(0, 1, 0, 5, False), SvgEdge(1, 2, 1, 1, False), SvgEdge(2, 3, 1, 1, False)]
    root = parse(str(static_svg(nodes, edges, "graph")))
    paths = root.findall(f"{NS}path")
    assert len(paths) == 2  # one path per type and strength
    solid, dashed = paths
    assert solid.get("stroke-dasharray") is None
    assert dashed.get("stroke-dasharray") == ",".join(map(str, TIE_DASHES[1]))
    assert float(solid.get("stroke-width", 0)) > float(dashed.get("stroke-width", 0))
    assert len(root.findall(f"{NS}polygon")) == 1  # the one external member's diamond


def test_an_empty_graph_has_no_picture() -> None:
    assert str(static_svg([], [], "graph")) == ""


def test_the_same_graph_under_another_label_is_drawn_once() -> None:
    """A member's ego graph appears on its page in every language: the picture is worked
    out once, and only its label (the page's language) differs."""
    from generator.render.graph_look import _drawing

    nodes = [SvgNode("A", 0.0, 0.0, "#1f77b4", False, 2), SvgNode("B", 90.0, 40.0, "#ff7f0e",
                                                                    True, 1)]
    edges = [SvgEdge(0, 1, 1, 4, True)]
    _drawing.cache_clear()
    finnish = str(static_svg(nodes, edges, "Verkosto"))
    english = str(static_svg(list(nodes), list(edges), "Network"))
    assert _drawing.cache_info().misses == 1 and _drawing.cache_info().hits == 1
    assert finnish.replace('aria-label="Verkosto"', 'aria-label="Network"') == english
    renamed = str(static_svg([nodes[0], SvgNode("Bee", 90.0, 40.0, "#ff7f0e", True, 1)],
                             edges, "Network"))
    assert _drawing.cache_info().misses == 2 and ">Bee</text>" in renamed


# Printed on A4 the picture is about this many CSS pixels wide; 8 pt is 10.67 CSS px.
A4_PRINT_WIDTH = 640.0
PRINT_MIN_PX = 8 * 96 / 72


def network_svg(page: Path) -> ET.Element:
    found = re.search(r'<svg[^>]*class="graph-svg".*?</svg>', page.read_text("utf-8"), re.S)
    assert found, f"{page} has the static picture"
    return parse(found.group(0))


@pytest.mark.parametrize("profile", ["public", "workbook"])
def test_the_examples_printed_picture_names_most_members_without_overlaps(
    profile: str, example_output: Path
) -> None:
    root = network_svg(example_output / profile / "network" / "index.html")
    members = (len(root.findall(f"{NS}circle"))
               + len(root.findall(f"{NS}polygon[@stroke-dasharray]")))  # external: diamonds
    group = root.find(f"{NS}g")
    assert group is not None
    texts = group.findall(f"{NS}text")
    assert len(texts) >= 0.6 * members, f"{len(texts)} of {members} members named"
    font = float(group.get("font-size", "0"))
    view_width = float(root.get("viewBox", "").split()[2])
    assert font * A4_PRINT_WIDTH / view_width >= PRINT_MIN_PX  # legible on paper
    assert font * SVG_MIN_WIDTH / view_width >= SVG_LABEL_PX - 0.5  # and on a screen
    boxes = [label_box(t.text or "", float(t.get("x", 0)), float(t.get("y", 0)), font)
             for t in texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_a_small_layout_is_spread_out_to_name_its_members_and_stays_deterministic() -> None:
    """Members close together (as a force layout leaves a small network) get room for
    their names; the same graph always gives the same picture."""
    nodes = [SvgNode(f"A rather long member name {i}", (i % 4) * 40.0, (i // 4) * 40.0,
                     "#1f77b4", False, i % 3) for i in range(12)]
    svg = str(static_svg(nodes, [], "graph"))
    root = parse(svg)
    assert len(root.findall(f".//{NS}text")) >= 8
    assert float(root.get("viewBox", "").split()[2]) <= SVG_MIN_WIDTH
    from generator.render.graph_look import _drawing

    _drawing.cache_clear()
    assert str(static_svg(list(nodes), [], "graph")) == svg


@pytest.mark.slow
def test_the_spread_tried_first_that_names_everyone_is_the_one_every_try_would_pick() -> None:
    """`_spread` stops at the first fitting spread that names every member and skips
    spreads whose tied members alone are too tall: the same choice as placing the labels
    for every spread and keeping the first that names the most."""
    import random

    from generator.render import graph_look as look

    def every_try(nodes: tuple[SvgNode, ...], sizes: list[float],
                  loose: frozenset[int]) -> look._Placed:
        first = look._placed(nodes, sizes, 1.0, 1.0, loose)
        most = SVG_MIN_WIDTH - 2 * look.SVG_MARGIN
        if first.spread_width <= 0 or first.spread_width >= most * 0.9:
            return first
        top = most * 0.9 / first.spread_width
        tries = [first]
        for k in range(1, look.SVG_SPREAD_ROUNDS + 1):
            factor = 1.0 + (top - 1.0) * k / look.SVG_SPREAD_ROUNDS
            tries.extend(look._placed(nodes, sizes, factor, factor * taller, loose)
                         for taller in look.SVG_TALLER)
        fitting = [p for p in tries if p.height <= look.SVG_MAX_HEIGHT] or [first]
        return max(fitting, key=lambda p: len(p.texts))

    chance = random.Random(15)
    for _ in range(300):
        count = chance.randint(1, 30)
        spread = chance.choice((20.0, 80.0, 200.0, 400.0, 900.0))
        nodes = tuple(SvgNode("m" * chance.randint(1, 30), chance.uniform(0, spread),
                              chance.uniform(0, spread * chance.choice((0.3, 1.0, 2.5))),
                              "#1f77b4", chance.random() < 0.2, chance.randint(0, 9))
                      for _ in range(count))
        sizes = [s * look.SVG_NODE_SCALE for s in look.node_sizes([n.degree for n in nodes])]
        # some members without ties (set in rows under the others), never all of them
        loose = frozenset(n for n in range(1, count) if chance.random() < 0.15)
        assert look._spread(nodes, sizes, loose) == every_try(nodes, sizes, loose)


def with_loners(loners: int) -> ET.Element:
    """The picture of one component of fourteen members (as laid out and packed for a
    page) with `loners` members who have no tie at all."""
    import networkx as nx

    from generator.analyse.layout import compute_layout

    graph = nx.relabel_nodes(nx.barabasi_albert_graph(14, 2, seed=3), lambda n: f"m{n:02d}")
    graph.add_nodes_from(f"z-loner-{k}" for k in range(loners))
    positions = compute_layout(graph)
    ids = sorted(positions)
    number = {member: n for n, member in enumerate(ids)}
    nodes = [SvgNode(f"Koskelan jäsen {member}", *positions[member], "#1f77b4", False,
                     graph.degree(member)) for member in ids]
    edges = [SvgEdge(number[a], number[b], 0, 3, False) for a, b in graph.edges()]
    return parse(str(static_svg(nodes, edges, "graph")))


def spans(root: ET.Element) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """The vertical extents of the tied members' circles and of every name; and of the
    loners' circles (the smallest: a member without ties is drawn at the least size)."""
    circles = [(float(c.get("cy", 0)), float(c.get("r", 0))) for c in root.iter(f"{NS}circle")]
    least = min(r for _, r in circles)
    group = root.find(f"{NS}g")
    assert group is not None
    font = float(group.get("font-size", "0"))
    names = [(float(t.get("y", 0)) - font, float(t.get("y", 0)) + font * 0.25)
             for t in group.iter(f"{NS}text")]
    tied = [(y - r, y + r) for y, r in circles if r > least]
    return tied + names, [(y - r, y + r) for y, r in circles if r == least]


@pytest.mark.parametrize("loners", [1, 2, 3])
def test_isolated_members_sit_in_a_row_right_under_the_graph(loners: int) -> None:
    """An isolated member neither stretches the picture nor leaves an empty band in it:
    the loners take one row right under the rest (at most five label heights more), the
    picture stays as wide, and between the lowest name of the rest and the loners' row
    is less than two label heights."""
    alone = with_loners(0)
    picture = with_loners(loners)
    _, _, width0, height0 = map(float, alone.get("viewBox", "").split())
    _, _, width, height = map(float, picture.get("viewBox", "").split())
    font = SVG_LABEL_PX  # the picture is narrower than its minimum width: names are 12
    assert width <= max(width0, SVG_MIN_WIDTH)
    assert height - height0 <= 5 * font
    assert height / width <= height0 / width0 + 5 * font / width0
    rest, row = spans(picture)
    assert len(row) == loners
    above_row = [extent for extent in rest if extent[1] <= min(top for top, _ in row)]
    band = min(top for top, _ in row) - max(bottom for _, bottom in above_row)
    assert band <= 2 * font, f"an empty band of {band:.0f} units above the loners"
    assert max(bottom for _, bottom in row) - min(top for top, _ in row) < font  # one row
