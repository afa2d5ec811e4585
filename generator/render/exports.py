"""Machine-readable exports of one profile's network analysis.

Every function returns the whole file as ``str`` or ``bytes`` and is
deterministic: the same analysis gives the same bytes (INTERFACE.md promises
that the same build twice is byte-identical). Only ``generator.analyse``
results are read, so nothing outside the profile's graph can leak in.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Sequence

import networkx as nx

from generator.analyse.network import NetworkAnalysis, NodeResult

DECIMALS = 4
DEFAULT_COLOR = "#888888"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"

Cell = str | int | float | bool | None


def rounded(value: float) -> float:
    """A float with ``DECIMALS`` places; never ``-0.0``, so signs don't flicker in diffs."""
    result = round(float(value), DECIMALS)
    return 0.0 if result == 0 else result


def _optional(value: float | None) -> float | None:
    return None if value is None else rounded(value)


# ----------------------------------------------------------------- network.json


def _metrics_object(analysis: NetworkAnalysis) -> dict[str, int | float]:
    m = analysis.metrics
    return {
        "nodes": m.nodes,
        "ties": m.ties,
        "density": rounded(m.density),
        "centralization": rounded(m.centralization),
        "components": m.components,
        "average_degree": rounded(m.average_degree),
        "loose_ties": m.loose_ties,
        "tight_ties": m.tight_ties,
    }


def _node_object(node: NodeResult) -> dict[str, object]:
    return {
        "id": node.id,
        "name": node.name,
        "sector": node.sector,
        "role": node.role,
        "external": node.external,
        "degree": node.degree,
        "betweenness": rounded(node.betweenness),
        "constraint": _optional(node.constraint),
        "effective_size": _optional(node.effective_size),
        "brokerage": node.brokerage.as_dict(),
        "x": rounded(node.x),
        "y": rounded(node.y),
    }


def network_json(analysis: NetworkAnalysis, profile: str, version: str) -> str:
    """network.json exactly as INTERFACE.md shows it: key order, 4 decimals, one link per tie.

    Undefined measures (Burt's for an isolated member) are ``null``.
    """
    document = {
        "generator": f"netcard {version}",
        "profile": profile,
        "metrics": _metrics_object(analysis),
        "nodes": [_node_object(n) for n in sorted(analysis.results, key=lambda r: r.id)],
        "links": [
            {
                "source": t.source,
                "target": t.target,
                "type": t.type,
                "strength": t.strength,
                "directed": t.directed,
            }
            for t in analysis.ties  # already sorted by (source, target, type, …)
        ],
    }
    return _script_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _script_safe(text: str) -> str:
    """JSON that stays inert if a browser or a page ever treats it as HTML or script.

    '<', '>', '&' and the JavaScript line separators are written as \\u escapes:
    the same data for every JSON reader, but no '</script>' or tag can appear.
    """
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


# ------------------------------------------------------------- GraphML and GEXF


def _node_attributes(node: NodeResult) -> dict[str, object]:
    """Attributes shared by GraphML and GEXF; undefined measures are left out (no null in XML)."""
    attributes: dict[str, object] = {
        "label": node.name,
        "name": node.name,
        "sector": node.sector,
        "role": node.role,
        "kind": node.kind,
        "external": node.external,
        "degree": node.degree,
        "betweenness": rounded(node.betweenness),
    }
    if node.constraint is not None:
        attributes["constraint"] = rounded(node.constraint)
    if node.effective_size is not None:
        attributes["effective_size"] = rounded(node.effective_size)
    for role, count in node.brokerage.as_dict().items():
        attributes[f"brokerage_{role}"] = count
    return attributes


def _export_graph(analysis: NetworkAnalysis) -> nx.MultiGraph:
    """One edge per input tie, keyed ``e0, e1, …`` in link order.

    A network with any directed tie becomes a directed multigraph; its
    undirected ties keep ``directed = False`` so no information is lost.
    """
    any_directed = any(t.directed for t in analysis.ties)
    graph: nx.MultiGraph = nx.MultiDiGraph() if any_directed else nx.MultiGraph()
    for node in sorted(analysis.results, key=lambda r: r.id):
        graph.add_node(node.id, **_node_attributes(node))
    for index, tie in enumerate(analysis.ties):
        graph.add_edge(
            tie.source,
            tie.target,
            key=f"e{index}",
            label=tie.type,
            tie_type=tie.type,
            strength=tie.strength,
            weight=float(tie.strength),
            directed=tie.directed,
        )
    return graph


