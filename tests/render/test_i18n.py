from __future__ import annotations

import pytest

from generator.model.types import PartialDate, Text
from generator.render import i18n


@pytest.mark.parametrize(("language", "expected"), [("fi", "1,7"), ("sv", "1,7"), ("en", "1.7")])
def test_numbers_follow_the_language(language: str, expected: str) -> None:
    assert i18n.format_fixed(1.7, language, 1) == expected


def test_percent_and_dates() -> None:
    assert i18n.format_percent(0.58, "fi") == "58\xa0%"
    assert i18n.format_percent(0.58, "en") == "58%"
    assert i18n.format_date(PartialDate(2025, 3, 14), "fi") == "14. maaliskuuta 2025"
    assert i18n.format_date(PartialDate(2025, 3, 14), "en") == "March 14, 2025"
    assert i18n.format_date(PartialDate(2025, 3), "sv") == "mars 2025"
    assert i18n.format_date(PartialDate(2025), "en") == "2025"


def test_text_falls_back_to_the_default_language() -> None:
    text = Text({"fi": "Ohjaus", "en": "Guidance"})
    assert text.get("sv", "fi") == "Ohjaus"
    assert text.get("en", "fi") == "Guidance"
    assert Text({}, "Sama").get("en", "fi") == "Sama"


def test_translate_with_values_and_fallback() -> None:
    assert i18n.translate("en", "workbook.phase_n", n=3) == "Phase 3"
    assert i18n.translate("de", "nav.members") == "Members"
    with pytest.raises(KeyError):
        i18n.translate("en", "no.such.key")


def test_language_names() -> None:
    assert [i18n.language_name(c) for c in ("fi", "sv", "en")] == ["suomi", "svenska", "English"]
