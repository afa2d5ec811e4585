"""Feed one profile's members and ties to the network analysis.

The graph covers current members (external ones included); former members and
ties to them stay out, as CONTENT-FORMAT.md says.
"""

from __future__ import annotations

from pathlib import Path

from generator.analyse.cache import cached_analysis
from generator.analyse.results import NetworkAnalysis, NodeInput, TieInput
from generator.model.site import Site


def graph_inputs(site: Site) -> tuple[list[NodeInput], list[TieInput]]:
    language = site.default_language
    current = {i: m for i, m in site.members.items() if m.is_current}
    nodes = [NodeInput(i, m.name.get(language, language), m.sector, m.role, m.kind, m.external)
             for i, m in current.items()]
    ties = []
    for tie in site.ties.ties:
        first, second = tie.ends  # once: every attribute read of a model goes through deps
        if first in current and second in current:
            ties.append(TieInput(first, second, tie.directed, tie.strength, tie.type or ""))
    return nodes, ties


def analyse_site_graph(site: Site, cache_dir: Path | None) -> NetworkAnalysis:
    return analyse_graph(*graph_inputs(site), cache_dir)


def analyse_graph(nodes: list[NodeInput], ties: list[TieInput],
                  cache_dir: Path | None) -> NetworkAnalysis:
    """The analysis of a graph, from `cache_dir` (analyses and layouts) when it holds one."""
    def compute() -> NetworkAnalysis:
        from generator.analyse.network import analyse_network  # networkx: only when computing

        return analyse_network(nodes, ties, layout_cache=cache_dir)

    return cached_analysis(nodes, ties, cache_dir, compute)
