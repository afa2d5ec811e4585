"""`netcard bundle`: the whole workbook as one self-contained, read-only HTML file.

A facilitator e-mails the file to the network; it must open from an attachment
(file://) without asking any host for anything, stay navigable offline and
print with each section on its own page. So the bundle is made in memory from
what the render stage recorded of each page (`PageRecord`: its title, kind,
language, the theme files it links to and its main content), never from files on
disk: the main content of every page of one language becomes a `<section>` of the
theme's bundle.html, every internal link points at the section (and element) it
meant, resolved as `netcard check` resolves links (generator/render/links.py),
element ids get the section id as prefix so they stay unique, media and exports
become data: URIs, and the stylesheets and scripts (the pages' own, and the bundle's
layout and controller from the theme's bundle/ folder) are inlined under a
Content-Security-Policy that allows exactly them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import Template
from markupsafe import Markup

from generator import __version__
from generator.atomic import write_atomic
from generator.errors import UsageError
from generator.mime import is_text, media_type
from generator.model.content_type import ContentTypes
from generator.model.profile import Profile
from generator.model.site import Site
from generator.render import i18n
from generator.render.assets import theme_files
from generator.render.env import make_environment
from generator.render.links import link_target, site_root
from generator.render.network_view import safe_json
from generator.render.routes import language_prefix
from generator.render.site import PageRecord, RenderedProfile

PROFILE = Profile.WORKBOOK
TEMPLATE = "bundle.html"  # in the theme's templates/
THEME_FOLDER = "bundle"  # the theme's folder of the bundle's own files, never published
OWN_STYLE = "netcard-bundle.css"  # the bundle's layout: contents beside one section
OWN_SCRIPT = "netcard-bundle.js"  # shows one section at a time, starts its graphs
ID_SEPARATOR = "__"
HOME = "home"  # the group of the front page, the workbook's home (its dashboard)
FREE_PAGES = "pages"  # the group of every page in no section's folder
SKIPPED_KINDS = frozenset({"notfound", "search"})
VIS_SCRIPT = "assets/vendor/vis-network.min.js"
GRAPH_SCRIPT = "assets/netcard-graph.js"
TABLE_SCRIPT = "assets/netcard-table.js"
SERVICES_SCRIPT = "assets/netcard-services.js"  # the card's service finder
TIMELINE_SCRIPT = "assets/netcard-timeline.js"  # the history page's time slider
SCRIPTS = (VIS_SCRIPT, GRAPH_SCRIPT, TABLE_SCRIPT, SERVICES_SCRIPT, TIMELINE_SCRIPT)
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


# --- the pages, as the renderer recorded them -----------------------------------


@dataclass
class Token:
    """One piece of a page's main content, kept raw unless the bundle must change it."""

    kind: str  # "start", "startend", "end", "text", "raw"
    tag: str = ""
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    raw: str = ""


@dataclass
class Page:
    """One rendered page of the chosen language, as the bundle needs it: the renderer's
    record of it, and its main content in pieces (see `_MainContent`)."""

    record: PageRecord
    path: str  # inside the language tree: "members/x/index.html"
    tokens: list[Token]
    ids: set[str]
    section: str = ""

    @property
    def full_path(self) -> str:
        """Inside the profile: "en/members/x/index.html"."""
        return self.record.path

    @property
    def kind(self) -> str:
        return self.record.kind

    @property
    def title(self) -> str:
        return self.record.title


