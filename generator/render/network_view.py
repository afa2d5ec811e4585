"""The network page's view: figures, the plain-language reading and the graph data.

Every figure shown on the page comes from the same analysis that network.json
exports, formatted per language, so the page and the export always agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from markupsafe import Markup

from generator.analyse.exports import SECTOR_COLORS, rounded
from generator.analyse.results import NetworkAnalysis, NetworkMetrics
from generator.deps import Recorded, paused, record, record_all, recorded, recording
from generator.model.schema import Tie
from generator.model.site import Site
from generator.render.fallback import foreign_language
from generator.render.graph_look import (
    CATEGORY_PALETTE,
    NODE_SIZE_MIN,
    NODE_SIZE_RANGE,
    OTHER_COLOR,
    SVG_CACHE_SIZE,
    TIE_DASHES,
    WIDTH_BASE,
    WIDTH_PER_STRENGTH,
    SvgEdge,
    SvgNode,
    drawing,
    labelled_svg,
    tie_tone,
    tie_width,
)
from generator.render.helpers import PageHelpers
from generator.render.member_figures import FIGURE_NAMES, MemberFigures
from generator.render.network_reading import network_reading
from generator.render.vis import Options

DEFAULT_TIE_COLOR = "#8a98a3"
T = TypeVar("T")
ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


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
    def _edges(self) -> list[tuple[str, str, str, int, bool]]:
        """(from, to, type, strength, directed) per tie, by position in ties.yaml."""
        with paused():
            return [(*tie.ends, tie.type or "", tie.strength, tie.directed)
                    for tie in self.site.ties.ties]

    @cached_property
    def _edges_of(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for number, (first, second, *_) in enumerate(self._edges):
            index.setdefault(first, []).append(number)
            if second != first:
                index.setdefault(second, []).append(number)
        return index

    @cached_property
    def _remembered(self) -> dict[Hashable, Recorded[Any]]:
        return {}

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, worked out once per profile for every page (and language) that
        asks for `key`; each of those pages records what working it out read, as if it
        had worked it out itself. For what a member's page shows the same in every
        language: its ties in order, the ties of its ego graph."""
        known = self._remembered.get(key)
        if known is None:
            known = self._remembered[key] = recorded(compute)
        value: T = known.read()
        return value

    @cached_property
    def _node_cache(self) -> dict[tuple[str, str], tuple[dict[str, Any], frozenset[str]]]:
        return {}

    @cached_property
    def _node_parts(self) -> dict[tuple[str, str, bool], tuple[str, str]]:
        return {}

    def node_json(self, nc: PageHelpers, member_id: str,
                  with_figures: bool) -> tuple[str, str]:
        """A node's row parts (`_node_row_parts`) in the page's language, made once (from
        the node `_node` made, whose reads the page has recorded)."""
        key = (nc.language, member_id, with_figures)
        parts = self._node_parts.get(key)
        if parts is None:
            node = self._node_cache[(nc.language, member_id)][0]
            parts = self._node_parts[key] = _node_row_parts(node, with_figures)
        return parts

    @cached_property
    def _words(self) -> dict[tuple[str, str, tuple[str, ...]], tuple[str, list[LegendSector]]]:
        return {}

    def words_of(self, nc: PageHelpers, kind: str,
                 names: tuple[str, ...]) -> tuple[str, list[LegendSector]]:
        """The sectors' (or roles') table of a graph's data, with their labels in the
        page's language and its colour (a sector's), and the legend's list of them."""
        key = (nc.language, kind, names)
        made = self._words.get(key)
        if made is None:
            labels = [nc.t(f"{kind}.{name}") for name in names]
            table = ([[name, label, SECTOR_COLORS[name]] for name, label in zip(names, labels,
                                                                             strict=True)]
                     if kind == "sector" else labels)
            made = self._words[key] = (_dumps(table), [
                LegendSector(name, label) for name, label in zip(names, labels, strict=True)])
        return made

    @cached_property
    def _drawings(self) -> dict[tuple[tuple[str, ...], tuple[tuple[str, str | None], ...]],
                                tuple[str, str]]:
        return {}  # the last SVG_CACHE_SIZE graphs' pictures, by graph and labels (and their
        # languages)

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
        """The network page's plain-language reading of the figures."""
        return network_reading(self.metrics, self.rows, self.component_groups, nc)

    def graph(self, nc: PageHelpers, *, figures: bool = True) -> GraphData:
        """The whole network's graph; without `figures` (the public site, unless it opts
        network-figures in) its members carry no measures and no community."""
        return graph_data(self, nc, [row.member.id for row in self.rows],
                          with_figures=figures)

    def ego(self, member_id: str) -> EgoView | None:
        """The member, its neighbours and the ties among them; None outside the graph."""
        if member_id not in self.by_id():
            return None
        # its neighbours from the map made once, not a scan of every tie per member page
        return EgoView(self, [member_id, *sorted(self._neighbours.get(member_id, ()))])


