"""One build: load → model → analyse → render → write, as DESIGN.md draws it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.analyse.network import NetworkAnalysis
from generator.analyse.site_graph import analyse_site_graph
from generator.errors import ContentError, ErrorList
from generator.load.content import load_content
from generator.model.build import build_site
from generator.model.site import Site
from generator.model.visibility import public_view
from generator.render import exports, extras
from generator.render.assets import stylesheet, theme_static_files, vendor_files
from generator.render.network_view import SECTOR_COLORS
from generator.render.site import ProfileRenderer, RenderedProfile
from generator.write import output_lock, write_tree

PROFILES = ("public", "workbook")
CACHE_DIR = ".netcard-cache"


@dataclass
class BuildResult:
    site: Site
    profiles: dict[str, RenderedProfile] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    warnings: list[ContentError] = field(default_factory=list)

    def files(self) -> dict[str, bytes]:
        return {f"{name}/{path}": content for name, rendered in self.profiles.items()
                for path, content in rendered.files.items()}


def load_site(site_dir: Path) -> tuple[Site, list[ContentError]]:
    """Load and validate content/; raises ContentErrors listing every problem."""
    errors = ErrorList()
    raw = load_content(site_dir, errors)
    site = build_site(raw, errors)
    errors.raise_if_any()
    assert site is not None
    return site, errors.warnings


def profile_site(site: Site, profile: str) -> Site:
    return public_view(site) if profile == "public" else site


def render_site(site_dir: Path, profiles: tuple[str, ...] = PROFILES) -> BuildResult:
    """Everything a build writes, in memory; nothing touches the output folder yet."""
    site, warnings = load_site(site_dir)
    result = BuildResult(site, warnings=warnings)
    static = theme_static_files(site_dir, site.settings.theme)
    cache = site_dir / CACHE_DIR / "layout"
    for profile in profiles:
        view = profile_site(site, profile)
        network = analyse_site_graph(view, cache)
        rendered = ProfileRenderer(view, site_dir, network).render()
        _add_extras(view, rendered, static)
        _add_exports(view, network, rendered)
        result.profiles[profile] = rendered
        media = view.media if profile == "workbook" else rendered.used_media
        for path in sorted(media):
            result.copies[f"{profile}/{path}"] = site_dir / "content" / path
        for path, source in {**static, **vendor_files()}.items():
            if path != "assets/netcard.css":
                result.copies[f"{profile}/{path}"] = source
    return result


def _add_extras(site: Site, rendered: RenderedProfile, static: dict[str, Path]) -> None:
    files = rendered.files
    css = stylesheet(static, site)
    if css is not None:
        files["assets/netcard.css"] = css
    sitemap = extras.sitemap_xml(site, rendered.page_paths)
    if sitemap:
        files["sitemap.xml"] = sitemap.encode()
    files["robots.txt"] = extras.robots_txt(site).encode()
    files["contact.vcf"] = extras.contact_vcard(site).encode()
    if site.settings.base_url:
        files["qr.svg"] = extras.qr_svg(site.settings.base_url).encode()


def _add_exports(site: Site, network: NetworkAnalysis, rendered: RenderedProfile) -> None:
    files = rendered.files
    files["network.json"] = exports.network_json(network, site.profile, __version__).encode()
    files["network.graphml"] = exports.network_graphml(network)
    files["network.gexf"] = exports.network_gexf(network, SECTOR_COLORS)
    files["members.csv"] = exports.members_csv(network).encode()
    files["ties.csv"] = exports.ties_csv(network).encode()


def build(site_dir: Path, out_dir: Path, profiles: tuple[str, ...] = PROFILES) -> BuildResult:
    """Build and swap the new output in; on any error the old output stays as it was."""
    result = render_site(site_dir, profiles)
    keep = tuple(p for p in PROFILES if p not in profiles)
    with output_lock(out_dir):
        write_tree(out_dir, result.files(), result.copies, keep_from_old=keep)
    return result


__all__ = ["PROFILES", "BuildResult", "__version__", "build", "load_site", "render_site"]
