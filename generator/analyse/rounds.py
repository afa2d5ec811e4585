"""Feed the validated 6D rounds to the aggregates in one language."""

from __future__ import annotations

from generator.analyse.evaluation import (
    ResponseInput,
    RoundInput,
    RoundSummary,
    TrendPoint,
    summarise_round,
    trend,
)
from generator.model.schema import DIMENSIONS, REFLECTION_KEYS, Evaluation
from generator.model.site import Site


def round_input(evaluation: Evaluation, language: str, default_language: str) -> RoundInput:
    responses = [ResponseInput(
        scores={d: r.score(d) for d in DIMENSIONS},
        trust=tuple(r.trust),
        comment=r.comment.get(language, default_language) if r.comment else None,
    ) for r in evaluation.responses]
    reflections = [{key: value.get(language, default_language)
                    for key in REFLECTION_KEYS if (value := getattr(item, key)) is not None}
                   for item in evaluation.reflection]
    title = evaluation.title.get(language, default_language) if evaluation.title else evaluation.id
    return RoundInput(evaluation.id, title, str(evaluation.date or ""), responses, reflections)


def summarise_rounds(site: Site, language: str) -> list[RoundSummary]:
    rounds = [summarise_round(round_input(e, language, site.default_language))
              for e in site.evaluations.values()]
    return sorted(rounds, key=lambda r: (r.date_sort_key, r.id))


def round_trend(site: Site, language: str) -> dict[str, list[TrendPoint]]:
    return trend(round_input(e, language, site.default_language)
                 for e in site.evaluations.values())
