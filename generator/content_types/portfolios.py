"""portfolios/<member id>.yaml: the networks a member takes part in (workbook phases 1–2).
A portfolio shows on its member's page; the portfolios page of the workbook lists them
all with the members' roles."""

from __future__ import annotations

from typing import Any

from generator.content_types.members import ROLES
from generator.content_types.workbook import has_workbook
from generator.errors import did_you_mean
from generator.load.content import Source
from generator.model.content_type import ContentType, Section
from generator.model.references import ReferenceChecker
from generator.model.schema import Portfolio
from generator.model.site import Site
from generator.model.types import Visibility
from generator.model.visibility import PublicFilter, by_visibility
from generator.render.pages import PageContext, PageSpec

FOLDER = "portfolios"


def _pages(context: PageContext) -> list[PageSpec]:
    if "portfolios" not in context.sections:
        return []
    site = context.site
    return [PageSpec("portfolios/index.html", "portfolios.html", "workbook",
                     lambda nc: nc.t("portfolio.page_title"), lambda: _portfolio_data(site))]


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


def _public(content_type: ContentType, portfolios: dict[str, Portfolio],
            filtering: PublicFilter) -> dict[str, Portfolio]:
    """The public portfolios of public members."""
    visible = filtering.public_ids("members")
    kept: dict[str, Portfolio] = by_visibility(content_type, portfolios, filtering)
    return {i: portfolio for i, portfolio in kept.items() if i in visible}


def _check(c: ReferenceChecker) -> None:
    for identifier, document in c.raw.folders.get(FOLDER, {}).items():
        if identifier in c.site.portfolios and identifier not in c.member_ids:
            hint = did_you_mean(identifier, c.member_ids) or "name the file after a member id"
            c.errors.add(document.file, 0, 0,
                         f"a portfolio belongs to a member, but there is no member '{identifier}'",
                         f"rename the file: {hint}")


PORTFOLIOS = ContentType(
    name="portfolios",
    source=Source(FOLDER, ".yaml"),
    model=Portfolio,
    visibility=Visibility.INTERNAL,
    public=_public,
    check=_check,
    route="members/{id}/index.html",  # a portfolio is part of its member's page
    sections=(Section("portfolios", has_workbook, bundle=50),),
    pages=_pages,
)
