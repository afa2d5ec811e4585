"""Machine-readable exports of one profile's network analysis: network.json, GraphML,
GEXF and the CSV files, the analyse stage's results as files.

Every function returns the whole file as ``str`` or ``bytes`` and is
deterministic: the same analysis gives the same bytes (INTERFACE.md promises
that the same build twice is byte-identical). Only the analysis' results are
read, so nothing outside the profile's graph can leak in.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata

from generator.analyse.results import NetworkAnalysis, NodeResult

DECIMALS = 4
DEFAULT_COLOR = "#888888"
# Each sector's colour: in the GEXF export, and on every graph of the site.
SECTOR_COLORS = {
    "education": "#1f77b4", "employment": "#d62728", "municipality": "#2ca02c",
    "government": "#9467bd", "ngo": "#ff7f0e", "business": "#8c564b", "project": "#e377c2",
    "other": "#7f7f7f",
}
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


def _node_fields(node: NodeResult) -> tuple[dict[str, Cell], dict[str, int], dict[str, Cell]]:
    """A node's network.json fields before, as and after its nested ``brokerage`` object."""
    head: dict[str, Cell] = {
        "id": node.id,
        "name": node.name,
        "sector": node.sector,
        "role": node.role,
        "external": node.external,
        "degree": node.degree,
        "betweenness": rounded(node.betweenness),
        "constraint": _optional(node.constraint),
        "effective_size": _optional(node.effective_size),
    }
    return head, node.brokerage.as_dict(), {"x": rounded(node.x), "y": rounded(node.y)}


def network_json(analysis: NetworkAnalysis, profile: str, version: str) -> str:
    """network.json exactly as INTERFACE.md shows it: key order, 4 decimals, one link per tie.

    Undefined measures (Burt's for an isolated member) are ``null``. The bytes
    are those of ``json.dumps(document, ensure_ascii=False, indent=2)``, but
    written by the C encoder (see ``_json_bodies``): with ``indent`` json
    falls back to its pure-Python encoder, far too slow for a large network.
    """
    fields = [_node_fields(n) for n in sorted(analysis.results, key=lambda r: r.id)]
    heads = _json_bodies([head for head, _, _ in fields], 3)
    roles = _json_bodies([brokerage for _, brokerage, _ in fields], 4)
    tails = _json_bodies([tail for _, _, tail in fields], 3)
    nodes = [
        _json_block("{", [head, '"brokerage": ' + _json_block("{", [role], 4, "}"), tail], 3, "}")
        for head, role, tail in zip(heads, roles, tails, strict=True)
    ]
    links = _json_bodies(
        [
            {
                "source": t.source,
                "target": t.target,
                "type": t.type,
                "strength": t.strength,
                "directed": t.directed,
            }
            for t in analysis.ties  # already sorted by (source, target, type, …)
        ],
        3,
    )
    top = _json_bodies([{"generator": f"netcard {version}", "profile": profile}], 1)
    metrics = _json_bodies([_metrics_object(analysis)], 2)
    document = [
        *top,
        '"metrics": ' + _json_block("{", metrics, 2, "}"),
        '"nodes": ' + _json_block("[", nodes, 2, "]"),
        '"links": ' + _json_block("[", [_json_block("{", [b], 3, "}") for b in links], 2, "]"),
    ]
    return _script_safe(_json_block("{", document, 1, "}")) + "\n"


def _json_bodies(objects: Sequence[Mapping[str, Cell]], level: int) -> list[str]:
    """The inside of each object as ``indent=2`` writes it with its items at ``level``.

    Every object must be non-empty and hold only scalars. All of them go through
    the C encoder in one call, with the newline and indent as item separator,
    giving ``[{a}<sep>{b}]``. The encoder escapes newlines inside strings, so a
    raw newline only comes from a separator, and inside an object a separator
    is always followed by a key's quote: ``}<sep>{`` only stands between objects.
    """
    if not objects:
        return []
    separator = ",\n" + "  " * level
    text = _flat_encoder(level).encode(objects)
    return text[2:-2].split("}" + separator + "{")


def _json_block(opening: str, items: Sequence[str], level: int, closing: str) -> str:
    """Items at ``level`` between brackets as ``indent=2`` writes them; ``[]`` when empty."""
    if not items:
        return opening + closing
    indent = "  " * level
    return f"{opening}\n{indent}" + f",\n{indent}".join(items) + f"\n{indent[2:]}{closing}"


