"""Inline SVG charts: well-formed, accessible, escaped, locale-formatted, deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from generator.analyse.evaluation import (
    KOSONEN_PIKKA_SHARES,
    TRUST_FACTORS,
    TrendPoint,
    summarise_dimension,
)
from generator.render.charts import distribution_chart, trend_chart, trust_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ["<script>alert(1)</script>", '"><svg onload=alert(1)>', "a & b 'c'\x00\x0b"]
SCORE_LABELS = ("poorly", "fairly poorly", "in between", "fairly well", "very well")


def comma(value: float) -> str:
    """Stands in for babel's fi/sv decimal format."""
    return f"{value:.1f}".replace(".", ",")


def percent(value: float) -> str:
    return f"{round(value * 100)}\u00a0%"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> str:
    """All text the chart shows or says, title and desc included."""
    return "".join(root.itertext())


def visible_texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def assert_accessible(root: ET.Element) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 ")
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    title = ids[root.get("aria-labelledby")]
    desc = ids[root.get("aria-describedby")]
    assert title.tag == f"{SVG}title" and title.text
    assert desc.tag == f"{SVG}desc" and desc.text
    assert root[0] is title


def assert_self_contained(svg: str) -> None:
    assert "<script" not in svg
    assert "javascript:" not in svg.lower()
    assert "href" not in svg
    assert svg.count("http") == 1  # only the xmlns
    assert svg.count("<svg") == 1


# --- distribution -------------------------------------------------------------


def distribution(scores: list[int], label: str = "Debate", **kwargs: object) -> Markup:
    return distribution_chart(
        summarise_dimension("debate", scores),
        label=label,
        fmt=comma,
        labels_1_to_5=SCORE_LABELS,
        no_answers="no answers",
        **kwargs,  # type: ignore[arg-type]
    )


def test_distribution_counts_and_mean() -> None:
    svg = distribution([5, 4, 2, 2, 5, 5])  # mean 23/6 = 3.83
    assert isinstance(svg, Markup)
    root = parse(svg)
    assert_accessible(root)
    assert_self_contained(svg)
    shown = visible_texts(root)
    assert shown.count("0") == 2  # nobody chose 1 or 3
    assert shown.count("2") == 1 and shown.count("3") == 1 and shown.count("1") == 1
    assert "⌀ 3,8" in shown
    assert "3.8" not in texts(root)
    bars = [r for r in root.iter(f"{SVG}rect") if "nc-bar" in r.get("class", "")]
    assert len(bars) == 5
    heights = [float(r.get("height", "")) for r in bars]
    assert heights[4] == max(heights) and heights[0] == heights[2] == 0
    assert root.find(f".//{SVG}g[@class='nc-mean']") is not None


def test_distribution_counts_are_drawn_over_the_mean_line_on_a_halo() -> None:
    """A mean of 4.0 puts its dashed line through the middle of column 4: the count over
    that bar is drawn after the line, on a halo of the page's colour, so it stays legible."""
    root = parse(distribution([4, 4, 4, 4, 3, 5]))  # mean 4.0
    drawn = [el for el in root.iter() if el.tag in (f"{SVG}line", f"{SVG}text")]
    mean_line = root.find(f".//{SVG}g[@class='nc-mean']/{SVG}line")
    assert mean_line is not None
    counts = [el for el in drawn if el.get("class") == "nc-value"]
    assert len(counts) == 5
    assert all(drawn.index(count) > drawn.index(mean_line) for count in counts)
    assert all(count.get("paint-order") == "stroke" and count.get("stroke") for count in counts)


def test_distribution_uses_callables() -> None:
    svg = distribution([1, 2], mean_label="keskiarvo", fmt_int=lambda n: f"<{n}>")
    root = parse(svg)
    assert "keskiarvo 1,5" in visible_texts(root)
    assert "<1>" in visible_texts(root)  # shown as text, escaped in the markup
    assert "&lt;1&gt;" in svg


