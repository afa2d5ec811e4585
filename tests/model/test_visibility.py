"""The public view fails closed: whatever no rule decided on raises instead of being
published, each type's default visibility is declared once, and a build makes the
public view once."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from generator.build import load_site, render_site
from generator.content_types.network import NETWORK
from generator.content_types.registry import BUILT_IN
from generator.model import visibility
from generator.model.content_type import ContentType, ContentTypes
from generator.model.profile import Profile
from generator.model.site import Site
from generator.model.visibility import FIELD_RULES, VisibilityRuleMissing, public_view
from tests.conftest import SiteFactory

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
    assert "workbook/workbook/card-preview/index.html" in result.files()  # shows it 3 times
