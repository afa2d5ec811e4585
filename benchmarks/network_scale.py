"""How netcard scales with the size of the network (issue 3, the scale part).

    python benchmarks/network_scale.py                 # 2,000/8,000 (3 runs) and 10,000/40,000 (1)
    python benchmarks/network_scale.py --sizes 2000:8000 --runs 1 --no-write
    python benchmarks/network_scale.py --browser-only OUT_A --browser-only OUT_B --browser-runs 7
    python benchmarks/network_scale.py --sizes 2000:8000 --code /tmp/old-checkout --no-write

For each size a synthetic site (benchmarks/synthetic_network.py) is built with
`python -m generator build` in a subprocess and timed as wall time of the whole
command: cold (no output, no cache), a rebuild with nothing changed, and a
rebuild after one member's description changed. Peak memory is measured two
ways, because pages are rendered by forked workers: the largest single process
(ru_maxrss of the waited-for children) and the peak of the whole process tree's
proportional set size (PSS from /proc, sampled every 0.1 s; shared pages are
counted once). Then the workbook's network page is served by a local
http.server and opened in headless Chromium (Playwright, Debian's chromium):
time to interactive is from navigation start until the graph root has
`data-visible-edges` and `.graph-canvas[data-ready]`; first draw is when the
canvas has painted pixels. The sites have three languages (fi, sv, en) unless
`--languages` says otherwise; `--code` builds with another checkout of netcard (for
before/after figures on the same sites), with compiled bytecode as an installed
netcard has (`compare.run_as_installed`); a fixed Python loop is timed before and
after, so that figures of different hours can be compared. Results go between the
markers of the "Network scale" section of benchmarks/RESULTS.md. Tests never run
this: times depend on the machine (and on its load, which is recorded with every
figure).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "RESULTS.md"
START = "<!-- network_scale.py: start -->"
END = "<!-- network_scale.py: end -->"
sys.path.insert(0, str(REPO))

from benchmarks.compare import run_as_installed  # noqa: E402
from benchmarks.synthetic_network import write_site  # noqa: E402


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    tree_pss_mb: float
    load: float
    cpu_seconds: float = 0.0  # user + system of the build and its reaped workers


@dataclass
class SizeResult:
    members: int
    ties: int
    pages: int = 0
    cold: list[Run] = field(default_factory=list)
    unchanged: list[Run] = field(default_factory=list)
    one_edit: list[Run] = field(default_factory=list)
    served_edit: list[float] = field(default_factory=list)  # seconds
    served_load: list[float] = field(default_factory=list)
    interactive_ms: list[float] = field(default_factory=list)
    first_draw_ms: list[float] = field(default_factory=list)
    browser_load: list[float] = field(default_factory=list)
    drawn_pixels: int = 0
    page_kb: float = 0.0


def load_average() -> float:
    return os.getloadavg()[0]


def _tree_pss_kb(root: int) -> int:
    """PSS of a process and all its descendants, in kB (0 for processes that are gone)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        with contextlib.suppress(OSError):
            match = re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M)
            total += int(match.group(1)) if match else 0
    return total


CODE = REPO  # the checkout whose `python -m generator` builds (--code)


def calibration_seconds() -> float:
    """CPU seconds of a fixed Python loop: how fast the machine runs Python this hour."""
    start = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - start


