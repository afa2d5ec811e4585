"""pages/<id>.md: free pages (about, contact …) at the top of the site, <id>/index.html,
listed in the main menu after the sections unless a page says `menu: false`."""

from __future__ import annotations

from generator.load.content import Source
from generator.model.content_type import ContentType, MenuItem
from generator.model.schema import PageMeta
from generator.model.site import Site
from generator.model.types import Visibility
from generator.render.pages import PageContext, PageSpec, markdown_page

FOLDER = "pages"


def _pages(context: PageContext) -> list[PageSpec]:
    return [markdown_page(page, context.routes, "page") for page in context.site.pages.values()]


def _menu(site: Site) -> list[MenuItem]:
    ordered = sorted(site.pages.values(), key=lambda page: (page.meta.order, page.id))
    return [MenuItem(f"page-{page.id}", f"{page.id}/index.html", title=page.meta.title)
            for page in ordered if page.meta.menu]


PAGES = ContentType(
    name="pages",
    source=Source(FOLDER, ".md"),
    model=PageMeta,
    visibility=Visibility.PUBLIC,
    route="{id}/index.html",  # so its ids must not be those of sections (model/references.py)
    pages=_pages,
    menu=_menu,
)
