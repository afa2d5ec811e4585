"""Markdown → safe HTML, with links to content files rewritten to site URLs.

markdown-it-pyrs (the Rust port of markdown-it, from the authors of markdown-it-py)
parses and renders; the links, images and headings of its HTML are then finished
here: content links become site URLs, unsafe URLs lose their link, h2–h4 get ids.
Raw HTML is escaped unless the site allows it, and then it is cleaned with nh3.
Only http(s), mailto and tel links survive, whatever the spelling or spacing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markdown_it_pyrs import MarkdownIt
from markupsafe import Markup

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}


def is_safe_url(url: str) -> bool:
    """True for relative links and http(s)/mailto/tel; False for javascript:, data: …"""
    cleaned = re.sub(r"[\x00-\x20\x7f\u2028\u2029]", "", url).lower()
    if not re.match(r"^[a-z][a-z0-9+.-]*:", cleaned):
        return not cleaned.startswith("//")
    return cleaned.startswith(SAFE_SCHEMES)


# The language part of a translation file's name (`tietoa.sv.md`, `tietoa.pt-br.md`).
TRANSLATION_SUFFIX = r"(?:\.[a-z]{2,3}(?:-[a-z0-9]+)?)?"


@cache
def content_links(files: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Links that name a content file: `<folder>/<id><suffix>` for each (folder, suffix)
    of `files` (the content types whose items have pages), a Markdown page's translation
    `<folder>/<id>.<language>.md`, and files under media/; with an optional `./` before
    and a query or fragment after."""
    named = "".join(f"{re.escape(folder)}/[a-z0-9-]+"
                    f"{TRANSLATION_SUFFIX if suffix == '.md' else ''}{re.escape(suffix)}|"
                    for folder, suffix in files)
    return re.compile(rf"^(?:\./)?(?P<path>{named}media/[^?#]+)(?P<rest>[?#].*)?$")


@dataclass
class LinkContext:
    """How links in one page resolve: content paths (those `content_links` matches) →
    URLs relative to the page."""

    resolve: Callable[[str], str | None]
    used_media: set[str] = field(default_factory=set)
    broken: list[str] = field(default_factory=list)
    content_links: re.Pattern[str] = field(kw_only=True)

    def resolving_with(self, resolve: Callable[[str], str | None]) -> LinkContext:
        """The same links resolved another way, their media and broken links still
        collected here."""
        return LinkContext(resolve, self.used_media, self.broken,
                           content_links=self.content_links)


def _rewrite(href: str, links: LinkContext | None) -> str | None:
    """The URL to emit for `href`, or None to drop the link (unsafe or not in this profile)."""
    if not is_safe_url(href):
        return None
    match = None if links is None else links.content_links.match(href)
    if match is None or links is None:
        return href
    path = match.group("path")
    target = links.resolve(path)
    if target is None:
        links.broken.append(path)
        return None
    if path.startswith("media/"):
        links.used_media.add(path)
    return target + (match.group("rest") or "")


RULES = ("blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
         "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image", "link",
         "newline", "strikethrough", "table", "tasklist", "footnote")
RAW_HTML_RULES = ("html_block", "html_inline")
ANCHORED_LEVELS = range(2, 5)  # headings that get an id (h2–h4), before any shift
HEADING_LEVEL = re.compile(r"<h([1-6])\b")
TOP_LEVEL = 2  # the page's title is its one h1: a text's headings start at h2
TAG = re.compile(r"<(a|img|h[1-6])\b([^>]*)>|</(a|h[1-6])>")
ATTRIBUTE = re.compile(r'([^\s=/]+)="([^"]*)"')
ALIGNED_CELL = re.compile(r'<(th|td) style="text-align:(left|right|center)">')
CHECKBOX = '<input class="task-list-item-checkbox" type="checkbox"'
LOOSE_TASK = re.compile(r'(<input class="task-list-item-checkbox"[^>]*>)\n<p> ?')


@cache
def _parser(allow_html: bool) -> MarkdownIt:
    """CommonMark with tables, strikethrough, task lists and footnotes; no typography."""
    rules: Any = list(RULES + (RAW_HTML_RULES if allow_html else ()))  # a Literal list
    return MarkdownIt("zero").enable_many(rules)


def render_markdown(source: str, *, allow_html: bool = False,
                    links: LinkContext | None = None, shift_headings: int = 0) -> Markup:
    """Safe HTML for a Markdown string."""
    rendered = _aligned_cells(_parser(allow_html).render(source))
    html_text = _Finisher(links, _heading_shift(rendered, shift_headings)).finish(rendered)
    if allow_html:  # last: whatever the raw HTML was, nh3's output is what is published
        html_text = _sanitise(html_text)
    return Markup(_task_boxes(html_text))


def _heading_shift(rendered: str, asked: int) -> int:
    """How far the text's headings move down: as asked, and at least so far that none
    is an h1 (a `# Heading` under the page's own title becomes an h2, its `##` an h3;
    a text whose headings start at `##` keeps them). Anchors are made from the levels
    as written, so a heading's id is the same whether or not the text moved."""
    levels = [int(level) for level in HEADING_LEVEL.findall(rendered)]
    return max(asked, TOP_LEVEL - min(levels)) if levels else asked


