"""How the network graph looks, and the same graph as a static SVG.

Two channels that never share a meaning: a member's colour says its sector (or,
when the reader chooses, its role, coordination group or community) and its shape
whether it is an external partner; a tie's line style and neutral tone say its
type, its width its strength. The interactive graph (netcard-graph.js) and the
static SVG below (shown without JavaScript, printed, and in the bundle) use the
same positions, styles and legend.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from markupsafe import Markup, escape

# Tie types get a line style each (and a neutral tone): never a colour a sector has.
TIE_DASHES: tuple[tuple[int, ...], ...] = ((), (12, 6), (3, 5), (14, 5, 3, 5), (7, 7), (1, 6))
TIE_TONES = ("#3d4852", "#8a6f4e", "#5b7f8f")
# Colours for roles, coordination groups and communities (the sectors have their own).
CATEGORY_PALETTE = ("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377",
                    "#bb5566", "#004488", "#997700", "#6699cc", "#ee7733", "#009988")
OTHER_COLOR = "#b8bec4"  # a member in no coordination group

# Node sizes and widths as netcard-graph.js draws them (sent to it in the data's style).
NODE_SIZE_MIN = 10.0
NODE_SIZE_RANGE = 26.0
WIDTH_BASE = 0.8
WIDTH_PER_STRENGTH = 0.9
# The static SVG: its labels are at least this many CSS pixels when it is shown at
# least SVG_MIN_WIDTH pixels wide (the stylesheet keeps it so, scrolling sideways).
SVG_LABEL_PX = 12.0
SVG_MIN_WIDTH = 720.0
SVG_MARGIN = 24.0
SVG_NODE_SCALE = 0.5  # the picture is not zoomed: its members are drawn at half size
# A small layout is spread out to about this width (its members' sizes and the labels'
# size kept), so that more names fit: printed on A4 (some 680 CSS px wide) its labels are
# then still 12 × 680 / 720 ≈ 11.3 px, 8.5 pt.
SVG_SPREAD_ROUNDS = 4  # spreads tried beyond the layout as it is
SVG_TALLER = (1.0, 1.2, 1.4)  # and for each, how much more it is spread up and down
SVG_MAX_HEIGHT = SVG_MIN_WIDTH * 0.8  # no taller than this when spread (fits A4 and a screen)


def tie_tone(index: int) -> str:
    return TIE_TONES[(index // len(TIE_DASHES)) % len(TIE_TONES)]


def tie_dashes(index: int) -> tuple[int, ...]:
    return TIE_DASHES[index % len(TIE_DASHES)]


def category_color(index: int) -> str:
    return CATEGORY_PALETTE[index % len(CATEGORY_PALETTE)] if index >= 0 else OTHER_COLOR


def tie_width(strength: int) -> float:
    return WIDTH_BASE + strength * WIDTH_PER_STRENGTH


def node_sizes(values: Sequence[float]) -> list[float]:
    """Radii by a figure, as netcard-graph.js's scaleSizes: the largest value gets the most."""
    largest = max(values, default=0)
    return [NODE_SIZE_MIN + (NODE_SIZE_RANGE * math.sqrt(v / largest) if largest > 0 else 0.0)
            for v in values]


@dataclass(frozen=True)
class SvgNode:
    label: str
    x: float
    y: float
    color: str
    external: bool
    degree: int
    lang: str | None = None  # the label's language when it is not the page's (a fallback)


@dataclass(frozen=True)
class SvgEdge:
    first: int  # positions in the node list
    second: int
    type_index: int
    strength: int
    directed: bool


def static_svg(nodes: Sequence[SvgNode], edges: Iterable[SvgEdge], label: str) -> Markup:
    """The graph as an SVG image with every label escaped; empty for an empty graph.

    Ties of one type and strength are one path; a small layout is spread out to the
    picture's minimum width; labels are placed greedily, best connected first, in the
    first of eight places around their member where they overlap no label or member.
    """
    if not nodes:
        return Markup("")
    return labelled_svg(_drawing(tuple(nodes), tuple(edges)), label)


def labelled_svg(drawn: tuple[str, str], label: str) -> Markup:
    """A picture `drawing` made, with its label (the one part in the page's language)."""
    opening, inside = drawn
    return Markup(f'{opening} aria-label="{escape(label)}">{inside}</svg>')


# A member's ego graph is drawn on its page in every language, mostly with the same
# labels (names are seldom translated): the picture is worked out once for them all. The
# pages of a member follow each other (see site._work_units), so a few entries do.
SVG_CACHE_SIZE = 32


