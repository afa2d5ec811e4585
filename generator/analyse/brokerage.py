"""Gould–Fernandez brokerage roles, counted exactly as R's ``sna::brokerage`` does.

Reference: sna's C routine ``brokerage_R`` (src/gli.c, Carter T. Butts). For
every ordered two-path a→v→b with a ≠ b, a ≠ v ≠ b and *no* arc a→b, the broker
v scores one role, chosen by the groups (here: sectors) of a, v and b:

==============  ======  ==========================  ==================
role            sna     groups                      two-path
==============  ======  ==========================  ==================
coordinator     w_I     a, v, b all in one group     A → A → A
consultant      w_O     a and b share a group, v not A → B → A  ("itinerant broker")
representative  b_IO    a and v share a group, b not A → A → B  (v speaks for its group)
gatekeeper      b_OI    v and b share a group, a not A → B → B  (v controls entry to its group)
liaison         b_O     all three differ             A → B → C
==============  ======  ==========================  ==================

The sna C code tests ``cl[v]==cl[a]`` first (coordinator/representative), then
``cl[v]==cl[b]`` (gatekeeper), then ``cl[a]==cl[b]`` (itinerant), else liaison,
which is the table above. (sna's .Rd text describes b_IO/b_OI in words that
read the other way round; the C code and its raw.nli output are what count.)

No Python library offers this. Instead of walking in-neighbours × out-neighbours
pair by pair (quadratic in a hub's degree), each broker's counts come from group
tallies of its in- and out-neighbours, minus the pairs that are not brokered:
a = b, and a→b already tied. The latter are found by set intersection, so the
cost is about the number of closed two-paths, not the square of the degree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import networkx as nx

ROLES: tuple[str, ...] = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


def classify(group_a: str, group_v: str, group_b: str) -> str:
    """The role of broker v on the open two-path a→v→b, in sna's order of tests."""
    if group_a == group_v:
        return "coordinator" if group_v == group_b else "representative"
    if group_v == group_b:
        return "gatekeeper"
    if group_a == group_b:
        return "consultant"
    return "liaison"


def _all_pair_counts(group_v: str, into: Counter[str], out: Counter[str]) -> dict[str, int]:
    """Role counts over every (a, b) in in-neighbours × out-neighbours, closed or not."""
    in_same, out_same = into[group_v], out[group_v]
    in_other = sum(into.values()) - in_same
    out_other = sum(out.values()) - out_same
    consultant = sum(count * out[group] for group, count in into.items() if group != group_v)
    return {
        "coordinator": in_same * out_same,
        "representative": in_same * out_other,
        "gatekeeper": in_other * out_same,
        "consultant": consultant,
        "liaison": in_other * out_other - consultant,
    }


def broker_roles(graph: nx.DiGraph, node: str, groups: Mapping[str, str]) -> dict[str, int]:
    """The five role counts of one broker ``node`` in ``graph``."""
    predecessors = set(graph.predecessors(node)) - {node}
    successors = set(graph.successors(node)) - {node}
    group_v = groups[node]
    counts = _all_pair_counts(
        group_v,
        Counter(groups[a] for a in predecessors),
        Counter(groups[b] for b in successors),
    )
    for a in predecessors & successors:  # a→v→a is not a two-path between two others
        counts[classify(groups[a], group_v, groups[a])] -= 1
    adjacency = graph.succ
    for a in predecessors:
        # a→b already tied: nothing to broker. (A set's intersection with the view: the
        # view's own `keys() &` takes collections.abc's slow path, 1.2 s at 10,000.)
        for b in successors.intersection(adjacency[a]):
            if b != a:
                counts[classify(groups[a], group_v, groups[b])] -= 1
    return {role: counts[role] for role in ROLES}


def brokerage(graph: nx.DiGraph, groups: Mapping[str, str]) -> dict[str, dict[str, int]]:
    """Role counts for every node of ``graph``; ``groups`` maps node id to group (sector)."""
    return {node: broker_roles(graph, node, groups) for node in sorted(graph.nodes)}