@functools.cache
def _flat_encoder(level: int) -> json.JSONEncoder:
    """The C encoder, separating items as ``indent=2`` does at ``level``."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + "  " * level, ": "))


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
#
# Both files are written as text, exactly as networkx's writers (ElementTree,
# pretty-printed, non-ASCII as character references) wrote them before: same
# elements, order, ids and bytes, but some 30 times faster on a large network.
# The only difference: characters XML 1.0 forbids, which ElementTree copied
# into an unreadable file, become U+FFFD (the loader refuses them anyway).

Scalar = str | int | float | bool
_XML_UNUSUAL = re.compile('[&<>"\x00-\x1f\ud800-\udfff\ufffe\uffff]')
_TEXT_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e]")
_ATTRIBUTE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                      ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))
_GRAPHML_OPEN = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_VIZ_NAMESPACE = ' xmlns:viz="http://www.gexf.net/1.2draft/viz"'
_GEXF_NAMESPACES = (
    ' xmlns="http://www.gexf.net/1.2draft"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"'
    ' version="1.2">'
)


def xml_text(value: str) -> str:
    """Element text as ElementTree escapes it, with networkx's line splitting applied.

    ElementTree writes line breaks raw; networkx split its output into lines
    (``str.splitlines``) and joined them with ``\\n``, so ``\\r``, ``\\r\\n``, VT, FF
    and the separators 0x1c–0x1e became ``\\n``.
    """
    if _XML_UNUSUAL.search(value) is None:
        return value
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NOT_XML.sub("\ufffd", _TEXT_BREAKS.sub("\n", value))


def xml_attribute(value: str) -> str:
    """An attribute value as ElementTree escapes it (quotes, CR, LF and tab as references)."""
    if _XML_UNUSUAL.search(value) is None:
        return value
    for char, escape in _ATTRIBUTE_ESCAPES:
        value = value.replace(char, escape)
    return _NOT_XML.sub("\ufffd", _ATTRIBUTE_BREAKS.sub("\n", value))


def _xml_document(lines: list[str]) -> bytes:
    """Declaration, lines, final newline; non-ASCII as ``&#…;`` as ElementTree wrote it."""
    return (_XML_DECLARATION + "\n".join(lines) + "\n").encode("ascii", "xmlcharrefreplace")


def _element(opening: str, children: list[str], indent: str) -> list[str]:
    """``<tag …>`` with its child lines and closing tag, or ``<tag … />`` without children."""
    if not children:
        return [f"{indent}{opening} />"]
    tag = opening[1:].split(" ", 1)[0]
    return [f"{indent}{opening}>", *children, f"{indent}</{tag}>"]


def node_attributes(node: NodeResult) -> dict[str, Scalar]:
    """Attributes shared by GraphML and GEXF; undefined measures are left out (no null in XML)."""
    attributes: dict[str, Scalar] = {
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


def _sorted_nodes(analysis: NetworkAnalysis) -> list[NodeResult]:
    return sorted(analysis.results, key=lambda r: r.id)


def _is_directed(analysis: NetworkAnalysis) -> bool:
    """A network with any directed tie is exported as a directed multigraph.

    Its undirected ties keep ``directed = False`` so no information is lost.
    """
    return any(t.directed for t in analysis.ties)


def _edge_order(analysis: NetworkAnalysis, directed: bool) -> list[tuple[str, str, int]]:
    """(source, target, tie index) in the order networkx's multigraph listed its edges.

    networkx walks the nodes in insertion order (sorted by id) and each node's
    neighbours in the order of their first tie; an undirected edge is listed
    once, from the end met first, so its source and target may swap.
    """
    adjacency: dict[str, dict[str, list[int]]] = {r.id: {} for r in _sorted_nodes(analysis)}
    for index, tie in enumerate(analysis.ties):
        keys = adjacency[tie.source].setdefault(tie.target, [])
        keys.append(index)
        if not directed:
            adjacency[tie.target].setdefault(tie.source, keys)
    order: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for node, neighbours in adjacency.items():
        for neighbour, keys in neighbours.items():
            if directed or neighbour not in seen:
                order.extend((node, neighbour, index) for index in keys)
        seen.add(node)
    return order


def _edge_attributes(index: int, analysis: NetworkAnalysis) -> dict[str, Scalar]:
    """Edge ``label`` and ``tie_type`` (the tie type), ``strength``, ``weight`` and ``directed``."""
    tie = analysis.ties[index]
    return {
        "label": tie.type,
        "tie_type": tie.type,
        "strength": tie.strength,
        "weight": float(tie.strength),
        "directed": tie.directed,
    }


# networkx's Python type → XML type tables (GraphML's and GEXF's agree) for the values
# written here. Written out: building them imports networkx and numpy, 0.3 s of a build
# that only has to write the files again (tests/analyse/test_exports_writers.py checks them).
XML_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}


def _xml_type(writer: str, value: object) -> str:
    try:
        return XML_TYPES[type(value)]
    except KeyError:
        raise TypeError(f"{writer} cannot hold a {type(value).__name__} value") from None


