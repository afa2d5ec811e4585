"""Stage 4, render: model + analysis → every file of one profile, in memory.

Each page is rendered inside `deps.recording()`, so the renderer knows what it
read; a page whose dependencies did not change since the last build is taken
from the previous output instead (see render/incremental.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event
from pathlib import Path
from queue import SimpleQueue
from typing import Any

from jinja2 import Environment, Template
from markupsafe import Markup

from generator import __version__
from generator.analyse.actions import REFERENCE_DATE
from generator.analyse.history import HISTORY_VALUE
from generator.analyse.profiles import ProfileAnalysis
from generator.analyse.results import NetworkAnalysis, NodeResult
from generator.deps import fingerprint, paused, record, recording
from generator.faults import fault_point
from generator.model import derivation
from generator.model.site import Site
from generator.model.visibility import PublicSite
from generator.parallel import forked_pool, lost_worker, shared_heap
from generator.progress import ProgressHook
from generator.render import i18n
from generator.render.chart_views import ChartViews
from generator.render.env import make_environment
from generator.render.fallback import shown_text
from generator.render.helpers import PageHelpers
from generator.render.markdown import LinkContext
from generator.render.network_view import NetworkView
from generator.render.pages import (
    MainMenu,
    MenuEntry,
    MenuGroup,
    PageContext,
    PageSpec,
    ShownMenu,
    menu_items,
    page_specs,
    sections_of,
)
from generator.render.routes import Routes, language_prefix
from generator.render.tie_rows import TieWords, shown_ties

OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
MENU_TEMPLATE = "partials/main_menu.html"
PARALLEL_MIN_PAGES = 50  # measured on the example (87 + 150 pages): 2 workers beat 1


@dataclass(frozen=True)
class PageRecord:
    """What the renderer knew of a page it rendered, kept beside the page's bytes (the
    bundle is made of these, never of the HTML read back): its title, kind and
    language, the theme files it links to in the order it links them, and where its
    main content (the template's `main` block) sits in the page's text."""

    path: str  # inside the profile, with the language prefix: "en/members/x/index.html"
    title: str
    kind: str
    language: str
    assets: tuple[str, ...]  # "assets/netcard.css", "assets/netcard-graph.js" …
    main: tuple[int, int]  # start and end, in characters of the page's text

    def main_html(self, content: bytes) -> str:
        """The main content's HTML, out of the page's bytes."""
        start, end = self.main
        return content.decode("utf-8")[start:end]


@dataclass
class PageOutput:
    """One rendered page, what it read, and what it linked to."""

    path: str
    content: bytes  # b"" once written out by a RenderedProfile with a sink, or when reused
    reads: Collection[str]  # each source once; a tuple once kept (a tenth of a set's memory)
    media: frozenset[str] = frozenset()
    broken: tuple[str, ...] = ()
    digest: str = ""  # sha256 of the content, hex
    origin: Path | None = None  # the previous output's file with its bytes, if reused
    written: bool = False  # already given to the sink by the render worker that made it
    record: PageRecord | None = None  # None once written out, and for a reused page
    # a reused page: what it read, as indexes into its page cache's table, packed as the
    # cache holds them (`reads` is then empty: the cache's next save keeps them as they
    # are; see PageCache.save)
    cached: str | None = None

    @staticmethod
    def made(record: PageRecord, content: bytes, reads: frozenset[str], media: frozenset[str],
             broken: tuple[str, ...]) -> PageOutput:
        return PageOutput(record.path, content, reads, media, broken,
                          hashlib.sha256(content).hexdigest(), record=record)


# sink(path, content, origin): origin, when given, is a file holding the bytes (then
# `content` may be empty), which the sink links or copies instead of writing them again.
Sink = Callable[[str, bytes, Path | None], None]


@dataclass
class RenderedProfile:
    """Files of one profile, plus what the pages read and linked to.

    Without a sink, every file's bytes are kept in `files` (path → bytes), except a
    page reused from an earlier output, which is kept as the file holding it in `origins`
    (netcard serve's preview, where that file is the live one and is not rewritten). With
    a sink (a build), each file goes to the sink as soon as it is made and only its
    digest is kept: a 10,000-member site is never held in memory whole.
    """

    sink: Sink | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # every file made, written or not
    used_media: set[str] = field(default_factory=set)
    broken_links: list[tuple[str, str]] = field(default_factory=list)
    page_paths: list[str] = field(default_factory=list)
    pages: dict[str, PageOutput] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    unchanged: bool = False  # every page reused, the same set of pages as last time

    @property
    def reused(self) -> int:
        return len(self.pages) - len(self.rendered)

    def put(self, path: str, content: bytes, digest: str = "",
            origin: Path | None = None) -> None:
        """Add a file (a page, the sitemap, an export …)."""
        self.digests[path] = digest or hashlib.sha256(content).hexdigest()
        if self.sink is not None:
            self.sink(path, content, origin)
        elif origin is not None and not content:
            self.origins[path] = origin
        else:
            self.files[path] = content

    def add(self, page: PageOutput) -> None:
        if page.written:
            self.digests[page.path] = page.digest
        else:
            self.put(page.path, page.content, page.digest, page.origin)
        if self.sink is not None and page.origin is None:
            # Pages come back from the render workers with their own copies of the same
            # source names (~100 a page): one shared copy each keeps a large site small
            # (a reused page's names are the page cache's, shared already), in a tuple:
            # a set of 100 names takes 4 kB, 250 MB for the 60,000 pages of 10,000 members.
            page = dataclasses.replace(page, content=b"", record=None,
                                       reads=tuple(map(sys.intern, page.reads)))
        self.page_paths.append(page.path)
        self.pages[page.path] = page
        self.used_media.update(page.media)
        self.broken_links.extend((page.path, target) for target in page.broken)

    def records(self) -> list[PageRecord]:
        """The record of every page rendered and kept in memory (no sink), in path order."""
        return [page.record for path in sorted(self.pages)
                if (page := self.pages[path]).record is not None]


Reuse = Callable[[str], PageOutput | None]
Task = tuple[int, str]  # the index of the page's spec, the language
_WORKER_JOBS: list[tuple[ProfileRenderer, Sink | None]] = []
_STOP_WORKERS: Event | None = None  # set when the build no longer wants the workers' pages


class ProfileRenderer:
    """Renders every page of one profile in every language.

    The pages read the profile's `analysis` (see analyse/profiles.py); none works
    anything out of its own. A profile with internal content shows the public card too
    (the workbook's card preview): `public` is the build's public view (see
    build.profile_views)."""

    def __init__(self, site: Site, site_dir: Path, analysis: ProfileAnalysis,
                 env: Environment | None = None, *, public: PublicSite) -> None:
        self.site = site
        self.public = public if site.profile.includes_internal else None
        self.analysis = analysis
        self.network = NetworkView.of(site, analysis.network)
        self.routes = Routes(site)
        with paused():
            self.sections = sections_of(site)
        # One environment per build (shared by the profiles): templates compile once,
        # and a theme override added between builds is always found.
        self.env = env or make_environment(site_dir, site.settings.theme)
        self.language_names = {code: i18n.language_name(code) for code in site.languages}
        with paused():
            self.menus = {language: self._menu(language) for language in site.languages}
        # the workbook's long menu in groups; the public card's menu flat, every entry shown
        self.main_menu = MainMenu(self.menus, site.default_language, self._render_menu,
                                  grouped=site.profile.includes_internal)
        self.values = {
            "value:sections": fingerprint(*sorted(self.sections)),
            "value:analysis": analysis_fingerprint(analysis.network),
            "value:menu": fingerprint(repr(sorted(self.menus.items()))),
            REFERENCE_DATE: fingerprint(analysis.actions.value.reference.isoformat()),
            HISTORY_VALUE: fingerprint(repr(analysis.history)),
        }
        for content_type in site.types:
            self.values.update(content_type.values(site))
        self._tie_words: dict[str, TieWords] = {}

    def tasks(self) -> list[Task]:
        return [(index, language) for index in range(len(self.specs()))
                for language in self.site.languages]

    def specs(self) -> list[PageSpec]:
        if not hasattr(self, "_specs"):
            with paused():
                self._specs = page_specs(PageContext(self.site, self.routes, self.sections,
                                                     self.network, self.analysis, self.public))
        return self._specs

    def output_path(self, spec: PageSpec, language: str) -> str:
        return language_prefix(language, self.site.default_language) + spec.path

    def start(self, reuse: Reuse | None = None, sink: Sink | None = None) -> ProfileJob:
        """The profile's pages that `reuse` gives from the previous output, and the ones
        still to render."""
        job = ProfileJob(self, RenderedProfile(sink))
        for index, language in self.tasks():
            old = reuse(self.output_path(self.specs()[index], language)) if reuse else None
            if old is None:
                job.tasks.append((index, language))
            else:
                job.result.add(old)
        return job

    def render_task(self, task: Task) -> PageOutput:
        spec = self.specs()[task[0]]
        with recording() as reads:
            record, html, links = self.render_page(spec, task[1])
        return PageOutput.made(record, html.encode("utf-8"), frozenset(reads),
                               frozenset(links.used_media), tuple(links.broken))

    def render_page(self, spec: PageSpec,
                    language: str) -> tuple[PageRecord, str, LinkContext]:
        links = self.routes.links()
        nc = PageHelpers(self.site, self.routes, language, spec.path, links,
                         absolute_paths=spec.path == "404.html")
        context = self.common_context(nc, spec)
        context.update(spec.data())
        if "markdown_page" in context:
            context["body"] = nc.page_text(context["markdown_page"])
        if "ties" in context:
            context["ties"] = shown_ties(nc, self.tie_words(nc), context["ties"])
        html, main = render_marking_main(self.env.get_template(spec.template), context)
        record = PageRecord(nc.file, str(context["page_title"]), spec.kind, language,
                            tuple(nc.assets), main)
        return record, html, links

    def common_context(self, nc: PageHelpers, spec: PageSpec) -> dict[str, Any]:
        site = self.site
        network = site.network
        record("value:sections")
        site_title = nc.text(site.settings.title or network.name)
        return {
            "nc": nc, "lang": nc.language, "languages": site.languages,
            "language_names": self.language_names, "profile": site.profile, "site": site,
            "network": network, "members": site.members, "version": __version__,
            "page_title": spec.title(nc), "site_title": site_title, "page_kind": spec.kind,
            "description": (spec.description(nc) if spec.description else "") or site_title,
            "og_locale": OG_LOCALES.get(nc.language, nc.language),
            "canonical": nc.absolute(spec.path) if spec.in_sitemap and site.published else None,
            "alternates": self.alternates(spec),
            "logo": network.logo, "share_image": self.share_image(),
            **self.menu_context(nc, spec),
            "has_network": "network" in self.sections,
            "qr_code": bool(site.settings.base_url),
            "charts": ChartViews(nc),
        }

    def _menu(self, language: str) -> list[MenuEntry]:
        """Each main-menu entry with its label, worked out once per language."""
        default = self.site.default_language
        return [MenuEntry(item.kind, item.path,
                          i18n.translate(language, item.label_key) if item.label_key else
                          shown_text(item.title, language, default), group=item.group)
                for item in menu_items(self.site, self.sections)]

    def menu_context(self, nc: PageHelpers, spec: PageSpec) -> dict[str, Any]:
        """`menu` (the entries, for a theme's own markup) and `menu_html` (the theme's
        partials/main_menu.html, made once per language, depth and current entry)."""
        record("value:menu")
        shown: ShownMenu = self.main_menu.shown(nc, spec.kind, spec.path)
        return {"menu": shown.entries, "menu_html": shown.html}

    def _render_menu(self, nc: PageHelpers, entries: tuple[MenuEntry, ...],
                     groups: tuple[MenuGroup, ...]) -> Markup:
        html = self.env.get_template(MENU_TEMPLATE).render(nc=nc, menu=entries,
                                                           menu_groups=groups)
        return Markup(html.rstrip("\n"))

    def tie_words(self, nc: PageHelpers) -> TieWords:
        """The words of tie rows in the page's language, made once per profile."""
        words = self._tie_words.get(nc.language)
        if words is None:
            words = self._tie_words[nc.language] = TieWords(nc)
        return words

    def alternates(self, spec: PageSpec) -> list[dict[str, str]]:
        if not self.site.settings.base_url or not spec.in_sitemap or not self.site.published:
            return []
        base = self.site.settings.base_url.rstrip("/") + "/"
        default = self.site.default_language
        return [{"lang": code, "href": base + (language_prefix(code, default) + spec.path)
                 .removesuffix("index.html")} for code in self.site.languages]

    def share_image(self) -> str | None:
        base = self.site.settings.base_url
        logo = self.site.network.logo
        if not base or not logo:
            return None
        return base.rstrip("/") + "/" + logo


@dataclass
class ProfileJob:
    """One profile's share of a render: its renderer, its files, and the pages
    (spec index, language) still to render."""

    renderer: ProfileRenderer
    result: RenderedProfile
    tasks: list[Task] = field(default_factory=list)


def render_jobs(jobs: list[ProfileJob], workers: int | None = None,
                progress: ProgressHook | None = None,
                on_complete: Callable[[int], None] | None = None) -> None:
    """Render the pages of every job, the profiles side by side in one set of workers
    (no worker waits while another finishes the first profile), and call
    `on_complete(i)` as soon as job i has all its pages (a build then starts that
    profile's search index while the others render)."""
    left = [len(job.tasks) for job in jobs]
    if progress is not None:
        progress.add(sum(left))

    def complete(number: int) -> None:
        jobs[number].result.page_paths.sort()
        jobs[number].result.rendered.sort()
        if on_complete is not None:
            on_complete(number)

    for number in range(len(jobs)):
        if not left[number]:
            complete(number)
    for number, page in _render_all(jobs, workers):
        result = jobs[number].result
        result.add(page)
        result.rendered.append(page.path)
        if progress is not None:
            progress.advance()
        left[number] -= 1
        if not left[number]:
            complete(number)


def _render_all(jobs: list[ProfileJob],
                workers: int | None) -> Iterator[tuple[int, PageOutput]]:
    """(job number, page) for every task, rendered by `workers` processes (all cores by
    default): this one and forked workers, each of which also gives its pages to their
    profile's sink (writing files in one process would hold back the others).

    This process renders too, rather than only collecting: each forked worker ends up
    with its own copy of most of the loaded site (reading an object writes its reference
    count, and the page holding it is copied), so every process fewer is a copy fewer
    (10,000 members: ~0.5 GB)."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    total = sum(len(job.tasks) for job in jobs)
    if count < 2 or total < PARALLEL_MIN_PAGES or os.name != "posix":
        for number, job in enumerate(jobs):
            yield from ((number, job.renderer.render_task(task)) for task in job.tasks)
        return
    global _WORKER_JOBS, _STOP_WORKERS
    _WORKER_JOBS = [(job.renderer, job.result.sink) for job in jobs]  # inherited by fork
    _STOP_WORKERS = stop = multiprocessing.get_context("fork").Event()
    try:
        with shared_heap():
            pool, forked = forked_pool(count - 1)
            try:
                yield from _render_shared(pool, deque(_work_units(jobs, count)), count - 1)
            except BrokenProcessPool as broken:  # a worker was killed (out of memory)
                raise lost_worker(pool, forked) from broken
            except BaseException:  # a page failed, or Ctrl-C: the workers' pages are not wanted
                # Each worker stops before its next page. (They used to be killed: one
                # killed while handing its pages back left half a message in the pool's
                # pipe, and the pool waited for the rest of it for ever.)
                stop.set()
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _WORKER_JOBS = []
        _STOP_WORKERS = None


Unit = list[tuple[int, int, str]]  # (job number, spec index, language) of a few pages


def _render_shared(pool: ProcessPoolExecutor, units: deque[Unit],
                   workers: int) -> Iterator[tuple[int, PageOutput]]:
    """The units' pages, in the order they are done: this process and the pool's
    `workers` take the next unit whenever they finish one. Each worker has two units
    waiting, topped up as each comes back (in the pool's manager thread), so none waits
    for this process. A worker killed meanwhile breaks the pool: its BrokenProcessPool
    comes back as the units' result, and stops the build."""
    lock = threading.Lock()
    returned: SimpleQueue[list[tuple[int, PageOutput]] | BaseException] = SimpleQueue()
    sent = 0

    def take() -> Unit | None:
        with lock:
            return units.popleft() if units else None

    def send() -> None:
        nonlocal sent
        with lock:  # (taken and counted at once: this process sees both or neither)
            if not units:
                return
            unit = units.popleft()
            sent += 1
        pool.submit(_render_in_pool, unit).add_done_callback(came_back)

    def came_back(done: Future[list[tuple[int, PageOutput]]]) -> None:
        if done.cancelled():
            return  # (the pool was shut down: this process stopped on an error)
        error = done.exception()
        if error is not None:
            returned.put(error)
            return
        with suppress(RuntimeError, BrokenProcessPool):  # (shut down, as above)
            send()  # before the pages are handed over: `sent` never lags behind
        returned.put(done.result())

    for _ in range(2 * workers):
        send()
    received = 0
    while True:
        while not returned.empty() or (not units and received < sent):
            pages = returned.get()
            if isinstance(pages, BaseException):
                raise pages
            received += 1
            yield from pages
        unit = take()
        if unit is None:
            with lock:
                if received == sent:
                    return
            continue
        yield from _render_in_worker(unit)


def _work_units(jobs: list[ProfileJob], workers: int) -> list[Unit]:
    """The tasks in the portions the workers take one at a time: profile by profile (so
    the first is complete, and its search index under way, while the next renders),
    and in each the largest pages first.

    A page that stands alone in its kind sums up the whole site (the network page,
    the competence map, the card) and takes up to seconds on a large network: each
    goes out on its own. Pages of a kind with a page per member take milliseconds
    and follow in chunks (fewer round trips). Sent last, the large pages kept one
    worker busy for seconds after the other had run out of work (2.5 s of 8 at 2,000
    members)."""
    chunk = max(1, min(64, sum(len(job.tasks) for job in jobs) // (workers * 8)))
    units: list[Unit] = []
    for number, job in enumerate(jobs):
        specs = job.renderer.specs()
        specs_of_kind = Counter(spec.kind for spec in specs)
        many = []
        for index, language in job.tasks:
            if specs_of_kind[specs[index].kind] == 1:
                units.append([(number, index, language)])
            else:
                many.append((number, index, language))
        units.extend(many[start:start + chunk] for start in range(0, len(many), chunk))
    return units


def analysis_fingerprint(network: NetworkAnalysis) -> str:
    """The analysis' results without the names (pages read names from the members): the
    fingerprint of the cache entry it was read from or written to (its derivation: the
    entry's names are not the analysis' either), else, without a cache, of its results
    (0.05 s a profile at 2,000 members, 0.3 s at 10,000)."""
    made_from = derivation.of(network)
    return f"made:{made_from}" if made_from is not None else _analysis_fingerprint(network)


def _analysis_fingerprint(network: NetworkAnalysis) -> str:
    fields = [name for name in _RESULT_FIELDS if name != "name"]
    # (field values read as they are: a copy of each record without its name, made by
    # dataclasses.replace, cost 0.1 s a profile at 2,000 members, on every edit)
    results = [[getattr(result, name) for name in fields] for result in network.results]
    return fingerprint(repr((fields, results, network.metrics, network.components,
                             network.ties, network.betweenness_estimated)))


_RESULT_FIELDS = tuple(field.name for field in dataclasses.fields(NodeResult))


def _render_in_pool(tasks: Unit) -> list[tuple[int, PageOutput]]:
    fault_point("render-worker")
    return _render_in_worker(tasks, _STOP_WORKERS)


def _render_in_worker(tasks: Unit, stop: Event | None = None) -> list[tuple[int, PageOutput]]:
    """The pages of `tasks`; none once `stop` is set (the build has failed)."""
    pages = []
    for number, index, language in tasks:
        if stop is not None and stop.is_set():
            return []
        renderer, sink = _WORKER_JOBS[number]
        page = renderer.render_task((index, language))
        if sink is not None:
            sink(page.path, page.content, None)
            page = dataclasses.replace(page, content=b"", written=True, record=None)
        pages.append((number, page))
    return pages


def render_marking_main(template: Template, context: dict[str, Any]) -> tuple[str, tuple[int, int]]:
    """The page, and where its `main` block starts and ends in it (in characters).

    `Template.render` does the same without the marks: the block's function is wrapped
    to yield an empty mark when it starts and when it ends (the wrapper goes in front of
    it, so that the block's `super()` still finds its own place); the marks are found in
    the page's pieces by identity. A template with no `main` block marks an empty one at
    the start.
    """
    jinja_context = template.new_context(dict(context))
    blocks = jinja_context.blocks.get("main")
    if blocks:
        inner = blocks[0]

        def marked(block_context: Any) -> Iterator[str]:
            yield START_OF_MAIN
            yield from inner(block_context)
            yield END_OF_MAIN

        blocks.insert(0, marked)
    made: list[str] = []
    try:
        made = list(template.root_render_func(jinja_context))
    except Exception:
        template.environment.handle_exception()
    marks = [n for n, text in enumerate(made) if text is START_OF_MAIN or text is END_OF_MAIN]
    if len(marks) < 2:
        return "".join(made), (0, 0)
    start = sum(map(len, made[:marks[0]]))
    return "".join(made), (start, start + sum(map(len, made[marks[0]:marks[1]])))


class _Mark(str):
    """An empty text that `render_marking_main` knows by its identity."""


START_OF_MAIN = _Mark()
END_OF_MAIN = _Mark()
