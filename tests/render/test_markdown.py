"""Markdown becomes safe HTML; content links become page links."""

from __future__ import annotations

import pytest

from generator.content_types.registry import BUILT_IN
from generator.render.markdown import (
    LinkContext,
    content_links,
    is_safe_url,
    plain_text,
    render_markdown,
)

CONTENT_LINKS = content_links(BUILT_IN.linked_files)


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


def test_unsafe_links_are_never_links() -> None:
    html = render_markdown("[click](javascript:alert(1)) [ok](https://example.fi) "
                           "[far](//evil.example/x) [data](data:image/png;base64,AA)")
    assert "href=\"javascript" not in html and "evil.example" not in html
    assert "[click](javascript:alert(1))" in html  # not a link: shown as the author wrote it
    assert "<span>far</span>" in html and "<span>data</span>" in html
    assert '<a href="https://example.fi" rel="noopener noreferrer">ok</a>' in html


def test_unsafe_images_become_their_alt_text() -> None:
    html = render_markdown('![a "map"](//evil.example/x.png) ![mail](mailto:a@b.fi) ![ok](x.png)')
    assert html == ('<p>a &quot;map&quot; mail <img src="x.png" alt="ok" loading="lazy" /></p>\n')


def test_a_dropped_images_alt_text_stays_text() -> None:
    # markdown-it-py's renderInlineAsText, used here before, did not escape: this was markup
    html = render_markdown("![<img src=x onerror=alert(1)>](//evil.example/a.png)")
    assert html == "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"


def test_duplicate_headings_get_unique_anchors() -> None:
    html = render_markdown("## Kick-off!\n\n## Kick-off!\n\n### `code` & *more*\n\n#### Ä")
    assert '<h2 id="kick-off">' in html and '<h2 id="kick-off-1">' in html
    assert '<h3 id="code--more"><code>code</code> &amp; <em>more</em></h3>' in html
    assert '<h4 id="ä">Ä</h4>' in html


def test_a_text_never_makes_a_second_h1_and_keeps_its_anchors() -> None:
    # the page's title is its h1: a `#` heading moves under it, and the rest with it
    html = render_markdown("# Top\n\n## Kick-off!\n\n### Ä\n\n###### Six")
    assert "<h1" not in html
    assert html.startswith("<h2>Top</h2>")
    assert '<h3 id="kick-off">Kick-off!</h3>' in html and '<h4 id="ä">Ä</h4>' in html
    assert "<h6>Six</h6>" in html  # no h7
    # a text whose headings start at `##` is left as written
    assert render_markdown("## Kick-off!").startswith('<h2 id="kick-off">')
    # an asked shift that already keeps them below h1 is not added to
    assert render_markdown("# Top", shift_headings=2) == "<h3>Top</h3>\n"


def test_task_boxes_cannot_be_ticked() -> None:
    html = render_markdown("- [ ] open\n- [x] done")
    assert html.count('type="checkbox" disabled=""') == 2 and 'checked=""' in html


def test_raw_html_links_are_rewritten_and_sanitised() -> None:
    links = LinkContext({"members/te.yaml": "../members/te/index.html"}.get,
                        content_links=CONTENT_LINKS)
    html = render_markdown('<a href="members/te.yaml">TE</a> <a href="javascript:x()">x</a> '
                           "<a href='https://a.fi'>A</a>", allow_html=True, links=links)
    assert 'href="../members/te/index.html"' in html
    assert "javascript" not in html and "<span>x</span>" in html
    assert 'href="https://a.fi" rel="noopener noreferrer"' in html


def test_template_syntax_is_literal() -> None:
    assert "{{7*7}}" in render_markdown("{{7*7}} {% if x %}")


def test_content_links_are_rewritten_and_media_recorded() -> None:
    targets = {"members/te.yaml": "../members/te/index.html", "media/a.png": "../media/a.png"}
    links = LinkContext(targets.get, content_links=CONTENT_LINKS)
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
    assert plain_text("a &amp; <b>\n\n- one\n- two") == "a & <b> one two"


def test_table_alignment_is_a_class_not_a_style() -> None:
    # the pages' Content-Security-Policy (style-src 'self') refuses style attributes
    html = render_markdown("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
    assert "style=" not in html
    assert '<th class="align-left">a</th>' in html and '<td class="align-right">3</td>' in html
    assert '<td class="align-center">2</td>' in html
    assert 'class="align-right"' in render_markdown("| a |\n|--:|\n| 1 |", allow_html=True)
