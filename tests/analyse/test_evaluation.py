"""6D aggregates against hand-computed values."""

from __future__ import annotations

import pytest

from generator.analyse.evaluation import (
    DIMENSIONS,
    KOSONEN_PIKKA_SHARES,
    TRUST_FACTORS,
    ResponseInput,
    RoundInput,
    TrendPoint,
    median,
    summarise_dimension,
    summarise_round,
    trend,
)


def response(trust: tuple[str, ...] = (), **scores: int | None) -> ResponseInput:
    return ResponseInput(scores=scores, trust=trust)


# Three respondents; some answers missing; distinction and documentation unanswered.
ROUND_A = RoundInput(
    id="2023-autumn",
    date_sort_key="2023-10-05",
    responses=[
        response(("honesty", "openness"), debate=5, dialogue=4, difference=3, distinction=None,
                 deal=2),
        response(("honesty",), debate=4, dialogue=4, difference=1, distinction=None, deal=2),
        response(("honesty", "honesty", "respect"), debate=2, difference=5, deal=5),
    ],
)

# Four respondents: even counts.
ROUND_B = RoundInput(
    id="2024-spring",
    date_sort_key="2024-05-02",
    responses=[
        response(debate=1, dialogue=1, difference=3),
        response(debate=2, dialogue=2, difference=4),
        response(debate=4, dialogue=2),
        response(debate=5, dialogue=5),
    ],
)

EMPTY_ROUND = RoundInput(id="2024-winter", date_sort_key="2024-01-15", responses=[])


def test_constants() -> None:
    assert DIMENSIONS == (
        "debate",
        "dialogue",
        "difference",
        "distinction",
        "deal",
        "documentation",
    )
    assert set(KOSONEN_PIKKA_SHARES) == set(TRUST_FACTORS)
    assert KOSONEN_PIKKA_SHARES["honesty"] == 0.58
    assert KOSONEN_PIKKA_SHARES["confidentiality"] == 0.15


def test_round_with_missing_answers() -> None:
    summary = summarise_round(ROUND_A)
    assert summary.id == "2023-autumn"
    assert summary.respondents == 3
    assert list(summary.dimensions) == list(DIMENSIONS)

    debate = summary.dimensions["debate"]
    assert debate.n == 3
    assert debate.mean == pytest.approx(11 / 3)
    assert debate.median == 4.0
    assert debate.distribution == (0, 1, 0, 1, 1)
    assert debate.shares == pytest.approx((0, 1 / 3, 0, 1 / 3, 1 / 3))

    dialogue = summary.dimensions["dialogue"]  # the third respondent skipped it
    assert (dialogue.n, dialogue.mean, dialogue.median) == (2, 4.0, 4.0)
    assert dialogue.distribution == (0, 0, 0, 2, 0)
    assert dialogue.shares == (0.0, 0.0, 0.0, 1.0, 0.0)

    difference = summary.dimensions["difference"]
    assert (difference.n, difference.mean, difference.median) == (3, 3.0, 3.0)

    deal = summary.dimensions["deal"]  # mean and median differ
    assert (deal.n, deal.mean, deal.median) == (3, 3.0, 2.0)
    assert deal.distribution == (0, 2, 0, 0, 1)


@pytest.mark.parametrize("dimension", ["distinction", "documentation"])
def test_dimension_nobody_answered_has_no_mean(dimension: str) -> None:
    summary = summarise_round(ROUND_A).dimensions[dimension]
    assert summary.n == 0
    assert summary.mean is None
    assert summary.median is None
    assert summary.shares is None
    assert summary.distribution == (0, 0, 0, 0, 0)


def test_even_and_odd_medians() -> None:
    summary = summarise_round(ROUND_B)
    assert summary.dimensions["debate"].median == 3.0  # (2 + 4) / 2
    assert summary.dimensions["dialogue"].median == 2.0  # 1, 2, 2, 5: (2 + 2) / 2
    assert summary.dimensions["difference"].median == 3.5  # (3 + 4) / 2
    assert median([5, 1, 3]) == 3.0
    assert median([4, 1]) == 2.5
    assert median([]) is None


