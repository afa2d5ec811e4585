"""A text shown in another language than the page's sits in its own `lang`, with a small
note of its language; a translated text and a plain string are shown as they are."""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.build import render_site
from generator.model.types import Text
from generator.render.fallback import marked_block, marked_inline, shown_text
from tests.conftest import SiteFactory

SWEDISH_ONLY = Text({"sv": "Om nätverket"})


def test_a_text_that_falls_back_knows_its_language() -> None:
    assert marked_inline(shown_text(SWEDISH_ONLY, "fi", "fi"), "fi") == Markup(
        '<span lang="sv">Om nätverket</span> <span class="fallback-note" lang="fi">'
        "(ruotsiksi)</span>")
    assert marked_inline(shown_text(SWEDISH_ONLY, "en", "fi"), "en").endswith(
        "(in Swedish)</span>")
    finnish = Text({"fi": "Tietoa", "sv": "Om oss"})
    assert marked_inline(shown_text(finnish, "en", "fi"), "en") == Markup(
        '<span lang="fi">Tietoa</span> <span class="fallback-note" lang="en">'
        "(in Finnish)</span>")
    assert marked_inline(shown_text(finnish, "sv", "fi"), "sv") == "Om oss"
    assert marked_inline(shown_text(Text({}, "Silta ry"), "sv", "fi"), "sv") == "Silta ry"


def test_a_language_without_its_own_words_is_named() -> None:
    german = shown_text(Text({"de": "Über uns"}), "sv", "fi")
    assert "(på tyska)" in marked_inline(german, "sv")
    assert "(kieli: saksa)" in marked_inline(german, "fi")


def test_the_marked_text_is_escaped() -> None:
    hostile = shown_text(Text({"sv": "<script>x</script>"}), "fi", "fi")
    assert "<script>" not in marked_inline(hostile, "fi")
    assert "&lt;script&gt;" in marked_inline(hostile, "fi")


def test_markdown_in_another_language_is_a_block_with_the_note_first() -> None:
    html = marked_block(Markup("<p>Hej</p>"), "sv", "en")
    assert html == Markup('<div class="fallback" lang="sv"><p class="fallback-note" lang="en">'
                          "(in Swedish)</p>\n<p>Hej</p></div>")
    assert marked_block(Markup("<p>Moi</p>"), None, "fi") == Markup("<p>Moi</p>")


def test_pages_mark_fallback_titles_in_menus_headings_and_lists(
        make_site: SiteFactory) -> None:
    site = make_site({
        "pages/tietoa.md": "---\ntitle: {sv: Om nätverket}\nmenu: true\n---\nTeksti.\n",
        "members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\n"
                              "description: {fi: Suomeksi kirjoitettu esittely.}\n",
    })
    files = render_site(site, ("public",)).profiles["public"].files
    finnish = files["tietoa/index.html"].decode()
    marked = ('<span lang="sv">Om nätverket</span> <span class="fallback-note" lang="fi">'
              "(ruotsiksi)</span>")
    nav = finnish.split('<nav class="main-nav', 1)[1].split("</nav>", 1)[0]
    assert marked in nav
    assert f"<h1>{marked}</h1>" in finnish
    assert "<title>Om nätverket" in finnish  # no markup in the title bar
    swedish = files["sv/tietoa/index.html"].decode()
    assert "<h1>Om nätverket</h1>" in swedish and "fallback-note" not in swedish
    english_member = files["en/members/alpha/index.html"].decode()
    assert re.search(r'<div class="fallback" lang="fi"><p class="fallback-note" lang="en">'
                     r"\(in Finnish\)</p>\s*<p>Suomeksi kirjoitettu esittely.</p>",
                     english_member)
    assert "<h1>Alpha</h1>" in english_member  # a plain name is the same in every language
    finnish_member = files["members/alpha/index.html"].decode()
    assert "fallback" not in finnish_member.split('<main', 1)[1]


def test_plain_markdown_is_in_the_default_languages_lang_without_a_note(
        make_site: SiteFactory) -> None:
    """A plain string is written in the default language: prose on another language's
    page is read in that language's voice, with nothing to translate and no note."""
    site = make_site({"members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\n"
                                            "description: Yhteinen esittely.\n"})
    files = render_site(site, ("public",)).profiles["public"].files
    english = files["en/members/alpha/index.html"].decode()
    assert re.search(r'<div lang="fi"><p>Yhteinen esittely.</p>\s*</div>', english)
    assert "fallback-note" not in english.split("<main", 1)[1]
    finnish = files["members/alpha/index.html"].decode()
    assert '<div lang="fi">' not in finnish and "<p>Yhteinen esittely.</p>" in finnish


