"""Crawl both built profiles in a real browser: every page loads cleanly and every link resolves."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import url2pathname

import pytest
from playwright.sync_api import Page

from tests.e2e.e2e_support import PROFILES, PageFactory, PageWatch, ServedProfile

# Every reference in a page (href, src, xlink:href) and every id a fragment may point at.
COLLECT = """() => {
  const refs = [];
  const xlink = "http://www.w3.org/1999/xlink";
  for (const el of document.querySelectorAll("*")) {
    const values = [["href", el.getAttribute("href")], ["src", el.getAttribute("src")],
                    ["href", el.getAttributeNS(xlink, "href")]];
    for (const [attr, value] of values) {
      if (value === null) continue;
      refs.push({tag: el.localName, attr: attr, value: value,
                 rel: (el.getAttribute("rel") || "").toLowerCase(),
                 download: el.hasAttribute("download")});
    }
  }
  const ids = Array.from(document.querySelectorAll("[id]"), (el) => el.id)
    .concat(Array.from(document.querySelectorAll("a[name]"), (el) => el.getAttribute("name")));
  const canonical = document.querySelector("link[rel=canonical]");
  return {refs: refs, ids: ids, lang: document.documentElement.lang,
          title: document.title, canonical: canonical ? canonical.href : null,
          scroll_width: document.documentElement.scrollWidth,
          client_width: document.documentElement.clientWidth};
}"""

OTHER_SCHEMES = ("mailto:", "tel:")
PHONE = {"width": 390, "height": 844}


@dataclass
class Crawl:
    """What a crawl of one profile found: pages, their ids, and everything wrong."""

    profile: ServedProfile
    site_base: str | None = None  # the canonical URL of the profile's root, if it has one
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    fragments: list[tuple[str, str, str]] = field(default_factory=list)
    resources: dict[str, set[str]] = field(default_factory=dict)  # url → pages using it
    errors: list[str] = field(default_factory=list)

    def local_path(self, url: str) -> str:
        """The path of a URL on this profile's server, relative to its root."""
        return unquote(urlsplit(url).path).lstrip("/")

    def is_own(self, url: str) -> bool:
        return url.startswith(self.profile.base_url)


