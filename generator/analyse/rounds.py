"""The 6D evaluation rounds of one profile, summed up once per build for every page.

Each round's page shows its summary, and the evaluations page compares them all; both
take the results from here (`RoundsAnalysis`), with the sources that working them out
read, so that a page re-renders when a round it shows changes. The results hold no
text: they are the same in every language, and the pages format them.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.analyse.evaluation import (
    ResponseInput,
    RoundInput,
    RoundSummary,
    TrendPoint,
    sort_rounds,
    summarise_round,
    trend,
)
from generator.analyse.round_history import (
    RoundChange,
    TrustPoint,
    changes_between_rounds,
    trust_trend,
)
from generator.deps import Recorded, recorded
from generator.model.schema import DIMENSIONS, Evaluation
from generator.model.site import Site


@dataclass(frozen=True)
class RoundComparison:
    """The rounds side by side: their summaries in date order, each dimension's mean and
    each trust factor's share over them, and what changed in each round since the one
    before it (by the round's id)."""

    rounds: list[RoundSummary]
    trend: dict[str, list[TrendPoint]]
    trust_trend: dict[str, list[TrustPoint]]
    changes: dict[str, RoundChange]

    @property
    def latest(self) -> RoundSummary | None:
        return self.rounds[-1] if self.rounds else None


@dataclass(frozen=True)
class RoundsAnalysis:
    """Each round's summary by the round's id, and the comparison of all of them."""

    rounds: dict[str, Recorded[RoundSummary]]
    comparison: Recorded[RoundComparison]


def round_input(evaluation: Evaluation) -> RoundInput:
    responses = [ResponseInput(scores={d: r.score(d) for d in DIMENSIONS}, trust=tuple(r.trust))
                 for r in evaluation.responses]
    return RoundInput(evaluation.id, str(evaluation.date or ""), responses)


def analyse_rounds(site: Site) -> RoundsAnalysis:
    listing = recorded(lambda: list(site.evaluations.values()))
    rounds = {evaluation.id: _summary(evaluation) for evaluation in listing.value}
    summaries = [summary.value for summary in rounds.values()]
    ordered = sort_rounds(summaries)
    comparison = RoundComparison(ordered, trend(summaries), trust_trend(ordered),
                                 changes_between_rounds(ordered))
    reads = listing.reads.union(*(summary.reads for summary in rounds.values()))
    return RoundsAnalysis(rounds, Recorded(comparison, reads))


def _summary(evaluation: Evaluation) -> Recorded[RoundSummary]:
    return recorded(lambda: summarise_round(round_input(evaluation)))
