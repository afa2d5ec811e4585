"""The whole validated site: one object every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from generator.deps import record
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
)

Section = Literal["workbook", "strategy", "pages"]
COLLECTIONS = frozenset({"members", "portfolios", "futures", "evaluations", "workbook", "strategy",
                         "pages", "media"})
PAGE_FIELDS = frozenset({"id", "section", "meta", "body", "body_line"})
SECTION_DEFAULT_VISIBILITY: dict[str, str] = {
    "workbook": "internal", "strategy": "internal", "pages": "public",
}


@dataclass(frozen=True)
class Page:
    """A Markdown page from workbook/, strategy/ or pages/."""

    id: str
    section: Section
    meta: PageMeta
    body: str
    body_line: int
    file: str

    def __getattribute__(self, name: str) -> Any:
        if name in PAGE_FIELDS:
            record(f"file:{object.__getattribute__(self, 'file')}#{name}")
        return object.__getattribute__(self, name)

    @property
    def visibility(self) -> str:
        return self.meta.visibility or SECTION_DEFAULT_VISIBILITY[self.section]


@dataclass(frozen=True)
class Site:
    """Everything in content/, validated. The public profile is a filtered copy."""

    settings: SiteSettings
    network: Network
    members: dict[str, Member]
    ties: TiesFile = field(default_factory=TiesFile)
    competences: CompetencesFile = field(default_factory=CompetencesFile)
    portfolios: dict[str, Portfolio] = field(default_factory=dict)
    futures: dict[str, Future] = field(default_factory=dict)
    evaluations: dict[str, Evaluation] = field(default_factory=dict)
    workbook: dict[str, Page] = field(default_factory=dict)
    strategy: dict[str, Page] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    media: frozenset[str] = frozenset()
    profile: Literal["public", "workbook"] = "workbook"

    def __getattribute__(self, name: str) -> Any:
        if name in COLLECTIONS:
            record("ids:" + name)
        return object.__getattribute__(self, name)

    @property
    def published(self) -> bool:
        """Whether this profile is the one published at base_url: only the public card
        gets absolute addresses (canonical, language alternates, sitemap.xml)."""
        return self.profile == "public"

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