def network_graphml(analysis: NetworkAnalysis) -> bytes:
    """GraphML for Gephi, yEd and networkx: node ``label`` is the member's name, x/y included.

    Edges carry ``label`` and ``tie_type`` (the tie type), ``strength``, ``weight``
    (= strength) and ``directed``.
    """
    graph = _export_graph(analysis)
    for node in sorted(analysis.results, key=lambda r: r.id):
        graph.nodes[node.id]["x"] = rounded(node.x)
        graph.nodes[node.id]["y"] = rounded(node.y)
    text = "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True))
    return (_XML_DECLARATION + text.strip() + "\n").encode("utf-8")


def _rgb(color: str | None) -> dict[str, int | float]:
    """``#rgb`` or ``#rrggbb`` as a GEXF viz colour; anything else falls back to grey."""
    value = color if color is not None and _HEX_COLOR.match(color) else DEFAULT_COLOR
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return {
        "r": int(digits[0:2], 16),
        "g": int(digits[2:4], 16),
        "b": int(digits[4:6], 16),
        "a": 1.0,
    }


def _viz(node: NodeResult, colors: dict[str, str]) -> dict[str, object]:
    """Colour by sector, size by degree, and the precomputed position.

    Gephi's y axis points up and vis-network's down, so y is mirrored to show
    the same picture.
    """
    return {
        "color": _rgb(colors.get(node.sector)),
        "size": float(10 + 2 * node.degree),
        "position": {"x": rounded(node.x), "y": rounded(-node.y), "z": 0.0},
    }


def network_gexf(analysis: NetworkAnalysis, colors: dict[str, str]) -> bytes:
    """GEXF 1.2 for Gephi, with viz colour (per sector), size (degree) and position.

    Undirected ties in a network that also has directed ones are written as
    ``type="mutual"`` edges (an undirected tie counts both ways, as in the
    brokerage analysis); ``directed`` keeps the original flag. networkx's
    ``lastmodifieddate`` is removed so the same analysis gives the same bytes.
    """
    graph = _export_graph(analysis)
    for node in sorted(analysis.results, key=lambda r: r.id):
        graph.nodes[node.id]["viz"] = _viz(node, colors)
    if graph.is_directed():
        for _, _, data in graph.edges(data=True):
            data["type"] = "directed" if data["directed"] else "mutual"
    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True))
    text = re.sub(r'\s+lastmodifieddate="[^"]*"', "", text)
    if not text.lstrip().startswith("<?xml"):
        text = _XML_DECLARATION + text
    return (text.strip() + "\n").encode("utf-8")


# ----------------------------------------------------------------------- CSV


def spreadsheet_safe(value: Cell) -> str | int | float:
    """A cell a spreadsheet shows as data, never runs as a formula (CSV injection).

    Only text is neutralised (prefixed with ``'``); numbers stay numbers, so a
    negative coordinate is still a negative number. None becomes an empty cell,
    booleans ``true``/``false``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return rounded(value) if math.isfinite(value) else ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


MEMBER_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "sector",
    "role",
    "kind",
    "external",
    "degree",
    "betweenness",
    "constraint",
    "effective_size",
    "coordinator",
    "gatekeeper",
    "representative",
    "consultant",
    "liaison",
    "structural_holes",
    "x",
    "y",
)
TIE_COLUMNS: tuple[str, ...] = ("source", "target", "type", "strength", "directed")


def members_csv(analysis: NetworkAnalysis) -> str:
    """One row per member with its measures; empty cells where a measure is undefined."""
    rows = (
        (
            r.id,
            r.name,
            r.sector,
            r.role,
            r.kind,
            r.external,
            r.degree,
            r.betweenness,
            r.constraint,
            r.effective_size,
            *r.brokerage.as_dict().values(),
            r.hole_count,
            r.x,
            r.y,
        )
        for r in sorted(analysis.results, key=lambda r: r.id)
    )
    return _csv(MEMBER_COLUMNS, rows)


def ties_csv(analysis: NetworkAnalysis) -> str:
    """One row per tie, in the same order as network.json's links."""
    rows = ((t.source, t.target, t.type, t.strength, t.directed) for t in analysis.ties)
    return _csv(TIE_COLUMNS, rows)
