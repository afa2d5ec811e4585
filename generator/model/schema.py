"""The pydantic models of every content file, key for key as CONTENT-FORMAT.md says."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from generator.deps import current_reads
from generator.model.types import (
    Color,
    Email,
    Id,
    LanguageCode,
    Level,
    MediaPath,
    PartialDate,
    Phone,
    Text,
    Url,
    Visibility,
    VisibilityKey,
    content_error,
)

MarkdownText = Text  # a Text whose strings are Markdown

Kind = Literal["organisation", "unit", "group", "person"]
Sector = Literal["education", "employment", "municipality", "government", "ngo", "business",
                 "project", "other"]
Role = Literal["core", "partner", "associate"]
Channel = Literal["web", "phone", "chat", "email", "group", "one-to-one", "event", "other"]
TieChannel = Literal["meetings", "email", "phone", "shared-system", "other"]
GroupLevel = Literal["strategy", "internal-development", "joint-development", "network-group"]
TrustFactor = Literal["honesty", "openness", "respect", "shared-goals", "doing-right",
                      "listening", "compassion", "confidentiality"]
PortfolioStatus = Literal["current", "desired", "ending"]
ActionStatus = Literal["planned", "started", "done", "dropped"]
PortfolioRole = Literal["coordinator", "core", "member", "customer", "supplier", "observer"]
# The analysis that site.yaml's `public_sections` may opt into the public site; by default
# it stays in the workbook (see Site.shows and model/visibility.py).
PublicSection = Literal["network-figures", "competence-levels", "competence-gaps",
                        "tie-strength"]


class Model(BaseModel):
    """A content model. Reading a field records where it came from (see deps.py).

    A file's top-level model records `file:<path>#<field>` for each field read;
    models nested inside it record the top-level field they belong to, so an
    edit re-renders only the pages that showed what changed.
    """

    # defer_build: a model's validator is made when a file first needs it, so a site
    # without futures or evaluations never pays for theirs (0.29 → 0.17 s of import).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              arbitrary_types_allowed=True, defer_build=True)
    _source: str = PrivateAttr("")
    _top: bool = PrivateAttr(False)
    # field → source, made as fields are read. (Not a default_factory: pydantic inspects a
    # factory's signature for every model it makes, 0.8 s for a 2,000-member site.)
    _reads: dict[str, str] | None = PrivateAttr(None)
    _field_names: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._field_names = frozenset(cls.__pydantic_fields__)

    def __getattribute__(self, name: str) -> Any:
        # Every attribute read of every page goes through here: the source names are
        # made once per model and field, and nothing is done when nothing records.
        if name[0] != "_":
            reads = current_reads()
            if reads is not None:
                private = object.__getattribute__(self, "__pydantic_private__")
                if private and private["_source"]:  # (None while being validated)
                    known = private["_reads"]
                    if known is None:
                        known = private["_reads"] = {}
                    source = known.get(name)
                    if source is None and name in type(self)._field_names:
                        source = known[name] = (f"{private['_source']}#{name}" if private["_top"]
                                                else private["_source"])
                    if source is not None:
                        reads.add(source)
        return object.__getattribute__(self, name)


def attach_source(top: Model, source: str) -> None:
    """Mark a file's top-level model, and every model inside it, with where it came from."""
    _mark(top, source, top=True)
    for name, value in _fields(top).items():
        _attach_nested(value, f"{source}#{name}")


def source_of(model: Model) -> str:
    """Where a model came from, `file:content/…` ("" for one that no file holds)."""
    source: str = object.__getattribute__(model, "__pydantic_private__")["_source"]
    return source


# Values that hold no model: most of a site, skipped with one set lookup.
_LEAVES = frozenset({str, int, float, bool, type(None), date})


def _attach_nested(value: object, source: str) -> None:
    if type(value) in _LEAVES:
        return
    if isinstance(value, Model):
        _mark(value, source, top=False)
        for item in _fields(value).values():
            _attach_nested(item, source)
    elif isinstance(value, list | tuple):
        for item in value:
            _attach_nested(item, source)
    elif isinstance(value, dict):
        for item in value.values():
            _attach_nested(item, source)


def _mark(model: Model, source: str, *, top: bool) -> None:
    # Straight into pydantic's private-attribute dict: its __setattr__ costs three times
    # as much, and a site has tens of thousands of models (0.2 s at 2,000 members).
    private = object.__getattribute__(model, "__pydantic_private__")
    private["_source"] = source
    private["_top"] = top
    private["_reads"] = None  # a copy's table may be its original's


def _fields(model: Model) -> dict[str, Any]:
    """The model's field values by name (pydantic keeps them in the instance dict)."""
    fields: dict[str, Any] = object.__getattribute__(model, "__dict__")
    return fields


