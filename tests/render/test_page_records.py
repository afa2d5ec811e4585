"""The renderer's record of each page: what the bundle is made of, instead of HTML read back."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from generator.build import render_site
from generator.render.site import PageOutput, PageRecord, RenderedProfile, render_marking_main
from tests.conftest import SiteFactory


def test_every_rendered_page_has_its_record(make_site: SiteFactory) -> None:
    rendered = render_site(make_site(), ("workbook",)).profiles["workbook"]
    records = {record.path: record for record in rendered.records()}
    assert sorted(records) == sorted(rendered.page_paths)
    alpha = records["en/members/alpha/index.html"]
    assert (alpha.title, alpha.kind, alpha.language) == ("Alpha", "member", "en")
    assert alpha.assets[0] == "assets/netcard.css"  # the stylesheet, linked in the head
    home = records["index.html"]  # the workbook's home, its dashboard
    assert (home.kind, home.language, home.title) == ("home", "fi", "Verkoston tilannekuva")
    card = records["card/index.html"]  # its preview of the public card
    assert (card.kind, card.language) == ("card", "fi")


def test_the_main_html_is_the_main_block_of_the_page(make_site: SiteFactory) -> None:
    rendered = render_site(make_site(), ("workbook",)).profiles["workbook"]
    record = next(r for r in rendered.records() if r.path == "sv/members/beta/index.html")
    page = rendered.files[record.path].decode("utf-8")
    main = record.main_html(rendered.files[record.path])
    assert "<h1" in main and "Beta" in main
    assert page.index('<main id="main"') < page.index(main) < page.index("</main>")
    for outside in ('class="site-header"', 'class="site-footer"', "<main", "</main>"):
        assert outside not in main


def test_a_block_that_calls_super_is_marked_whole() -> None:
    env = Environment(loader=DictLoader({
        "base.html": "<head></head><main>{% block main %}base{% endblock %}</main><footer>",
        "page.html": '{% extends "base.html" %}{% block main %}[{{ super() }}] {{ x }}'
                     "{% endblock %}",
        "plain.html": "<p>no main block</p>",
    }), autoescape=True)
    html, (start, end) = render_marking_main(env.get_template("page.html"), {"x": "<b>"})
    assert html == "<head></head><main>[base] &lt;b&gt;</main><footer>"
    assert html[start:end] == "[base] &lt;b&gt;"
    assert render_marking_main(env.get_template("plain.html"), {}) == (
        "<p>no main block</p>", (0, 0))


def test_pages_written_out_keep_no_record() -> None:
    written: list[str] = []
    profile = RenderedProfile(sink=lambda path, content, origin: written.append(path))
    record = PageRecord("index.html", "Etusivu", "card", "fi", (), (0, 4))
    profile.add(PageOutput.made(record, b"<h1>", frozenset(), frozenset(), ()))
    assert written == ["index.html"] and profile.records() == []
    in_memory = RenderedProfile()
    in_memory.add(PageOutput.made(record, b"<h1>", frozenset(), frozenset(), ()))
    assert in_memory.records() == [record]
    assert record.main_html(in_memory.files["index.html"]) == "<h1>"
