"""The analysis cache: the same graph gives the same analysis, recomputed only when it changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.analyse.cache import cached_analysis, graph_key
from generator.analyse.graph import NodeInput, TieInput
from generator.analyse.network import NetworkAnalysis, analyse_network

NODES = [NodeInput(i, i.upper(), sector, "core", "organisation", i == "e")
         for i, sector in (("a", "education"), ("b", "education"), ("c", "employment"),
                           ("d", "ngo"), ("e", "other"))]
TIES = [TieInput("a", "b", False, 4, "referral"), TieInput("b", "c", False, 2, "info"),
        TieInput("c", "d", True, 5, "funding"), TieInput("d", "a", False, 3, "info")]


def analyse(nodes: list[NodeInput], cache: Path, calls: list[int]) -> NetworkAnalysis:
    def compute() -> NetworkAnalysis:
        calls.append(1)
        return analyse_network(nodes, TIES)

    return cached_analysis(nodes, TIES, cache, compute)


def test_reused_when_the_graph_is_unchanged(tmp_path: Path) -> None:
    calls: list[int] = []
    first = analyse(NODES, tmp_path, calls)
    second = analyse(NODES, tmp_path, calls)
    assert calls == [1]
    assert second == first
    assert second.result("c").brokerage == first.result("c").brokerage


def test_a_rename_reuses_the_figures_with_the_new_name(tmp_path: Path) -> None:
    calls: list[int] = []
    analyse(NODES, tmp_path, calls)
    renamed = [dataclasses.replace(n, name="Alfa") if n.id == "a" else n for n in NODES]
    again = analyse(renamed, tmp_path, calls)
    assert calls == [1]
    assert again.result("a").name == "Alfa"
    assert again == analyse_network(renamed, TIES)


def test_a_graph_change_recomputes(tmp_path: Path) -> None:
    changed = [dataclasses.replace(n, sector="ngo") if n.id == "a" else n for n in NODES]
    assert graph_key(changed, TIES) != graph_key(NODES, TIES)
    calls: list[int] = []
    analyse(NODES, tmp_path, calls)
    analyse(changed, tmp_path, calls)
    assert calls == [1, 1]


def test_a_damaged_entry_is_recomputed(tmp_path: Path) -> None:
    calls: list[int] = []
    analyse(NODES, tmp_path, calls)
    for entry in tmp_path.glob("analysis-*.json"):
        entry.write_text('{"metrics": ')
    assert analyse(NODES, tmp_path, calls) == analyse_network(NODES, TIES)
    assert calls == [1, 1]


def test_the_exports_key_follows_what_the_files_are_made_of() -> None:
    """Export files are kept under a key of the code, the profile, the inputs (names
    included) and the positions: an equal analysis finds them, any of these changed does not."""
    from generator.analyse.profiles import exports_key

    analysis = analyse_network(NODES, TIES)
    key = exports_key("code", "public", analysis)
    assert exports_key("code", "public", analyse_network(list(reversed(NODES)), TIES)) == key
    renamed = [dataclasses.replace(n, name="Alfa") if n.id == "a" else n for n in NODES]
    moved = dataclasses.replace(analysis, results=tuple(
        dataclasses.replace(r, x=r.x + 1) if r.id == "a" else r for r in analysis.results))
    assert len({key, exports_key("other code", "public", analysis),
                exports_key("code", "workbook", analysis),
                exports_key("code", "public", analyse_network(renamed, TIES)),
                exports_key("code", "public", analyse_network(NODES, TIES[1:])),
                exports_key("code", "public", moved)}) == 6
