"""Markdown becomes safe HTML; content links become page links."""

from __future__ import annotations

import pytest

from generator.render.markdown import LinkContext, is_safe_url, plain_text, render_markdown


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:x",
    "java\nscript:x", "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc",
    "//evil.example/x", "\u2028javascript:x",
])
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", ["https://a.fi/", "http://a.fi", "mailto:a@b.fi", "tel:+358",
                                 "../members/", "#top", "page.html"])
def test_safe_urls(url: str) -> None:
    assert is_safe_url(url)


def test_raw_html_is_escaped_by_default() -> None:
    html = render_markdown('<script>alert(1)</script> <img src=x onerror="alert(1)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_allowed_html_is_sanitised() -> None:
    html = render_markdown('<b onclick="x()">bold</b><script>alert(1)</script>'
                           '<a href="javascript:alert(1)">a</a><svg onload="alert(1)"></svg>',
                           allow_html=True)
    assert "<b>bold</b>" in html
    for bad in ("onclick", "<script", "javascript:", "<svg", "onload"):
        assert bad not in html


def test_javascript_links_lose_their_href() -> None:
    html = render_markdown("[click](javascript:alert(1)) [ok](https://example.fi)")
    assert "javascript" not in html
    assert '<span>click</span>' in html
    assert '<a href="https://example.fi" rel="noopener noreferrer">ok</a>' in html


def test_template_syntax_is_literal() -> None:
    assert "{{7*7}}" in render_markdown("{{7*7}} {% if x %}")


def test_content_links_are_rewritten_and_media_recorded() -> None:
    targets = {"members/te.yaml": "../members/te/index.html", "media/a.png": "../media/a.png"}
    links = LinkContext(targets.get)
    html = render_markdown("[TE](members/te.yaml#x) ![A](media/a.png) [gone](pages/nope.md)",
                           links=links)
    assert 'href="../members/te/index.html#x"' in html
    assert 'src="../media/a.png"' in html
    assert "<span>gone</span>" in html
    assert links.used_media == {"media/a.png"}
    assert links.broken == ["pages/nope.md"]


def test_headings_shift_and_get_anchors() -> None:
    html = render_markdown("## Title", shift_headings=1)
    assert html.startswith('<h3 id="title">Title</h3>')


def test_plain_text() -> None:
    assert plain_text("**Bold** and [link](https://x.fi)\n\n# Head") == "Bold and link Head"
