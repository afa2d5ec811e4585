"""Aggregates of 6D evaluation rounds: scores and trust factors.

Pure functions over plain input types, so the content model can feed them
without this module knowing how evaluations are loaded or validated. The results
are numbers, the same in every language: the texts of a round (its title, comments
and reflections) are content, which the pages take from the model.
A dimension nobody answered has no mean (``None``), never a mean of 0.

Trust is asked as "which of these build trust?": a respondent who named no factor
did not answer it, and the shares are of those who did. A round where nobody named
one did not ask it (a spreadsheet without the trust column, a form without the
question): its shares are ``None``, "not asked", never 0 %. A factor that others
named and nobody chose has a true 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

DIMENSIONS: tuple[str, ...] = (
    "debate",
    "dialogue",
    "difference",
    "distinction",
    "deal",
    "documentation",
)

TRUST_FACTORS: tuple[str, ...] = (
    "honesty",
    "openness",
    "respect",
    "shared-goals",
    "doing-right",
    "listening",
    "compassion",
    "confidentiality",
)

# Share of respondents naming each factor as trust-building (Kosonen & Pikka 2002).
KOSONEN_PIKKA_SHARES: Mapping[str, float] = {
    "honesty": 0.58,
    "openness": 0.51,
    "respect": 0.41,
    "shared-goals": 0.38,
    "doing-right": 0.36,
    "listening": 0.33,
    "compassion": 0.22,
    "confidentiality": 0.15,
}

SCORES: tuple[int, ...] = (1, 2, 3, 4, 5)

# Below this many respondents a round's figures come with a caution: one answer more or
# less moves a mean of four by up to a whole point.
FEW_RESPONDENTS = 5


# --- input -----------------------------------------------------------------


@dataclass(frozen=True)
class ResponseInput:
    """One respondent's answers: dimension -> score 1..5 (missing or None: not answered)."""

    scores: Mapping[str, int | None]
    trust: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoundInput:
    """One evaluation round: its responses, and where it falls among the rounds."""

    id: str
    date_sort_key: str
    responses: Sequence[ResponseInput]


# --- output ----------------------------------------------------------------


@dataclass(frozen=True)
class DimensionSummary:
    """Answers to one dimension in one round.

    ``distribution[i]`` counts the answers with score ``i + 1``; ``shares[i]`` is
    that count divided by ``n``. With ``n == 0``, mean, median and shares are None.
    """

    dimension: str
    n: int
    mean: float | None
    median: float | None
    distribution: tuple[int, int, int, int, int]
    shares: tuple[float, float, float, float, float] | None


@dataclass(frozen=True)
class TrustSummary:
    """How many respondents named a trust factor; its share of the respondents who named
    any (None when nobody did: trust was not asked)."""

    factor: str
    count: int
    share: float | None


@dataclass(frozen=True)
class RoundSummary:
    """The figures of one round. Mappings keep the order of the constants above."""

    id: str
    date_sort_key: str
    respondents: int
    dimensions: Mapping[str, DimensionSummary]
    trust: Mapping[str, TrustSummary]
    trust_respondents: int = 0  # who named at least one trust factor

    @property
    def few_respondents(self) -> bool:
        """Whether the round had some respondents, but fewer than FEW_RESPONDENTS."""
        return 0 < self.respondents < FEW_RESPONDENTS

    @property
    def trust_asked(self) -> bool:
        """Whether the round asked about trust: someone named a factor."""
        return self.trust_respondents > 0

    def trust_shares(self) -> dict[str, float | None]:
        """Factor -> share of respondents, the shape ``trust_chart`` takes."""
        return {factor: summary.share for factor, summary in self.trust.items()}


class TrendPoint(NamedTuple):
    """One round's mean of one dimension, for a trend across rounds."""

    round_id: str
    mean: float | None
    n: int


# --- statistics ------------------------------------------------------------


def mean(values: Sequence[int]) -> float | None:
    """Arithmetic mean, or None for no values."""
    if not values:
        return None
    return sum(values) / len(values)


