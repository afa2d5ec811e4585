"""A process that builds again (netcard serve) keeps what a build read or wrote, and
gives exactly what a fresh build gives (generator/rebuilds.py)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import rebuilds
from generator.build import build, complete_preview, load_site
from generator.load import yaml_marks
from generator.render import incremental
from tests.build.test_build import tree_digest
from tests.build.test_incremental import EDITS, Edit, apply, references_ok
from tests.conftest import MINIMAL, SiteFactory, write_site


@contextmanager
def building_again() -> Iterator[None]:
    """As netcard serve runs: keeping, then forgetting what was kept (for other tests)."""
    was = rebuilds._KEEPING
    rebuilds._KEEPING = True
    try:
        yield
    finally:
        rebuilds._KEEPING = was
        yaml_marks.take_parsed()


def serve_build(site: Path) -> None:
    """What one rebuild of netcard serve does."""
    result = build(site, site / "output", preview=True)
    complete_preview(site, site / "output", result)


# --- KeptByFile ---------------------------------------------------------------------

def test_a_kept_value_is_handed_out_while_its_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text("1")
    kept: rebuilds.KeptByFile[str] = rebuilds.KeptByFile(limit=2)
    with building_again():
        kept.put(path, "one")
    assert kept.get(path) == "one"
    replacement = tmp_path / "new.json"
    replacement.write_text("2")
    os.replace(replacement, path)  # as generator.atomic writes: another inode
    assert kept.get(path) is None
    assert kept.get(path) is None  # and forgotten


def test_nothing_is_kept_by_a_one_off_build(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text("1")
    kept: rebuilds.KeptByFile[str] = rebuilds.KeptByFile(limit=2)
    kept.put(path, "one")
    assert kept.get(path) is None


def test_a_value_read_from_a_file_replaced_meanwhile_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text("1")
    read_from = rebuilds.file_stamp(path)
    replacement = tmp_path / "new.json"
    replacement.write_text("22")
    os.replace(replacement, path)  # between reading it and keeping what was read
    kept: rebuilds.KeptByFile[str] = rebuilds.KeptByFile(limit=2)
    with building_again():
        kept.put(path, "one", read_from)
    assert kept.get(path) is None


def test_only_the_latest_files_are_kept(tmp_path: Path) -> None:
    kept: rebuilds.KeptByFile[int] = rebuilds.KeptByFile(limit=2)
    paths = [tmp_path / f"{number}.json" for number in range(3)]
    with building_again():
        for number, path in enumerate(paths):
            path.write_text(str(number))
            kept.put(path, number)
    assert [kept.get(path) for path in paths] == [None, 1, 2]


# --- what a build keeps -------------------------------------------------------------

def test_an_unchanged_file_keeps_its_model_and_an_edited_one_is_validated_again(
        make_site: SiteFactory) -> None:
    site = make_site({"members/gamma.yaml": "name: Gamma\n"})
    with building_again():
        first, _ = load_site(site)
        (site / "content/members/gamma.yaml").write_text("name: Gamma 2\n")
        second, _ = load_site(site)
        assert second.members["alpha"] is first.members["alpha"]
        assert second.members["gamma"] is not first.members["gamma"]
        assert str(second.members["gamma"].name) != str(first.members["gamma"].name)
        (site / "content/site.yaml").write_text("languages: [en, fi, sv]\n")
        third, _ = load_site(site)  # validated in another context: validated again
        assert third.members["alpha"] is not second.members["alpha"]


def test_loading_another_folder_between_builds_keeps_the_sites_models(
        make_site: SiteFactory, tmp_path: Path) -> None:
    # The history page loads older versions of the site (in folders of their own) between
    # a build's load and the next one's.
    site = make_site({"members/gamma.yaml": "name: Gamma\n"})
    older = tmp_path / "older"
    shutil.copytree(site / "content", older / "content")
    (older / "content/members/gamma.yaml").unlink()
    with building_again():
        first, _ = load_site(site)
        load_site(older)
        second, _ = load_site(site)
        assert second.members["gamma"] is first.members["gamma"]


def test_a_one_off_build_keeps_no_models(make_site: SiteFactory) -> None:
    site = make_site({})
    first, _ = load_site(site)
    second, _ = load_site(site)
    assert second.members["alpha"] is not first.members["alpha"]


def test_the_page_cache_is_not_read_back_after_it_was_saved(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({})
    with building_again():
        serve_build(site)
        (site / "content/members/beta.yaml").write_text("name: Beta 2\n")

        def unread(*args: object, **kwargs: object) -> object:
            raise AssertionError("the page cache was read from its file")

        monkeypatch.setattr(incremental, "_decode", unread)
        result = build(site, site / "output", preview=True)
        monkeypatch.undo()
        reused = sum(len(profile.pages) - len(profile.rendered)
                     for profile in result.profiles.values())
        assert reused > 0
        complete_preview(site, site / "output", result)


@pytest.mark.slow
def test_a_page_cache_written_by_another_process_is_read_again(
        make_site: SiteFactory) -> None:
    site = make_site({})
    with building_again():
        serve_build(site)
        for cache in (site / ".netcard-cache").glob("pages-*.json"):
            data = json.loads(cache.read_text())
            data["pages"] = {}  # another build: it vouches for no page
            replacement = cache.with_suffix(".tmp")
            replacement.write_text(json.dumps(data))
            os.replace(replacement, cache)
        result = build(site, site / "output", preview=True)
        assert all(set(profile.rendered) == set(profile.pages)
                   for profile in result.profiles.values())
        complete_preview(site, site / "output", result)


def assert_serve_rebuilds_equal_a_clean_build(root: Path, edits: list[Edit]) -> None:
    """Each edit's serve rebuild gives what a clean build of the same content gives. The
    clean builds come after the serve builds: a build in between would change what the
    serving process keeps (a one-off load forgets the kept documents)."""
    site = write_site(root / "site", {**MINIMAL, "search.yaml": None})
    (site / "content/site.yaml").write_text("languages: [fi, sv, en]\nsearch: false\n")
    served: list[tuple[Edit, Path, dict[str, str]]] = []
    with building_again():
        serve_build(site)
        for edit in edits:
            apply(site, edit)
            if not references_ok(site):
                continue
            serve_build(site)
            clean = root / f"clean-{len(served)}"
            shutil.copytree(site / "content", clean / "content")
            served.append((edit, clean, tree_digest(site / "output")))
    for edit, clean, digest in served:
        build(clean, clean / "output")
        assert digest == tree_digest(clean / "output"), edit


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(EDITS, min_size=1, max_size=5))
def test_serve_rebuilds_equal_a_clean_build(tmp_path_factory, edits: list[Edit]) -> None:
    assert_serve_rebuilds_equal_a_clean_build(tmp_path_factory.mktemp("again"), edits)


@pytest.mark.slow
def test_public_copies_kept_between_builds_follow_what_they_were_made_for(
        tmp_path: Path) -> None:
    """netcard serve keeps a member's and the ties file's public copy while the file is
    unchanged (content_types/members.py, ties.py), for as long as what the copy was made
    for holds: a unit's parent still public, the same public competence areas, tie
    strengths still hidden. Here those change while the member and ties files do not."""
    assert_serve_rebuilds_equal_a_clean_build(tmp_path, [
        ("competences.yaml", "areas:\n  - {id: x, name: X}\n"),
        ("members/gamma.yaml", "name: Gamma\ncompetences: {x: 4}\n"),
        ("members/delta.yaml", "name: Delta\nparent: alpha\nkind: unit\n"),
        ("ties.yaml", "ties:\n  - between: [alpha, gamma]\n    strength: 5\n"
                      "  - between: [beta, delta]\n    strength: 2\n"),
        ("site.yaml", "languages: [fi, sv, en]\nsearch: false\n"
                      "public_sections: [competence-levels, tie-strength]\n"),
        ("site.yaml", "languages: [fi, sv, en]\nsearch: false\n"),
        ("members/alpha.yaml", "name: Alpha\nsector: education\nvisibility: internal\n"),
        ("members/alpha.yaml", "name: Alpha\nsector: education\n"),
    ])
