"""Locale files: fi and sv mirror en key for key and placeholder for placeholder."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml

LOCALES = Path(__file__).resolve().parents[2] / "generator" / "locales"
TRANSLATED = ("fi", "sv")

# Values that may stay as in English: the ACTVOD letters (the method keeps its
# English name in every language) and names that are never translated.
SAME_IN_EVERY_LANGUAGE = {
    "A",
    "C",
    "T",
    "V",
    "O",
    "D",
    "netcard",
    "vCard",
    "ACTVOD",
    "Kosonen & Pikka 2002",
}
# Words spelled the same in English and the target language, key by key, so a
# forgotten translation elsewhere still fails.
SAME_BY_CHANCE = {("sv", "kind.organisation"), ("sv", "sixd.dimension")}
# A date in a sentence takes each language's own forms (Finnish {month_elative} where
# English has {month}): tests/render/test_date_phrases.py fills every one instead.
DATE_PHRASES = "date_phrase."


def load(language: str) -> dict[str, Any]:
    data = yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{language}.yaml is not a mapping"
    return dict(flatten(data, ""))


def flatten(data: Any, prefix: str) -> list[tuple[str, Any]]:
    """Like generator.render.i18n: nested keys joined with dots, lists kept as leaves."""
    if isinstance(data, dict):
        items: list[tuple[str, Any]] = []
        for key, value in data.items():
            items.extend(flatten(value, f"{prefix}{key}."))
        return items
    return [(prefix[:-1], data)]


def placeholders(value: Any) -> list[set[str]]:
    texts = value if isinstance(value, list) else [value]
    return [
        {name for _, name, _, _ in string.Formatter().parse(str(text)) if name} for text in texts
    ]


@pytest.fixture(scope="module")
def english() -> dict[str, Any]:
    return load("en")


@pytest.mark.parametrize("language", TRANSLATED)
def test_same_keys_as_english(language: str, english: dict[str, Any]) -> None:
    keys = set(load(language))
    assert sorted(set(english) - keys) == [], f"{language}.yaml lacks keys"
    assert sorted(keys - set(english)) == [], f"{language}.yaml has keys en.yaml lacks"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_shapes_match(language: str, english: dict[str, Any]) -> None:
    for key, value in load(language).items():
        if key not in english or key.startswith(DATE_PHRASES):
            continue
        source = english[key]
        assert isinstance(value, list) == isinstance(source, list), key
        if isinstance(value, list):
            assert len(value) == len(source), key
        assert placeholders(value) == placeholders(source), key


@pytest.mark.parametrize("language", ("en", *TRANSLATED))
def test_every_value_is_non_empty_text(language: str) -> None:
    for key, value in load(language).items():
        for text in value if isinstance(value, list) else [value]:
            # YAML turns unquoted yes/no/on/off, numbers and dates into other types.
            assert isinstance(text, str), f"{language}: {key} is {type(text).__name__}, quote it"
            assert text.strip(), f"{language}: {key} is empty"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_value_is_translated(language: str, english: dict[str, Any]) -> None:
    untranslated = [
        key
        for key, value in load(language).items()
        if value == english.get(key)
        and not (isinstance(value, str) and value in SAME_IN_EVERY_LANGUAGE)
        and (language, key) not in SAME_BY_CHANCE
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_actvod_letters_kept(language: str, english: dict[str, Any]) -> None:
    catalog = load(language)
    letters = {
        key: value
        for key, value in english.items()
        if key.startswith("actvod.") and key.endswith(".letter")
    }
    assert letters
    for key, letter in letters.items():
        assert catalog[key] == letter, key
