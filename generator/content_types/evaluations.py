"""evaluations/<id>.yaml: 6D evaluation rounds with trust factors and reflection
(workbook phase 8). A round's responses are in the file, or in a CSV file it names
(`responses_csv`), read with it. Each round has a page; the evaluations page compares
the rounds."""

from __future__ import annotations

import re
from typing import Any

from generator.analyse.actions import ActionFollowUp
from generator.analyse.evaluation import FEW_RESPONDENTS, KOSONEN_PIKKA_SHARES
from generator.analyse.round_history import (
    SAME_MEAN_WITHIN,
    SAME_SHARE_WITHIN,
    rounds_asking_trust,
)
from generator.analyse.rounds import RoundsAnalysis
from generator.deps import Recorded
from generator.errors import ErrorList, did_you_mean
from generator.load.content import RawContent, Source
from generator.load.csv_rows import CsvTable, parse_csv
from generator.load.paths import check_relative_path, is_inside
from generator.load.yaml_marks import DocPath, Mark, read_text
from generator.model import schema
from generator.model.build import validate, with_file_id
from generator.model.content_type import ContentType, Section
from generator.model.schema import DIMENSIONS, REFLECTION_KEYS, Evaluation
from generator.model.site import Site
from generator.model.types import Visibility
from generator.render.pages import Data, PageContext, PageSpec, titled
from generator.render.trust_trend_chart import trust_trend

FOLDER = "evaluations"
CSV_COLUMNS = ("respondent", *schema.DIMENSIONS, "trust", "comment", *schema.REFLECTION_KEYS)


def _pages(context: PageContext) -> list[PageSpec]:
    if "evaluations" not in context.sections:
        return []
    site, rounds = context.site, context.analysis.rounds
    specs = [PageSpec("evaluations/index.html", "evaluations_index.html", "evaluations",
                      lambda nc: nc.t("nav.evaluations"), lambda: _evaluations_data(site, rounds))]
    actions = context.analysis.actions if site.profile.includes_internal else None
    for evaluation in site.evaluations.values():
        specs.append(PageSpec(f"evaluations/{evaluation.id}/index.html", "evaluation.html",
                              "evaluations", titled(evaluation, evaluation.id),
                              _evaluation_data(site, evaluation, rounds, actions)))
    return specs


def _evaluation_data(site: Site, evaluation: Evaluation, rounds: RoundsAnalysis,
                     actions: Recorded[ActionFollowUp] | None) -> Data:
    def data() -> dict[str, Any]:
        return {**_evaluation_common(), "evaluation": evaluation,
                "summary": rounds.rounds[evaluation.id].read(),
                **_completed_actions(site, evaluation, actions),
                **_since_previous(site, evaluation, rounds)}

    return data


def _since_previous(site: Site, evaluation: Evaluation, rounds: RoundsAnalysis) -> dict[str, Any]:
    """In the workbook, what changed since the previous round (in date order): which
    round that was, and each figure before and after. The public card never compares
    rounds (the previous one may be internal)."""
    if not site.profile.includes_internal:
        return {"since": None, "previous_round": None}
    change = rounds.comparison.read().changes[evaluation.id]
    previous = None if change.previous_id is None else site.evaluations[change.previous_id]
    return {"since": change, "previous_round": previous}


def _completed_actions(site: Site, evaluation: Evaluation,
                       actions: Recorded[ActionFollowUp] | None) -> dict[str, Any]:
    """In the workbook, the actions done since the previous round (by date) up to this
    one: what the network got done between two evaluations."""
    if actions is None or evaluation.date is None or not site.futures:
        return {"completed_actions": [], "first_round": False}
    until = evaluation.date
    earlier = [other.date for other in site.evaluations.values()
               if other.date is not None and other.id != evaluation.id
               and (str(other.date), other.id) < (str(until), evaluation.id)]
    previous = max(earlier, key=str, default=None)
    return {"completed_actions": actions.read().completed_between(previous, until),
            "first_round": previous is None}


def _evaluation_common() -> dict[str, Any]:
    return {"dimensions": DIMENSIONS, "reference": KOSONEN_PIKKA_SHARES,
            "reflection_keys": REFLECTION_KEYS, "few_limit": FEW_RESPONDENTS,
            "same_mean_within": float(SAME_MEAN_WITHIN),
            "same_share_within": float(SAME_SHARE_WITHIN)}


def _evaluations_data(site: Site, rounds: RoundsAnalysis) -> dict[str, Any]:
    comparison = rounds.comparison.read()
    return {**_evaluation_common(), "evaluations": site.evaluations,
            "rounds": comparison.rounds,
            "round_labels": [site.evaluations[s.id] for s in comparison.rounds],
            "trend_series": comparison.trend, "latest": comparison.latest,
            "show_history": site.profile.includes_internal,
            "trust_trend": comparison.trust_trend, "trust_trend_chart": trust_trend,
            "trust_rounds": rounds_asking_trust(comparison.rounds)}


