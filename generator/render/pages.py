"""Which pages a profile has, and the data each page's template gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.analyse.competence import competence_maps
from generator.analyse.evaluation import KOSONEN_PIKKA_SHARES
from generator.analyse.rounds import round_trend, summarise_rounds
from generator.model.schema import DIMENSIONS, REFLECTION_KEYS, Future, FutureAction, Member
from generator.model.site import Page, Site
from generator.model.types import PartialDate, Text
from generator.render.helpers import PageHelpers
from generator.render.network_view import NetworkView
from generator.render.routes import Routes

Title = Callable[[PageHelpers], str]
GROUP_LEVELS = ("strategy", "internal-development", "joint-development", "network-group")
ROLES = ("core", "partner", "associate")
PHASE_TOOLS: dict[int, list[tuple[str, str]]] = {
    1: [("portfolios/index.html", "portfolio.page_title"), ("network/index.html", "nav.network")],
    2: [("portfolios/index.html", "portfolio.roles_title"),
        ("coordination/index.html", "nav.coordination")],
    3: [("competences/index.html", "nav.competences")],
    4: [("network/index.html", "nav.network")],
    5: [("futures/index.html", "nav.futures")],
    6: [("coordination/index.html", "nav.coordination")],
    7: [("strategy/index.html", "nav.strategy")],
    8: [("evaluations/index.html", "nav.evaluations")],
    9: [("index.html", "workbook.card_preview")],
}


@dataclass
class PageSpec:
    """One page of a profile, before it is rendered in each language."""

    path: str
    template: str
    kind: str
    title: Title
    context: dict[str, Any] = field(default_factory=dict)
    description: Title | None = None
    in_sitemap: bool = True


@dataclass(frozen=True)
class MenuItem:
    kind: str
    path: str
    label_key: str


def sorted_members(members: list[Member], nc: PageHelpers) -> list[Member]:
    return sorted(members, key=lambda m: (nc.text(m.name).casefold(), m.id))


def menu_items(site: Site, sections: set[str]) -> list[MenuItem]:
    items = [MenuItem("card", "index.html", "nav.card")]
    for kind in ("members", "network", "competences", "coordination", "strategy", "workbook",
                 "futures", "evaluations"):
        if kind in sections:
            items.append(MenuItem(kind, f"{kind}/index.html", f"nav.{kind}"))
    for page in sorted(site.pages.values(), key=lambda p: (p.meta.order, p.id)):
        if page.meta.menu:
            items.append(MenuItem(f"page-{page.id}", f"{page.id}/index.html", ""))
    return items


def sections_of(site: Site) -> set[str]:
    """The sections this profile has; an empty section is neither built nor linked."""
    sections = {"members", "network"}
    if site.competences.areas:
        sections.add("competences")
    coordination = site.network.coordination
    if coordination.coordinators or coordination.groups or coordination.forums:
        sections.add("coordination")
    if site.strategy:
        sections.add("strategy")
    if site.profile == "workbook" or site.workbook:
        sections.add("workbook")
        sections.add("portfolios")
    if site.futures:
        sections.add("futures")
    if site.evaluations:
        sections.add("evaluations")
    return sections


def page_specs(site: Site, routes: Routes, sections: set[str],
               network: NetworkView) -> list[PageSpec]:
    specs = [PageSpec("index.html", "index.html", "card", lambda nc: nc.text(site.network.name),
                      description=lambda nc: nc.plain(site.network.tagline or
                                                      site.network.purpose))]
    specs.append(PageSpec("members/index.html", "members.html", "members",
                          lambda nc: nc.t("nav.members")))
    specs.extend(_member_page(site, member, network) for member in site.members.values())
    specs.append(PageSpec("network/index.html", "network.html", "network",
                          lambda nc: nc.t("nav.network"), {"network_view": network}))
    if "coordination" in sections:
        specs.append(PageSpec("coordination/index.html", "coordination.html", "coordination",
                              lambda nc: nc.t("nav.coordination"),
                              {"groups_by_level": _groups_by_level(site)}))
    for section in ("pages", "strategy", "workbook"):
        pages: dict[str, Page] = getattr(site, section)
        for page in pages.values():
            specs.append(_markdown_page(page, routes))
    if "strategy" in sections:
        specs.append(PageSpec("strategy/index.html", "strategy_index.html", "strategy",
                              lambda nc: nc.t("nav.strategy"),
                              {"items": _page_items(site.strategy, routes)}))
    if "workbook" in sections:
        specs.append(_workbook_index(site, routes, sections))
    if "futures" in sections:
        specs.extend(_future_pages(site))
    if "evaluations" in sections:
        specs.extend(_evaluation_pages(site))
    if "competences" in sections:
        specs.append(_competence_page(site))
    if "portfolios" in sections:
        specs.append(_portfolio_page(site))
    specs.append(PageSpec("404.html", "404.html", "notfound", lambda nc: nc.t("notfound.title"),
                          in_sitemap=False))
    return specs


def _member_page(site: Site, member: Member, network: NetworkView) -> PageSpec:
    context = member_context(site, member)
    context["figures"] = network.by_id().get(member.id)
    context["ego"] = network.ego(member.id)
    return PageSpec(f"members/{member.id}/index.html", "member.html", "member",
                    lambda nc: nc.text(member.name), context,
                    description=lambda nc: nc.plain(member.description) or nc.text(member.name))


def member_context(site: Site, member: Member) -> dict[str, Any]:
    areas = {area.id: area for area in site.competences.areas}
    groups = [g for g in site.network.coordination.groups if member.id in g.members]
    return {
        "member": member,
        "parent": site.members.get(member.parent) if member.parent else None,
        "children": [m for m in site.members.values() if m.parent == member.id],
        "services": [s for s in site.network.services if member.id in s.providers],
        "competences": sorted(((areas[a], level) for a, level in member.competences.items()
                               if a in areas), key=lambda pair: (-pair[1], pair[0].id)),
        "groups": groups,
        "is_coordinator": member.id in site.network.coordination.coordinators,
        "ties": _member_ties(site, member),
        "portfolio": site.portfolios.get(member.id),
    }


def _member_ties(site: Site, member: Member) -> list[dict[str, Any]]:
    result = []
    for tie in site.ties.ties:
        first, second = tie.ends
        if member.id not in (first, second):
            continue
        other = second if first == member.id else first
        direction = "both" if not tie.directed else ("out" if first == member.id else "in")
        result.append({"tie": tie, "other_id": other, "direction": direction})
    return sorted(result, key=lambda t: (-t["tie"].strength, t["other_id"]))


def _groups_by_level(site: Site) -> list[tuple[str, list[Any]]]:
    groups = site.network.coordination.groups
    return [(level, [g for g in groups if g.level == level]) for level in GROUP_LEVELS]


def _markdown_page(page: Page, routes: Routes) -> PageSpec:
    path = routes.page(page.section, page.id)
    assert path is not None
    return PageSpec(path, "page.html", "page" if page.section == "pages" else page.section,
                    lambda nc: nc.text(page.meta.title),
                    {"item": page, "section": page.section, "markdown_page": page},
                    description=lambda nc: nc.plain(page.body)[:200])


def _page_items(pages: dict[str, Page], routes: Routes) -> list[dict[str, Any]]:
    ordered = sorted(pages.values(), key=lambda p: (p.meta.order, p.id))
    return [{"page": p, "url": routes.page(p.section, p.id), "summary": ""} for p in ordered]


def _workbook_index(site: Site, routes: Routes, sections: set[str]) -> PageSpec:
    answering = [*_page_items(site.workbook, routes), *_page_items(site.strategy, routes)]
    phases = []
    for number in range(1, 10):
        pages = [item for item in answering if item["page"].meta.phase == number]
        tools = [{"path": path, "key": key} for path, key in PHASE_TOOLS[number]
                 if path == "index.html" or path.split("/")[0] in sections]
        has_tool_content = _phase_tool_has_content(site, number)
        phases.append({"number": number, "part": "organisation" if number <= 4 else "network",
                       "pages": pages, "tools": tools,
                       "has_content": bool(pages) or has_tool_content})
    steps = [{"number": n, "pages": [i for i in answering if i["page"].meta.step == n]}
             for n in range(1, 8)]
    other = [i for i in _page_items(site.workbook, routes)
             if not i["page"].meta.phase and not i["page"].meta.step]
    return PageSpec("workbook/index.html", "workbook_index.html", "workbook",
                    lambda nc: nc.t("nav.workbook"),
                    {"phases": phases, "steps": steps, "other_pages": other})


def _phase_tool_has_content(site: Site, number: int) -> bool:
    return {
        1: bool(site.portfolios), 2: bool(site.network.services),
        3: bool(site.competences.areas), 7: bool(site.strategy), 8: bool(site.evaluations),
        5: bool(site.futures),
    }.get(number, False)


@dataclass(frozen=True)
class ActionRow:
    """An action of a future table, with the table it belongs to."""

    action: FutureAction
    future: Future

    def sort_key(self) -> tuple[bool, PartialDate, str]:
        return (self.action.due is None, self.action.due or PartialDate(0), self.future.id)


def _titled(title: Text | None, fallback: str) -> Title:
    return lambda nc: nc.text(title) or fallback


def _future_pages(site: Site) -> list[PageSpec]:
    futures = sorted(site.futures.values(), key=lambda f: (str(f.date or ""), f.id))
    specs = []
    every_action: list[ActionRow] = []
    for future in futures:
        actions = [ActionRow(a, future) for a in future.actions]
        every_action.extend(actions)
        specs.append(PageSpec(f"futures/{future.id}/index.html", "future.html", "futures",
                              _titled(future.title, future.id),
                              {"future": future, "actions": actions}))
    every_action.sort(key=ActionRow.sort_key)
    specs.append(PageSpec("futures/index.html", "futures_index.html", "futures",
                          lambda nc: nc.t("nav.futures"),
                          {"futures": futures, "actions": every_action}))
    return specs


def _evaluation_pages(site: Site) -> list[PageSpec]:
    summaries = summarise_rounds(site, site.default_language)
    ordered = [site.evaluations[s.id] for s in summaries]
    common = {"dimensions": DIMENSIONS, "evaluations": site.evaluations,
              "reference": KOSONEN_PIKKA_SHARES, "reflection_keys": REFLECTION_KEYS}
    specs = [PageSpec("evaluations/index.html", "evaluations_index.html", "evaluations",
                      lambda nc: nc.t("nav.evaluations"),
                      {**common, "rounds": summaries, "round_labels": ordered,
                       "trend_series": round_trend(site, site.default_language),
                       "latest": summaries[-1] if summaries else None})]
    for summary in summaries:
        evaluation = site.evaluations[summary.id]
        specs.append(PageSpec(f"evaluations/{summary.id}/index.html", "evaluation.html",
                              "evaluations",
                              _titled(evaluation.title, evaluation.id),
                              {**common, "summary": summary, "evaluation": evaluation}))
    return specs


def _portfolio_page(site: Site) -> PageSpec:
    with_portfolio = [site.members[i] for i in sorted(site.portfolios) if i in site.members]
    coordination = site.network.coordination
    current = sorted((m for m in site.members.values() if m.is_current),
                     key=lambda m: (ROLES.index(m.role), m.id))
    rows = [{"member": m, "coordinator": m.id in coordination.coordinators,
             "services": [s for s in site.network.services if m.id in s.providers],
             "groups": [g for g in coordination.groups if m.id in g.members]}
            for m in current]
    return PageSpec("portfolios/index.html", "portfolios.html", "workbook",
                    lambda nc: nc.t("portfolio.page_title"),
                    {"portfolio_members": with_portfolio, "portfolios": site.portfolios,
                     "role_rows": rows})


def _competence_page(site: Site) -> PageSpec:
    own, extended = competence_maps(site)
    return PageSpec("competences/index.html", "competences.html", "competences",
                    lambda nc: nc.t("nav.competences"),
                    {"own_map": own, "extended_map": extended,
                     "areas": {a.id: a for a in site.competences.areas},
                     "needs": site.competences.needs,
                     "has_external": len(extended.members) > len(own.members)})


__all__ = ["DIMENSIONS", "ROLES", "MenuItem", "PageSpec", "menu_items", "page_specs",
           "sections_of", "sorted_members"]
