"""A member's ties as its page lists them: read once per profile, worded once per language.

A member page lists every tie of the member. What a row shows of the content (the other
end, the type, strength, since, channels, note) is the same in every language: it is
read from the models once per profile and member (`TieRow`, made inside
`NetworkView.remembered`, so every page that lists it records what reading it read). The
words around it (the type's label, "both ways", "strength 3 (close)", "since 2019") are
the same on every page of a language: `TieWords` makes each once per language. A page
then only joins the two (`ShownTie`), with plain attributes that templates read cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup

from generator.model.schema import MarkdownText, Member, Tie, TieType
from generator.model.site import Site
from generator.model.types import PartialDate
from generator.render.helpers import PageHelpers

Direction = Literal["both", "out", "in"]
ARROWS: dict[str, str] = {"both": "↔", "out": "→", "in": "←"}


@dataclass(frozen=True, slots=True)
class TieRow:
    """One tie seen from one of its ends, as plain values."""

    tie: Tie  # the model (a theme may read more of it; each read is recorded)
    other_id: str
    other: Member
    direction: Direction
    type: str | None
    declared_type: TieType | None  # the type as ties.yaml's `types` declares it
    strength: int
    since: PartialDate | None
    channels: tuple[str, ...]
    note: MarkdownText | None

    @staticmethod
    def of(site: Site, tie: Tie, member_id: str) -> TieRow:
        """The tie from `member_id`'s end; reads (and so records) all a page shows of it."""
        first, second = tie.ends
        other_id = second if first == member_id else first
        direction: Direction = ("both" if not tie.directed
                                else "out" if first == member_id else "in")
        other = site.members[other_id]
        _ = other.name  # the list shows the other end's name
        kind = tie.type
        declared = site.ties.types.get(kind) if kind else None
        return TieRow(tie, other_id, other, direction, kind, declared, tie.strength,
                      tie.since, tuple(tie.channels), tie.note)


def tie_rows(site: Site, ties: list[Tie], member_id: str) -> list[TieRow]:
    """A member's ties, strongest first, then by the other end's id."""
    rows = [TieRow.of(site, tie, member_id) for tie in ties]
    return sorted(rows, key=lambda row: (-row.strength, row.other_id))


@dataclass
class TieWords:
    """The words of a tie row in one language, each made once per profile (they depend
    on the language alone; `nc` is any page's helpers in that language). A page that
    uses them records its locale, and the row records the content they come from."""

    nc: PageHelpers
    _types: dict[str | None, str] = field(default_factory=dict)
    _directions: dict[str, str] = field(default_factory=dict)
    _strengths: dict[int, tuple[str, str]] = field(default_factory=dict)
    _since: dict[PartialDate, str] = field(default_factory=dict)
    _channels: dict[str, str] = field(default_factory=dict)
    _names: dict[str, Markup] = field(default_factory=dict)

    def type_label(self, row: TieRow) -> str:
        label = self._types.get(row.type)
        if label is None:
            label = self._types[row.type] = (
                self.nc.text(row.declared_type.label) if row.declared_type
                else row.type or self.nc.t("tie.untyped"))
        return label

    def direction(self, direction: str) -> str:
        words = self._directions.get(direction)
        if words is None:
            words = self._directions[direction] = self.nc.t(f"tie.direction.{direction}")
        return words

    def strength(self, strength: int) -> tuple[str, str]:
        """("strength 3", "close"): the strength and its label."""
        words = self._strengths.get(strength)
        if words is None:
            words = self._strengths[strength] = (
                self.nc.t("tie.strength_n", n=strength),
                self.nc.t(f"tie.strength_label.{strength}"))
        return words

    def since(self, since: PartialDate) -> str:
        words = self._since.get(since)
        if words is None:
            words = self._since[since] = self.nc.date(since, "since")
        return words

    def channel(self, channel: str) -> str:
        words = self._channels.get(channel)
        if words is None:
            words = self._channels[channel] = self.nc.t(f"tie_channel.{channel}")
        return words

    def name(self, row: TieRow) -> Markup:
        """The other end's name as the list shows it (in its own `lang` if foreign)."""
        shown = self._names.get(row.other_id)
        if shown is None:
            shown = self._names[row.other_id] = self.nc.marked(row.other.name)
        return shown


@dataclass(frozen=True, slots=True)
class ShownTie:
    """A tie row on one page: the row's values, its words in the page's language and
    the other end's URL relative to the page (None when it has no page)."""

    tie: Tie
    other_id: str
    other: Member
    other_url: str | None
    other_name: Markup
    direction: Direction
    arrow: str
    direction_label: str
    type_label: str
    strength: int
    strength_words: str
    strength_label: str
    since: PartialDate | None
    since_words: str
    channels: tuple[str, ...]
    channel_words: tuple[str, ...]
    note: MarkdownText | None


def shown_ties(nc: PageHelpers, words: TieWords, rows: list[TieRow]) -> list[ShownTie]:
    """The rows as this page shows them (`words` in the page's language)."""
    shown = []
    for row in rows:
        strength_words, strength_label = words.strength(row.strength)
        shown.append(ShownTie(
            row.tie, row.other_id, row.other, nc.member_url(row.other_id),
            words.name(row), row.direction, ARROWS[row.direction],
            words.direction(row.direction), words.type_label(row), row.strength,
            strength_words, strength_label, row.since,
            words.since(row.since) if row.since else "", row.channels,
            tuple(words.channel(channel) for channel in row.channels), row.note))
    return shown
