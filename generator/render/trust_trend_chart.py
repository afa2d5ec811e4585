"""The trust factors across 6D rounds as an inline SVG chart, in the page's language.

Small multiples like the dimensions' trend (``charts.trend_chart``): one row per trust
factor, its share of the respondents (0–100 %) at each round, oldest first. A round that
did not ask about trust leaves a gap in the line and says so in the description. The
chart is drawn at 720 units (class ``nc-chart-trend``, so the theme gives it the same
minimum width and sideways scrolling as the dimensions' trend): its text is 12 px or
more on any screen. No JavaScript, nothing from another host, every text escaped, and
the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup, escape

from generator.analyse.round_history import TrustPoint
from generator.model.schema import Evaluation
from generator.render.helpers import PageHelpers

Fmt = Callable[[float], str]

_SVG_NS = "http://www.w3.org/2000/svg"
_DATA_FILL = "#3b78b4"  # the charts' data colour; the theme's CSS overrides it
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_WIDTH = 720.0
_LABEL_RIGHT = 222.0
_LABEL_CHARS = 34  # characters of 12-unit text that fit the labels' 220 units
_LABEL_LINES = 4
_PLOT_LEFT = 290.0
_PLOT_RIGHT = 700.0
_ROW = 86.0
_TOP = 10.0
_PAD = 20.0  # above 100 %, room for a value written over its point
_HEIGHT = 50.0  # from 0 % to 100 %
_SIZE = 12
_CHAR = 6.6  # width of one character of 12-unit text, roughly
_SLANT = 35.0
_MAX_VALUES = 10  # more rounds: the values are in the description and tooltips only


def _esc(text: str) -> str:
    return str(escape(_XML_INVALID.sub("", text)))


def _c(value: float) -> str:
    rounded = round(value, 1)
    return f"{0.0 if rounded == 0 else rounded:.1f}"


def _text(x: float, y: float, content: str, cls: str, anchor: str = "start",
          extra: str = "") -> str:
    return (f'<text class="{cls}" x="{_c(x)}" y="{_c(y)}" text-anchor="{anchor}" '
            f'font-size="{_SIZE}" fill="currentColor"{extra}>{_esc(content)}</text>')


def wrap(text: str, max_chars: int = _LABEL_CHARS, max_lines: int = _LABEL_LINES) -> list[str]:
    """Lines of about ``max_chars`` characters, split at spaces, at most ``max_lines``
    (the last one takes the rest)."""
    lines: list[str] = []
    for word in text.split():
        if lines and (len(lines) == max_lines or len(lines[-1]) + 1 + len(word) <= max_chars):
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def xs_for(rounds: int) -> list[float]:
    """Each round's x, evenly spread over the plot with a margin at both ends."""
    if rounds == 1:
        return [(_PLOT_LEFT + _PLOT_RIGHT) / 2]
    left, right = _PLOT_LEFT + 24, _PLOT_RIGHT - 24
    step = (right - left) / (rounds - 1)
    return [left + index * step for index in range(rounds)]


def _y(top: float, share: float) -> float:
    return top + _PAD + (1 - min(max(share, 0.0), 1.0)) * _HEIGHT


def _label(top: float, name: str) -> str:
    lines = wrap(name)
    step = _SIZE * 1.2
    first = _y(top, 0.5) + 4 - (len(lines) - 1) * step / 2
    spans = "".join(f'<tspan x="{_c(_LABEL_RIGHT)}" y="{_c(first + i * step)}">{_esc(line)}'
                    f"</tspan>" for i, line in enumerate(lines))
    return (f'<text class="nc-label" text-anchor="end" font-size="{_SIZE}" '
            f'fill="currentColor">{spans}</text>')


def _grid(top: float, fmt_percent: Fmt) -> str:
    parts = []
    for share, opacity in ((0.0, "0.45"), (0.5, "0.15"), (1.0, "0.15")):
        y = _y(top, share)
        parts.append(f'<line class="nc-grid" x1="{_c(_PLOT_LEFT)}" y1="{_c(y)}" '
                     f'x2="{_c(_PLOT_RIGHT)}" y2="{_c(y)}" stroke="currentColor" '
                     f'stroke-opacity="{opacity}"/>')
        if share != 0.5:
            parts.append(_text(_PLOT_LEFT - 8, y + 4, fmt_percent(share), "nc-tick", "end"))
    return "".join(parts)


def _runs(points: Sequence[TrustPoint]) -> list[list[int]]:
    """Indexes of consecutive rounds with a share; a round without one breaks the line."""
    runs: list[list[int]] = [[]]
    for index, point in enumerate(points):
        if point.share is None:
            runs.append([])
        else:
            runs[-1].append(index)
    return [run for run in runs if run]


def _spacing(xs: Sequence[float]) -> float:
    return xs[1] - xs[0] if len(xs) > 1 else _PLOT_RIGHT - _PLOT_LEFT


def _not_asked_marks(top: float, points: Sequence[TrustPoint], xs: Sequence[float],
                     not_asked: str) -> list[str]:
    """"Not asked" where a round did not ask about trust, when it fits between rounds."""
    if len(not_asked) * _CHAR > _spacing(xs) - 8:
        return []
    return [_text(xs[index], _y(top, 0.5) + 4, not_asked, "nc-empty", "middle")
            for index, point in enumerate(points) if point.share is None]


