"""A build starts from the tree the previous swap replaced (kept in the site's cache as
the spare), and still writes exactly what a build into an empty folder writes, never
changing a file of the live output in place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import generator.write as write_module
from generator.build import build, spare_tree
from tests.build.test_build import tree_digest
from tests.conftest import SiteFactory

SITE = {
    "members/gamma.yaml": "name: Gamma\nrole: partner\ndescription: First words\n",
    "ties.yaml": "ties:\n  - between: [alpha, beta]\n",
}


def spare_of(site: Path) -> Path:
    spare = spare_tree(site / ".netcard-cache", site / "output")
    assert spare is not None
    return spare


def describe(site: Path, words: str) -> None:
    (site / "content/members/gamma.yaml").write_text(
        f"name: Gamma\nrole: partner\ndescription: {words}\n")


def clean_build(site: Path, tmp_path: Path) -> dict[str, str]:
    copy = tmp_path / "clean"
    shutil.copytree(site / "content", copy / "content")
    build(copy, copy / "output")
    return tree_digest(copy / "output")


@pytest.mark.slow
def test_a_recycled_tree_gives_what_an_empty_folder_gives(make_site: SiteFactory,
                                                          tmp_path: Path) -> None:
    site = make_site(SITE)
    build(site, site / "output")
    assert not spare_of(site).exists()  # nothing replaced yet
    describe(site, "Second words")
    build(site, site / "output")
    assert spare_of(site).is_dir()  # the first tree, kept
    describe(site, "Third words")
    (site / "content/members/beta.yaml").unlink()  # its pages and folders must go
    (site / "content/ties.yaml").write_text("ties:\n  - between: [alpha, gamma]\n")
    build(site, site / "output")
    assert tree_digest(site / "output") == clean_build(site, tmp_path)
    assert not (site / "output/public/members/beta").exists()
    assert "Third words" in (site / "output/public/members/gamma/index.html").read_text()


@pytest.mark.slow
def test_a_file_of_the_live_output_is_never_written_into(make_site: SiteFactory) -> None:
    # The spare shares its unchanged files (inodes) with the live output: a page made
    # again must replace the spare's file, not write into it.
    site = make_site(SITE)
    build(site, site / "output")
    build(site, site / "output", profiles=("public",))  # the first tree is the spare now
    page = site / "output/public/members/gamma/index.html"
    with page.open("rb") as live:
        before = live.read()
        describe(site, "Changed words")
        build(site, site / "output")
        live.seek(0)
        assert live.read() == before  # the file the old output held is as it was
    assert "Changed words" in page.read_text()


@pytest.mark.slow
def test_a_link_planted_in_the_spare_is_removed_not_followed(make_site: SiteFactory,
                                                             tmp_path: Path) -> None:
    site = make_site(SITE)
    build(site, site / "output")
    describe(site, "Second words")
    build(site, site / "output")
    outside = tmp_path / "outside"
    outside.mkdir()
    members = spare_of(site) / "public/members"
    shutil.rmtree(members)
    members.symlink_to(outside, target_is_directory=True)
    describe(site, "Third words")
    build(site, site / "output")
    assert list(outside.iterdir()) == []
    assert tree_digest(site / "output") == clean_build(site, tmp_path)


def test_a_profile_not_built_is_the_live_ones_not_the_spares(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site, site / "output")
    describe(site, "Second words")
    build(site, site / "output")  # the spare holds "First words" in both profiles
    build(site, site / "output", profiles=("public",))
    workbook = site / "output/workbook/members/gamma/index.html"
    assert "Second words" in workbook.read_text()


@pytest.mark.slow
def test_a_spare_that_cannot_be_moved_is_deleted_and_the_build_starts_empty(
        make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(SITE)
    build(site, site / "output")
    describe(site, "Second words")
    build(site, site / "output")
    rename = os.rename

    def across_file_systems(source: object, target: object) -> None:
        if Path(str(source)) == spare_of(site):
            raise OSError(18, "Invalid cross-device link")
        rename(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(write_module.os, "rename", across_file_systems)
    describe(site, "Third words")
    build(site, site / "output")
    assert tree_digest(site / "output") == clean_build(site, tmp_path)


@pytest.mark.slow
def test_only_the_latest_output_folders_keep_a_spare(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    outputs = [site / f"output-{number}" for number in range(4)]
    for output in outputs:
        build(site, output)
        build(site, output)  # the first tree becomes this output's spare
    spares = {path.name for path in (site / ".netcard-cache/spare").iterdir()}
    kept = {spare.name for output in outputs[-write_module.SPARES_KEPT:]
            if (spare := spare_tree(site / ".netcard-cache", output)) is not None}
    assert spares == kept


def test_a_spare_that_is_a_link_is_removed_not_followed(make_site: SiteFactory,
                                                        tmp_path: Path) -> None:
    site = make_site(SITE)
    build(site, site / "output")
    outside = tmp_path / "outside"
    (outside / "public").mkdir(parents=True)
    (outside / "public" / "index.html").write_text("not netcard's")
    spare = spare_of(site)
    spare.parent.mkdir(parents=True, exist_ok=True)
    spare.symlink_to(outside, target_is_directory=True)
    describe(site, "Second words")
    build(site, site / "output")
    assert (outside / "public" / "index.html").read_text() == "not netcard's"
    assert sorted(path.name for path in outside.rglob("*")) == ["index.html", "public"]
    assert "Second words" in (site / "output/public/members/gamma/index.html").read_text()
