"""network.yaml: the network itself. Its card is the public site's front page (the
workbook's front page is its dashboard, which previews the card: content_types/workbook.py);
its coordination (coordinators, groups, forums) has a page of its own; the network page
draws the graph of the members and their ties."""

from __future__ import annotations

from typing import Any

from generator.errors import did_you_mean
from generator.load.content import Source
from generator.load.yaml_marks import YamlDocument
from generator.model.content_type import ContentType, Section
from generator.model.references import ReferenceChecker
from generator.model.schema import Coordination, Network
from generator.model.site import Site
from generator.model.types import Visibility
from generator.model.visibility import PublicFilter
from generator.render.pages import PageContext, PageSpec
from generator.render.routes import HOME
from generator.render.service_finder import customer_key, service_finder
from generator.render.target_view import network_target_lines, workbook_targets
from generator.render.what_if_view import Words, workbook_what_if

GROUP_LEVELS = ("strategy", "internal-development", "joint-development", "network-group")
FILE = "network.yaml"


def card_data(site: Site) -> dict[str, Any]:
    """What the card shows besides the network: how many members, and the core ones."""
    current = site.current_members()
    return {"member_count": len(current),
            "core_members": sorted((m for m in current if m.role == "core" and not m.external),
                                   key=lambda m: m.id),
            "finder": service_finder(site.network, site.languages)}


def _pages(context: PageContext) -> list[PageSpec]:
    site, network = context.site, context.network
    specs = [PageSpec("network/index.html", "network.html", "network",
                      lambda nc: nc.t("nav.network"),
                      lambda: {"network_view": network.recorded(),
                               "targets": workbook_targets(context),
                               "target_lines": network_target_lines,
                               "what_if": workbook_what_if(site, context.analysis),
                               "what_if_words": Words})]
    if not site.profile.includes_internal:  # the workbook's front page is its dashboard
        specs.insert(0, PageSpec(HOME, "index.html", "card", lambda nc: nc.text(site.network.name),
                                 lambda: card_data(site),
                                 description=lambda nc: nc.plain(site.network.tagline or
                                                                 site.network.purpose)))
    if "coordination" in context.sections:
        specs.append(PageSpec("coordination/index.html", "coordination.html", "coordination",
                              lambda nc: nc.t("nav.coordination"),
                              lambda: _coordination_data(site)))
    return specs


def _coordination_data(site: Site) -> dict[str, Any]:
    groups = site.network.coordination.groups
    return {"groups_by_level": [(level, [g for g in groups if g.level == level])
                                for level in GROUP_LEVELS],
            "coordinators": [site.members[i] for i in site.network.coordination.coordinators]}


def _has_coordination(site: Site) -> bool:
    coordination = site.network.coordination
    return bool(coordination.coordinators or coordination.groups or coordination.forums)


def _public(content_type: ContentType, network: Network, filtering: PublicFilter) -> Network:
    """The card is public whatever network.yaml's own `visibility` says: its internal
    services and groups, and internal members, are left out."""
    visible = filtering.public_ids("members")
    services = [s.model_copy(update={"providers": [p for p in s.providers if p in visible]})
                for s in network.services if s.visibility == Visibility.PUBLIC]
    coordination = network.coordination
    groups = [g.model_copy(update={"members": [m for m in g.members if m in visible]})
              for g in coordination.groups if g.visibility == Visibility.PUBLIC]
    return network.model_copy(update={
        "targets": None,  # what the network aims for is the workbook's
        "services": services,
        "coordination": Coordination(
            coordinators=[c for c in coordination.coordinators if c in visible],
            groups=groups, forums=coordination.forums),
    })


def _check(c: ReferenceChecker) -> None:
    document = c.raw.single.get(FILE)
    network = c.site.network
    c.unique(document, ((("services", i, "id"), s.id) for i, s in enumerate(network.services)),
             "service")
    for i, service in enumerate(network.services):
        for j, provider in enumerate(service.providers):
            c.member_ref(document, ("services", i, "providers", j), provider, "providers")
    _check_service_customers(c, document, network)
    _check_target_areas(c, document, network)
    for i, coordinator in enumerate(network.coordination.coordinators):
        c.member_ref(document, ("coordination", "coordinators", i), coordinator, "coordinators")
    groups = network.coordination.groups
    c.unique(document, ((("coordination", "groups", i, "id"), g.id) for i, g in enumerate(groups)),
             "group")
    for i, group in enumerate(groups):
        for j, member in enumerate(group.members):
            c.member_ref(document, ("coordination", "groups", i, "members", j), member, "members")


def _check_target_areas(c: ReferenceChecker, document: YamlDocument | None,
                        network: Network) -> None:
    """`targets.competences` names areas of competences.yaml."""
    for area in network.targets.competences if network.targets else {}:
        if area not in c.area_ids:
            hint = did_you_mean(area, c.area_ids) or (
                "competence areas are listed in content/competences.yaml under 'areas'")
            c.error(document, ("targets", "competences", area),
                    f"targets: competences: there is no competence area '{area}'", hint, key=True)


def _check_service_customers(c: ReferenceChecker, document: YamlDocument | None,
                             network: Network) -> None:
    """A service's `customers` name groups of the card's `customers` (when it lists any),
    by their text in the default language, so that the finder has one group for each."""
    if not network.customers:
        return
    default = c.site.default_language
    names = {customer_key(customer, default): customer.get(default, default)
             for customer in network.customers}
    for i, service in enumerate(network.services):
        for j, customer in enumerate(service.customers):
            if customer_key(customer, default) in names:
                continue
            written = customer.get(default, default)
            hint = did_you_mean(written, list(names.values())) or (
                "write one of the groups under 'customers' at the top of network.yaml, as it "
                "is written there in the default language")
            c.error(document, ("services", i, "customers", j),
                    f"customers: '{written}' is not one of the network's customers", hint)


NETWORK = ContentType(
    name="network",
    source=Source(FILE, required=f"create content/{FILE} (see 'netcard new' for a starter)"),
    model=Network,
    visibility=Visibility.PUBLIC,
    public=_public,
    check=_check,
    sections=(Section("network", menu=20, group="network", bundle=20),
              Section("coordination", _has_coordination, menu=40, group="network", bundle=40)),
    pages=_pages,
)
