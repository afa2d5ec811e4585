"""UI strings from locale files, and numbers and dates per language (babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from generator import plural
from generator.deps import fingerprint, record
from generator.model.types import PartialDate

UI_LANGUAGES = ("fi", "sv", "en")
FALLBACK_LANGUAGE = "en"


@cache
def _catalog(language: str) -> dict[str, Any]:
    """The flattened locale file for a UI language ({"nav.members": "Jäsenet", …})."""
    path = resources.files("generator") / "locales" / f"{language}.yaml"
    if not path.is_file():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    return dict(_flatten(data, ""))


def _flatten(data: Any, prefix: str) -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        items: list[tuple[str, Any]] = []
        for key, value in data.items():
            items.extend(_flatten(value, f"{prefix}{key}."))
        return items
    return [(prefix[:-1], data)]


def record_locale(language: str) -> None:
    record(f"locale:{language}")
    record(f"locale:{FALLBACK_LANGUAGE}")


def locale_fingerprint(language: str) -> str:
    path = resources.files("generator") / "locales" / f"{language}.yaml"
    return fingerprint(path.read_bytes()) if path.is_file() else "none"


def translate(language: str, key: str, **values: Any) -> str:
    """The UI string `key` in `language` (English when the language has no locale)."""
    record_locale(language)
    return fill(texts(language), key, values)


def fill(strings: dict[str, str], key: str, values: dict[str, Any]) -> str:
    """The string `key` of `texts(language)`, with `values` put in."""
    text = strings.get(key)
    if text is None:
        raise KeyError(f"no UI string '{key}' in the locale files")
    return text.format(**values) if values else text


def fill_count(strings: dict[str, str], language: str, key: str, count: float | int,
               decimals: int, values: dict[str, Any]) -> str:
    """The form of the counted string `key` ({one: "{count} jäsen", other: "{count}
    jäsentä"} in a locale file) that `count` takes by the CLDR plural rules, with
    {count} the number as the language writes it (up to `decimals` decimals)."""
    forms = {category: strings[f"{key}.{category}"] for category in plural.CATEGORIES
             if f"{key}.{category}" in strings}
    if plural.FALLBACK_CATEGORY not in forms:
        raise KeyError(f"no counted UI string '{key}' (with an 'other' form) in the "
                       "locale files")
    shown = shown_decimal(count, decimals)
    form = plural.choose(forms, _rules_language(language), shown)
    return form.format(**{"count": format_number(count, language, decimals), **values})


def _rules_language(language: str) -> str:
    """Whose plural rules pick the form: the language's own, or English for a language
    without a locale file (its texts are the English ones)."""
    return language if _catalog(language) else FALLBACK_LANGUAGE


@cache
def texts(language: str) -> dict[str, str]:
    """Every UI string of a language as it is shown, English where the language has
    none (a page asks for about a hundred: one dictionary lookup each)."""
    strings: dict[str, str] = {}
    for catalog in (_catalog(FALLBACK_LANGUAGE), _catalog(language)):
        for key, text in catalog.items():
            if text is not None:
                strings[key] = ("\n".join(str(item) for item in text)
                                if isinstance(text, list) else str(text))
    return strings


def translate_list(language: str, key: str) -> list[str]:
    record_locale(language)
    value = _catalog(language).get(key) or _catalog(FALLBACK_LANGUAGE).get(key) or []
    return [str(item) for item in value]


def babel_locale(language: str) -> str:
    return language.replace("-", "_")


@cache
def _babel(language: str) -> Any:
    """babel's Locale for a language, parsed once (babel parses a locale name on every
    call it is given one as text: most of the cost of formatting a figure)."""
    from babel import Locale

    return Locale.parse(babel_locale(language))


@cache
def _symbols(language: str) -> tuple[str, str]:
    """(decimal sign, group separator) of a language, from babel's CLDR data."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _babel(language)
    return get_decimal_symbol(locale), get_group_symbol(locale)


def shown_decimal(value: float | int, decimals: int, keep_zeros: bool = False) -> Decimal:
    """`value` as a figure shows it: rounded half-to-even to `decimals` decimals, the
    trailing zeros dropped unless `keep_zeros` (1.50 -> 1.5, 1.0 -> 1)."""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals))
    if not keep_zeros and decimals:
        number = number.normalize() if number != number.to_integral() else \
            number.quantize(Decimal(1))
    return number


def _format_decimal(value: float | int, language: str, decimals: int, keep_zeros: bool) -> str:
    """What babel's format_decimal gives for '#,##0.00…' (keep_zeros) or '#,##0.##…':
    the value rounded half-to-even as written in decimal, grouped in threes, in the
    language's signs. babel looks the signs up again on every call; this runs for
    every figure of every page (tests/render/test_i18n_numbers.py compares the two)."""
    number = shown_decimal(value, decimals, keep_zeros)
    text = format(abs(number), ",f")
    decimal_sign, group = _symbols(language)
    text = text.replace(",", "\0").replace(".", decimal_sign).replace("\0", group)
    return "-" + text if number.is_signed() else text  # babel writes '-', even for -0


def format_number(value: float | int, language: str, decimals: int = 2) -> str:
    """Up to `decimals` decimals, trailing zeros dropped: 1 234,5."""
    return _formatted(abs(value) if value == 0 else value, language, decimals, False)


def format_fixed(value: float, language: str, decimals: int = 1) -> str:
    """Exactly `decimals` decimals: 0,50."""
    return _formatted(abs(value) if value == 0 else value, language, decimals, True)


# Called for every figure on every page (an ego graph alone formats five figures per
# member), so memoised; -0.0 is made 0.0 first, as the two are one key here.
_formatted = lru_cache(maxsize=1 << 16, typed=True)(_format_decimal)


def format_percent(value: float, language: str) -> str:
    from babel.numbers import format_percent as babel_percent

    return str(babel_percent(value, locale=_babel(language)))


@lru_cache(maxsize=1 << 12)
def format_date(value: PartialDate | None, language: str) -> str:
    from babel.dates import format_date as babel_date
    from babel.dates import format_skeleton

    if value is None:
        return ""
    locale = _babel(language)
    if value.day:
        return str(babel_date(dt.date(value.year, value.month, value.day), "long", locale=locale))
    if value.month:
        return str(format_skeleton("yMMMM", dt.date(value.year, value.month, 1), locale=locale))
    return str(value.year)


def language_name(code: str) -> str:
    """A language's own name for itself: suomi, svenska, English."""
    from babel import Locale

    name = Locale.parse(babel_locale(code)).get_display_name(babel_locale(code)) or code
    return name[:1].upper() + name[1:] if code == "en" else name
