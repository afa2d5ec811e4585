"""One build: load → model → analyse → render → write, as DESIGN.md draws it."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from generator import __version__, freshness
from generator.analyse.actions import reference_date
from generator.analyse.profiles import ProfileAnalysis, analyse_profiles
from generator.cancel import Cancel
from generator.content_types.registry import BUILT_IN
from generator.deps import fingerprint
from generator.diff.history import HISTORY_CAP, read_history
from generator.errors import ContentError, ErrorList, machine_failures, source_vanished
from generator.faults import fault_point
from generator.load.content import load_content
from generator.load.stored_documents import stored_documents
from generator.load.yaml_marks import release_parsed
from generator.model.build import build_site
from generator.model.content_type import ContentTypes
from generator.model.profile import PROFILES, Profile, in_build_order, profiles_named
from generator.model.site import Site
from generator.model.visibility import PublicSite, recorded_public_view
from generator.parallel import WorkerLost, freeze_more, frozen_heap, long_lived, run_all
from generator.paths import site_cache_dir
from generator.progress import ProgressHook
from generator.rebuilds import keeping
from generator.render import extras
from generator.render.assets import stylesheet, theme_static_files, vendor_files
from generator.render.env import make_environment
from generator.render.incremental import Fingerprints, PageCache, code_fingerprint
from generator.render.site import ProfileJob, ProfileRenderer, RenderedProfile, render_jobs
from generator.search import INDEX_FOLDER, Indexing, carry_index, reindex
from generator.write import (
    MARKER,
    MARKER_TEXT,
    NewTree,
    check_output_dir,
    index_behind,
    output_lock,
    pending_stamp,
    update_tree,
    write_stamp,
)

SEARCH_SCRIPT = "assets/netcard-search.js"
PARALLEL_RECORD_MIN_PAGES = 2000  # the example's 237 pages: 26 ms, not worth a fork
# ... and up to this many: a forked saver copies the pages of the build's memory it
# reads (reading an object writes its reference count), ~0.5 GB at 10,000 members
# (59,460 pages), where it saved no time (7 s side by side, 8.5 s one after the other).
PARALLEL_RECORD_MAX_PAGES = 30_000


@dataclass
class BuildResult:
    site: Site
    profiles: dict[str, RenderedProfile] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    warnings: list[ContentError] = field(default_factory=list)
    caches: list[tuple[PageCache, Fingerprints, RenderedProfile]] = field(default_factory=list)
    # Profiles whose pages are byte for byte the previous build's (their search index holds).
    unchanged: set[str] = field(default_factory=set)
    # build(preview=True) in place: what complete_preview still has to do.
    search_pending: tuple[str, ...] = ()
    incomplete: bool = False
    manifest: str = ""
    stamp: str = ""
    cache_dir: Path | None = None  # where the caches were read and go (see site_cache_dir)

    def reused_files(self) -> set[str]:
        """Output paths of pages taken unchanged from the previous output (rendered
        without a sink: their bytes are left in the files they came from)."""
        return {f"{name}/{path}" for name, rendered in self.profiles.items()
                for path in rendered.origins}

    def files(self) -> dict[str, bytes]:
        """Every file made, with its bytes, but for the reused pages (`reused_files`);
        only when rendered without a sink."""
        return {f"{name}/{path}": content for name, rendered in self.profiles.items()
                for path, content in rendered.files.items()}

    def digests(self) -> dict[str, str]:
        """Every file made, with the sha256 of its bytes."""
        return {f"{name}/{path}": digest for name, rendered in self.profiles.items()
                for path, digest in rendered.digests.items()}


ProfileDone = Callable[[str, RenderedProfile, dict[str, Path]], None]
SinkFor = Callable[[str], Callable[[str, bytes, Path | None], None]]


def load_site(site_dir: Path,
              types: ContentTypes = BUILT_IN) -> tuple[Site, list[ContentError]]:
    """Load and validate content/ as `types` say; raises ContentErrors listing every
    problem."""
    errors = ErrorList()
    with long_lived():  # the site: see long_lived
        raw = load_content(site_dir, errors, [content_type.source for content_type in types])
        site = build_site(raw, errors, types)
    errors.raise_if_any()
    assert site is not None
    return site, errors.warnings


def profile_views(site: Site, profiles: tuple[Profile, ...]) -> tuple[dict[Profile, Site],
                                                                    PublicSite]:
    """Each profile's site, and the public view: made once, for the public card and for
    the workbook's preview of it."""
    public = recorded_public_view(site)
    return {profile: site if profile.includes_internal else public.site
            for profile in profiles}, public


