"""competences.yaml: the competence areas, the labels of the levels 1–5 and what the
network needs. Members say their levels; the competence page maps them."""

from __future__ import annotations

from typing import Any

from generator.analyse.competence import CompetenceMap
from generator.deps import Deferred
from generator.errors import did_you_mean
from generator.load.content import Source
from generator.model.content_type import ContentType, Section
from generator.model.references import ReferenceChecker
from generator.model.schema import CompetencesFile
from generator.model.site import Site
from generator.model.types import Text, Visibility
from generator.model.visibility import PublicFilter
from generator.render.competence_view import competence_graph
from generator.render.pages import PageContext, PageSpec
from generator.render.target_view import competence_target_lines, workbook_targets

FILE = "competences.yaml"


def level_labels(site: Site) -> dict[int, Text | str]:
    """The competence levels' labels from competences.yaml, else the UI's own (a key)."""
    labels = site.competences.levels
    return {level: labels.get(level, f"competences.levels.{level}") for level in range(1, 6)}


def _pages(context: PageContext) -> list[PageSpec]:
    if "competences" not in context.sections:
        return []
    site, maps = context.site, context.analysis.competences
    return [PageSpec("competences/index.html", "competences.html", "competences",
                     lambda nc: nc.t("nav.competences"),
                     lambda: {**_competence_data(site, maps),
                              "targets": workbook_targets(context),
                              "target_lines": competence_target_lines})]


def _competence_data(site: Site,
                     maps: Deferred[tuple[CompetenceMap, CompetenceMap]]) -> dict[str, Any]:
    own, extended = maps.read()
    return {"own_map": own, "extended_map": extended,
            "areas": {a.id: a for a in site.competences.areas},
            "needs": site.competences.needs, "level_labels": level_labels(site),
            "competence_graph": competence_graph,
            "has_external": len(extended.members) > len(own.members)}


def _public(content_type: ContentType, competences: CompetencesFile,
            filtering: PublicFilter) -> CompetencesFile:
    """Nothing when the file is internal; else the public areas and the public needs
    of those areas. What the network lacks (its needs, the gaps) stays in the workbook
    unless public_sections has competence-gaps."""
    if content_type.visibility_of(competences) != Visibility.PUBLIC:
        return CompetencesFile()
    areas = [a for a in competences.areas if a.visibility == Visibility.PUBLIC]
    ids = {a.id for a in areas}
    needs = [n for n in competences.needs if n.visibility == Visibility.PUBLIC and n.area in ids
             and filtering.opted_in("competence-gaps")]
    return competences.model_copy(update={"areas": areas, "needs": needs})


def _check(c: ReferenceChecker) -> None:
    document = c.raw.single.get(FILE)
    areas = c.site.competences.areas
    c.unique(document, ((("areas", i, "id"), a.id) for i, a in enumerate(areas)), "area")
    for i, need in enumerate(c.site.competences.needs):
        if need.area not in c.area_ids:
            c.error(document, ("needs", i, "area"), f"area: there is no competence area "
                    f"'{need.area}'", did_you_mean(need.area, c.area_ids) or
                    "name one of the ids under 'areas'")


def _has_areas(site: Site) -> bool:
    return bool(site.competences.areas)


COMPETENCES = ContentType(
    name="competences",
    source=Source(FILE),
    model=CompetencesFile,
    visibility=Visibility.PUBLIC,
    public=_public,
    check=_check,
    sections=(Section("competences", _has_areas, menu=30, group="network", bundle=30),),
    pages=_pages,
)
