"""pages/<id>.md: free pages (about, contact …) at the top of the site, <id>/index.html.

Every page is listed on the pages index, pages/index.html; only the pages that say
`menu: true` are in the main menu, after the sections, and the menu links to the
index when some page is not in it. So the menu stays as short as the site's author
makes it, however many pages the site has (a menu of every page made each page's
size, and the whole build's time, grow with the square of the number of pages).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.load.content import Source
from generator.model.content_type import ContentType, MenuItem, Section
from generator.model.schema import PageMeta
from generator.model.site import Page, Site
from generator.model.types import Visibility
from generator.render.helpers import PageHelpers
from generator.render.pages import PageContext, PageSpec, markdown_page
from generator.render.routes import Routes

FOLDER = "pages"
# The pages index: its folder, pages/, is a reserved id (model/references.py). It is in
# the menu (see `_menu`) only when some page is not.
INDEX_SECTION = Section("pages", lambda site: bool(site.pages), bundle=100, nested=True)
INDEX = INDEX_SECTION.index


@dataclass(frozen=True)
class IndexEntry:
    """A line of the pages index: the page's title in the index's language and its
    address (an object, not a dict: the template reads both for every page)."""

    title: str
    url: str


@dataclass(frozen=True)
class PagesIndex:
    """Every page of the profile, for the index to list in its language."""

    pages: tuple[Page, ...]
    routes: Routes

    def entries(self, nc: PageHelpers) -> list[IndexEntry]:
        """The pages in their `order`, then by title in the page's language. Only the
        front matter is read (the index shows no body, so a body edit leaves it alone)."""
        titled = [(page.meta.order, nc.text(page.meta.title), page) for page in self.pages]
        titled.sort(key=lambda row: (row[0], row[1].casefold(), row[2].id))
        return [IndexEntry(title, nc.url(self.routes.item(FOLDER, page.id) or ""))
                for _, title, page in titled]


def _pages(context: PageContext) -> list[PageSpec]:
    site, routes = context.site, context.routes
    specs = [markdown_page(page, routes, "page") for page in _in_menu_order(site.pages.values())]
    if INDEX_SECTION.name in context.sections:
        specs.insert(0, PageSpec(INDEX, "pages_index.html", "pages", lambda nc: nc.t("nav.pages"),
                                 lambda: {"pages_index": PagesIndex(tuple(site.pages.values()),
                                                                    routes)}))
    return specs


def _in_menu_order(pages: Iterable[Page]) -> list[Page]:
    return sorted(pages, key=lambda page: (page.meta.order, page.id))


def _menu(site: Site) -> list[MenuItem]:
    pages = _in_menu_order(site.pages.values())
    items = [MenuItem(f"page-{page.id}", f"{page.id}/index.html", title=page.meta.title,
                      group="pages")
             for page in pages if page.meta.menu]
    if len(items) < len(pages):
        items.append(MenuItem(INDEX_SECTION.name, INDEX, "nav.pages", group="pages"))
    return items


PAGES = ContentType(
    name="pages",
    source=Source(FOLDER, ".md"),
    model=PageMeta,
    visibility=Visibility.PUBLIC,
    route="{id}/index.html",  # so its ids must not be those of sections (model/references.py)
    sections=(INDEX_SECTION,),
    pages=_pages,
    menu=_menu,
)