def render_site(site_dir: Path, profiles: tuple[str, ...] = PROFILES, *,
                previous: Path | None = None, workers: int | None = None,
                progress: ProgressHook | None = None,
                types: ContentTypes = BUILT_IN) -> BuildResult:
    """Everything a build writes, in memory; nothing touches the output folder yet.

    Nothing is written into the site folder either (`netcard check` and `bundle`
    promise that): the caches are the user's (see `site_cache_dir`). With `previous`
    (the last build's output folder), pages whose dependencies did not change are
    taken from there instead of being rendered again. `types` are the content types
    the site is read with.
    """
    cache_dir = site_cache_dir(site_dir, inside_site=False)
    with stored_documents(cache_dir, code_fingerprint()):
        site, warnings = load_site(site_dir, types)
    return render_profiles(site, warnings, site_dir, profiles, cache_dir, previous=previous,
                           workers=workers, progress=progress)


def render_profiles(site: Site, warnings: list[ContentError], site_dir: Path,
                    profiles: tuple[str, ...], cache_dir: Path | None, *,
                    previous: Path | None = None,
                    workers: int | None = None, progress: ProgressHook | None = None,
                    sink_for: SinkFor | None = None,
                    on_profile: ProfileDone | None = None) -> BuildResult:
    """Render each profile of a loaded site (side by side: see `render_jobs`).

    With `sink_for`, each file of a profile goes to `sink_for(profile)(path, bytes,
    origin)` as soon as it is made instead of being held in memory. `on_profile(name,
    rendered, copies)` hears of each profile as soon as it is complete (a build
    copies its files and starts its search index while the next profile renders).
    The caches are read from and written to `cache_dir` (None: no caches).
    """
    # The site and all made from it live for the whole build: left out of the cycle
    # collector's scans (see frozen_heap).
    with frozen_heap():
        result = BuildResult(site, warnings=warnings, cache_dir=cache_dir)
        static = theme_static_files(site_dir, site.settings.theme)
        code = code_fingerprint()
        env = make_environment(site_dir, site.settings.theme, cache_dir)
        views, public = profile_views(site, profiles_named(profiles))
        analysed = analyse_profiles(views, cache_dir, code, reference_date(site, site_dir))
        analysed = _with_history(analysed, site_dir)
        release_parsed()  # the last load of this build was the history's
        jobs: list[ProfileJob] = []
        for profile, view in views.items():
            renderer = ProfileRenderer(view, site_dir, analysed[profile], env, public=public)
            fingerprints = Fingerprints(view, site_dir, renderer.values)
            cache = PageCache.load(cache_dir, profile, code)
            reuse = None
            if previous is not None:
                reuse = partial(cache.reuse, fingerprints=fingerprints,
                                old_root=previous / profile.folder)
            job = renderer.start(reuse, sink_for(profile) if sink_for is not None else None)
            jobs.append(job)
            result.caches.append((cache, fingerprints, job.result))
            result.profiles[profile] = job.result
        freeze_more()  # the page caches and what was reused: they live as long

        in_order = list(views.items())

        def complete(number: int) -> None:
            profile, view = in_order[number]
            cache, _, rendered = result.caches[number]
            if previous is not None and not rendered.rendered and \
                    set(cache.entries) == set(rendered.pages):
                rendered.unchanged = True
                result.unchanged.add(profile)
            _add_extras(view, rendered, static)
            for path, content in analysed[profile].exports.items():
                rendered.put(path, content)
            copies = _profile_copies(view, rendered, site_dir, static)
            result.copies.update({f"{profile}/{path}": source for path, source in copies.items()})
            if on_profile is not None:
                on_profile(profile, rendered, copies)

        render_jobs(jobs, workers, progress, complete)
        return result