def test_trust_shares_are_of_the_respondents_who_answered_trust() -> None:
    summary = summarise_round(ROUND_A)
    assert summary.trust_respondents == 3 and summary.trust_asked
    trust = summary.trust
    assert list(trust) == list(TRUST_FACTORS)
    assert trust["honesty"].count == 3  # named twice by one respondent: counts once
    assert trust["honesty"].share == 1.0
    assert trust["openness"].count == 1
    assert trust["openness"].share == pytest.approx(1 / 3)
    assert trust["respect"].share == pytest.approx(1 / 3)
    assert trust["confidentiality"].count == 0
    assert trust["confidentiality"].share == 0.0


def test_a_respondent_who_named_no_factor_did_not_answer_trust() -> None:
    silent = response((), debate=3)
    summary = summarise_round(RoundInput("r", "2024", [*ROUND_A.responses, silent]))
    assert summary.respondents == 4
    assert summary.trust_respondents == 3
    assert summary.trust["honesty"].share == 1.0  # 3 of the 3 who answered, not 3 of 4
    assert summary.trust["confidentiality"].share == 0.0  # asked, and nobody chose it


def test_trust_not_asked_when_nobody_named_a_factor() -> None:
    summary = summarise_round(RoundInput("r", "2024", [response((), debate=4),
                                                       response((), dialogue=2)]))
    assert not summary.trust_asked
    assert all(t.count == 0 and t.share is None for t in summary.trust.values())


def test_round_without_respondents() -> None:
    summary = summarise_round(EMPTY_ROUND)
    assert summary.respondents == 0
    assert all(d.n == 0 and d.mean is None for d in summary.dimensions.values())
    assert all(t.count == 0 and t.share is None for t in summary.trust.values())
    assert summary.trust_shares() == dict.fromkeys(TRUST_FACTORS)


def test_trend_in_date_order_with_gaps() -> None:
    series = trend([ROUND_B, EMPTY_ROUND, summarise_round(ROUND_A)])
    assert list(series) == list(DIMENSIONS)
    first, *rest = series["debate"]
    assert (first.round_id, first.n) == ("2023-autumn", 3)
    assert first.mean == pytest.approx(11 / 3)
    assert rest == [TrendPoint("2024-winter", None, 0), TrendPoint("2024-spring", 3.0, 4)]
    assert series["distinction"] == [
        ("2023-autumn", None, 0),
        ("2024-winter", None, 0),
        ("2024-spring", None, 0),
    ]
    assert trend([]) == {dimension: [] for dimension in DIMENSIONS}


def test_trend_orders_same_date_by_id() -> None:
    first = RoundInput(id="b", date_sort_key="2024-01-01", responses=[])
    second = RoundInput(id="a", date_sort_key="2024-01-01", responses=[])
    assert [point.round_id for point in trend([first, second])["deal"]] == ["a", "b"]


@pytest.mark.parametrize("bad", [0, 6, True, 2.5, "3"])
def test_invalid_scores_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match="debate"):
        summarise_round(
            RoundInput(
                id="x",
                date_sort_key="1",
                responses=[ResponseInput(scores={"debate": bad})],  # type: ignore[dict-item]
            )
        )


def test_unknown_keys_are_rejected() -> None:
    with pytest.raises(ValueError, match="dimension"):
        summarise_round(RoundInput("x", "1", [ResponseInput(scores={"debat": 3})]))
    with pytest.raises(ValueError, match="trust factor"):
        summarise_round(RoundInput("x", "1", [ResponseInput(scores={}, trust=("honest",))]))


def test_summarise_dimension_directly() -> None:
    summary = summarise_dimension("deal", [1, 1, 2, 5])
    assert summary.mean == 2.25
    assert summary.median == 1.5
    assert summary.distribution == (2, 1, 0, 0, 1)
