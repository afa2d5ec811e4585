"""No internal content in public: a marker in every internal place, searched for in every file.

Each internal place of the content carries its own marker string. The public
profile must not contain one of them (nor the internal member's id) in any file
it writes, read as bytes and compared case-insensitively so slugs and ids made
from a name count too. The workbook and the bundle must contain every marker,
which proves the fixture really puts each one somewhere that gets rendered.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from generator.build import build
from generator.bundle import make_bundle
from tests.conftest import write_site

INTERNAL_ID = "internal-member-7f3a"
MARKERS = {
    "member name": "MRK-INTERNAL-MEMBER-NAME-7f3a",
    "member description": "MRK-INTERNAL-MEMBER-DESC-7f3a",
    "member address": "MRK-INTERNAL-MEMBER-ADDRESS-7f3a",
    "member logo": "MRK-INTERNAL-MEDIA-7f3a",
    "internal tie note": "MRK-INTERNAL-TIE-NOTE-7f3a",
    "tie type used only internally": "MRK-INTERNAL-TIE-TYPE-7f3a",
    "tie to the internal member": "MRK-TIE-TO-INTERNAL-7f3a",
    "workbook page title": "MRK-WORKBOOK-TITLE-7f3a",
    "workbook page body": "MRK-WORKBOOK-BODY-7f3a",
    "strategy page title": "MRK-STRATEGY-TITLE-7f3a",
    "strategy page body": "MRK-STRATEGY-BODY-7f3a",
    "future title": "MRK-FUTURE-TITLE-7f3a",
    "future actor": "MRK-FUTURE-ACTOR-7f3a",
    "future story": "MRK-FUTURE-STORY-7f3a",
    "future vision": "MRK-FUTURE-VISION-7f3a",
    "future action": "MRK-FUTURE-ACTION-7f3a",
    "future first step": "MRK-FUTURE-FIRST-STEP-7f3a",
    "evaluation title": "MRK-EVALUATION-TITLE-7f3a",
    "evaluation comment": "MRK-EVALUATION-COMMENT-7f3a",
    "evaluation respondent": "MRK-EVALUATION-RESPONDENT-7f3a",
    "evaluation reflection": "MRK-EVALUATION-REFLECTION-7f3a",
    "portfolio network name": "MRK-PORTFOLIO-NETWORK-7f3a",
    "portfolio purpose": "MRK-PORTFOLIO-PURPOSE-7f3a",
    "internal service name": "MRK-INTERNAL-SERVICE-NAME-7f3a",
    "internal service description": "MRK-INTERNAL-SERVICE-DESC-7f3a",
    "internal coordination group": "MRK-INTERNAL-GROUP-7f3a",
    "internal competence area": "MRK-INTERNAL-AREA-NAME-7f3a",
    "internal competence area description": "MRK-INTERNAL-AREA-DESC-7f3a",
    "internal competence need": "MRK-INTERNAL-NEED-7f3a",
}
M = MARKERS

SITE = {
    "site.yaml": "languages: [fi, sv, en]\nbase_url: https://verkosto.example.org/\n",
    "network.yaml": f"""\
        name: {{fi: Testiverkosto, sv: Testnätverket, en: Test network}}
        purpose: Julkinen tarkoitus.
        contact: {{email: verkosto@example.org}}
        services:
          - id: julkinen-palvelu
            name: Julkinen palvelu
            description: Kaikille avoin palvelu.
            providers: [alpha, {INTERNAL_ID}]
          - id: sisainen-palvelu
            name: {M["internal service name"]}
            description: {M["internal service description"]}
            providers: [alpha]
            visibility: internal
        coordination:
          coordinators: [alpha, {INTERNAL_ID}]
          groups:
            - id: verkostoryhma
              name: Julkinen verkostoryhmä
              level: network-group
              members: [alpha, beta, {INTERNAL_ID}]
            - id: sisainen-ryhma
              name: {M["internal coordination group"]}
              level: strategy
              members: [alpha]
              visibility: internal
        """,
    "members/alpha.yaml": """\
        name: Alpha
        sector: education
        role: core
        competences: {julkinen-ala: 3, sisainen-ala: 5}
        """,
    "members/beta.yaml": f"name: Beta\nsector: employment\nkind: unit\nparent: {INTERNAL_ID}\n",
    "members/gamma.yaml": "name: Gamma\nsector: ngo\n",
    f"members/{INTERNAL_ID}.yaml": f"""\
        name: {M["member name"]}
        sector: municipality
        role: core
        description: {M["member description"]}
        address: {M["member address"]}
        logo: media/internal-logo.svg
        competences: {{julkinen-ala: 4, sisainen-ala: 2}}
        visibility: internal
        """,
    "media/internal-logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                               f'<title>{M["member logo"]}</title></svg>\n',
    "ties.yaml": f"""\
        types:
          yhteistyo: {{label: Yhteistyö}}
          salainen: {{label: {M["tie type used only internally"]}}}
        ties:
          - between: [alpha, beta]
            type: yhteistyo
            note: Julkinen suhde.
          - between: [beta, gamma]
            type: yhteistyo
          - between: [alpha, gamma]
            type: salainen
            note: {M["internal tie note"]}
            visibility: internal
          - between: [alpha, {INTERNAL_ID}]
            type: yhteistyo
            strength: 5
            note: {M["tie to the internal member"]}
          - from: {INTERNAL_ID}
            to: gamma
            type: yhteistyo
        """,
    "competences.yaml": f"""\
        areas:
          - id: julkinen-ala
            name: Julkinen osaaminen
          - id: sisainen-ala
            name: {M["internal competence area"]}
            description: {M["internal competence area description"]}
            visibility: internal
        needs:
          - area: julkinen-ala
            level: 4
            note: {M["internal competence need"]}
            visibility: internal
        """,
    "portfolios/alpha.yaml": f"""\
        networks:
          - name: {M["portfolio network name"]}
            status: current
            role: member
            importance: 3
            purpose: {M["portfolio purpose"]}
        """,
    "futures/tulevaisuus.yaml": f"""\
        title: {M["future title"]}
        date: 2025-03-14
        horizon: 2030
        actors: [{M["future actor"]}]
        story: {M["future story"]}
        vision: {M["future vision"]}
        actions:
          - action: {M["future action"]}
            first_step: {M["future first step"]}
            responsible: [alpha, {INTERNAL_ID}]
            due: 2026
        """,
    "evaluations/kierros.yaml": f"""\
        title: {M["evaluation title"]}
        date: 2025-05-20
        responses:
          - respondent: {M["evaluation respondent"]}
            debate: 4
            dialogue: 3
            difference: 5
            distinction: 2
            deal: 4
            documentation: 3
            trust: [honesty, listening]
            comment: {M["evaluation comment"]}
        reflection:
          - learned: {M["evaluation reflection"]}
        """,
    # A public round after the internal one: its workbook page names the internal round as
    # the previous one, its public page must not (nor compare their figures).
    "evaluations/julkinen-kierros.yaml": """\
        title: Julkinen kierros
        visibility: public
        date: 2025-09-01
        responses:
          - {debate: 3, dialogue: 3, trust: [honesty]}
        """,
    "workbook/vaihe-1.md": f"""\
        ---
        title: {M["workbook page title"]}
        phase: 1
        ---
        {M["workbook page body"]} — see [Alpha](members/alpha.yaml).
        """,
    "strategy/strategia.md": f"""\
        ---
        title: {M["strategy page title"]}
        phase: 7
        ---
        {M["strategy page body"]}
        """,
    "pages/tietoa.md": f"""\
        ---
        title: Tietoa
        menu: true
        ---
        Julkinen sivu, joka linkittää [strategiaan](strategy/strategia.md) ja
        [jäseneen](members/{INTERNAL_ID}.yaml).
        """,
}


@pytest.fixture(scope="module")
def marked_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    site = write_site(tmp_path_factory.mktemp("markers"), SITE)
    build(site, site / "output")
    bundle, _ = make_bundle(site)
    return site / "output", bundle.html


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def found_in(files: dict[str, bytes], needle: str) -> list[str]:
    wanted = needle.lower().encode()
    return [name for name, content in files.items() if wanted in content.lower()]


def with_data_uris(html: bytes) -> bytes:
    """The bundle's text plus every base64 data: URI in it, decoded (media, exports)."""
    decoded = [base64.b64decode(match) for match in
               re.findall(rb"data:[^;,\"]+(?:;charset=[^;,\"]+)?;base64,([A-Za-z0-9+/=]+)", html)]
    return b"\n".join([html, *decoded])