def test_distribution_without_answers_says_so_and_shows_no_zero() -> None:
    svg = distribution([])
    root = parse(svg)
    assert_accessible(root)
    assert "no answers" in visible_texts(root)
    assert "0" not in texts(root)
    assert not [r for r in root.iter(f"{SVG}rect") if "nc-bar" in r.get("class", "")]
    assert root.find(f".//{SVG}g[@class='nc-mean']") is None


@pytest.mark.parametrize("hostile", HOSTILE)
def test_distribution_escapes_hostile_labels(hostile: str) -> None:
    svg = distribution_chart(
        summarise_dimension("debate", [3]),
        label=hostile,
        fmt=lambda _: hostile,
        labels_1_to_5=[hostile] * 5,
        no_answers=hostile,
        mean_label=hostile,
    )
    assert_self_contained(svg)
    root = parse(svg)  # still well-formed
    assert hostile.replace("\x00", "").replace("\x0b", "") in texts(root)
    assert "<svg onload" not in svg


def test_distribution_rejects_wrong_number_of_labels() -> None:
    with pytest.raises(ValueError):
        distribution_chart(
            summarise_dimension("deal", [3]),
            label="Deal",
            fmt=comma,
            labels_1_to_5=["a", "b"],
            no_answers="-",
        )


def test_distribution_is_deterministic_and_ids_differ() -> None:
    assert distribution([1, 2, 3]) == distribution([1, 2, 3])
    first = parse(distribution([1, 2, 3])).get("aria-labelledby")
    second = parse(distribution([1, 2, 4])).get("aria-labelledby")
    assert first != second
    assert parse(distribution([1], chart_id="dlg")).get("aria-labelledby") == "dlg-title"


def test_long_score_labels_wrap() -> None:
    svg = distribution_chart(
        summarise_dimension("debate", [3]),
        label="Debate",
        fmt=comma,
        labels_1_to_5=["very very poorly indeed", "b", "c", "d", "e"],
        no_answers="-",
    )
    spans = [t.text for t in parse(svg).iter(f"{SVG}tspan")]
    # narrow columns (the chart fits a phone at its own size): short lines, at most three
    assert spans[:3] == ["very very", "poorly", "indeed"]


def all_font_sizes(svg: str) -> list[float]:
    return [float(t.get("font-size", "0")) for t in parse(svg).iter(f"{SVG}text")]


def test_chart_text_is_12_units_or_more_and_the_narrow_chart_fits_a_phone() -> None:
    # Drawn at its own size or larger (netcard.css), a chart's text is then 12 px at least
    # (issue 16: 7 px on a phone); the distribution chart is drawn at its own size within
    # a phone's 350 px column.
    dist = distribution_chart(summarise_dimension("debate", [3, 4, 4]), label="Debate",
                              fmt=comma, labels_1_to_5=list("abcde"), no_answers="-")
    charts = [dist, trend(), trust_chart(SHARES, KOSONEN_PIKKA_SHARES, labels=TRUST_LABELS,
                                         fmt_percent=percent)]
    for svg in charts:
        assert min(all_font_sizes(svg)) >= 12
    assert float(parse(dist).get("viewBox", "").split()[2]) <= 350


def test_the_last_round_label_ends_at_its_round_not_past_the_edge() -> None:
    # "10. lokakuuta 2024" under the last round was cut to "10. lokakuuta 20"
    svg = trend(round_labels=["1.3.2023", "15.3.2024", "1.9.2024", "10. lokakuuta 2024"])
    labels = [t for t in parse(svg).iter(f"{SVG}text") if "nc-round-label" in t.get("class", "")]
    assert [label.get("text-anchor") for label in labels] == ["middle"] * 3 + ["end"]


# --- trend --------------------------------------------------------------------

LABELS = {"debate": "Debate", "deal": "Deal", "distinction": "Distinction"}
ROUNDS = ["Autumn 2023", "Winter 2024", "Spring 2024", "Autumn 2024"]
SERIES = {
    "debate": [
        TrendPoint("a", 3.0, 4),
        TrendPoint("b", 1.7, 3),
        TrendPoint("c", None, 0),
        TrendPoint("d", 4.25, 2),
    ],
    "deal": [
        TrendPoint("a", 2.0, 4),
        TrendPoint("b", 2.5, 3),
        TrendPoint("c", 3.0, 1),
        TrendPoint("d", 5.0, 2),
    ],
    "distinction": [TrendPoint(r, None, 0) for r in "abcd"],
}


