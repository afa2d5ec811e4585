"""The public card keeps the network's analysis to the workbook: by default no analysis
text, betweenness, Burt's constraint or effective size, tie strength, competence level or
gap is on any public page or in its search index, and no "no description yet" either. A
section that site.yaml's `public_sections` opts in appears, and only that one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import build
from generator.render import i18n
from tests.conftest import write_site
from tests.search.test_search_index import fragments

LANGUAGES = ("fi", "sv", "en")
SECTIONS = ("network-figures", "competence-levels", "competence-gaps", "tie-strength")

ANALYSED_SITE = {
    "site.yaml": "languages: [fi, sv, en]\n",
    "network.yaml": "name: {fi: Verkosto, sv: Nätverket, en: The network}\n",
    "members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\n"
                          "description: Alpha teaches.\ncompetences: {ohjaus: 4, rekry: 2}\n",
    "members/beta.yaml": "name: Beta\nsector: employment\ndescription: Beta employs.\n"
                         "competences: {ohjaus: 3}\n",
    "members/gamma.yaml": "name: Gamma\nsector: ngo\n",  # no description, no tie
    "members/delta.yaml": "name: Delta\nsector: municipality\ndescription: Delta decides.\n",
    "ties.yaml": "ties:\n  - {between: [alpha, beta], strength: 5}\n"
                 "  - {between: [beta, delta], strength: 1}\n"
                 "  - {from: alpha, to: delta, strength: 2}\n",
    "competences.yaml": "areas:\n  - {id: ohjaus, name: Ohjaus}\n  - {id: rekry, name: Rekry}\n"
                        "needs:\n  - {area: rekry, level: 5, note: Tarvitsemme rekrytoijan.}\n",
}


def markers(section: str, language: str) -> list[str]:
    """Texts only the given section shows, in one language."""
    t = i18n.translate
    if section == "network-figures":
        return [t(language, f"metrics.{key}.name") for key in
                ("constraint", "effective_size", "betweenness")] + [
            t(language, "network.reading_title"), t(language, "member.network_title")]
    if section == "tie-strength":
        return [t(language, "graph.strength_legend"),
                *(t(language, "tie.strength_n", n=n) for n in (1, 2, 5))]
    if section == "competence-levels":
        return [t(language, "competences.map"), 'class="level level-']
    assert section == "competence-gaps"
    return [t(language, "competences.needs"), t(language, "competences.need_level", level=5),
            "Tarvitsemme rekrytoijan"]


PLACEHOLDERS = ("member.no_description", "member.no_description_hint", "member.no_ties",
                "coordination.no_groups", "futures.column_empty")


def public_texts(output: Path) -> dict[str, str]:
    """Every public page's HTML and every page of the public search index, by name."""
    public = output / "public"
    texts = {str(path.relative_to(public)): path.read_text(encoding="utf-8")
             for path in public.rglob("*.html")}
    for fragment in fragments(public / "pagefind"):
        texts[f"search index: {fragment['url']}"] = str(fragment["content"])
    return texts


def found(texts: dict[str, str], wanted: list[str]) -> list[str]:
    return [f"{text!r} in {name}" for name, html in texts.items() for text in wanted
            if text in html]


def built(root: Path, sections: list[str]) -> Path:
    files = {**ANALYSED_SITE,
             "site.yaml": f"languages: [fi, sv, en]\npublic_sections: [{', '.join(sections)}]\n"}
    write_site(root, files, base=False)
    build(root, root / "output")
    return root / "output"


@pytest.fixture(scope="module")
def default_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("no-sections"), [])


def test_by_default_no_public_page_or_search_entry_shows_analysis(default_output: Path,
                                                                  example_output: Path) -> None:
    for output in (default_output, example_output):
        texts = public_texts(output)
        leaks = found(texts, [m for s in SECTIONS for language in LANGUAGES
                              for m in markers(s, language)])
        assert leaks == []
        # nor the measures in the graph's data, nor the lecture the reading cites
        assert not any(re.search(r'"figures":\["', html) for html in texts.values())
        assert found(texts, ["Luennossa", "lecture"]) == []


def test_the_workbook_shows_every_section(default_output: Path) -> None:
    workbook = {str(p): p.read_text(encoding="utf-8")
                for p in (default_output / "workbook").rglob("*.html")}
    for section in SECTIONS:
        assert found(workbook, markers(section, "fi")), section


def test_no_placeholder_reaches_the_public_site(default_output: Path,
                                                example_output: Path) -> None:
    for output in (default_output, example_output):
        texts = public_texts(output)
        assert found(texts, [i18n.translate(language, key).split("{")[0]
                             for key in PLACEHOLDERS for language in LANGUAGES]) == []
    # the workbook tells the coordinator what is missing, and where to add it
    gamma = (default_output / "workbook/en/members/gamma/index.html").read_text()
    assert "Add description: to content/members/gamma.yaml" in gamma


@pytest.mark.slow
@pytest.mark.parametrize("section", SECTIONS)
def test_an_opted_in_section_shows_and_only_it(section: str,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    texts = public_texts(built(tmp_path_factory.mktemp(section), [section]))
    for language in LANGUAGES:
        assert found(texts, markers(section, language)), (section, language)
    others = [m for other in SECTIONS if other != section for language in LANGUAGES
              for m in markers(other, language)]
    assert found(texts, others) == []


WHAT_IF_KEYS = ("what_if.title", "what_if.lead", "what_if.suggest_title",
                "what_if.suggest_lead", "what_if.member_section")


def test_the_what_ifs_stay_in_the_workbook_even_with_the_network_figures_public(
        default_output: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """What would happen if a broker left, and the ties suggested, are the coordinators'
    own reading: no public_sections part publishes them."""
    wanted = [i18n.translate(language, key) for key in WHAT_IF_KEYS for language in LANGUAGES]
    opted_in = built(tmp_path_factory.mktemp("what-if"), list(SECTIONS))
    for output in (default_output, opted_in):
        assert found(public_texts(output), wanted) == []
    workbook = {str(p): p.read_text(encoding="utf-8")
                for p in (default_output / "workbook").rglob("network/index.html")}
    for language in LANGUAGES:
        assert found(workbook, [i18n.translate(language, "what_if.title")]), language
