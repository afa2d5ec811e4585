"""Small builders for analysis tests."""

from __future__ import annotations

from generator.analyse.graph import NodeInput, TieInput


def node(node_id: str, sector: str = "education") -> NodeInput:
    return NodeInput(node_id, node_id.upper(), sector, "partner", "organisation", False)


def tie(
    a: str, b: str, *, directed: bool = False, strength: int = 3, kind: str = "referral"
) -> TieInput:
    return TieInput(a, b, directed, strength, kind)


def undirected(*pairs: str, strength: int = 3) -> list[TieInput]:
    """Ties from strings like "ab" (single-letter ids)."""
    return [tie(p[0], p[1], strength=strength) for p in pairs]


def nodes(ids: str, sector: str = "education") -> list[NodeInput]:
    return [node(i, sector) for i in ids]