def _with_history(analysed: dict[Profile, ProfileAnalysis],
                  site_dir: Path) -> dict[Profile, ProfileAnalysis]:
    """The profiles with internal content with the git history of content/ (the
    workbook's history page; read once, each commit's state cached by its id in the
    user's cache, never inside the site)."""
    internal = [profile for profile in analysed if profile.includes_internal]
    if not internal:
        return analysed
    history = read_history(site_dir, site_cache_dir(site_dir, inside_site=False),
                           _loaded_site, HISTORY_CAP)
    return {profile: replace(analysis, history=history) if profile in internal else analysis
            for profile, analysis in analysed.items()}


def _loaded_site(site_dir: Path) -> Site:
    return load_site(site_dir)[0]


def _profile_copies(site: Site, rendered: RenderedProfile, site_dir: Path,
                    static: dict[str, Path]) -> dict[str, Path]:
    """Files copied as they are: media (the public site only what its pages use), the
    theme's static files and vis-network."""
    media = site.media if site.profile.includes_internal else rendered.used_media
    copies = {path: site_dir / "content" / path for path in sorted(media)}
    for path, source in {**static, **vendor_files()}.items():
        if path != "assets/netcard.css" and (site.settings.search or path != SEARCH_SCRIPT):
            copies[path] = source
    return copies


def _add_extras(site: Site, rendered: RenderedProfile, static: dict[str, Path]) -> None:
    css = stylesheet(static, site)
    if css is not None:
        rendered.put("assets/netcard.css", css)
    sitemap = extras.sitemap_xml(site, rendered.page_paths)
    if sitemap:
        rendered.put("sitemap.xml", sitemap.encode())
    rendered.put("robots.txt", extras.robots_txt(site).encode())
    rendered.put("contact.vcf", extras.contact_vcard(site).encode())
    if site.settings.base_url:
        rendered.put("qr.svg", extras.qr_svg(site.settings.base_url).encode())


def tree_stamp(digests: dict[str, str], copies: dict[str, Path]) -> str:
    """A digest of everything a build writes: the same input gives the same stamp."""
    digest = hashlib.sha256()
    for path in sorted(digests):
        digest.update(f"{path}\0{digests[path]}\0".encode())
    for path in sorted(copies):
        try:
            size = copies[path].stat().st_size
        except FileNotFoundError:
            raise source_vanished(copies[path]) from None
        digest.update(f"{path}\0{size}\0".encode())
    return digest.hexdigest()[:32] + "\n"


