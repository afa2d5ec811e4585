"""The network page's plain-language reading, written from this network's own figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.analyse.results import NetworkMetrics
from generator.render.helpers import PageHelpers
from generator.render.member_figures import MemberFigures

MAX_BROKERS = 3
MAX_HOLES = 3


@dataclass(frozen=True)
class _Figures:
    """What the reading is written from: the network's figures, its members' (most
    connected first) and its components (sorted id lists, largest first)."""

    metrics: NetworkMetrics
    rows: Sequence[MemberFigures]
    component_groups: tuple[tuple[str, ...], ...]

    def by_id(self) -> dict[str, MemberFigures]:
        return {row.result.id: row for row in self.rows}


def network_reading(metrics: NetworkMetrics, rows: Sequence[MemberFigures],
                    component_groups: tuple[tuple[str, ...], ...],
                    nc: PageHelpers) -> list[str]:
    view = _Figures(metrics, rows, component_groups)
    paragraphs = [_density(view, nc), _centralisation(view, nc), *_brokers(view, nc),
                  _looseness(view, nc), _fragments(view, nc), _external(view, nc)]
    return [p for p in paragraphs if p]


def _name(row: MemberFigures, nc: PageHelpers) -> str:
    return nc.text(row.member.name)


def _join(names: list[str], nc: PageHelpers) -> str:
    if len(names) <= 1:
        return "".join(names)
    return nc.t("reading.list_join", first=", ".join(names[:-1]), last=names[-1])


def _density(view: _Figures, nc: PageHelpers) -> str:
    m = view.metrics
    if m.nodes < 2:
        return nc.t("reading.too_small")
    level = "dense" if m.density >= 0.5 else "moderate" if m.density >= 0.2 else "sparse"
    return " ".join([
        nc.tn("reading.density", m.ties, nodes=nc.num(m.nodes, 0),
              share=nc.pct(m.density), average=nc.fixed(m.average_degree, 1)),
        nc.t(f"reading.density_{level}"), nc.t("reading.density_question")])


def _centralisation(view: _Figures, nc: PageHelpers) -> str:
    m = view.metrics
    if m.nodes < 3 or not view.rows:
        return ""
    hub = max(view.rows, key=lambda r: (r.degree, -ord(r.member.id[0]), r.member.id))
    shape = ("star" if m.centralization >= 0.5 else
             "mixed" if m.centralization >= 0.25 else "shared")
    return " ".join([
        nc.tn(f"reading.centralisation_{shape}", hub.degree,
              value=nc.fixed(m.centralization, 2), hub=_name(hub, nc)),
        nc.t("reading.centralisation_lecture")])


def _brokers(view: _Figures, nc: PageHelpers) -> list[str]:
    brokers = sorted((r for r in view.rows if r.betweenness > 0),
                     key=lambda r: (-r.betweenness, r.member.id))[:MAX_BROKERS]
    if not brokers:
        return [nc.t("reading.no_brokers")] if view.metrics.ties else []
    names = view.by_id()
    paragraphs = [nc.t("reading.brokers_intro")]
    for row in brokers:
        holes = [nc.t("reading.pair", a=_name(names[a], nc), b=_name(names[b], nc))
                 for a, b in row.holes[:MAX_HOLES] if a in names and b in names]
        text = nc.t("reading.broker", name=_name(row, nc),
                    betweenness=nc.fixed(row.betweenness, 2))
        if holes:
            more = len(row.holes) - len(holes)
            text += " " + nc.t("reading.holes", pairs=_join(holes, nc))
            if more > 0:
                text += " " + nc.tn("reading.more_holes", more)
        paragraphs.append(text)
    return paragraphs


def _looseness(view: _Figures, nc: PageHelpers) -> str:
    m = view.metrics
    if not m.ties:
        return ""
    middle = m.ties - m.loose_ties - m.tight_ties
    text = nc.t("reading.loose_tight", loose=nc.num(m.loose_ties, 0),
                tight=nc.num(m.tight_ties, 0), middle=nc.num(middle, 0))
    lean = "tight" if m.tight_ties > m.loose_ties else "loose" if m.loose_ties > m.tight_ties \
        else "balanced"
    return text + " " + nc.t(f"reading.lean_{lean}")


def _fragments(view: _Figures, nc: PageHelpers) -> str:
    isolated = [r for r in view.rows if r.degree == 0]
    groups = [g for g in view.component_groups if len(g) > 1]
    parts = []
    if isolated:
        parts.append(nc.tn("reading.isolated", len(isolated),
                           names=_join([_name(r, nc) for r in isolated], nc)))
    if len(groups) > 1:
        parts.append(nc.t("reading.components", n=nc.num(len(groups), 0)))
    elif not isolated:
        parts.append(nc.t("reading.connected"))
    return " ".join(parts)


def _external(view: _Figures, nc: PageHelpers) -> str:
    external = [r for r in view.rows if r.member.external]
    if not external:
        return ""
    ties = sum(r.degree for r in external)
    return nc.tn("reading.external", len(external),
                 names=_join([_name(r, nc) for r in external], nc), ties=nc.num(ties, 0))
