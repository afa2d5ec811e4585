"""The network over time on one stable layout (analyse/timeline.py), drawn on the history
page (render/timeline_view.py) with a time slider (netcard-timeline.js), and each saved
version's change drawn on the same layout. A real git repository with several commits
is made in tmp_path, with fixed dates, so the bytes are fixed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.analyse.history import CommitState, GitHistory, TieRef
from generator.analyse.layout import compute_layout
from generator.analyse.timeline import (
    ALWAYS,
    Interval,
    member_presence,
    present,
    tie_presence,
    timeline_of,
)
from generator.build import build, load_site
from generator.bundle import make_bundle
from generator.diff.history import read_history
from generator.model.site import Site
from generator.render.timeline_view import change_svg, timeline_svg
from tests.history.test_history import history_repo

PAGE = "workbook/en/history/index.html"
NEW_TIE = "  - between: [uusi-jasen, esimerkkiopisto]\n    type: cooperation\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """test_history's repository, its new member joining with a tie (no dates)."""
    return history_repo(tmp_path, monkeypatch, NEW_TIE)


def _load(folder: Path) -> Site:
    return load_site(folder)[0]


def _history(repo: Path) -> tuple[Site, GitHistory]:
    site_dir = repo / "site"
    return _load(site_dir), read_history(site_dir, None, _load)


def test_presence_from_the_dates_and_the_commits(repo: Path) -> None:
    site, history = _history(repo)
    members = member_presence(site, history)
    assert members["uusi-jasen"] == (Interval("2024-02-20", ""),)  # from its commit
    assert members["esimerkkihanke"] == (Interval("2024-08-00", "2024-12-00"),)  # its dates
    assert members["esimerkkiyritys"] == ALWAYS  # in the oldest commit, no date
    # deleted from the content: the commits say when it was there
    assert members["kokemusasiantuntijat"] == (Interval("", "2024-03-05"),)
    ties = tie_presence(site, history, members)
    new_tie = next(ref for ref in ties if "uusi-jasen" in (ref.first, ref.second))
    # the tie's own start is its commit; it is drawn only once both members are there
    assert ties[new_tie] == (Interval("2024-08-00", ""),)
    gone = [ref for ref in ties if "kokemusasiantuntijat" in (ref.first, ref.second)]
    assert gone and all(ties[ref] == () for ref in gone)  # the member left before it


def test_presence_from_the_dates_alone_outside_git(repo: Path) -> None:
    site = _load(repo / "site")
    members = member_presence(site, None)
    assert members["uusi-jasen"] == ALWAYS  # no date and no commits: from the beginning
    assert members["esimerkkiyhdistys"] == (Interval("2025-01-00", ""),)
    assert "kokemusasiantuntijat" not in members


def test_one_layout_of_every_member_that_ever_was(repo: Path) -> None:
    import networkx as nx

    site, history = _history(repo)
    timeline = timeline_of(site, history)
    ids = {member.id for member in timeline.members}
    assert ids == set(site.members) | {"kokemusasiantuntijat"}  # the union
    assert timeline.steps[0] < timeline.steps[-1]
    assert {"2024-02-20", "2024-03-05", "2024-08-00", "2024-12-00"} <= set(timeline.steps)
    # the places are one layout of the union, whatever the date: a member is where it is
    # at every step, present or not
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((t.ref.first, t.ref.second) for t in timeline.ties)
    layout = compute_layout(graph)
    assert timeline.positions() == layout
    # and at every step the members present then are drawn where that layout puts them
    # (a member's place is one for the whole timeline, present or not)
    for step in timeline.steps:
        here = {m.id: (m.x, m.y) for m in timeline.members if present(m.presence, step)}
        assert here, step
        assert {member: place for member, place in layout.items() if member in here} == here
    # the steps differ: some member is absent at the first step and present at the last
    first, last = (sum(present(m.presence, step) for m in timeline.members)
                   for step in (timeline.steps[0], timeline.steps[-1]))
    assert first != last
    assert timeline_of(site, history) == timeline  # deterministic


def test_the_svg_carries_each_element_s_times(repo: Path) -> None:
    site, history = _history(repo)
    timeline = timeline_of(site, history)
    names = {member.id: member.id.upper() for member in timeline.members}
    svg = str(timeline_svg(timeline, names, "The network"))
    assert svg == str(timeline_svg(timeline, names, "The network"))
    groups = re.findall(r'<g class="timeline-member( timeline-absent)?" data-member="([^"]+)" '
                        r'data-present="([^"]*)">', svg)
    assert len(groups) == len(timeline.members)
    by_id = {member: (absent, times) for absent, member, times in groups}
    assert by_id["uusi-jasen"] == ("", "2024-02-20/")
    assert by_id["esimerkkihanke"] == (" timeline-absent", "2024-08-00/2024-12-00")
    assert by_id["kokemusasiantuntijat"] == (" timeline-absent", "/2024-03-05")
    assert svg.count("<line") == len(timeline.ties)
    assert "<title>ESIMERKKIOPISTO – UUSI-JASEN</title>" in svg


