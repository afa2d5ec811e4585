"""The starter site of `netcard new`: it builds, checks clean and shows every feature once."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build, load_site
from generator.cli import main
from generator.model import schema
from generator.model.site import Site
from generator.model.visibility import public_view
from generator.scaffold import STARTER, create_site

# Each content file's model, and the starter files it is read from.
MODEL_FILES: dict[type[schema.Model], str] = {
    schema.SiteSettings: "site.yaml",
    schema.Network: "network.yaml",
    schema.Member: "members/*.yaml",
    schema.TiesFile: "ties.yaml",
    schema.CompetencesFile: "competences.yaml",
    schema.Portfolio: "portfolios/*.yaml",
    schema.Future: "futures/*.yaml",
    schema.Evaluation: "evaluations/*.yaml",
    schema.PageMeta: "*/*.md",
}


@pytest.fixture(scope="module")
def starter_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("starter") / "site"
    assert create_site(site) == 0
    return site


@pytest.fixture(scope="module")
def starter(starter_dir: Path) -> Site:
    site, warnings = load_site(starter_dir)
    assert warnings == []
    return site


def test_members_of_every_kind_and_role(starter: Site) -> None:
    members = starter.members.values()
    assert {m.kind for m in members} == set(typing.get_args(schema.Kind))
    assert {m.role for m in members} == set(typing.get_args(schema.Role))
    assert len({m.sector for m in members}) >= 5
    assert any(m.external for m in members), "an external partner"
    assert starter.former_members(), "a member that has left"
    units = [m for m in members if m.kind == "unit"]
    assert units and all(m.parent in starter.members for m in units)
    assert any(m.competences for m in members)
    assert any(m.email and m.phone and m.website and m.address for m in members)


def test_ties_use_every_declared_type_in_both_shapes(starter: Site) -> None:
    ties = starter.ties.ties
    declared = set(starter.ties.types)
    assert len(declared) >= 5
    assert {tie.type for tie in ties} == declared
    assert any(tie.directed for tie in ties) and any(not tie.directed for tie in ties)
    strengths = {tie.strength for tie in ties}
    assert min(strengths) <= 2 and max(strengths) >= 4, "loose and tight ties"
    assert any(tie.channels for tie in ties) and any(tie.note for tie in ties)
    assert all(tie.since for tie in ties)


def test_no_tie_is_drawn_in_a_sectors_colour(starter: Site) -> None:
    """Members are coloured by sector and ties by line style in a neutral tone (issue 16):
    a starter that gave its tie types the sectors' colours would make green mean both
    "cooperation" and "municipality" on every new site's graph."""
    from generator.analyse.exports import SECTOR_COLORS
    from generator.render.network_view import tie_colors

    sector_colors = {color.lower() for color in SECTOR_COLORS.values()}
    assert {color.lower() for color in tie_colors(starter).values()} & sector_colors == set()


def test_card_has_services_contact_and_coordination(starter: Site) -> None:
    network = starter.network
    assert network.tagline and network.purpose and network.goals and network.customers
    assert network.communication and network.logo and network.founded
    services = network.services
    assert len(services) >= 2
    assert all(s.channels and s.providers and s.description for s in services)
    contact = network.contact
    assert contact.email and contact.phone and contact.address and contact.website
    assert {link.url.split(":")[0] for link in contact.links} >= {"mailto", "tel"}
    assert None not in (network.profile.level, network.profile.structure,
                        network.profile.recurrence, network.profile.intent)
    coordination = network.coordination
    assert coordination.coordinators
    assert all(c in starter.members for c in coordination.coordinators)
    assert ({g.level for g in coordination.groups}
            == set(typing.get_args(schema.GroupLevel)))
    assert coordination.forums


def test_workbook_answers_every_phase_and_step(starter: Site) -> None:
    pages = starter.workbook.values()
    assert {p.meta.phase for p in pages} >= set(range(1, 10))
    assert {p.meta.step for p in pages} >= set(range(1, 8))
    workbook = starter.types.named("workbook")
    assert all(workbook.visibility_of(p) == "internal" for p in pages)


def test_strategy_and_free_pages(starter: Site) -> None:
    assert starter.strategy
    pages = starter.types.named("pages")
    assert any(pages.visibility_of(p) == "public" and p.meta.menu
               for p in starter.pages.values())


def test_portfolio_and_competences(starter: Site) -> None:
    assert starter.portfolios
    for member_id, portfolio in starter.portfolios.items():
        assert member_id in starter.members
        assert {n.status for n in portfolio.networks} == set(
            typing.get_args(schema.PortfolioStatus))
    competences = starter.competences
    assert set(competences.levels) == {1, 2, 3, 4, 5}
    assert competences.areas and competences.needs
    assert len({area.group for area in competences.areas}) >= 2
    area_ids = {area.id for area in competences.areas}
    rated = {area for m in starter.members.values() for area in m.competences}
    assert rated == area_ids, "every area is rated by some member"