def test_public_output_is_not_empty(marked_output: tuple[Path, bytes]) -> None:
    public = files_of(marked_output[0] / "public")
    assert {"index.html", "network.json", "members.csv", "sitemap.xml",
            "network.graphml", "network.gexf", "contact.vcf"} <= set(public)
    assert found_in(public, "Julkinen verkostoryhmä") and found_in(public, "Gamma")


@pytest.mark.parametrize("place", sorted(MARKERS))
def test_no_marker_in_any_public_file(marked_output: tuple[Path, bytes], place: str) -> None:
    public = files_of(marked_output[0] / "public")
    assert found_in(public, MARKERS[place]) == [], f"the {place} leaks into the public site"


def test_internal_member_id_not_in_public(marked_output: tuple[Path, bytes]) -> None:
    public = files_of(marked_output[0] / "public")
    assert found_in(public, INTERNAL_ID) == []


def test_a_public_round_compares_with_an_internal_one_in_the_workbook_only(
        marked_output: tuple[Path, bytes]) -> None:
    page = "evaluations/julkinen-kierros/index.html"
    workbook = (marked_output[0] / "workbook" / page).read_text(encoding="utf-8")
    since = workbook[workbook.index('id="since-h"'):]
    assert M["evaluation title"] in since
    public = files_of(marked_output[0] / "public")
    assert page in public
    for words in ("since-h", "round-trends", "trust-trend", "edellisestä kierroksesta"):
        assert found_in(public, words) == [], words


@pytest.mark.slow
@pytest.mark.parametrize("place", sorted(MARKERS))
def test_every_marker_in_workbook_and_bundle(marked_output: tuple[Path, bytes],
                                             place: str) -> None:
    out, bundle = marked_output
    assert found_in(files_of(out / "workbook"), MARKERS[place]), f"{place} not in the workbook"
    assert MARKERS[place].lower().encode() in with_data_uris(bundle).lower(), \
        f"{place} not in the bundle"