def trend(**kwargs: object) -> Markup:
    arguments: dict[str, object] = {
        "labels": LABELS,
        "round_labels": ROUNDS,
        "fmt": comma,
        "no_answers": "no answers",
    }
    arguments.update(kwargs)
    return trend_chart(SERIES, **arguments)  # type: ignore[arg-type]


def test_trend_lines_break_at_gaps() -> None:
    svg = trend()
    root = parse(svg)
    assert_accessible(root)
    assert_self_contained(svg)
    polylines = [p.get("points", "").split() for p in root.iter(f"{SVG}polyline")]
    # debate: rounds 1-2 joined, round 3 missing, round 4 alone; deal: one line of four
    assert sorted(len(points) for points in polylines) == [2, 4]
    assert len(list(root.iter(f"{SVG}circle"))) == 3 + 4
    shown = visible_texts(root)
    assert "1,7" in shown and "4,2" in shown
    assert "no answers" in shown  # distinction has no answers in any round
    assert "Autumn 2023" in shown and "Autumn 2024" in shown
    assert "Spring 2024: no answers" in texts(root)  # said in the description


def test_trend_y_axis_runs_from_1_to_5() -> None:
    root = parse(trend())
    row = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "nc-trend-row")
    ticks = [t.text for t in row.iter(f"{SVG}text") if t.get("class") == "nc-tick"]
    assert ticks == ["1", "3", "5"]
    grid = [float(line.get("y1", "")) for line in row.iter(f"{SVG}line")]
    assert len(grid) == 5
    points = [c for c in row.iter(f"{SVG}circle")]
    y_of_3 = grid[2]
    assert float(points[0].get("cy", "")) == y_of_3  # debate's first mean is 3.0


def test_trend_escapes_hostile_labels() -> None:
    hostile = HOSTILE[0] + HOSTILE[1]
    svg = trend(
        labels={"debate": hostile, "deal": hostile},
        round_labels=[hostile] * 4,
        no_answers=hostile,
    )
    assert_self_contained(svg)
    assert "<svg onload" not in svg
    assert hostile in texts(parse(svg))


def test_trend_edge_cases() -> None:
    one = trend_chart(
        {"deal": [TrendPoint("a", 3.0, 1)]}, labels={}, round_labels=["Only"], fmt=comma
    )
    assert "3,0" in visible_texts(parse(one))
    empty = trend_chart({"deal": []}, labels={}, round_labels=[], fmt=comma, no_answers="none")
    assert "none" in visible_texts(parse(empty))
    with pytest.raises(ValueError):
        trend_chart(SERIES, labels=LABELS, round_labels=ROUNDS[:2], fmt=comma)


def test_trend_slants_crowded_round_labels() -> None:
    points = [TrendPoint(str(i), 3.0, 1) for i in range(12)]
    svg = trend_chart(
        {"deal": points},
        labels={},
        round_labels=[f"Network day {i}" for i in range(12)],
        fmt=comma,
    )
    assert "rotate(-35" in svg
    assert "rotate(" not in trend()


def test_trend_is_deterministic() -> None:
    assert trend() == trend()


# --- trust --------------------------------------------------------------------

TRUST_LABELS = {factor: factor.replace("-", " ").title() for factor in TRUST_FACTORS}
SHARES = dict.fromkeys(TRUST_FACTORS, 0.0) | {"honesty": 1.0, "openness": 1 / 3}


