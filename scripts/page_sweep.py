"""Issue 16's acceptance sweep: one page of every type, in every language, on a phone, a
desktop and A4 paper, checked in Chromium and photographed.

    .venv/bin/python scripts/page_sweep.py OUTPUT [OUTPUT ...] --report /tmp/qa/sweep

Each OUTPUT is a `netcard build -o` folder (with public/ and workbook/). For each profile
the sweep picks one page of each type (the `page-<kind>` class of its body, told apart by
folder and by the sections under `main`), four member pages (the best connected, an
external one, one with a single tie and an isolated one, from network.json) and the 404
page, each in every language the site has, and opens it at 390×844, at 1280×800 and as
printed on A4 (print media, 794 px wide). On each it records:

- `overflow`: the page scrolls sideways; `past`: an element runs past the edge outside
  a scrolling box; `cut`: an element with overflow hidden/clip holds more than it shows;
  `uncued`: a box scrolls sideways without a visible `.scroll-cue`;
- `small`: visible text under 12 CSS px (SVG text at its font size times its scale);
  SVG text that runs past its picture's edge counts as `cut`;
- `h1`: more than one `h1`;
- `foreign`: an image, script, style sheet, frame or request to another host;
- `language`: a text in another language than the `lang` it sits in (a stop-word guess:
  look at each one, it is a spot-check);
- `zero_percent`: "0 %" shown on the page (a trust factor that was not asked must say so);
- `errors`: console and page errors.

It writes report.json and report.txt, and with --shots a full-page PNG of each visit
(and with --pdf an A4 PDF of each page in the default language). It takes minutes, so it
is a script, not a test; tests/e2e/test_layout.py pins the quick part of it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Route, ViewportSize, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.e2e.e2e_support import SiteHandler, serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
MODES: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 800},
    "print": {"width": 794, "height": 1123},  # A4 at 96 dpi
}
MIN_TEXT_PX = 11.95

OPEN_FOLDS = """() => { document.querySelectorAll('main details').forEach(d => { d.open = true; });
  return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))); }"""

CHECKS = r"""(ownOrigin) => {
  const page = document.documentElement;
  const width = page.clientWidth;
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const scroller = el => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (scrolls(p)) return p; } return null; };
  const label = el => `${el.localName}${typeof el.className === 'string' && el.className
    ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent || '')
    .trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
  const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && !el.closest('.visually-hidden, .graph-canvas, .skip-link');
  const past = [], cut = [], uncued = [];
  for (const el of document.querySelectorAll('header *, main *, footer *')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && !scroller(el)) past.push(label(el));
    const style = getComputedStyle(el);
    if (['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && !['svg', 'img', 'canvas'].includes(el.localName)) cut.push(label(el));
    if (['hidden', 'clip'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1
        && el.clientHeight > 0 && !['svg', 'img', 'canvas'].includes(el.localName)
        && el.textContent.trim()) cut.push('(height) ' + label(el));
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      const cue = el.querySelector(':scope > .scroll-cue');
      if (!cue || !shown(cue)) uncued.push(label(el));
    }
  }
  // every visible piece of text, at the size it is drawn
  const small = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const words = {
    fi: new Set(('ja on ei että tai kun ovat myös jos sekä mutta kanssa voi olla tämä joka '
                 + 'mitä miten kuin jotka verkosto verkoston').split(' ')),
    sv: new Set(('och är att det som på för med av till inte om har den ett kan eller från '
                 + 'vid hur vad vi nätverket').split(' ')),
    en: new Set(('the and is of to in for with are or be can this that by from not how what '
                 + 'we who at network').split(' ')),
  };
  const language = [], zero = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\s+/g, ' ').trim();
    const el = node.parentElement;
    if (!text || !el || !shown(el) || el.closest('script, style, noscript, title')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) {
      const m = el.getScreenCTM();
      px *= Math.sqrt(m.a * m.a + m.b * m.b);
    }
    if (px < 11.95) small.set(text.slice(0, 40), Math.round(px * 10) / 10);
    const svg = el instanceof SVGElement && el.ownerSVGElement;
    if (svg) {  // an SVG cuts what runs past its edges
      const frame = svg.getBoundingClientRect();
      if (box.left < frame.left - 1 || box.right > frame.right + 1
          || box.top < frame.top - 1 || box.bottom > frame.bottom + 1)
        cut.push(`(svg text) "${text.slice(0, 50)}"`);
    }
    if (/(^|[^\d,.])0\s?%/.test(text)) zero.push(text.slice(0, 80));
    const tokens = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
    if (tokens.length >= 4) {
      const own = (el.closest('[lang]') || page).getAttribute('lang');
      const score = Object.fromEntries(Object.entries(words).map(
        ([code, set]) => [code, tokens.filter(t => set.has(t)).length]));
      const [best, top] = Object.entries(score).sort((a, b) => b[1] - a[1])[0];
      if (best !== own && top >= 2 && top >= 2 * (score[own] || 0) + 1)
        language.push(`[${own}→${best}] ${text.slice(0, 70)}`);
    }
  }
  const foreign = [];
  for (const el of document.querySelectorAll(
      'img[src], script[src], link[href], iframe[src], source[src], video[src], '
      + 'audio[src], object[data], image, use')) {
    const raw = el.getAttribute('src') || el.getAttribute('href') || el.getAttribute('data')
      || el.getAttribute('xlink:href') || '';
    if (!raw || raw.startsWith('data:') || raw.startsWith('#')) continue;
    if (el.localName === 'link' && ['alternate', 'canonical'].includes(el.rel)) continue;
    const url = new URL(raw, location.href);
    if (url.origin !== ownOrigin) foreign.push(`${el.localName} ${raw}`);
  }
  return {overflow: Math.max(0, page.scrollWidth - width), past: past.slice(0, 6),
          cut: cut.slice(0, 6), uncued: uncued.slice(0, 6),
          small: Array.from(small, ([t, px]) => `${px}px "${t}"`).slice(0, 8),
          h1: document.querySelectorAll('h1').length, foreign, language: language.slice(0, 6),
          zero_percent: zero.slice(0, 6)};
}"""


class QuietHandler(SiteHandler):
    """The browser tests' server (a profile folder, its 404.html for unknown paths), for
    a sweep that closes pages before their last file arrives: no error of the site's."""

    def handle(self) -> None:
        with suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


def language_folders(profile: Path) -> list[str]:
    """"" for the default language, then each folder that repeats the site (its own 404)."""
    return ["", *sorted(f"{p.parent.name}/" for p in profile.glob("*/404.html"))]


def page_kind(html: str) -> str:
    found = re.search(r'<body class="[^"]*page-([\w-]+)', html)
    return found[1] if found else "unknown"


def section_shape(html: str) -> str:
    """The classes of the sections in main, enough to tell a future from the actions page."""
    main = html.split('<main', 1)[-1]
    classes = re.findall(r'<(?:section|table|figure|nav|aside)[^>]*class="([^"]+)"', main)
    return " ".join(sorted({c.split()[0] for c in classes}))


def member_variants(profile: Path) -> list[str]:
    """The best connected member, an external one, one with one tie and an isolated one."""
    data_file = profile / "network.json"
    if not data_file.is_file():
        return []
    nodes = json.loads(data_file.read_text("utf-8"))["nodes"]
    picks: list[dict[str, Any]] = []
    choosers = (
        lambda ns: max(ns, key=lambda n: n["degree"]),
        lambda ns: next(n for n in ns if n["external"]),
        lambda ns: next(n for n in ns if n["degree"] == 1),
        lambda ns: next(n for n in ns if n["degree"] == 0),
    )
    for choose in choosers:
        try:
            picks.append(choose(nodes))
        except (StopIteration, ValueError):
            continue
    return list(dict.fromkeys(f"members/{n['id']}/index.html" for n in picks))


def pages_to_visit(profile: Path) -> list[str]:
    """One page of each type and shape in the default language, members chosen apart."""
    others = tuple(language_folders(profile)[1:])
    chosen: dict[tuple[str, ...], str] = {}
    for file in sorted(profile.rglob("*.html")):
        path = file.relative_to(profile).as_posix()
        if path.startswith(("pagefind/", *others)) or path == "404.html":
            continue
        html = file.read_text("utf-8")
        kind = page_kind(html)
        if kind == "member":
            continue
        key = (kind, path.split("/")[0], str(path.count("/")), section_shape(html))
        chosen.setdefault(key, path)
    return [*chosen.values(), *member_variants(profile), "no-such-page/"]


@dataclass
class Visit:
    site: str
    profile: str
    path: str
    mode: str
    found: dict[str, Any] = field(default_factory=dict)
    shot: str = ""

    def problems(self) -> dict[str, Any]:
        found = {k: v for k, v in self.found.items() if v and k != "h1"}
        if self.found.get("h1", 1) != 1:
            found["h1"] = self.found.get("h1")
        return found


def visit(page: Page, base: str, visit_: Visit, shots: Path | None) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error"
            and "404" not in m.text else None)
    page.goto(base + visit_.path, wait_until="load")
    page.evaluate(OPEN_FOLDS)
    visit_.found = page.evaluate(CHECKS, base.rstrip("/"))
    visit_.found["errors"] = errors
    if shots is not None:
        name = f"{visit_.site}-{visit_.profile}-{visit_.path}-{visit_.mode}".replace("/", "_")
        target = shots / (name.replace("_index.html", "").replace(".html", "") + ".png")
        page.screenshot(path=str(target), full_page=True)
        visit_.shot = str(target)


def sweep_profile(browser: Browser, site: Path, profile: str, shots: Path | None,
                  pdfs: Path | None) -> list[Visit]:
    folder = site / profile
    visits: list[Visit] = []
    with serving(folder, QuietHandler) as base:
        paths = pages_to_visit(folder)
        for mode, viewport in MODES.items():
            context = browser.new_context(viewport=viewport)
            context.route("**/*", partial(_own_only, base, visits))
            for language in language_folders(folder):
                for path in paths:
                    page = context.new_page()
                    if mode == "print":
                        page.emulate_media(media="print")
                    record = Visit(site.name, profile, language + path, mode)
                    visit(page, base, record, shots)
                    if pdfs is not None and mode == "print" and not language:
                        name = f"{site.name}-{profile}-{path}".replace("/", "_") + ".pdf"
                        page.pdf(path=str(pdfs / name), format="A4")
                    visits.append(record)
                    page.close()
            context.close()
    return visits


def _own_only(base: str, visits: list[Visit], route: Route) -> None:
    """Requests to another host are refused and recorded on the page that made them."""
    url = route.request.url
    if url.startswith((base, "data:", "blob:")):
        route.continue_()
        return
    if visits:
        visits[-1].found.setdefault("foreign_requests", []).append(url)
    route.abort()


def report_lines(visits: list[Visit]) -> list[str]:
    lines = []
    for v in visits:
        problems = v.problems()
        if problems:
            lines.append(f"{v.site} {v.profile} {v.mode} {v.path}  {v.shot}")
            lines.extend(f"    {key}: {value}" for key, value in problems.items())
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outputs", nargs="+", type=Path, help="netcard build -o folders")
    parser.add_argument("--report", type=Path, required=True, help="folder for the report")
    parser.add_argument("--shots", action="store_true", help="a full-page PNG of each visit")
    parser.add_argument("--pdf", action="store_true", help="an A4 PDF of each page")
    parser.add_argument("--profile", choices=["public", "workbook"], action="append")
    args = parser.parse_args(argv)
    args.report.mkdir(parents=True, exist_ok=True)
    shots = args.report / "shots" if args.shots else None
    pdfs = args.report / "pdf" if args.pdf else None
    for folder in (shots, pdfs):
        if folder is not None:
            folder.mkdir(exist_ok=True)
    visits: list[Visit] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for site in args.outputs:
            for profile in args.profile or ["public", "workbook"]:
                visits += sweep_profile(browser, site, profile, shots, pdfs)
        browser.close()
    (args.report / "report.json").write_text(json.dumps(
        [v.__dict__ for v in visits], ensure_ascii=False, indent=1), "utf-8")
    lines = report_lines(visits)
    (args.report / "report.txt").write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(visits)} visits, {sum(1 for v in visits if v.problems())} with findings;"
          f" {args.report / 'report.txt'}")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