# site.yaml -----------------------------------------------------------------

class MarkdownSettings(Model):
    allow_html: bool = False


class GraphSettings(Model):
    physics_max_nodes: int = Field(default=0, ge=0, le=100_000)


class SiteSettings(Model):
    title: Text | None = None
    base_url: Url | None = None
    languages: list[str] = Field(default_factory=lambda: ["fi", "sv", "en"], min_length=1)
    theme: Id = "default"
    markdown: MarkdownSettings = MarkdownSettings()
    graph: GraphSettings = GraphSettings()
    search: bool = True
    public_sections: list[PublicSection] = []
    accent: Color | None = None  # netcard extension: the theme's accent colour

    @property
    def default_language(self) -> str:
        return self.languages[0]


# network.yaml --------------------------------------------------------------

class Service(Model):
    id: Id
    name: Text
    description: MarkdownText | None = None
    channels: list[Channel] = []
    providers: list[Id] = []
    # netcard extensions, for the card's service finder: whom the service is for (the
    # network's `customers`, named in the default language) and the languages it is given in
    customers: list[Text] = []
    languages: list[LanguageCode] = []
    visibility: VisibilityKey = Visibility.PUBLIC


class Link(Model):
    label: Text
    url: Url


class Contact(Model):
    email: Email | None = None
    phone: Phone | None = None
    address: Text | None = None
    website: Url | None = None
    links: list[Link] = []


class Profile(Model):
    level: Literal["macro", "cluster", "industry", "local", "focus", "bilateral"] | None = None
    structure: Literal["floating", "permanent"] | None = None
    recurrence: Literal["occasional", "recurring", "permanent"] | None = None
    intent: Literal["intentional", "emergent"] | None = None


Share = Annotated[float, Field(ge=0, le=1)]


class Targets(Model):
    """What the network aims for; the workbook reads each figure against its target."""

    density: tuple[Share, Share] | None = None
    centralization_max: Share | None = None
    profile: Profile = Profile()
    competences: dict[Id, Level] = {}

    @model_validator(mode="after")
    def _range_in_order(self) -> Targets:
        if self.density is not None and self.density[0] > self.density[1]:
            low, high = self.density
            raise content_error(f"density: the lower end {low} is above the upper end {high}",
                                f"write the range low first, e.g. [{high}, {low}]")
        return self


class CoordinationGroup(Model):
    id: Id
    name: Text
    level: GroupLevel
    members: list[Id] = []
    meets: Text | None = None
    visibility: VisibilityKey = Visibility.PUBLIC


class Coordination(Model):
    coordinators: list[Id] = []
    groups: list[CoordinationGroup] = []
    forums: list[Text] = []


class Network(Model):
    name: Text
    tagline: Text | None = None
    purpose: MarkdownText | None = None
    goals: list[Text] = []
    customers: list[Text] = []
    services: list[Service] = []
    communication: MarkdownText | None = None
    contact: Contact = Contact()
    logo: MediaPath | None = None
    founded: PartialDate | None = None
    profile: Profile = Profile()
    coordination: Coordination = Coordination()
    targets: Targets | None = None  # internal: the workbook reads figures against them
    visibility: VisibilityKey | None = None  # None: the content type's default


# members/<id>.yaml ---------------------------------------------------------

class Member(Model):
    id: Id = Field("", exclude=True)
    name: Text
    kind: Kind = "organisation"
    parent: Id | None = None
    sector: Sector = "other"
    role: Role = "partner"
    external: bool = False
    description: MarkdownText | None = None
    website: Url | None = None
    email: Email | None = None
    phone: Phone | None = None
    address: Text | None = None
    logo: MediaPath | None = None
    competences: dict[Id, Level] = {}
    joined: PartialDate | None = None
    left: PartialDate | None = None
    visibility: VisibilityKey | None = None  # None: the content type's default

    @property
    def is_current(self) -> bool:
        return self.left is None


# ties.yaml -----------------------------------------------------------------

class TieType(Model):
    label: Text
    color: Color | None = None


