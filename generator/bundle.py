"""`netcard bundle`: the whole workbook as one self-contained, read-only HTML file.

A facilitator e-mails the file to the network; it must open from an attachment
(file://) without asking any host for anything, stay navigable offline and
print with each section on its own page. So the bundle is built from the
render stage in memory (never from files on disk): the `<main>` of every page
of one language becomes a `<section>`, every internal link points at the
section (and element) it meant, element ids get the section id as prefix so
they stay unique, media and exports become data: URIs, and the stylesheets and
scripts are inlined under a Content-Security-Policy that allows exactly them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator import __version__
from generator.errors import UsageError
from generator.model.content_type import ContentTypes
from generator.model.profile import Profile
from generator.render import i18n
from generator.render.network_view import safe_json

PROFILE = Profile.WORKBOOK
ID_SEPARATOR = "__"
CARD = "card"  # the group of the front page
FREE_PAGES = "pages"  # the group of every page in no section's folder
SKIPPED_KINDS = frozenset({"notfound", "search"})
VIS_SCRIPT = "assets/vendor/vis-network.min.js"
GRAPH_SCRIPT = "assets/netcard-graph.js"
TABLE_SCRIPT = "assets/netcard-table.js"
SCRIPTS = (VIS_SCRIPT, GRAPH_SCRIPT, TABLE_SCRIPT)
RESERVED_IDS = frozenset({"bundle-main", "bundle-contents", "bundle-contents-h"})
# Attributes whose value is one element id, or a space-separated list of them.
ID_ATTRIBUTES = frozenset({
    "id", "for", "list", "form", "headers", "data-graph", "aria-labelledby",
    "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant",
    "aria-details", "aria-errormessage", "aria-flowto",
})
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "xlink:href"})
# URL attributes that cannot work inside one file and carry nothing worth keeping.
DROPPED_ATTRIBUTES = frozenset({"srcset", "action", "formaction", "ping", "data-pagefind-body"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MIME_TYPES = {
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
    ".ico": "image/x-icon", ".pdf": "application/pdf", ".json": "application/json",
    ".csv": "text/csv", ".txt": "text/plain", ".xml": "application/xml",
    ".graphml": "application/graphml+xml", ".gexf": "application/xml",
    ".vcf": "text/vcard", ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".mp4": "video/mp4",
    ".webm": "video/webm", ".docx":
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
}
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/graphml+xml",
              "image/svg+xml")


# --- reading the rendered pages -------------------------------------------------


@dataclass
class Token:
    """One piece of markup inside <main>, kept raw unless the bundle must change it."""

    kind: str  # "start", "startend", "end", "text", "raw"
    tag: str = ""
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    raw: str = ""


@dataclass
class Page:
    """One rendered page of the chosen language, as the bundle needs it."""

    path: str  # inside the language tree: "members/x/index.html"
    full_path: str  # inside the profile: "en/members/x/index.html"
    kind: str
    title: str
    tokens: list[Token]
    ids: set[str]
    stylesheets: list[str]
    scripts: list[str]
    icon: str | None
    brand: str
    section: str = ""


class _PageParser(HTMLParser):
    """Splits one of our own pages into what sits in <main> and what the head links to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kind = ""
        self.tokens: list[Token] = []
        self.ids: set[str] = set()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.icon: str | None = None
        self.h1: list[str] | None = None
        self.h1_text = ""
        self.title: list[str] | None = None
        self.title_text = ""
        self.brand: list[str] | None = None
        self.brand_text = ""
        self.depth = 0  # how many <main> elements we are in
        self.cdata = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, "start")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, "startend")

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], kind: str) -> None:
        values = dict(attrs)
        self.cdata = tag in ("script", "style") and kind == "start"
        if tag == "main" and (self.depth or values.get("id") == "main"):
            self.depth += 1
            if self.depth == 1:
                return
        if self.depth:
            self.tokens.append(Token(kind, tag, attrs, self.get_starttag_text() or ""))
            if values.get("id"):
                self.ids.add(str(values["id"]))
            if tag == "h1" and not self.h1_text and self.h1 is None:
                self.h1 = []
            return
        self._outside(tag, values)

    def _outside(self, tag: str, values: Mapping[str, str | None]) -> None:
        rel = (values.get("rel") or "").split()
        href = values.get("href")
        if tag == "body":
            kinds = [c for c in (values.get("class") or "").split() if c.startswith("page-")]
            self.kind = kinds[0].removeprefix("page-") if kinds else ""
        elif tag == "link" and href and "stylesheet" in rel:
            self.stylesheets.append(href)
        elif tag == "link" and href and "icon" in rel:
            self.icon = href
        elif tag == "script" and values.get("src"):
            self.scripts.append(str(values["src"]))
        elif tag == "title":
            self.title = []
        elif tag == "span" and "brand-name" in (values.get("class") or "").split():
            self.brand = []

    def handle_endtag(self, tag: str) -> None:
        self.cdata = False
        if tag == "main" and self.depth:
            self.depth -= 1
            if not self.depth:
                return
        if self.depth:
            self.tokens.append(Token("end", tag, raw=f"</{tag}>"))
        if tag == "h1" and self.h1 is not None:
            self.h1_text, self.h1 = " ".join("".join(self.h1).split()), None
        elif tag == "title" and self.title is not None:
            self.title_text, self.title = " ".join("".join(self.title).split()), None
        elif tag == "span" and self.brand is not None:
            self.brand_text, self.brand = " ".join("".join(self.brand).split()), None

    def handle_data(self, data: str) -> None:
        for collector in (self.h1, self.title, self.brand):
            if collector is not None:
                collector.append(data)
        if self.depth:
            text = data if self.cdata else escape(data, quote=False)
            self.tokens.append(Token("text", raw=text))

    def handle_comment(self, data: str) -> None:
        if self.depth:
            self.tokens.append(Token("raw", raw=f"<!--{data}-->"))

    def unknown_decl(self, data: str) -> None:
        if self.depth:
            self.tokens.append(Token("raw", raw=f"<![{data}]>"))