@machine_failures()
def build(site_dir: Path, out_dir: Path, profiles: tuple[str, ...] = PROFILES,
          progress: ProgressHook | None = None, *, preview: bool = False,
          cancel: Cancel | None = None, types: ContentTypes = BUILT_IN) -> BuildResult:
    """Build and swap the new output in; on any error the old output stays as it was.

    Each profile is written into the new tree as soon as it is rendered, and Pagefind
    indexes it in the background while the next one renders (the larger profile, the
    workbook, goes first). `preview` is for netcard serve: see `_build_in_place`.
    `cancel` (netcard serve's Ctrl-C) abandons the build at its next safe point, before
    it changes the output (BuildCancelled). `types` are the content types the site is
    read with.
    """
    cancel = cancel if cancel is not None else Cancel()
    progress = cancel.watching(progress)
    current = freshness.manifest(site_dir, out_dir, profiles)
    order = in_build_order(profiles_named(profiles))
    with output_lock(out_dir), frozen_heap():
        check_output_dir(out_dir)
        previous = out_dir if (out_dir / MARKER).is_file() else None
        cache_dir = site_cache_dir(site_dir, inside_site=True)
        with stored_documents(cache_dir, code_fingerprint()):
            site, warnings = load_site(site_dir, types)
        fault_point("loaded")
        cancel.check()
        if preview and previous is not None and _indexed(site, out_dir, profiles):
            return _build_in_place(site, warnings, site_dir, out_dir, order, progress, current,
                                   cache_dir, cancel)
        with NewTree(out_dir, spare_tree(cache_dir, out_dir)) as tree, Indexing() as indexing:
            def finish_profile(profile: str, rendered: RenderedProfile,
                               copies: dict[str, Path]) -> None:
                for path, source in copies.items():
                    tree.copy(f"{profile}/{path}", source)
                tree.drop_left(profile)  # (a recycled tree's pages no longer made)
                if site.settings.search:
                    _index_profile(rendered, copies, out_dir / profile, tree.root / profile,
                                   indexing)

            result = render_profiles(site, warnings, site_dir, order, cache_dir,
                                     previous=previous, progress=progress,
                                     sink_for=tree.writer, on_profile=finish_profile)
            fault_point("rendered")
            tree.keep_from_old(tuple(p for p in PROFILES if p not in profiles))
            cancel.check()
            # The page caches record the stamps of the pages' files (see PageCache.save):
            # while Pagefind indexes, read in the new tree (the same files, once it is
            # swapped in); else after the swap, while the old tree is put aside for the
            # next build (side by side on a large site). Caches saved by a build that
            # stops before its swap, or the previous ones when it stops before it saves,
            # vouch only for files that still hold the bytes they record (by stamp or
            # digest), so no wrong page is ever reused.
            saved_while_indexing = indexing.started()
            if saved_while_indexing:
                _save_page_caches(result, tree.root)
            indexing.wait()
            fault_point("search-indexed")
            result.manifest = current
            result.stamp = tree_stamp(result.digests(), result.copies)
            with cancel.changing_output():
                tree.commit(result.stamp)
                fault_point("swapped")
            if saved_while_indexing:
                tree.keep_old()
            else:
                _save_page_caches(result, out_dir, also=tree.keep_old)
            fault_point("caches-saved")
        _remember(out_dir, result)
    return result


def spare_tree(cache_dir: Path | None, out_dir: Path) -> Path | None:
    """Where the tree a build replaces in `out_dir` is kept for the next build to start
    from (see NewTree): in the site's cache, one per output folder."""
    if cache_dir is None:
        return None
    return cache_dir / "spare" / fingerprint(str(out_dir.resolve()))[:16]


def _build_in_place(site: Site, warnings: list[ContentError], site_dir: Path, out_dir: Path,
                    profiles: tuple[str, ...], progress: ProgressHook | None,
                    current: str, cache_dir: Path | None, cancel: Cancel) -> BuildResult:
    """netcard serve, once there is a complete output with search indexes: an edit must
    show at once, so only the files that changed are replaced (`update_tree`), and
    `complete_preview`, called after the page has reloaded, makes the search indexes
    of the changed profiles, saves the page caches and only then records the build."""
    result = render_profiles(site, warnings, site_dir, profiles, cache_dir, previous=out_dir,
                             progress=progress)
    files = result.files()
    result.manifest, result.stamp = current, tree_stamp(result.digests(), result.copies)
    result.search_pending = tuple(p for p in profiles if site.settings.search and (
        p not in result.unchanged or index_behind(out_dir, p)))
    result.incomplete = True
    update_tree(out_dir, files, result.copies, result.reused_files(),
                tuple(p for p in PROFILES if p not in profiles),
                pending_stamp(result.stamp, result.search_pending), cancel)
    fault_point("update-stamped")
    return result


