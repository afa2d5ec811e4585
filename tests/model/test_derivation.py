"""A model's derivation (model/derivation.py) names everything it was made from: the
page caches take two models with the same derivation for the same value, so they must
be. Checked over edits that change what a public copy is made for while its own file
stays as it was, and over edits that change a file's text but not its values."""

from __future__ import annotations

import gc
from pathlib import Path

from generator.build import build, load_site, profile_views
from generator.deps import paused
from generator.model import derivation
from generator.model.profile import PROFILES, profiles_named
from generator.model.site import top_level_items
from generator.render.incremental import value_fingerprint
from tests.conftest import SiteFactory

SITE = {
    "site.yaml": "languages: [fi, sv, en]\nsearch: false\n",
    "competences.yaml": "areas:\n  - {id: x, name: X}\n  - {id: y, name: Y}\n",
    "members/gamma.yaml": "name: Gamma\ncompetences: {x: 4, y: 2}\n",
    "members/delta.yaml": "name: Delta\nparent: alpha\nkind: unit\n",
    "ties.yaml": "ties:\n  - between: [alpha, gamma]\n    strength: 5\n"
                 "  - between: [beta, delta]\n    strength: 2\n",
}

# (file, new text): the member and ties files stay as they are throughout
EDITS = [
    ("site.yaml", "languages: [fi, sv, en]\nsearch: false\n"
                  "public_sections: [competence-levels, tie-strength]\n"),
    ("competences.yaml", "areas:\n  - {id: x, name: X}\n"
                         "  - {id: y, name: Y, visibility: internal}\n"),
    ("members/alpha.yaml", "name: Alpha\nsector: education\nvisibility: internal\n"),
    ("site.yaml", "languages: [fi, sv, en]\nsearch: false\n"),
    ("members/alpha.yaml", "name: Alpha\nsector: education\n"),
    ("members/beta.yaml", "name: Beta\nvisibility: internal\n"),
    ("network.yaml", "name: {fi: Verkosto, en: Network}\n"),
    ("site.yaml", "languages: [fi, en]\nsearch: false\n"),
]


def made_models(site: Path) -> list[tuple[str, str, str]]:
    """(file, derivation, value fingerprint) of every model of both profiles' views
    that has a derivation."""
    loaded, _ = load_site(site)
    views, _ = profile_views(loaded, profiles_named(PROFILES))
    found = []
    with paused():
        for view in views.values():
            for file, model in top_level_items(view).items():
                made = derivation.of(model)
                if made is not None:
                    found.append((file, made, value_fingerprint(model)))
    return found


def test_models_with_the_same_derivation_are_the_same_value(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    values: dict[str, tuple[str, str]] = {}
    copies = set()
    for file, text in [("site.yaml", SITE["site.yaml"]), *EDITS]:
        (site / "content" / file).write_text(text, encoding="utf-8")
        for source, made, value in made_models(site):
            first = values.setdefault(made, (source, value))
            assert first == (source, value), f"{source}: the same derivation, another value"
            copies.add((source, value))
    members = {source for source, _ in copies if "/members/" in source}
    assert len(members) == 4  # every member file has a derivation …
    assert len({value for source, value in copies if source.endswith("gamma.yaml")}) >= 3
    assert len({value for source, value in copies if source.endswith("delta.yaml")}) >= 2
    assert len({value for source, value in copies if source.endswith("ties.yaml")}) >= 4


def test_a_file_edited_without_changing_its_values_renders_no_page(
        make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site, site / "output")
    (site / "content/members/gamma.yaml").write_text(
        "# Gamma, checked in May\ncompetences:\n  x: 4\n  y: 2  # up from 1\nname:   'Gamma'\n",
        encoding="utf-8")
    result = build(site, site / "output")
    assert {str(name): profile.rendered for name, profile in result.profiles.items()} == {
        "public": [], "workbook": []}


def test_derivations_do_not_outlive_their_models(make_site: SiteFactory) -> None:
    """netcard serve loads the site again on every edit: the derivations of earlier
    builds' models (public copies made anew, analyses) go with them, so its memory stays
    flat however many edits it serves."""
    site = make_site(SITE)
    counts = []
    for step in range(6):
        text = SITE["site.yaml"] + ("public_sections: [competence-levels]\n" if step % 2 else "")
        (site / "content/site.yaml").write_text(text, encoding="utf-8")
        made_models(site)
        gc.collect()
        counts.append(len(derivation._DERIVATIONS))
    assert counts[-1] == counts[1]  # (the first load's, once an edit has replaced them)