def read_page(full_path: str, path: str, html: str) -> Page:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    title = parser.h1_text or parser.title_text.split(" · ")[0] or path
    return Page(path, full_path, parser.kind, title, parser.tokens, parser.ids,
                parser.stylesheets, parser.scripts, parser.icon, parser.brand_text)


def language_pages(files: Mapping[str, bytes], page_paths: Iterable[str], language: str,
                   languages: list[str], default: str) -> list[Page]:
    """The pages of one language, in render order; the default language is the root."""
    prefix = "" if language == default else f"{language}/"
    others = tuple(f"{code}/" for code in languages if code != default)
    pages = []
    for full_path in page_paths:
        if prefix and not full_path.startswith(prefix):
            continue
        if not prefix and full_path.startswith(others):
            continue
        page = read_page(full_path, full_path.removeprefix(prefix),
                         files[full_path].decode("utf-8"))
        if page.kind not in SKIPPED_KINDS and page.path != "404.html":
            pages.append(page)
    return pages


# --- order and section ids ------------------------------------------------------


@dataclass(frozen=True)
class Groups:
    """The bundle's groups of pages in reading order: the card, each section of the
    site's content types in their `bundle` order, then the free pages."""

    order: tuple[str, ...]
    nested: frozenset[str]  # groups whose pages nest under their index in the contents
    by_title: frozenset[str]  # groups whose pages follow in the order of their titles

    @staticmethod
    def of(types: ContentTypes) -> Groups:
        sections = sorted(types.sections, key=lambda section: section.bundle)
        return Groups((CARD, *(section.name for section in sections), FREE_PAGES),
                      frozenset(section.name for section in sections if section.nested),
                      frozenset(section.name for section in sections if section.by_title))

    def of_page(self, page: Page) -> str:
        if page.path == "index.html":
            return CARD
        first = page.path.split("/")[0]
        return first if first in self.order else FREE_PAGES


def ordered(pages: list[Page], groups: Groups) -> list[Page]:
    """Card, members, network, … free pages; in a group, its index first, then its
    pages by title or as rendered."""
    rank = {group: number for number, group in enumerate(groups.order)}

    def key(indexed: tuple[int, Page]) -> tuple[int, bool, str, int]:
        number, page = indexed
        group = groups.of_page(page)
        is_index = page.path == f"{group}/index.html" or group in (CARD, FREE_PAGES)
        name = page.title.casefold() if group in groups.by_title else ""
        return (rank[group], not is_index, name, number)

    return [page for _, page in sorted(enumerate(pages), key=key)]


