"""Which pages a profile has, and the data each page's template gets.

Each content type makes its own pages (its `pages`, see model/content_type.py, declared
under generator/content_types/); here is what they share: the page spec, the menu (and
its HTML, made once per place a page can show it from), the sections a profile has, and
the pages of the site itself (404, search).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from markupsafe import Markup

from generator.analyse.profiles import ProfileAnalysis
from generator.deps import Recorded, recorded
from generator.model.content_type import MenuItem
from generator.model.site import Page, Site
from generator.model.types import Text
from generator.model.visibility import PublicSite
from generator.render.helpers import PageHelpers
from generator.render.network_view import NetworkView
from generator.render.routes import HOME, Routes, language_prefix

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
    """The front page (the card; the workbook's home), the sections that are in the menu
    (in their order), then each type's own entries (the free pages)."""
    listed = sorted((section for section in site.types.sections
                     if section.menu is not None and section.name in sections),
                    key=lambda section: section.menu or 0)
    items = [MenuItem("home", HOME, "dashboard.menu") if site.profile.includes_internal
             else MenuItem("card", HOME, "nav.card")]
    items.extend(MenuItem(section.name, section.index, f"nav.{section.name}",
                          group=section.group)
                 for section in listed)
    for content_type in site.types:
        items.extend(content_type.menu(site))
    return items


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """A main-menu entry as a template reads it: `path` without the language prefix,
    `url` relative to the page (an object, not a dict: Jinja looks a dict's keys up
    only after trying, and failing, to read them as attributes)."""

    kind: str
    path: str
    label: str
    url: str = ""
    current: bool = False
    group: str = ""


@dataclass(frozen=True, slots=True)
class MenuGroup:
    """Entries the menu shows together, under the label `nav.groups.<name>`; a group
    without a name is entries shown on their own."""

    name: str
    entries: tuple[MenuEntry, ...]

    @property
    def current(self) -> bool:
        return any(entry.current for entry in self.entries)


# A menu of this many entries or fewer is shown flat: it fits one line of a wide screen.
FLAT_MENU_MAX = 7


def menu_groups(entries: Sequence[MenuEntry], *, grouped: bool = True) -> tuple[MenuGroup, ...]:
    """A long menu's entries gathered in their groups (each placed where its first entry
    is); a short menu, a menu not `grouped` (the public card's: a customer sees every
    entry) and an entry alone in its group, shown on their own."""
    if not grouped or len(entries) <= FLAT_MENU_MAX:
        return tuple(MenuGroup("", (entry,)) for entry in entries)
    gathered: dict[str, list[MenuEntry]] = {}
    for number, entry in enumerate(entries):
        gathered.setdefault(entry.group or f"#{number}", []).append(entry)
    return tuple(MenuGroup(name if len(members) > 1 and not name.startswith("#") else "",
                           tuple(members))
                 for name, members in gathered.items())


@dataclass(frozen=True)
class ShownMenu:
    """The main menu as one page shows it: its entries, their groups and their HTML."""

    entries: tuple[MenuEntry, ...]
    groups: tuple[MenuGroup, ...]
    html: Markup


RenderMenu = Callable[[PageHelpers, tuple[MenuEntry, ...], tuple[MenuGroup, ...]], Markup]
# A page's place, as far as its menu's URLs go: its folders' depth and, for each entry
# whose target shares its first folders, how many (None: links from the site's root).
Place = tuple[int, tuple[tuple[int, int], ...]] | None


class MainMenu:
    """A profile's main menu in each language, made once per place a page shows it from.

    Every page shows the same entries; what differs is which of them is current and
    their URLs, relative to the page's file. A URL depends only on how deep the page's
    folder is and on how many first folders it shares with the entry's target (and
    only the few entries whose target starts with the page's first folder share any),
    so the menu's HTML is made once per language, place and current entries, not once
    per page: the same few fragments serve a site of any size.
    """

    def __init__(self, entries: dict[str, list[MenuEntry]], default_language: str,
                 render: RenderMenu, *, grouped: bool = True) -> None:
        self.entries = entries
        self.render = render
        self.grouped = grouped
        self._targets = {language: [_folders(language_prefix(language, default_language)
                                             + entry.path) for entry in listed]
                         for language, listed in entries.items()}
        self._by_first_folder: dict[str, dict[str, list[int]]] = {}
        for language, targets in self._targets.items():
            by_first = self._by_first_folder[language] = {}
            for number, folders in enumerate(targets):
                if folders:
                    by_first.setdefault(folders[0], []).append(number)
        self._shown: dict[tuple[str, tuple[int, ...], Place], Recorded[ShownMenu]] = {}

    def shown(self, nc: PageHelpers, kind: str, path: str) -> ShownMenu:
        """The menu of a page of this `kind` at `path` (without the language prefix),
        noting what making it read (the menu's template) as read by the page."""
        listed = self.entries[nc.language]
        current = current_entries(listed, kind, path)
        key = (nc.language, current, self._place(nc))
        made = self._shown.get(key)
        if made is None:
            made = self._shown[key] = recorded(lambda: self._make(nc, listed, current))
        return made.read()

    def _place(self, nc: PageHelpers) -> Place:
        if nc.absolute_paths:
            return None
        folders = _folders(nc.file)
        if not folders:
            return (0, ())
        targets = self._targets[nc.language]
        shared = tuple((number, _common(folders, targets[number]))
                       for number in self._by_first_folder[nc.language].get(folders[0], ()))
        return (len(folders), shared)

    def _make(self, nc: PageHelpers, listed: list[MenuEntry],
              current: tuple[int, ...]) -> ShownMenu:
        entries = tuple(MenuEntry(entry.kind, entry.path, entry.label, nc.url(entry.path),
                                  number in current, entry.group)
                        for number, entry in enumerate(listed))
        groups = menu_groups(entries, grouped=self.grouped)
        return ShownMenu(entries, groups, self.render(nc, entries, groups))


def current_entries(listed: Sequence[MenuEntry], kind: str, path: str) -> tuple[int, ...]:
    """The numbers of the entries a page at `path` of this `kind` is: the entry of the
    page itself if the menu has one (a phase of the workbook), else those of its kind."""
    own = tuple(number for number, entry in enumerate(listed) if entry.path == path)
    return own or tuple(number for number, entry in enumerate(listed) if entry.kind == kind)


def _folders(path: str) -> tuple[str, ...]:
    """The folders a profile file is in: "en/members/x/index.html" → (en, members, x)."""
    return tuple(path.split("/")[:-1])


def _common(first: Sequence[str], second: Sequence[str]) -> int:
    count = 0
    for one, other in zip(first, second, strict=False):
        if one != other:
            break
        count += 1
    return count


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
                    description=lambda nc: nc.plain(
                        first_paragraph(page.text_in(nc.language).body))[:200])


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


__all__ = ["MainMenu", "MenuEntry", "MenuGroup", "MenuItem", "PageContext", "PageSpec",
           "ShownMenu", "markdown_page", "menu_groups", "menu_items", "page_items", "page_specs",
           "sections_of", "titled"]
