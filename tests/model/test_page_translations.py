"""A page's translations, `tietoa.sv.md` beside `tietoa.md`: the same page in another
language, its front matter merged into the page's, every mistake named at its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import load_site
from generator.errors import ContentErrors
from generator.model.site import Page
from generator.model.types import Text, Visibility
from tests.conftest import SiteFactory

ABOUT = "---\ntitle: {fi: Tietoa, sv: Om oss, en: About}\nmenu: true\norder: 5\n---\n# Tietoa\n"


def errors_of(site: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_site(site)
    return [error.format() for error in caught.value.errors]


def page(site: Path, identifier: str = "tietoa", folder: str = "pages") -> Page:
    loaded, _ = load_site(site)
    found: Page = loaded.collection(folder)[identifier]
    return found


def test_a_translation_is_the_same_page_in_another_language(make_site: SiteFactory) -> None:
    site = make_site({"pages/tietoa.md": ABOUT,
                      "pages/tietoa.sv.md": "---\n---\n# Om oss\n\nPå svenska.\n"})
    about = page(site)
    assert set(load_site(site)[0].pages) == {"tietoa"}
    assert about.languages == ("fi", "sv")
    swedish = about.text_in("sv")
    assert (swedish.body, swedish.language, swedish.fallback) == ("# Om oss\n\nPå svenska.\n",
                                                                  "sv", False)
    assert (swedish.file, swedish.body_line) == ("content/pages/tietoa.sv.md", 3)
    english = about.text_in("en")
    assert (english.body, english.language, english.fallback) == ("# Tietoa\n", "fi", True)
    assert about.text_in("fi").fallback is False


def test_fields_left_out_come_from_the_default_file(make_site: SiteFactory) -> None:
    site = make_site({"pages/tietoa.md": ABOUT, "pages/tietoa.en.md": "---\n---\nIn English.\n"})
    meta = page(site).meta
    assert (meta.title, meta.menu, meta.order) == (
        Text({"fi": "Tietoa", "sv": "Om oss", "en": "About"}), True, 5)


def test_a_plain_title_is_that_languages_title(make_site: SiteFactory) -> None:
    site = make_site({"pages/tietoa.md": "---\ntitle: Tietoa\n---\nSuomeksi.\n",
                      "pages/tietoa.sv.md": "---\ntitle: Om oss\n---\nPå svenska.\n"})
    # The default file's plain title is its language's once a translation has its own.
    assert page(site).meta.title == Text({"fi": "Tietoa", "sv": "Om oss"})


def test_a_translation_without_a_title_keeps_a_plain_title_plain(
        make_site: SiteFactory) -> None:
    site = make_site({"pages/tietoa.md": "---\ntitle: Kohtaamo\n---\nSuomeksi.\n",
                      "pages/tietoa.sv.md": "---\n---\nPå svenska.\n"})
    assert page(site).meta.title == Text({}, "Kohtaamo")


def test_a_copied_front_matter_is_accepted(make_site: SiteFactory) -> None:
    """Copying tietoa.md to tietoa.sv.md and translating the text is the usual way."""
    site = make_site({"pages/tietoa.md": ABOUT,
                      "pages/tietoa.sv.md": ABOUT.replace("# Tietoa", "# Om oss"),
                      "workbook/w.md": "---\ntitle: W\nphase: 3\nvisibility: internal\n---\nX\n",
                      "workbook/w.en.md": "---\ntitle: W\nphase: 3\nvisibility: internal\n"
                                          "---\nY\n"})
    assert page(site).meta.title == Text({"fi": "Tietoa", "sv": "Om oss", "en": "About"})
    workbook = page(site, "w", "workbook")
    assert (workbook.meta.phase, workbook.text_in("en").body) == (3, "Y\n")


def test_strategy_and_workbook_pages_have_translations_too(make_site: SiteFactory) -> None:
    site = make_site({"strategy/plan.md": "---\ntitle: Suunnitelma\n---\nSuomeksi.\n",
                      "strategy/plan.en.md": "---\ntitle: Plan\n---\nIn English.\n",
                      "workbook/w.md": "---\ntitle: W\nphase: 3\n---\nSuomeksi.\n",
                      "workbook/w.sv.md": "---\n---\nPå svenska.\n"})
    assert page(site, "plan", "strategy").text_in("en").body == "In English.\n"
    assert page(site, "w", "workbook").text_in("sv").body == "På svenska.\n"


def test_a_translation_keeps_the_visibility_of_its_page(make_site: SiteFactory) -> None:
    """An internal page's translation is internal too, even if it says nothing, and it
    cannot say public."""
    site = make_site({"pages/plan.md": "---\ntitle: P\nvisibility: internal\n---\nX\n",
                      "pages/plan.sv.md": "---\n---\nY\n"})
    assert page(site, "plan").visibility == Visibility.INTERNAL
    site = make_site({"pages/plan.md": "---\ntitle: P\nvisibility: internal\n---\nX\n",
                      "pages/plan.sv.md": "---\ntitle: P\nvisibility: public\n---\nY\n"})
    assert errors_of(site) == [
        "content/pages/plan.sv.md:3:13: error: 'visibility: public' here, but plan.md is "
        "internal: a translation has the visibility of its page\n"
        "    how to fix: remove the visibility line from this file; to make the page public "
        "in every language, write 'visibility: public' in plan.md"]


STRUCTURE_CASES = [
    ("order: 3", "order: 10", "'order: 3' here, but tietoa.md says 10"),
    ("menu: false", "menu: true", "'menu: false' here, but tietoa.md says true"),
    ("phase: 2", "phase: 1", "'phase: 2' here, but tietoa.md says 1"),
    ("step: 4", "", "'step: 4' here, but tietoa.md says nothing"),
]


@pytest.mark.parametrize(("translated", "original", "message"), STRUCTURE_CASES)
def test_a_translation_cannot_move_its_page(make_site: SiteFactory, translated: str,
                                            original: str, message: str) -> None:
    folder = "workbook" if "phase" in translated or "step" in translated else "pages"
    site = make_site({f"{folder}/tietoa.md": f"---\ntitle: T\n{original}\n---\nX\n",
                      f"{folder}/tietoa.en.md": f"---\ntitle: T\n{translated}\n---\nY\n"})
    assert errors_of(site) == [
        f"content/{folder}/tietoa.en.md:3:{len(translated.split(':')[0]) + 3}: error: "
        f"{message}: a translation has the {translated.split(':')[0]} of its page\n"
        f"    how to fix: remove the {translated.split(':')[0]} line from this file; to change "
        f"it in every language, change it in tietoa.md"]


def test_every_mistake_of_every_translation_is_named_at_once(make_site: SiteFactory) -> None:
    site = make_site({
        "site.yaml": "languages: [fi, sv, en]\n",
        "pages/tietoa.md": ABOUT,
        "pages/tietoa.de.md": "---\n---\nAuf Deutsch.\n",
        "pages/tietoa.fi.md": "---\n---\nSuomeksi taas.\n",
        "pages/orpo.sv.md": "---\ntitle: Ensam\n---\nIngen sida.\n",
        "pages/tietoa.sv.md": "---\ntitle: Om nätverket\n---\nX\n",
        "pages/yhteys.md": "---\ntitle: Yhteys\n---\nX\n",
        "pages/yhteys.en.md": "---\ncolour: red\n---\nX\n",
        "pages/tietoa.en.md": "---\ntitle: {fi: Tietoa, en: About us}\n---\nX\n",
        "pages/tietoa.draft.md": "---\ntitle: Luonnos\n---\nX\n",
        "pages/Tietoa.SV.md": "---\ntitle: X\n---\nX\n",
        "pages/muu.SV.md": "---\ntitle: X\n---\nX\n",
    })
    errors = errors_of(site)
    assert errors == [
        "content/pages/Tietoa.SV.md: error: the file name 'Tietoa.SV.md' is not a valid id\n"
        "    how to fix: 'Tietoa.SV.md' and 'tietoa.sv.md' clash: keep one of them. Move what "
        "'Tietoa.SV.md' holds into 'tietoa.sv.md' and delete 'Tietoa.SV.md', or give it "
        "another name (lowercase letters a–z, digits and hyphens, at most 64 characters)",
        "content/pages/muu.SV.md: error: the language 'SV' of 'muu.SV.md' is not written as "
        "site.yaml writes languages\n    how to fix: rename it to 'muu.sv.md'",
        "content/pages/orpo.sv.md: error: this translation has no page: there is no "
        "content/pages/orpo.md\n    how to fix: a translation sits beside its page in the "
        "default language (fi): create content/pages/orpo.md, or rename this file to orpo.md "
        "if it is the page's fi text",
        "content/pages/tietoa.de.md: error: 'tietoa.de.md' is a translation into 'de', which "
        "is not one of the site's languages (fi, sv, en)\n    how to fix: add 'de' to "
        "languages in content/site.yaml, or rename the file to one of tietoa.sv.md, "
        "tietoa.en.md (a page's id has no dots: tietoa-de.md is another page)",
        "content/pages/tietoa.draft.md: error: the file name 'tietoa.draft.md' is not a valid "
        "id\n    how to fix: rename it to 'tietoa-draft.md': lowercase letters a–z, digits and "
        "hyphens, at most 64 characters; a dot is only for a translation's language, before "
        ".md: tietoa.sv.md is the Swedish text of tietoa.md",
        "content/pages/tietoa.en.md:2:8: error: 'title' in a translation is its 'en' text "
        "only\n    how to fix: write it as plain text: title: …, or leave it out to use "
        "tietoa.md's",
        "content/pages/tietoa.fi.md: error: 'tietoa.fi.md' is in the site's default language "
        "(fi), whose text is tietoa.md\n    how to fix: move its text into tietoa.md and "
        "delete this file",
        "content/pages/tietoa.sv.md:2:8: error: the 'sv' title is given twice, differently: "
        "here and in tietoa.md ('Om oss')\n    how to fix: keep it in one file: remove "
        "'sv: …' from the title of tietoa.md, or remove the title here",
        "content/pages/yhteys.en.md:2:1: error: unknown key 'colour'\n"
        "    how to fix: allowed keys: menu, order, phase, step, title, visibility",
    ]


def test_a_default_language_file_alone_is_named_for_renaming(make_site: SiteFactory) -> None:
    site = make_site({"pages/tietoa.fi.md": "---\ntitle: T\n---\nSuomeksi.\n"})
    assert errors_of(site) == [
        "content/pages/tietoa.fi.md: error: 'tietoa.fi.md' is in the site's default language "
        "(fi), whose text is tietoa.md\n    how to fix: rename it to tietoa.md"]


def test_a_broken_page_is_not_called_missing_by_its_translation(
        make_site: SiteFactory) -> None:
    site = make_site({"pages/tietoa.md": "---\ntitle: [unclosed\n---\nX\n",
                      "pages/tietoa.sv.md": "---\n---\nY\n"})
    errors = errors_of(site)
    assert len(errors) == 1 and errors[0].startswith("content/pages/tietoa.md:3:"), errors


def test_translation_files_are_only_for_markdown_pages(make_site: SiteFactory) -> None:
    site = make_site({"members/alpha.sv.yaml": "name: Alfa\nsector: education\n"})
    assert errors_of(site) == [
        "content/members/alpha.sv.yaml: error: the file name 'alpha.sv.yaml' is not a valid "
        "id\n    how to fix: rename it to 'alpha-sv.yaml': lowercase letters a–z, digits and "
        "hyphens, at most 64 characters"]