def is_page(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith((".html", "/"))


def check_relative(crawl: Crawl, page_url: str, ref: dict[str, Any]) -> None:
    """Links are relative, stay inside the site and name files, so they work from disk too.

    The 404 page is the exception: it is served at any depth, so its links start at "/".
    """
    value = ref["value"]
    where = f"{page_url}: {ref['tag']} {ref['attr']}={value!r}"
    if crawl.local_path(page_url).endswith("404.html"):
        return
    if value.startswith(("/", "http:", "https:")):
        crawl.errors.append(f"{where} is not relative")
        return
    # Resolved under a deeper, made-up root, a relative link must stay inside it.
    sentinel = "http://sentinel.invalid/deploy/root/"
    resolved = urljoin(sentinel + crawl.local_path(page_url), value)
    if not resolved.startswith(sentinel):
        crawl.errors.append(f"{where} climbs above the site's root")
    if urldefrag(value).url and urlsplit(resolved).path.endswith("/"):
        crawl.errors.append(f"{where} names a folder, not a file (breaks from file://)")


def classify(crawl: Crawl, page_url: str, ref: dict[str, Any], queue: deque[str]) -> None:
    """Queue a page, note a resource or fragment, or record why a reference is wrong."""
    value: str = ref["value"].strip()
    where = f"{page_url}: {ref['tag']} {ref['attr']}={value!r}"
    if not value or value == "#":
        crawl.errors.append(f"{where} is empty")
        return
    if value.startswith(OTHER_SCHEMES):
        if len(value.split(":", 1)[1]) < 3:
            crawl.errors.append(f"{where} has no address")
        return
    if value.startswith("data:") and ref["attr"] == "src":
        return
    absolute = urljoin(page_url, value)
    target, fragment = urldefrag(absolute)
    if ref["rel"] in ("canonical", "alternate") and crawl.site_base and \
            absolute.startswith(crawl.site_base):
        # The published address of a page must exist here too.
        mapped = crawl.profile.base_url + absolute[len(crawl.site_base):]
        crawl.resources.setdefault(mapped, set()).add(page_url)
        return
    if not crawl.is_own(absolute):
        scheme = urlsplit(absolute).scheme
        if ref["tag"] != "a" or scheme not in ("http", "https"):
            crawl.errors.append(f"{where} points at another host ({absolute})")
        return
    check_relative(crawl, page_url, ref)
    if fragment or absolute.endswith("#"):
        crawl.fragments.append((page_url, target, fragment))
    if ref["tag"] == "a" and not ref["download"] and is_page(target):
        if target not in crawl.pages:
            queue.append(target)
    else:
        crawl.resources.setdefault(target, set()).add(page_url)


def visit(crawl: Crawl, page: Page, watch: PageWatch, url: str, queue: deque[str]) -> None:
    response = page.goto(url, wait_until="load")
    status = response.status if response else None
    info: dict[str, Any] = page.evaluate(COLLECT)
    crawl.pages[url] = info
    if crawl.site_base is None and url == crawl.profile.url("index.html"):
        crawl.site_base = derive_site_base(info["canonical"])
    if status != 200:
        crawl.errors.append(f"{url}: status {status}")
    if not info["title"].strip():
        crawl.errors.append(f"{url}: no title")
    if info["scroll_width"] > info["client_width"]:
        crawl.errors.append(f"{url}: scrolls sideways at {info['client_width']} px "
                            f"({info['scroll_width']} px wide)")
    crawl.errors.extend(f"{url}: {problem}" for problem in watch.problems())
    watch.clear()
    for ref in info["refs"]:
        classify(crawl, url, ref, queue)


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def crawl_profile(profile: ServedProfile, page: Page, watch: PageWatch) -> Crawl:
    """Follow links from every language's index; then visit the pages no link reached
    (such as pages left out of the menu on purpose), so every built page is checked."""
    crawl = Crawl(profile)
    starts = [profile.url(f"{lang}/index.html" if lang else "index.html")
              for lang in profile.languages()]
    queue: deque[str] = deque(starts)
    while queue:
        url = queue.popleft()
        if url not in crawl.pages:
            visit(crawl, page, watch, url, queue)
        if not queue:
            queue.extend(u for u in map(profile.url, profile.html_files())
                         if u not in crawl.pages)
    return crawl


def derive_site_base(canonical: str | None) -> str | None:
    """The published root: the canonical address of the root index, without "index.html"."""
    if not canonical:
        return None
    return canonical.removesuffix("index.html")


@pytest.mark.slow  # every page of the profile, and every file they use (15–40 s each)
@pytest.mark.parametrize("profile_name", PROFILES)
def test_every_page_loads_cleanly_and_every_reference_resolves(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    profile = served[profile_name]
    # A phone's width: every page must fit it without scrolling sideways.
    page, watch = new_page(profile, viewport=PHONE)
    crawl = crawl_profile(profile, page, watch)
    errors = list(crawl.errors)

    # Every page a link reached was built (a link to a missing page shows as status 404).
    built = {profile.url(path) for path in profile.html_files()}
    errors += [f"{url}: linked but not built" for url in sorted(set(crawl.pages) - built)]

    for url, users in sorted(crawl.resources.items()):
        status = http_status(url)
        if status != 200:
            errors.append(f"{url}: status {status} (used by {sorted(users)[0]})")

    for source, target, fragment in crawl.fragments:
        ids = crawl.pages.get(target, {}).get("ids")
        if ids is None:
            errors.append(f"{source}: fragment #{fragment} on {target}, which is not a page")
        elif unquote(fragment) not in ids:
            errors.append(f"{source}: #{fragment} has no matching id on {target}")

    # Each page states its language, and it is the language of its folder.
    languages = [lang for lang in profile.languages() if lang]
    default = crawl.pages[profile.url("index.html")]["lang"]
    for url, info in crawl.pages.items():
        first = crawl.local_path(url).split("/", 1)[0]
        expected = first if first in languages else default
        if info["lang"] != expected:
            errors.append(f"{url}: <html lang={info['lang']!r}>, expected {expected!r}")

    assert len(built) > 10 and built <= set(crawl.pages), "every built page was visited"
    assert not errors, f"{len(errors)} problems:\n" + "\n".join(errors[:80])


@pytest.mark.parametrize("profile_name", PROFILES)
def test_missing_page_gets_the_404_page_whose_links_work(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    """A host shows 404.html at any depth; its stylesheet, images and links must still work."""
    profile = served[profile_name]
    page, watch = new_page(profile)
    missing = profile.url("no/such/folder/page.html")
    response = page.goto(missing, wait_until="load")
    assert response is not None and response.status == 404
    # The browser logs the page's own status 404 as an error; that one is intended.
    watch.console_errors[:] = [m for m in watch.console_errors if not m.endswith(f"({missing})")]
    watch.assert_clean("the 404 page at a deep path")
    assert page.evaluate("() => Array.from(document.styleSheets).length") >= 1
    loaded = page.evaluate("() => Array.from(document.images, i => i.naturalWidth > 0)")
    assert loaded and all(loaded), "the 404 page's images (the site's logo) load at any depth"
    targets = page.evaluate("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    own = [t for t in targets if t.startswith(profile.base_url) and urldefrag(t).url != missing]
    assert own, "the 404 page links back into the site"
    broken = [t for t in own if http_status(urldefrag(t).url) != 200]
    assert not broken, f"links on the 404 page that do not resolve: {broken}"


def file_pages(profile: ServedProfile) -> list[str]:
    """A handful of pages at different depths and in different languages."""
    files = profile.html_files()
    picks = ["index.html"]
    for lang in profile.languages()[1:2]:
        picks.append(f"{lang}/index.html")
    deep = [f for f in files if f.count("/") >= 2 and not f.endswith("404.html")]
    shallow = [f for f in files if f.count("/") == 1 and f.split("/")[0] not in
               profile.languages()]
    picks += shallow[:2] + deep[:1] + deep[-1:]
    graph_pages = [f for f in files if f.endswith("network/index.html")]
    picks += graph_pages[:1]
    return list(dict.fromkeys(picks))


FILE_CHECK = """() => ({
  sheets: Array.from(document.querySelectorAll("link[rel=stylesheet]"), l => l.sheet !== null),
  images: Array.from(document.images, i => i.complete && i.naturalWidth > 0),
  scripts: Array.from(document.scripts, s => s.src).filter(Boolean),
  links: Array.from(document.querySelectorAll("a[href]"), a => a.href),
})"""


@pytest.mark.parametrize("profile_name", PROFILES)
def test_pages_work_from_disk(
    profile_name: str, served: dict[str, ServedProfile], new_page: PageFactory
) -> None:
    """Opened as files, pages load their styles, images and scripts, and link to files."""
    profile = served[profile_name]
    page, watch = new_page("file://")
    picks = file_pages(profile)
    assert len(picks) >= 4
    for relative in picks:
        path = profile.root / relative
        page.goto(path.as_uri(), wait_until="load")
        watch.assert_clean(str(path))
        found = page.evaluate(FILE_CHECK)
        assert found["sheets"] and all(found["sheets"]), f"{relative}: a stylesheet did not load"
        assert found["images"] and all(found["images"]), f"{relative}: an image did not load"
        local = [urldefrag(link).url for link in found["links"] + found["scripts"]
                 if link.startswith("file://")]
        assert local, f"{relative}: no links to other files"
        missing = [link for link in local
                   if not Path(url2pathname(urlsplit(link).path)).is_file()]
        assert not missing, f"{relative}: links to missing files: {missing}"

    # Following a link from disk lands on a page that loads cleanly too.
    page.goto((profile.root / "index.html").as_uri())
    page.locator("nav a[href]:visible").last.click()  # not one folded in a drop-down
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.endswith(".html")
    assert page.title()
    watch.assert_clean(page.url)