def assign_sections(pages: list[Page]) -> None:
    taken = set(RESERVED_IDS)
    for page in pages:
        base = "card" if page.path == "index.html" else (
            page.path.removesuffix("index.html").strip("/").replace("/", "--") or "page")
        section, number = base, 2
        while section in taken:
            section, number = f"{base}-{number}", number + 1
        taken.add(section)
        page.section = section


# --- links, ids and embedded files ----------------------------------------------


def mime_type(path: str) -> str:
    return MIME_TYPES.get(posixpath.splitext(path)[1].lower(), "application/octet-stream")


def data_uri(path: str, content: bytes) -> str:
    kind = mime_type(path)
    if kind.startswith(TEXT_TYPES):
        kind += ";charset=utf-8"
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


class Linker:
    """Turns a page's links into in-document anchors or data: URIs, or drops them."""

    def __init__(self, pages: list[Page], files: Mapping[str, bytes],
                 copies: Mapping[str, Path]) -> None:
        self.pages = {page.full_path: page for page in pages}
        self.files = files
        self.copies = copies
        self.cache: dict[str, str | None] = {}

    def content(self, full_path: str) -> bytes | None:
        if full_path in self.files:
            return self.files[full_path]
        source = self.copies.get(full_path)
        return source.read_bytes() if source is not None and source.is_file() else None

    def embedded(self, full_path: str) -> str | None:
        if full_path not in self.cache:
            content = self.content(full_path)
            self.cache[full_path] = None if content is None else data_uri(full_path, content)
        return self.cache[full_path]

    def element_id(self, page: Page, element: str) -> str:
        return f"{page.section}{ID_SEPARATOR}{element}"

    def anchor(self, page: Page, fragment: str) -> str:
        """`#section__id` when the page has that id, else the section itself."""
        for candidate in (fragment, unquote(fragment)):
            if candidate and candidate != "main" and candidate in page.ids:
                return "#" + self.element_id(page, candidate)
        return "#" + page.section

    def resolve(self, page: Page, url: str) -> str:
        """The profile path a relative URL on `page` points at."""
        path = url.split("#", 1)[0].split("?", 1)[0]
        if not path:
            return page.full_path
        if path.startswith("/"):
            target = posixpath.normpath(path.lstrip("/") or ".")
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.full_path), path))
        if target in (".", "") or path.endswith("/"):
            target = posixpath.join("" if target == "." else target, "index.html")
        return target

    def link(self, page: Page, url: str, *, navigable: bool) -> str | None:
        """The URL the bundle uses instead of `url`; None drops it.

        `navigable` is true for <a>/<area>: those may keep links to other sites;
        anything a browser would fetch (src, …) must be embedded or go.
        """
        url = url.strip()
        if url.startswith("#"):
            return self.anchor(page, url[1:])
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return url
        if scheme:
            return url if navigable and scheme in LINK_SCHEMES else None
        if url.startswith("//"):
            return None
        target = self.resolve(page, url)
        fragment = url.split("#", 1)[1] if "#" in url else ""
        if target in self.pages:
            return self.anchor(self.pages[target], fragment)
        return self.embedded(target)


def rewrite_tokens(page: Page, linker: Linker) -> str:
    """The page's <main> content with ids prefixed and every link made to work offline."""
    out: list[str] = []
    json_block = False
    for token in page.tokens:
        if token.kind in ("start", "startend"):
            out.append(_rewrite_tag(page, token, linker))
            json_block = (token.tag == "script" and token.kind == "start"
                          and dict(token.attrs).get("type") == "application/json")
        elif token.kind == "text" and json_block:
            out.append(_rewrite_json(page, token.raw, linker))
        else:
            if token.kind == "end":
                json_block = False
            out.append(token.raw)
    return "".join(out)