def _load_referenced_csv(raw: RawContent, errors: ErrorList) -> None:
    """Read the CSV file each round names in `responses_csv`."""
    for document in raw.folders.get(FOLDER, {}).values():
        value = document.data.get("responses_csv")
        if not isinstance(value, str):
            continue
        mark = document.mark(("responses_csv",))
        problem = check_relative_path(value)
        path = raw.content_dir / value
        if problem is None and not path.is_file():
            problem = f"there is no file content/{value}"
        if problem is None and not is_inside(path, raw.content_dir):
            problem = "the file links to a place outside content/"
        if problem is None and not value.endswith(".csv"):
            problem = "responses_csv must name a .csv file"
        if problem:
            errors.add(document.file, mark.line, mark.column, f"responses_csv: {problem}",
                       "give a path relative to content/, e.g. evaluations/spring.csv")
            continue
        raw.seen_files.add(value)
        text = read_text(path, raw.display(value), errors, raw.hashes)
        table = None if text is None else parse_csv(text, raw.display(value), errors)
        if table is not None:
            raw.csv_tables[value] = table


def _assemble(content_type: ContentType, raw: RawContent, errors: ErrorList,
              context: dict[str, Any]) -> dict[str, Evaluation]:
    """The rounds, each with the responses and reflections of its CSV file."""
    result: dict[str, Evaluation] = {}
    for identifier, document in raw.folders.get(FOLDER, {}).items():
        data = with_file_id(document, identifier, errors)
        evaluation = validate(Evaluation, data, document, errors, context)
        if evaluation is None:
            continue
        if evaluation.responses_csv is not None:
            if evaluation.responses:
                mark = document.key_mark(("responses",))
                errors.add(document.file, mark.line, mark.column,
                           "a round has either 'responses' or 'responses_csv', not both",
                           "move the inline responses into the CSV file, or remove responses_csv")
                continue
            table = raw.csv_tables.get(evaluation.responses_csv)
            if table is None:
                continue  # the loader already reported why
            responses, reflections = _csv_responses(table, errors, context)
            evaluation = evaluation.model_copy(update={
                "responses": responses, "reflection": [*evaluation.reflection, *reflections]})
            schema.attach_source(evaluation, f"file:{document.file}")
        result[identifier] = evaluation
    return result


class _CsvRow:
    """Locates errors of one CSV row: file:line:column of the offending cell."""

    def __init__(self, file: str, line: int, header: list[str]) -> None:
        self.file = file
        self.line = line
        self.header = header

    def mark(self, path: DocPath) -> Mark:
        column = self.header.index(path[0]) + 1 if path and path[0] in self.header else 1
        return Mark(self.line, column)

    def key_mark(self, path: DocPath) -> Mark:
        return self.mark(path)


def _csv_responses(
    table: CsvTable, errors: ErrorList, context: dict[str, Any]
) -> tuple[list[schema.Response], list[schema.Reflection]]:
    unknown = [name for name in table.header if name not in CSV_COLUMNS]
    for name in unknown:
        column = table.header.index(name) + 1
        errors.add(table.file, 1, column, f"unknown column '{name}'",
                   f"{did_you_mean(name, CSV_COLUMNS)} columns: {', '.join(CSV_COLUMNS)}".strip())
    if unknown:
        return [], []
    responses: list[schema.Response] = []
    reflections: list[schema.Reflection] = []
    for line, row in table.rows:
        locator = _CsvRow(table.file, line, table.header)
        data = _csv_response_data(row)
        response = validate(schema.Response, data, locator, errors, context)
        if response is not None:
            responses.append(response)
        reflection_data = {k: row[k] for k in schema.REFLECTION_KEYS if row.get(k)}
        if reflection_data:
            reflection = validate(schema.Reflection, reflection_data, locator, errors, context)
            if reflection is not None:
                reflections.append(reflection)
    return responses, reflections


def _csv_response_data(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("respondent", "comment"):
        if row.get(key):
            data[key] = row[key]
    for dimension in schema.DIMENSIONS:
        cell = row.get(dimension, "")
        if cell:
            data[dimension] = int(cell) if re.fullmatch(r"[0-9]+", cell) else cell
    if row.get("trust"):
        data["trust"] = [part.strip() for part in re.split(r"[;,|]", row["trust"]) if part.strip()]
    return data



def _has_rounds(site: Site) -> bool:
    return bool(site.evaluations)


EVALUATIONS = ContentType(
    name="evaluations",
    source=Source(FOLDER, ".yaml", other_files=(".csv",), referenced=_load_referenced_csv),
    model=Evaluation,
    visibility=Visibility.INTERNAL,
    assemble=_assemble,
    route="evaluations/{id}/index.html",
    sections=(Section("evaluations", _has_rounds, menu=80, group="evaluation", bundle=90,
                      nested=True),),
    pages=_pages,
)
