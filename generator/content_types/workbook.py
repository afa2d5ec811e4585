"""workbook/<id>.md: the facilitator's workbook, answered page by page along the nine
phases and seven steps. Its guide (workbook/index.html) walks the phases with the tools
(pages of other types) each phase uses. In a profile with internal content the front
page is the workbook's home, a dashboard (the phases and how far they are, the next
actions, the latest evaluation, the network in figures, the network's services), and
the card preview (card/index.html) shows the public card inside the workbook."""

from __future__ import annotations

from typing import Any

from generator.content_types.futures import ACTIONS_PAGE
from generator.content_types.history import HISTORY_SECTION, history_pages
from generator.content_types.network import card_data
from generator.deps import record_all
from generator.load.content import Source
from generator.model.content_type import ContentType, MenuItem, Section
from generator.model.schema import PageMeta
from generator.model.site import Page, Site
from generator.model.types import Visibility
from generator.model.visibility import PublicSite
from generator.render.pages import PageContext, PageSpec, markdown_page, page_items
from generator.render.routes import CARD_PREVIEW, HOME, WORKBOOK_GUIDE, Routes
from generator.render.service_finder import service_finder

FOLDER = "workbook"
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


def has_workbook(site: Site) -> bool:
    """A profile with internal content always has the workbook; the public card only
    when some workbook page is public."""
    return site.profile.includes_internal or bool(site.workbook)


def _has_internal(site: Site) -> bool:
    return site.profile.includes_internal


# The workbook's preview of the public card: a section of its own, so that its folder is
# a reserved page id and `netcard bundle` places it right after the home page.
CARD_SECTION = Section("card", _has_internal, bundle=5)


def _pages(context: PageContext) -> list[PageSpec]:
    site, routes = context.site, context.routes
    specs = [_workbook_page(page, site, routes) for page in site.workbook.values()]
    if "workbook" in context.sections:
        specs.append(PageSpec(WORKBOOK_GUIDE, "workbook_index.html", "workbook",
                              lambda nc: nc.t("nav.workbook"),
                              lambda: _workbook_data(site, routes, context.sections)))
    if site.profile.includes_internal:
        specs.append(_home(context))
    if context.public is not None:
        specs.append(_card_preview(context.public))
    return [*specs, *history_pages(context)]


def _home(context: PageContext) -> PageSpec:
    """The workbook's front page: its dashboard (the public card's front page is the
    card, content_types/network.py)."""
    site = context.site
    return PageSpec(HOME, "workbook_home.html", "home", lambda nc: nc.t("dashboard.title"),
                    lambda: {**_workbook_data(site, context.routes, context.sections),
                             **_dashboard_data(context),
                             "finder": service_finder(site.network, site.languages),
                             "guide": WORKBOOK_GUIDE, "card_preview": CARD_PREVIEW},
                    description=lambda nc: nc.t("dashboard.lead"))


def _workbook_page(page: Page, site: Site, routes: Routes) -> PageSpec:
    """A workbook page; a phase's page links the previous and the next one."""
    spec = markdown_page(page, routes, "workbook")
    if not page.meta.phase:
        return spec
    own = spec.data
    spec.data = lambda: {**own(), "phase_links": phase_links(page, site, routes)}
    return spec


def phase_links(page: Page, site: Site, routes: Routes) -> dict[str, dict[str, Any]]:
    """The phase pages before and after `page` in the order of the phases (read when
    the page is rendered: a neighbour's new title re-renders it)."""
    ordered = [other.id for other in phase_pages(site)]
    place = ordered.index(page.id)
    links = {}
    for name, other in (("previous", place - 1), ("next", place + 1)):
        if 0 <= other < len(ordered):
            neighbour = site.workbook[ordered[other]]
            links[name] = {"url": routes.item(FOLDER, neighbour.id),
                           "title": neighbour.meta.title, "phase": neighbour.meta.phase}
    return links


# How many of the next actions of the future tables the workbook's home lists.
DASHBOARD_ACTIONS = 5