@pytest.mark.parametrize("across", [300.0, 900.0, 5000.0])
def test_the_picture_of_a_wide_layout_keeps_its_text_12_px_at_its_minimum_width(
        across: float) -> None:
    """However wide the layout, the picture's width is SVG_MIN_WIDTH times its scale, so
    shown at its minimum width (a phone scrolls it sideways) its labels are 12 CSS px:
    a layout 900 units across once made them 11 px, and less on paper."""
    from generator.render.graph_look import SVG_LABEL_PX, SVG_MIN_WIDTH
    from generator.render.timeline_view import Frame

    frame = Frame.of({"a": (0.0, 0.0), "b": (across, 40.0), "c": (across / 2, 300.0)})
    shown_px = frame.font * SVG_MIN_WIDTH / frame.width
    assert shown_px == pytest.approx(SVG_LABEL_PX, abs=0.01)


def test_a_change_is_drawn_added_and_removed_apart() -> None:
    places = {"a": (0.0, 0.0), "b": (90.0, 0.0), "c": (0.0, 90.0), "d": (90.0, 90.0)}
    ab, cd = TieRef("a — b", "a", "b"), TieRef("c — d", "c", "d")
    ac = TieRef("a — c", "a", "c")
    before = CommitState(True, ("a", "b", "c"), (ab, ac))
    after = CommitState(True, ("a", "c", "d"), (ac, cd))
    svg = change_svg(places, before, after, {"a": "Anna", "d": "Dora", "b": "Bert"}, "x")
    assert 'data-change="added" data-member="d"' in svg
    assert 'data-change="removed" data-member="b"' in svg
    assert 'data-change="unchanged" data-member="a"' in svg
    added = re.search(r'<path data-change="added" d="([^"]+)"[^>]*>', svg)
    removed = re.search(r'<path data-change="removed" d="([^"]+)"[^>]*>', svg)
    assert added and added.group(1) == "M0 90L90 90"
    assert removed and removed.group(1) == "M0 0L90 0" and "stroke-dasharray" in removed.group(0)
    assert ">+ Dora</text>" in svg and ">− Bert</text>" in svg  # not by colour alone
    assert "Anna" in svg  # an end of a changed tie is named too
    font_sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
    assert font_sizes and min(font_sizes) >= 12


@pytest.mark.slow
def test_the_history_page_has_the_slider_the_drawings_and_named_ties(
        repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo / "site", out)
    html = (out / PAGE).read_text(encoding="utf-8")
    section = re.search(r'<section aria-labelledby="history-map-h" class="timeline" '
                        r'data-steps="([^"]+)"', html)
    assert section is not None
    steps = section.group(1).split(" ")
    assert steps == sorted(steps) and "2024-02-20" in steps
    assert html.count('<li data-at="') == len(steps)
    assert "The network as it is now (latest change: " in html
    assert 'src="../../assets/netcard-timeline.js"' in html
    assert (out / "workbook/assets/netcard-timeline.js").is_file()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="change-svg"') == 3
    assert "In the drawings of the changes:" in html and "+ before the name" in html
    # the new tie by its members' names, linked, as the years list shows them
    assert re.search(r'One new tie: <a href="\.\./members/esimerkkiopisto/index.html">'
                     r'Example College</a> – <a href="\.\./members/uusi-jasen/index.html">'
                     r'New member</a> \(Cooperation\)</li>', html)
    assert "uusi-jasen — esimerkkiopisto" not in html and " — " not in _lists(html)
    fi = (out / "workbook/history/index.html").read_text(encoding="utf-8")
    sv = (out / "workbook/sv/history/index.html").read_text(encoding="utf-8")
    assert "Verkosto ajan mittaan" in fi and "Muutosten piirroksissa:" in fi
    assert "Nätverket över tid" in sv and "I ritningarna av ändringarna:" in sv


def _lists(html: str) -> str:
    return "".join(re.findall(r'<ul class="history-list history-commits">.*?</ul>\n</section>',
                              html, flags=re.DOTALL))