@dataclass(frozen=True)
class EgoView:
    network: NetworkView
    member_ids: list[str]

    def graph(self, nc: PageHelpers) -> GraphData:
        return graph_data(self.network, nc, self.member_ids, physics=False)


@dataclass(frozen=True, slots=True)
class LegendType:
    """A tie type in the graph's legend (an object, not a dict: Jinja reads a dict's keys
    only after failing to read them as attributes)."""

    id: str
    label: str
    color: str
    dashes: tuple[int, ...]  # empty: a solid line

    @property
    def dash_array(self) -> str:
        """The dashes as SVG's stroke-dasharray writes them: "12,6"."""
        return ",".join(map(str, self.dashes))


@dataclass(frozen=True, slots=True)
class LegendSector:
    id: str
    label: str


# (strength, line width) for the legend, as the graph draws them.
STRENGTH_WIDTHS = tuple((strength, f"{tie_width(strength):.1f}") for strength in range(1, 6))


@dataclass(frozen=True)
class GraphData:
    nodes: list[dict[str, Any]]
    types: list[LegendType]
    sectors: list[LegendSector]
    json: Markup
    svg: Markup = field(default_factory=Markup)  # the same graph as a static image

    @property
    def strength_widths(self) -> tuple[tuple[int, str], ...]:
        """(strength, line width) for the legend, as the graph draws them."""
        return STRENGTH_WIDTHS


def tie_colors(site: Site) -> dict[str, str]:
    """A colour per tie type: the one in ties.yaml, else a neutral tone (graph_look)."""
    used = sorted({t.type or "" for t in site.ties.ties})
    colors = {}
    for index, name in enumerate(used):
        declared = site.ties.types.get(name)
        colors[name] = (declared.color if declared and declared.color
                        else tie_tone(index) if name else DEFAULT_TIE_COLOR)
    return colors


def safe_json(data: Any) -> Markup:
    """JSON that can sit inside a <script> element: no '<', '>', '&' or line separators."""
    return _script_safe(_dumps(data))


# How members and ties look; sent with the data so that the script has no numbers of its own.
GRAPH_STYLE = {"opacity": 0.85, "widthBase": WIDTH_BASE, "widthPerStrength": WIDTH_PER_STRENGTH,
               "shape": "dot", "externalShape": "diamond", "dashes": [list(d) for d in TIE_DASHES],
               "palette": list(CATEGORY_PALETTE), "other": OTHER_COLOR,
               "sizeMin": NODE_SIZE_MIN, "sizeRange": NODE_SIZE_RANGE}
FIGURES = FIGURE_NAMES

# The compact graph data (`"format": 2`): what is the same for many members is sent once.
#   sectors  [[id, label, colour], …]   roles [label, …]   types [[id, colour, dashes#], …]
#   groups   [coordination group name, …]   communities: how many were found
#   figures  [name, …] (the panel's five figures, in the order of each node's values)
#   nodes    [{"row": [id, label, sector#, role#, external 0/1, x, y, degree, betweenness,
#                      effective size, figure value × 5, community#, group# (-1: none)],
#              "url": member page, "lang": the name's language}, …]
#            (`url` is left out for a member without a page; it stays a "url" key of its own
#            because `netcard bundle` rewrites every "url" in graph data to its sections;
#            `lang` only for a name shown in another language than the page's, which the
#            script puts on the elements that show the name)
#   edges    [[from node#, to node#, type#, strength, directed 0/1], …]
# netcard-graph.js expands it into vis-network's items (see `expand` there).


