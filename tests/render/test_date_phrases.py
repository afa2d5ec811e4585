"""Dates inside sentences: Finnish cases (elative "syyskuusta 2010 alkaen", inessive
"syyskuussa 2010"), Swedish "den"/"i"/"år" and English "on"/"in", for every precision."""

from __future__ import annotations

import pytest

from generator.build import render_site
from generator.model.types import PartialDate
from generator.render import dates, i18n
from tests.conftest import SiteFactory

DAY, MONTH, YEAR = PartialDate(2023, 10, 12), PartialDate(2010, 9), PartialDate(2010)


@pytest.mark.parametrize(("language", "use", "value", "expected"), [
    ("fi", "since", DAY, "12. lokakuuta 2023 alkaen"),
    ("fi", "since", MONTH, "syyskuusta 2010 alkaen"),
    ("fi", "since", YEAR, "vuodesta 2010 alkaen"),
    ("fi", "at", DAY, "12. lokakuuta 2023"),
    ("fi", "at", MONTH, "syyskuussa 2010"),
    ("fi", "at", YEAR, "vuonna 2010"),
    ("sv", "since", DAY, "sedan den 12 oktober 2023"),
    ("sv", "since", MONTH, "sedan september 2010"),
    ("sv", "since", YEAR, "sedan 2010"),
    ("sv", "at", DAY, "den 12 oktober 2023"),
    ("sv", "at", MONTH, "i september 2010"),
    ("sv", "at", YEAR, "år 2010"),
    ("en", "since", DAY, "since October 12, 2023"),
    ("en", "since", MONTH, "since September 2010"),
    ("en", "since", YEAR, "since 2010"),
    ("en", "at", DAY, "on October 12, 2023"),
    ("en", "at", MONTH, "in September 2010"),
    ("en", "at", YEAR, "in 2010"),
])
def test_a_date_takes_the_form_its_sentence_needs(language: str, use: dates.DateUse,
                                                   value: PartialDate, expected: str) -> None:
    assert dates.date_phrase(value, language, use) == expected


def test_the_finnish_month_stems_are_cldrs_month_names() -> None:
    from babel.dates import get_month_names

    names = get_month_names("wide", context="stand-alone", locale="fi")
    assert tuple(str(names[month]) for month in range(1, 13)) == dates.FINNISH_MONTH_STEMS


@pytest.mark.parametrize("language", i18n.UI_LANGUAGES)
def test_every_phrase_fills_for_every_month(language: str) -> None:
    """Each locale's patterns use only the forms its language has (no KeyError, no '{')."""
    for use in dates.DATE_USES:
        for month in range(1, 13):
            for value in (PartialDate(2024, month, 1), PartialDate(2024, month)):
                phrase = dates.date_phrase(value, language, use)
                assert "{" not in phrase and "2024" in phrase, (language, use, month)
        assert dates.date_phrase(PartialDate(2024), language, use)


def test_finnish_months_in_sentences_are_never_nominative() -> None:
    for month, stem in enumerate(dates.FINNISH_MONTH_STEMS, start=1):
        value = PartialDate(2024, month)
        assert dates.date_phrase(value, "fi", "since") == f"{stem}sta 2024 alkaen"
        assert dates.date_phrase(value, "fi", "at") == f"{stem}ssa 2024"


def test_pages_write_dates_in_sentences_in_each_languages_grammar(
        make_site: SiteFactory) -> None:
    site = make_site({
        "network.yaml": "name: {fi: Verkosto, sv: Nätverket, en: Network}\nfounded: 2010-09\n",
        "members/gamma.yaml": "name: Gamma\nsector: ngo\nleft: 2023\n",
        "ties.yaml": "ties:\n  - between: [alpha, beta]\n    since: 2018-10\n",
    })
    files = render_site(site, ("public",)).profiles["public"].files
    card = {prefix: files[f"{prefix}index.html"].decode() for prefix in ("", "sv/", "en/")}
    assert "Yhteistyössä syyskuusta 2010 alkaen" in card[""]
    assert "Vi samarbetar sedan september 2010" in card["sv/"]
    assert "Working together since September 2010" in card["en/"]
    alpha = files["members/alpha/index.html"].decode()
    assert "lokakuusta 2018 alkaen" in alpha and "lokakuu 2018 alkaen" not in alpha
    assert "sedan oktober 2018" in files["sv/members/alpha/index.html"].decode()
    gamma = {prefix: files[f"{prefix}members/gamma/index.html"].decode()
             for prefix in ("", "sv/", "en/")}
    assert "Tämä jäsen erosi verkostosta vuonna 2023." in gamma[""]
    assert "Den här medlemmen lämnade nätverket år 2023." in gamma["sv/"]
    assert "This member left the network in 2023." in gamma["en/"]
