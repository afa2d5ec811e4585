"""The public view fails closed: whatever no rule decided on raises instead of being
published, each type's default visibility is declared once, and a build makes the
public view once."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, get_args

import pytest

from generator.build import load_site, render_site
from generator.content_types.network import NETWORK
from generator.content_types.registry import BUILT_IN
from generator.model import visibility
from generator.model.content_type import ContentType, ContentTypes
from generator.model.profile import Profile
from generator.model.schema import PublicSection
from generator.model.site import Site
from generator.model.visibility import FIELD_RULES, VisibilityRuleMissing, public_view
from tests.conftest import SiteFactory
from tests.model.test_content_errors import single_error

INTERNAL_SERVICE = {"network.yaml": "name: N\nservices:\n  - {id: open, name: Open}\n"
                                    "  - {id: hidden, name: Hidden, visibility: internal}\n"}


def keep_everything(content_type: ContentType, value: Any, filtering: Any) -> Any:
    return value


def replaced(types: ContentTypes, content_type: ContentType) -> ContentTypes:
    return ContentTypes(tuple(content_type if t.name == content_type.name else t
                              for t in types))


@pytest.fixture
def site(make_site: SiteFactory) -> Site:
    loaded, _ = load_site(make_site(INTERNAL_SERVICE))
    return loaded


def test_every_field_of_the_site_has_a_rule() -> None:
    assert set(FIELD_RULES) == {field.name for field in dataclasses.fields(Site)}


def test_a_new_field_of_the_site_without_a_rule_raises(site: Site) -> None:
    @dataclasses.dataclass(frozen=True)
    class SiteWithMinutes(Site):
        minutes: tuple[str, ...] = ("the board's internal minutes",)

    bigger = SiteWithMinutes(**{f.name: getattr(site, f.name) for f in dataclasses.fields(Site)})
    with pytest.raises(VisibilityRuleMissing, match=r"Site\.minutes has no rule"):
        public_view(bigger)


def test_content_of_no_type_raises(site: Site) -> None:
    stray = dataclasses.replace(site, content={**site.content, "minutes": {"a": "secret"}})
    with pytest.raises(VisibilityRuleMissing, match=r"Site\.content\['minutes'\]"):
        public_view(stray)


def test_a_rule_that_keeps_an_internal_list_item_raises(make_site: SiteFactory) -> None:
    careless = replaced(BUILT_IN, dataclasses.replace(NETWORK, public=keep_everything))
    loaded, _ = load_site(make_site(INTERNAL_SERVICE), careless)
    with pytest.raises(VisibilityRuleMissing, match="kept an internal Service"):
        public_view(loaded)


def test_a_rule_that_keeps_an_internal_item_raises(make_site: SiteFactory) -> None:
    members = BUILT_IN.named("members")
    careless = replaced(BUILT_IN, dataclasses.replace(members, public=keep_everything))
    site_dir = make_site({"members/gamma.yaml": "name: Gamma\nvisibility: internal\n"})
    loaded, _ = load_site(site_dir, careless)
    with pytest.raises(VisibilityRuleMissing, match="'members' kept an internal item"):
        public_view(loaded)


def test_the_built_in_rules_leave_internal_things_out(site: Site) -> None:
    public = public_view(site)
    assert public.profile is Profile.PUBLIC
    assert [s.id for s in public.network.services] == ["open"]
    assert [s.id for s in site.network.services] == ["open", "hidden"]


def test_a_default_visibility_is_declared_by_its_type_only() -> None:
    for content_type in BUILT_IN:
        key = content_type.model.model_fields.get("visibility")
        assert key is None or key.default is None, content_type.name


def test_a_build_makes_the_public_view_once(make_site: SiteFactory,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Site] = []
    real = visibility.public_view

    def counted(site: Site) -> Site:
        made.append(site)
        return real(site)

    monkeypatch.setattr(visibility, "public_view", counted)
    site_dir: Path = make_site()
    result = render_site(site_dir)
    assert len(made) == 1
    assert "workbook/card/index.html" in result.files()  # shows it 3 times


# --- public_sections: the analysis stays in the workbook unless site.yaml opts it in ------

ANALYSED = {
    "ties.yaml": "ties:\n  - {between: [alpha, beta], strength: 5}\n",
    "competences.yaml": "areas:\n  - {id: ohjaus, name: Ohjaus}\n"
                        "needs:\n  - {area: ohjaus, level: 5}\n",
    "members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\n"
                          "competences: {ohjaus: 4}\n",
}


def public_of(make_site: SiteFactory, sections: str = "[]") -> Site:
    site_yaml = f"languages: [fi, sv, en]\npublic_sections: {sections}\n"
    loaded, _ = load_site(make_site({**ANALYSED, "site.yaml": site_yaml}))
    return public_view(loaded)


def test_by_default_the_public_view_has_no_strength_level_or_need(
        make_site: SiteFactory) -> None:
    public = public_of(make_site)
    assert [tie.strength for tie in public.ties.ties] == [3]  # the default: says nothing
    assert public.members["alpha"].competences == {}
    assert public.competences.needs == []
    assert [area.id for area in public.competences.areas] == ["ohjaus"]  # areas stay
    assert not any(public.shows(section) for section in get_args(PublicSection))


def test_each_opted_in_section_brings_back_exactly_its_own(make_site: SiteFactory) -> None:
    strength = public_of(make_site, "[tie-strength]")
    assert [tie.strength for tie in strength.ties.ties] == [5]
    assert strength.members["alpha"].competences == {} and strength.competences.needs == []
    levels = public_of(make_site, "[competence-levels]")
    assert levels.members["alpha"].competences == {"ohjaus": 4}
    assert levels.competences.needs == [] and levels.ties.ties[0].strength == 3
    gaps = public_of(make_site, "[competence-gaps]")
    assert [need.area for need in gaps.competences.needs] == ["ohjaus"]
    assert gaps.members["alpha"].competences == {}
    figures = public_of(make_site, "[network-figures]")
    assert figures.shows("network-figures") and not figures.shows("tie-strength")


def test_the_workbook_shows_every_section(make_site: SiteFactory) -> None:
    loaded, _ = load_site(make_site(ANALYSED))
    assert all(loaded.shows(section) for section in get_args(PublicSection))
    assert loaded.ties.ties[0].strength == 5


def test_a_section_name_a_theme_misspells_raises(site: Site) -> None:
    with pytest.raises(ValueError, match="no public section 'network-figure'"):
        site.shows("network-figure")  # type: ignore[arg-type]


def test_an_unknown_public_section_is_a_content_error(make_site: SiteFactory) -> None:
    error = single_error(make_site({"site.yaml": "public_sections: [network-figure]\n"}))
    assert "content/site.yaml:1:19" in error
    assert "did you mean 'network-figures'?" in error
