"""Dates inside sentences, in the grammar of each language.

A date on its own ("lokakuu 2023" in a table) is CLDR's (`i18n.format_date`). In a
sentence the date takes the form the words around it ask for, and that form depends
on how precise the date is: Finnish "12. lokakuuta 2023 alkaen", "lokakuusta 2023
alkaen" (elative), "vuodesta 2023 alkaen"; Swedish "den 12 oktober 2023", "i oktober
2023", "år 2023"; English "on October 12, 2023", "in October 2023", "in 2023".

Each locale file gives one pattern per use ("since", "at") and precision ("day",
"month", "year") under `date_phrase`; a pattern may use
  {date}   the whole date as CLDR writes it (day precision only),
  {month}  the month's stand-alone name ("lokakuu", "oktober", "October"),
  {year}   the year,
and in Finnish the month's cases, which CLDR does not have: {month_elative}
("lokakuusta", from) and {month_inessive} ("lokakuussa", in).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Literal

from generator.model.types import PartialDate
from generator.render import i18n

DateUse = Literal["since", "at"]
DATE_USES: tuple[DateUse, ...] = ("since", "at")
PRECISIONS = ("day", "month", "year")

# The Finnish month names with the stem the case endings join (CLDR's stand-alone
# names; tests/render/test_date_phrases.py checks the two agree). Every Finnish
# month is a compound of "kuu" (moon), whose stem is the word itself.
FINNISH_MONTH_STEMS = ("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu",
                       "kesäkuu", "heinäkuu", "elokuu", "syyskuu", "lokakuu",
                       "marraskuu", "joulukuu")
FINNISH_CASE_ENDINGS = {"month_elative": "sta", "month_inessive": "ssa"}


def precision(value: PartialDate) -> str:
    """"day", "month" or "year": how precise the date was written."""
    if value.day:
        return "day"
    return "month" if value.month else "year"


@cache
def _stand_alone_months(language: str) -> dict[int, str]:
    from babel.dates import get_month_names

    names = get_month_names("wide", context="stand-alone",
                            locale=i18n.babel_locale(language))
    return {int(number): str(name) for number, name in names.items()}


def month_forms(language: str, month: int) -> dict[str, str]:
    """The month's names a pattern may use in `language`: {month}, and in Finnish its
    cases ({month_elative} …)."""
    forms = {"month": _stand_alone_months(language)[month]}
    if language.split("-")[0] == "fi":
        stem = FINNISH_MONTH_STEMS[month - 1]
        forms.update({name: stem + ending for name, ending in FINNISH_CASE_ENDINGS.items()})
    return forms


@lru_cache(maxsize=1 << 12)
def date_phrase(value: PartialDate, language: str, use: DateUse) -> str:
    """`value` as the words `use` ("since", "at") make it in `language`: "syyskuusta
    2010 alkaen", "i september 2010", "on October 12, 2023"."""
    kind = precision(value)
    values: dict[str, str] = {"year": str(value.year)}
    if kind == "day":
        values["date"] = i18n.format_date(value, language)
    if value.month:
        values.update(month_forms(language, value.month))
    pattern = i18n.texts(language)[f"date_phrase.{use}.{kind}"]
    return pattern.format(**values)