class _GraphmlKeys:
    """GraphML ``<key>`` ids, numbered ``d0, d1, …`` in order of first use, as networkx does.

    networkx keys them by (name, XML type, scope). Nodes (and edges) mostly
    share their attribute names and types, so the ``<data>`` lines of each such
    signature become one format template, made (and its keys numbered) on first use.
    """

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}
        self.lines: list[str] = []
        self.templates: dict[tuple[object, ...], str] = {}

    def data(self, attributes: dict[str, Scalar], scope: str) -> list[str]:
        """The ``<data>`` lines of one node or edge (as one multi-line text)."""
        values = attributes.values()
        texts = [xml_text(v) if isinstance(v, str) else str(v) for v in values]
        if "" in texts:  # empty text is written <data … />
            return [self._line(name, value, text, scope)
                    for (name, value), text in zip(attributes.items(), texts, strict=True)]
        signature = (scope, *attributes, *map(type, values))
        template = self.templates.get(signature)
        if template is None:
            template = self.templates[signature] = "\n".join(
                self._line(name, value, "{}", scope) for name, value in attributes.items()
            )
        return [template.format(*texts)] if texts else []

    def _line(self, name: str, value: Scalar, text: str, scope: str) -> str:
        key = self._key(name, _xml_type("graphml", value), scope)
        return f'      <data key="{key}">{text}</data>' if text else f'      <data key="{key}" />'

    def _key(self, name: str, xml_type: str, scope: str) -> str:
        found = self.ids.get((name, xml_type, scope))
        if found is None:
            found = self.ids[name, xml_type, scope] = f"d{len(self.ids)}"
            self.lines.append(f'  <key id="{found}" for="{scope}" attr.name='
                              f'"{xml_attribute(name)}" attr.type="{xml_type}" />')
        return found


def network_graphml(analysis: NetworkAnalysis) -> bytes:
    """GraphML for Gephi, yEd and networkx: node ``label`` is the member's name, x/y included.

    Edges carry ``label`` and ``tie_type`` (the tie type), ``strength``, ``weight``
    (= strength) and ``directed``; edge ids ``e0, e1, …`` follow network.json's links.
    """
    directed = _is_directed(analysis)
    keys = _GraphmlKeys()
    graph: list[str] = []
    for node in _sorted_nodes(analysis):
        attributes = {**node_attributes(node), "x": rounded(node.x), "y": rounded(node.y)}
        opening = f'<node id="{xml_attribute(node.id)}"'
        graph += _element(opening, keys.data(attributes, "node"), "    ")
    for source, target, index in _edge_order(analysis, directed):
        opening = (f'<edge source="{xml_attribute(source)}" target="{xml_attribute(target)}"'
                   f' id="e{index}"')
        graph += _element(opening, keys.data(_edge_attributes(index, analysis), "edge"), "    ")
    edge_default = "directed" if directed else "undirected"
    body = [*reversed(keys.lines), *_element(f'<graph edgedefault="{edge_default}"', graph, "  ")]
    return _xml_document([_GRAPHML_OPEN, *body, "</graphml>"])