@machine_failures()
def complete_preview(site_dir: Path, out_dir: Path, result: BuildResult,
                     cancel: Cancel | None = None) -> None:
    """What `build(preview=True)` left until after the reload: the search indexes of
    the profiles whose pages changed, the page caches, and the record of the build.
    Abandoned on `cancel` (BuildCancelled): nothing is recorded, so the next build
    checks every page again and makes the indexes."""
    if not result.incomplete:
        return
    cancel = cancel if cancel is not None else Cancel()
    with output_lock(out_dir):
        for profile in result.search_pending:
            cancel.check()
            reindex(out_dir / profile)
        fault_point("preview-indexed")
        cancel.check()
        result.search_pending = ()
        write_stamp(out_dir, result.stamp)  # no index is older than its pages now
        _record(out_dir, result)


def _record(out_dir: Path, result: BuildResult) -> None:
    """Remember what each page read (for the next build) and that the output is complete."""
    _save_page_caches(result, out_dir)
    _remember(out_dir, result)


def _save_page_caches(result: BuildResult, out_dir: Path,
                      also: Callable[[], None] | None = None) -> None:
    """What each page of the output in `out_dir` (the live one, or the new tree about to
    be swapped in) read, for the next build, and
    `also` (work that needs no result). The jobs do not depend on each other: on large
    sites (a second each at 2,000 members) they run side by side, in forked processes,
    but for a process that builds again, which saves the caches itself to keep them
    (generator.rebuilds), and on the largest (see PARALLEL_RECORD_MAX_PAGES)."""
    jobs: list[Callable[[], None]] = [
        partial(cache.save, rendered.pages, fingerprints, out_dir / cache.profile)
        for cache, fingerprints, rendered in result.caches]
    if keeping():
        jobs = [partial(_run_each, jobs)]
    if also is not None:  # second: the first job runs here, the others in one child
        jobs.insert(1, also)
    pages = sum(len(rendered.pages) for *_, rendered in result.caches)
    if PARALLEL_RECORD_MIN_PAGES <= pages <= PARALLEL_RECORD_MAX_PAGES and len(jobs) > 1:
        # The output is in place: a saver killed (out of memory) costs the next build
        # time, not correctness, like a cache that cannot be written.
        with contextlib.suppress(WorkerLost):
            run_all(jobs)
    else:
        for job in jobs:
            job()


def _run_each(jobs: list[Callable[[], None]]) -> None:
    for job in jobs:
        job()


def _remember(out_dir: Path, result: BuildResult) -> None:
    """That the output is complete, for the no-change check of the next build."""
    if result.cache_dir is not None:
        freshness.remember(result.cache_dir, out_dir, tuple(result.profiles),
                           MARKER_TEXT + result.stamp, result.manifest)
    result.incomplete = False


def _index_profile(rendered: RenderedProfile, copies: dict[str, Path], old: Path, new: Path,
                   indexing: Indexing) -> None:
    """Start Pagefind on a profile's new folder; or, when its pages are byte for byte the
    previous build's and no other HTML is copied in, keep the previous index."""
    only_pages = not any(path.endswith(".html") for path in copies)
    if rendered.unchanged and only_pages and (old / INDEX_FOLDER).is_dir() \
            and not index_behind(old.parent, old.name):
        carry_index(old / INDEX_FOLDER, new)
    else:
        indexing.start(new)


def _indexed(site: Site, out_dir: Path, profiles: tuple[str, ...]) -> bool:
    """Whether every profile has a search index to keep serving (or search is off)."""
    return not site.settings.search or all(
        (out_dir / profile / INDEX_FOLDER).is_dir() for profile in profiles)


__all__ = ["PROFILES", "BuildResult", "__version__", "build", "complete_preview", "load_site",
           "render_site"]
