"""The network page's view: figures, the plain-language reading and the graph data.

Every figure shown on the page comes from the same analysis that network.json
exports, formatted per language, so the page and the export always agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from markupsafe import Markup

from generator.analyse.metrics import NetworkMetrics
from generator.analyse.network import NetworkAnalysis, NodeResult
from generator.deps import paused, record, record_all, recording
from generator.model.schema import Member, Tie
from generator.model.site import Site
from generator.render.helpers import PageHelpers
from generator.render.vis import Edge, Node, Options

SECTOR_COLORS = {
    "education": "#1f77b4", "employment": "#d62728", "municipality": "#2ca02c",
    "government": "#9467bd", "ngo": "#ff7f0e", "business": "#8c564b", "project": "#e377c2",
    "other": "#7f7f7f",
}
DEFAULT_TIE_COLOR = "#8a98a3"
TIE_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
               "#17becf", "#bcbd22", "#7f7f7f")
ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


@dataclass(frozen=True)
class MemberFigures:
    """One member and its figures from the analysis."""

    member: Member
    result: NodeResult

    @property
    def degree(self) -> int:
        return self.result.degree

    @property
    def betweenness(self) -> float:
        return self.result.betweenness

    @property
    def constraint(self) -> float | None:
        return self.result.constraint

    @property
    def effective_size(self) -> float | None:
        return self.result.effective_size

    @property
    def brokerage(self) -> dict[str, int]:
        return self.result.brokerage.as_dict()

    @property
    def brokerage_total(self) -> int:
        return self.result.brokerage.total

    @property
    def holes(self) -> tuple[tuple[str, str], ...]:
        return self.result.holes


@dataclass
class NetworkView:
    site: Site
    analysis: NetworkAnalysis
    rows: list[MemberFigures] = field(default_factory=list)

    @classmethod
    def of(cls, site: Site, analysis: NetworkAnalysis) -> NetworkView:
        rows = [MemberFigures(site.members[r.id], r) for r in analysis.results]
        rows.sort(key=lambda row: (-row.degree, -row.betweenness, row.member.id))
        return cls(site, analysis, rows)

    def recorded(self) -> NetworkView:
        """This view, noting that the page shows the analysis' results."""
        record("value:analysis")
        return self

    @property
    def metrics(self) -> NetworkMetrics:
        return self.analysis.metrics

    @property
    def estimated(self) -> bool:
        return self.analysis.betweenness_estimated

    @property
    def physics(self) -> bool:
        return len(self.rows) <= self.site.settings.graph.physics_max_nodes

    @property
    def component_groups(self) -> tuple[tuple[str, ...], ...]:
        return self.analysis.components

    def by_id(self) -> dict[str, MemberFigures]:
        return self._by_id

    @cached_property
    def _by_id(self) -> dict[str, MemberFigures]:
        # Built once per profile, unrecorded: which rows exist is the analysis' result, which
        # pages record as `value:analysis`; recording every member's id on every page made
        # each member page depend on all members (and the page cache grow with n²).
        with paused():
            return {row.result.id: row for row in self.rows}

    @cached_property
    def _neighbours(self) -> dict[str, set[str]]:
        """Each node's neighbours in either direction, from the analysis' ties."""
        neighbours: dict[str, set[str]] = {}
        for tie in self.analysis.ties:
            neighbours.setdefault(tie.source, set()).add(tie.target)
            neighbours.setdefault(tie.target, set()).add(tie.source)
        return neighbours

    @cached_property
    def _site_ties(self) -> dict[str, list[tuple[int, Tie]]]:
        with paused():
            index: dict[str, list[tuple[int, Tie]]] = {}
            for number, tie in enumerate(self.site.ties.ties):
                first, second = tie.ends
                index.setdefault(first, []).append((number, tie))
                if second != first:
                    index.setdefault(second, []).append((number, tie))
            return index

    def ties_of(self, member_id: str) -> list[tuple[int, Tie]]:
        """(position in ties.yaml, tie) for every tie with this member at one end.

        The index is built once per profile; reading `ties` here records ties.yaml as a
        dependency even when the member has no ties, as scanning the whole list did.
        """
        _ = self.site.ties.ties
        return self._site_ties.get(member_id, [])

    @cached_property
    def _edges(self) -> list[tuple[str, str, dict[str, Any]]]:
        """vis-network's edge for each tie, by position in ties.yaml: the same on every page."""
        colors = self._tie_colors
        with paused():
            edges = []
            for index, tie in enumerate(self.site.ties.ties):
                first, second = tie.ends
                kind = tie.type or ""
                edge = Edge(first, second, tie.directed, id=f"t{index}", type=kind,
                            color={"color": colors[kind], "opacity": 0.85},
                            width=0.8 + tie.strength * 0.9, dashes=tie.strength <= 2,
                            arrows="to" if tie.directed else "")
                edges.append((first, second, edge.options))
            return edges

    @cached_property
    def _edges_of(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for number, (first, second, _) in enumerate(self._edges):
            index.setdefault(first, []).append(number)
            if second != first:
                index.setdefault(second, []).append(number)
        return index

    @cached_property
    def _node_cache(self) -> dict[tuple[str, str], tuple[dict[str, Any], frozenset[str]]]:
        return {}

    @cached_property
    def _tie_colors(self) -> dict[str, str]:
        with paused():
            return tie_colors(self.site)

    def figures(self, nc: PageHelpers) -> list[tuple[str, str]]:
        m = self.metrics
        return [
            ("nodes", nc.num(m.nodes, 0)), ("ties", nc.num(m.ties, 0)),
            ("density", nc.pct(m.density)), ("centralization", nc.fixed(m.centralization, 2)),
            ("average_degree", nc.fixed(m.average_degree, 1)),
            ("components", nc.num(m.components, 0)),
            ("loose_ties", nc.num(m.loose_ties, 0)), ("tight_ties", nc.num(m.tight_ties, 0)),
        ]

    def top_in_role(self, role: str) -> MemberFigures | None:
        ranked = sorted(self.rows, key=lambda r: (-r.brokerage.get(role, 0), r.member.id))
        return ranked[0] if ranked and ranked[0].brokerage.get(role, 0) > 0 else None

    def reading(self, nc: PageHelpers) -> list[str]:
        from generator.render.network_reading import network_reading

        return network_reading(self, nc)

    def graph(self, nc: PageHelpers) -> GraphData:
        return graph_data(self, nc, [row.member.id for row in self.rows])

    def ego(self, member_id: str) -> EgoView | None:
        """The member, its neighbours and the ties among them; None outside the graph."""
        if member_id not in self.by_id():
            return None
        # Same members as ego_network(), without scanning every tie for every member page.
        return EgoView(self, [member_id, *sorted(self._neighbours.get(member_id, ()))])


@dataclass(frozen=True)
class EgoView:
    network: NetworkView
    member_ids: list[str]

    def graph(self, nc: PageHelpers) -> GraphData:
        return graph_data(self.network, nc, self.member_ids, physics=False)


@dataclass(frozen=True)
class GraphData:
    nodes: list[dict[str, Any]]
    types: list[dict[str, Any]]
    sectors: list[dict[str, str]]
    json: Markup


def tie_colors(site: Site) -> dict[str, str]:
    """A colour per tie type: the one in ties.yaml, else one from a fixed palette."""
    used = sorted({t.type or "" for t in site.ties.ties})
    colors = {}
    for index, name in enumerate(used):
        declared = site.ties.types.get(name)
        colors[name] = (declared.color if declared and declared.color
                        else TIE_PALETTE[index % len(TIE_PALETTE)] if name else DEFAULT_TIE_COLOR)
    return colors


def safe_json(data: Any) -> Markup:
    """JSON that can sit inside a <script> element: no '<', '>', '&' or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def graph_data(view: NetworkView, nc: PageHelpers, member_ids: list[str],
               *, physics: bool | None = None) -> GraphData:
    """Nodes, edges and options for vis-network, built with pyvis's own classes."""
    site = view.site
    wanted = set(member_ids)
    figures = view.by_id()
    nodes = [_node(view, figures[i], nc) for i in member_ids if i in figures]
    colors = view._tie_colors
    # Edges are made once per profile (unrecorded); the page depends on ties.yaml's ties,
    # and on its types through the labels below.
    _ = site.ties.ties
    all_edges = view._edges
    numbers: Iterable[int]
    if len(wanted) * 4 < len(figures):  # a small part of the graph: only its members' ties
        numbers = sorted({n for member in wanted for n in view._edges_of.get(member, ())})
    else:
        numbers = range(len(all_edges))
    edges = [all_edges[n][2] for n in numbers
             if all_edges[n][0] in wanted and all_edges[n][1] in wanted]
    types = [{"id": name, "label": _type_label(site, name, nc), "color": color}
             for name, color in colors.items()]
    sectors = sorted({figures[i].member.sector for i in wanted if i in figures})
    data = {"nodes": nodes, "edges": edges,
            "options": _options(view.physics if physics is None else physics, len(nodes)),
            "labels": _labels(nc)}
    return GraphData(nodes, types, [{"id": s, "label": nc.t(f"sector.{s}")} for s in sectors],
                     safe_json(data))


def _type_label(site: Site, name: str, nc: PageHelpers) -> str:
    declared = site.ties.types.get(name)
    if declared:
        return nc.text(declared.label)
    return name or nc.t("tie.untyped")


def _node(view: NetworkView, row: MemberFigures, nc: PageHelpers) -> dict[str, Any]:
    """A member's node; the same on every page of a language except for its URL.

    Member pages show a member in the ego graph of each of its neighbours, so the node
    (five formatted figures) is made once per language and reused, replaying what
    making it read so that each page still records its dependencies.
    """
    key = (nc.language, row.result.id)
    cached = view._node_cache.get(key)
    if cached is None:
        with recording() as reads:
            node = _node_fields(row, nc)
        cached = view._node_cache[key] = (node, frozenset(reads))
    else:
        record_all(cached[1])
    return {**cached[0], "url": nc.member_url(row.member.id)}


def _node_fields(row: MemberFigures, nc: PageHelpers) -> dict[str, Any]:
    member = row.member
    node = Node(member.id, "dot" if not member.external else "diamond", nc.text(member.name),
                x=round(row.result.x, 2), y=round(row.result.y, 2),
                color=SECTOR_COLORS[member.sector]).options
    node.update({
        "sector": member.sector, "sectorLabel": nc.t(f"sector.{member.sector}"),
        "roleLabel": nc.t(f"role.{member.role}"), "external": member.external,
        "metrics": {"degree": row.degree, "betweenness": row.betweenness,
                    "effective_size": row.effective_size or 0},
        "figures": [[nc.t("metrics.degree.name"), nc.num(row.degree, 0)],
                    [nc.t("metrics.betweenness.name"), nc.fixed(row.betweenness, 2)],
                    [nc.t("metrics.constraint.name"), nc.fixed(row.constraint, 2)],
                    [nc.t("metrics.effective_size.name"), nc.fixed(row.effective_size, 1)],
                    [nc.t("metrics.brokerage.name"), nc.num(row.brokerage_total, 0)]],
    })
    return node


def _options(physics: bool, size: int) -> dict[str, Any]:
    return _options_for(physics, size > 500)


@lru_cache(maxsize=4)
def _options_for(physics: bool, hide_edges_on_drag: bool) -> dict[str, Any]:
    """vis-network's options (shared by every graph: callers only serialise them)."""
    options = Options()
    options.physics.enabled = physics
    options.interaction.hideEdgesOnDrag = hide_edges_on_drag
    data: dict[str, Any] = json.loads(options.to_json())
    data["physics"]["stabilization"] = {"enabled": physics, "iterations": 150, "fit": True}
    data["physics"]["barnesHut"] = {"gravitationalConstant": -4000, "springLength": 140,
                                    "avoidOverlap": 0.2}
    data["edges"] = {"smooth": False, "selectionWidth": 2}
    data["interaction"].update({"keyboard": {"enabled": True, "bindToWindow": False},
                                "navigationButtons": False, "tooltipDelay": 200})
    data["layout"] = {"improvedLayout": False, "randomSeed": 7}
    return data


def _labels(nc: PageHelpers) -> dict[str, str]:
    return {"close": nc.t("graph.close"), "open": nc.t("graph.open_member"),
            "external": nc.t("members.external_one"), "found": nc.t("graph.found"),
            "not_found": nc.t("graph.not_found")}
