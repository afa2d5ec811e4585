"""The whole validated site: one object every later stage reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.deps import record
from generator.model.content_type import ContentTypes
from generator.model.profile import Profile
from generator.model.schema import (
    CompetencesFile,
    Evaluation,
    Future,
    Member,
    Network,
    PageMeta,
    Portfolio,
    SiteSettings,
    TiesFile,
    source_of,
)
from generator.model.types import Visibility

PAGE_FIELDS = frozenset({"id", "section", "meta", "body", "body_line"})
MEDIA = "media"  # `ids:media`: which files content/media/ holds


@dataclass(frozen=True)
class Page:
    """A Markdown page: its front matter and its text (workbook/, strategy/, pages/ …)."""

    id: str
    section: str  # the name of its content type, which is its folder
    meta: PageMeta
    body: str
    body_line: int
    file: str

    def __getattribute__(self, name: str) -> Any:
        if name in PAGE_FIELDS:
            record(f"file:{object.__getattribute__(self, 'file')}#{name}")
        return object.__getattribute__(self, name)

    @property
    def visibility(self) -> Visibility | None:
        """What the front matter says; without it, the default of the page's type."""
        return self.meta.visibility

    @property
    def source(self) -> str:
        return f"file:{self.file}"


@dataclass(frozen=True)
class Site:
    """Everything in content/, validated. The public profile is a filtered copy (see
    model/visibility.py, which needs a rule for every field here).

    `content` holds each content type's value by the type's name: {id: item} for a
    folder of files, one model for a single file. A collection is read through
    `collection`, which records that the page depends on which ids it holds."""

    settings: SiteSettings
    types: ContentTypes
    content: dict[str, Any]
    media_files: frozenset[str] = frozenset()
    profile: Profile = Profile.WORKBOOK

    def collection(self, name: str) -> dict[str, Any]:
        record("ids:" + name)
        items: dict[str, Any] = self.content[name]
        return items

    def single(self, name: str) -> Any:
        return self.content[name]

    def ids(self, name: str) -> Iterable[str] | None:
        """The ids an `ids:<name>` dependency names (None: no such collection)."""
        if name == MEDIA:
            return self.media_files
        if name in self.types.collections:
            return self.content[name].keys()
        return None

    @property
    def media(self) -> frozenset[str]:
        """The files under content/media/ (their paths from content/)."""
        record("ids:" + MEDIA)
        return self.media_files

    @property
    def published(self) -> bool:
        return self.profile.published

    @property
    def languages(self) -> list[str]:
        return self.settings.languages

    @property
    def default_language(self) -> str:
        return self.settings.languages[0]

    def current_members(self) -> list[Member]:
        return [m for m in self.members.values() if m.is_current]

    def former_members(self) -> list[Member]:
        return [m for m in self.members.values() if not m.is_current]

    # Typed shortcuts to the built-in types, for the code that reads them; a type added
    # later is read with `collection(name)` or `single(name)`.

    @property
    def network(self) -> Network:
        network: Network = self.single("network")
        return network

    @property
    def ties(self) -> TiesFile:
        ties: TiesFile = self.single("ties")
        return ties

    @property
    def competences(self) -> CompetencesFile:
        competences: CompetencesFile = self.single("competences")
        return competences

    @property
    def members(self) -> dict[str, Member]:
        return self.collection("members")

    @property
    def portfolios(self) -> dict[str, Portfolio]:
        return self.collection("portfolios")

    @property
    def futures(self) -> dict[str, Future]:
        return self.collection("futures")

    @property
    def evaluations(self) -> dict[str, Evaluation]:
        return self.collection("evaluations")

    @property
    def workbook(self) -> dict[str, Page]:
        return self.collection("workbook")

    @property
    def strategy(self) -> dict[str, Page]:
        return self.collection("strategy")

    @property
    def pages(self) -> dict[str, Page]:
        return self.collection("pages")


def top_level_items(site: Site) -> dict[str, Any]:
    """Every file's top-level model (a Page for a Markdown file) by the file it came from,
    `file:content/…`. A model that no file holds (the public card's stand-in for an
    internal ties.yaml) is left out."""
    found: dict[str, Any] = {}
    for item in (site.settings, *_every_item(site)):
        source = item.source if isinstance(item, Page) else source_of(item)
        if source:
            found[source] = item
    return found


def _every_item(site: Site) -> list[Any]:
    items: list[Any] = []
    for content_type in site.types:
        value = site.content[content_type.name]
        items.extend(value.values() if content_type.is_collection else [value])
    return items
