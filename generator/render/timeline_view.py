"""The network over time as SVG, on the one stable layout of analyse/timeline.py.

`timeline_svg` draws every member and tie there ever was, each carrying the times it was
present (`data-present`, see analyse/timeline.py); what is not present at the latest
date is hidden (class `timeline-absent`), so without JavaScript and in print the
picture is the network as it is now. netcard-timeline.js adds a slider that shows it as
it was at any date where something changed; members keep their places.

`change_svg` draws one change (a saved version against the one before it, or
`netcard diff`'s two states) on the same kind of layout: added members and ties in
blue, solid; removed ones in vermillion, dashed and hollow; the rest faint. Blue and
vermillion are told apart with every common colour-vision deficiency (Okabe & Ito), and
the line style, the marks and the "+"/"−" before the names say it without colour.

The picture is at least SVG_MIN_WIDTH CSS pixels wide (the stylesheet keeps it so,
scrolling sideways on a phone), so its text is SVG_LABEL_PX or more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.analyse.history import CommitState, TieRef
from generator.analyse.timeline import Timeline, presence_attribute, present
from generator.render.graph_look import SVG_LABEL_PX, SVG_MARGIN, SVG_MIN_WIDTH, label_box

MEMBER_RADIUS = 7.0  # at the picture's minimum width, in CSS pixels
MEMBER_COLOR = "#4477aa"
TIE_COLOR = "#8a98a3"
ADDED_COLOR = "#0072b2"  # Okabe–Ito blue
REMOVED_COLOR = "#d55e00"  # Okabe–Ito vermillion
FAINT_COLOR = "#c3c9ce"
INK = "#1d2327"
REMOVED_DASH = "6,4"
ABSENT = "timeline-absent"
ADDED_MARK, REMOVED_MARK = "+", "−"  # before a changed member's name: not only colour

Box = tuple[float, float, float, float]
Points = Mapping[str, tuple[float, float]]


@dataclass(frozen=True)
class Frame:
    """Where the layout sits in the picture: its viewBox and the scale that keeps text and
    marks their size in CSS pixels when the picture is SVG_MIN_WIDTH wide."""

    left: float
    top: float
    width: float
    height: float
    scale: float

    @staticmethod
    def of(positions: Points, extra_height: float = 0.0) -> Frame:
        xs = [x for x, _ in positions.values()] or [0.0]
        ys = [y for _, y in positions.values()] or [0.0]
        span = max(xs) - min(xs) + 2 * SVG_MARGIN
        scale = max(1.0, span / SVG_MIN_WIDTH)
        pad = scale * (SVG_MARGIN + MEMBER_RADIUS + SVG_LABEL_PX * 1.5)
        width = max(max(xs) - min(xs) + 2 * pad, SVG_MIN_WIDTH * scale)
        centre = (max(xs) + min(xs)) / 2
        height = max(ys) - min(ys) + 2 * pad + extra_height * scale
        return Frame(centre - width / 2, min(ys) - pad, width, height, scale)

    @property
    def font(self) -> float:
        return SVG_LABEL_PX * self.scale

    @property
    def radius(self) -> float:
        return MEMBER_RADIUS * self.scale

    def opening(self, css_class: str, label: str, sized: bool = False) -> str:
        """The <svg> tag; `sized` gives it its width and height in pixels (a file of its
        own: shown at the size that keeps its text 12 px)."""
        size = f'width="{_n(self.width / self.scale)}" height="{_n(self.height / self.scale)}" ' \
            if sized else ""
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" '
                f'{size}viewBox="{_n(self.left)} {_n(self.top)} {_n(self.width)} '
                f'{_n(self.height)}" font-family="system-ui, sans-serif" '
                f'aria-label="{escape(label)}">')


def _n(value: float) -> str:
    return str(round(value, 1)).removesuffix(".0")


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_places(order: Sequence[str], positions: Points, names: Mapping[str, str],
                  frame: Frame) -> dict[str, Box]:
    """Where each member's name goes (below, above, right, left of it or at a corner)
    without covering another name or member, in `order`; a member whose name does not fit
    gets none (its name is still its mark's title, and in the lists)."""
    r, font = frame.radius, frame.font
    taken: list[Box] = [(x - r, y - r, x + r, y + r) for x, y in positions.values()]
    right_edge = frame.left + frame.width
    placed: dict[str, Box] = {}
    for member in order:
        x, y = positions[member]
        below = label_box(names[member], x, y + r + 2, font)
        half_w, height = (below[2] - below[0]) / 2, below[3] - below[1]
        tries = [below, (x - half_w, y - r - 2 - height, x + half_w, y - r - 2),
                 (x + r + 3, y - height / 2, x + r + 3 + 2 * half_w, y + height / 2),
                 (x - r - 3 - 2 * half_w, y - height / 2, x - r - 3, y + height / 2)]
        tries += [(left, top, left + 2 * half_w, top + height)  # the four corners
                  for top in (y + r * 0.7, y - r * 0.7 - height)
                  for left in (x + r * 0.7, x - r * 0.7 - 2 * half_w)]
        own = (x - r, y - r, x + r, y + r)
        box = next((b for b in tries if frame.left <= b[0] and b[2] <= right_edge
                    and not any(_overlap(b, other) for other in taken if other != own)), None)
        if box is not None:
            taken.append(box)
            placed[member] = box
    return placed


def _text(box: Box, text: str, font: float) -> str:
    return (f'<text x="{_n((box[0] + box[2]) / 2)}" y="{_n(box[3] - font * 0.3)}" '
            f'text-anchor="middle">{escape(text)}</text>')


def _label_group(font: float) -> str:
    return (f'<g font-size="{_n(font)}" fill="{INK}" stroke="#ffffff" '
            f'stroke-width="{_n(font / 4)}" paint-order="stroke">')


# --- the network at a date -------------------------------------------------------------


def timeline_svg(timeline: Timeline, names: Mapping[str, str], label: str) -> Markup:
    """Every member and tie there ever was, each with its times; those absent at the
    latest date hidden. Empty for a timeline without members."""
    if not timeline.members:
        return Markup("")
    positions = timeline.positions()
    frame = Frame.of(positions)
    last = timeline.last
    degree = dict.fromkeys(positions, 0)
    for tie in timeline.ties:
        degree[tie.ref.first] += 1
        degree[tie.ref.second] += 1
    now = {member.id for member in timeline.members if present(member.presence, last)}
    order = sorted(positions, key=lambda m: (m not in now, -degree[m], names[m], m))
    labels = _label_places(order, positions, names, frame)
    parts = [frame.opening("timeline-svg", label),
             f'<g stroke="{TIE_COLOR}" stroke-width="{_n(1.6 * frame.scale)}">']
    for tie in timeline.ties:
        (x1, y1), (x2, y2) = positions[tie.ref.first], positions[tie.ref.second]
        absent = "" if present(tie.presence, last) else f' class="{ABSENT}"'
        parts.append(f'<line{absent} x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                     f'data-tie="{escape(tie.ref.key)}" '
                     f'data-present="{presence_attribute(tie.presence)}">'
                     f'<title>{escape(_tie_title(tie.ref, names))}</title></line>')
    parts.append("</g>")
    parts.append(_label_group(frame.font))
    for member in timeline.members:
        absent = "" if member.id in now else f" {ABSENT}"
        parts.append(f'<g class="timeline-member{absent}" data-member="{escape(member.id)}" '
                     f'data-present="{presence_attribute(member.presence)}">'
                     f'<title>{escape(names[member.id])}</title>'
                     f'<circle cx="{_n(member.x)}" cy="{_n(member.y)}" r="{_n(frame.radius)}" '
                     f'fill="{MEMBER_COLOR}" stroke="#ffffff" stroke-width="{_n(frame.scale)}"/>')
        if member.id in labels:
            parts.append(_text(labels[member.id], names[member.id], frame.font))
        parts.append("</g>")
    parts.append("</g></svg>")
    return Markup("".join(parts))


def _tie_title(tie: TieRef, names: Mapping[str, str]) -> str:
    joint = " → " if tie.directed else " – "
    return names.get(tie.first, tie.first) + joint + names.get(tie.second, tie.second)


# --- one change --------------------------------------------------------------------------


@dataclass(frozen=True)
class Legend:
    """The words of a drawing's own legend (the SVG file netcard diff writes)."""

    title: str
    added: str
    removed: str
    unchanged: str


LEGEND_ROWS = 3


def change_svg(positions: Points, before: CommitState, after: CommitState,
               names: Mapping[str, str], label: str, legend: Legend | None = None) -> str:
    """The change from `before` to `after` on `positions` (which hold every member of
    both): added in blue, solid; removed in vermillion, dashed; the rest faint; the
    changed members named, "+" or "−" first. With `legend`, a legend and a title inside
    the picture (for a file of its own)."""
    legend_height = (LEGEND_ROWS + 2) * SVG_LABEL_PX * 1.6 if legend else 0.0
    frame = Frame.of(positions, legend_height)
    old, new = set(before.members), set(after.members)
    # a state's network: the ties between its current members (a tie to a member who
    # left goes with the member)
    old_ties = {tie.key: tie for tie in before.ties if {tie.first, tie.second} <= old}
    new_ties = {tie.key: tie for tie in after.ties if {tie.first, tie.second} <= new}
    added, removed = new - old, old - new
    ties_added = [new_ties[key] for key in sorted(new_ties.keys() - old_ties.keys())]
    ties_removed = [old_ties[key] for key in sorted(old_ties.keys() - new_ties.keys())]
    kept = [new_ties[key] for key in sorted(new_ties.keys() & old_ties.keys())]
    touched = added | removed | {end for tie in [*ties_added, *ties_removed]
                                 for end in (tie.first, tie.second)}
    shown = {member: positions[member] for member in sorted(old | new) if member in positions}
    marks = {member: _mark_text(member, added, removed, names) for member in shown}
    order = sorted((m for m in shown if m in touched),
                   key=lambda m: (m not in added | removed, marks[m], m))
    labels = _label_places(order, shown, marks, frame)
    lines = _line_styles(frame.scale)
    parts = [frame.opening("change-svg", label, sized=legend is not None)]
    if legend:
        parts.append(f"<title>{escape(legend.title)}</title>")
    parts.append(f'<rect x="{_n(frame.left)}" y="{_n(frame.top)}" width="{_n(frame.width)}" '
                 f'height="{_n(frame.height)}" fill="#ffffff"/>')
    parts.append(_lines(kept, shown, lines["unchanged"]))
    parts.append(_lines(ties_removed, shown, lines["removed"], "removed"))
    parts.append(_lines(ties_added, shown, lines["added"], "added"))
    for member, (x, y) in shown.items():
        parts.append(_member_mark(x, y, frame, "added" if member in added else
                                  "removed" if member in removed else "unchanged", member))
    parts.append(_label_group(frame.font))
    parts.extend(_text(labels[m], marks[m], frame.font) for m in order if m in labels)
    parts.append("</g>")
    if legend:
        parts.append(_legend(legend, frame))
    parts.append("</svg>")
    return "".join(parts)


def _dash(scale: float) -> str:
    return ",".join(_n(float(part) * scale) for part in REMOVED_DASH.split(","))


def _mark_text(member: str, added: set[str], removed: set[str], names: Mapping[str, str]) -> str:
    name = names.get(member, member)
    if member in added:
        return f"{ADDED_MARK} {name}"
    if member in removed:
        return f"{REMOVED_MARK} {name}"
    return name


def _lines(ties: Sequence[TieRef], positions: Points, style: str, change: str = "") -> str:
    drawn = [tie for tie in ties if tie.first in positions and tie.second in positions]
    if not drawn:
        return ""
    kind = f' data-change="{change}"' if change else ""
    path = "".join(f"M{_n(positions[t.first][0])} {_n(positions[t.first][1])}"
                   f"L{_n(positions[t.second][0])} {_n(positions[t.second][1])}" for t in drawn)
    return f'<path{kind} d="{path}" fill="none" {style}/>'


def _member_mark(x: float, y: float, frame: Frame, change: str, member: str | None) -> str:
    """A member's mark; `member` None for the legend's sample (no data of a member)."""
    r = frame.radius
    data = "" if member is None else f' data-change="{change}" data-member="{escape(member)}"'
    if change == "added":
        return (f'<circle{data} cx="{_n(x)}" cy="{_n(y)}" r="{_n(r * 1.2)}" '
                f'fill="{ADDED_COLOR}" stroke="{INK}" stroke-width="{_n(frame.scale)}"/>')
    if change == "removed":
        return (f'<circle{data} cx="{_n(x)}" cy="{_n(y)}" r="{_n(r * 1.2)}" fill="#ffffff" '
                f'stroke="{REMOVED_COLOR}" stroke-width="{_n(2.5 * frame.scale)}" '
                f'stroke-dasharray="{_dash(frame.scale * 0.6)}"/>')
    return (f'<circle{data} cx="{_n(x)}" cy="{_n(y)}" r="{_n(r * 0.8)}" '
            f'fill="{FAINT_COLOR}"/>')


def _line_styles(scale: float) -> dict[str, str]:
    """Each kind of change's line, as `change_svg` draws it."""
    width = 1.6 * scale
    return {"added": f'stroke="{ADDED_COLOR}" stroke-width="{_n(width * 2)}"',
            "removed": f'stroke="{REMOVED_COLOR}" stroke-width="{_n(width * 1.8)}" '
                       f'stroke-dasharray="{_dash(scale)}"',
            "unchanged": f'stroke="{FAINT_COLOR}" stroke-width="{_n(width)}"'}


def legend_key(change: str) -> Markup:
    """A small picture of one kind of change (added, removed, unchanged) for a legend in
    the page: its line and its mark, as the drawings have them."""
    frame = Frame(0.0, 0.0, 44.0, 16.0, 0.7)  # marks a little smaller, to fit its height
    return Markup(f'<svg class="change-key" viewBox="0 0 44 16" aria-hidden="true">'
                  f'<line x1="2" y1="8" x2="42" y2="8" {_line_styles(1.0)[change]}/>'
                  f'{_member_mark(22.0, 8.0, frame, change, None)}</svg>')


def _legend(legend: Legend, frame: Frame) -> str:
    """Three rows at the foot of the picture: a sample line and mark, and their words."""
    font, scale = frame.font, frame.scale
    row = font * 1.6
    x = frame.left + SVG_MARGIN * scale
    y = frame.top + frame.height - (LEGEND_ROWS + 0.5) * row
    lines = _line_styles(scale)
    styles = [(legend.added, lines["added"], "added"),
              (legend.removed, lines["removed"], "removed"),
              (legend.unchanged, lines["unchanged"], "unchanged")]
    parts = [f'<g class="change-legend" font-size="{_n(font)}" fill="{INK}">',
             f'<text x="{_n(x)}" y="{_n(y - row * 0.3)}" font-weight="700">'
             f"{escape(legend.title)}</text>"]
    for number, (words, style, change) in enumerate(styles):
        middle = y + number * row + row / 2
        parts.append(f'<line x1="{_n(x)}" y1="{_n(middle)}" x2="{_n(x + 3 * font)}" '
                     f'y2="{_n(middle)}" {style}/>')
        parts.append(_member_mark(x + 1.5 * font, middle, frame, change, None))
        parts.append(f'<text x="{_n(x + 3.6 * font)}" y="{_n(middle + font * 0.35)}">'
                     f"{escape(words)}</text>")
    parts.append("</g>")
    return "".join(parts)