class _MainContent(HTMLParser):
    """Splits a page's main content into pieces, and notes the element ids in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self.ids: set[str] = set()
        self.cdata = False  # inside <script> or <style>: text stays as it is

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, "start")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, "startend")

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], kind: str) -> None:
        self.cdata = tag in ("script", "style") and kind == "start"
        self.tokens.append(Token(kind, tag, attrs, self.get_starttag_text() or ""))
        element_id = dict(attrs).get("id")
        if element_id:
            self.ids.add(element_id)

    def handle_endtag(self, tag: str) -> None:
        self.cdata = False
        self.tokens.append(Token("end", tag, raw=f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        self.tokens.append(Token("text", raw=data if self.cdata else escape(data, quote=False)))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(Token("raw", raw=f"<!--{data}-->"))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(Token("raw", raw=f"<![{data}]>"))


def read_page(record: PageRecord, content: bytes, path: str) -> Page:
    """The page the renderer recorded, its main content cut out of its bytes `content`."""
    parser = _MainContent()
    parser.feed(record.main_html(content))
    parser.close()
    return Page(record, path, parser.tokens, parser.ids)


def language_pages(rendered: RenderedProfile, language: str, default: str) -> list[Page]:
    """The pages of one language in render order (the default language is the root),
    without the search and not-found pages."""
    prefix = language_prefix(language, default)
    return [read_page(record, rendered.files[record.path], record.path.removeprefix(prefix))
            for record in rendered.records()
            if record.language == language and record.kind not in SKIPPED_KINDS]


# --- order and section ids ------------------------------------------------------


@dataclass(frozen=True)
class Groups:
    """The bundle's groups of pages in reading order: the home page, each section of the
    site's content types in their `bundle` order (the card's preview first), then the free
    pages."""

    order: tuple[str, ...]
    nested: frozenset[str]  # groups whose pages nest under their index in the contents
    by_title: frozenset[str]  # groups whose pages follow in the order of their titles

    @staticmethod
    def of(types: ContentTypes) -> Groups:
        sections = sorted(types.sections, key=lambda section: section.bundle)
        return Groups((HOME, *(section.name for section in sections), FREE_PAGES),
                      frozenset(section.name for section in sections if section.nested),
                      frozenset(section.name for section in sections if section.by_title))

    def of_page(self, page: Page) -> str:
        if page.path == "index.html":
            return HOME
        first = page.path.split("/")[0]
        return first if first in self.order else FREE_PAGES


def ordered(pages: list[Page], groups: Groups) -> list[Page]:
    """Home, card, members, network, … free pages; in a group, its index first, then its
    pages by title or as rendered."""
    rank = {group: number for number, group in enumerate(groups.order)}

    def key(indexed: tuple[int, Page]) -> tuple[int, bool, str, int]:
        number, page = indexed
        group = groups.of_page(page)
        is_index = page.path == f"{group}/index.html" or group in (HOME, FREE_PAGES)
        name = page.title.casefold() if group in groups.by_title else ""
        return (rank[group], not is_index, name, number)

    return [page for _, page in sorted(enumerate(pages), key=key)]


def assign_sections(pages: list[Page]) -> None:
    taken = set(RESERVED_IDS)
    for page in pages:
        base = HOME if page.path == "index.html" else (
            page.path.removesuffix("index.html").strip("/").replace("/", "--") or "page")
        section, number = base, 2
        while section in taken:
            section, number = f"{base}-{number}", number + 1
        taken.add(section)
        page.section = section


# --- links, ids and embedded files ----------------------------------------------


def data_uri(path: str, content: bytes) -> str:
    kind = media_type(path)
    if is_text(kind):
        kind += ";charset=utf-8"
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


class Linker:
    """Turns a page's links into in-document anchors or data: URIs, or drops them.

    A link is resolved as `netcard check` resolves it (see generator/render/links.py);
    `root` is the path the site is served under."""

    def __init__(self, pages: list[Page], files: Mapping[str, bytes],
                 copies: Mapping[str, Path], root: str = "/") -> None:
        self.pages = {page.full_path: page for page in pages}
        self.files = files
        self.copies = copies
        self.root = root
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

    def file_name(self, page: Page, url: str) -> str:
        """The name of the file a link on `page` leads to ("" for one leaving the site)."""
        target = link_target(page.full_path, url, self.root)
        return posixpath.basename(target.path) if target is not None else ""

    def link(self, page: Page, url: str, *, navigable: bool) -> str | None:
        """The URL the bundle uses instead of `url`; None drops it.

        `navigable` is true for <a>/<area>: those may keep links to other sites;
        anything a browser would fetch (src, …) must be embedded or go.
        """
        url = url.strip()
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return url
        target = link_target(page.full_path, url, self.root)
        if target is None:
            return url if navigable and scheme in LINK_SCHEMES else None
        if target.path in self.pages:
            return self.anchor(self.pages[target.path], target.fragment)
        return self.embedded(target.path)


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
        filename = linker.file_name(page, href or "")
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


@dataclass
class Bundle:
    html: bytes
    sections: int


@dataclass(frozen=True)
class Theme:
    """What the bundle takes from the site's theme besides the files the pages link to:
    its template, and its own stylesheet and script (the theme's bundle/ folder, where
    a site's theme overrides the default one file at a time, as in static/)."""

    template: Template
    style: str
    script: str

    @staticmethod
    def of(site_dir: Path, name: str) -> Theme:
        files = theme_files(site_dir, name, THEME_FOLDER)
        return Theme(make_environment(site_dir, name).get_template(TEMPLATE),
                     files[OWN_STYLE].read_text(encoding="utf-8"),
                     files[OWN_SCRIPT].read_text(encoding="utf-8"))


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


@dataclass
class ContentsEntry:
    """A line of the table of contents; the index of a nesting group holds its pages."""

    section: str
    title: str
    children: list[ContentsEntry] | None = None


def table_of_contents(pages: list[Page], groups: Groups) -> list[ContentsEntry]:
    """One entry a page, in order; the pages of a nesting group under its index."""
    entries: list[ContentsEntry] = []
    parent: ContentsEntry | None = None
    parent_group = ""
    for page in pages:
        group = groups.of_page(page)
        entry = ContentsEntry(page.section, page.title)
        is_index = page.path == f"{group}/index.html"
        if group in groups.nested and not is_index and parent is not None \
                and parent_group == group and parent.children is not None:
            parent.children.append(entry)
            continue
        parent, parent_group = None, ""
        if group in groups.nested and is_index:
            entry.children = []
            parent, parent_group = entry, group
        entries.append(entry)
    return entries


def stylesheets(pages: list[Page]) -> list[str]:
    """Profile paths of the theme's stylesheets the pages link to, in first-seen order."""
    found: list[str] = []
    for page in pages:
        found.extend(asset for asset in page.record.assets
                     if asset.endswith(".css") and asset not in found)
    return found


def page_scripts(pages: list[Page], linker: Linker) -> list[str]:
    """The scripts of `SCRIPTS` some page loads, as inline text; the graph script
    wrapped in a function the bundle's own script calls once a section is shown."""
    loaded = {asset for page in pages for asset in page.record.assets}
    scripts = []
    for name in SCRIPTS:
        source = _text(linker, name) if name in loaded else ""
        if name == GRAPH_SCRIPT and source:
            source = ("window.netcardBundleGraph = function (document, vis) {\n"
                      f"{source}\n}};\n")
        if source:
            scripts.append(inline_text(source, "script"))
    return scripts


def _text(linker: Linker, full_path: str) -> str:
    content = linker.content(full_path)
    return "" if content is None else content.decode("utf-8")


def site_title(site: Site, language: str) -> str:
    """The site's name in `language`, as its pages show it."""
    name = site.settings.title or site.network.name
    return name.get(language, site.default_language)


def assemble(pages: list[Page], linker: Linker, theme: Theme, *, site: Site, language: str,
             groups: Groups) -> Bundle:
    """The bundle: the theme's template filled with the pages' sections and contents."""
    styles = [inline_text(text, "style") for path in stylesheets(pages)
              if (text := _text(linker, path))]
    styles.append(inline_text(theme.style, "style"))
    scripts = [*page_scripts(pages, linker), inline_text(theme.script, "script")]
    logo = site.network.logo
    icon = linker.embedded(logo) if logo else "data:,"  # "data:,": no icon to ask for
    html = theme.template.render(
        lang=language, profile=PROFILE, version=__version__,
        csp=content_security_policy(scripts, styles), site_title=site_title(site, language),
        icon=icon, logo=icon if icon and icon.startswith("data:image/") else None,
        styles=[Markup(style) for style in styles],  # text the CSP names by its hash
        scripts=[Markup(script) for script in scripts],
        contents=table_of_contents(pages, groups),
        sections=[{"id": page.section, "kind": page.kind, "title": page.title,
                   "html": Markup(rewrite_tokens(page, linker))} for page in pages],
        t=lambda key: i18n.translate(language, key))
    return Bundle(html.encode("utf-8"), len(pages))


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
    pages = ordered(language_pages(rendered, language, site.default_language), groups)
    if not pages or pages[0].path != "index.html":
        raise AssertionError("the workbook profile has no home page")
    assign_sections(pages)
    linker = Linker(pages, rendered.files, copies, site_root(site.settings.base_url))
    theme = Theme.of(site_dir, site.settings.theme)
    return (assemble(pages, linker, theme, site=site, language=language, groups=groups),
            list(result.warnings))


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


def run_bundle(site: Path, output: Path, language: str | None) -> int:
    from generator.commands import _print_warnings, _site_dir

    site_dir = _site_dir(site)
    check_target(output, site_dir)
    bundle, warnings = make_bundle(site_dir, language)
    write_atomic(output, bundle.html, durable=True)  # a document sent on at once
    _print_warnings(warnings)
    size = len(bundle.html) / 1024
    print(f"Wrote {output} ({bundle.sections} sections, {size:.0f} kB)", file=sys.stdout)
    return 0