class Tie(Model):
    between: list[Id] | None = Field(None, min_length=2, max_length=2)
    from_: Id | None = Field(None, alias="from")
    to: Id | None = None
    type: Id | None = None
    strength: Level = 3
    channels: list[TieChannel] = []
    since: PartialDate | None = None
    note: MarkdownText | None = None
    visibility: VisibilityKey = Visibility.PUBLIC

    @model_validator(mode="after")
    def _one_shape(self) -> Tie:
        directed = self.from_ is not None or self.to is not None
        if self.between is not None and directed:
            raise content_error("a tie has either 'between' or 'from'/'to', not both",
                                "use 'between: [a, b]' for a mutual tie, 'from: a' + 'to: b' "
                                "for a one-way tie")
        if self.between is None and not directed:
            raise content_error("the tie does not say whom it connects",
                                "add 'between: [member-a, member-b]' or 'from: a' and 'to: b'")
        if directed and (self.from_ is None or self.to is None):
            missing = "to" if self.to is None else "from"
            raise content_error(f"a one-way tie needs both 'from' and 'to'; '{missing}' is missing",
                                f"add '{missing}: <member id>'")
        return self

    @property
    def directed(self) -> bool:
        return self.between is None

    @property
    def ends(self) -> tuple[str, str]:
        if self.between is not None:
            return self.between[0], self.between[1]
        assert self.from_ is not None and self.to is not None
        return self.from_, self.to


class TiesFile(Model):
    types: dict[Id, TieType] = {}
    ties: list[Tie] = []
    visibility: VisibilityKey | None = None  # None: the content type's default


# competences.yaml ----------------------------------------------------------

class CompetenceArea(Model):
    id: Id
    name: Text
    group: Text | None = None
    description: MarkdownText | None = None
    visibility: VisibilityKey = Visibility.PUBLIC


class CompetenceNeed(Model):
    area: Id
    level: Level = 4
    note: MarkdownText | None = None
    visibility: VisibilityKey = Visibility.PUBLIC


class CompetencesFile(Model):
    levels: dict[Level, Text] = {}
    areas: list[CompetenceArea] = []
    needs: list[CompetenceNeed] = []
    visibility: VisibilityKey | None = None  # None: the content type's default


# portfolios/<member id>.yaml -----------------------------------------------

class PortfolioNetwork(Model):
    name: Text
    status: PortfolioStatus = "current"
    role: PortfolioRole = "member"
    importance: Level = 3
    purpose: MarkdownText | None = None


class Portfolio(Model):
    id: Id = Field("", exclude=True)
    networks: list[PortfolioNetwork] = []
    visibility: VisibilityKey | None = None  # None: the content type's default


# futures/<id>.yaml ---------------------------------------------------------

class FutureAction(Model):
    action: Text
    first_step: Text | None = None
    responsible: list[Text] = []
    competence: Text | None = None
    due: PartialDate | None = None
    status: ActionStatus = "planned"
    done: PartialDate | None = None  # when it was done or dropped


class Future(Model):
    id: Id = Field("", exclude=True)
    title: Text | None = None
    date: PartialDate | None = None
    horizon: PartialDate | None = None
    actors: list[Text] = []
    customers: list[Text] = []
    transformation: list[Text] = []
    values: list[Text] = []
    obstacles: list[Text] = []
    drivers: list[Text] = []
    story: MarkdownText | None = None
    vision: Text | None = None
    actions: list[FutureAction] = []
    visibility: VisibilityKey | None = None  # None: the content type's default


# evaluations/<id>.yaml -----------------------------------------------------

DIMENSIONS = ("debate", "dialogue", "difference", "distinction", "deal", "documentation")
REFLECTION_KEYS = ("learned", "felt_good", "apply", "pondering", "tell_colleagues",
                   "contribution", "next", "other")


class Response(Model):
    respondent: Text | None = None
    debate: Level | None = None
    dialogue: Level | None = None
    difference: Level | None = None
    distinction: Level | None = None
    deal: Level | None = None
    documentation: Level | None = None
    trust: list[TrustFactor] = []
    comment: MarkdownText | None = None

    def score(self, dimension: str) -> int | None:
        value: int | None = getattr(self, dimension)
        return value


class Reflection(Model):
    learned: Text | None = None
    felt_good: Text | None = None
    apply: Text | None = None
    pondering: Text | None = None
    tell_colleagues: Text | None = None
    contribution: Text | None = None
    next: Text | None = None
    other: Text | None = None


class Evaluation(Model):
    id: Id = Field("", exclude=True)
    title: Text | None = None
    date: PartialDate | None = None
    responses: list[Response] = []
    responses_csv: str | None = None
    reflection: list[Reflection] = []
    visibility: VisibilityKey | None = None  # None: the content type's default


# workbook/, strategy/, pages/ front matter ----------------------------------

class PageMeta(Model):
    title: Text
    phase: int | None = Field(None, ge=1, le=9, strict=True)
    step: int | None = Field(None, ge=1, le=7, strict=True)
    order: int = Field(100, strict=True)
    menu: bool = False  # pages/: in the main menu; every page is in the pages index anyway
    visibility: VisibilityKey | None = None  # None: the content type's default
