"""network.yaml's targets: validated, read against the figures, workbook only."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.analyse.targets import verdict
from generator.build import build, load_site
from generator.errors import ContentErrors
from tests.conftest import SiteFactory

NETWORK = "name: {fi: Testiverkosto, sv: Testnätverket, en: Test network}\n"
AREAS = "areas:\n  - id: ohjaus\n    name: Ohjaus\n"
MEMBERS = {"members/alpha.yaml": "name: Alpha\nsector: education\ncompetences: {ohjaus: 3}\n",
           "members/beta.yaml": "name: Beta\nsector: employment\n",
           "members/gamma.yaml": "name: Gamma\n",
           "ties.yaml": "ties:\n  - between: [alpha, beta]\n",  # density 1/3
           "competences.yaml": AREAS}


def _site(make_site: SiteFactory, targets: str) -> Path:
    return make_site({**MEMBERS, "network.yaml": NETWORK + "profile: {intent: emergent}\n"
                      + "targets:\n" + targets})


def _problems(root: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_site(root)
    return str(caught.value)


def test_verdicts_read_a_value_against_a_range_or_a_highest_value() -> None:
    assert verdict(0.27, 0.3, 0.4) == "below"
    assert verdict(0.3, 0.3, 0.4) == "within"
    assert verdict(0.41, 0.3, 0.4) == "above"
    assert verdict(0.6, None, 0.5) == "above"
    assert verdict(0.0, None, 0.5) == "within"


@pytest.mark.parametrize(("targets", "expected"), [
    ("  density: [0.5, 0.3]\n", "network.yaml:4:3: error: targets: density: the lower end"),
    ("  centralization_max: 1.5\n", "centralization_max: 1.5 is out of range"),
    ("  competences: {ohjaus: 6}\n", "ohjaus: 6 is out of range"),
    ("  competences: {ohjauss: 4}\n", "did you mean 'ohjaus'?"),
    ("  profile: {intent: emergnt}\n", "did you mean 'emergent'?"),
])
def test_wrong_targets_are_named_with_their_place_and_a_fix(make_site: SiteFactory,
                                                            targets: str, expected: str) -> None:
    assert expected in _problems(_site(make_site, targets))


@pytest.mark.slow
def test_the_workbook_reads_each_figure_against_its_target_and_the_public_site_never(
        make_site: SiteFactory) -> None:
    root = _site(make_site, "  density: [0.4, 0.6]\n  centralization_max: 0.2\n"
                            "  profile: {intent: intentional}\n  competences: {ohjaus: 3}\n")
    build(root, root / "output")
    network = (root / "output/workbook/en/network/index.html").read_text(encoding="utf-8")
    assert "Density 33%, target 40–60%: below." in network
    assert "Centralisation 0.50, target at most 0.20: above." in network
    assert "Nature of the ties: now Emergent, target Intentional: not yet." in network
    finnish = (root / "output/workbook/network/index.html").read_text(encoding="utf-8")
    assert "Tiheys 33\u00a0%, tavoite 40–60\u00a0%: alle tavoitteen." in finnish
    swedish = (root / "output/workbook/sv/competences/index.html").read_text(encoding="utf-8")
    assert "Ohjaus: bästa nivå 3, mål 3: inom målet." in swedish
    for page in (root / "output/public").rglob("*"):
        if page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace")
            assert "targets-h" not in text and "target at most" not in text, page