def test_graph_names_in_another_language_carry_it_in_the_picture_and_the_data(
        make_site: SiteFactory) -> None:
    """A member's name shown in a fallback language: its <text> in the static picture of
    the graph gets `lang`, and its node in the graph data a `lang` the script puts on the
    elements that show the name (panel, search list); other names get neither."""
    import json

    site = make_site({
        "members/alpha.yaml": "name: {sv: Alfa skola}\nsector: education\nrole: core\n",
        "ties.yaml": "ties:\n  - {between: [alpha, beta], strength: 5}\n",
    })
    files = render_site(site, ("workbook",)).profiles["workbook"].files
    for path, language in (("network/index.html", "sv"), ("en/network/index.html", "sv"),
                           ("members/beta/index.html", "sv")):
        page = files[path].decode()
        svg = re.search(r'<svg[^>]*class="graph-svg".*?</svg>', page, re.S)
        assert svg, path
        assert re.search(rf'<text [^>]*lang="{language}">Alfa skola</text>', svg.group(0)), path
        assert re.search(r'<text [^>]*text-anchor="middle">Beta</text>', svg.group(0)), path
        graph_data = re.search(r'<script type="application/json" id="[^"]*graph-data">'
                               r"(.*?)</script>", page, re.S)
        assert graph_data, path
        data = json.loads(graph_data.group(1))
        nodes = {node["row"][0]: node for node in data["nodes"]}
        assert nodes["alpha"]["lang"] == language and "lang" not in nodes["beta"], path
    swedish = files["sv/network/index.html"].decode()
    assert 'lang="sv">Alfa skola</text>' not in swedish  # in its own language: no lang
    assert '"lang"' not in swedish.split('graph-data">', 1)[1].split("</script>", 1)[0]


def test_chart_labels_in_another_language_carry_it() -> None:
    """A round named only in Swedish, on a Finnish page's trend chart: its label's <text>
    is in lang="sv"; the dated round's label is the page's own."""
    from generator.render import charts

    swedish = shown_text(Text({"sv": "Höstmöte"}), "fi", "fi")
    svg = str(charts.trend_chart({"debate": [("a", 3.0, 5), ("b", 4.0, 5)]},
                                 labels={"debate": "Debatti"},
                                 round_labels=[swedish, "lokakuu 2024"], fmt=str))
    assert re.search(r'<text [^>]*lang="sv">Höstmöte</text>', svg)
    assert re.search(r'<text class="nc-label nc-round-label"[^>]*>lokakuu 2024</text>', svg)
    assert svg.count(' lang="') == 1


def test_plain_prose_on_another_languages_page_is_in_the_default_languages_lang(
        make_site: SiteFactory) -> None:
    """A vision, a column of the futures table, an action and a reflection answer written
    as plain strings are sentences in the default language (as plain Markdown is): on the
    English page each sits in a `lang="fi"`, with no note; names stay as they are, and the
    Finnish page has no extra `lang`."""
    site = make_site({
        "futures/digi.yaml": """\
            title: {fi: Digi, en: Digital}
            vision: Ohjaus on tavoitettavissa aina.
            obstacles: [Jäsenillä on eri järjestelmät]
            actions:
              - {action: Koulutetaan digitukihenkilöt, first_step: Kysytään halukkaat,
                 responsible: [alpha], due: 2030-01}
            """,
        "evaluations/day.yaml": """\
            title: {fi: Päivä, en: Day}
            date: 2024-10-01
            responses: [{debate: 4}]
            reflection: [{learned: Opimme paljon toisistamme.}]
            """,
    })
    files = render_site(site, ("workbook",)).profiles["workbook"].files
    future = files["en/futures/digi/index.html"].decode()
    for sentence in ("Ohjaus on tavoitettavissa aina.", "Jäsenillä on eri järjestelmät",
                     "Koulutetaan digitukihenkilöt", "Kysytään halukkaat"):
        assert f'<span lang="fi">{sentence}</span>' in future, sentence
    actions = files["en/futures/actions/index.html"].decode()
    assert '<span lang="fi">Koulutetaan digitukihenkilöt</span>' in actions
    evaluation = files["en/evaluations/day/index.html"].decode()
    assert '<li><span lang="fi">Opimme paljon toisistamme.</span></li>' in evaluation
    assert "fallback-note" not in future.split("<main", 1)[1]
    finnish = files["futures/digi/index.html"].decode()
    assert "<span lang=" not in finnish.split("<main", 1)[1]