def test_trust_paired_bars() -> None:
    svg = trust_chart(
        SHARES,
        KOSONEN_PIKKA_SHARES,
        labels=TRUST_LABELS,
        fmt_percent=percent,
        network_label="Verkostomme",
    )
    root = parse(svg)
    assert_accessible(root)
    assert_self_contained(svg)
    rects = list(root.iter(f"{SVG}rect"))
    reference = [r for r in rects if "nc-reference" in r.get("class", "")]
    assert len(rects) == 2 * 8 + 2  # two bars per factor, two legend swatches
    assert len(reference) == 8 + 1
    shown = visible_texts(root)
    for expected in ("100\u00a0%", "33\u00a0%", "58\u00a0%", "15\u00a0%", "Verkostomme"):
        assert expected in shown
    assert "Kosonen & Pikka 2002" in shown
    labels = [t for t in shown if t in TRUST_LABELS.values()]
    assert labels == list(TRUST_LABELS.values())  # in the reference's order


def test_a_long_trust_factor_name_keeps_to_its_place_and_its_row() -> None:
    """A Finnish factor's name of 72 characters is drawn in lines of at most 27 characters
    (what fits left of the bars), not with the rest of it on one line running past the
    chart's left edge, and its taller row pushes the next one down."""
    long_name = "Yhteisiin päämääriin keskittyminen henkilökohtaisten tavoitteiden sijasta"
    labels = TRUST_LABELS | {TRUST_FACTORS[0]: long_name}
    root = parse(trust_chart(SHARES, KOSONEN_PIKKA_SHARES, labels=labels, fmt_percent=percent))
    rows = root.findall(f".//{SVG}g[@class='nc-trust-row']")
    spans = rows[0].findall(f"./{SVG}text/{SVG}tspan")
    assert " ".join(span.text or "" for span in spans) == long_name
    assert max(len(span.text or "") for span in spans) <= 27
    last_line = max(float(span.get("y", "")) for span in spans)
    next_first_line = min(float(span.get("y", ""))
                          for span in rows[1].findall(f"./{SVG}text/{SVG}tspan"))
    assert next_first_line - last_line >= 14  # a whole line apart: the names never overlap


def test_trust_without_respondents() -> None:
    svg = trust_chart(
        dict.fromkeys(TRUST_FACTORS),
        KOSONEN_PIKKA_SHARES,
        labels=TRUST_LABELS,
        fmt_percent=percent,
        no_answers="no answers",
    )
    shown = visible_texts(parse(svg))
    assert shown.count("no answers") == 8
    assert "0\u00a0%" not in shown


@pytest.mark.parametrize("hostile", HOSTILE)
def test_trust_escapes_hostile_labels(hostile: str) -> None:
    svg = trust_chart(
        {"honesty": 0.5, hostile: 0.2},
        {"honesty": 0.58},
        labels={"honesty": hostile, hostile: hostile},
        fmt_percent=lambda _: hostile,
        network_label=hostile,
        reference_label=hostile,
    )
    assert_self_contained(svg)
    assert "<svg onload" not in svg
    parse(svg)


def test_titles_can_be_given() -> None:
    root = parse(trend(title="6D across rounds"))
    assert root[0].text == "6D across rounds"
    svg = trust_chart(
        SHARES, KOSONEN_PIKKA_SHARES, labels=TRUST_LABELS, fmt_percent=percent, title="Trust"
    )
    assert parse(svg)[0].text == "Trust"


def test_trust_is_deterministic() -> None:
    def chart() -> Markup:
        return trust_chart(SHARES, KOSONEN_PIKKA_SHARES, labels=TRUST_LABELS, fmt_percent=percent)

    assert chart() == chart()


# --- with the real collaborators ------------------------------------------------


def test_babel_formats_and_jinja_includes_as_is() -> None:
    babel_numbers = pytest.importorskip("babel.numbers")
    jinja2 = pytest.importorskip("jinja2")

    def fmt_fi(value: float) -> str:
        return str(babel_numbers.format_decimal(value, format="0.0", locale="fi"))

    svg = distribution_chart(
        summarise_dimension("dialogue", [1, 2, 2]),
        label="Dialogi",
        fmt=fmt_fi,
        labels_1_to_5=SCORE_LABELS,
        no_answers="ei vastauksia",
        mean_label="ka.",
    )
    assert "ka. 1,7" in visible_texts(parse(svg))
    template = jinja2.Environment(autoescape=True).from_string("<figure>{{ chart }}</figure>")
    html = template.render(chart=svg)
    assert html == f"<figure>{svg}</figure>"
