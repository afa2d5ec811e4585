"""Each language's page of a Markdown page shows its own text: its translation, else the
default-language text in its own `lang` (with the note of a missing translation when
the page has other translations). Links, media and search follow the text shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import build
from tests.conftest import SiteFactory

TRANSLATED: dict[str, str | bytes | None] = {
    "media/kuva.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
    "pages/tietoa.md": "---\ntitle: {fi: Tietoa, sv: Om oss, en: About}\n---\n"
                       "Suomeksi kirjoitettu sivu. [Yhteys](pages/yhteys.md)\n",
    "pages/tietoa.sv.md": "---\n---\nEn sida på svenska. [Kontakt](pages/yhteys.md) "
                          "och [Alpha](members/alpha.yaml).\n\n![Bild](media/kuva.svg)\n",
    "pages/yhteys.md": "---\ntitle: Yhteys\n---\nSoita meille.\n",
    "workbook/w.md": "---\ntitle: W\nphase: 2\n---\nTyökirja suomeksi.\n",
    "workbook/w.en.md": "---\ntitle: 'Phase 2: W'\n---\nThe workbook in English.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import write_site

    return write_site(tmp_path_factory.mktemp("translated"), TRANSLATED)


@pytest.fixture(scope="module")
def output(site: Path) -> Path:
    build(site, site / "output")
    return site / "output"


def article(output: Path, path: str) -> str:
    html = (output / path).read_text(encoding="utf-8")
    return html[html.index('<article class="prose">'):html.index("</article>")]


def test_the_swedish_page_shows_the_swedish_text_without_a_note(output: Path) -> None:
    swedish = article(output, "public/sv/tietoa/index.html")
    assert "En sida på svenska." in swedish and "Suomeksi" not in swedish
    assert "fallback" not in swedish and 'lang="' not in swedish  # the page's own lang
    html = (output / "public/sv/tietoa/index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    assert '<meta name="description" content="En sida på svenska.' in html


def test_a_missing_translation_shows_the_default_text_with_a_note(output: Path) -> None:
    english = article(output, "public/en/tietoa/index.html")
    assert re.search(r'<div class="fallback" lang="fi"><p class="fallback-note" lang="en">'
                     r"\(in Finnish\)</p>\s*<p>Suomeksi kirjoitettu sivu", english), english
    assert "En sida på svenska." not in english
    finnish = article(output, "public/tietoa/index.html")
    assert "Suomeksi kirjoitettu sivu" in finnish and "fallback" not in finnish


def test_a_page_without_translations_is_in_its_own_lang_without_a_note(output: Path) -> None:
    """Like a plain string: one text for every language, not a missing translation."""
    swedish = article(output, "public/sv/yhteys/index.html")
    assert '<div lang="fi"><p>Soita meille.</p>' in swedish
    assert "fallback" not in swedish


def test_links_in_a_translation_resolve_like_the_originals(output: Path) -> None:
    swedish = article(output, "public/sv/tietoa/index.html")
    assert '<a href="../yhteys/index.html">Kontakt</a>' in swedish  # the Swedish page
    assert '<a href="../members/alpha/index.html">Alpha</a>' in swedish
    assert '<img src="../../media/kuva.svg" alt="Bild"' in swedish
    assert (output / "public/media/kuva.svg").is_file()  # used by a translation: published
    finnish = article(output, "public/tietoa/index.html")
    assert '<a href="../yhteys/index.html">Yhteys</a>' in finnish


def test_workbook_pages_are_translated_too(output: Path) -> None:
    english = article(output, "workbook/en/workbook/w/index.html")
    assert "The workbook in English." in english and "<h1>Phase 2: W</h1>" in english
    swedish = article(output, "workbook/sv/workbook/w/index.html")
    assert '<div class="fallback" lang="fi">' in swedish and "<h1>" in swedish


def test_a_translations_broken_link_is_reported_at_its_page(make_site: SiteFactory) -> None:
    site = make_site({"pages/tietoa.md": "---\ntitle: T\n---\nHyvä.\n",
                      "pages/tietoa.sv.md": "---\n---\n[Bort](members/nobody.yaml) "
                                            "![Bild](media/nothing.png)\n"})
    result = build(site, site / "output")
    broken = result.profiles["public"].broken_links
    assert ("sv/tietoa/index.html", "members/nobody.yaml") in broken
    assert ("sv/tietoa/index.html", "media/nothing.png") in broken
    assert not any(page == "tietoa/index.html" for page, _ in broken)


def test_the_bundle_of_a_language_has_that_languages_text(site: Path) -> None:
    from generator.bundle import make_bundle

    swedish = make_bundle(site, "sv")[0].html.decode("utf-8")
    assert "En sida på svenska." in swedish and "Suomeksi kirjoitettu" not in swedish
    english = make_bundle(site, "en")[0].html.decode("utf-8")
    assert "The workbook in English." in english and "Työkirja suomeksi." not in english
    assert '<div class="fallback" lang="fi">' in english  # tietoa has no English text


def test_an_internal_pages_translation_stays_out_of_the_public_site(output: Path) -> None:
    public = [path for path in (output / "public").rglob("*") if path.is_file()]
    assert public
    assert not [path for path in public if b"The workbook in English." in path.read_bytes()]
    assert "The workbook in English." in (
        output / "workbook/en/workbook/w/index.html").read_text(encoding="utf-8")
