"""The member–competence graph: who holds which competence, and how strongly."""

from __future__ import annotations

from typing import Any

from generator.analyse.competence import CompetenceMap
from generator.analyse.exports import SECTOR_COLORS
from generator.render.helpers import PageHelpers
from generator.render.network_view import GraphData, safe_json
from generator.render.vis import Edge, Node

MAX_MEMBERS_IN_GRAPH = 300
AREA_COLOR = "#0f6e6e"
NEED_COLOR = "#b35c00"


def competence_graph(competence_map: CompetenceMap, nc: PageHelpers) -> GraphData | None:
    """Members on the left, areas on the right, a line per competence (width = level)."""
    members = nc.by_name(list(competence_map.members))
    if not members or len(members) > MAX_MEMBERS_IN_GRAPH or not competence_map.areas:
        return None
    spacing = 60.0
    nodes: list[dict[str, Any]] = []
    for row, member in enumerate(members):
        node = Node(f"m:{member.id}", "diamond" if member.external else "dot",
                    nc.text(member.name), x=-260.0, y=row * spacing,
                    color=SECTOR_COLORS[member.sector], size=12).options
        node.update(_details(nc, nc.text(member.name), nc.t(f"sector.{member.sector}"),
                             nc.member_url(member.id), member.external))
        nodes.append(node)
    area_spacing = spacing * max(1, len(members) - 1) / max(1, len(competence_map.areas) - 1)
    for row, area in enumerate(competence_map.areas):
        gap = competence_map.coverage[area.id].is_gap
        # A square, not a box with the name inside: the page's script draws every name at a
        # readable size (vis-network would draw it at the zoom's size).
        node = Node(f"a:{area.id}", "square", nc.text(area.name), x=260.0, y=row * area_spacing,
                    color=NEED_COLOR if gap else AREA_COLOR).options
        node.update(_details(nc, nc.text(area.name), nc.t("competences.area"), None, False))
        nodes.append(node)
    edges = [Edge(f"m:{member.id}", f"a:{area_id}", False, id=f"c:{member.id}:{area_id}",
                  width=level * 1.2, type="competence", arrows="",
                  color={"color": SECTOR_COLORS[member.sector], "opacity": 0.55}).options
             for member in members for area_id, level in sorted(member.competences.items())
             if area_id in competence_map.coverage]
    data = {"nodes": nodes, "edges": edges, "options": _options(),
            "labels": {"close": nc.t("graph.close"), "open": nc.t("graph.open_member"),
                       "external": nc.t("members.external_one"), "found": nc.t("graph.found"),
                       "not_found": nc.t("graph.not_found")}}
    return GraphData(nodes, [], [], safe_json(data))


def _details(nc: PageHelpers, label: str, kind: str, url: str | None,
             external: bool) -> dict[str, Any]:
    return {"sector": "", "sectorLabel": kind, "roleLabel": "", "external": external,
            "url": url, "metrics": {"degree": 0}, "figures": [], "panelTitle": label}


def _options() -> dict[str, Any]:
    return {"physics": {"enabled": False}, "edges": {"smooth": False},
            "interaction": {"keyboard": {"enabled": True, "bindToWindow": False},
                            "dragNodes": True, "tooltipDelay": 200},
            "layout": {"improvedLayout": False}}
