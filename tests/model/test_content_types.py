"""A content type declared in one place: a test adds `events/<id>.yaml` with a model, a
route, pages and a template of its own, and netcard loads, checks, routes, renders,
filters and rebuilds it like its built-in types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import Field

from generator.build import build, load_site, render_site
from generator.content_types.registry import BUILT_IN
from generator.errors import ContentErrors
from generator.load.content import Source
from generator.model.content_type import ContentType, ContentTypes
from generator.model.schema import Model
from generator.model.types import Id, PartialDate, Text, Visibility, VisibilityKey
from generator.render.pages import PageContext, PageSpec, titled
from tests.conftest import SiteFactory

LANGUAGES = ("", "sv/", "en/")
EVENT_TEMPLATE = ('{% extends "base.html" %}{% block main %}<h1>{{ page_title }}</h1>'
                  '<p class="when">{{ nc.date(event.date) }}</p>{% endblock %}')


class Event(Model):
    id: Id = Field("", exclude=True)
    title: Text
    date: PartialDate
    visibility: VisibilityKey | None = None


def _event_pages(context: PageContext) -> list[PageSpec]:
    events: dict[str, Event] = context.site.collection("events")
    return [PageSpec(f"events/{event.id}/index.html", "event.html", "events",
                     titled(event, event.id), _event_data(event))
            for event in events.values()]


def _event_data(event: Event) -> Any:
    return lambda: {"event": event}


def with_events(default: Visibility) -> ContentTypes:
    """The built-in types and events, whose files are `default` unless they say."""
    return BUILT_IN.adding(ContentType(
        name="events", source=Source("events", ".yaml"), model=Event, visibility=default,
        route="events/{id}/index.html", pages=_event_pages))


EVENT_SITE = {
    "events/launch.yaml": "title: {fi: Julkistus, sv: Lansering, en: Launch}\ndate: 2025-03-14\n",
    "pages/about.md": "---\ntitle: Tietoa\n---\nKatso [julkistus](events/launch.yaml).\n",
    "members/beta.yaml": "name: Beta\nsector: employment\n",
}


def event_site(make_site: SiteFactory, files: dict[str, str] | None = None) -> Path:
    """The minimal site with events, a page linking to one, and the events' template in
    the site's theme folder."""
    site = make_site({**EVENT_SITE, **(files or {})})
    template = site / "themes" / "default" / "templates" / "event.html"
    template.parent.mkdir(parents=True)
    template.write_text(EVENT_TEMPLATE, encoding="utf-8")
    return site


def test_without_its_type_an_event_folder_is_not_content(make_site: SiteFactory) -> None:
    site = event_site(make_site)
    with pytest.raises(ContentErrors) as caught:
        load_site(site)
    assert [e.message for e in caught.value.errors] == [
        "'events' is not a content file or folder"]


def test_a_bad_event_is_reported_at_its_file_line_and_column(make_site: SiteFactory) -> None:
    site = event_site(make_site, {"events/launch.yaml": "title: Launch\ndate: 2025-02-30\n"
                                                        "place: x\n"})
    with pytest.raises(ContentErrors) as caught:
        load_site(site, with_events(Visibility.PUBLIC))
    assert [error.format().splitlines()[0] for error in caught.value.errors] == [
        "content/events/launch.yaml:2:7: error: date: '2025-02-30' is not a real date",
        "content/events/launch.yaml:3:1: error: unknown key 'place'"]


def test_an_event_is_routed_rendered_and_linked_to(make_site: SiteFactory) -> None:
    site = event_site(make_site)
    files = render_site(site, types=with_events(Visibility.PUBLIC)).files()
    for profile in ("public", "workbook"):
        page = files[f"{profile}/en/events/launch/index.html"].decode()
        assert "<h1>Launch</h1>" in page and '<p class="when">March 14, 2025</p>' in page
        about = files[f"{profile}/about/index.html"].decode()
        assert '<a href="../events/launch/index.html">julkistus</a>' in about


@pytest.mark.parametrize(("default", "launch"), [
    (Visibility.INTERNAL, EVENT_SITE["events/launch.yaml"]),
    (Visibility.PUBLIC, EVENT_SITE["events/launch.yaml"] + "visibility: internal\n"),
], ids=["internal by the type's default", "internal by the file"])
def test_an_internal_event_stays_out_of_the_public_card(make_site: SiteFactory,
                                                        default: Visibility,
                                                        launch: str) -> None:
    site = event_site(make_site, {
        "events/launch.yaml": launch,
        "events/meetup.yaml": "title: Meetup\ndate: 2025-04\nvisibility: public\n"})
    result = render_site(site, types=with_events(default))
    files = result.files()
    assert "workbook/events/launch/index.html" in files
    assert "public/events/meetup/index.html" in files
    assert not [path for path in files if "launch" in path and path.startswith("public/")]
    assert not any(b"Julkistus" in content for path, content in files.items()
                   if path.startswith("public/"))
    about = files["public/about/index.html"].decode()
    assert "<span>julkistus</span>" in about  # the link to it is dropped, its text kept
    assert ("about/index.html", "events/launch.yaml") in result.profiles["public"].broken_links


@pytest.mark.slow
def test_an_edited_event_re_renders_its_page_and_nothing_else(make_site: SiteFactory) -> None:
    site = event_site(make_site)
    types = with_events(Visibility.PUBLIC)
    build(site, site / "output", types=types)
    (site / "content/events/launch.yaml").write_text(
        "title: {fi: Julkistus, sv: Lansering, en: Launch}\ndate: 2025-03-15\n", encoding="utf-8")
    result = build(site, site / "output", types=types)
    expected = {prefix + "events/launch/index.html" for prefix in LANGUAGES}
    assert {name: set(profile.rendered) for name, profile in result.profiles.items()} == {
        "public": expected, "workbook": expected}
    page = (site / "output/public/en/events/launch/index.html").read_text(encoding="utf-8")
    assert "March 15, 2025" in page


def test_a_type_added_for_one_test_is_in_no_other_registry() -> None:
    assert "events" in {t.name for t in with_events(Visibility.PUBLIC)}
    assert "events" not in {t.name for t in BUILT_IN}
    with pytest.raises(ValueError, match="two content types have the name events"):
        with_events(Visibility.PUBLIC).adding(with_events(Visibility.INTERNAL).named("events"))