def _dashboard_data(context: PageContext) -> dict[str, Any]:
    """The workbook's home as a dashboard, from what the analyse stage found: the next
    open actions of the future tables (earliest due first, overdue ones marked), the
    latest evaluation round and the network's figures (in a profile with internal
    content)."""
    site = context.site
    actions = context.analysis.actions.read().open_actions()  # not done or dropped ones
    data: dict[str, Any] = {"next_actions": actions[:DASHBOARD_ACTIONS],
                            "more_actions": max(0, len(actions) - DASHBOARD_ACTIONS),
                            "actions_page": ACTIONS_PAGE if "futures" in context.sections
                            else None,
                            "latest_round": None, "network_view": None}
    if "evaluations" in context.sections:
        latest = context.analysis.rounds.comparison.read().latest
        if latest is not None:
            data["latest_round"] = {"summary": latest,
                                    "evaluation": site.evaluations[latest.id]}
    if site.profile.includes_internal and "network" in context.sections:
        data["network_view"] = context.network.recorded()
    return data


def _card_preview(public: PublicSite) -> PageSpec:
    """Phase 9: the card exactly as the public profile shows it, inside the workbook."""

    def data() -> dict[str, Any]:
        record_all(public.reads)  # which members, services … are public
        view = public.site
        return {**card_data(view), "network": view.network, "members": view.members}

    return PageSpec(CARD_PREVIEW, "card_preview.html", CARD_SECTION.name,
                    lambda nc: nc.t("workbook.preview_title"), data, in_sitemap=False)


def _workbook_data(site: Site, routes: Routes, sections: set[str]) -> dict[str, Any]:
    answering = [*page_items(site.workbook, routes), *page_items(site.strategy, routes)]
    phases = []
    for number in range(1, 10):
        pages = [item for item in answering if item["page"].meta.phase == number]
        tools = [{"path": path, "key": key} for path, key in PHASE_TOOLS[number]
                 if _tool_is_built(sections, path)]
        has_tool_content = _phase_tool_has_content(site, number)
        phases.append({"number": number, "part": "organisation" if number <= 4 else "network",
                       "pages": pages, "tools": tools,
                       "has_content": bool(pages) or has_tool_content})
    steps = [{"number": n, "pages": [i for i in answering if i["page"].meta.step == n]}
             for n in range(1, 8)]
    other = [i for i in page_items(site.workbook, routes)
             if not i["page"].meta.phase and not i["page"].meta.step]
    return {"phases": phases, "steps": steps, "other_pages": other}


def _tool_is_built(sections: set[str], path: str) -> bool:
    """Whether this profile has the page a phase's tool links to (a public workbook
    page's phase list must not link to the workbook's card preview)."""
    return path.split("/")[0] in sections


def _phase_tool_has_content(site: Site, number: int) -> bool:
    return {
        1: bool(site.portfolios), 2: bool(site.network.services),
        3: bool(site.competences.areas), 7: bool(site.strategy), 8: bool(site.evaluations),
        5: bool(site.futures),
    }.get(number, False)


def _menu(site: Site) -> list[MenuItem]:
    """In the workbook, each phase's pages in the menu's group of phases, after the
    workbook's index (the public card's menu stays short)."""
    if not site.profile.includes_internal:
        return []
    return [MenuItem(f"phase-page-{page.id}", f"{FOLDER}/{page.id}/index.html",
                     title=page.meta.title, group="phases")
            for page in phase_pages(site)]


def phase_pages(site: Site) -> list[Page]:
    """The workbook's pages of a phase, in the order of the phases (then their `order`,
    then their id): the order a facilitator walks them in."""
    return sorted((page for page in site.workbook.values() if page.meta.phase),
                  key=lambda page: (page.meta.phase or 0, page.meta.order, page.id))


WORKBOOK = ContentType(
    name="workbook",
    source=Source(FOLDER, ".md"),
    model=PageMeta,
    visibility=Visibility.INTERNAL,
    route="workbook/{id}/index.html",
    sections=(Section("workbook", has_workbook, menu=60, group="phases", bundle=60,
                      nested=True), CARD_SECTION, HISTORY_SECTION),
    pages=_pages,
    menu=_menu,
)
