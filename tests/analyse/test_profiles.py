"""The analyse stage's results for a build: worked out before any page renders, the same
in every language, each with the sources it read (so that pages showing it re-render
exactly when those change)."""

from __future__ import annotations

import dataclasses

from generator.analyse.evaluation import RoundSummary
from generator.analyse.profiles import analyse_profiles
from generator.build import load_site, profile_views
from generator.model.profile import Profile
from tests.conftest import SiteFactory

ROUNDS = {
    "evaluations/spring.yaml": """\
        title: {fi: Kevät, en: Spring}
        date: 2024-04-02
        responses:
          - {debate: 4, trust: [honesty], comment: {fi: Hyvä, en: Good}}
          - {debate: 2}
        reflection:
          - {learned: {fi: Paljon, en: A lot}}
        """,
    "evaluations/autumn.yaml": """\
        title: Autumn
        date: 2023-10-12
        responses:
          - {debate: 5, dialogue: 3}
        """,
    "competences.yaml": "areas:\n  - {id: x, name: X}\n",
    "members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\ncompetences: {x: 4}\n",
}


def test_rounds_are_summed_up_once_in_numbers_with_what_each_read(
        make_site: SiteFactory) -> None:
    site, _ = load_site(make_site(ROUNDS))
    views, _ = profile_views(site, (Profile.WORKBOOK,))
    rounds = analyse_profiles(views, None, "")[Profile.WORKBOOK].rounds

    assert {f.name for f in dataclasses.fields(RoundSummary)} == {
        "id", "date_sort_key", "respondents", "dimensions", "trust",
        "trust_respondents"}  # no text: no language
    spring = rounds.rounds["spring"]
    assert spring.value.respondents == 2
    assert spring.value.dimensions["debate"].mean == 3.0
    assert any(read == "file:content/evaluations/spring.yaml#responses" for read in spring.reads)
    assert not any("autumn" in read for read in spring.reads)  # its page: its own round only
    assert not any(read.endswith(("#title", "#comment", "#reflection")) for read in spring.reads)

    comparison = rounds.comparison
    assert [summary.id for summary in comparison.value.rounds] == ["autumn", "spring"]
    assert comparison.value.latest is not None and comparison.value.latest.id == "spring"
    assert [point.mean for point in comparison.value.trend["debate"]] == [5.0, 3.0]
    assert "ids:evaluations" in comparison.reads  # a new round changes the comparison
    assert spring.reads <= comparison.reads


def test_each_profile_has_its_own_competence_maps(make_site: SiteFactory) -> None:
    # (competence levels are public only when site.yaml opts them in)
    levels_public = {"site.yaml": "public_sections: [competence-levels]\n"}
    site, _ = load_site(make_site({**ROUNDS, **levels_public}))
    views, _ = profile_views(site, (Profile.WORKBOOK, Profile.PUBLIC))
    analysed = analyse_profiles(views, None, "")
    own, extended = analysed[Profile.PUBLIC].competences.made().value
    assert [member.id for member in own.members] == ["alpha"]
    assert own.coverage["x"].at_least_4 == 1
    assert extended.members == own.members  # no external partners to add
    assert "ids:members" in analysed[Profile.PUBLIC].competences.made().reads
    assert analysed[Profile.PUBLIC].rounds.rounds == {}  # rounds are internal
    assert set(analysed[Profile.WORKBOOK].rounds.rounds) == {"spring", "autumn"}
    assert set(analysed[Profile.PUBLIC].exports) == {
        "network.json", "network.graphml", "network.gexf", "members.csv", "ties.csv"}
