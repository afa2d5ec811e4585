"""Validate every raw document into the typed Site, collecting all errors."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.errors import ErrorList, did_you_mean
from generator.load.content import RawContent
from generator.load.csv_rows import CsvTable
from generator.load.yaml_marks import DocPath, Mark, YamlDocument
from generator.model import schema
from generator.model.errors import validate as validate_data
from generator.model.references import check_references
from generator.model.site import Page, Section, Site
from generator.model.types import LANGUAGE_CODE

M = TypeVar("M", bound=BaseModel)
Absent = TypeVar("Absent", bound=schema.Model)


def validate(model: type[M], data: Any, source: Any, errors: ErrorList,
             context: dict[str, Any]) -> M | None:
    """Validate, and remember which file every model object came from."""
    result = validate_data(model, data, source, errors, context)
    if isinstance(result, schema.Model):
        schema.attach_source(result, f"file:{source.file}")
    return result
CSV_COLUMNS = ("respondent", *schema.DIMENSIONS, "trust", "comment", *schema.REFLECTION_KEYS)


def build_site(raw: RawContent, errors: ErrorList) -> Site | None:
    """The validated Site, or None when any error was found (all are in `errors`)."""
    settings = _settings(raw, errors)
    languages = settings.languages if settings else ["fi", "sv", "en"]
    context: dict[str, Any] = {"languages": languages, "media": raw.media}
    network = _single(raw, "network", schema.Network, errors, context)
    members = _members(raw, errors, context)
    ties = (_single(raw, "ties", schema.TiesFile, errors, context)
            or _absent(raw, "ties", schema.TiesFile()))
    competences = (_single(raw, "competences", schema.CompetencesFile, errors, context)
                   or _absent(raw, "competences", schema.CompetencesFile()))
    portfolios = _folder(raw, "portfolios", schema.Portfolio, errors, context)
    futures = _folder(raw, "futures", schema.Future, errors, context)
    evaluations = _evaluations(raw, errors, context)
    pages = {section: _pages(raw, section, errors, context)
             for section in ("workbook", "strategy", "pages")}
    if settings is None or network is None or errors.errors:
        return None
    site = Site(settings, network, members, ties, competences, portfolios, futures,
                evaluations, pages["workbook"], pages["strategy"], pages["pages"],
                frozenset(raw.media))
    check_references(site, raw, errors)
    return None if errors.errors else site


def _settings(raw: RawContent, errors: ErrorList) -> schema.SiteSettings | None:
    document = raw.single.get("site")
    if document is None:
        return None
    data = dict(document.data)
    languages = data.get("languages")
    if isinstance(languages, list) and not _languages_ok(languages, document, errors):
        return None
    context = {"languages": languages if isinstance(languages, list) else None, "media": raw.media}
    return validate(schema.SiteSettings, data, document, errors, context)


def _languages_ok(languages: list[Any], document: YamlDocument, errors: ErrorList) -> bool:
    from babel import Locale, UnknownLocaleError

    ok = True
    seen: set[str] = set()
    for index, code in enumerate(languages):
        mark = document.mark(("languages", index))
        problem = ""
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            problem = f"'{code}' is not a language code"
        elif code in seen:
            problem = f"language '{code}' is listed twice"
        else:
            try:
                Locale.parse(code.replace("-", "_"))
            except (UnknownLocaleError, ValueError):
                problem = f"'{code}' is not a known language"
        if problem:
            errors.add(document.file, mark.line, mark.column, f"languages: {problem}",
                       "use language codes such as fi, sv, en; the first is the default")
            ok = False
        seen.add(str(code))
    return ok


def _absent(raw: RawContent, name: str, empty: Absent) -> Absent:
    """The stand-in for an optional file that does not exist. It still names the file
    as its source, so a page that reads it depends on it: creating the file later
    re-renders that page (the property test in tests/build found this)."""
    schema.attach_source(empty, f"file:{raw.display(name + '.yaml')}")
    return empty


def _single(
    raw: RawContent, name: str, model: type[M], errors: ErrorList, context: dict[str, Any]
) -> M | None:
    document = raw.single.get(name)
    if document is None:
        return None
    return validate(model, document.data, document, errors, context)


def _with_id(document: YamlDocument, identifier: str, errors: ErrorList) -> dict[str, Any]:
    data = dict(document.data)
    if "id" in data:
        mark = document.key_mark(("id",))
        errors.add(document.file, mark.line, mark.column,
                   "unknown key 'id': the file name is the id",
                   f"remove the 'id' line; rename the file to change the id (now '{identifier}')")
        del data["id"]
    data["id"] = identifier
    return data


def _folder(
    raw: RawContent, folder: str, model: type[M], errors: ErrorList, context: dict[str, Any]
) -> dict[str, M]:
    result: dict[str, M] = {}
    for identifier, document in raw.folders.get(folder, {}).items():
        item = validate(model, _with_id(document, identifier, errors), document, errors, context)
        if item is not None:
            result[identifier] = item
    return result


def _members(raw: RawContent, errors: ErrorList, context: dict[str, Any]) -> dict[str, Any]:
    return _folder(raw, "members", schema.Member, errors, context)


def _evaluations(
    raw: RawContent, errors: ErrorList, context: dict[str, Any]
) -> dict[str, schema.Evaluation]:
    result: dict[str, schema.Evaluation] = {}
    for identifier, document in raw.folders.get("evaluations", {}).items():
        data = _with_id(document, identifier, errors)
        evaluation = validate(schema.Evaluation, data, document, errors, context)
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


def _pages(
    raw: RawContent, section: Section, errors: ErrorList, context: dict[str, Any]
) -> dict[str, Page]:
    result: dict[str, Page] = {}
    for identifier, markdown in raw.markdown.get(section, {}).items():
        meta = validate(schema.PageMeta, markdown.front.data, markdown.front, errors, context)
        if meta is not None:
            result[identifier] = Page(identifier, section, meta, markdown.body,
                                      markdown.body_line, markdown.front.file)
    return result
