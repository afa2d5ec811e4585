"""Communities: groups of members with more ties among themselves than to the rest.

Found with the Louvain method (networkx ``louvain_communities``), which weighs each
tie by its strength. The method starts from a random order, so a fixed seed makes
every build find the same groups. Numbered from 0, largest group first (ties by
the smallest member id); an isolated member is a community of its own.
"""

from __future__ import annotations

import networkx as nx

COMMUNITY_SEED = 20110101


def communities(graph: nx.Graph) -> dict[str, int]:
    """Each member's community number."""
    if graph.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(graph, weight="strength", seed=COMMUNITY_SEED)
    groups = sorted((sorted(map(str, group)) for group in found),
                    key=lambda ids: (-len(ids), ids[0]))
    return {member: number for number, ids in enumerate(groups) for member in ids}