def graph_data(view: NetworkView, nc: PageHelpers, member_ids: list[str],
               *, physics: bool | None = None, with_figures: bool = True) -> GraphData:
    """The graph's members and ties in the compact format above, with vis-network's options
    (without figures: no measure, figure or community of any member: WITHOUT_FIGURES).

    Member pages show many graphs, each in every language: what a graph shows the same in
    every language (its ties, which sectors, roles and groups its members have: `_Shape`)
    is worked out once per profile, the words of a language once per language, and each
    node's JSON once per language; a page joins them with its members' URLs. The JSON is
    the same text `safe_json` makes of the whole (sorted keys, the same separators)."""
    site = view.site
    figures = view.by_id()
    nodes = [_node(view, figures[i], nc) for i in member_ids if i in figures]
    # The page depends on ties.yaml's ties, and on its types through the labels below.
    _ = site.ties.ties
    key = ("graph", *member_ids)
    shape = view.remembered(key, lambda: _Shape.of(view, nodes))
    words = view.remembered(("graph-words", nc.language, with_figures),
                            lambda: _Words.of(view, nc, with_figures))
    sectors_json, sectors = view.words_of(nc, "sector", shape.sectors)
    roles_json, _ = view.words_of(nc, "role", shape.roles)
    rows = []
    for node, indices, group in zip(nodes, shape.indices, shape.groups, strict=True):
        named, measured = view.node_json(nc, node["id"], with_figures)
        url, lang = node["url"], node["lang"]
        rows.append((f'{{"lang":{_dumps(lang)},' if lang else "{")  # a name's other language
                    + f'"row":[{named},{indices},{measured},{group}]'
                    + (f',"url":{_dumps(url)}}}' if url else "}"))
    text = "".join((
        '{"communities":', str(shape.communities), ',"edges":', shape.edges_json,
        ',"figures":', words.figures, ',"format":2,"groups":', words.groups,
        ',"labels":', words.labels, ',"nodes":[', ",".join(rows),
        '],"options":', _options_json(view.physics if physics is None else physics,
                                      len(nodes) > 500),
        ',"roles":', roles_json, ',"sectors":', sectors_json, ',"style":', _style_json(),
        ',"types":', shape.types_json, "}"))
    return GraphData(nodes, words.types, sectors, _script_safe(text),
                     _svg(view, key, nodes, shape, nc))


def _dumps(data: Any) -> str:
    """JSON as `safe_json` writes it, before its script-safe escapes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _items(values: list[Any]) -> str:
    """A JSON list's items without its brackets: a part of a longer list."""
    return _dumps(values)[1:-1]


@dataclass(frozen=True)
class _Shape:
    """What a graph shows the same in every language: its ties, the sectors and roles of
    its members (their numbers in each node's row: `indices`), each node's coordination
    group, how many communities, and the JSON of its ties and of their types."""

    edges: list[tuple[str, str, str, int, bool]]
    sectors: tuple[str, ...]
    roles: tuple[str, ...]
    indices: list[str]  # per node, "sector#,role#"
    groups: list[int]  # per node, its first coordination group's number (-1: none)
    communities: int
    types: dict[str, int]  # each type's number among all (for its line style)
    edges_json: str
    types_json: str

    @staticmethod
    def of(view: NetworkView, nodes: list[dict[str, Any]]) -> _Shape:
        wanted = {node["id"] for node in nodes}
        edges = _edges_among(view, wanted)
        sectors = sorted({node["sector"] for node in nodes})
        roles = sorted({node["role"] for node in nodes})
        sector_index = {sector: n for n, sector in enumerate(sectors)}
        role_index = {role: n for n, role in enumerate(roles)}
        group_of: dict[str, int] = {}
        for number, group in enumerate(view.site.network.coordination.groups):
            for member in group.members:
                group_of.setdefault(member, number)
        colors = view._tie_colors
        kinds = {edge[2] for edge in edges}
        used_types = [name for name in colors if name in kinds]
        type_index = {name: n for n, name in enumerate(used_types)}
        all_types = {name: n for n, name in enumerate(colors)}
        index = {node["id"]: n for n, node in enumerate(nodes)}
        return _Shape(
            edges, tuple(sectors), tuple(roles),
            [f"{sector_index[node['sector']]},{role_index[node['role']]}" for node in nodes],
            [group_of.get(node["id"], -1) for node in nodes],
            1 + max((node["community"] for node in nodes), default=-1), all_types,
            _dumps([[index[first], index[second], type_index[kind], strength, int(directed)]
                    for first, second, kind, strength, directed in edges]),
            _dumps([[name, colors[name], all_types[name] % len(TIE_DASHES)]
                    for name in used_types]))


@dataclass(frozen=True)
class _Words:
    """A graph's words in one language, the same in every graph of the profile: the
    legend's tie types, and the JSON of the panel's labels, figure names and groups."""

    types: list[LegendType]
    labels: str
    figures: str
    groups: str

    @staticmethod
    def of(view: NetworkView, nc: PageHelpers, with_figures: bool) -> _Words:
        site = view.site
        colors = view._tie_colors
        types = [LegendType(name, _type_label(site, name, nc), color,
                            TIE_DASHES[n % len(TIE_DASHES)])
                 for n, (name, color) in enumerate(colors.items())]
        return _Words(
            types, _dumps(_labels(nc)),
            _dumps([nc.t(f"metrics.{name}.name") for name in FIGURES] if with_figures else []),
            _dumps([nc.text(group.name) for group in site.network.coordination.groups]))