def timed_build(site: Path, *, sample_memory: bool = True) -> Run:
    """One `python -m generator build SITE`, with wall time and peak memory. Sampling
    the process tree's memory (every 0.1 s, each process's page tables walked) slows
    the build it watches: on 2 cores a 2,000-member edit took 7–11 s sampled and
    5.4–6.5 s not; the table's memory is the cold builds', so the rebuilds run unwatched."""
    load = load_average()
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(site)],
                               cwd=CODE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while True:
        # wait4's rusage covers the build and the render workers it reaped: ru_maxrss is
        # the largest of them (in kB on Linux).
        pid, status, usage = os.wait4(process.pid, os.WNOHANG if sample_memory else 0)
        if pid:
            break
        peak = max(peak, _tree_pss_kb(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build of {site} failed with exit code {process.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024, peak / 1024, load,
               usage.ru_utime + usage.ru_stime)


def edited_member(site: Path) -> Path:
    members = sorted((site / "content" / "members").glob("*.yaml"))
    return members[7 % len(members)]


def edit_one_member(site: Path, round_number: int | str) -> None:
    member = edited_member(site)
    text = member.read_text(encoding="utf-8")
    text = re.sub(r'^description: "(.*?)(?: \(muokattu \w+\))?"$',
                  rf'description: "\1 (muokattu {round_number})"', text, flags=re.M)
    member.write_text(text, encoding="utf-8")


def measure_served_edits(site: Path, result: SizeResult, runs: int) -> None:
    """Seconds from saving one member's file to `netcard serve` (both profiles, as a
    coordinator runs it) serving that member's workbook page with the edit; the server's
    own first build is not timed, and each edit waits until the one before it is
    recorded (its search index and caches: `complete_preview`)."""
    from benchmarks.compare import ServeTrouble, served_edit_seconds
    from generator.names import WORKBOOK_MOUNT

    def edit(marker: str) -> None:
        result.served_load.append(load_average())
        edit_one_member(site, marker)

    url = f"{WORKBOOK_MOUNT}members/{edited_member(site).stem}/"
    try:
        result.served_edit = served_edit_seconds(
            site, url, edit, runs, profile=None, code=CODE, settle=SERVE_SETTLE_SECONDS,
            start_seconds=1800, edit_seconds=300)
    except ServeTrouble as trouble:
        raise SystemExit(str(trouble)) from None
    print(f"{result.members}: served edits {result.served_edit} s", flush=True)


SERVE_SETTLE_SECONDS = 8.0  # for the first build's, then each edit's, caches and record


READY = """() => {
  const root = document.querySelector('[data-graph]');
  const canvas = document.querySelector('.graph-canvas[data-ready]');
  return root && root.hasAttribute('data-visible-edges') && canvas ? performance.now() : false;
}"""
DRAWN = """() => {
  const canvas = document.querySelector('.graph-canvas canvas');
  if (!canvas || !canvas.width) { return false; }
  const ctx = canvas.getContext('2d');
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }
  return painted > 0 ? [performance.now(), painted] : false;
}"""


def measure_browser(output: Path, result: SizeResult, runs: int) -> None:
    """Time to interactive and first draw of workbook/network/index.html, `runs` fresh loads."""
    measure_browsers([(output, result)], runs)


def measure_browsers(outputs: list[tuple[Path, SizeResult]], runs: int) -> None:
    """`runs` fresh loads of each output's workbook network page, interleaved (A, B, A, B…).

    Interleaving spreads the load of a shared machine over every output alike, so that
    two builds (before and after a change) can be compared by their medians.
    """
    from playwright.sync_api import sync_playwright

    from tests.e2e.e2e_support import serving

    with contextlib.ExitStack() as stack:
        bases = []
        for output, result in outputs:
            page_file = output / "workbook" / "network" / "index.html"
            result.page_kb = page_file.stat().st_size / 1024
            bases.append(stack.enter_context(serving(output / "workbook")))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        stack.callback(browser.close)
        for _ in range(runs):
            for base, (_, result) in zip(bases, outputs, strict=True):
                _load_once(browser, base, result)


def _load_once(browser: Any, base: str, result: SizeResult) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith(base) else route.abort())
    result.browser_load.append(load_average())
    page.goto(base + "network/index.html", wait_until="commit")
    ready = page.wait_for_function(READY, polling="raf", timeout=120_000)
    result.interactive_ms.append(float(ready.json_value()))
    drawn = page.wait_for_function(DRAWN, polling=100, timeout=120_000).json_value()
    result.first_draw_ms.append(float(drawn[0]))
    result.drawn_pixels = int(drawn[1])
    context.close()


def browser_only(outputs: list[Path], runs: int) -> None:
    """Measure already built outputs only (no synthetic site, no builds), and print."""
    results = [(output, SizeResult(0, 0)) for output in outputs]
    measure_browsers(results, runs)
    for output, result in results:
        raw = ", ".join(f"{v:,.0f}" for v in result.interactive_ms)
        drawn = ", ".join(f"{v:,.0f}" for v in result.first_draw_ms)
        loads = ", ".join(f"{v:.1f}" for v in result.browser_load)
        print(f"{output}: page {result.page_kb:,.0f} kB; interactive median "
              f"{_median(result.interactive_ms):,.0f} ms ({raw}); first draw median "
              f"{_median(result.first_draw_ms):,.0f} ms ({drawn}); load {loads}", flush=True)


def measure(members: int, ties: int, runs: int, browser_runs: int, work: Path,
            languages: tuple[str, ...] = ("fi", "sv", "en"), serve_runs: int = 0) -> SizeResult:
    site = work / f"site-{members}"
    write_site(site, members, ties, languages=languages)
    result = SizeResult(members, ties)
    for number in range(runs):
        shutil.rmtree(site / "output", ignore_errors=True)
        shutil.rmtree(site / ".netcard-cache", ignore_errors=True)
        result.cold.append(timed_build(site))
        print(f"{members}: cold build {number + 1}: {result.cold[-1]}", flush=True)
    result.pages = sum(1 for _ in (site / "output").rglob("index.html"))
    for number in range(runs):
        result.unchanged.append(timed_build(site, sample_memory=False))
        edit_one_member(site, number)
        result.one_edit.append(timed_build(site, sample_memory=False))
        print(f"{members}: unchanged {result.unchanged[-1]}, one edit {result.one_edit[-1]}",
              flush=True)
    result.page_kb = (site / "output" / "workbook" / "network" / "index.html").stat().st_size / 1024
    if serve_runs:
        measure_served_edits(site, result, serve_runs)
    if browser_runs:
        measure_browser(site / "output", result, browser_runs)
    print(f"{members}: interactive {result.interactive_ms} ms, drawn {result.first_draw_ms} ms",
          flush=True)
    return result


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _runs(runs: list[Run]) -> str:
    seconds = ", ".join(f"{r.seconds:.1f}" for r in runs)
    loads = ", ".join(f"{r.load:.1f}" for r in runs)
    cpu = _median([r.cpu_seconds for r in runs])
    return (f"**{_median([r.seconds for r in runs]):.1f} s** ({seconds}; load {loads}; "
            f"CPU {cpu:.0f} s)")


def machine() -> list[str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = match.group(1) if match else cpu
    memory = "unknown"
    with contextlib.suppress(OSError):
        match = re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(), re.M)
        memory = f"{int(match.group(1)) / 1024 / 1024:.1f} GiB" if match else memory
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                              text=True, check=False).stdout.strip()
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in
                         ("networkx", "jinja2", "pyvis", "playwright"))
    return [f"- machine: {os.cpu_count()} CPUs (nproc), {cpu}, {memory} memory",
            f"- Python {platform.python_version()}, {versions}, {chromium or 'chromium ?'}",
            f"- measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
            "load average (1 min) shown with every figure: the machine is shared"]


