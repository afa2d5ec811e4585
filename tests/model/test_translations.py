"""`netcard check` lists every text that lacks one of the site's languages, at its
file:line:column and per language; `check --strict` fails on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import load_site
from generator.cli import main
from generator.model.translations import untranslated
from tests.conftest import SiteFactory

UNTRANSLATED = {
    "network.yaml": "name: {fi: Verkosto, sv: Nätverket, en: Network}\n"
                    "contact:\n  address: {fi: Katu 1, sv: Gatan 1}\n",
    "members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\n"
                          "description:\n  fi: Suomeksi.\n",
    "pages/tietoa.md": "---\ntitle: {sv: Om nätverket}\n---\nTeksti.\n",
}


def test_check_names_each_untranslated_text_and_sums_them_up_by_language(
        make_site: SiteFactory, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(UNTRANSLATED)
    assert main(["check", str(site)]) == 0
    err = capsys.readouterr().err
    assert ("content/network.yaml:3:12: warning: 'address' has no English (en) text: "
            "those pages show it in Finnish (fi)") in err
    assert "how to fix: add the missing languages to it: address: {fi: …, sv: …, en: …}" in err
    assert ("content/members/alpha.yaml:5:3: warning: 'description' has no Swedish (sv) or "
            "English (en) text: those pages show it in Finnish (fi)") in err
    assert ("content/pages/tietoa.md:2:8: warning: 'title' has no Finnish (fi) or English "
            "(en) text: those pages show it in Swedish (sv)") in err
    summary = err.split("untranslated texts, by language", 1)[1].splitlines()
    assert summary[1] == "  Finnish (fi): 1 text; pages: content/pages/tietoa.md"
    assert summary[2] == "  Swedish (sv): 1 text; files: content/members/alpha.yaml"
    assert summary[3] == ("  English (en): 3 texts; files: content/members/alpha.yaml, "
                          "content/network.yaml; pages: content/pages/tietoa.md")


def test_strict_check_fails_on_an_untranslated_text(make_site: SiteFactory,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({"members/alpha.yaml": "name: Alpha\nsector: education\n"
                                            "description: {fi: Suomeksi., sv: På svenska.}\n"})
    assert main(["check", "--strict", str(site)]) == 2
    err = capsys.readouterr().err
    assert "content/members/alpha.yaml:3:14: warning: 'description' has no English" in err
    assert "1 problem found" in err


def test_plain_strings_and_complete_translations_pass_strictly(
        make_site: SiteFactory, capsys: pytest.CaptureFixture[str]) -> None:
    """A plain string is one text for every language (a name, an address)."""
    site = make_site({"members/alpha.yaml": "name: Alpha\nsector: education\n"
                                            "address: Katu 1, Koskela\n"
                                            "description: {fi: A., sv: B., en: C.}\n"})
    assert main(["check", "--strict", str(site)]) == 0
    assert "untranslated" not in capsys.readouterr().err


def test_a_site_in_one_language_has_nothing_untranslated(make_site: SiteFactory) -> None:
    site, _ = load_site(make_site({
        "site.yaml": "languages: [fi]\n", "network.yaml": "name: {fi: Verkosto}\n",
        "members/alpha.yaml": "name: Alpha\nsector: education\ndescription: {fi: A.}\n"}))
    assert untranslated(site) == []


def test_the_list_names_missing_and_present_languages_in_site_order(
        make_site: SiteFactory) -> None:
    site, _ = load_site(make_site(UNTRANSLATED))
    found = {(text.file, text.path): (text.missing, text.present, text.page)
             for text in untranslated(site)}
    assert found == {
        ("content/network.yaml", ("contact", "address")): (("en",), ("fi", "sv"), False),
        ("content/members/alpha.yaml", ("description",)): (("sv", "en"), ("fi",), False),
        ("content/pages/tietoa.md", ("title",)): (("fi", "en"), ("sv",), True),
    }


def test_the_starter_is_fully_translated(tmp_path: Path) -> None:
    from generator.scaffold import create_site

    create_site(tmp_path / "site")
    site, _ = load_site(tmp_path / "site")
    assert untranslated(site) == []


TRANSLATED_PAGES = {
    "pages/tietoa.md": "---\ntitle: Tietoa\norder: 1\n---\n# Tietoa\n\nSuomeksi.\n",
    "pages/tietoa.sv.md": "---\ntitle: Om oss\n---\nPå svenska.\n",
    "pages/yhteys.md": "---\ntitle: {fi: Yhteys, sv: Kontakt, en: Contact}\n---\nSoita.\n",
    "pages/yhteys.sv.md": "---\n---\nRing.\n",
    "pages/yhteys.en.md": "---\n---\nCall.\n",
    "workbook/w.md": "---\ntitle: W\nphase: 1\n---\nSuomeksi.\n",
    "workbook/w.sv.md": "---\ntitle: W på svenska\n---\nPå svenska.\n",
    "workbook/w.en.md": "---\n---\nIn English.\n",
}


def test_check_lists_a_page_without_its_text_in_a_language(
        make_site: SiteFactory, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(TRANSLATED_PAGES)
    assert main(["check", str(site)]) == 0
    err = capsys.readouterr().err
    # The page's text is missing in English (its title there too: one warning covers both).
    assert ("content/pages/tietoa.md:5:1: warning: the page has no English (en) translation: "
            "those pages show its Finnish (fi) text\n    how to fix: translate it into "
            "content/pages/tietoa.en.md (front matter fields left out there come from this "
            "file)") in err
    # A translation that leaves a translated title out is named at its own file.
    assert ("content/workbook/w.en.md:2:1: warning: this translation has no 'title': its "
            "page shows the Finnish (fi) one\n    how to fix: write the English (en) title "
            "in its front matter: title: …") in err
    assert "yhteys" not in err  # complete in every language
    summary = err.split("untranslated texts, by language", 1)[1].splitlines()
    assert summary[1] == ("  English (en): 2 texts; pages: content/pages/tietoa.md, "
                          "content/workbook/w.en.md")
    assert not summary[2].startswith("  ")  # (no other language lacks anything)


@pytest.mark.slow
def test_strict_check_fails_on_a_missing_page_translation(
        make_site: SiteFactory, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({"pages/tietoa.md": "---\ntitle: {fi: T, sv: T, en: T}\n---\nSuomeksi.\n",
                      "pages/tietoa.sv.md": "---\n---\nPå svenska.\n"})
    assert main(["check", "--strict", str(site)]) == 2
    assert "content/pages/tietoa.md:4:1: warning: the page has no English (en) translation" \
        in capsys.readouterr().err
    (site / "content/pages/tietoa.en.md").write_text("---\n---\nIn English.\n",
                                                     encoding="utf-8")
    assert main(["check", "--strict", str(site)]) == 0


def test_a_page_without_translations_is_one_text_for_every_language(
        make_site: SiteFactory) -> None:
    """As a plain string is: only a page that has translations can lack one."""
    site, _ = load_site(make_site({"pages/tietoa.md": "---\ntitle: Tietoa\n---\nSuomeksi.\n"}))
    assert untranslated(site) == []


def test_the_list_names_a_missing_page_text_with_its_line(make_site: SiteFactory) -> None:
    site, _ = load_site(make_site(TRANSLATED_PAGES))
    found = {(text.file, text.path): (text.missing, text.present, text.body, text.line,
                                      text.translation)
             for text in untranslated(site)}
    assert found == {
        ("content/pages/tietoa.md", ()): (("en",), ("fi", "sv"), True, 5, False),
        ("content/workbook/w.en.md", ("title",)): (("en",), ("fi", "sv"), False, 0, True),
    }
