"""Packing a graph's separately laid-out components into one compact picture.

A map is fitted to its frame as a whole, so whatever sits far from the rest shrinks
everything: one isolated member beside the main component made it fill a third of
the frame. The largest component therefore sets the picture's width, and the
small ones (isolated members, pairs, little islands) are set in tidy rows right
under it, never beside it. Only when the other components together are about as
large as the main one do they share rows with it, in a roughly square block.

Pure and deterministic: the same boxes in the same order give the same positions.
"""

from __future__ import annotations

import math

Position = tuple[float, float]
Positions = dict[str, Position]

# The others are "small" while their boxes together take less than this share of the
# largest component's box; then they go under it instead of widening the picture.
SMALL_SHARE = 0.5


def extent(box: Positions) -> tuple[float, float]:
    """A box's width and height (0 × 0 for a single point)."""
    xs = [p[0] for p in box.values()]
    ys = [p[1] for p in box.values()]
    return max(xs) - min(xs), max(ys) - min(ys)


def pack_components(boxes: list[Positions], gap: float) -> Positions:
    """Place component boxes (largest first, each with its min corner at 0, 0) in rows.

    `gap` is the space kept between two components, in the boxes' own units.
    """
    if not boxes:
        return {}
    sizes = [extent(box) for box in boxes]
    main_width, main_height = sizes[0]
    rest_area = sum((w + gap) * (h + gap) for w, h in sizes[1:])
    main_area = (main_width + gap) * (main_height + gap)
    if rest_area <= SMALL_SHARE * main_area:
        placed = dict(boxes[0])
        under = _rows(boxes[1:], sizes[1:], gap, row_width=max(main_width, gap))
        offset = main_height + gap
        placed.update({node: (x, y + offset) for node, (x, y) in under.items()})
        return placed
    total = main_area + rest_area
    return _rows(boxes, sizes, gap, row_width=max(math.sqrt(total) * 1.2, main_width))


def _rows(boxes: list[Positions], sizes: list[tuple[float, float]], gap: float,
          row_width: float) -> Positions:
    """Shelf packing: left to right until `row_width` is reached, then a new row."""
    placed: Positions = {}
    x = y = row_height = 0.0
    for box, (width, height) in zip(boxes, sizes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node, (bx, by) in box.items():
            placed[node] = (bx + x, by + y)
        x += width + gap
        row_height = max(row_height, height)
    return placed