def _rewrite_tag(page: Page, token: Token, linker: Linker) -> str:
    attrs: list[tuple[str, str | None]] = []
    changed = False
    navigable = token.tag in ("a", "area")
    embedded_download = False
    for name, value in token.attrs:
        new: str | None = value
        if name in DROPPED_ATTRIBUTES:
            new = None
        elif value is not None and name in ID_ATTRIBUTES:
            new = " ".join(linker.element_id(page, part) for part in value.split())
        elif value is not None and name in URL_ATTRIBUTES:
            new = linker.link(page, value, navigable=navigable)
            embedded_download = navigable and new is not None and new.startswith("data:") \
                and not value.strip().startswith("data:")
        if new is None and (value is not None or name in DROPPED_ATTRIBUTES):
            changed = True
            continue
        changed = changed or new != value
        attrs.append((name, new))
    if embedded_download:
        href = next(value for name, value in token.attrs if name == "href")
        filename = posixpath.basename(linker.resolve(page, href or ""))
        attrs = [(n, v) for n, v in attrs if n != "download"] + [("download", filename)]
        changed = True
    if navigable and not any(name == "href" for name, _ in attrs):
        attrs = [(n, v) for n, v in attrs if n not in ("download", "rel", "hreflang", "target")]
    if not changed:
        return token.raw
    return start_tag(token.tag, attrs, self_closing=token.kind == "startend")


def start_tag(tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool = False) -> str:
    parts = [tag] + [name if value is None else f'{name}="{escape(value)}"'
                     for name, value in attrs]
    return "<" + " ".join(parts) + ("/>" if self_closing else ">")


def _rewrite_json(page: Page, text: str, linker: Linker) -> str:
    """Graph data names member pages in `url` fields: point them at their sections."""
    try:
        data = json.loads(text)
    except ValueError:
        return text

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: (linker.link(page, item, navigable=True) if key == "url"
                          and isinstance(item, str) else walk(item))
                    for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    return str(safe_json(walk(data)))


# --- assembling the document ----------------------------------------------------


BUNDLE_CSS = """
.bundle-header .wrap { padding-top: 0.8rem; padding-bottom: 0.8rem; }
.bundle-header .brand { margin: 0; }
.bundle-lead { margin: 0.3rem 0 0; color: var(--muted, #555); font-size: 0.95rem; }
.bundle-layout { display: grid; grid-template-columns: minmax(12rem, 17rem) minmax(0, 1fr);
  gap: 2rem; align-items: start; }
.bundle-toc { position: sticky; top: 0; max-height: 100vh; overflow-y: auto;
  padding: 1rem 0.25rem 2rem 0; font-size: 0.92rem; }
.bundle-toc h2 { font-size: 1rem; margin: 0 0 0.5rem; }
.bundle-toc ol { list-style: none; margin: 0; padding: 0; }
.bundle-toc ol ol { padding-left: 0.9rem; margin-bottom: 0.3rem; }
.bundle-toc li { margin: 0.15rem 0; }
.bundle-toc a[aria-current] { font-weight: 700; }
.bundle-main { min-width: 0; }
.bundle-section { display: none; padding-top: 1rem; padding-bottom: 3rem; }
html:not(.js) .bundle-section:target, html:not(.js) .bundle-section:has(:target) { display: block; }
html:not(.js) .bundle-main:not(:has(:target)) > .bundle-section:first-child { display: block; }
@supports not selector(:has(a)) { html:not(.js) .bundle-section { display: block; } }
.js .bundle-section.is-current, .bundle-printing .bundle-section { display: block; }
@media (max-width: 50rem) {
  .bundle-layout { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .bundle-toc { position: static; max-height: none; border-bottom: 1px solid var(--line, #ccc); }
}
@media print {
  .bundle-toc, .skip-link { display: none !important; }
  .bundle-layout { display: block; }
  .bundle-section { display: block !important; break-before: page; }
}
""".strip() + "\n"