def median(values: Sequence[int]) -> float | None:
    """Middle value; of an even count the average of the two middle values. None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _check_score(dimension: str, score: object) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
        raise ValueError(f"score of {dimension!r} must be an integer 1–5, got {score!r}")
    return score


def _check_known(kind: str, keys: Iterable[str], known: tuple[str, ...]) -> None:
    unknown = sorted(set(keys) - set(known))
    if unknown:
        raise ValueError(f"unknown {kind}: {', '.join(unknown)}; expected one of {known}")


# --- aggregation -----------------------------------------------------------


def summarise_dimension(dimension: str, scores: Sequence[int]) -> DimensionSummary:
    """Summary of the given answers (1..5) to one dimension."""
    checked = [_check_score(dimension, score) for score in scores]
    n = len(checked)
    distribution = (
        checked.count(1),
        checked.count(2),
        checked.count(3),
        checked.count(4),
        checked.count(5),
    )
    shares = None if n == 0 else _shares(distribution, n)
    return DimensionSummary(
        dimension=dimension,
        n=n,
        mean=mean(checked),
        median=median(checked),
        distribution=distribution,
        shares=shares,
    )


def _shares(
    distribution: tuple[int, int, int, int, int], n: int
) -> tuple[float, float, float, float, float]:
    one, two, three, four, five = (count / n for count in distribution)
    return (one, two, three, four, five)


def answers_to(dimension: str, responses: Iterable[ResponseInput]) -> list[int]:
    """The scores given to one dimension, in input order, skipping missing answers."""
    answers = []
    for response in responses:
        score = response.scores.get(dimension)
        if score is not None:
            answers.append(_check_score(dimension, score))
    return answers


def trust_respondents(responses: Sequence[ResponseInput]) -> int:
    """How many respondents answered the trust question (named at least one factor)."""
    return sum(1 for response in responses if response.trust)


def summarise_trust(responses: Sequence[ResponseInput]) -> dict[str, TrustSummary]:
    """Per factor, how many respondents named it (a factor named twice counts once), and
    its share of those who named any."""
    answered = trust_respondents(responses)
    named = [set(response.trust) for response in responses]
    for factors in named:
        _check_known("trust factor", factors, TRUST_FACTORS)
    result = {}
    for factor in TRUST_FACTORS:
        count = sum(factor in factors for factors in named)
        share = count / answered if answered else None
        result[factor] = TrustSummary(factor=factor, count=count, share=share)
    return result


def summarise_round(round_input: RoundInput) -> RoundSummary:
    """All aggregates of one round."""
    responses = list(round_input.responses)
    for response in responses:
        _check_known("dimension", response.scores.keys(), DIMENSIONS)
    dimensions = {
        dimension: summarise_dimension(dimension, answers_to(dimension, responses))
        for dimension in DIMENSIONS
    }
    return RoundSummary(
        id=round_input.id,
        date_sort_key=round_input.date_sort_key,
        respondents=len(responses),
        dimensions=dimensions,
        trust=summarise_trust(responses),
        trust_respondents=trust_respondents(responses),
    )


def sort_rounds(rounds: Iterable[RoundSummary]) -> list[RoundSummary]:
    """Rounds in date order; rounds on the same date by id, so the order is stable."""
    return sorted(rounds, key=lambda summary: (summary.date_sort_key, summary.id))


def trend(rounds: Iterable[RoundInput | RoundSummary]) -> dict[str, list[TrendPoint]]:
    """Per dimension (in ``DIMENSIONS`` order), each round's mean and n, in date order."""
    summaries = sort_rounds(
        item if isinstance(item, RoundSummary) else summarise_round(item) for item in rounds
    )
    return {
        dimension: [
            TrendPoint(
                round_id=summary.id,
                mean=summary.dimensions[dimension].mean,
                n=summary.dimensions[dimension].n,
            )
            for summary in summaries
        ]
        for dimension in DIMENSIONS
    }
