"""The what-ifs (analyse/what_if.py) on small hand-made graphs, with exact results: who
would be cut off and which pairs would drift apart if a key broker left, and which
missing ties would close the largest structural holes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.analyse import what_if
from generator.analyse.cache import cached_analysis, stored_analysis
from generator.analyse.network import analyse_network
from generator.analyse.results import Departure, Drift, NetworkAnalysis
from generator.analyse.what_if import Shared, SuggestedTie, key_brokers, suggested_ties
from tests.analyse.analysis_builders import nodes, tie, undirected


def analysis(ids: str, *pairs: str) -> NetworkAnalysis:
    """The analysis of members with one-letter ids and ties like "ab"."""
    return analyse_network(nodes(ids), undirected(*pairs))


def service(name: str) -> Shared:
    return Shared("service", name)


def area(name: str) -> Shared:
    return Shared("area", name)


PATH = analysis("abcde", "ab", "bc", "cd", "de")
STAR = analysis("habc", "ha", "hb", "hc")
# two triangles (a b c) and (d e f), joined through x alone
BRIDGED = analysis("abcdefx", "ab", "bc", "ac", "de", "ef", "df", "ax", "dx")
CYCLE = analysis("abcdef", "ab", "bc", "cd", "de", "ef", "af")


def test_the_key_brokers_are_the_three_of_highest_betweenness_above_zero_by_id() -> None:
    assert [r.id for r in key_brokers(PATH)] == ["c", "b", "d"]  # b and d equal: by id
    assert [r.id for r in key_brokers(STAR)] == ["h"]  # the leaves broker nothing
    assert [r.id for r in key_brokers(BRIDGED)] == ["x", "a", "d"]
    assert key_brokers(analysis("abc", "ab", "bc", "ac")) == []  # a triangle: nobody between


def test_a_path_falls_in_two_at_each_inner_member() -> None:
    assert PATH.departures == (
        Departure("c", 2, (("d", "e"),), 0, ()),  # two equal halves: the first by id stays
        Departure("b", 3, (("a",),), 0, ()),
        Departure("d", 3, (("e",),), 0, ()),
    )


def test_without_the_hub_of_a_star_every_leaf_is_alone() -> None:
    (hub,) = STAR.departures
    assert hub == Departure("h", 1, (("b",), ("c",)), 0, ())
    assert hub.cut_off_count == 2


def test_two_groups_joined_by_one_broker_fall_apart_without_it() -> None:
    broker, first_side, second_side = BRIDGED.departures
    assert broker == Departure("x", 3, (("d", "e", "f"),), 0, ())
    assert first_side == Departure("a", 4, (("b", "c"),), 0, ())
    assert second_side == Departure("d", 4, (("e", "f"),), 0, ())


def test_in_a_ring_nobody_is_cut_off_but_the_broker_s_neighbours_drift_apart() -> None:
    first = CYCLE.departures[0]
    assert first == Departure("a", 5, (), 1, (Drift("b", "f", 2, 4),))
    assert first.drift[0].increase == 2


def test_pairs_drifting_apart_are_listed_biggest_increase_first_at_most_five() -> None:
    # a ring of 9: without a, the pairs around it drift apart by different amounts
    ring = analysis("abcdefghi", "ab", "bc", "cd", "de", "ef", "fg", "gh", "hi", "ai")
    first = ring.departures[0]
    assert first.member == "a" and first.cut_off == ()
    assert first.drifted == 6  # (b,i) 2→7, (b,h) 3→6, (c,i) 3→6, (b,g) 4→5, (c,h) 4→5, (d,i) 4→5
    assert [(d.first, d.second, d.before, d.after) for d in first.drift] == [
        ("b", "i", 2, 7), ("b", "h", 3, 6), ("c", "i", 3, 6), ("b", "g", 4, 5), ("c", "h", 4, 5)]


def test_a_large_part_compares_the_pairs_among_the_broker_s_first_contacts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(what_if, "ALL_PAIRS_MAX_MEMBERS", 3)
    monkeypatch.setattr(what_if, "CONTACTS_COMPARED_MAX", 3)
    # a wheel: h is tied to a b c d, which form a ring; a and c are two steps apart by it
    wheel = analysis("abcdh", "ha", "hb", "hc", "hd", "ab", "bc", "cd", "ad")
    graph = what_if.adjacency(wheel)
    departure = what_if.departure(graph, "h", "abcdh")
    # its first three contacts: a b c; a–c stay two steps apart (through b or d)
    assert departure == Departure("h", 4, (), 0, (), contacts_compared=3)
    star_ring = what_if.departure(what_if.adjacency(CYCLE), "a", "abcdef")
    assert star_ring == Departure("a", 5, (), 1, (Drift("b", "f", 2, 4),), contacts_compared=2)


def test_isolated_members_and_a_network_without_ties_or_brokers_have_no_departure() -> None:
    with_isolated = analysis("abcz", "ab", "bc")
    assert with_isolated.departures == (Departure("b", 1, (("c",),), 0, ()),)
    assert analysis("abc").departures == ()
    assert analysis("abc", "ab", "bc", "ac").departures == ()


def test_the_departures_do_not_depend_on_the_order_of_the_input() -> None:
    members, ties = nodes("abcdefx"), undirected("ab", "bc", "ac", "de", "ef", "df", "ax", "dx")
    shuffled = random.Random(4)
    for _ in range(5):
        shuffled.shuffle(members)
        shuffled.shuffle(ties)
        assert analyse_network(members, ties).departures == BRIDGED.departures


def test_one_way_ties_count_both_ways() -> None:
    directed = analyse_network(nodes("abc"), [tie("a", "b", directed=True),
                                              tie("c", "b", directed=True)])
    assert directed.departures == (Departure("b", 1, (("c",),), 0, ()),)


def test_the_departures_are_kept_in_the_analysis_cache(tmp_path: Path) -> None:
    members, ties = nodes("abcdef"), undirected("ab", "bc", "cd", "de", "ef", "af")
    computed = cached_analysis(members, ties, tmp_path, lambda: analyse_network(members, ties))
    assert computed.departures == CYCLE.departures
    stored = stored_analysis(members, ties, tmp_path)
    assert stored is not None and stored.departures == computed.departures


def test_members_sharing_nothing_get_no_suggested_tie() -> None:
    assert suggested_ties(PATH, {}).ties == ()
    apart = {service("x"): ["a"], service("y"): ["e"], area("z"): ["c"]}
    assert suggested_ties(PATH, apart).ties == ()


def test_members_already_tied_are_not_suggested() -> None:
    assert suggested_ties(PATH, {service("x"): ["a", "b"]}).ties == ()


def test_a_pair_in_separate_parts_comes_first_then_other_communities_then_distance() -> None:
    network = analysis("abcdefxz", "ab", "bc", "ac", "de", "ef", "df", "ax", "dx")
    assert network.result("b").community != network.result("e").community
    holders = {service("guidance"): ["b", "e", "z"], area("advice"): ["b", "c"],
               area("jobs"): ["b", "e"]}
    assert suggested_ties(network, holders).ties == (
        SuggestedTie("b", "z", (service("guidance"),), "components", None),
        SuggestedTie("e", "z", (service("guidance"),), "components", None),
        # b – a – x – d – e: four steps, across the two triangles' communities
        SuggestedTie("b", "e", (service("guidance"), area("jobs")), "communities", 4),
    )  # b and c are tied already


def test_further_apart_comes_first_then_sharing_more() -> None:
    assert {r.id: r.community for r in PATH.results} == {"a": 1, "b": 1, "c": 0, "d": 0, "e": 0}
    holders = {service("s"): ["a", "c", "e"], area("t"): ["c", "e"]}
    assert [(t.first, t.second, t.apart, t.distance)
            for t in suggested_ties(PATH, holders).ties] == [
        ("a", "e", "communities", 4), ("a", "c", "communities", 2), ("c", "e", "community", 2)]
    wheel = analysis("habcd", "ha", "hb", "hc", "hd")  # the leaves: one community, 2 apart
    assert len({r.community for r in wheel.results}) == 1
    holders = {service("s"): ["a", "b", "c"], area("t"): ["b", "c"]}
    assert [(t.first, t.second, len(t.shared)) for t in suggested_ties(wheel, holders).ties] == [
        ("b", "c", 2), ("a", "b", 1), ("a", "c", 1)]


def test_a_member_is_in_at_most_two_suggested_ties() -> None:
    members = analysis("abcdz", "ab", "bc", "cd")
    holders = {service("s"): ["a", "b", "c", "d", "z"]}
    suggested = suggested_ties(members, holders).ties
    # c–z, d–z (z has two already) and a–c (a has two) are left out
    assert [(t.first, t.second) for t in suggested] == [("a", "z"), ("b", "z"), ("a", "d"),
                                                        ("b", "d")]


def test_a_service_too_many_share_suggests_nothing_and_is_named(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(what_if, "HOLDERS_MAX", 2)
    holders = {service("everyone"): ["a", "c", "e"], service("two"): ["a", "e"],
               area("gone"): ["a", "former-member"]}
    suggested = suggested_ties(PATH, holders)
    assert suggested.too_common == (service("everyone"),)
    assert suggested.ties == (SuggestedTie("a", "e", (service("two"),), "communities", 4),)


def test_the_distance_search_budget_bounds_the_pairs_ranked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(what_if, "SEARCHES_MAX", 1)
    holders = {service("s"): ["a", "c", "e"]}
    # a is searched (a–c, a–e); the pair c–e would need a second search
    assert [(t.first, t.second) for t in suggested_ties(PATH, holders).ties] == [
        ("a", "e"), ("a", "c")]