def drawing(nodes: tuple[SvgNode, ...], edges: tuple[SvgEdge, ...]) -> tuple[str, str]:
    """The picture's opening tag up to its label, and everything inside it: a function
    of the nodes and ties alone (at least one node)."""
    sizes = [s * SVG_NODE_SCALE for s in node_sizes([n.degree for n in nodes])]
    placed = _spread(nodes, sizes, _loose(nodes, edges))
    nodes = placed.nodes
    left, top, width, height = placed.left, placed.top, placed.width, placed.height
    texts = placed.texts
    opening = (f'<svg xmlns="http://www.w3.org/2000/svg" class="graph-svg" role="img" '
               f'viewBox="{_n(left)} {_n(top)} {_n(width)} {_n(height)}"')
    return opening, "".join([*_edge_paths(nodes, edges), *_node_marks(nodes, sizes), *texts])


_drawing = lru_cache(maxsize=SVG_CACHE_SIZE)(drawing)


@dataclass(frozen=True)
class _Placed:
    """The members spread out by some factor, their labels placed, and the picture's frame."""

    nodes: tuple[SvgNode, ...]
    texts: list[str]
    left: float
    top: float
    width: float
    height: float
    spread_width: float  # how much of the width is the members' centres' span


def _loose(nodes: Sequence[SvgNode], edges: Iterable[SvgEdge]) -> frozenset[int]:
    """The members without a tie in the picture (none when no member has one: then the
    layout's own rows are the picture)."""
    tied = {end for edge in edges for end in (edge.first, edge.second)}
    return frozenset(range(len(nodes))) - tied if tied else frozenset()


def _spread(nodes: tuple[SvgNode, ...], sizes: Sequence[float],
            loose: frozenset[int] = frozenset()) -> _Placed:
    """The layout spread out by the factors (of a few up to filling SVG_MIN_WIDTH, and a
    little taller than wide) that name the most members, the least spread of equals; a
    layout that fills the width as it is. Members without ties (`loose`) are set in rows
    right under the others, whatever the spread (see `_loose_rows`).

    The spreads are tried in order, and the first that fits and names every member is
    the answer at once (no later one can name more); a spread whose tied members alone
    are too tall to fit is not tried (its labels and loose rows only add to its height)."""
    first = _placed(nodes, sizes, 1.0, 1.0, loose)
    most = SVG_MIN_WIDTH - 2 * SVG_MARGIN
    if first.spread_width <= 0 or first.spread_width >= most * 0.9:
        return first
    top = most * 0.9 / first.spread_width
    every_label = len(nodes) + 2  # the labels' group opens and closes around them
    best = first if first.height <= SVG_MAX_HEIGHT else None
    for k in range(1, SVG_SPREAD_ROUNDS + 1):
        if best is not None and len(best.texts) == every_label:
            break
        factor = 1.0 + (top - 1.0) * k / SVG_SPREAD_ROUNDS
        for taller in SVG_TALLER:
            if _marks_height(nodes, sizes, factor * taller, loose) > SVG_MAX_HEIGHT:
                continue
            placed = _placed(nodes, sizes, factor, factor * taller, loose)
            if placed.height <= SVG_MAX_HEIGHT and (best is None
                                                    or len(placed.texts) > len(best.texts)):
                best = placed  # the first of equals stays
                if len(best.texts) == every_label:
                    break
    return best or first


def _marks_height(nodes: tuple[SvgNode, ...], sizes: Sequence[float], y_factor: float,
                  loose: frozenset[int]) -> float:
    """The height of the picture `_placed` makes with this vertical spread, its labels
    and loose members left out: at most its height (they only widen the frame), in the
    same arithmetic."""
    cy = (min(n.y for n in nodes) + max(n.y for n in nodes)) / 2
    ys = [cy + (n.y - cy) * y_factor if y_factor != 1.0 else n.y for n in nodes]
    tied = [(y, s) for number, (y, s) in enumerate(zip(ys, sizes, strict=True))
            if number not in loose]
    top = min(y - s for y, s in tied) - SVG_MARGIN
    return max(max(y + s for y, s in tied) + SVG_MARGIN - top, 120.0)


