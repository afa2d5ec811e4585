"""The analysis cache: the same graph gives the same analysis, recomputed only when it changes."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse.cache import cached_analysis, graph_key, note_entry, stored_analysis
from generator.analyse.graph import NodeInput, TieInput
from generator.analyse.network import NetworkAnalysis, analyse_network
from generator.render.site import analysis_fingerprint

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


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=14).flatmap(lambda count: st.tuples(
    st.just(count),
    st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1), st.booleans(),
                       st.integers(1, 5), st.sampled_from(["", "info", "funding"])),
             max_size=30),
    st.lists(st.sampled_from(["education", "ngo", "business"]), min_size=count,
             max_size=count))))
def test_an_entry_read_back_is_the_analysis_written(graph: tuple[int, list, list]) -> None:
    """The page caches take an analysis read from its entry for the one computed when the
    entry was written (their fingerprint is the entry's: model/derivation.py)."""
    count, links, sectors = graph
    nodes = [NodeInput(f"m{n}", f"Member {n}", sectors[n], "core", "organisation", n == 0)
             for n in range(count)]
    ties = [TieInput(f"m{a}", f"m{b}", directed, strength, kind)
            for a, b, directed, strength, kind in links if a != b]
    with tempfile.TemporaryDirectory() as folder:
        computed = cached_analysis(nodes, ties, Path(folder), lambda: analyse_network(nodes, ties))
        assert stored_analysis(nodes, ties, Path(folder)) == computed


def test_an_analysis_read_back_has_the_fingerprint_of_the_one_written(tmp_path: Path) -> None:
    computed = cached_analysis(NODES, TIES, tmp_path, lambda: analyse_network(NODES, TIES))
    note_entry(computed, NODES, TIES, tmp_path)
    renamed = [dataclasses.replace(n, name="Alfa") if n.id == "a" else n for n in NODES]
    read_back = stored_analysis(renamed, TIES, tmp_path)
    assert read_back is not None and read_back is not computed
    assert analysis_fingerprint(read_back) == analysis_fingerprint(computed)
    other = cached_analysis(NODES, TIES[:2], tmp_path, lambda: analyse_network(NODES, TIES[:2]))
    note_entry(other, NODES, TIES[:2], tmp_path)
    assert analysis_fingerprint(other) != analysis_fingerprint(computed)
