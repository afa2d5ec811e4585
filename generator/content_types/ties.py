"""ties.yaml: the ties between members (and the types of tie). The network page and the
member pages show them; they have no page of their own."""

from __future__ import annotations

from generator.analyse.exports import SECTOR_COLORS
from generator.errors import did_you_mean
from generator.load.content import Source
from generator.load.yaml_marks import DocPath, YamlDocument
from generator.model import derivation
from generator.model.content_type import ContentType
from generator.model.references import ReferenceChecker
from generator.model.schema import Tie, TiesFile
from generator.model.types import Visibility
from generator.model.visibility import PublicFilter
from generator.rebuilds import KeptByIdentity

FILE = "ties.yaml"
UNSTATED_STRENGTH: int = Tie.model_fields["strength"].default  # a tie that names none


def _public(content_type: ContentType, ties: TiesFile, filtering: PublicFilter) -> TiesFile:
    """No tie when the file is internal; else the public ties between public members,
    and only the types they use. How strong a tie is stays in the workbook unless
    `public_sections` has tie-strength: every public tie then has the default strength,
    so no page, graph, metric or export of the public site can tell one from another."""
    if content_type.visibility_of(ties) != Visibility.PUBLIC:
        return TiesFile()
    visible = frozenset(filtering.public_ids("members"))
    strengths = filtering.opted_in("tie-strength")
    # (netcard serve: the last build's copy, of the same file, for the same members)
    copy = _PUBLIC_COPIES.made(ties, (visible, strengths),
                               lambda: _public_ties(ties, visible, strengths))
    made_from = derivation.of(ties)
    if made_from is not None:  # (see model/derivation.py)
        derivation.note(copy, "public ties", made_from, repr(sorted(visible)), repr(strengths))
    return copy


def _public_ties(ties: TiesFile, visible: frozenset[str], strengths: bool) -> TiesFile:
    kept = [t for t in ties.ties if t.visibility == Visibility.PUBLIC and set(t.ends) <= visible]
    if not strengths:
        kept = [t.model_copy(update={"strength": UNSTATED_STRENGTH}) for t in kept]
    used = {t.type for t in kept}
    return ties.model_copy(update={
        "ties": kept, "types": {k: v for k, v in ties.types.items() if k in used}})


# netcard serve: the public copy of a ties file kept unchanged between builds (8,000
# ties: 0.1 s, and its fingerprint)
_PUBLIC_COPIES: KeptByIdentity[TiesFile, TiesFile] = KeptByIdentity(limit=4)


def _check(c: ReferenceChecker) -> None:
    document = c.raw.single.get(FILE)
    ties = c.site.ties
    for i, tie in enumerate(ties.ties):
        ends: list[tuple[DocPath, str]]
        if tie.between is not None:
            ends = [(("ties", i, "between", j), member) for j, member in enumerate(tie.between)]
        else:
            assert tie.from_ is not None and tie.to is not None
            ends = [(("ties", i, "from"), tie.from_), (("ties", i, "to"), tie.to)]
        for path, member in ends:
            c.member_ref(document, path, member, "tie")
        if ends[0][1] == ends[1][1]:
            c.error(document, ("ties", i), f"the tie connects '{ends[0][1]}' with itself",
                    "a tie joins two different members")
        if tie.type is not None and ties.types and tie.type not in ties.types:
            hint = did_you_mean(tie.type, ties.types) or (
                "add it under 'types:' at the top of ties.yaml, or use one of: "
                + ", ".join(sorted(ties.types)))
            c.error(document, ("ties", i, "type"), f"type: there is no tie type '{tie.type}'", hint)
    _check_type_colors(c, document, ties)


def _check_type_colors(c: ReferenceChecker, document: YamlDocument | None,
                       ties: TiesFile) -> None:
    """A warning for a tie type coloured as a sector: the graph's members wear their
    sector's colour, so such ties would read as belonging to that sector."""
    sectors = {color: sector for sector, color in SECTOR_COLORS.items()}
    for name, tie_type in ties.types.items():
        sector = sectors.get(tie_type.color or "")
        if sector is not None:
            c.error(document, ("types", name, "color"),
                    f"types: {name}: the colour {tie_type.color} is the colour of the sector "
                    f"'{sector}' in the network graph, so these ties may be read as that "
                    "sector's", "choose another colour, or remove 'color:' to draw these "
                    "ties in a neutral tone with a line style of their own", warning=True)


TIES = ContentType(
    name="ties",
    source=Source(FILE),
    model=TiesFile,
    visibility=Visibility.PUBLIC,
    public=_public,
    check=_check,
)
