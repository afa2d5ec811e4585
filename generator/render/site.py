"""Stage 4, render: model + analysis → every file of one profile, in memory."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment

from generator import __version__
from generator.analyse.network import NetworkAnalysis
from generator.model.site import Site
from generator.render import i18n
from generator.render.chart_views import ChartViews
from generator.render.env import make_environment
from generator.render.helpers import PageHelpers
from generator.render.markdown import LinkContext
from generator.render.network_view import NetworkView
from generator.render.pages import (
    PageSpec,
    menu_items,
    page_specs,
    sections_of,
    sorted_members,
)
from generator.render.routes import Routes, language_prefix

OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


@dataclass
class RenderedProfile:
    """Files of one profile (path → bytes), plus what the pages linked to."""

    files: dict[str, bytes] = field(default_factory=dict)
    used_media: set[str] = field(default_factory=set)
    broken_links: list[tuple[str, str]] = field(default_factory=list)
    page_paths: list[str] = field(default_factory=list)


class ProfileRenderer:
    """Renders every page of one profile in every language."""

    def __init__(self, site: Site, site_dir: Path, network: NetworkAnalysis) -> None:
        self.site = site
        self.network = NetworkView.of(site, network)
        self.routes = Routes(site)
        self.sections = sections_of(site)
        self.env: Environment = make_environment(site_dir, site.settings.theme)
        self.menu = menu_items(site, self.sections)
        self.language_names = {code: i18n.language_name(code) for code in site.languages}

    def render(self, specs: list[PageSpec] | None = None) -> RenderedProfile:
        result = RenderedProfile()
        for spec in specs if specs is not None else self.specs():
            for language in self.site.languages:
                path, html = self.render_page(spec, language, result)
                result.files[path] = html.encode("utf-8")
                result.page_paths.append(path)
        return result

    def specs(self) -> list[PageSpec]:
        return page_specs(self.site, self.routes, self.sections, self.network)

    def render_page(self, spec: PageSpec, language: str,
                    result: RenderedProfile) -> tuple[str, str]:
        links = LinkContext(self.routes.content_file)
        nc = PageHelpers(self.site, self.routes, language, spec.path, links,
                         absolute_paths=spec.path == "404.html")
        context = self.common_context(nc, spec)
        html = self.env.get_template(spec.template).render(context)
        result.used_media.update(links.used_media)
        result.broken_links.extend((nc.file, target) for target in links.broken)
        return nc.file, html

    def common_context(self, nc: PageHelpers, spec: PageSpec) -> dict[str, Any]:
        site = self.site
        network = site.network
        title = spec.title(nc)
        site_title = nc.text(site.settings.title or network.name)
        body = spec.context.get("markdown_page")
        context: dict[str, Any] = {
            "nc": nc, "lang": nc.language, "languages": site.languages,
            "language_names": self.language_names, "profile": site.profile, "site": site,
            "network": network, "members": site.members, "version": __version__,
            "page_title": title, "site_title": site_title, "page_kind": spec.kind,
            "description": (spec.description(nc) if spec.description else "") or site_title,
            "og_locale": OG_LOCALES.get(nc.language, nc.language),
            "canonical": nc.absolute(spec.path) if spec.in_sitemap else None,
            "alternates": self.alternates(nc, spec),
            "logo": network.logo, "share_image": self.share_image(nc),
            "menu": [{"path": item.path, "current": item.kind == spec.kind or
                      item.path == spec.path,
                      "label": nc.t(item.label_key) if item.label_key else
                      nc.text(site.pages[item.kind.removeprefix("page-")].meta.title)}
                     for item in self.menu],
            "current_members": sorted_members(site.current_members(), nc),
            "has_network": "network" in self.sections,
            "qr_code": bool(site.settings.base_url),
            "level_labels": self.level_labels(nc),
            "charts": ChartViews(nc),
        }
        context.update(self.member_lists(nc))
        if body is not None:
            context["body"] = nc.md(body.body)
        for key, value in spec.context.items():
            if key == "ties":
                value = [self.describe_tie(nc, tie) for tie in value]
            context[key] = value
        return context

    def member_lists(self, nc: PageHelpers) -> dict[str, Any]:
        current = sorted_members(self.site.current_members(), nc)
        by_role = [(role, [m for m in current if m.role == role and not m.external])
                   for role in ("core", "partner", "associate")]
        return {
            "members_by_role": [(role, group) for role, group in by_role if group],
            "external_members": [m for m in current if m.external],
            "former_members": sorted_members(self.site.former_members(), nc),
            "coordinators": [self.site.members[i] for i in
                             self.site.network.coordination.coordinators],
        }

    def describe_tie(self, nc: PageHelpers, row: dict[str, Any]) -> dict[str, Any]:
        tie = row["tie"]
        tie_type = self.site.ties.types.get(tie.type) if tie.type else None
        label = nc.text(tie_type.label) if tie_type else (
            tie.type or nc.t("tie.untyped"))
        return {**row, "other": self.site.members[row["other_id"]],
                "other_url": nc.member_url(row["other_id"]), "type_label": label}

    def level_labels(self, nc: PageHelpers) -> dict[int, str]:
        labels = self.site.competences.levels
        return {level: nc.text(labels[level]) if level in labels
                else nc.t(f"competences.levels.{level}") for level in range(1, 6)}

    def alternates(self, nc: PageHelpers, spec: PageSpec) -> list[dict[str, str]]:
        if not self.site.settings.base_url or not spec.in_sitemap:
            return []
        base = self.site.settings.base_url.rstrip("/") + "/"
        default = self.site.default_language
        return [{"lang": code, "href": base + (language_prefix(code, default) + spec.path)
                 .removesuffix("index.html")} for code in self.site.languages]

    def share_image(self, nc: PageHelpers) -> str | None:
        base = self.site.settings.base_url
        logo = self.site.network.logo
        if not base or not logo:
            return None
        return base.rstrip("/") + "/" + logo
