"""Which pages a profile has, and the data each page's template gets.

Each content type makes its own pages (its `pages`, see model/content_type.py, declared
under generator/content_types/); here is what they share: the page spec, the menu, the
sections a profile has, and the pages of the site itself (404, search).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from generator.analyse.profiles import ProfileAnalysis
from generator.model.content_type import MenuItem
from generator.model.site import Page, Site
from generator.model.types import Text
from generator.model.visibility import PublicSite
from generator.render.helpers import PageHelpers
from generator.render.network_view import NetworkView
from generator.render.routes import Routes

Title = Callable[[PageHelpers], str]
Data = Callable[[], dict[str, Any]]


class Titled(Protocol):
    """An item with an optional title of its own (a future table, an evaluation round)."""

    @property
    def title(self) -> Text | None: ...


def _no_data() -> dict[str, Any]:
    return {}


@dataclass
class PageSpec:
    """One page of a profile, before it is rendered in each language.

    `data` makes the template's data when the page is rendered, so whatever it
    reads is recorded as the page's dependencies (see generator/deps.py).
    """

    path: str
    template: str
    kind: str
    title: Title
    data: Data = field(default=_no_data)
    description: Title | None = None
    in_sitemap: bool = True


@dataclass(frozen=True)
class PageContext:
    """What a content type's `pages` get: the profile's site, its routes and sections,
    the analyse stage's results (`network` is the view of its network analysis that
    the pages show) and, in a profile with internal content, the public card (for a
    page that shows it, the workbook's card preview)."""

    site: Site
    routes: Routes
    sections: set[str]
    network: NetworkView
    analysis: ProfileAnalysis
    public: PublicSite | None = None


def menu_items(site: Site, sections: set[str]) -> list[MenuItem]:
    """The card, the sections that are in the menu (in their order), then each type's
    own entries (the free pages)."""
    listed = sorted((section for section in site.types.sections
                     if section.menu is not None and section.name in sections),
                    key=lambda section: section.menu or 0)
    items = [MenuItem("card", "index.html", "nav.card")]
    items.extend(MenuItem(section.name, section.index, f"nav.{section.name}")
                 for section in listed)
    for content_type in site.types:
        items.extend(content_type.menu(site))
    return items


def sections_of(site: Site) -> set[str]:
    """The sections this profile has; an empty section is neither built nor linked."""
    return {section.name for section in site.types.sections if section.exists(site)}


def page_specs(context: PageContext) -> list[PageSpec]:
    """Every page of the profile: each content type's, then the site's own."""
    specs: list[PageSpec] = [spec for content_type in context.site.types
                             for spec in content_type.pages(context)]
    specs.append(PageSpec("404.html", "404.html", "notfound", lambda nc: nc.t("notfound.title"),
                          in_sitemap=False))
    if context.site.settings.search:
        specs.append(PageSpec("search/index.html", "search.html", "search",
                              lambda nc: nc.t("search.title"), in_sitemap=False))
    return specs


def titled(item: Titled, fallback: str) -> Title:
    """A page title from an item's optional title, else `fallback` (its id). The title
    is read when the page is rendered, so that the page depends on it."""
    return lambda nc: nc.text(item.title) or fallback


def markdown_page(page: Page, routes: Routes, kind: str) -> PageSpec:
    """The page of one Markdown file."""
    path = routes.item(page.section, page.id)
    assert path is not None
    return PageSpec(path, "page.html", kind,
                    lambda nc: nc.text(page.meta.title),
                    lambda: {"item": page, "section": page.section, "markdown_page": page},
                    description=lambda nc: nc.plain(first_paragraph(page.body))[:200])


def first_paragraph(markdown: str) -> str:
    """The first block of text of a page (a heading counts): enough for a description."""
    for block in markdown.strip().split("\n\n"):
        if block.strip():
            return block[:1000]
    return ""


def page_items(pages: dict[str, Page], routes: Routes) -> list[dict[str, Any]]:
    """Markdown pages in their `order` (then by id), with their addresses."""
    ordered = sorted(pages.values(), key=lambda p: (p.meta.order, p.id))
    return [{"page": p, "url": routes.item(p.section, p.id), "summary": ""} for p in ordered]


__all__ = ["MenuItem", "PageContext", "PageSpec", "markdown_page", "menu_items", "page_items",
           "page_specs", "sections_of", "titled"]