CONTROLLER_JS = """
/* netcard bundle: one section at a time (the one the address names, else the first);
   a section's graphs start the first time it is shown, and are redrawn when it comes back. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var sections = Array.prototype.slice.call(document.querySelectorAll(".bundle-section"));
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".bundle-toc a"));
  var skip = document.querySelector(".skip-link");
  var started = {};

  function scopedDocument(section) {
    return new Proxy(document, { get: function (target, key) {
      if (key === "querySelectorAll") {
        return function (selector) { return section.querySelectorAll(selector); };
      }
      if (key === "readyState") { return "complete"; }
      var value = target[key];
      return typeof value === "function" ? value.bind(target) : value;
    } });
  }

  function recordingVis(list) {
    var real = window.vis, shim = {};
    for (var key in real) { shim[key] = real[key]; }
    shim.Network = function (container, data, options) {
      var network = new real.Network(container, data, options);
      list.push(network);
      return network;
    };
    return shim;
  }

  function startGraphs(section) {
    if (started[section.id]) {
      started[section.id].forEach(function (network) { network.redraw(); network.fit(); });
      return;
    }
    started[section.id] = [];
    if (window.vis && window.netcardBundleGraph && section.querySelector("[data-graph]")) {
      window.netcardBundleGraph(scopedDocument(section), recordingVis(started[section.id]));
    }
  }

  function targetOf() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep it as it is */ }
    return id ? document.getElementById(id) : null;
  }

  function show(scroll) {
    var target = targetOf();
    var section = (target && target.closest(".bundle-section")) || sections[0];
    if (!section) { return; }
    sections.forEach(function (s) { s.classList.toggle("is-current", s === section); });
    tocLinks.forEach(function (a) {
      if (a.getAttribute("href") === "#" + section.id) { a.setAttribute("aria-current", "true"); }
      else { a.removeAttribute("aria-current"); }
    });
    if (skip) { skip.setAttribute("href", "#" + section.id); }
    startGraphs(section);
    if (scroll && target) { target.scrollIntoView(); }
  }

  window.addEventListener("hashchange", function () { show(true); });
  window.addEventListener("beforeprint", function () {
    document.documentElement.classList.add("bundle-printing");
    sections.forEach(startGraphs);
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("bundle-printing");
    show(false);
  });
  show(true);
})();
""".strip() + "\n"


@dataclass
class Bundle:
    html: bytes
    sections: int


def inline_text(source: str, element: str) -> str:
    """Text that sits inside <script> or <style> as the browser will hash it.

    The HTML parser turns CR LF and CR into LF before a CSP hash is computed, so the
    hash must be taken over the normalised text; and `</script` would end the element.
    """
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(f"</({element})", r"<\\/\1", text, flags=re.IGNORECASE)


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    script_src = " ".join(csp_hash(s) for s in scripts) or "'none'"
    style_src = " ".join(csp_hash(s) for s in styles) or "'none'"
    return (f"default-src 'none'; img-src data:; media-src data:; style-src {style_src}; "
            f"script-src {script_src}; connect-src 'none'; font-src 'none'; "
            "object-src 'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; "
            "form-action 'none'")


def _toc(pages: list[Page], groups: Groups) -> str:
    items: list[str] = []
    open_group = ""
    for page in pages:
        group = groups.of_page(page)
        link = f'<a href="#{escape(page.section)}">{escape(page.title)}</a>'
        nested = group in groups.nested and page.path != f"{group}/index.html"
        if open_group and not (nested and group == open_group):
            items.append("</ol></li>")
            open_group = ""
        if nested and open_group == group:
            items.append(f"<li>{link}</li>")
        elif group in groups.nested and not nested:
            items.append(f"<li>{link}<ol>")
            open_group = group
        else:
            items.append(f"<li>{link}</li>")
    if open_group:
        items.append("</ol></li>")
    return "<ol>" + "".join(items) + "</ol>"


def _page_files(pages: list[Page], attribute: Callable[[Page], list[str]],
                linker: Linker) -> list[str]:
    """Profile paths of stylesheets or scripts the pages load, in first-seen order."""
    found: list[str] = []
    for page in pages:
        for url in attribute(page):
            target = linker.resolve(page, url)
            if target not in found:
                found.append(target)
    return found


def _text(linker: Linker, full_path: str) -> str:
    content = linker.content(full_path)
    return "" if content is None else content.decode("utf-8")


