"""Pages that work on a phone and on paper (issue 16), as far as the built HTML shows it:
one h1 per page, the workbook's menu in groups, previous/next through the phases, and
the workbook's home as a dashboard. tests/e2e/test_layout.py checks them in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import render_site
from generator.render.pages import MenuEntry, menu_groups
from tests.conftest import SiteFactory

H1 = re.compile(r"<h1[\s>]")


def html_pages(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.html") if "pagefind" not in path.parts)


@pytest.mark.parametrize("profile", ["public", "workbook"])
def test_every_page_of_the_example_has_one_h1(example_output: Path, profile: str) -> None:
    pages = html_pages(example_output / profile)
    assert len(pages) > 50
    counts = {str(page.relative_to(example_output)): len(H1.findall(page.read_text("utf-8")))
              for page in pages}
    assert {page: count for page, count in counts.items() if count != 1} == {}


def test_a_markdown_heading_under_the_page_title_is_not_a_second_h1(
        make_site: SiteFactory) -> None:
    files = render_site(make_site({
        "pages/about.md": "---\ntitle: About\n---\n# Who we are\n\n## History\n\nText.\n"}),
        ("public",)).profiles["public"].files
    page = files["about/index.html"].decode("utf-8")
    assert len(H1.findall(page)) == 1
    assert "<h2>Who we are</h2>" in page and '<h3 id="history">History</h3>' in page


def entries(*groups: str) -> list[MenuEntry]:
    return [MenuEntry(f"k{number}", f"p{number}/index.html", f"L{number}", group=group)
            for number, group in enumerate(groups)]


def test_a_long_menu_is_gathered_in_groups_placed_at_their_first_entry() -> None:
    grouped = menu_groups(entries("", "network", "network", "plans", "phases", "plans",
                                  "evaluation", "", "pages"))
    assert [(group.name, [entry.label for entry in group.entries]) for group in grouped] == [
        ("", ["L0"]), ("network", ["L1", "L2"]), ("plans", ["L3", "L5"]), ("", ["L4"]),
        ("", ["L6"]), ("", ["L7"]), ("", ["L8"])]


def test_a_short_menu_and_the_public_cards_menu_stay_flat() -> None:
    grouped = menu_groups(entries("", "network", "network", "plans", "plans"))
    assert [group.name for group in grouped] == ["", "", "", "", ""]
    long = entries("", "network", "network", "plans", "phases", "plans", "evaluation", "", "")
    assert {group.name for group in menu_groups(long, grouped=False)} == {""}


def menu_html(page: str) -> str:
    return page.split('<nav class="main-nav', 1)[1].split("</nav>", 1)[0]


def test_the_workbooks_menu_has_groups_and_its_phases(example_output: Path) -> None:
    page = (example_output / "workbook/workbook/vaihe-3-osaamiskartta/index.html").read_text()
    menu = menu_html(page)
    groups = re.findall(r'<li class="menu-group[^"]*"><details>\s*<summary>([^<]*)</summary>', menu)
    assert groups == ["Jäsenet ja verkosto", "Vaiheet", "Suunnitelmat", "Sivut"]
    phases = menu.split("<summary>Vaiheet</summary>", 1)[1].split("</ul>", 1)[0]
    assert "Vaihe 1: TNO-verkostojen kartoitus" in phases
    # the phase page itself is the current entry, not the workbook's index as well
    assert menu.count('aria-current="page"') == 1
    assert re.search(r'aria-current="page">Vaihe 3:', menu)
    assert '<li class="menu-group has-current"><details>\n        <summary>Vaiheet' in menu
    # the public card's menu is short: no groups, no phase pages
    public = (example_output / "public/members/index.html").read_text()
    assert "menu-group" not in menu_html(public) and "Vaihe 1" not in menu_html(public)


def test_the_header_has_a_menu_button_that_works_without_javascript(
        example_output: Path) -> None:
    page = (example_output / "workbook/index.html").read_text()
    header = page.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert '<details class="site-menu">' in header
    assert '<summary class="menu-button">' in header and "Valikko" in header
    body = header.split('<div class="site-menu-body">', 1)[1]
    assert '<nav class="main-nav"' in body and '<nav class="lang-switch"' in body


def pager(page: str) -> dict[str, str]:
    if '<nav class="phase-pager"' not in page:
        return {}
    nav = page.split('<nav class="phase-pager"', 1)[1].split("</nav>", 1)[0]
    return {name: href for name, href in re.findall(r'class="pager-(\w+)"[^>]*href="([^"]*)"', nav)}


def test_phase_pages_link_the_previous_and_next_phase_page(example_output: Path) -> None:
    folder = example_output / "workbook/workbook"
    first = pager((folder / "vaihe-1-verkostokartoitus/index.html").read_text())
    assert first == {"next": "../vaihe-2-verkostorooli/index.html"}
    middle = pager((folder / "vaihe-6-ehdot/index.html").read_text())
    # two pages answer phase 6: by their order, then by id
    assert middle == {"previous": "../vaihe-5-jalostuva-idea/index.html",
                      "next": "../yhteistyosopimus/index.html"}
    last = pager((folder / "vaihe-9-kayntikortti/index.html").read_text())
    assert last == {"previous": "../vaihe-8-arviointi/index.html"}
    swedish = (example_output / "workbook/sv/workbook/vaihe-1-verkostokartoitus/index.html")
    assert '<span class="pager-label">Nästa · Fas 2</span>' in swedish.read_text()


def test_the_workbooks_home_is_a_dashboard(example_output: Path) -> None:
    """The workbook's front page is its dashboard, with a link to the preview of the
    public card; the public site's front page stays the card."""
    page = (example_output / "workbook/index.html").read_text()
    assert "<h1>Verkoston tilannekuva</h1>" in page and 'class="card-hero"' not in page
    assert re.search(r'<a class="button" href="card/index.html">Esikatsele julkista '
                     r'käyntikorttia</a>', page)
    assert 'id="service-' in page  # member pages link to the services here
    preview = (example_output / "workbook/card/index.html").read_text()
    assert 'class="card-hero"' in preview and 'class="notice preview-notice"' in preview
    assert '<a href="../index.html">Etusivu</a>' in preview  # its breadcrumb: home
    public = (example_output / "public/index.html").read_text()
    assert 'class="card-hero"' in public and "dashboard" not in public
    assert not (example_output / "public/card").exists()
    dashboard = page.split('<div class="dashboard">', 1)[1]
    phases = dashboard.split('<ol class="phase-track">', 1)[1].split("</ol>", 1)[0]
    assert phases.count("<li") == 9 and 'href="workbook/index.html#phase-9"' in phases
    actions = dashboard.split('<ul class="action-list">', 1)[1].split("</ul>", 1)[0]
    assert 0 < actions.count("<li>") <= 5
    assert "Aikataulu:" in actions and 'href="futures/' in actions
    evaluation = dashboard.split('class="dash-panel dash-evaluation"', 1)[1].split("</section>")[0]
    assert "Syksyn verkostopäivä 2024" in evaluation  # the latest of the two rounds
    assert "Vastaajat: 13" in evaluation and "<dt>Debatti" in evaluation
    figures = dashboard.split('class="dash-panel dash-network"', 1)[1].split("</section>")[0]
    assert figures.count("<dt>") == 4 and 'href="network/index.html"' in figures
    # the brand and the menu's first entry lead to the front page: the workbook's
    # dashboard, the public card
    members = (example_output / "workbook/members/index.html").read_text()
    assert '<a class="brand" href="../index.html">' in members
    assert '<li><a href="../index.html">Etusivu</a></li>' in menu_html(members)
    public_members = (example_output / "public/members/index.html").read_text()
    assert '<a class="brand" href="../index.html">' in public_members
    assert '<li><a href="../index.html">Verkoston käyntikortti</a></li>' in menu_html(
        public_members)
    # the guide through the phases stays at workbook/index.html, without the dashboard
    guide = (example_output / "workbook/workbook/index.html").read_text()
    assert 'id="phase-9"' in guide and '<div class="dashboard">' not in guide
    assert 'href="../card/index.html"' in guide  # phase 9's tool: the card preview