def test_future_table_fills_every_column_and_has_actions(starter: Site) -> None:
    assert starter.futures
    for future in starter.futures.values():
        for column in ("actors", "customers", "transformation", "values", "obstacles",
                       "drivers"):
            assert getattr(future, column), column
        assert future.story and future.vision and future.date and future.horizon
        assert future.actions
        for action in future.actions:
            assert action.first_step and action.responsible and action.competence
            assert action.due
        responsible = {r.plain for a in future.actions for r in a.responsible}
        assert responsible & set(starter.members), "a member as responsible"
        assert responsible - set(starter.members), "a name as plain text"


def test_evaluation_reads_its_responses_from_csv(starter: Site) -> None:
    rounds = [(e, e.responses_csv) for e in starter.evaluations.values() if e.responses_csv]
    assert rounds
    for evaluation, csv_path in rounds:
        assert (STARTER / "content" / csv_path).is_file()
        assert len(evaluation.responses) >= 3
        for dimension in schema.DIMENSIONS:
            assert any(r.score(dimension) for r in evaluation.responses), dimension
        assert any(r.respondent is None for r in evaluation.responses), "an anonymous answer"
        assert any(r.trust for r in evaluation.responses)
        assert evaluation.reflection


def test_internal_items_stay_out_of_the_public_view(starter: Site) -> None:
    public = public_view(starter)
    internal_members = {i for i, m in starter.members.items() if m.visibility == "internal"}
    assert internal_members and not internal_members & set(public.members)
    internal_services = {s.id for s in starter.network.services if s.visibility == "internal"}
    assert internal_services
    assert not internal_services & {s.id for s in public.network.services}
    assert any(t.visibility == "internal" for t in starter.ties.ties)
    assert len(public.ties.ties) < len(starter.ties.ties)
    assert public.members and public.pages and public.network.services
    assert not public.futures and not public.evaluations and not public.portfolios


def test_translations_in_every_language(starter: Site) -> None:
    assert starter.languages == ["fi", "sv", "en"]
    for text in (starter.network.name, starter.network.tagline, starter.settings.title):
        assert text is not None and all(text.has(lang) for lang in starter.languages)


def _keys(model: type[schema.Model]) -> Iterator[str]:
    for name, field in model.model_fields.items():
        if not field.exclude:
            yield field.alias or name
            for nested in _models_in(field.annotation):
                yield from _keys(nested)


def _models_in(annotation: object) -> Iterator[type[schema.Model]]:
    if isinstance(annotation, type) and issubclass(annotation, schema.Model):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


@pytest.mark.parametrize("model", MODEL_FILES, ids=lambda model: model.__name__)
def test_every_key_is_used_or_explained(model: type[schema.Model]) -> None:
    """A coordinator learns the format from the starter: each key of a file appears in
    it, as a key or in a comment that explains it."""
    text = "\n".join(path.read_text(encoding="utf-8")
                     for path in (STARTER / "content").glob(MODEL_FILES[model]))
    missing = sorted(key for key in set(_keys(model))
                     if not re.search(rf"(?<![\w-]){re.escape(key)}:", text))
    assert not missing, f"not shown in {MODEL_FILES[model]}: {', '.join(missing)}"


@pytest.mark.slow
def test_starter_builds_and_checks_strictly(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert create_site(site) == 0
    result = build(site, site / "output")
    assert result.warnings == []
    loaded = result.site
    workbook, public = site / "output" / "workbook", site / "output" / "public"
    for future_id in loaded.futures:
        assert (workbook / "futures" / future_id / "index.html").is_file()
    for page_id in loaded.pages:
        assert (public / page_id / "index.html").is_file()
    internal_names = [m.name.get("fi", "fi") for m in loaded.members.values()
                      if m.visibility == "internal"]
    assert internal_names
    leaks = [(page, name) for page in public.rglob("*.html") for name in internal_names
             if name in page.read_text(encoding="utf-8")]
    assert not leaks
    capsys.readouterr()
    assert main(["check", str(site), "--strict"]) == 0, capsys.readouterr().err
    # the address the card will have cannot be known yet: a note, not a warning
    assert "no base_url yet" in capsys.readouterr().err


def test_the_about_page_is_translated_into_every_language(starter: Site) -> None:
    """A page's translations sit beside it (pages/tietoa.sv.md): the starter shows how."""
    about = starter.pages["tietoa"]
    assert about.languages == tuple(starter.languages)
    assert all(about.text_in(code).language == code for code in starter.languages)
