"""What netcard knows about one type of content, declared in one place.

Each type of content (members, futures, the pages of workbook/ …) is one `ContentType`,
declared in its own module under generator/content_types/, as Lektor registers a build
program per source type and Pelican has one generator per content type. No stage names
a folder; each iterates the site's `ContentTypes`:

- load reads each type's `source` (one file, or a folder of `<id><suffix>` files);
- model validates it (`model`, or `assemble`), checks what it refers to (`check`), and
  the public view keeps of it what `visibility` (the default of its files) and its
  `public` rule allow;
- render gives its items an address (`route`), rewrites Markdown links to its files,
  makes its `pages`, and places its `sections` in the menu and in the bundle.

The hooks of a declaration are given objects of modules that import this one: the
site (model/site.py), the reference checker (model/references.py), the public filter
(model/visibility.py), and render's page context (render/pages.py), from a stage this
one must not import. So that no import cycle ties the declaration to them, their
types are `Any` here; each hook annotates its argument precisely in its own module,
and the comment beside each type below names what the caller passes.

Adding a type is one module with its declaration, its templates and its locale keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.errors import ErrorList
from generator.load.content import RawContent, Source
from generator.model.schema import Model
from generator.model.types import Text, Visibility


@dataclass(frozen=True)
class MenuItem:
    """An entry of the main menu: its label is a locale key, or a page's own title;
    `group` the menu group it is shown in when the menu is long (see MENU_GROUPS)."""

    kind: str
    path: str
    label_key: str = ""
    title: Text | None = None
    group: str = ""


Assemble = Callable[["ContentType", RawContent, ErrorList, dict[str, Any]], Any]
Check = Callable[[Any], None]  # given a ReferenceChecker
PublicRule = Callable[["ContentType", Any, Any], Any]  # given the type, its value, a PublicFilter
Pages = Callable[[Any], list[Any]]  # given render's PageContext; returns its PageSpecs
MenuEntries = Callable[[Any], list[MenuItem]]  # given the Site
Values = Callable[[Any], dict[str, str]]  # given the Site
SiteTest = Callable[[Any], bool]  # given the Site


# The groups a long main menu gathers its entries in (each labelled `nav.groups.<name>`
# in the locales), in no particular order: a group is placed where its first entry is.
MENU_GROUPS = ("network", "phases", "plans", "evaluation", "pages")


def _always(site: Any) -> bool:
    return True


def _no_pages(context: Any) -> list[Any]:
    return []


def _no_menu_entries(site: Any) -> list[MenuItem]:
    return []


def _no_values(site: Any) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class Section:
    """A part of the site with a folder and an index page of its own, `<name>/index.html`
    (its page kind and its menu label `nav.<name>` are named after it too)."""

    name: str
    exists: SiteTest = _always  # an empty section is neither built nor linked
    menu: int | None = None  # its place in the main menu (lowest first); None: not there
    group: str = ""  # its menu group (one of MENU_GROUPS) when the menu is long; "": none
    bundle: int = 0  # its place in `netcard bundle` (lowest first, after the card)
    nested: bool = False  # the bundle's contents list its other pages under its index
    by_title: bool = False  # the bundle has its pages in the order of their titles

    def __post_init__(self) -> None:
        if self.group and self.group not in MENU_GROUPS:
            raise ValueError(f"section {self.name}: menu group {self.group!r} is not one of "
                             f"{', '.join(MENU_GROUPS)}")

    @property
    def index(self) -> str:
        return f"{self.name}/index.html"


@dataclass(frozen=True)
class ContentType:
    """One type of content, from its files to its pages (see the module's docstring).

    `visibility` is the default of the type's files (a file may say otherwise with a
    `visibility:` key); it is the only place that default is written.
    """

    name: str  # the collection's name: Site.collection(name), `ids:<name>` dependencies
    source: Source
    model: type[Model]  # one file's model (for Markdown pages: the front matter's)
    visibility: Visibility
    # The rest is optional. assemble: raw files → the type's value (None: one model per
    # file, by the source's shape); check: references to other files; public: what the
    # public site keeps (None: the items, or the file, whose visibility is public).
    assemble: Assemble | None = None
    check: Check | None = None
    public: PublicRule | None = None
    route: str | None = None  # an item's page, "futures/{id}/index.html"; Markdown links to it
    sections: tuple[Section, ...] = ()
    pages: Pages = _no_pages
    menu: MenuEntries = _no_menu_entries  # menu entries after the sections' (free pages)
    values: Values = _no_values  # `value:` dependencies its pages record (see deps.py)

    @property
    def is_collection(self) -> bool:
        """A folder of items by id (else one file)."""
        return self.source.is_folder

    def visibility_of(self, item: Any) -> Visibility:
        """An item's own `visibility:` if it has one, else the type's default."""
        own: Visibility | None = getattr(item, "visibility", None)
        return own or self.visibility

    def route_of(self, identifier: str) -> str | None:
        return None if self.route is None else self.route.replace("{id}", identifier)

    @property
    def reserved_ids(self) -> frozenset[str]:
        """The top-level output folders its pages use (pages/<id>.md must not take them)."""
        folders = {section.name for section in self.sections}
        first = (self.route or "{id}").split("/", 1)[0]
        return frozenset(folders | ({first} - {"{id}"}))


@dataclass(frozen=True)
class ContentTypes:
    """The registry: a site's content types, in the order content/ lists them.

    Immutable: `adding` makes a new registry (a test's own type never reaches another
    test). The built-in one is generator.content_types.registry.BUILT_IN.
    """

    types: tuple[ContentType, ...]

    def __post_init__(self) -> None:
        for what, names in (("name", [t.name for t in self.types]),
                            ("source", [t.source.path for t in self.types])):
            twice = sorted({name for name in names if names.count(name) > 1})
            if twice:
                raise ValueError(f"two content types have the {what} {', '.join(twice)}")

    def __iter__(self) -> Iterator[ContentType]:
        return iter(self.types)

    def adding(self, *extra: ContentType) -> ContentTypes:
        return ContentTypes((*self.types, *extra))

    def named(self, name: str) -> ContentType:
        return self._by_name[name]

    def in_folder(self, folder: str) -> ContentType | None:
        """The type whose files are in content/<folder>/, if any."""
        return self._by_folder.get(folder)

    @cached_property
    def _by_name(self) -> dict[str, ContentType]:
        return {content_type.name: content_type for content_type in self.types}

    @cached_property
    def _by_folder(self) -> dict[str, ContentType]:
        return {t.source.path: t for t in self.types if t.is_collection}

    @cached_property
    def collections(self) -> frozenset[str]:
        """The names of the types that are folders of items."""
        return frozenset(t.name for t in self.types if t.is_collection)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        return tuple(section for content_type in self.types
                     for section in content_type.sections)

    @cached_property
    def reserved_ids(self) -> frozenset[str]:
        return frozenset().union(*(t.reserved_ids for t in self.types))

    @cached_property
    def linked_files(self) -> tuple[tuple[str, str], ...]:
        """(folder, suffix) of the files a Markdown link may name to link to an item's
        page, `members/<id>.yaml` or `pages/<id>.md`: every type with a route."""
        return tuple((t.source.path, t.source.suffix) for t in self.types
                     if t.route is not None and t.is_collection)
