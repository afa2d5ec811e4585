"""The 6D rounds over time: each trust factor across the rounds, and what changed in each
round since the previous one.

Pure functions over the rounds' summaries (``analyse.evaluation``), in date order. The
results are numbers and fixed words ("up", "same" …), the same in every language; the
pages say them in theirs.

A change is judged on exact values (fractions of the answers' counts), so a change of
exactly the threshold counts as a change whatever floating point would say: a dimension's
mean that moved less than ``SAME_MEAN_WITHIN`` points, or a trust factor's share that
moved less than ``SAME_SHARE_WITHIN``, stayed the same. At one decimal for a mean and
whole percents for a share, a change the pages call "up" or "down" always shows as two
different numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, NamedTuple

from generator.analyse.evaluation import (
    DIMENSIONS,
    TRUST_FACTORS,
    DimensionSummary,
    RoundSummary,
)

# A mean that moved less than this many points (on the scale 1–5) stayed the same.
SAME_MEAN_WITHIN = Fraction(1, 5)
# A share that moved less than this (5 percentage points) stayed the same.
SAME_SHARE_WITHIN = Fraction(1, 20)

Direction = Literal["up", "down", "same", "new", "missing"]
TrustComparison = Literal["both", "new", "missing", "neither"]


class TrustPoint(NamedTuple):
    """One round's share of one trust factor (None: the round did not ask about trust),
    how many named it, and of how many who named any."""

    round_id: str
    share: float | None
    named: int
    answered: int


@dataclass(frozen=True)
class FigureChange:
    """How one dimension's mean or one trust factor's share changed between two rounds.

    ``new``: no answers in the previous round, some in this one; ``missing``: the other
    way round. A figure that neither round has is left out of the comparison."""

    key: str
    direction: Direction
    before: float | None
    after: float | None


@dataclass(frozen=True)
class RoundChange:
    """What changed in one round since the previous round (in date order).

    The first round has no previous one: ``previous_id`` is None and the comparisons are
    empty."""

    round_id: str
    previous_id: str | None
    respondents: int
    previous_respondents: int
    previous_few_respondents: bool
    dimensions: tuple[FigureChange, ...]
    trust: TrustComparison
    trust_factors: tuple[FigureChange, ...]  # when both rounds asked about trust

    @property
    def first(self) -> bool:
        return self.previous_id is None

    @property
    def respondents_change(self) -> int:
        return self.respondents - self.previous_respondents

    @property
    def dimensions_new(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.dimensions if c.direction == "new")

    @property
    def dimensions_missing(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.dimensions if c.direction == "missing")


# --- exact values ------------------------------------------------------------


def exact_mean(summary: DimensionSummary) -> Fraction | None:
    """A dimension's mean as a fraction of its answers' counts (None: no answers)."""
    if summary.n == 0:
        return None
    total = sum(score * count for score, count in enumerate(summary.distribution, start=1))
    return Fraction(total, summary.n)


def exact_share(summary: RoundSummary, factor: str) -> Fraction | None:
    """A trust factor's share of those who named any (None: trust was not asked)."""
    if not summary.trust_asked:
        return None
    return Fraction(summary.trust[factor].count, summary.trust_respondents)


def direction(before: Fraction | None, after: Fraction | None,
              same_within: Fraction) -> Direction | None:
    """Up, down or the same (moved less than ``same_within``); new or missing when only
    one side has a value; None when neither has."""
    if before is None and after is None:
        return None
    if before is None:
        return "new"
    if after is None:
        return "missing"
    if abs(after - before) < same_within:
        return "same"
    return "up" if after > before else "down"


def _change(key: str, before: Fraction | None, after: Fraction | None,
            same_within: Fraction) -> FigureChange | None:
    moved = direction(before, after, same_within)
    if moved is None:
        return None
    return FigureChange(key, moved, None if before is None else float(before),
                        None if after is None else float(after))


# --- comparisons ---------------------------------------------------------------


def trust_comparison(previous: RoundSummary, current: RoundSummary) -> TrustComparison:
    """Whether both rounds asked about trust, only this one (new), only the previous one
    (missing), or neither."""
    if previous.trust_asked and current.trust_asked:
        return "both"
    if current.trust_asked:
        return "new"
    return "missing" if previous.trust_asked else "neither"


def compare_rounds(previous: RoundSummary | None, current: RoundSummary) -> RoundChange:
    """What changed in ``current`` since ``previous`` (None: ``current`` is the first)."""
    if previous is None:
        return RoundChange(current.id, None, current.respondents, 0, False, (), "neither", ())
    dimensions = [_change(d, exact_mean(previous.dimensions[d]),
                          exact_mean(current.dimensions[d]), SAME_MEAN_WITHIN)
                  for d in DIMENSIONS]
    trust = trust_comparison(previous, current)
    factors = [_change(f, exact_share(previous, f), exact_share(current, f), SAME_SHARE_WITHIN)
               for f in TRUST_FACTORS] if trust == "both" else []
    return RoundChange(
        round_id=current.id,
        previous_id=previous.id,
        respondents=current.respondents,
        previous_respondents=previous.respondents,
        previous_few_respondents=previous.few_respondents,
        dimensions=tuple(change for change in dimensions if change is not None),
        trust=trust,
        trust_factors=tuple(change for change in factors if change is not None),
    )


def changes_between_rounds(ordered: Sequence[RoundSummary]) -> dict[str, RoundChange]:
    """Each round's change since the one before it in ``ordered`` (date order), by id."""
    previous: RoundSummary | None = None
    changes = {}
    for summary in ordered:
        changes[summary.id] = compare_rounds(previous, summary)
        previous = summary
    return changes


def trust_trend(ordered: Sequence[RoundSummary]) -> dict[str, list[TrustPoint]]:
    """Per trust factor (in ``TRUST_FACTORS`` order), each round's share in the order
    given (date order)."""
    return {factor: [TrustPoint(summary.id, summary.trust[factor].share,
                                summary.trust[factor].count, summary.trust_respondents)
                     for summary in ordered]
            for factor in TRUST_FACTORS}


def rounds_asking_trust(ordered: Sequence[RoundSummary]) -> int:
    """How many of the rounds asked about trust."""
    return sum(1 for summary in ordered if summary.trust_asked)