def _row(top: float, name: str, points: Sequence[TrustPoint], xs: Sequence[float],
         round_labels: Sequence[str], fmt_percent: Fmt, not_asked: str) -> str:
    parts = ['<g class="nc-trend-row">', _label(top, name), _grid(top, fmt_percent),
             *_not_asked_marks(top, points, xs, not_asked)]
    for run in _runs(points):
        if len(run) > 1:
            coordinates = " ".join(f"{_c(xs[i])},{_c(_y(top, points[i].share or 0.0))}"
                                   for i in run)
            parts.append(f'<polyline class="nc-line" points="{coordinates}" fill="none" '
                         f'stroke="{_DATA_FILL}" stroke-width="2"/>')
    for index, point in enumerate(points):
        if point.share is None:
            continue
        x, y = xs[index], _y(top, point.share)
        tooltip = f"{round_labels[index]}: {fmt_percent(point.share)}"
        parts.append(f'<circle class="nc-point" cx="{_c(x)}" cy="{_c(y)}" r="4" '
                     f'fill="{_DATA_FILL}"><title>{_esc(tooltip)}</title></circle>')
        if len(points) <= _MAX_VALUES:
            parts.append(_text(x, y - 8, fmt_percent(point.share), "nc-value", "middle"))
    parts.append("</g>")
    return "".join(parts)


def _round_axis(bottom: float, xs: Sequence[float],
                round_labels: Sequence[str]) -> tuple[str, float]:
    """The rounds under the last row; slanted when they would not fit side by side."""
    longest = max((len(label) for label in round_labels), default=0) * _CHAR
    slanted = longest > _spacing(xs) - 8
    y = bottom + 6
    parts = []
    for x, label in zip(xs, round_labels, strict=True):
        if slanted:
            rotate = f' transform="rotate(-{_SLANT:.0f} {_c(x)} {_c(y)})"'
            parts.append(_text(x, y, label, "nc-label nc-round-label", "end", rotate))
        else:
            # a label that would run past the chart's right edge ends at its round
            past_edge = x + len(label) * _CHAR / 2 > _WIDTH - 2
            parts.append(_text(x, y, label, "nc-label nc-round-label",
                               "end" if past_edge else "middle"))
    height = 16 + (longest * math.sin(math.radians(_SLANT)) if slanted else 4)
    return "".join(parts), height


def trust_trend_chart(series: Mapping[str, Sequence[TrustPoint]], *,
                      labels: Mapping[str, str], round_labels: Sequence[str],
                      fmt_percent: Fmt, not_asked: str, title: str, lang: str) -> Markup:
    """One row per factor (``series``' order): its share at each round (``round_labels``
    name the rounds in the same order). ``not_asked`` is written where a round did not
    ask about trust (in the description always, in the rows when it fits between two
    rounds); ``title`` is the chart's accessible name."""
    for factor, points in series.items():
        if len(points) != len(round_labels):
            raise ValueError(f"{factor!r} has {len(points)} points for "
                             f"{len(round_labels)} rounds")
    xs = xs_for(len(round_labels))
    body = [_row(_TOP + row * _ROW, labels.get(factor, factor), points, xs, round_labels,
                 fmt_percent, not_asked)
            for row, (factor, points) in enumerate(series.items())]
    bottom = _TOP + len(series) * _ROW
    axis, axis_height = _round_axis(bottom, xs, round_labels)
    body.append(axis)
    desc = " ".join(
        f"{labels.get(factor, factor)}: " + "; ".join(
            f"{label}: {not_asked if point.share is None else fmt_percent(point.share)}"
            for label, point in zip(round_labels, points, strict=True)) + "."
        for factor, points in series.items())
    digest = hashlib.sha1(repr((dict(series), dict(labels), tuple(round_labels), title,
                                lang)).encode("utf-8")).hexdigest()[:10]
    chart_id = f"nc-trust-trend-{digest}"
    head = (f'<svg xmlns="{_SVG_NS}" class="nc-chart nc-chart-trend nc-chart-trust-trend" '
            f'role="img" lang="{_esc(lang)}" viewBox="0 0 {_c(_WIDTH)} {_c(bottom + axis_height)}" '
            f'width="100%" preserveAspectRatio="xMidYMid meet" focusable="false" '
            f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">'
            f'<title id="{chart_id}-title">{_esc(title)}</title>'
            f'<desc id="{chart_id}-desc">{_esc(desc)}</desc>')
    return Markup(head + "".join(body) + "</svg>")


def round_label(nc: PageHelpers, evaluation: Evaluation) -> str:
    """A round on a chart's axis: its date, or its title when it has none (as the
    dimensions' trend names them)."""
    return nc.date(evaluation.date) if evaluation.date else (nc.text(evaluation.title)
                                                              or evaluation.id)


def trust_trend(nc: PageHelpers, series: Mapping[str, Sequence[TrustPoint]],
                rounds: Sequence[Evaluation]) -> Markup:
    """The chart in the page's language, its factors named and its shares written as
    the page writes them, in a box that scrolls sideways on a narrow screen."""
    chart = trust_trend_chart(
        series, labels={factor: nc.t(f"trust.{factor}") for factor in series},
        round_labels=[round_label(nc, evaluation) for evaluation in rounds],
        fmt_percent=nc.pct, not_asked=nc.t("round_history.not_asked_short"),
        title=nc.t("round_history.trust_trend_title"), lang=nc.language)
    return Markup('<div class="chart-scroll"><p class="scroll-cue" aria-hidden="true">{0}</p>'
                  '{1}</div>').format(nc.t("ui.scroll_cue_chart"), chart)
