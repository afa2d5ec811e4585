"""The what-ifs on the workbook's pages, in fi, sv and en: the network page's "if a key
broker left" and suggested ties, a broker's own "if this member left"; never on the
public site, and the same bytes from the same content."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.build import build
from generator.render import i18n
from tests.conftest import SiteFactory, write_site

# Two triangles joined through Bridge alone; Beta and Epsilon give the same service and
# Omega, with no tie, is good at what Beta is good at.
BROKERED: dict[str, str | bytes | None] = {
    "network.yaml": "name: {fi: Testiverkosto, sv: Testnätverket, en: Test network}\n"
                    "services:\n  - id: neuvonta\n"
                    "    name: {fi: Neuvonta, sv: Rådgivning, en: Advice}\n"
                    "    providers: [beta, epsilon]\n",
    "competences.yaml": "areas:\n  - id: ohjaus\n"
                        "    name: {fi: Ohjaus, sv: Vägledning, en: Guidance}\n",
    "members/alpha.yaml": "name: Alpha\n",
    "members/beta.yaml": "name: Beta\ncompetences: {ohjaus: 4}\n",
    "members/gamma.yaml": "name: Gamma\n",
    "members/delta.yaml": "name: Delta\n",
    "members/epsilon.yaml": "name: Epsilon\n",
    "members/zeta.yaml": "name: Zeta\n",
    "members/bridge.yaml": "name: Bridge\n",
    "members/omega.yaml": "name: Omega\ncompetences: {ohjaus: 3}\n",
    "ties.yaml": "ties:\n" + "".join(f"  - between: [{a}, {b}]\n" for a, b in (
        ("alpha", "beta"), ("beta", "gamma"), ("alpha", "gamma"), ("delta", "epsilon"),
        ("epsilon", "zeta"), ("delta", "zeta"), ("bridge", "alpha"), ("bridge", "delta"))),
}

EXPECTED = {
    "en": ["If a key broker left", "If Bridge left",
           "3 members would lose every path to the rest of the network:",
           "Delta, Epsilon, Zeta (still tied to each other)",
           "No pair of members would be further apart than now.",
           "Ties that would close gaps",
           "Beta – Omega: Both are good at the same competence area: “Guidance”. They are in "
           "separate parts of the network: no path joins them now.",
           "Beta – Epsilon: Both provide the same service: “Advice”. They are in different "
           "communities, 4 steps apart now."],
    "fi": ["Jos keskeinen välittäjä lähtisi", "Jos Bridge lähtisi",
           "3 jäsentä menettäisi kaikki reittinsä muuhun verkostoon:",
           "Yksikään jäsenpari ei etääntyisi nykyisestä.",
           "Suhteet, jotka sulkisivat aukkoja",
           "Beta – Omega: Kummallakin on hyvää osaamista samalla alueella: ”Ohjaus”. Ne ovat "
           "verkoston erillisissä osissa: niiden välillä ei ole nyt yhtään reittiä.",
           "Beta – Epsilon: Kumpikin tarjoaa samaa palvelua: ”Neuvonta”. Ne kuuluvat eri "
           "yhteisöihin ja ovat nyt 4 askeleen päässä toisistaan."],
    "sv": ["Om en central förmedlare lämnade nätverket", "Om Bridge lämnade nätverket",
           "3 medlemmar skulle förlora alla vägar till resten av nätverket:",
           "Relationer som skulle fylla hål",
           "Beta – Epsilon: Båda erbjuder samma tjänst: ”Rådgivning”. De hör till olika "
           "gemenskaper och är nu 4 steg från varandra."],
}
LANGUAGES = ("fi", "sv", "en")
PREFIX = {"fi": "", "sv": "sv/", "en": "en/"}


def visible(path: Path) -> str:
    """A page as a reader sees it: tags removed, entities decoded, spaces joined."""
    text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
    return re.sub(r"\s+", " ", text)


def what_if_texts(language: str) -> list[str]:
    """The headings only the what-ifs show."""
    return [i18n.translate(language, key) for key in
            ("what_if.title", "what_if.suggest_title", "what_if.member_section")]


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp("what-if"), BROKERED)
    build(root, root / "output")
    return root / "output"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workbook_network_page_says_what_if_a_broker_left_and_which_ties_would_help(
        output: Path, language: str) -> None:
    page = visible(output / f"workbook/{PREFIX[language]}network/index.html")
    for text in EXPECTED[language]:
        assert text in page, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_broker_s_own_page_says_what_if_it_left_and_others_do_not(output: Path,
                                                                    language: str) -> None:
    members = output / f"workbook/{PREFIX[language]}members"
    section = i18n.translate(language, "what_if.member_section")
    bridge = visible(members / "bridge/index.html")
    assert section in bridge
    assert i18n.translate(language, "what_if.member_lead", name="Bridge") in bridge
    assert i18n.fill_count(i18n.texts(language), language, "what_if.cut_off", 3, 0, {}) in bridge
    assert 'href="../../network/index.html#what-if-bridge"' in (
        members / "bridge/index.html").read_text(encoding="utf-8")
    assert section not in visible(members / "beta/index.html")


def test_the_public_site_shows_no_what_if(output: Path) -> None:
    for language in LANGUAGES:  # the texts looked for are the workbook's what-ifs
        workbook = visible(output / f"workbook/{PREFIX[language]}network/index.html")
        workbook += visible(output / f"workbook/{PREFIX[language]}members/bridge/index.html")
        assert all(text in workbook for text in what_if_texts(language)), language
    public = sorted((output / "public").rglob("*.html"))
    assert output / "public/network/index.html" in public
    assert output / "public/en/members/bridge/index.html" in public
    leaks = [(str(path), text) for path in public
             for language in LANGUAGES for text in what_if_texts(language)
             if text in path.read_text(encoding="utf-8")]
    assert leaks == []


def test_the_same_content_gives_the_same_bytes(output: Path, make_site: SiteFactory) -> None:
    again = make_site(BROKERED)
    build(again, again / "output")
    for page in ("network/index.html", "members/bridge/index.html"):
        for language in LANGUAGES:
            path = f"workbook/{PREFIX[language]}{page}"
            assert (again / "output" / path).read_bytes() == (output / path).read_bytes(), path


@pytest.mark.slow
def test_a_network_without_ties_or_brokers_says_so_in_plain_words(
        make_site: SiteFactory) -> None:
    root = make_site()  # two members, no tie
    build(root, root / "output")
    page = visible(root / "output/workbook/en/network/index.html")
    assert i18n.translate("en", "what_if.no_ties") in page
    assert i18n.translate("en", "what_if.suggest_none") in page
    triangle = make_site({"members/gamma.yaml": "name: Gamma\n", "ties.yaml": (
        "ties:\n  - between: [alpha, beta]\n  - between: [beta, gamma]\n"
        "  - between: [alpha, gamma]\n")})
    build(triangle, triangle / "output")
    page = visible(triangle / "output/workbook/en/network/index.html")
    assert i18n.translate("en", "what_if.no_brokers") in page
    assert "If Alpha left" not in page


@pytest.mark.parametrize(("contacts_max", "key"), [(30, "what_if.sampled_all"),
                                                   (2, "what_if.sampled")])
@pytest.mark.slow
def test_on_a_large_network_the_page_says_how_the_pairs_were_counted(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch, contacts_max: int,
        key: str) -> None:
    from generator.analyse import what_if
    from generator.render import what_if_view

    monkeypatch.setattr(what_if, "ALL_PAIRS_MAX_MEMBERS", 2)  # Bridge's part: 7 members
    monkeypatch.setattr(what_if, "CONTACTS_COMPARED_MAX", contacts_max)
    monkeypatch.setattr(what_if_view, "CONTACTS_COMPARED_MAX", contacts_max)
    root = make_site(BROKERED)
    build(root, root / "output")
    for language in LANGUAGES:
        page = visible(root / f"output/workbook/{PREFIX[language]}network/index.html")
        wanted = (i18n.translate(language, key) if key.endswith("_all")
                  else i18n.fill_count(i18n.texts(language), language, key, 2, 0, {}))
        assert wanted in page, (language, wanted)


@pytest.mark.slow
def test_an_edit_to_what_members_share_updates_the_suggestions_incrementally(
        make_site: SiteFactory) -> None:
    root = make_site(BROKERED)
    build(root, root / "output")
    page = root / "output/workbook/en/network/index.html"
    assert "Beta – Omega" in visible(page)
    (root / "content/members/omega.yaml").write_text("name: Omega\ncompetences: {ohjaus: 2}\n",
                                                     encoding="utf-8")
    build(root, root / "output")
    assert "Beta – Omega" not in visible(page)
    clean = make_site({**BROKERED, "members/omega.yaml": "name: Omega\ncompetences: {ohjaus: 2}\n"})
    build(clean, clean / "output")
    assert page.read_bytes() == (clean / "output/workbook/en/network/index.html").read_bytes()