def assemble(pages: list[Page], linker: Linker, language: str, groups: Groups) -> Bundle:
    card = pages[0]
    site_title = card.brand or card.title
    styles = [_text(linker, path) for path in _page_files(pages, lambda p: p.stylesheets, linker)]
    styles = [inline_text(s, "style") for s in styles if s] + [BUNDLE_CSS]
    loaded = _page_files(pages, lambda p: p.scripts, linker)
    scripts = []
    for name in SCRIPTS:
        if name in loaded:
            source = _text(linker, name)
            if name == GRAPH_SCRIPT and source:
                source = ("window.netcardBundleGraph = function (document, vis) {\n"
                          f"{source}\n}};\n")
            if source:
                scripts.append(inline_text(source, "script"))
    scripts.append(CONTROLLER_JS)
    icon = linker.link(card, card.icon, navigable=False) if card.icon else None
    sections = [f'<section id="{escape(page.section)}" class="bundle-section '
                f'page-{escape(page.kind)}" aria-label="{escape(page.title)}">\n'
                f"{rewrite_tokens(page, linker)}\n</section>" for page in pages]
    head = [
        "<!DOCTYPE html>", f'<html lang="{escape(language)}" dir="ltr">', "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" '
        f'content="{content_security_policy(scripts, styles)}">',
        '<meta name="robots" content="noindex, nofollow">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="netcard {escape(__version__)}">',
        f"<title>{escape(site_title)} · {escape(i18n.translate(language, 'nav.workbook'))}</title>",
    ]
    if icon and icon.startswith("data:"):
        head.append(f'<link rel="icon" href="{escape(icon)}">')
    head += [f"<style>{style}</style>" for style in styles]
    head.append("</head>")
    logo = f'<img src="{escape(icon)}" alt="" width="48" height="48">' \
        if icon and icon.startswith("data:image/") else ""
    body = [
        f'<body class="profile-{PROFILE} page-bundle">',
        f'<a class="skip-link" href="#{escape(card.section)}">'
        f'{escape(i18n.translate(language, "ui.skip_to_content"))}</a>',
        f'<div class="internal-banner" role="note">'
        f'{escape(i18n.translate(language, "ui.internal_banner"))}</div>',
        '<header class="site-header bundle-header"><div class="wrap">',
        f'<p class="brand">{logo}<span class="brand-name">{escape(site_title)}</span></p>',
        f'<p class="bundle-lead">{escape(i18n.translate(language, "bundle.lead"))}</p>',
        "</div></header>",
        '<div class="bundle-layout wrap">',
        '<nav class="bundle-toc" id="bundle-contents" aria-labelledby="bundle-contents-h">',
        f'<h2 id="bundle-contents-h">{escape(i18n.translate(language, "bundle.contents"))}</h2>',
        _toc(pages, groups), "</nav>",
        '<main id="bundle-main" class="bundle-main">', *sections, "</main>", "</div>",
        *[f"<script>{script}</script>" for script in scripts],
        "</body>", "</html>", "",
    ]
    return Bundle("\n".join(head + body).encode("utf-8"), len(pages))


# --- the command ----------------------------------------------------------------


def make_bundle(site_dir: Path, language: str | None = None) -> tuple[Bundle, list[Any]]:
    """The bundle's bytes (and the content warnings), all in memory."""
    from generator.build import render_site

    result = render_site(site_dir, (PROFILE,))
    site = result.site
    language = language or site.default_language
    if language not in site.languages:
        raise UsageError(f"the site has no language '{language}'; choose one of "
                         f"{', '.join(site.languages)} with --lang")
    rendered = result.profiles[PROFILE]
    copies = {path.removeprefix(f"{PROFILE}/"): source for path, source in result.copies.items()
              if path.startswith(f"{PROFILE}/")}
    groups = Groups.of(site.types)
    pages = ordered(language_pages(rendered.files, rendered.page_paths, language,
                                   list(site.languages), site.default_language), groups)
    if not pages or pages[0].path != "index.html":
        raise AssertionError("the workbook profile has no card page")
    assign_sections(pages)
    linker = Linker(pages, rendered.files, copies)
    return assemble(pages, linker, language, groups), list(result.warnings)


def check_target(output: Path, site_dir: Path) -> None:
    from generator.load.paths import is_inside

    if output.suffix.lower() != ".html":
        raise UsageError(f"{output} does not end in .html; the bundle is one HTML file, "
                         "so give it a name such as workbook.html with -o")
    if output.is_dir():
        raise UsageError(f"{output} is a folder; give the bundle a file name with -o")
    if is_inside(output, site_dir / "content"):
        raise UsageError("the bundle would be written inside content/; choose another place "
                         "with -o")


def write_atomically(output: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one."""
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, output)
    finally:
        if temporary.exists():
            temporary.unlink()


def run_bundle(site: Path, output: Path, language: str | None) -> int:
    from generator.commands import _print_warnings, _site_dir

    site_dir = _site_dir(site)
    check_target(output, site_dir)
    bundle, warnings = make_bundle(site_dir, language)
    write_atomically(output, bundle.html)
    _print_warnings(warnings)
    size = len(bundle.html) / 1024
    print(f"Wrote {output} ({bundle.sections} sections, {size:.0f} kB)", file=sys.stdout)
    return 0
