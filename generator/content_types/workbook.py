"""workbook/<id>.md: the facilitator's workbook, answered page by page along the nine
phases and seven steps. Its index walks the phases with the tools (pages of other
types) each phase uses; the card preview shows the public card inside the workbook."""

from __future__ import annotations

from typing import Any

from generator.content_types.network import card_data
from generator.deps import record_all
from generator.load.content import Source
from generator.model.content_type import ContentType, Section
from generator.model.schema import PageMeta
from generator.model.site import Site
from generator.model.types import Visibility
from generator.model.visibility import PublicSite
from generator.render.pages import PageContext, PageSpec, markdown_page, page_items
from generator.render.routes import Routes

FOLDER = "workbook"
CARD_PREVIEW = "workbook/card-preview/index.html"  # in a profile with internal content only
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


def _pages(context: PageContext) -> list[PageSpec]:
    site, routes = context.site, context.routes
    specs = [markdown_page(page, routes, "workbook") for page in site.workbook.values()]
    if "workbook" in context.sections:
        specs.append(PageSpec("workbook/index.html", "workbook_index.html", "workbook",
                              lambda nc: nc.t("nav.workbook"),
                              lambda: _workbook_data(site, routes, context.sections)))
        if context.public is not None:
            specs.append(_card_preview(context.public))
    return specs


def _card_preview(public: PublicSite) -> PageSpec:
    """Phase 9: the card exactly as the public profile shows it, inside the workbook."""

    def data() -> dict[str, Any]:
        record_all(public.reads)  # which members, services … are public
        view = public.site
        return {**card_data(view), "network": view.network, "members": view.members}

    return PageSpec(CARD_PREVIEW, "card_preview.html", "workbook",
                    lambda nc: nc.t("workbook.preview_title"), data, in_sitemap=False)


def _workbook_data(site: Site, routes: Routes, sections: set[str]) -> dict[str, Any]:
    answering = [*page_items(site.workbook, routes), *page_items(site.strategy, routes)]
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
    other = [i for i in page_items(site.workbook, routes)
             if not i["page"].meta.phase and not i["page"].meta.step]
    return {"phases": phases, "steps": steps, "other_pages": other}


def _tool_is_built(site: Site, sections: set[str], path: str) -> bool:
    """Whether this profile has the page a phase's tool links to (a public workbook
    page's phase list must not link to the workbook's card preview)."""
    if path == CARD_PREVIEW:
        return site.profile.includes_internal
    return path.split("/")[0] in sections


def _phase_tool_has_content(site: Site, number: int) -> bool:
    return {
        1: bool(site.portfolios), 2: bool(site.network.services),
        3: bool(site.competences.areas), 7: bool(site.strategy), 8: bool(site.evaluations),
        5: bool(site.futures),
    }.get(number, False)


WORKBOOK = ContentType(
    name="workbook",
    source=Source(FOLDER, ".md"),
    model=PageMeta,
    visibility=Visibility.INTERNAL,
    route="workbook/{id}/index.html",
    sections=(Section("workbook", has_workbook, menu=60, bundle=60, nested=True),),
    pages=_pages,
)
