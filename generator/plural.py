"""Which plural form a count takes, by the CLDR rules of a language (babel).

A counted text is given once per CLDR plural category the language uses: fi, sv
and en have "one" (exactly 1, written without decimals) and "other" (0, 2, 1.5,
21, 1.0 …); Polish adds "few" and "many", Arabic "zero" and "two". The category
is picked from the number as it is written, so 1.0 takes "other" in English
("1.0 ties") while 1 takes "one" ("1 tie").

Used by the UI texts of the locale files (generator/render/i18n.py) and by the
English messages of the command line, so netcard has one way to pluralise.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
FALLBACK_CATEGORY = "other"  # CLDR: every language has it, and it covers what the rest do not


@cache
def _rule(language: str) -> Any:
    """babel's PluralRule of a language, parsed once ("fi", "pt-BR" …)."""
    from babel import Locale  # babel is heavy: only when a counted text is made

    return Locale.parse(language.replace("-", "_")).plural_form


def category(language: str, number: Decimal | int) -> str:
    """The CLDR plural category of `number` in `language`. Give a Decimal as the
    number is shown (Decimal("1.0") is not Decimal("1")): a float loses the
    difference."""
    return str(_rule(language)(number))


def categories(language: str) -> frozenset[str]:
    """Every category a counted text needs in `language`: {"one", "other"} for fi, sv, en."""
    return frozenset(_rule(language).tags) | {FALLBACK_CATEGORY}


def choose(forms: Mapping[str, str], language: str, number: Decimal | int) -> str:
    """The form of `forms` ({"one": …, "other": …}) that `number` takes in `language`;
    "other" when `forms` lacks the category (tests/render/test_plurals.py makes sure
    netcard's locale files do not)."""
    chosen = forms.get(category(language, number))
    return chosen if chosen is not None else forms[FALLBACK_CATEGORY]


def english(count: int, one: str, other: str, **values: Any) -> str:
    """A command-line message with a count, by the English rules: `one` or `other`,
    with {count} the number grouped in thousands ("1 problem", "1,204 problems")."""
    form = choose({"one": one, "other": other}, "en", count)
    return form.format(count=f"{count:,}", **values)
