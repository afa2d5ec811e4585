"""Counted texts take the form CLDR's plural rules (babel) give the count, in every
locale, from Python, from templates and on the command line."""

from __future__ import annotations

import re
import string
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale

from generator import plural
from generator.render import i18n
from tests.conftest import REPO

LOCALES = REPO / "generator" / "locales"
LANGUAGES = ("fi", "sv", "en")
COUNTS = (0, 1, 2, 1.5, 21)
# What CLDR says these languages do with the counts above (1.5 is written "1,5"/"1.5").
EXPECTED = {0: "other", 1: "one", 2: "other", 1.5: "other", 21: "other"}
# Where netcard asks for a counted text: nc.tn("key", …) in templates and Python.
SOURCES = [*sorted((REPO / "themes").rglob("*.html")), *sorted((REPO / "generator").rglob("*.py"))]
TN_CALL = re.compile(r"""\btn\(\s*f?["']([A-Za-z0-9_.{}-]+)["']""")


def locale(language: str) -> dict[str, Any]:
    data = yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def counted_entries(data: Any, prefix: str = "") -> dict[str, dict[str, str]]:
    """Every counted text of a locale file: a mapping whose keys are all CLDR plural
    categories ({one: …, other: …}), by its dotted key."""
    if not isinstance(data, dict):
        return {}
    if data and all(key in plural.CATEGORIES for key in data):
        return {prefix[:-1]: data}
    found: dict[str, dict[str, str]] = {}
    for key, value in data.items():
        found.update(counted_entries(value, f"{prefix}{key}."))
    return found


def missing_categories(forms: dict[str, str], language: str) -> set[str]:
    return set(plural.categories(language)) - set(forms)


def placeholder_values(forms: dict[str, str]) -> dict[str, str]:
    names = {name for text in forms.values()
             for _, name, _, _ in string.Formatter().parse(text) if name}
    return {name: f"<{name}>" for name in names - {"count"}}


ENTRIES = {language: counted_entries(locale(language)) for language in LANGUAGES}
KEYS = sorted(ENTRIES["en"])


def test_the_locales_have_counted_texts() -> None:
    assert len(KEYS) >= 10, KEYS
    assert "members.lead" in KEYS and "competences.covered_text" in KEYS


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_counted_text_has_each_category_its_language_needs(language: str) -> None:
    assert plural.categories(language) == {"one", "other"}
    lacking = {key: missing_categories(forms, language)
               for key, forms in ENTRIES[language].items()}
    assert {key: gaps for key, gaps in lacking.items() if gaps} == {}
    assert sorted(ENTRIES[language]) == KEYS, f"{language} has other counted texts than en"


def test_a_counted_text_without_a_category_is_caught() -> None:
    assert missing_categories({"other": "{count} jäsentä"}, "fi") == {"one"}
    assert missing_categories({"one": "{count} członek", "other": "…"}, "pl") == {"few", "many"}
    assert counted_entries({"a": {"b": {"one": "x"}}, "c": {"one": "x", "web": "y"}}) == {
        "a.b": {"one": "x"}}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_asked_for_as_counted_is_a_counted_text(language: str) -> None:
    asked = {match for source in SOURCES
             for match in TN_CALL.findall(source.read_text(encoding="utf-8"))}
    assert asked, "found no nc.tn( calls"
    for key in asked:
        pattern = re.compile(re.sub(r"\\\{[a-z_]+\\\}", "[a-z_]+", re.escape(key)) + "$")
        assert any(pattern.match(entry) for entry in ENTRIES[language]), (language, key)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("count", COUNTS)
def test_each_count_takes_the_form_of_its_cldr_category(language: str, count: float) -> None:
    shown = Decimal(str(count))
    category = str(Locale.parse(language).plural_form(shown))
    assert category == EXPECTED[count]
    strings = i18n.texts(language)
    for key in KEYS:
        forms = ENTRIES[language][key]
        values = placeholder_values(forms)
        written = i18n.format_number(count, language, 1)
        expected = forms[category].format(count=written, **values)
        assert i18n.fill_count(strings, language, key, count, 1, values) == expected, key


def test_the_count_is_written_as_the_language_writes_numbers() -> None:
    strings = {"x.one": "{count} jäsen", "x.other": "{count} jäsentä"}
    assert i18n.fill_count(strings, "fi", "x", 1.5, 1, {}) == "1,5 jäsentä"
    assert i18n.fill_count(strings, "fi", "x", 1234, 0, {}) == "1\xa0234 jäsentä"
    assert i18n.fill_count(strings, "fi", "x", 1, 0, {}) == "1 jäsen"
    # 1.04 is shown as "1" with one decimal, so it is counted as the "1" it shows.
    assert i18n.fill_count(strings, "fi", "x", 1.04, 1, {}) == "1 jäsen"


def test_a_language_without_a_locale_counts_by_the_english_rules() -> None:
    assert i18n.fill_count(i18n.texts("pl"), "pl", "competences.covered_text", 2, 0, {}) \
        == "covered by 2 members"


def test_a_missing_counted_text_is_named() -> None:
    with pytest.raises(KeyError, match=r"no counted UI string 'no\.such'"):
        i18n.fill_count(i18n.texts("fi"), "fi", "no.such", 2, 0, {})


def test_command_line_messages_count_by_the_english_rules() -> None:
    assert plural.english(1, "{count} problem", "{count} problems") == "1 problem"
    assert plural.english(0, "{count} problem", "{count} problems") == "0 problems"
    assert plural.english(1204, "{count} {more}problem", "{count} {more}problems",
                          more="more ") == "1,204 more problems"


def test_a_rendered_page_counts_members_in_each_language(make_site: Any, tmp_path: Path) -> None:
    from generator.build import build

    site = make_site({
        "competences.yaml": """\
            areas:
              - {id: ohjaus, name: Ohjaus}
              - {id: neuvonta, name: Neuvonta}
            needs:
              - {area: ohjaus, level: 3}
              - {area: neuvonta, level: 3}
            """,
        "members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\n"
                              "competences: {ohjaus: 3, neuvonta: 4}\n",
        "members/beta.yaml": "name: Beta\nsector: employment\ncompetences: {neuvonta: 3}\n",
    })
    out = tmp_path / "out"
    build(site, out)

    def page(path: str) -> str:
        return re.sub(r"\s+", " ", (out / path).read_text(encoding="utf-8"))

    expected = {"": ("tarve katettu (1 jäsen)", "tarve katettu (2 jäsentä)"),
                "sv/": ("täcks av 1 medlem", "täcks av 2 medlemmar"),
                "en/": ("covered by 1 member", "covered by 2 members")}
    for prefix, (one, two) in expected.items():
        competences = page(f"workbook/{prefix}competences/index.html")
        assert one in competences and two in competences, prefix
    assert "Jäseniä nyt 2: " in page("public/members/index.html")
    assert "2 current members: " in page("public/en/members/index.html")
    assert "Verkostossa toimii yhdessä 2 organisaatiota" in page("public/index.html")
