"""One build: load → model → analyse → render → write, as DESIGN.md draws it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator import __version__, freshness
from generator.analyse.network import NetworkAnalysis
from generator.analyse.site_graph import analyse_site_graph
from generator.errors import ContentError, ErrorList
from generator.incremental import Fingerprints, PageCache, code_fingerprint
from generator.load.content import load_content
from generator.model.build import build_site
from generator.model.site import Site
from generator.model.visibility import public_view
from generator.progress import ProgressHook
from generator.render import exports, extras
from generator.render.assets import stylesheet, theme_static_files, vendor_files
from generator.render.env import make_environment
from generator.render.network_view import SECTOR_COLORS
from generator.render.site import ProfileRenderer, RenderedProfile
from generator.search import index_profiles
from generator.write import MARKER, MARKER_TEXT, check_output_dir, output_lock, write_tree

PROFILES = ("public", "workbook")
CACHE_DIR = ".netcard-cache"
SEARCH_SCRIPT = "assets/netcard-search.js"


@dataclass
class BuildResult:
    site: Site
    profiles: dict[str, RenderedProfile] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    warnings: list[ContentError] = field(default_factory=list)
    caches: list[tuple[PageCache, Fingerprints, RenderedProfile]] = field(default_factory=list)

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


def render_site(site_dir: Path, profiles: tuple[str, ...] = PROFILES, *,
                previous: Path | None = None, workers: int | None = None,
                progress: ProgressHook | None = None) -> BuildResult:
    """Everything a build writes, in memory; nothing touches the output folder yet.

    With `previous` (the last build's output folder), pages whose dependencies
    did not change are taken from there instead of being rendered again.
    """
    site, warnings = load_site(site_dir)
    result = BuildResult(site, warnings=warnings)
    static = theme_static_files(site_dir, site.settings.theme)
    cache_dir = site_dir / CACHE_DIR
    code = code_fingerprint()
    env = make_environment(site_dir, site.settings.theme)
    for profile in profiles:
        view = profile_site(site, profile)
        network = analyse_site_graph(view, cache_dir / "layout")
        renderer = ProfileRenderer(view, site_dir, network, env)
        fingerprints = Fingerprints(view, site_dir, renderer.values)
        cache = PageCache.load(cache_dir, profile, code)
        reuse = None
        if previous is not None:
            old_root = previous / profile
            reuse = partial(cache.reuse, fingerprints=fingerprints, old_root=old_root)
        rendered = renderer.render(reuse, workers, progress)
        result.caches.append((cache, fingerprints, rendered))
        _add_extras(view, rendered, static)
        _add_exports(view, network, rendered)
        result.profiles[profile] = rendered
        media = view.media if profile == "workbook" else rendered.used_media
        for path in sorted(media):
            result.copies[f"{profile}/{path}"] = site_dir / "content" / path
        for path, source in {**static, **vendor_files()}.items():
            if path != "assets/netcard.css" and (site.settings.search
                                                 or path != SEARCH_SCRIPT):
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


def tree_stamp(files: dict[str, bytes], copies: dict[str, Path]) -> str:
    """A digest of everything a build writes: the same input gives the same stamp."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(f"{path}\0{hashlib.sha256(files[path]).hexdigest()}\0".encode())
    for path in sorted(copies):
        digest.update(f"{path}\0{copies[path].stat().st_size}\0".encode())
    return digest.hexdigest()[:32] + "\n"


def build(site_dir: Path, out_dir: Path, profiles: tuple[str, ...] = PROFILES,
          progress: ProgressHook | None = None) -> BuildResult:
    """Build and swap the new output in; on any error the old output stays as it was."""
    current = freshness.manifest(site_dir, out_dir, profiles)
    with output_lock(out_dir):
        check_output_dir(out_dir)
        previous = out_dir if (out_dir / MARKER).is_file() else None
        result = render_site(site_dir, profiles, previous=previous, progress=progress)
        keep = tuple(p for p in PROFILES if p not in profiles)
        search = (partial(index_profiles, profiles=profiles) if result.site.settings.search
                  else None)
        files = result.files()
        stamp = tree_stamp(files, result.copies)
        write_tree(out_dir, files, result.copies, keep_from_old=keep, finalise=search,
                   stamp=stamp)
        for cache, fingerprints, rendered in result.caches:
            cache.save(rendered.pages, fingerprints)
        freshness.remember(site_dir, out_dir, profiles, MARKER_TEXT + stamp, current)
    return result


__all__ = ["PROFILES", "BuildResult", "__version__", "build", "load_site", "render_site"]
