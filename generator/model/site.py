"""The whole validated site: one object every later stage reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, get_args

from generator.deps import paused, record
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
    PublicSection,
    SiteSettings,
    TiesFile,
    source_of,
)
from generator.model.types import Visibility

PAGE_FIELDS = frozenset({"id", "section", "meta", "body", "body_line", "translations",
                         "languages"})
MEDIA = "media"  # `ids:media`: which files content/media/ holds
PUBLIC_SECTIONS = frozenset(get_args(PublicSection))


@dataclass(frozen=True)
class PageTranslation:
    """A page's text in another language than the site's default: `<id>.<language>.md`
    beside `<id>.md`. Its front matter is merged into the page's (model/page_languages.py)."""

    language: str
    body: str
    body_line: int
    file: str  # content/pages/tietoa.sv.md

    @property
    def source(self) -> str:
        return f"file:{self.file}"


@dataclass(frozen=True)
class PageText:
    """A page's Markdown as one language's page shows it: its own translation, else the
    text of the default-language file. `language` is the language the text is in;
    `fallback` says that a translation the page should have is missing (the page has
    translations, but not this one): the text is then shown with a note."""

    body: str
    body_line: int
    file: str
    language: str
    fallback: bool = False


@dataclass(frozen=True)
class Page:
    """A Markdown page: its front matter and its text (workbook/, strategy/, pages/ …),
    in the site's default language (`language`), and its `translations` by language.

    A page without translations is one text for every language, as a plain string is
    (see render/fallback.py): its other languages' pages show it in its own `lang`,
    with no note, and `netcard check` does not count it. Once a page has a translation,
    each language it lacks is untranslated."""

    id: str
    section: str  # the name of its content type, which is its folder
    meta: PageMeta  # the default file's front matter, with the translations' texts merged in
    body: str
    body_line: int
    file: str
    translations: dict[str, PageTranslation] = field(default_factory=dict)
    language: str = ""  # of `body`: the site's default language

    def __getattribute__(self, name: str) -> Any:
        if name in PAGE_FIELDS:
            record(f"file:{object.__getattribute__(self, 'file')}#{name}")
        return object.__getattribute__(self, name)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the page has a text in: the default, then its translations'."""
        translations: dict[str, PageTranslation] = object.__getattribute__(self, "translations")
        return (object.__getattribute__(self, "language"), *translations)

    def text_in(self, language: str) -> PageText:
        """The page's text as `language`'s page shows it, recording only what that reads:
        editing `tietoa.sv.md` re-renders the Swedish page alone; adding or removing a
        translation, the pages of the languages other than the default (which of them
        show a fallback, and with which note, depends on the translations there are)."""
        get = object.__getattribute__
        own_language: str = get(self, "language")
        translations: dict[str, PageTranslation] = get(self, "translations")
        if language != own_language:
            record(f"file:{get(self, 'file')}#languages")
            translation = translations.get(language)
            if translation is not None:
                record(f"file:{translation.file}#body")
                return PageText(translation.body, translation.body_line, translation.file,
                                language)
        record(f"file:{get(self, 'file')}#body")
        return PageText(get(self, "body"), get(self, "body_line"), get(self, "file"),
                        own_language, fallback=language != own_language and bool(translations))

    @property
    def visibility(self) -> Visibility | None:
        """What the front matter says; without it, the default of the page's type.

        Recorded as a source of its own, not as the whole front matter: the public
        view reads every page's visibility, and a page that shows the public card
        must not depend on every page's title."""
        record(f"file:{object.__getattribute__(self, 'file')}#visibility")
        with paused():
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

    def shows(self, section: PublicSection) -> bool:
        """Whether this profile shows a part of the analysis: the workbook every part, the
        public site only those that site.yaml's `public_sections` opts in."""
        if section not in PUBLIC_SECTIONS:  # a theme's typo must not hide it quietly
            raise ValueError(f"there is no public section '{section}'; the sections are "
                             + ", ".join(get_args(PublicSection)))
        return self.profile.includes_internal or section in self.settings.public_sections

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
    """Every file's top-level model (a Page for a Markdown file, a PageTranslation for a
    page's translation) by the file it came from, `file:content/…`. A model that no file
    holds (the public card's stand-in for an internal ties.yaml) is left out."""
    found: dict[str, Any] = {}
    for item in (site.settings, *_every_item(site)):
        if isinstance(item, Page):
            found[item.source] = item
            with paused():
                for translation in item.translations.values():
                    found[translation.source] = translation
        elif source := source_of(item):
            found[source] = item
    return found


def _every_item(site: Site) -> list[Any]:
    items: list[Any] = []
    for content_type in site.types:
        value = site.content[content_type.name]
        items.extend(value.values() if content_type.is_collection else [value])
    return items
