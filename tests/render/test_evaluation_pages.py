"""Evaluation pages: the 6D dimensions named in the page's language, trust that was not
asked shown as such (never 0 %), and a caution below five respondents."""

from __future__ import annotations

import re

import pytest

from generator.analyse.evaluation import DIMENSIONS
from generator.build import render_site
from generator.render import i18n
from tests.conftest import SiteFactory

ENGLISH_NAMES = {"Debate", "Dialogue", "Difference", "Distinction", "Deal", "Documentation"}
PREFIXES = ("", "sv/", "en/")


def evaluation(respondents: int, trust: bool) -> str:
    rows = "".join(f"  - debate: {1 + n % 5}\n    dialogue: 3\n"
                   + ("    trust: [honesty]\n" if trust else "")
                   for n in range(respondents))
    return f"title: Kierros\ndate: 2024-10\nresponses:\n{rows}"


def pages(make_site: SiteFactory, files: dict[str, str]) -> dict[str, str]:
    rendered = render_site(make_site(files), ("workbook",)).profiles["workbook"].files
    return {path: content.decode() for path, content in rendered.items()
            if path.endswith(".html")}


@pytest.mark.parametrize("language", ("fi", "sv"))
def test_each_dimension_is_named_in_the_pages_language(language: str) -> None:
    texts = i18n.texts(language)
    for dimension in DIMENSIONS:
        name = texts[f"sixd.{dimension}.name"]
        assert not set(re.findall(r"\w+", name)) & ENGLISH_NAMES, (language, name)


def test_the_round_page_heads_each_dimension_in_its_language(make_site: SiteFactory) -> None:
    html = pages(make_site, {"evaluations/r.yaml": evaluation(6, trust=True)})
    for prefix in PREFIXES:
        language = prefix.rstrip("/") or "fi"
        headings = re.findall(r'<h3 id="dim-[a-z]+">([^<]*)</h3>',
                              html[f"{prefix}evaluations/r/index.html"])
        assert headings == [i18n.texts(language)[f"sixd.{d}.name"] for d in DIMENSIONS]
    assert "Erilaisuus" in html["evaluations/r/index.html"]
    assert "Difference" not in html["evaluations/r/index.html"]


def test_trust_not_asked_is_said_not_shown_as_zero(make_site: SiteFactory) -> None:
    html = pages(make_site, {"evaluations/r.yaml": evaluation(6, trust=False)})
    for prefix in PREFIXES:
        language = prefix.rstrip("/") or "fi"
        texts = i18n.texts(language)
        for page in (f"{prefix}evaluations/r/index.html", f"{prefix}evaluations/index.html"):
            trust = html[page].split('id="trust-h"', 1)[1]
            assert texts["trust.not_asked"] in trust, page
            assert "0 %" not in trust and "0%" not in trust, page
            assert "<svg" not in trust, page


def test_a_factor_asked_and_not_chosen_is_a_true_zero(make_site: SiteFactory) -> None:
    html = pages(make_site, {"evaluations/r.yaml": evaluation(6, trust=True)})
    trust = html["en/evaluations/r/index.html"].split('id="trust-h"', 1)[1]
    assert "The shares are of the 6 respondents who named at least one factor." in trust
    honesty = re.search(r"Honest action</th><td[^>]*>6</td><td[^>]*>([^<]*)</td>", trust)
    compassion = re.search(r"compassion and care</th><td[^>]*>0</td><td[^>]*>([^<]*)</td>",
                           trust, re.I)
    assert honesty is not None and honesty.group(1) == "100%"
    assert compassion is not None and compassion.group(1) == "0%"


def test_fewer_than_five_respondents_come_with_a_caution(make_site: SiteFactory) -> None:
    html = pages(make_site, {"evaluations/few.yaml": evaluation(3, trust=True),
                             "evaluations/enough.yaml": evaluation(5, trust=True)})
    expected = {"": "Vain 3 vastaajaa:", "sv/": "Bara 3 svarande:",
                "en/": "Only 3 respondents:"}
    for prefix, caution in expected.items():
        assert caution in html[f"{prefix}evaluations/few/index.html"]
        assert 'class="notice caution"' not in html[f"{prefix}evaluations/enough/index.html"]
    index = html["en/evaluations/index.html"]
    rows = {found.group(1): found.group(0)
            for found in re.finditer(r'href="(few|enough)/index.html".*?</tr>', index, re.S)}
    assert "few respondents" in rows["few"] and "few respondents" not in rows["enough"]


def test_one_respondent_reads_as_one(make_site: SiteFactory) -> None:
    html = pages(make_site, {"evaluations/r.yaml": evaluation(1, trust=True)})
    assert "Vain yksi vastaaja:" in html["evaluations/r/index.html"]
    assert "Only one respondent:" in html["en/evaluations/r/index.html"]
