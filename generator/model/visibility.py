"""The public profile: the site with everything internal removed *before* analysis.

Filtering the model (not the pages) is what keeps internal members, ties and
counts out of every public page, metric, export and search index at once.
"""

from __future__ import annotations

import dataclasses

from generator.model.schema import (
    CompetencesFile,
    Coordination,
    Future,
    FutureAction,
    Member,
    Model,
    Network,
    TiesFile,
    attach_source,
)
from generator.model.site import Page, Site


def public_view(site: Site) -> Site:
    """The site as customers may see it: everything internal left out."""
    view = _filtered(site)
    for model in top_level_models(view).values():
        attach_source(model, object.__getattribute__(model, "__pydantic_private__")["_source"])
    return view


def top_level_models(site: Site) -> dict[str, Model]:
    """Every file's top-level model, by the file it came from."""
    models: list[Model] = [site.settings, site.network, site.ties, site.competences,
                           *site.members.values(), *site.portfolios.values(),
                           *site.futures.values(), *site.evaluations.values()]
    found = {}
    for model in models:
        source = object.__getattribute__(model, "__pydantic_private__")["_source"]
        if source:
            found[source] = model
    return found


def _filtered(site: Site) -> Site:
    members = {i: m for i, m in site.members.items() if m.visibility == "public"}
    visible = set(members)
    competences = _public_competences(site.competences)
    areas = {area.id for area in competences.areas}
    return dataclasses.replace(
        site,
        profile="public",
        network=_public_network(site.network, visible),
        members={i: _public_member(m, visible, areas) for i, m in members.items()},
        ties=_public_ties(site.ties, visible),
        competences=competences,
        portfolios={i: p for i, p in site.portfolios.items()
                    if p.visibility == "public" and i in visible},
        futures={i: _public_future(f, site, visible) for i, f in site.futures.items()
                 if f.visibility == "public"},
        evaluations={i: e for i, e in site.evaluations.items() if e.visibility == "public"},
        workbook=_public_pages(site.workbook),
        strategy=_public_pages(site.strategy),
        pages=_public_pages(site.pages),
    )


def _public_pages(pages: dict[str, Page]) -> dict[str, Page]:
    return {i: p for i, p in pages.items() if p.visibility == "public"}


def _public_member(member: Member, visible: set[str], areas: set[str]) -> Member:
    return member.model_copy(update={
        "parent": member.parent if member.parent in visible else None,
        "competences": {a: level for a, level in member.competences.items() if a in areas},
    })


def _public_network(network: Network, visible: set[str]) -> Network:
    services = [s.model_copy(update={"providers": [p for p in s.providers if p in visible]})
                for s in network.services if s.visibility == "public"]
    coordination = network.coordination
    groups = [g.model_copy(update={"members": [m for m in g.members if m in visible]})
              for g in coordination.groups if g.visibility == "public"]
    return network.model_copy(update={
        "services": services,
        "coordination": Coordination(
            coordinators=[c for c in coordination.coordinators if c in visible],
            groups=groups, forums=coordination.forums),
    })


def _public_ties(ties: TiesFile, visible: set[str]) -> TiesFile:
    if ties.visibility != "public":
        return TiesFile()
    kept = [t for t in ties.ties if t.visibility == "public" and set(t.ends) <= visible]
    used = {t.type for t in kept}
    return ties.model_copy(update={
        "ties": kept, "types": {k: v for k, v in ties.types.items() if k in used}})


def _public_competences(competences: CompetencesFile) -> CompetencesFile:
    if competences.visibility != "public":
        return CompetencesFile()
    areas = [a for a in competences.areas if a.visibility == "public"]
    ids = {a.id for a in areas}
    needs = [n for n in competences.needs if n.visibility == "public" and n.area in ids]
    return competences.model_copy(update={"areas": areas, "needs": needs})


def _public_future(future: Future, site: Site, visible: set[str]) -> Future:
    hidden = set(site.members) - visible

    def keep(action: FutureAction) -> FutureAction:
        people = [r for r in action.responsible if r.plain not in hidden]
        return action.model_copy(update={"responsible": people})

    return future.model_copy(update={"actions": [keep(a) for a in future.actions]})
