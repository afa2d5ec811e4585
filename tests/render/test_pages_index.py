"""Free pages: the main menu lists only those that ask to be there, the pages index
lists them all, and no page's size grows with the number of pages (issue 15)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.build import render_site
from generator.render.pages import MainMenu, MenuEntry, MenuGroup
from generator.render.routes import language_prefix, relative_url
from tests.conftest import SiteFactory

PAGES = {
    "pages/about.md": "---\ntitle: {fi: Tietoa, sv: Om oss, en: About}\nmenu: true\n"
                      "order: 10\n---\nAbout us.\n",
    "pages/zeta.md": "---\ntitle: {fi: Aakkoset, sv: Zeta, en: Zeta}\n---\nZ.\n",
    "pages/alpha.md": "---\ntitle: {fi: Öljy, sv: Alfa, en: Alpha}\n---\nA.\n",
    "pages/first.md": "---\ntitle: Last by title, first by order\norder: 5\n---\nF.\n",
    "pages/secret.md": "---\ntitle: Secret\nvisibility: internal\n---\nInternal.\n",
}


def text(files: dict[str, bytes], path: str) -> str:
    return files[path].decode("utf-8")


def menu_of(html: str) -> list[tuple[str, str]]:
    """(href, label) of each entry of a page's main menu."""
    nav = html.split('<nav class="main-nav', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav)


def index_titles(html: str) -> list[str]:
    main = html.split('<ul class="link-cards">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="[^"]*">([^<]*)</a>', main)


def test_only_pages_that_ask_are_in_the_menu_and_the_menu_links_the_index(
        make_site: SiteFactory) -> None:
    files = render_site(make_site(PAGES), ("public",)).profiles["public"].files
    for prefix, about, index in (("", "Tietoa", "Sivut"), ("sv/", "Om oss", "Sidor"),
                                 ("en/", "About", "Pages")):
        menu = menu_of(text(files, prefix + "members/index.html"))
        labels = [label for _, label in menu]
        assert labels[-2:] == [about, index], prefix
        assert ("../pages/index.html", index) in menu
        assert not {"Zeta", "Alfa", "Alpha", "Secret"} & set(labels)


def test_the_index_lists_every_page_by_order_then_title_in_each_language(
        make_site: SiteFactory) -> None:
    result = render_site(make_site(PAGES), ("public", "workbook"))
    public = result.profiles["public"].files
    assert index_titles(text(public, "pages/index.html")) == [
        "Last by title, first by order", "Tietoa", "Aakkoset", "Öljy"]
    assert index_titles(text(public, "sv/pages/index.html")) == [
        "Last by title, first by order", "Om oss", "Alfa", "Zeta"]
    english = text(public, "en/pages/index.html")
    assert index_titles(english) == ["Last by title, first by order", "About", "Alpha", "Zeta"]
    assert '<a href="../alpha/index.html">Alpha</a>' in english
    assert "<h1>Pages</h1>" in english and 'aria-current="page">Pages</a>' in english
    workbook = result.profiles["workbook"].files
    assert "Secret" in index_titles(text(workbook, "en/pages/index.html"))
    assert b"Secret" not in b"".join(public.values())


def test_the_index_is_in_the_sitemap_and_the_search_like_other_index_pages(
        make_site: SiteFactory) -> None:
    site = make_site({**PAGES,
                      "site.yaml": "languages: [fi, sv, en]\nbase_url: https://x.example/\n"})
    files = render_site(site, ("public",)).profiles["public"].files
    sitemap = text(files, "sitemap.xml")
    assert "<loc>https://x.example/pages/</loc>" in sitemap
    assert 'hreflang="en" href="https://x.example/en/pages/"' in sitemap
    assert "data-pagefind-body" in text(files, "pages/index.html")


def test_no_index_link_when_every_page_is_in_the_menu(make_site: SiteFactory) -> None:
    files = render_site(make_site({"pages/about.md": PAGES["pages/about.md"]}),
                        ("public",)).profiles["public"].files
    assert [label for _, label in menu_of(text(files, "index.html"))][-1] == "Tietoa"
    assert "pages/index.html" in files  # still there, for the sitemap and the search


