"""One member and its figures from the network analysis: a row of the network page's
table, a node of the graphs, a name in the network page's reading."""

from __future__ import annotations

from dataclasses import dataclass

from generator.analyse.results import NodeResult
from generator.model.schema import Member


@dataclass(frozen=True)
class MemberFigures:
    """One member and its figures from the analysis."""

    member: Member
    result: NodeResult

    @property
    def degree(self) -> int:
        return self.result.degree

    @property
    def betweenness(self) -> float:
        return self.result.betweenness

    @property
    def constraint(self) -> float | None:
        return self.result.constraint

    @property
    def effective_size(self) -> float | None:
        return self.result.effective_size

    @property
    def brokerage(self) -> dict[str, int]:
        return self.result.brokerage.as_dict()

    @property
    def brokerage_total(self) -> int:
        return self.result.brokerage.total

    @property
    def holes(self) -> tuple[tuple[str, str], ...]:
        return self.result.holes