@pytest.mark.slow  # two builds of the repository's site: about 4 s of CPU
def test_same_repository_same_bytes_with_the_pictures(repo: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo / "site", tmp_path / "first")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-cache"))
    build(repo / "site", tmp_path / "second")
    first = (tmp_path / "first" / PAGE).read_bytes()
    assert b"timeline-svg" in first and first == (tmp_path / "second" / PAGE).read_bytes()


@pytest.mark.slow
def test_the_bundle_holds_the_slider_script(repo: Path) -> None:
    bundle, _ = make_bundle(repo / "site", "en")
    html = bundle.html.decode("utf-8")
    assert "section.timeline[data-steps]" in html  # the script itself, inline
    assert 'src="' not in "".join(re.findall(r"<script[^>]*>", html))


@pytest.mark.slow
def test_the_slider_hides_a_member_who_had_not_joined(repo: Path, tmp_path: Path,
                                                      browser: Any) -> None:
    """Keyboard only: Home goes to the first date, where a member who joined later is
    hidden and the others stay where they were; End shows the network as it is now."""
    out = tmp_path / "out"
    build(repo / "site", out)
    for width, height in ((390, 844), (1280, 800)):
        tab = browser.new_page(viewport={"width": width, "height": height})
        tab.goto((out / PAGE).as_uri())
        later = tab.locator('g[data-member="esimerkkiopisto"]')  # joined 2024-08
        always = tab.locator('g[data-member="esimerkkiyritys"] circle')
        caption = tab.locator(".timeline-caption")
        expect(later).to_be_visible()
        where = always.get_attribute("cx"), always.get_attribute("cy")
        slider = tab.get_by_role("slider", name="Date")
        slider.focus()
        tab.keyboard.press("Home")
        expect(slider).to_have_attribute("aria-valuetext", "February 20, 2024")
        expect(later).to_be_hidden()
        expect(caption).to_contain_text("The network on February 20, 2024.")
        assert (always.get_attribute("cx"), always.get_attribute("cy")) == where
        expect(always).to_be_visible()
        tab.keyboard.press("End")
        expect(later).to_be_visible()
        expect(caption).to_contain_text("as it is now")
        sizes = tab.evaluate("""Array.from(
            document.querySelectorAll('svg.timeline-svg text'), text => {
              const svg = text.ownerSVGElement;
              return parseFloat(text.closest('[font-size]').getAttribute('font-size'))
                * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; })""")
        assert sizes, "the picture names members"
        assert min(sizes) >= 11.9, (width, min(sizes))
        label = tab.evaluate("parseFloat(getComputedStyle("
                             "document.querySelector('.timeline-label')).fontSize)")
        assert label >= 12
        assert not tab.evaluate("document.documentElement.scrollWidth > innerWidth")
        tab.close()


@pytest.mark.slow  # two builds of the repository's site: about 3 s of CPU
def test_a_large_network_is_drawn_less(repo: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond the limit of members the slider's picture is left out with a note; the
    drawings of changes share a budget of member marks."""
    import generator.content_types.history as history_page

    monkeypatch.setattr(history_page, "DRAWN_MARKS", 10)  # one drawing of 9 members
    build(repo / "site", tmp_path / "few")
    html = (tmp_path / "few" / PAGE).read_text(encoding="utf-8")
    assert html.count('class="change-svg"') == 1 and "timeline-svg" in html
    assert "The newest saved version with changes is also drawn on the network." in html
    monkeypatch.setattr(history_page, "TIMELINE_MAX_MEMBERS", 3)
    build(repo / "site", tmp_path / "none")
    html = (tmp_path / "none" / PAGE).read_text(encoding="utf-8")
    assert "timeline-svg" not in html and "change-svg" not in html
    assert "netcard-timeline.js" not in html
    assert "The network has had more than 3 members, too many to draw" in html


@pytest.mark.slow
def test_on_a_phone_a_drawn_change_is_scrolled_into_view(repo: Path, tmp_path: Path,
                                                         browser: Any) -> None:
    out = tmp_path / "out"
    build(repo / "site", out)
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto((out / PAGE).as_uri())
    pictures = tab.locator(".change-picture")
    expect(pictures).to_have_count(3)  # one per saved version (see the page's test above)
    scrolled = 0
    for box in pictures.all():
        seen = box.bounding_box()
        marks = box.locator('circle[data-change="added"], circle[data-change="removed"]').all()
        assert seen and marks, "each drawing marks what changed"
        scrolled += box.evaluate("box => box.scrollLeft > 0")
        for mark in marks:
            place = mark.bounding_box()
            assert place and seen["x"] <= place["x"] <= seen["x"] + seen["width"]
    assert scrolled, "a drawing wider than the phone was scrolled to its change"
    tab.close()
