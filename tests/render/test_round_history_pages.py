"""The evaluation rounds over time in the workbook: each round's page says what changed
since the previous round, the evaluations page draws the dimensions and the trust factors
across the rounds; in fi, sv and en, never on the public card, the same bytes each time."""

from __future__ import annotations

import re

import pytest

from generator.analyse.round_history import TrustPoint
from generator.build import build, render_site
from generator.render.trust_trend_chart import trust_trend_chart
from tests.conftest import SiteFactory

PREFIXES = {"fi": "", "sv": "sv/", "en": "en/"}


def round_file(title: str, date: str, rows: list[str], visibility: str = "") -> str:
    responses = "".join(f"  - {{{row}}}\n" for row in rows)
    extra = f"visibility: {visibility}\n" if visibility else ""
    return (f"title: {{fi: {title}-fi, sv: {title}-sv, en: {title}}}\ndate: {date}\n{extra}"
            f"responses:\n{responses}")


# The rounds of tests/analyse/test_round_history.py, as content.
AUTUMN = round_file("Autumn", "2023-10-12", [
    "debate: 3, dialogue: 2, deal: 3, trust: [honesty, respect]",
    "debate: 3, dialogue: 2, deal: 3, trust: [honesty, respect]",
    "debate: 4, dialogue: 2, deal: 3, trust: [openness, respect]",
    "debate: 2, dialogue: 2, deal: 4, trust: [respect]",
])
SPRING = round_file("Spring", "2024-04-03", [
    "debate: 4, dialogue: 2, deal: 3, documentation: 1, trust: [honesty, respect]",
    "debate: 4, dialogue: 2, deal: 3, documentation: 2, trust: [honesty]",
    "debate: 4, dialogue: 2, deal: 3, documentation: 3, trust: [honesty]",
    "debate: 4, dialogue: 2, deal: 3, trust: [openness, respect]",
    "debate: 4, dialogue: 3, deal: 4, trust: [listening]",
])
WINTER = round_file("Winter", "2024-12", ["debate: 4", "debate: 4", "debate: 5, dialogue: 1"])


def pages(make_site: SiteFactory, files: dict[str, str],
          profiles: tuple[str, ...] = ("workbook",)) -> dict[str, dict[str, str]]:
    built = render_site(make_site(files), profiles).profiles
    return {profile: {path: content.decode() for path, content in built[profile].files.items()
                      if path.endswith(".html")} for profile in profiles}


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def section(html: str, heading_id: str) -> str:
    start = html.rindex("<section", 0, html.index(f'id="{heading_id}"'))
    return html[start:html.index("</section>\n", start)]


def since(html: dict[str, str], language: str, round_id: str) -> str:
    return section(html[f"{PREFIXES[language]}evaluations/{round_id}/index.html"], "since-h")


@pytest.fixture
def two_rounds(make_site: SiteFactory) -> dict[str, str]:
    return pages(make_site, {"evaluations/autumn.yaml": AUTUMN,
                             "evaluations/spring.yaml": SPRING})["workbook"]


@pytest.fixture
def three_rounds(make_site: SiteFactory) -> dict[str, str]:
    return pages(make_site, {"evaluations/autumn.yaml": AUTUMN, "evaluations/spring.yaml": SPRING,
                             "evaluations/winter.yaml": WINTER})["workbook"]


