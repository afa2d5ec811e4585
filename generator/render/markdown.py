"""Markdown → safe HTML, with links to content files rewritten to site URLs.

Raw HTML is escaped unless the site allows it, and then it is cleaned with nh3.
Only http(s), mailto and tel links survive, whatever the spelling or spacing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

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


@dataclass
class LinkContext:
    """How links in one page resolve: content paths → URLs relative to the page."""

    resolve: Callable[[str], str | None]
    used_media: set[str] = field(default_factory=set)
    broken: list[str] = field(default_factory=list)


CONTENT_LINK = re.compile(
    r"^(?:\./)?(?P<path>(?:members|futures|evaluations|portfolios)/[a-z0-9-]+\.yaml|"
    r"(?:pages|strategy|workbook)/[a-z0-9-]+\.md|media/[^?#]+)(?P<rest>[?#].*)?$")


def _rewrite(href: str, links: LinkContext | None) -> str | None:
    """The URL to emit for `href`, or None to drop the link (unsafe or not in this profile)."""
    if not is_safe_url(href):
        return None
    match = CONTENT_LINK.match(href)
    if not match or links is None:
        return href
    path = match.group("path")
    target = links.resolve(path)
    if target is None:
        links.broken.append(path)
        return None
    if path.startswith("media/"):
        links.used_media.add(path)
    return target + (match.group("rest") or "")


def _link_open(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
    token = tokens[idx]
    href = _rewrite(str(token.attrGet("href") or ""), env.get("links"))
    if href is None:
        token.attrs.pop("href", None)
        token.tag = "span"
        _close_matching(tokens, idx)
    else:
        token.attrSet("href", href)
        if href.startswith(("http:", "https:")):
            token.attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def _close_matching(tokens: list[Token], idx: int) -> None:
    depth = 0
    for token in tokens[idx + 1:]:
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            if depth == 0:
                token.tag = "span"
                return
            depth -= 1


def _image(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict,
           env: EnvType) -> str:
    token = tokens[idx]
    src = _rewrite(str(token.attrGet("src") or ""), env.get("links"))
    if src is None or src.startswith(("mailto:", "tel:")):
        return self.renderInlineAsText(token.children or [], options, env)
    token.attrSet("src", src)
    token.attrSet("loading", "lazy")
    return self.image(tokens, idx, options, env)


@cache
def _parser(allow_html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(anchors_plugin, min_level=2, max_level=4, permalink=False)
    md.use(footnote_plugin).use(tasklists_plugin)
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # _rewrite decides
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("image", _image)
    return md


def render_markdown(source: str, *, allow_html: bool = False,
                    links: LinkContext | None = None, shift_headings: int = 0) -> Markup:
    """Safe HTML for a Markdown string."""
    env: dict[str, Any] = {"links": links}
    html = _parser(allow_html).render(source, env)
    if allow_html:
        html = _sanitise(html)
    if shift_headings:
        html = _shift_headings(html, shift_headings)
    return Markup(html)


def _sanitise(html: str) -> str:
    import nh3

    return nh3.clean(
        html, tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title", "id"}, "img": {"src", "alt", "title", "loading"},
                    "*": {"id", "class", "lang"}, "td": {"align", "colspan", "rowspan"},
                    "th": {"align", "colspan", "rowspan", "scope"}},
        url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener noreferrer")


def _shift_headings(html: str, by: int) -> str:
    def shift(match: re.Match[str]) -> str:
        level = min(6, int(match.group(2)) + by)
        return f"<{match.group(1)}h{level}"

    return re.sub(r"<(/?)h([1-6])", shift, html)


def render_inline(source: str) -> Markup:
    """Markdown for a short text that must stay inline (no paragraphs)."""
    return Markup(_parser(False).renderInline(source))


def plain_text(source: str) -> str:
    """Markdown reduced to plain text (for meta descriptions and the vCard)."""
    tokens = _parser(False).parse(source)
    parts = [child.content for token in tokens if token.type == "inline"
             for child in token.children or [] if child.type in ("text", "code_inline")]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()