def _script_safe(text: str) -> Markup:
    """JSON text that can sit inside a <script> element (see `safe_json`)."""
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


@lru_cache(maxsize=1)
def _style_json() -> str:
    return _dumps(GRAPH_STYLE)


@lru_cache(maxsize=4)
def _options_json(physics: bool, hide_edges_on_drag: bool) -> str:
    return _dumps(_options_for(physics, hide_edges_on_drag))


def _edges_among(view: NetworkView, wanted: set[str]) -> list[tuple[str, str, str, int, bool]]:
    """The ties with both ends among `wanted`, in ties.yaml's order."""
    all_edges = view._edges
    numbers: Iterable[int]
    if len(wanted) * 4 < len(view.by_id()):  # a small part of the graph: only its members' ties
        numbers = sorted({n for member in wanted for n in view._edges_of.get(member, ())})
    else:
        numbers = range(len(all_edges))
    return [all_edges[n] for n in numbers
            if all_edges[n][0] in wanted and all_edges[n][1] in wanted]


# Where the analysis sits in a node's row: betweenness, effective size, the five figures,
# the community. (Degree stays: anyone can count a member's ties in the picture.)
ANALYSIS_IN_ROW = slice(8, 16)
WITHOUT_FIGURES = [0, 0, "", "", "", "", "", 0]  # what stands there without figures


def _node_row_parts(node: dict[str, Any], with_figures: bool) -> tuple[str, str]:
    """A node's row around its sector and role numbers: "id,label" and the JSON of its
    shape, place, degree and analysis up to its community (blank without figures)."""
    measured = [int(node["external"]), node["x"], node["y"], node["degree"]]
    measured.extend([node["betweenness"], node["effective_size"], *node["figures"],
                     node["community"]] if with_figures else WITHOUT_FIGURES)
    return _items([node["id"], node["label"]]), _items(measured)


def _svg(view: NetworkView, key: tuple[str, ...], nodes: list[dict[str, Any]], shape: _Shape,
         nc: PageHelpers) -> Markup:
    """The static picture of the graph: same positions, colours and line styles. Its
    drawing is the same in every language that names the members alike (and in the
    same languages): made once."""
    if not nodes:
        return Markup("")
    labels = tuple((node["label"], node["lang"]) for node in nodes)
    drawn = view._drawings.get((key, labels))
    if drawn is None:
        index = {node["id"]: n for n, node in enumerate(nodes)}
        drawn = drawing(
            tuple(SvgNode(node["label"], node["x"], node["y"], SECTOR_COLORS[node["sector"]],
                          node["external"], node["degree"], node["lang"]) for node in nodes),
            tuple(SvgEdge(index[a], index[b], shape.types[kind], strength, directed)
                  for a, b, kind, strength, directed in shape.edges))
        if len(view._drawings) >= SVG_CACHE_SIZE:
            del view._drawings[next(iter(view._drawings))]
        view._drawings[(key, labels)] = drawn
    return labelled_svg(drawn, nc.t("graph.static_label"))


def _type_label(site: Site, name: str, nc: PageHelpers) -> str:
    declared = site.ties.types.get(name)
    if declared:
        return nc.text(declared.label)
    return name or nc.t("tie.untyped")


def _node(view: NetworkView, row: MemberFigures, nc: PageHelpers) -> dict[str, Any]:
    """A member's node fields; the same on every page of a language except for its URL.

    Member pages show a member in the ego graph of each of its neighbours, so the fields
    (five formatted figures) are made once per language and reused, replaying what
    making them read so that each page still records its dependencies.
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
    """Everything a node needs but its URL. Numbers are network.json's (4 decimals);
    the layout is rounded to whole pixels, which is all a screen shows."""
    member = row.member
    label = nc.text(member.name)
    return {
        "id": member.id, "label": label, "lang": foreign_language(label), "sector": member.sector,
        "role": member.role, "external": member.external,
        "x": round(row.result.x), "y": round(row.result.y), "degree": row.degree,
        "community": row.result.community,
        "betweenness": _short(rounded(row.betweenness)),
        "effective_size": _short(rounded(row.effective_size or 0)),
        "figures": list(row.texts(nc)),
    }


def _short(value: float) -> float | int:
    """A whole number without its '.0': two bytes less per number in the page."""
    return int(value) if value.is_integer() else value


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
            "not_found": nc.t("graph.not_found"),
            **{key: nc.t(f"graph.{key}") for key in (
                "match_one", "match_many", "link_copied", "copy_failed", "community",
                "no_group")}}
