"""The SVG charts in the page's language: translated labels, babel numbers."""

from __future__ import annotations

from markupsafe import Markup

from generator.analyse.evaluation import (
    KOSONEN_PIKKA_SHARES,
    TRUST_FACTORS,
    DimensionSummary,
    RoundSummary,
    TrendPoint,
)
from generator.model.schema import Evaluation
from generator.render import charts
from generator.render.helpers import PageHelpers


class ChartViews:
    def __init__(self, nc: PageHelpers) -> None:
        self.nc = nc

    def _fmt(self, value: float) -> str:
        return self.nc.fixed(value, 1)

    def _int(self, value: int) -> str:
        return self.nc.num(value, 0)

    def scale(self) -> list[str]:
        return [self.nc.t(f"sixd.scale.{score}") for score in range(1, 6)]

    def distribution(self, summary: DimensionSummary) -> Markup:
        nc = self.nc
        return charts.distribution_chart(
            summary, label=nc.t(f"sixd.{summary.dimension}.name"), fmt=self._fmt,
            labels_1_to_5=self.scale(), no_answers=nc.t("sixd.no_answers"),
            mean_label=nc.t("sixd.mean_short"), fmt_int=self._int)

    def _scrolling(self, chart: Markup) -> Markup:
        """A wide chart drawn at its own size at least (its text never below 12 px): on
        a narrow screen it scrolls sideways in its box, with a cue that says so."""
        return Markup('<div class="chart-scroll"><p class="scroll-cue" aria-hidden="true">'
                      '{0}</p>{1}</div>').format(self.nc.t("ui.scroll_cue_chart"), chart)

    def trend(self, series: dict[str, list[TrendPoint]], rounds: list[Evaluation]) -> Markup:
        nc = self.nc
        round_labels = [nc.date(e.date) if e.date else (nc.text(e.title) or e.id) for e in rounds]
        return self._scrolling(charts.trend_chart(
            series, labels={d: nc.t(f"sixd.{d}.name") for d in series},
            round_labels=round_labels, fmt=self._fmt, no_answers=nc.t("sixd.no_answers"),
            fmt_int=self._int, title=nc.t("sixd.trend_title")))

    def trust(self, summary: RoundSummary) -> Markup:
        nc = self.nc
        return self._scrolling(charts.trust_chart(
            summary.trust_shares(), KOSONEN_PIKKA_SHARES,
            labels={f: nc.t(f"trust.{f}") for f in TRUST_FACTORS}, fmt_percent=nc.pct,
            network_label=nc.t("trust.this_network"), reference_label=nc.t("trust.reference"),
            no_answers=nc.t("sixd.no_answers"), title=nc.t("trust.chart_title")))

    def series(self, rows: list[tuple[str, list[float], str]], x_labels: list[str],
               title: str) -> Markup:
        """Figures over time (the network's history), one row each: (label, values, how
        they are written: "count", "percent" or "decimal")."""
        formats: dict[str, charts.Fmt] = {"count": lambda value: self._int(round(value)),
                                          "percent": self.nc.pct,
                                          "decimal": lambda value: self.nc.fixed(value, 2)}
        return self._scrolling(charts.series_chart(
            [(label, values, formats[kind]) for label, values, kind in rows], x_labels,
            title=title))
