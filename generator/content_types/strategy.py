"""strategy/<id>.md: the network's strategy, page by page (workbook phase 7), with an
index of its pages."""

from __future__ import annotations

from generator.load.content import Source
from generator.model.content_type import ContentType, Section
from generator.model.schema import PageMeta
from generator.model.site import Site
from generator.model.types import Visibility
from generator.render.pages import PageContext, PageSpec, markdown_page, page_items

FOLDER = "strategy"


def _pages(context: PageContext) -> list[PageSpec]:
    site, routes = context.site, context.routes
    specs = [markdown_page(page, routes, "strategy") for page in site.strategy.values()]
    if "strategy" in context.sections:
        specs.append(PageSpec("strategy/index.html", "strategy_index.html", "strategy",
                              lambda nc: nc.t("nav.strategy"),
                              lambda: {"items": page_items(site.strategy, routes)}))
    return specs


def _has_pages(site: Site) -> bool:
    return bool(site.strategy)


STRATEGY = ContentType(
    name="strategy",
    source=Source(FOLDER, ".md"),
    model=PageMeta,
    visibility=Visibility.INTERNAL,
    route="strategy/{id}/index.html",
    sections=(Section("strategy", _has_pages, menu=65, group="plans", bundle=70, nested=True),),
    pages=_pages,
)