def _placed(nodes: tuple[SvgNode, ...], sizes: Sequence[float], factor: float,
            y_factor: float, loose: frozenset[int] = frozenset()) -> _Placed:
    if factor != 1.0 or y_factor != 1.0:
        cx = (min(n.x for n in nodes) + max(n.x for n in nodes)) / 2
        cy = (min(n.y for n in nodes) + max(n.y for n in nodes)) / 2
        nodes = tuple(replace(n, x=cx + (n.x - cx) * factor, y=cy + (n.y - cy) * y_factor)
                      for n in nodes)
    marks = _marks(nodes, sizes)
    tied = [mark for number, mark in enumerate(marks) if number not in loose]
    left_mark, right_mark = min(b[0] for b in tied), max(b[2] for b in tied)
    span = right_mark - left_mark + 2 * SVG_MARGIN
    font = SVG_LABEL_PX * max(1.0, span / SVG_MIN_WIDTH)
    if loose:
        nodes = _loose_rows(nodes, sizes, loose, tied, font)
        marks = _marks(nodes, sizes)
    # Labels stay within the picture's minimum width (or the members' own span, if wider),
    # so that they do not make it wider, and its text smaller, than that.
    half = max(SVG_MIN_WIDTH, span) / 2 - SVG_MARGIN
    middle = (left_mark + right_mark) / 2
    texts, boxes = _labels(nodes, sizes, marks, font, (middle - half, middle + half))
    every = marks + boxes
    left, top = min(b[0] for b in every) - SVG_MARGIN, min(b[1] for b in every) - SVG_MARGIN
    width = max(max(b[2] for b in every) + SVG_MARGIN - left, 200.0)
    height = max(max(b[3] for b in every) + SVG_MARGIN - top, 120.0)
    spread = max(n.x for n in nodes) - min(n.x for n in nodes)
    return _Placed(nodes, texts, left, top, width, height, spread)


def _marks(nodes: Sequence[SvgNode], sizes: Sequence[float]) -> list[Box]:
    return [(n.x - s, n.y - s, n.x + s, n.y + s) for n, s in zip(nodes, sizes, strict=True)]


def _loose_rows(nodes: tuple[SvgNode, ...], sizes: Sequence[float], loose: frozenset[int],
                tied: Sequence[Box], font: float) -> tuple[SvgNode, ...]:
    """The members without ties in tidy rows, centred right under the tied members (a
    name's height and a little below their lowest member, where that one's name goes),
    each in a cell as wide as its name: so an isolated member neither stretches the
    picture nor leaves an empty band in it, however far the rest is spread."""
    left, right = min(b[0] for b in tied), max(b[2] for b in tied)
    # As wide as the tied members, or as the picture is at least shown (its text stays
    # the same size), centred under them.
    widest = max(right - left, (SVG_MIN_WIDTH - 2 * SVG_MARGIN) * font / SVG_LABEL_PX)
    order = sorted(loose, key=lambda i: (nodes[i].y, nodes[i].x, i))  # the layout's order
    cells = [(i, max(_label_width(nodes[i].label, font), 2 * sizes[i]) + font) for i in order]
    rows: list[list[tuple[int, float]]] = [[]]
    for cell in cells:
        if rows[-1] and sum(w for _, w in rows[-1]) + cell[1] > widest:
            rows.append([])
        rows[-1].append(cell)
    biggest = max(sizes[i] for i in loose)
    row_height = 2 * biggest + font * 2.25  # a member, its name under it, some space
    top = max(b[3] for b in tied) + font * 1.5 + 2  # room for the lowest tied name
    moved = list(nodes)
    for number, row in enumerate(rows):
        x = (left + right - sum(w for _, w in row)) / 2
        y = top + biggest + number * row_height
        for i, width in row:
            moved[i] = replace(nodes[i], x=x + width / 2, y=y)
            x += width
    return tuple(moved)


def _label_width(text: str, font: float) -> float:
    box = label_box(text, 0.0, 0.0, font)
    return box[2] - box[0]


def _n(value: float) -> str:
    return str(round(value))


def _edge_paths(nodes: Sequence[SvgNode], edges: Iterable[SvgEdge]) -> list[str]:
    paths: dict[tuple[int, int], list[str]] = {}
    arrows: list[str] = []
    for edge in edges:
        a, b = nodes[edge.first], nodes[edge.second]
        paths.setdefault((edge.type_index, edge.strength), []).append(
            f"M{_n(a.x)} {_n(a.y)}L{_n(b.x)} {_n(b.y)}")
        if edge.directed:
            arrows.append(_arrow_head(a, b, edge.type_index))
    out = []
    for (kind, strength), segments in sorted(paths.items()):
        dashes = tie_dashes(kind)
        dash = f' stroke-dasharray="{",".join(map(str, dashes))}"' if dashes else ""
        out.append(f'<path d="{"".join(segments)}" fill="none" stroke="{tie_tone(kind)}" '
                   f'stroke-opacity="0.85" stroke-width="{tie_width(strength):.1f}"{dash}/>')
    return out + arrows


