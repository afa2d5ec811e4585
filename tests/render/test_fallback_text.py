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
