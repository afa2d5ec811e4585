"""Which pages a profile has, and the data each page's template gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.analyse.competence import competence_maps
from generator.analyse.evaluation import KOSONEN_PIKKA_SHARES, summarise_round
from generator.analyse.rounds import round_input, round_trend, summarise_rounds
from generator.deps import fingerprint, paused, record
from generator.model.schema import (
    DIMENSIONS,
    REFLECTION_KEYS,
    Evaluation,
    Future,
    FutureAction,
    Member,
)
from generator.model.site import Page, Site
from generator.model.types import PartialDate, Text
from generator.render.competence_view import competence_graph
from generator.render.helpers import PageHelpers
from generator.render.network_view import NetworkView
from generator.render.routes import Routes

Title = Callable[[PageHelpers], str]
Data = Callable[[], dict[str, Any]]
GROUP_LEVELS = ("strategy", "internal-development", "joint-development", "network-group")
ROLES = ("core", "partner", "associate")
CARD_PREVIEW = "workbook/card-preview/index.html"  # the workbook profile's only
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
    9: [(CARD_PREVIEW, "workbook.card_preview")],
}


def _no_data() -> dict[str, Any]:
    return {}


@dataclass
class PageSpec:
    """One page of a profile, before it is rendered in each language.

    `data` makes the template's data when the page is rendered, so whatever it
    reads is recorded as the page's dependencies (see generator/deps.py).
    """

    path: str
    template: str
    kind: str
    title: Title
    data: Data = field(default=_no_data)
    description: Title | None = None
    in_sitemap: bool = True


@dataclass(frozen=True)
class MenuItem:
    kind: str
    path: str
    label_key: str


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
                      lambda: _card_data(site),
                      description=lambda nc: nc.plain(site.network.tagline or
                                                      site.network.purpose))]
    specs.append(PageSpec("members/index.html", "members.html", "members",
                          lambda nc: nc.t("nav.members"), lambda: _member_lists(site)))
    children = children_by_parent(site)
    specs.extend(_member_page(site, member, network, children)
                 for member in site.members.values())
    specs.append(PageSpec("network/index.html", "network.html", "network",
                          lambda nc: nc.t("nav.network"),
                          lambda: {"network_view": network.recorded()}))
    if "coordination" in sections:
        specs.append(PageSpec("coordination/index.html", "coordination.html", "coordination",
                              lambda nc: nc.t("nav.coordination"),
                              lambda: {"groups_by_level": _groups_by_level(site),
                                       "coordinators": [site.members[i] for i in
                                                        site.network.coordination.coordinators]}))
    for section in ("pages", "strategy", "workbook"):
        pages: dict[str, Page] = getattr(site, section)
        for page in pages.values():
            specs.append(_markdown_page(page, routes))
    if "strategy" in sections:
        specs.append(PageSpec("strategy/index.html", "strategy_index.html", "strategy",
                              lambda nc: nc.t("nav.strategy"),
                              lambda: {"items": _page_items(site.strategy, routes)}))
    if "workbook" in sections:
        specs.append(_workbook_index(site, routes, sections))
        if site.profile == "workbook":
            specs.append(_card_preview(site))
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
    if site.settings.search:
        specs.append(PageSpec("search/index.html", "search.html", "search",
                              lambda nc: nc.t("search.title"), in_sitemap=False))
    return specs


def _card_preview(site: Site) -> PageSpec:
    """Phase 9: the card exactly as the public profile shows it, inside the workbook."""
    from generator.model.visibility import public_view

    def data() -> dict[str, Any]:
        public = public_view(site)
        return {**_card_data(public), "network": public.network, "members": public.members}

    return PageSpec(CARD_PREVIEW, "card_preview.html", "workbook",
                    lambda nc: nc.t("workbook.preview_title"), data, in_sitemap=False)


def _card_data(site: Site) -> dict[str, Any]:
    current = site.current_members()
    return {"member_count": len(current),
            "core_members": sorted((m for m in current if m.role == "core" and not m.external),
                                   key=lambda m: m.id)}


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
                 children: dict[str, list[Member]]) -> PageSpec:
    def data() -> dict[str, Any]:
        context = member_context(site, member, network, children)
        view = network.recorded()
        context["figures"] = view.by_id().get(member.id)
        context["ego"] = view.ego(member.id)
        context["level_labels"] = level_labels(site)
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
        "ties": _member_ties(member, network),
        "portfolio": site.portfolios.get(member.id),
    }


def _member_ties(member: Member, network: NetworkView) -> list[dict[str, Any]]:
    result = []
    for _, tie in network.ties_of(member.id):
        first, second = tie.ends
        other = second if first == member.id else first
        direction = "both" if not tie.directed else ("out" if first == member.id else "in")
        result.append({"tie": tie, "other_id": other, "direction": direction})
    return sorted(result, key=lambda t: (-t["tie"].strength, t["other_id"]))


def level_labels(site: Site) -> dict[int, Text | str]:
    """The competence levels' labels from competences.yaml, else the UI's own (a key)."""
    labels = site.competences.levels
    return {level: labels.get(level, f"competences.levels.{level}") for level in range(1, 6)}


def _groups_by_level(site: Site) -> list[tuple[str, list[Any]]]:
    groups = site.network.coordination.groups
    return [(level, [g for g in groups if g.level == level]) for level in GROUP_LEVELS]


def _markdown_page(page: Page, routes: Routes) -> PageSpec:
    path = routes.page(page.section, page.id)
    assert path is not None
    return PageSpec(path, "page.html", "page" if page.section == "pages" else page.section,
                    lambda nc: nc.text(page.meta.title),
                    lambda: {"item": page, "section": page.section, "markdown_page": page},
                    description=lambda nc: nc.plain(first_paragraph(page.body))[:200])


def first_paragraph(markdown: str) -> str:
    """The first block of text of a page (a heading counts): enough for a description."""
    for block in markdown.strip().split("\n\n"):
        if block.strip():
            return block[:1000]
    return ""


def _page_items(pages: dict[str, Page], routes: Routes) -> list[dict[str, Any]]:
    ordered = sorted(pages.values(), key=lambda p: (p.meta.order, p.id))
    return [{"page": p, "url": routes.page(p.section, p.id), "summary": ""} for p in ordered]


def _workbook_index(site: Site, routes: Routes, sections: set[str]) -> PageSpec:
    return PageSpec("workbook/index.html", "workbook_index.html", "workbook",
                    lambda nc: nc.t("nav.workbook"),
                    lambda: _workbook_data(site, routes, sections))


def _workbook_data(site: Site, routes: Routes, sections: set[str]) -> dict[str, Any]:
    answering = [*_page_items(site.workbook, routes), *_page_items(site.strategy, routes)]
    phases = []
    for number in range(1, 10):
        pages = [item for item in answering if item["page"].meta.phase == number]
        tools = [{"path": path, "key": key} for path, key in PHASE_TOOLS[number]
                 if _tool_is_built(site, sections, path)]
        has_tool_content = _phase_tool_has_content(site, number)
        phases.append({"number": number, "part": "organisation" if number <= 4 else "network",
                       "pages": pages, "tools": tools,
                       "has_content": bool(pages) or has_tool_content})
    steps = [{"number": n, "pages": [i for i in answering if i["page"].meta.step == n]}
             for n in range(1, 8)]
    other = [i for i in _page_items(site.workbook, routes)
             if not i["page"].meta.phase and not i["page"].meta.step]
    return {"phases": phases, "steps": steps, "other_pages": other}


def _tool_is_built(site: Site, sections: set[str], path: str) -> bool:
    """Whether this profile has the page a phase's tool links to (a public workbook
    page's phase list must not link to the workbook's card preview)."""
    if path == CARD_PREVIEW:
        return site.profile == "workbook"
    return path.split("/")[0] in sections


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
    specs = [PageSpec(f"futures/{future.id}/index.html", "future.html", "futures",
                      _titled(future.title, future.id), _future_data(future))
             for future in site.futures.values()]
    specs.append(PageSpec("futures/index.html", "futures_index.html", "futures",
                          lambda nc: nc.t("nav.futures"), lambda: _futures_data(site)))
    return specs


def _future_data(future: Future) -> Data:
    return lambda: {"future": future, "actions": [ActionRow(a, future) for a in future.actions]}


def _evaluation_data(site: Site, evaluation: Evaluation) -> Data:
    def data() -> dict[str, Any]:
        summary = summarise_round(round_input(evaluation, site.default_language,
                                              site.default_language))
        return {**_evaluation_common(), "evaluation": evaluation, "summary": summary}

    return data


def _futures_data(site: Site) -> dict[str, Any]:
    futures = sorted(site.futures.values(), key=lambda f: (str(f.date or ""), f.id))
    actions = [ActionRow(a, future) for future in futures for a in future.actions]
    return {"futures": futures, "actions": sorted(actions, key=ActionRow.sort_key)}


def _evaluation_common() -> dict[str, Any]:
    return {"dimensions": DIMENSIONS, "reference": KOSONEN_PIKKA_SHARES,
            "reflection_keys": REFLECTION_KEYS}


def _evaluation_pages(site: Site) -> list[PageSpec]:
    specs = [PageSpec("evaluations/index.html", "evaluations_index.html", "evaluations",
                      lambda nc: nc.t("nav.evaluations"), lambda: _evaluations_data(site))]
    for evaluation in site.evaluations.values():
        specs.append(PageSpec(f"evaluations/{evaluation.id}/index.html", "evaluation.html",
                              "evaluations", _titled(evaluation.title, evaluation.id),
                              _evaluation_data(site, evaluation)))
    return specs


def _evaluations_data(site: Site) -> dict[str, Any]:
    summaries = summarise_rounds(site, site.default_language)
    return {**_evaluation_common(), "evaluations": site.evaluations, "rounds": summaries,
            "round_labels": [site.evaluations[s.id] for s in summaries],
            "trend_series": round_trend(site, site.default_language),
            "latest": summaries[-1] if summaries else None}


def _portfolio_page(site: Site) -> PageSpec:
    return PageSpec("portfolios/index.html", "portfolios.html", "workbook",
                    lambda nc: nc.t("portfolio.page_title"), lambda: _portfolio_data(site))


def _portfolio_data(site: Site) -> dict[str, Any]:
    with_portfolio = [site.members[i] for i in sorted(site.portfolios) if i in site.members]
    coordination = site.network.coordination
    current = sorted((m for m in site.members.values() if m.is_current),
                     key=lambda m: (ROLES.index(m.role), m.id))
    rows = [{"member": m, "coordinator": m.id in coordination.coordinators,
             "services": [s for s in site.network.services if m.id in s.providers],
             "groups": [g for g in coordination.groups if m.id in g.members]}
            for m in current]
    return {"portfolio_members": with_portfolio, "portfolios": site.portfolios,
            "role_rows": rows}


def _competence_page(site: Site) -> PageSpec:
    return PageSpec("competences/index.html", "competences.html", "competences",
                    lambda nc: nc.t("nav.competences"), lambda: _competence_data(site))


def _competence_data(site: Site) -> dict[str, Any]:
    own, extended = competence_maps(site)
    return {"own_map": own, "extended_map": extended,
            "areas": {a.id: a for a in site.competences.areas},
            "needs": site.competences.needs, "level_labels": level_labels(site),
            "competence_graph": competence_graph,
            "has_external": len(extended.members) > len(own.members)}


__all__ = ["ROLES", "MenuItem", "PageSpec", "level_labels", "menu_items", "page_specs",
           "sections_of"]
