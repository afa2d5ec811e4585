"""members/<id>.yaml: the members of the network, organisations and their units, people
and groups. Each has a page; the members page lists them by role."""

from __future__ import annotations

from typing import Any

from generator.analyse.actions import ActionFollowUp
from generator.content_types.competences import level_labels
from generator.deps import Recorded, fingerprint, paused, record
from generator.errors import did_you_mean
from generator.load.content import Source
from generator.load.yaml_marks import YamlDocument
from generator.model import derivation
from generator.model.content_type import ContentType, Section
from generator.model.references import ReferenceChecker
from generator.model.schema import Member
from generator.model.site import Site
from generator.model.types import Visibility
from generator.model.visibility import PublicFilter, by_visibility
from generator.rebuilds import KeptByIdentity
from generator.render.network_view import NetworkView
from generator.render.pages import PageContext, PageSpec
from generator.render.tie_rows import tie_rows
from generator.render.what_if_view import Words, member_departure

FOLDER = "members"
ROLES = ("core", "partner", "associate")


def _pages(context: PageContext) -> list[PageSpec]:
    site = context.site
    specs = [PageSpec("members/index.html", "members.html", "members",
                      lambda nc: nc.t("nav.members"), lambda: _member_lists(site))]
    children = children_by_parent(site)
    # the workbook lists what each member is responsible for; the public card never does
    actions = context.analysis.actions if site.profile.includes_internal else None
    specs.extend(_member_page(site, member, context.network, children, actions)
                 for member in site.members.values())
    return specs


def _member_lists(site: Site) -> dict[str, Any]:
    current = sorted(site.current_members(), key=lambda m: m.id)
    by_role = [(role, [m for m in current if m.role == role and not m.external])
               for role in ROLES]
    return {
        "member_count": len(current),
        "members_by_role": [(role, group) for role, group in by_role if group],
        "external_members": [m for m in current if m.external],
        "former_members": sorted(site.former_members(), key=lambda m: m.id),
    }


def children_by_parent(site: Site) -> dict[str, list[Member]]:
    """Each member's units (members that name it as `parent`), in the members' order."""
    with paused():
        index: dict[str, list[Member]] = {}
        for member in site.members.values():
            if member.parent:
                index.setdefault(member.parent, []).append(member)
        return index


def children_values(site: Site) -> dict[str, str]:
    """`value:children:<id>` for every member: which members are its units.

    A member page lists its units. Finding them by reading every member's `parent`
    made each member page depend on every member file (n² dependencies); this
    value changes exactly when the list of units does.
    """
    index = children_by_parent(site)
    with paused():
        return {f"value:children:{member_id}":
                fingerprint(*(unit.id for unit in index.get(member_id, [])))
                for member_id in site.members}


def _member_page(site: Site, member: Member, network: NetworkView,
                 children: dict[str, list[Member]],
                 actions: Recorded[ActionFollowUp] | None) -> PageSpec:
    def data() -> dict[str, Any]:
        # The same in every language: worked out for the first, replayed for the others.
        context = dict(network.remembered(("member", member.id), lambda: {
            **member_context(site, member, network, children),
            "level_labels": level_labels(site)}))
        view = network.recorded()
        context["figures"] = view.by_id().get(member.id)
        context["ego"] = view.ego(member.id)
        context["responsible_for"] = ([] if actions is None or not site.futures
                                      else actions.read().of_member(member.id))
        context["departure"] = member_departure(site, view.analysis, member.id)
        context["what_if_words"] = Words
        return context

    return PageSpec(f"members/{member.id}/index.html", "member.html", "member",
                    lambda nc: nc.text(member.name), data,
                    description=lambda nc: nc.plain(member.description) or nc.text(member.name))