def report(results: list[SizeResult], languages: tuple[str, ...] = ("fi", "sv", "en"),
           calibration: tuple[float, float] | None = None) -> str:
    extra = [f"- languages: {', '.join(languages)}; pages = both profiles × every language"]
    if calibration is not None:
        extra.append(f"- a fixed Python loop (10⁷ additions) took {calibration[0]:.2f} s of CPU "
                     f"before and {calibration[1]:.2f} s after the run")
    lines = [START, "", *machine(), *extra, "",
             "| members / ties | pages | cold build (median; runs; load; CPU time) "
             "| peak memory: largest process / whole tree PSS | rebuild, nothing changed "
             "| rebuild, one member edited | netcard serve: one member edited, page served "
             "| network page: interactive / first draw (median) | page size |",
             "|---|---:|---|---|---|---|---|---|---:|"]
    for r in results:
        rss = max(run.max_rss_mb for run in r.cold)
        pss = max(run.tree_pss_mb for run in r.cold)
        browser_load = ", ".join(f"{load:.1f}" for load in r.browser_load)
        browser = (f"**{_median(r.interactive_ms):,.0f} ms** / {_median(r.first_draw_ms):,.0f} ms "
                   f"({', '.join(f'{v:,.0f}' for v in r.interactive_ms)}; load {browser_load}; "
                   f"{r.drawn_pixels:,} pixels painted)" if r.interactive_ms else "not measured")
        lines.append(
            f"| {r.members:,} / {r.ties:,} | {r.pages:,} | {_runs(r.cold)} | {rss:,.0f} MB / "
            f"{pss:,.0f} MB | {_runs(r.unchanged)} | {_runs(r.one_edit)} | {_served(r)} "
            f"| {browser} "
            f"| {r.page_kb:,.0f} kB |")
    lines += ["", END]
    return "\n".join(lines)


def _served(result: SizeResult) -> str:
    if not result.served_edit:
        return "not measured"
    seconds = ", ".join(f"{value:.2f}" for value in result.served_edit)
    loads = ", ".join(f"{value:.1f}" for value in result.served_load)
    return f"**{_median(result.served_edit):.2f} s** ({seconds}; load {loads})"


def write_results(block: str) -> None:
    text = RESULTS.read_text(encoding="utf-8")
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Network scale\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000:8000,10000:40000",
                        help="members:ties pairs, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="builds per size below 5,000 members")
    parser.add_argument("--browser-runs", type=int, default=3)
    parser.add_argument("--serve-runs", type=int, default=3,
                        help="edits timed under netcard serve per size below 5,000 members")
    parser.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md")
    parser.add_argument("--languages", default="fi,sv,en",
                        help="the synthetic sites' languages, comma-separated")
    parser.add_argument("--code", type=Path, default=REPO,
                        help="build with the netcard checkout in this folder")
    parser.add_argument("--browser-only", metavar="OUTPUT", type=Path, action="append",
                        help="only time the network page of this already built output "
                             "(a build's -o folder); repeat to compare outputs in "
                             "interleaved runs; prints, never writes RESULTS.md")
    args = parser.parse_args(argv)
    if args.browser_only:
        browser_only(args.browser_only, args.browser_runs)
        return 0
    global CODE
    CODE = args.code.resolve()
    run_as_installed(CODE)
    languages = tuple(args.languages.split(","))
    sizes = [tuple(int(x) for x in pair.split(":")) for pair in args.sizes.split(",")]
    results = []
    before = calibration_seconds()
    with tempfile.TemporaryDirectory(prefix="netcard-scale-") as folder:
        for members, ties in sizes:
            runs = args.runs if members < 5000 else 1
            results.append(measure(members, ties, runs, args.browser_runs, Path(folder),
                                   languages, args.serve_runs if members < 5000 else 0))
    block = report(results, languages, (before, calibration_seconds()))
    print(block)
    if not args.no_write:
        write_results(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