EXPECTED_SINCE = {
    "en": ['The previous round: <a href="../autumn/index.html">Autumn</a> (October 12, 2023).',
           "The number of respondents rose by one (4 then, 5 now).",
           "A mean that moved less than 0.2 points (on the scale 1–5) counts as about the same.",
           "<strong>Debate</strong>: up from 3.0 to 4.0.",
           "<strong>Dialogue</strong>: up from 2.0 to 2.2.",
           "<strong>Deal</strong>: about the same, 3.2 before and 3.2 now.",
           "<strong>Documentation</strong>: new: no answers in the previous round, 2.0 now.",
           "A share that moved less than 5 percentage points counts as about the same.",
           "<strong>Honest action</strong>: up from 50% to 60%.",
           "<strong>Respecting colleagues as equal partners</strong>: down from 100% to 40%.",
           "<strong>Showing compassion and care</strong>: about the same, 0% before and 0% now."],
    "fi": ['Edellinen kierros: <a href="../autumn/index.html">Autumn-fi</a> (12. lokakuuta 2023).',
           "Vastaajia oli yksi enemmän kuin edellisellä kierroksella (silloin 4, nyt 5).",
           "Jos keskiarvo muuttui alle 0,2 pistettä (asteikolla 1–5), sen katsotaan pysyneen "
           "lähes ennallaan.",
           "<strong>Debatti</strong>: nousi, edellisellä kierroksella 3,0 ja nyt 4,0.",
           "<strong>Sopiminen</strong>: pysyi lähes ennallaan, edellisellä kierroksella 3,2 ja "
           "nyt 3,2.",
           "<strong>Dokumentointi</strong>: uusi: edellisellä kierroksella ei vastauksia, nyt 2,0.",
           "Jos osuus muuttui alle 5 prosenttiyksikköä, sen katsotaan pysyneen lähes ennallaan.",
           "<strong>Rehellinen toiminta</strong>: nousi, edellisellä kierroksella 50\xa0% ja nyt "
           "60\xa0%."],
    "sv": ['Föregående omgång: <a href="../autumn/index.html">Autumn-sv</a> (12 oktober 2023).',
           "Antalet svarande ökade med en (4 då, 5 nu).",
           "Ett medelvärde som har ändrats mindre än 0,2 poäng (på skalan 1–5) räknas som "
           "ungefär som förut.",
           "<strong>Debatt</strong>: steg från 3,0 till 4,0.",
           "<strong>Överenskommelse</strong>: ungefär som förut, 3,2 i förra omgången och 3,2 nu.",
           "<strong>Dokumentation</strong>: ny: inga svar i förra omgången, 2,0 nu.",
           "<strong>Ärligt agerande</strong>: steg från 50\xa0% till 60\xa0%."],
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_round_says_what_changed_since_the_previous_one(two_rounds: dict[str, str],
                                                         language: str) -> None:
    text = re.sub(r"[ \n]+", " ", since(two_rounds, language, "spring"))
    for sentence in EXPECTED_SINCE[language]:
        assert sentence in text, sentence
    # the previous round had four respondents: the changes come with a caution
    assert 'class="notice caution"' in text


@pytest.mark.parametrize(("language", "words"), [
    ("fi", "Tämä on ensimmäinen arviointikierros"),
    ("sv", "Det här är den första utvärderingsomgången"),
    ("en", "This is the first evaluation round"),
])
def test_the_first_round_says_it_is_the_first(two_rounds: dict[str, str], language: str,
                                              words: str) -> None:
    first = since(two_rounds, language, "autumn")
    assert words in first
    assert "<li" not in first and "caution" not in first


def test_a_third_round_compares_with_the_second(three_rounds: dict[str, str]) -> None:
    text = re.sub(r"[ \n]+", " ", since(three_rounds, "en", "winter"))
    assert 'The previous round: <a href="../spring/index.html">Spring</a>' in text
    assert "The number of respondents fell by 2 (5 then, 3 now)." in text
    assert "<strong>Debate</strong>: up from 4.0 to 4.3." in text
    assert "<strong>Dialogue</strong>: down from 2.2 to 1.0." in text
    assert "<strong>Deal</strong>: missing: 3.2 in the previous round, no answers now." in text
    assert "This round did not ask what builds trust; the previous round did." in text
    assert "Honest action" not in text
    finnish = re.sub(r"[ \n]+", " ", since(three_rounds, "fi", "winter"))
    assert "Vastaajia oli 2 vähemmän kuin edellisellä kierroksella (silloin 5, nyt 3)." in finnish
    assert "<strong>Sopiminen</strong>: puuttuu: edellisellä kierroksella 3,2, nyt ei " \
           "vastauksia." in finnish
    swedish = re.sub(r"[ \n]+", " ", since(three_rounds, "sv", "winter"))
    assert "Antalet svarande minskade med 2 (5 då, 3 nu)." in swedish


def test_the_round_page_keeps_its_completed_actions(make_site: SiteFactory) -> None:
    future = ("title: Plan\ndate: 2023-01-10\nactions:\n"
              "  - {action: Finished, due: 2024-01, status: done, done: 2024-01-20}\n")
    html = pages(make_site, {"futures/plan.yaml": future, "evaluations/autumn.yaml": AUTUMN,
                             "evaluations/spring.yaml": SPRING})["workbook"]
    spring = main_of(html["en/evaluations/spring/index.html"])
    assert 'id="since-h"' in spring and ">Finished<" in spring
    assert "Actions completed since the previous round" in spring


def trends(html: dict[str, str], language: str) -> str:
    return section(html[f"{PREFIXES[language]}evaluations/index.html"], "trend-h")


def test_the_evaluations_page_draws_dimensions_and_trust_across_rounds(
        three_rounds: dict[str, str]) -> None:
    text = trends(three_rounds, "en")
    assert text.count("<svg") == 2
    trust = text[text.index('id="trust-trend-h"'):]
    chart = trust[trust.index("<svg"):trust.index("</svg>")]
    assert chart.count('class="nc-trend-row"') == 8
    labels = re.findall(r'class="nc-label nc-round-label"[^>]*>([^<]*)<', chart)
    assert labels == ["October 12, 2023", "April 3, 2024", "December 2024"]
    assert "Honest action: October 12, 2023: 50%; April 3, 2024: 60%; December 2024: not asked." \
        in chart
    table = trust[trust.index("<table"):trust.index("</table>")]
    honesty = re.search(r"Honest action</th>(.*?)</tr>", table, re.S)
    assert honesty is not None
    assert re.findall(r"<td[^>]*>(.*?)</td>", honesty.group(1)) == [
        "50%", "60%", '<span class="muted">not asked</span>']
    assert ("2 rounds (Autumn, Winter) had fewer than 5 respondents: read their figures as "
            "indicative.") in text
    assert "2 kierroksella (Autumn-fi, Winter-fi) oli alle 5 vastaajaa" in trends(three_rounds,
                                                                                    "fi")
    assert "2 omgångar (Autumn-sv, Winter-sv) hade färre än 5 svarande" in trends(three_rounds,
                                                                                 "sv")


def test_a_chart_text_is_never_under_12_px(three_rounds: dict[str, str]) -> None:
    text = trends(three_rounds, "sv")
    sizes = {float(size) for size in re.findall(r'font-size="([^"]*)"', text)}
    assert sizes and min(sizes) >= 12
    assert 'lang="sv"' in text


@pytest.mark.parametrize(("language", "words"), [
    ("fi", "Kehityksen seuraamiseen tarvitaan vähintään kaksi arviointikierrosta."),
    ("sv", "För att se en utveckling behövs minst två utvärderingsomgångar."),
    ("en", "Trends need at least two evaluation rounds."),
])
def test_one_round_says_trends_need_two_and_draws_no_chart(make_site: SiteFactory,
                                                           language: str, words: str) -> None:
    html = pages(make_site, {"evaluations/autumn.yaml": AUTUMN})["workbook"]
    text = trends(html, language)
    assert words in text
    assert "<svg" not in text and "<table" not in text


def test_trust_asked_in_one_round_only_is_said(make_site: SiteFactory) -> None:
    html = pages(make_site, {"evaluations/autumn.yaml": AUTUMN,
                             "evaluations/winter.yaml": WINTER})["workbook"]
    text = trends(html, "en")
    assert text.count("<svg") == 1  # the dimensions only
    assert "Only one round has asked what builds trust" in text
    never = pages(make_site, {"evaluations/a.yaml": WINTER,
                              "evaluations/b.yaml": WINTER.replace("2024-12", "2025-01")})
    assert "No round has asked what builds trust yet." in trends(never["workbook"], "en")


def test_the_public_card_never_compares_rounds(make_site: SiteFactory) -> None:
    """A public round's page on the card says nothing of the rounds before it (the
    previous one may be internal) and its evaluations page draws no trends."""
    files = {"evaluations/autumn.yaml": AUTUMN,
             "evaluations/spring.yaml": SPRING.replace("date:", "visibility: public\ndate:"),
             "evaluations/winter.yaml": WINTER.replace("date:", "visibility: public\ndate:")}
    html = pages(make_site, files, ("public", "workbook"))
    assert 'id="since-h"' in html["workbook"]["en/evaluations/spring/index.html"]
    public = html["public"]
    assert "en/evaluations/spring/index.html" in public
    words = ("since-h", "round-trends", "round-changes", "trust-trend", "Autumn",
             "Since the previous round", "Sedan föregående omgång",
             "Muutokset edellisestä kierroksesta", "This is the first evaluation round",
             "Trends need at least two")
    for path, page in public.items():
        for word in words:
            assert word not in page, (path, word)


def test_the_same_rounds_give_the_same_bytes(make_site: SiteFactory) -> None:
    files = {"evaluations/autumn.yaml": AUTUMN, "evaluations/spring.yaml": SPRING,
             "evaluations/winter.yaml": WINTER}
    first = pages(make_site, files)["workbook"]
    second = pages(make_site, files)["workbook"]
    evaluation_pages = [path for path in first if "evaluations/" in path]
    assert len(evaluation_pages) == 12
    assert all(first[path] == second[path] for path in evaluation_pages)


@pytest.mark.slow
def test_editing_the_previous_round_re_renders_the_next_rounds_page(
        make_site: SiteFactory) -> None:
    site = make_site({"evaluations/autumn.yaml": AUTUMN, "evaluations/spring.yaml": SPRING})
    build(site, site / "output")
    (site / "content/evaluations/autumn.yaml").write_text(
        AUTUMN.replace("debate: 2,", "debate: 5,"), encoding="utf-8")  # debate 3 -> 3.75
    rendered = build(site, site / "output").profiles["workbook"].rendered
    assert {"evaluations/spring/index.html", "evaluations/index.html"} <= set(rendered)
    page = (site / "output/workbook/en/evaluations/spring/index.html").read_text("utf-8")
    assert "<strong>Debate</strong>: up from 3.8 to 4.0." in page


def point(share: float | None) -> TrustPoint:
    return TrustPoint("r", share, 0, 0)


def test_the_chart_escapes_text_and_ends_a_long_last_label_at_its_round() -> None:
    chart = str(trust_trend_chart(
        {"honesty": [point(0.5), point(None)]}, labels={"honesty": "A <b> & C"},
        round_labels=["first", "a rather long last round label"], fmt_percent=lambda v: f"{v:.0%}",
        not_asked="not asked", title="T", lang="en"))
    assert "A &lt;b&gt; &amp; C" in chart and "<b>" not in chart
    last = re.findall(r'<text class="nc-label nc-round-label"[^>]*text-anchor="(\w+)"', chart)
    assert last == ["middle", "end"]
    assert ">not asked</text>" in chart
    assert chart.count("<circle") == 1 and "<polyline" not in chart
    with pytest.raises(ValueError, match="honesty"):
        trust_trend_chart({"honesty": [point(0.5)]}, labels={}, round_labels=["a", "b"],
                          fmt_percent=str, not_asked="", title="", lang="en")