def test_no_index_without_pages(make_site: SiteFactory) -> None:
    files = render_site(make_site(), ("public", )).profiles["public"].files
    assert not [path for path in files if path.endswith("pages/index.html")]
    assert "Sivut" not in text(files, "index.html")


def plain_pages(count: int) -> dict[str, str]:
    """`count` pages with default front matter, as a site grown page by page has."""
    return {f"pages/page-{number:04d}.md": f"---\ntitle: Page {number}\n---\nText {number}.\n"
            for number in range(1, count + 1)}


@pytest.mark.slow
def test_a_page_is_as_large_on_a_site_of_300_pages_as_on_one_of_30(
        make_site: SiteFactory) -> None:
    # Every page used to list every page in its menu: 70 KB a page at 1,000 pages.
    sizes = []
    for count in (30, 300):
        site = make_site({**plain_pages(count),
                          "site.yaml": "languages: [fi, sv, en]\nsearch: false\n"})
        files = render_site(site, ("public",)).profiles["public"].files
        sizes.append((len(files["page-0001/index.html"]), len(files["members/index.html"]),
                      len(files["index.html"])))
    small, large = sizes
    for before, after in zip(small, large, strict=True):
        assert after - before <= 16, sizes  # "Page 1" … the same bytes but for the names


# -- the menu's HTML, made once per place -------------------------------------------------


@dataclass
class Helpers:
    """What MainMenu reads of a page's helpers (render/helpers.py PageHelpers)."""

    language: str
    file: str
    absolute_paths: bool = False
    default_language: str = "fi"

    def url(self, path: str) -> str:
        target = language_prefix(self.language, self.default_language) + path
        return "/" + target if self.absolute_paths else relative_url(self.file, target)


ENTRIES = [MenuEntry("card", "index.html", "Card"), MenuEntry("members", "members/index.html",
                                                                "Members"),
           MenuEntry("page-a", "a/index.html", "A"), MenuEntry("page-a-b", "a/b/index.html", "B"),
           MenuEntry("pages", "pages/index.html", "Pages")]
FOLDERS = st.lists(st.sampled_from(["a", "b", "members", "pages", "x", "sv"]), max_size=4)


def made_menus() -> tuple[MainMenu, list[tuple[Helpers, tuple[MenuEntry, ...]]]]:
    made: list[tuple[Helpers, tuple[MenuEntry, ...]]] = []

    def render(nc: Helpers, entries: tuple[MenuEntry, ...],
               groups: tuple[MenuGroup, ...]) -> Markup:
        made.append((nc, entries))
        return Markup("".join(entry.url for entry in entries))

    menu = MainMenu({"fi": ENTRIES, "sv": ENTRIES}, "fi", render)  # type: ignore[arg-type]
    return menu, made


@given(st.lists(st.tuples(st.sampled_from(["fi", "sv"]), FOLDERS,
                          st.sampled_from(["card", "members", "page-a", "other"]), st.booleans()),
                min_size=1, max_size=30))
def test_a_shared_menu_has_the_urls_and_current_entry_of_each_page(
        pages: list[tuple[str, list[str], str, bool]]) -> None:
    menu, _ = made_menus()
    for language, folders, kind, absolute in pages:
        path = "/".join([*folders, "index.html"])
        nc = Helpers(language, language_prefix(language, "fi") + path, absolute)
        shown = menu.shown(nc, kind, path)  # type: ignore[arg-type]
        assert [entry.url for entry in shown.entries] == [nc.url(e.path) for e in ENTRIES]
        # the page's own entry if it has one, else the entries of its kind
        own = [e.path == path for e in ENTRIES]
        assert [entry.current for entry in shown.entries] == (
            own if any(own) else [e.kind == kind for e in ENTRIES])


def test_the_menu_is_made_once_per_language_depth_and_current_entry() -> None:
    menu, made = made_menus()
    for number in range(300):
        for language in ("fi", "sv"):
            path = f"page-{number}/index.html"
            menu.shown(Helpers(language, language_prefix(language, "fi") + path),  # type: ignore[arg-type]
                       "page", path)
    assert len(made) == 2
