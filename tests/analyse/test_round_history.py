"""What changed since the previous 6D round, and the trust factors across rounds, against
hand-computed values."""

from __future__ import annotations

from fractions import Fraction

import pytest

from generator.analyse.evaluation import (
    TRUST_FACTORS,
    ResponseInput,
    RoundInput,
    RoundSummary,
    sort_rounds,
    summarise_dimension,
    summarise_round,
)
from generator.analyse.round_history import (
    SAME_MEAN_WITHIN,
    SAME_SHARE_WITHIN,
    FigureChange,
    TrustPoint,
    changes_between_rounds,
    compare_rounds,
    direction,
    exact_mean,
    rounds_asking_trust,
    trust_trend,
)


def answer(trust: tuple[str, ...] = (), **scores: int) -> ResponseInput:
    return ResponseInput(scores=scores, trust=trust)


def round_of(identifier: str, date: str, *responses: ResponseInput) -> RoundSummary:
    return summarise_round(RoundInput(identifier, date, list(responses)))


# Autumn: 4 respondents (few), all of whom named a trust factor; documentation unanswered.
# Debate 3, 3, 4, 2 (mean 3); dialogue 2, 2, 2, 2 (mean 2);
# deal 3, 3, 3, 4 (mean 13/4 = 3.25). Honesty 2 of 4, openness 1 of 4, respect 4 of 4.
AUTUMN = round_of(
    "autumn", "2023-10-12",
    answer(("honesty", "respect"), debate=3, dialogue=2, deal=3),
    answer(("honesty", "respect"), debate=3, dialogue=2, deal=3),
    answer(("openness", "respect"), debate=4, dialogue=2, deal=3),
    answer(("respect",), debate=2, dialogue=2, deal=4),
)
# Spring: 5 respondents. Debate 4 × 5 (mean 4: up by 1); dialogue 2, 2, 2, 2, 3 (mean 2.2:
# up by exactly 0.2); deal 3, 3, 3, 3, 4 (mean 3.2: 0.05 down, the same); documentation
# 1, 2, 3 (mean 2: new). Honesty 3 of 5 (60 %: up from 50 %), openness 1 of 5 (20 %:
# down by exactly 5 percentage points, a change), respect 2 of 5 (40 %: down from 100 %).
SPRING = round_of(
    "spring", "2024-04-03",
    answer(("honesty", "respect"), debate=4, dialogue=2, deal=3, documentation=1),
    answer(("honesty",), debate=4, dialogue=2, deal=3, documentation=2),
    answer(("honesty",), debate=4, dialogue=2, deal=3, documentation=3),
    answer(("openness", "respect"), debate=4, dialogue=2, deal=3),
    answer(("listening",), debate=4, dialogue=3, deal=4),
)
# Winter: 3 respondents, trust not asked, documentation missing again; debate 4, 4, 5.
WINTER = round_of(
    "winter", "2024-12",
    answer(debate=4), answer(debate=4), answer(debate=5, dialogue=1),
)


def test_the_first_round_has_nothing_to_compare() -> None:
    change = compare_rounds(None, AUTUMN)
    assert change.first and change.previous_id is None
    assert change.dimensions == () and change.trust_factors == ()
    assert (change.respondents, change.trust) == (4, "neither")
    assert changes_between_rounds([AUTUMN]) == {"autumn": change}


def test_two_rounds_each_dimension_before_and_after() -> None:
    change = compare_rounds(AUTUMN, SPRING)
    assert not change.first and change.previous_id == "autumn"
    assert (change.previous_respondents, change.respondents, change.respondents_change) == (
        4, 5, 1)
    assert change.previous_few_respondents  # four respondents
    assert change.dimensions == (
        FigureChange("debate", "up", 3.0, 4.0),
        FigureChange("dialogue", "up", 2.0, 2.2),
        FigureChange("deal", "same", 3.25, 3.2),
        FigureChange("documentation", "new", None, 2.0),
    )
    assert change.dimensions_new == ("documentation",)
    assert change.dimensions_missing == ()


