"""Inline SVG charts of 6D evaluations: no JavaScript, no external resources.

Every chart is an accessible image (``role="img"`` with ``<title>`` and
``<desc>``), scales with its container (viewBox, width 100%) and carries CSS
classes so a theme can restyle it; presentation attributes give a default
look that CSS overrides, and text uses ``currentColor``. Every piece of text is
XML-escaped; numbers in text are formatted by the caller's callables (babel),
coordinates with fixed decimals. The same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup, escape

from generator.analyse.evaluation import DimensionSummary
from generator.render.fallback import foreign_language

SVG_NS = "http://www.w3.org/2000/svg"

# The default colour of this network's data; a theme overrides it with CSS
# (`.nc-chart .nc-bar { fill: var(--accent) }`). Mid-tone, readable on light and dark.
DATA_FILL = "#3b78b4"

# Characters XML 1.0 forbids; hostile or broken content must not make the page invalid.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Fmt = Callable[[float], str]
FmtInt = Callable[[int], str]


# --- small SVG helpers -----------------------------------------------------


def _esc(text: str) -> str:
    return str(escape(_XML_INVALID.sub("", str(text))))


def _c(value: float) -> str:
    """A coordinate with one fixed decimal (never "-0.0")."""
    rounded = round(value, 1)
    return f"{0.0 if rounded == 0 else rounded:.1f}"


def _chart_id(kind: str, *parts: object) -> str:
    """A deterministic id, different for charts of different content on one page."""
    digest = hashlib.sha1(repr((kind, *parts)).encode("utf-8")).hexdigest()[:10]
    return f"nc-{kind}-{digest}"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    cls: str,
    anchor: str = "start",
    size: int = 12,
    extra: str = "",
) -> str:
    return (
        f'<text class="{cls}" x="{_c(x)}" y="{_c(y)}" text-anchor="{anchor}" '
        f'font-size="{size}" fill="currentColor"{extra}{_lang(content)}>{_esc(content)}</text>'
    )


def _lang(content: str) -> str:
    """` lang="sv"` for a content text shown in another language than the page's (a
    fallback, render/fallback.py: a screen reader reads it in its own voice), else ""."""
    foreign = foreign_language(content)
    return f' lang="{_esc(foreign)}"' if foreign else ""


def _lines(x: float, y: float, lines: Sequence[str], *, cls: str, anchor: str, size: int) -> str:
    """Several lines of text starting at baseline y, each `size * 1.2` below the previous."""
    step = size * 1.2
    spans = "".join(
        f'<tspan x="{_c(x)}" y="{_c(y + i * step)}">{_esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text class="{cls}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="currentColor">{spans}</text>'
    )


def _wrap(text: str, max_chars: int, max_lines: int) -> list[str]:
    """Split text at spaces into at most max_lines lines of about max_chars characters."""
    words = text.split()
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= max_chars or not current:
            current = candidate
        elif len(lines) < max_lines - 1:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def _title(tooltip: str) -> str:
    return f"<title>{_esc(tooltip)}</title>"


def _svg(
    kind: str, chart_id: str, size: tuple[float, float], title: str, desc: str, body: list[str]
) -> Markup:
    width, height = size
    head = (
        f'<svg xmlns="{SVG_NS}" class="nc-chart nc-chart-{kind}" role="img" '
        f'viewBox="0 0 {_c(width)} {_c(height)}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" focusable="false" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">'
        f'<title id="{chart_id}-title">{_esc(title)}</title>'
        f'<desc id="{chart_id}-desc">{_esc(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _with_label(label: str, value: str) -> str:
    return f"{label} {value}" if label else value


# --- distribution of one dimension -----------------------------------------

# Narrow, so that on a phone (about 350 px) its 12-unit text is still 12 px: a wide
# screen shows it larger (netcard.css caps its width), never smaller.
_DIST_WIDTH = 340.0
_DIST_SIDE = 10.0
_DIST_COLUMN = (_DIST_WIDTH - 2 * _DIST_SIDE) / 5
_DIST_BASELINE = 140.0
_DIST_BAR_MAX = 100.0
_DIST_BAR_WIDTH = 40.0


def _score_x(score: float) -> float:
    """Centre of the column of a score 1..5; a mean lands between columns."""
    return _DIST_SIDE + _DIST_COLUMN * (score - 0.5)


def distribution_chart(
    summary: DimensionSummary,
    *,
    label: str,
    fmt: Fmt,
    labels_1_to_5: Sequence[str],
    no_answers: str,
    mean_label: str = "⌀",
    fmt_int: FmtInt = str,
    chart_id: str | None = None,
) -> Markup:
    """Five columns with the count of each score 1..5 and the mean marked on the same scale.

    ``label`` names the dimension (the chart's accessible title); ``labels_1_to_5``
    name the scores from 1 (poorly) to 5 (very well). ``mean_label`` precedes the
    mean (pass a translated word such as "keskiarvo"); ``fmt_int`` formats counts.
    With no answers the chart says ``no_answers`` and shows no counts.
    """
    if len(labels_1_to_5) != 5:
        raise ValueError("labels_1_to_5 must name the five scores")
    chart_id = chart_id or _chart_id(
        "dist", summary, label, tuple(labels_1_to_5), no_answers, mean_label
    )
    wrapped = [_wrap(text, 10, 3) for text in labels_1_to_5]
    label_lines = max(len(lines) for lines in wrapped)
    height = _DIST_BASELINE + 24 + 14 * label_lines
    body = [_dist_axis(wrapped)]
    if summary.n == 0:
        body.append(_dist_empty(no_answers))
        desc = f"{label}: {no_answers}"
    else:
        body.extend(_dist_bars(summary, labels_1_to_5, fmt_int))
        if summary.mean is not None:
            body.append(_dist_mean(summary.mean, fmt, mean_label))
        desc = _dist_desc(summary, label, labels_1_to_5, fmt, mean_label, fmt_int)
    return _svg("distribution", chart_id, (_DIST_WIDTH, height), label, desc, body)


def _dist_axis(wrapped: Sequence[Sequence[str]]) -> str:
    parts = [
        f'<line class="nc-axis" x1="{_c(_DIST_SIDE)}" y1="{_c(_DIST_BASELINE)}" '
        f'x2="{_c(_DIST_WIDTH - _DIST_SIDE)}" y2="{_c(_DIST_BASELINE)}" '
        f'stroke="currentColor" stroke-opacity="0.5"/>'
    ]
    for score, lines in enumerate(wrapped, start=1):
        parts.append(
            _lines(
                _score_x(score),
                _DIST_BASELINE + 18,
                lines,
                cls="nc-label nc-score-label",
                anchor="middle",
                size=12,
            )
        )
    return "".join(parts)


def _dist_empty(no_answers: str) -> str:
    return _text(
        _DIST_WIDTH / 2,
        _DIST_BASELINE / 2 + 10,
        no_answers,
        cls="nc-empty",
        anchor="middle",
        size=14,
    )


def _dist_bars(
    summary: DimensionSummary, labels_1_to_5: Sequence[str], fmt_int: FmtInt
) -> list[str]:
    largest = max(summary.distribution)
    parts = []
    for score, count in enumerate(summary.distribution, start=1):
        bar_height = _DIST_BAR_MAX * count / largest if largest else 0.0
        top = _DIST_BASELINE - bar_height
        x = _score_x(score) - _DIST_BAR_WIDTH / 2
        tooltip = f"{labels_1_to_5[score - 1]}: {fmt_int(count)}"
        parts.append(
            f'<g class="nc-score nc-score-{score}">'
            f'<rect class="nc-bar" x="{_c(x)}" y="{_c(top)}" width="{_c(_DIST_BAR_WIDTH)}" '
            f'height="{_c(bar_height)}" fill="{DATA_FILL}">{_title(tooltip)}</rect>'
            + _text(_score_x(score), top - 5, fmt_int(count), cls="nc-value", anchor="middle")
            + "</g>"
        )
    return parts


def _dist_mean(mean_value: float, fmt: Fmt, mean_label: str) -> str:
    x = _score_x(min(max(mean_value, 1.0), 5.0))
    text = _with_label(mean_label, fmt(mean_value))
    return (
        f'<g class="nc-mean">'
        f'<line x1="{_c(x)}" y1="22.0" x2="{_c(x)}" y2="{_c(_DIST_BASELINE)}" '
        f'stroke="currentColor" stroke-width="2" stroke-dasharray="4 3"/>'
        + _text(
            x, 16, text, cls="nc-mean-label", anchor="middle", size=12, extra=' font-weight="bold"'
        )
        + "</g>"
    )


def _dist_desc(
    summary: DimensionSummary,
    label: str,
    labels_1_to_5: Sequence[str],
    fmt: Fmt,
    mean_label: str,
    fmt_int: FmtInt,
) -> str:
    counts = "; ".join(
        f"{name}: {fmt_int(count)}"
        for name, count in zip(labels_1_to_5, summary.distribution, strict=True)
    )
    desc = f"{label}: {counts}"
    if summary.mean is not None:
        desc += f"; {_with_label(mean_label, fmt(summary.mean))}"
    return desc


# --- trend of the dimensions across rounds ----------------------------------

_TREND_WIDTH = 720.0
_TREND_LABEL_RIGHT = 140.0
_TREND_PLOT_LEFT = 180.0
_TREND_PLOT_RIGHT = 700.0
_TREND_ROW = 80.0
_TREND_TOP = 10.0
_TREND_PAD = 15.0
_TREND_UNIT = 12.5  # height of one score step; 1..5 spans 50


TrendSeries = Mapping[str, Sequence[tuple[str, float | None, int]]]


def trend_chart(
    series: TrendSeries,
    *,
    labels: Mapping[str, str],
    round_labels: Sequence[str],
    fmt: Fmt,
    no_answers: str = "–",
    fmt_int: FmtInt = str,
    title: str | None = None,
    chart_id: str | None = None,
) -> Markup:
    """Small multiples: one row per dimension, its mean (y 1–5) across rounds (x).

    ``series`` is what ``analyse.evaluation.trend`` returns (dimension -> points
    of (round id, mean or None, n) in date order); ``round_labels`` name the
    rounds in the same order. A round without answers leaves a gap in the line.
    ``title`` is the accessible name (default: the dimension labels).
    """
    rounds = len(round_labels)
    for dimension, points in series.items():
        if len(points) != rounds:
            raise ValueError(f"{dimension!r} has {len(points)} points for {rounds} rounds")
    chart_id = chart_id or _chart_id(
        "trend", {k: tuple(v) for k, v in series.items()}, dict(labels), tuple(round_labels)
    )
    xs = _trend_xs(rounds)
    body: list[str] = []
    for row, (dimension, points) in enumerate(series.items()):
        top = _TREND_TOP + row * _TREND_ROW
        name = labels.get(dimension, dimension)
        body.append(_trend_row(top, name, points, xs, round_labels, fmt, fmt_int, no_answers))
    rows_bottom = _TREND_TOP + len(series) * _TREND_ROW
    axis, axis_height = _trend_round_axis(rows_bottom, xs, round_labels)
    body.append(axis)
    title = title or ", ".join(labels.get(dimension, dimension) for dimension in series)
    desc = _trend_desc(series, labels, round_labels, fmt, no_answers)
    size = (_TREND_WIDTH, rows_bottom + axis_height)
    return _svg("trend", chart_id, size, title, desc, body)


def _trend_xs(rounds: int) -> list[float]:
    if rounds == 1:
        return [(_TREND_PLOT_LEFT + _TREND_PLOT_RIGHT) / 2]
    inner_left, inner_right = _TREND_PLOT_LEFT + 20, _TREND_PLOT_RIGHT - 20
    step = (inner_right - inner_left) / max(rounds - 1, 1)
    return [inner_left + i * step for i in range(rounds)]


def _trend_y(top: float, value: float) -> float:
    return top + _TREND_PAD + (5 - min(max(value, 1.0), 5.0)) * _TREND_UNIT


def _trend_row(
    top: float,
    name: str,
    points: Sequence[tuple[str, float | None, int]],
    xs: Sequence[float],
    round_labels: Sequence[str],
    fmt: Fmt,
    fmt_int: FmtInt,
    no_answers: str,
) -> str:
    middle = _trend_y(top, 3)
    label_lines = _wrap(name, 20, 2)
    first_baseline = middle + 4 - (len(label_lines) - 1) * 7
    parts = [
        '<g class="nc-trend-row">',
        _lines(
            _TREND_LABEL_RIGHT, first_baseline, label_lines, cls="nc-label", anchor="end", size=12
        ),
        _trend_grid(top, fmt_int),
    ]
    if not any(mean is not None for _, mean, _ in points):
        parts.append(
            _text(
                (_TREND_PLOT_LEFT + _TREND_PLOT_RIGHT) / 2,
                middle + 4,
                no_answers,
                cls="nc-empty",
                anchor="middle",
            )
        )
    parts.extend(_trend_lines(top, points, xs))
    parts.extend(_trend_points(top, points, xs, round_labels, fmt, fmt_int))
    parts.append("</g>")
    return "".join(parts)


def _trend_grid(top: float, fmt_int: FmtInt) -> str:
    parts = []
    for score in (1, 2, 3, 4, 5):
        y = _trend_y(top, score)
        opacity = "0.45" if score == 1 else "0.15"
        parts.append(
            f'<line class="nc-grid" x1="{_c(_TREND_PLOT_LEFT)}" y1="{_c(y)}" '
            f'x2="{_c(_TREND_PLOT_RIGHT)}" y2="{_c(y)}" '
            f'stroke="currentColor" stroke-opacity="{opacity}"/>'
        )
        if score % 2:
            parts.append(
                _text(
                    _TREND_PLOT_LEFT - 8,
                    y + 4,
                    fmt_int(score),
                    cls="nc-tick",
                    anchor="end",
                    size=12,
                )
            )
    return "".join(parts)


def _runs(points: Sequence[tuple[str, float | None, int]]) -> list[list[int]]:
    """Indexes of consecutive rounds that have a mean; a round without one breaks the line."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, (_, mean, _) in enumerate(points):
        if mean is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(index)
    if current:
        runs.append(current)
    return runs


def _trend_lines(
    top: float, points: Sequence[tuple[str, float | None, int]], xs: Sequence[float]
) -> list[str]:
    lines = []
    for run in _runs(points):
        if len(run) < 2:
            continue
        coordinates = " ".join(f"{_c(xs[i])},{_c(_trend_y(top, _mean_of(points[i])))}" for i in run)
        lines.append(
            f'<polyline class="nc-line" points="{coordinates}" fill="none" '
            f'stroke="{DATA_FILL}" stroke-width="2"/>'
        )
    return lines


def _mean_of(point: tuple[str, float | None, int]) -> float:
    mean = point[1]
    if mean is None:  # _runs only yields rounds with a mean
        raise ValueError("a point without a mean has no position")
    return mean


def _trend_points(
    top: float,
    points: Sequence[tuple[str, float | None, int]],
    xs: Sequence[float],
    round_labels: Sequence[str],
    fmt: Fmt,
    fmt_int: FmtInt,
) -> list[str]:
    show_values = len(points) <= 10
    parts = []
    for index, (_, mean, n) in enumerate(points):
        if mean is None:
            continue
        x, y = xs[index], _trend_y(top, mean)
        tooltip = f"{round_labels[index]}: {fmt(mean)} (n = {fmt_int(n)})"
        parts.append(
            f'<circle class="nc-point" cx="{_c(x)}" cy="{_c(y)}" r="4" fill="{DATA_FILL}">'
            f"{_title(tooltip)}</circle>"
        )
        if show_values:
            parts.append(_text(x, y - 7, fmt(mean), cls="nc-value", anchor="middle", size=12))
    return parts


def _trend_round_axis(
    bottom: float, xs: Sequence[float], round_labels: Sequence[str]
) -> tuple[str, float]:
    """Round labels under the last row; slanted when they would not fit side by side."""
    if not round_labels:
        return "", 10.0
    longest = max(len(label) for label in round_labels) * 6.6
    spacing = (xs[1] - xs[0]) if len(xs) > 1 else _TREND_PLOT_RIGHT - _TREND_PLOT_LEFT
    slanted = longest > spacing - 6
    y = bottom + 4
    parts = []
    for x, label in zip(xs, round_labels, strict=True):
        if slanted:
            rotate = f' transform="rotate(-35 {_c(x)} {_c(y)})"'
            parts.append(
                _text(
                    x, y, label, cls="nc-label nc-round-label", anchor="end", size=12, extra=rotate
                )
            )
        else:
            # a label that would run past the chart's right edge ends at its round
            past_edge = x + len(label) * 3.3 > _TREND_WIDTH - 2
            parts.append(
                _text(x, y, label, cls="nc-label nc-round-label",
                      anchor="end" if past_edge else "middle", size=12)
            )
    height = 14 + (longest * math.sin(math.radians(35)) if slanted else 4)
    return "".join(parts), height


def _trend_desc(
    series: TrendSeries,
    labels: Mapping[str, str],
    round_labels: Sequence[str],
    fmt: Fmt,
    no_answers: str,
) -> str:
    sentences = []
    for dimension, points in series.items():
        values = "; ".join(
            f"{round_label}: {no_answers if mean is None else fmt(mean)}"
            for round_label, (_, mean, _) in zip(round_labels, points, strict=True)
        )
        sentences.append(f"{labels.get(dimension, dimension)}: {values or no_answers}.")
    return " ".join(sentences)


# --- trust factors: this network vs Kosonen & Pikka -------------------------

_TRUST_WIDTH = 640.0
_TRUST_LABEL_RIGHT = 200.0
_TRUST_BAR_LEFT = 210.0
_TRUST_BAR_MAX = 360.0
_TRUST_TOP = 30.0
_TRUST_ROW = 46.0
_TRUST_BAR_HEIGHT = 14.0


def trust_chart(
    shares: Mapping[str, float | None],
    reference: Mapping[str, float],
    *,
    labels: Mapping[str, str],
    fmt_percent: Fmt,
    network_label: str = "Network",
    reference_label: str = "Kosonen & Pikka 2002",
    no_answers: str = "–",
    title: str | None = None,
    chart_id: str | None = None,
) -> Markup:
    """Paired bars per trust factor: the share of this network's respondents naming it
    and the share in the reference study. Factors follow ``reference``'s order, then any
    others in ``shares``. ``network_label`` and ``reference_label`` name the two series
    in the legend (pass translations); a share of None shows ``no_answers``.
    ``title`` is the accessible name (default: "<network_label> – <reference_label>").
    """
    factors = list(reference) + [factor for factor in shares if factor not in reference]
    chart_id = chart_id or _chart_id(
        "trust", dict(shares), dict(reference), dict(labels), network_label, reference_label
    )
    body = [_trust_legend(network_label, reference_label)]
    for row, factor in enumerate(factors):
        top = _TRUST_TOP + row * _TRUST_ROW
        name = labels.get(factor, factor)
        body.append(
            _trust_row(
                top, name, shares.get(factor), reference.get(factor), fmt_percent, no_answers
            )
        )
    axis_bottom = _TRUST_TOP + len(factors) * _TRUST_ROW
    body.append(
        f'<line class="nc-axis" x1="{_c(_TRUST_BAR_LEFT)}" y1="{_c(_TRUST_TOP)}" '
        f'x2="{_c(_TRUST_BAR_LEFT)}" y2="{_c(axis_bottom)}" '
        f'stroke="currentColor" stroke-opacity="0.5"/>'
    )
    title = title or f"{network_label} – {reference_label}"
    desc = _trust_desc(
        factors, shares, reference, labels, fmt_percent, network_label, reference_label, no_answers
    )
    return _svg("trust", chart_id, (_TRUST_WIDTH, axis_bottom + 8), title, desc, body)


def _trust_legend(network_label: str, reference_label: str) -> str:
    network_x = _TRUST_BAR_LEFT
    reference_x = _TRUST_BAR_LEFT + 20 + max(len(network_label), 8) * 7.0 + 24
    return (
        '<g class="nc-legend">'
        f'<rect class="nc-bar" x="{_c(network_x)}" y="6.0" width="12.0" height="12.0" '
        f'fill="{DATA_FILL}"/>'
        + _text(network_x + 18, 16, network_label, cls="nc-label")
        + f'<rect class="nc-bar nc-reference" x="{_c(reference_x)}" y="6.0" width="12.0" '
        f'height="12.0" fill="currentColor" fill-opacity="0.3"/>'
        + _text(reference_x + 18, 16, reference_label, cls="nc-label")
        + "</g>"
    )


def _trust_bar(y: float, share: float, fmt_percent: Fmt, *, reference: bool) -> str:
    width = _TRUST_BAR_MAX * min(max(share, 0.0), 1.0)
    fill = 'fill="currentColor" fill-opacity="0.3"' if reference else f'fill="{DATA_FILL}"'
    cls = "nc-bar nc-reference" if reference else "nc-bar"
    return (
        f'<rect class="{cls}" x="{_c(_TRUST_BAR_LEFT)}" y="{_c(y)}" width="{_c(width)}" '
        f'height="{_c(_TRUST_BAR_HEIGHT)}" {fill}/>'
        + _text(
            _TRUST_BAR_LEFT + width + 6,
            y + _TRUST_BAR_HEIGHT - 3,
            fmt_percent(share),
            cls="nc-value",
            size=12,
        )
    )


def _trust_row(
    top: float,
    name: str,
    share: float | None,
    reference_share: float | None,
    fmt_percent: Fmt,
    no_answers: str,
) -> str:
    label_lines = _wrap(name, 27, 3)  # 27 characters of 12-unit text fit its 200 units
    first_baseline = top + _TRUST_BAR_HEIGHT + 6 - (len(label_lines) - 1) * 7
    parts = [
        '<g class="nc-trust-row">',
        _lines(
            _TRUST_LABEL_RIGHT, first_baseline, label_lines, cls="nc-label", anchor="end", size=12
        ),
    ]
    network_y = top + 2
    if share is None:
        parts.append(
            _text(
                _TRUST_BAR_LEFT + 6,
                network_y + _TRUST_BAR_HEIGHT - 3,
                no_answers,
                cls="nc-empty",
                size=12,
            )
        )
    else:
        parts.append(_trust_bar(network_y, share, fmt_percent, reference=False))
    if reference_share is not None:
        parts.append(
            _trust_bar(
                network_y + _TRUST_BAR_HEIGHT + 2, reference_share, fmt_percent, reference=True
            )
        )
    parts.append("</g>")
    return "".join(parts)


def _trust_desc(
    factors: Sequence[str],
    shares: Mapping[str, float | None],
    reference: Mapping[str, float],
    labels: Mapping[str, str],
    fmt_percent: Fmt,
    network_label: str,
    reference_label: str,
    no_answers: str,
) -> str:
    def value(share: float | None) -> str:
        return no_answers if share is None else fmt_percent(share)

    return " ".join(
        f"{labels.get(factor, factor)}: {network_label} {value(shares.get(factor))}, "
        f"{reference_label} {value(reference.get(factor))}."
        for factor in factors
    )


# --- figures over time (the network's history) ------------------------------

_SERIES_WIDTH = 720.0
_SERIES_LABEL_RIGHT = 140.0
_SERIES_PLOT_LEFT = 200.0
_SERIES_PLOT_RIGHT = 690.0
_SERIES_ROW = 90.0
_SERIES_PAD = 18.0
_SERIES_HEIGHT = 54.0  # from the row's lowest value to its highest
_SERIES_MAX_TICKS = 8  # x labels shown at most: evenly chosen, the first and last always
_SERIES_MAX_POINTS = 40  # more points are drawn as a line only


SeriesRow = tuple[str, Sequence[float], Fmt]  # a figure's label, its values, their format


def series_chart(rows: Sequence[SeriesRow], x_labels: Sequence[str], *, title: str,
                 chart_id: str | None = None) -> Markup:
    """Small multiples: one row per figure (members, ties, density …), its value at each
    point in time (x, oldest first), each row on its own scale from 0 to its highest
    value, which the row's axis names; the first and the last value are written out."""
    for label, values, _ in rows:
        if len(values) != len(x_labels):
            raise ValueError(f"{label!r} has {len(values)} values for {len(x_labels)} points")
    chart_id = chart_id or _chart_id(
        "series", tuple((label, tuple(values)) for label, values, _ in rows), tuple(x_labels))
    xs = _series_xs(len(x_labels))
    body = [_series_row(index * _SERIES_ROW, row, xs) for index, row in enumerate(rows)]
    bottom = len(rows) * _SERIES_ROW
    axis, axis_height = _series_axis(bottom, xs, x_labels)
    body.append(axis)
    desc = " ".join(
        f"{label}: " + "; ".join(f"{x} {fmt(value)}" for x, value in zip(x_labels, values,
                                                                          strict=True)) + "."
        for label, values, fmt in rows)
    return _svg("series", chart_id, (_SERIES_WIDTH, bottom + axis_height), title, desc, body)


def _series_xs(points: int) -> list[float]:
    if points == 1:
        return [(_SERIES_PLOT_LEFT + _SERIES_PLOT_RIGHT) / 2]
    step = (_SERIES_PLOT_RIGHT - _SERIES_PLOT_LEFT) / (points - 1)
    return [_SERIES_PLOT_LEFT + i * step for i in range(points)]


def _series_row(top: float, row: SeriesRow, xs: Sequence[float]) -> str:
    label, values, fmt = row
    highest = max(values, default=0.0) or 1.0
    base = top + _SERIES_PAD + _SERIES_HEIGHT

    def y(value: float) -> float:
        return base - value / highest * _SERIES_HEIGHT

    label_lines = _wrap(label, 18, 2)
    parts = ['<g class="nc-series-row">',
             _lines(_SERIES_LABEL_RIGHT, y(highest / 2) + 4 - (len(label_lines) - 1) * 7,
                    label_lines, cls="nc-label", anchor="end", size=12)]
    for value, opacity in ((0.0, "0.45"), (highest, "0.15")):
        parts.append(f'<line class="nc-grid" x1="{_c(_SERIES_PLOT_LEFT)}" y1="{_c(y(value))}" '
                     f'x2="{_c(_SERIES_PLOT_RIGHT)}" y2="{_c(y(value))}" '
                     f'stroke="currentColor" stroke-opacity="{opacity}"/>')
        parts.append(_text(_SERIES_PLOT_LEFT - 8, y(value) + 4, fmt(value), cls="nc-tick",
                           anchor="end", size=12))
    if len(values) > 1:
        coordinates = " ".join(f"{_c(x)},{_c(y(value))}" for x, value in zip(xs, values,
                                                                              strict=True))
        parts.append(f'<polyline class="nc-line" points="{coordinates}" fill="none" '
                     f'stroke="{DATA_FILL}" stroke-width="2"/>')
    if len(values) <= _SERIES_MAX_POINTS:
        parts.extend(f'<circle class="nc-point" cx="{_c(x)}" cy="{_c(y(value))}" r="3.5" '
                     f'fill="{DATA_FILL}"/>' for x, value in zip(xs, values, strict=True))
    ends = {0, len(values) - 1} if values else set()
    for index in sorted(ends):
        anchor = "start" if index == 0 and len(values) > 1 else "end"
        if len(values) == 1:
            anchor = "middle"
        parts.append(_text(xs[index], y(values[index]) - 7, fmt(values[index]),
                           cls="nc-value", anchor=anchor, size=12))
    parts.append("</g>")
    return "".join(parts)


def _series_axis(bottom: float, xs: Sequence[float],
                 x_labels: Sequence[str]) -> tuple[str, float]:
    """Some of the x labels (evenly chosen, the first and the last always), slanted."""
    if not x_labels:
        return "", 10.0
    count = len(x_labels)
    shown = sorted({round(i * (count - 1) / (_SERIES_MAX_TICKS - 1))
                    for i in range(_SERIES_MAX_TICKS)} if count > _SERIES_MAX_TICKS
                   else set(range(count)))
    y = bottom + 4
    parts = [_text(xs[i], y, x_labels[i], cls="nc-label nc-round-label", anchor="end", size=12,
                   extra=f' transform="rotate(-35 {_c(xs[i])} {_c(y)})"') for i in shown]
    longest = max(len(x_labels[i]) for i in shown) * 6.6
    return "".join(parts), 14 + longest * math.sin(math.radians(35))