def _rgb(color: str | None) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` as a GEXF viz colour; anything else falls back to grey."""
    value = color if color is not None and _HEX_COLOR.match(color) else DEFAULT_COLOR
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _viz(node: NodeResult, colors: dict[str, str]) -> list[str]:
    """Colour by sector, size by degree, and the precomputed position.

    Gephi's y axis points up and vis-network's down, so y is mirrored to show
    the same picture.
    """
    r, g, b = _rgb(colors.get(node.sector))
    return [
        f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />',
        f'        <viz:size value="{float(10 + 2 * node.degree)}" />',
        f'        <viz:position x="{rounded(node.x)}" y="{rounded(-node.y)}" z="0.0" />',
    ]


def _gexf_value(value: Scalar) -> str:
    """networkx's GEXF spelling: lower-case booleans, ``INF``/``NaN`` for special floats."""
    if isinstance(value, str):
        return xml_attribute(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if type(value) is float and not math.isfinite(value):
        return {"inf": "INF", "nan": "NaN", "-inf": "-INF"}[text]
    return text


class _GexfAttributes:
    """GEXF ``<attribute>`` ids: one counter for nodes and edges, in order of first use.

    networkx keys them by title within a class; the first value gives the type.
    """

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
        self.lines: dict[str, list[str]] = {}
        self.templates: dict[tuple[str, ...], str] = {}
        self.count = 0

    def values(self, attributes: dict[str, Scalar], scope: str, indent: str) -> list[str]:
        """The ``<attvalues>`` block of one node or edge (nothing without attributes).

        Made from a format template per (class, titles), built on first use.
        """
        if not attributes:
            return []
        signature = (scope, indent, *attributes)
        template = self.templates.get(signature)
        if template is None:
            template = self.templates[signature] = "\n".join([
                f"{indent}<attvalues>",
                *(f'{indent}  <attvalue for="{self._id(title, value, scope)}" value="{{}}" />'
                  for title, value in attributes.items()),
                f"{indent}</attvalues>",
            ])
        return [template.format(*[
            xml_attribute(v) if isinstance(v, str) else _gexf_value(v)
            for v in attributes.values()
        ])]

    def declarations(self) -> list[str]:
        """``<attributes>`` blocks, the class used last first (networkx inserts them at 0)."""
        blocks: list[str] = []
        for scope in reversed(self.lines):
            opening = f'<attributes mode="static" class="{scope}"'
            blocks += _element(opening, self.lines[scope], "    ")
        return blocks

    def _id(self, title: str, value: Scalar, scope: str) -> str:
        found = self.ids[scope].get(title)
        if found is None:
            found = self.ids[scope][title] = str(self.count)
            self.count += 1
            self.lines.setdefault(scope, []).append(
                f'      <attribute id="{found}" title="{xml_attribute(title)}"'
                f' type="{_xml_type("gexf", value)}" />'
            )
        return found


def _gexf_node(node: NodeResult, colors: dict[str, str], attributes: _GexfAttributes) -> list[str]:
    data = node_attributes(node)
    label = str(data.pop("label"))
    opening = f'<node id="{xml_attribute(node.id)}" label="{xml_attribute(label)}"'
    children = _viz(node, colors) + attributes.values(data, "node", "        ")
    return _element(opening, children, "      ")


def _gexf_edge(
    edge: tuple[str, str, int], number: int, analysis: NetworkAnalysis,
    directed: bool, attributes: _GexfAttributes,
) -> list[str]:
    """One ``<edge>``: id by position, label/weight (and type) as XML attributes."""
    source, target, index = edge
    tie = analysis.ties[index]
    opening = (f'<edge source="{xml_attribute(source)}" target="{xml_attribute(target)}"'
               f' id="{number}" label="{xml_attribute(tie.type)}" weight="{float(tie.strength)}"')
    if directed:
        opening += ' type="directed"' if tie.directed else ' type="mutual"'
    data: dict[str, Scalar] = {
        "tie_type": tie.type,
        "strength": tie.strength,
        "directed": tie.directed,
        "networkx_key": f"e{index}",
    }
    return _element(opening, attributes.values(data, "edge", "        "), "      ")


def network_gexf(analysis: NetworkAnalysis, colors: dict[str, str]) -> bytes:
    """GEXF 1.2 for Gephi, with viz colour (per sector), size (degree) and position.

    Undirected ties in a network that also has directed ones are written as
    ``type="mutual"`` edges (an undirected tie counts both ways, as in the
    brokerage analysis); ``directed`` keeps the original flag. There is no
    ``lastmodifieddate``, so the same analysis gives the same bytes.
    """
    directed = _is_directed(analysis)
    attributes = _GexfAttributes()
    nodes: list[str] = []
    for node in _sorted_nodes(analysis):
        nodes += _gexf_node(node, colors, attributes)
    edges: list[str] = []
    for number, edge in enumerate(_edge_order(analysis, directed)):
        edges += _gexf_edge(edge, number, analysis, directed, attributes)
    edge_default = "directed" if directed else "undirected"
    graph = [
        *attributes.declarations(),
        *_element("<nodes", nodes, "    "),
        *_element("<edges", edges, "    "),
    ]
    graph_opening = f'<graph defaultedgetype="{edge_default}" mode="static" name=""'
    graph_lines = _element(graph_opening, graph, "  ")
    return _xml_document([*_gexf_head(bool(nodes)), *graph_lines, "</gexf>"])


def _gexf_head(has_viz: bool) -> list[str]:
    """Root tag and ``<meta>``; ElementTree declared the viz namespace only when it was used."""
    networkx_version = metadata.version("networkx")  # without importing it (0.2 s)
    creator = xml_text(f"NetworkX {networkx_version}")
    root = "<gexf" + (_VIZ_NAMESPACE if has_viz else "") + _GEXF_NAMESPACES
    return [root, "  <meta>", f"    <creator>{creator}</creator>", "  </meta>"]


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
    safe = spreadsheet_safe
    writer.writerows(
        # the common cells (ints, text that cannot start a formula) skip the call
        [cell if type(cell) is int or (type(cell) is str and not cell.startswith(_FORMULA_STARTS))
         else safe(cell) for cell in row]
        for row in rows
    )
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