def test_a_change_of_exactly_the_threshold_is_a_change() -> None:
    # 2.2 - 2.0 is 0.2000000000000002 in floating point and 3.4 - 3.2 is
    # 0.19999999999999973: judged on exact fractions both are 1/5, a change.
    assert 3.4 - 3.2 < 0.2
    assert direction(Fraction(16, 5), Fraction(17, 5), SAME_MEAN_WITHIN) == "up"
    assert direction(Fraction(17, 5), Fraction(16, 5), SAME_MEAN_WITHIN) == "down"
    assert direction(Fraction(16, 5), Fraction(16, 5) + Fraction(199, 1000),
                     SAME_MEAN_WITHIN) == "same"
    assert direction(Fraction(1, 2), Fraction(11, 20), SAME_SHARE_WITHIN) == "up"
    assert direction(Fraction(1, 2), Fraction(54, 100), SAME_SHARE_WITHIN) == "same"
    assert direction(None, None, SAME_MEAN_WITHIN) is None
    summary = summarise_dimension("deal", [3, 3, 3, 4, 3])
    assert exact_mean(summary) == Fraction(16, 5)


def test_two_rounds_each_trust_factor_before_and_after() -> None:
    change = compare_rounds(AUTUMN, SPRING)
    assert change.trust == "both"
    factors = {item.key: item for item in change.trust_factors}
    assert list(factors) == list(TRUST_FACTORS)
    assert factors["honesty"] == FigureChange("honesty", "up", 0.5, 0.6)
    assert factors["openness"] == FigureChange("openness", "down", 0.25, 0.2)  # exactly 5 pp
    assert factors["respect"] == FigureChange("respect", "down", 1.0, 0.4)
    assert factors["listening"] == FigureChange("listening", "up", 0.0, 0.2)
    assert factors["compassion"] == FigureChange("compassion", "same", 0.0, 0.0)


def test_three_rounds_in_date_order_a_dimension_missing_and_trust_not_asked() -> None:
    ordered = sort_rounds([WINTER, AUTUMN, SPRING])
    changes = changes_between_rounds(ordered)
    assert list(changes) == ["autumn", "spring", "winter"]
    assert changes["spring"].previous_id == "autumn"
    winter = changes["winter"]
    assert winter.previous_id == "spring"
    assert (winter.previous_respondents, winter.respondents, winter.respondents_change) == (
        5, 3, -2)
    debate, *others = winter.dimensions
    assert (debate.key, debate.direction, debate.before) == ("debate", "up", 4.0)
    assert debate.after == pytest.approx(13 / 3)  # 4, 4, 5: up by 1/3
    assert others == [
        FigureChange("dialogue", "down", 2.2, 1.0),
        FigureChange("deal", "missing", 3.2, None),
        FigureChange("documentation", "missing", 2.0, None),
    ]
    assert winter.dimensions_missing == ("deal", "documentation")
    assert winter.trust == "missing" and winter.trust_factors == ()
    assert winter.previous_few_respondents is False
    assert compare_rounds(WINTER, SPRING).previous_few_respondents is True


def test_trust_asked_only_now_or_in_neither_round() -> None:
    assert compare_rounds(WINTER, SPRING).trust == "new"
    assert compare_rounds(WINTER, WINTER).trust == "neither"
    assert compare_rounds(WINTER, SPRING).trust_factors == ()


def test_trust_across_rounds_with_a_gap_where_it_was_not_asked() -> None:
    ordered = sort_rounds([WINTER, SPRING, AUTUMN])
    series = trust_trend(ordered)
    assert list(series) == list(TRUST_FACTORS)
    assert series["honesty"] == [TrustPoint("autumn", 0.5, 2, 4),
                                 TrustPoint("spring", 0.6, 3, 5),
                                 TrustPoint("winter", None, 0, 0)]
    assert series["respect"][:2] == [TrustPoint("autumn", 1.0, 4, 4),
                                     TrustPoint("spring", 0.4, 2, 5)]
    assert rounds_asking_trust(ordered) == 2
    assert trust_trend([]) == {factor: [] for factor in TRUST_FACTORS}


def test_one_round_only() -> None:
    assert trust_trend([AUTUMN])["openness"] == [TrustPoint("autumn", 0.25, 1, 4)]
    assert rounds_asking_trust([AUTUMN]) == 1
    assert changes_between_rounds([]) == {}
