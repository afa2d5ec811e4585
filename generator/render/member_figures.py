"""One member and its figures from the network analysis: a row of the network page's
table, a node of the graphs, a name in the network page's reading."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.analyse.results import NodeResult
from generator.model.schema import Member

if TYPE_CHECKING:
    from generator.render.helpers import PageHelpers

# The five figures a member page and a graph's panel show, in their order.
FIGURE_NAMES = ("degree", "betweenness", "constraint", "effective_size", "brokerage")


@dataclass(frozen=True)
class MemberFigures:
    """One member and its figures from the analysis."""

    member: Member
    result: NodeResult
    # the figures as written in each language (a member's page and every graph it is in)
    _texts: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False,
                                               hash=False, repr=False)

    def texts(self, nc: PageHelpers) -> tuple[str, ...]:
        """The five figures as the page's language writes them (made once per language:
        they depend on the analysis, which the page records, and the language alone)."""
        written = self._texts.get(nc.language)
        if written is None:
            written = self._texts[nc.language] = (
                nc.num(self.degree, 0), nc.fixed(self.betweenness, 2),
                nc.fixed(self.constraint, 2), nc.fixed(self.effective_size, 1),
                nc.num(self.brokerage_total, 0))
        return written

    def rows(self, nc: PageHelpers) -> list[tuple[str, str, str]]:
        """(name, figure, explanation) of each of the five figures, in the page's language."""
        return [(nc.t(f"metrics.{key}.name"), text, nc.t(f"metrics.{key}.explain"))
                for key, text in zip(FIGURE_NAMES, self.texts(nc), strict=True)]

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