def _aligned_cells(html_text: str) -> str:
    """Table columns aligned by class (`|--:|` → class="align-right"): the pages'
    Content-Security-Policy refuses style attributes, so `style="text-align:…"` did nothing
    but log an error in the browser."""
    return ALIGNED_CELL.sub(r'<\1 class="align-\2">', html_text)


def _task_boxes(html_text: str) -> str:
    """Task boxes that show their state but cannot be ticked (the site is read-only),
    inside the item's paragraph when the list is loose, as on GitHub."""
    if CHECKBOX not in html_text:
        return html_text
    html_text = html_text.replace(CHECKBOX, CHECKBOX + ' disabled=""')
    return LOOSE_TASK.sub(lambda box: f"\n<p>{box[1]} ", html_text)


class _Finisher:
    """One pass over the rendered HTML's links, images and headings.

    The Markdown renderer's HTML has double-quoted, escaped attributes and links
    that do not nest: a dropped link's `</a>` is the next one. Raw HTML (when the
    site allows it) may be any shape; nh3 cleans the result afterwards.
    """

    def __init__(self, links: LinkContext | None, shift_headings: int) -> None:
        self.links = links
        self.shift = shift_headings
        self.open_links: list[bool] = []  # per open <a>: was it turned into a <span>?
        self.heading_start: int | None = None
        self.slugs: set[str] = set()
        self.parts: list[str] = []

    def finish(self, rendered: str) -> str:
        position = 0
        for match in TAG.finditer(rendered):
            self.parts.append(rendered[position:match.start()])
            self.parts.append(self._replace(match))
            position = match.end()
        self.parts.append(rendered[position:])
        return "".join(self.parts)

    def _replace(self, match: re.Match[str]) -> str:
        name, attributes, closing = match.group(1), match.group(2), match.group(3)
        if closing == "a":
            return "</span>" if self.open_links and self.open_links.pop() else "</a>"
        if closing:
            return self._close_heading(int(closing[1]))
        if name == "a":
            return self._link(attributes)
        if name == "img":
            return self._image(attributes)
        self.heading_start = len(self.parts) + 1
        return f"<h{self._level(int(name[1]))}{attributes}>"

    def _level(self, level: int) -> int:
        return min(6, level + self.shift)

    def _link(self, attributes: str) -> str:
        values = dict(ATTRIBUTE.findall(attributes))
        if "href" not in values:  # a raw HTML anchor, or a link written some other way
            self.open_links.append(False)
            return f"<a{attributes}>"
        href = _rewrite(html.unescape(values["href"]), self.links)
        if href is None:
            self.open_links.append(True)
            return "<span>"
        self.open_links.append(False)
        values["href"] = _escape(href)
        if href.startswith(("http:", "https:")):
            values["rel"] = "noopener noreferrer"
        return "<a" + "".join(f' {key}="{value}"' for key, value in values.items()) + ">"

    def _image(self, attributes: str) -> str:
        values = dict(ATTRIBUTE.findall(attributes))
        src = _rewrite(html.unescape(values.get("src", "")), self.links)
        if src is None or src.startswith(("mailto:", "tel:")):
            return values.get("alt", "")  # escaped already: it was an attribute
        values["src"] = _escape(src)
        values["loading"] = "lazy"
        end = " />" if attributes.endswith("/") else ">"  # as written (raw HTML may omit /)
        return "<img" + "".join(f' {key}="{value}"' for key, value in values.items()) + end

    def _close_heading(self, level: int) -> str:
        """Close a heading; an h2–h4 gets an id made from its text (unique in the text)."""
        if level in ANCHORED_LEVELS and self.heading_start is not None:
            opening = self.parts[self.heading_start - 1]
            if " id=" not in opening:
                text = "".join(self.parts[self.heading_start:])
                slug = self._unique(_slug(html.unescape(re.sub(r"<[^>]*>", "", text))))
                self.parts[self.heading_start - 1] = opening[:-1] + f' id="{_escape(slug)}">'
        self.heading_start = None
        return f"</h{self._level(level)}>"

    def _unique(self, slug: str) -> str:
        candidate, number = slug, 0
        while candidate in self.slugs:
            number += 1
            candidate = f"{slug}-{number}"
        self.slugs.add(candidate)
        return candidate


def _escape(value: str) -> str:
    """An attribute value escaped as the Markdown renderer escapes its own."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _slug(title: str) -> str:
    """GitHub-like anchor: lower case, spaces to hyphens, punctuation dropped."""
    return re.sub(r"[^\w\u4e00-\u9fff\- ]", "", title.lower().replace(" ", "-"))


def _sanitise(html: str) -> str:
    import nh3

    return nh3.clean(
        html, tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title", "id"}, "img": {"src", "alt", "title", "loading"},
                    "*": {"id", "class", "lang"}, "td": {"align", "colspan", "rowspan"},
                    "th": {"align", "colspan", "rowspan", "scope"}},
        url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener noreferrer")


def plain_text(source: str) -> str:
    """Markdown reduced to plain text (for meta descriptions and the vCard)."""
    rendered = _parser(False).render(source)
    words = html.unescape(re.sub(r"<[^>]*>", " ", rendered))
    return re.sub(r"\s+", " ", words).strip()