def member_context(site: Site, member: Member, network: NetworkView,
                   children: dict[str, list[Member]]) -> dict[str, Any]:
    record(f"value:children:{member.id}")
    areas = {area.id: area for area in site.competences.areas}
    groups = [g for g in site.network.coordination.groups if member.id in g.members]
    return {
        "member": member,
        "parent": site.members.get(member.parent) if member.parent else None,
        "children": children.get(member.id, []),
        "services": [s for s in site.network.services if member.id in s.providers],
        "competences": sorted(((areas[a], level) for a, level in member.competences.items()
                               if a in areas), key=lambda pair: (-pair[1], pair[0].id)),
        "groups": groups,
        "is_coordinator": member.id in site.network.coordination.coordinators,
        "ties": network.remembered(("ties", member.id), lambda: tie_rows(
            site, [tie for _, tie in network.ties_of(member.id)], member.id)),
        "portfolio": site.portfolios.get(member.id),
    }


def _public(content_type: ContentType, members: dict[str, Member],
            filtering: PublicFilter) -> dict[str, Member]:
    """The public members; a public unit of an internal parent shows no parent, and
    competences only in the public areas (and none unless competence levels are public)."""
    kept: dict[str, Member] = by_visibility(content_type, members, filtering)
    visible = set(kept)
    # Competence levels stay in the workbook unless public_sections has competence-levels.
    areas = frozenset({area.id for area in filtering.public("competences").areas}
                      if filtering.opted_in("competence-levels") else set())
    named_areas = repr(sorted(areas))
    return {i: _public_member(m, visible, areas, named_areas) for i, m in kept.items()}


def _public_member(member: Member, visible: set[str], areas: frozenset[str],
                   named_areas: str) -> Member:
    """The member's public copy; under netcard serve, the last build's copy of a member
    kept unchanged (model/build.py), so that what is worked out from the copy is kept too
    (its fingerprint: see render/incremental.py). The copy is made from the member, its
    parent and the `areas` only (its derivation: model/derivation.py)."""
    parent = member.parent if member.parent in visible else None
    copy = _PUBLIC_COPIES.made(member, (parent, areas), lambda: member.model_copy(update={
        "parent": parent,
        "competences": {a: level for a, level in member.competences.items() if a in areas},
    }))
    made_from = derivation.of(member)
    if made_from is not None:
        derivation.note(copy, "public member", made_from, repr(parent), named_areas)
    return copy


_PUBLIC_COPIES: KeptByIdentity[Member, Member] = KeptByIdentity(limit=50_000)


def _check(c: ReferenceChecker) -> None:
    documents = c.raw.folders.get(FOLDER, {})
    for identifier, member in c.site.members.items():
        document = documents.get(identifier)
        if member.parent is not None:
            if member.parent == identifier:
                c.error(document, ("parent",), "a member cannot be its own parent",
                        "name the organisation this unit belongs to, or remove 'parent'")
            else:
                c.member_ref(document, ("parent",), member.parent, "parent")
        for area in member.competences:
            if area not in c.area_ids:
                hint = did_you_mean(area, c.area_ids) or (
                    "competence areas are listed in content/competences.yaml under 'areas'")
                c.error(document, ("competences", area),
                        f"competences: there is no competence area '{area}'", hint, key=True)
    _check_parent_cycles(c, documents)


def _check_parent_cycles(c: ReferenceChecker, documents: dict[str, YamlDocument]) -> None:
    reported: set[str] = set()
    for start in sorted(c.site.members):
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in c.site.members and current not in chain:
            chain.append(current)
            current = c.site.members[current].parent
        if current is None or current not in chain or current == chain[-1] == start:
            continue
        cycle = chain[chain.index(current):]
        if reported.intersection(cycle):
            continue
        reported.update(cycle)
        loop = " → ".join([*cycle, cycle[0]])
        c.error(documents.get(cycle[0]), ("parent",), f"parent: the parents form a loop: {loop}",
                "a unit's parent must be an organisation higher up; "
                "remove one 'parent' of the loop")


MEMBERS = ContentType(
    name="members",
    source=Source(FOLDER, ".yaml", required="add at least one file content/members/<id>.yaml "
                                            "with 'name: …'"),
    model=Member,
    visibility=Visibility.PUBLIC,
    public=_public,
    check=_check,
    route="members/{id}/index.html",
    sections=(Section("members", menu=10, group="network", bundle=10, nested=True,
                      by_title=True),),
    pages=_pages,
    values=children_values,
)