def _arrow_head(a: SvgNode, b: SvgNode, kind: int) -> str:
    """A small triangle pointing at b, just short of its centre."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    tip_x, tip_y = b.x - ux * 14, b.y - uy * 14
    base_x, base_y = tip_x - ux * 9, tip_y - uy * 9
    points = [(tip_x, tip_y), (base_x - uy * 4.5, base_y + ux * 4.5),
              (base_x + uy * 4.5, base_y - ux * 4.5)]
    return (f'<polygon points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in points)}" '
            f'fill="{tie_tone(kind)}"/>')


def _node_marks(nodes: Sequence[SvgNode], sizes: Sequence[float]) -> list[str]:
    marks = []
    for node, size in zip(nodes, sizes, strict=True):
        if node.external:
            r = size * 1.1
            points = (f"{_n(node.x)},{_n(node.y - r)} {_n(node.x + r)},{_n(node.y)} "
                      f"{_n(node.x)},{_n(node.y + r)} {_n(node.x - r)},{_n(node.y)}")
            marks.append(f'<polygon points="{points}" fill="{node.color}" stroke="#1d2327" '
                         f'stroke-width="2.5" stroke-dasharray="4,3"/>')
        else:
            marks.append(f'<circle cx="{_n(node.x)}" cy="{_n(node.y)}" r="{size:.0f}" '
                         f'fill="{node.color}" stroke="#ffffff" stroke-width="1.5"/>')
    return marks


Box = tuple[float, float, float, float]


def _labels(nodes: Sequence[SvgNode], sizes: Sequence[float], marks: Sequence[Box],
            font: float, across: tuple[float, float]) -> tuple[list[str], list[Box]]:
    """Labels that overlap no other label and no member, best connected members first;
    with the boxes they take."""
    order = sorted(range(len(nodes)), key=lambda i: (-nodes[i].degree, nodes[i].label))
    taken = _Grid(font * 8)
    for j, mark in enumerate(marks):
        taken.add(mark, j)
    placed: list[Box] = []
    out = []
    for i in order:
        node = nodes[i]
        box = next((b for b in _candidates(node, sizes[i] + 2, font)
                    if across[0] <= b[0] and b[2] <= across[1] and not taken.hits(b, own=i)),
                   None)
        if box is None:
            continue
        taken.add(box, -1)
        placed.append(box)
        lang = f' lang="{escape(node.lang)}"' if node.lang else ""
        out.append(f'<text x="{_n((box[0] + box[2]) / 2)}" y="{_n(box[3] - font * 0.25)}" '
                   f'text-anchor="middle"{lang}>{escape(node.label)}</text>')
    if not out:
        return [], []
    # A halo as wide as the widest tie, so a tie that crosses a name is hidden under it.
    halo = max(font / 2, tie_width(5))
    return [f'<g font-size="{font:.0f}" fill="#1d2327" stroke="#ffffff" '
            f'stroke-width="{halo:.1f}" stroke-linejoin="round" paint-order="stroke" '
            f'font-family="system-ui, sans-serif">', *out, "</g>"], placed


class _Grid:
    """Boxes in square cells, so that a new box is checked only against its neighbours."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[Box, int]]] = {}

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.cell
        return [(x, y) for x in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
                for y in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)]

    def add(self, box: Box, owner: int) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append((box, owner))

    def hits(self, box: Box, own: int) -> bool:
        """Whether `box` overlaps a box already added, other than member `own`'s mark."""
        return any(owner != own and _overlap(box, other)
                   for key in self._keys(box) for other, owner in self.cells.get(key, ()))


def _candidates(node: SvgNode, gap: float, font: float) -> list[Box]:
    """Where a member's label may go, best first: below, above, right, left, then the
    four corners; always next to the member, so no leader line is needed."""
    below = label_box(node.label, node.x, node.y + gap, font)
    width, height = below[2] - below[0], below[3] - below[1]
    half_w, half_h = width / 2, height / 2
    centres = [(node.x, node.y + gap + half_h), (node.x, node.y - gap - half_h),
               (node.x + gap + half_w, node.y), (node.x - gap - half_w, node.y),
               (node.x + gap * 0.7 + half_w, node.y + gap * 0.7 + half_h),
               (node.x - gap * 0.7 - half_w, node.y + gap * 0.7 + half_h),
               (node.x + gap * 0.7 + half_w, node.y - gap * 0.7 - half_h),
               (node.x - gap * 0.7 - half_w, node.y - gap * 0.7 - half_h)]
    return [(x - half_w, y - half_h, x + half_w, y + half_h) for x, y in centres]


def label_box(text: str, centre_x: float, top: float, font: float) -> Box:
    """The box a label centred under a point takes (an estimate: 0.58 em a character)."""
    width = len(text) * font * 0.58
    return centre_x - width / 2, top, centre_x + width / 2, top + font * 1.25


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
