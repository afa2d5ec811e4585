"""The synthetic network behind the scale benchmarks: valid, of the asked size, reproducible.

Times are measured by benchmarks/network_scale.py, never here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synthetic_network import main, write_site
from generator.build import build, load_site


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    write_site(root, members=60, ties=200, seed=3)
    return root


def test_valid_site_of_the_requested_size(small_site: Path) -> None:
    site, _warnings = load_site(small_site)  # raises ContentErrors on any problem
    assert len(site.members) == 60
    ties = site.ties.ties
    assert len(ties) == 200
    assert len({tuple(sorted(t.ends)) for t in ties}) == 200, "every pair is tied once"
    assert {t.directed for t in ties} == {True, False}
    assert len({t.type for t in ties}) >= 3
    assert len({t.strength for t in ties}) >= 4
    members = list(site.members.values())
    assert len({m.sector for m in members}) >= 4
    assert len({m.role for m in members}) == 3
    assert len({m.kind for m in members}) >= 3
    assert all(m.competences for m in members)
    assert site.network.services and site.network.coordination.groups
    assert site.pages


def test_includes_external_former_and_internal_members(tmp_path: Path) -> None:
    write_site(tmp_path, members=400, ties=1200, seed=1)
    site, _warnings = load_site(tmp_path)
    members = list(site.members.values())
    assert any(m.external for m in members)
    assert any(m.left is not None for m in members)
    assert any(m.visibility == "internal" for m in members)


@pytest.mark.slow
def test_builds_with_brokers_and_a_network_page(small_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(small_site, out)
    network = json.loads((out / "workbook" / "network.json").read_text(encoding="utf-8"))
    assert network["metrics"]["nodes"] > 50
    brokerage: Counter[str] = Counter()
    for node in network["nodes"]:
        brokerage.update(node["brokerage"])
    assert sum(brokerage.values()) > 0, "community structure leaves holes for brokers"
    assert (out / "workbook" / "network" / "index.html").is_file()
    assert len(list((out / "workbook" / "members").glob("*/index.html"))) == 60
    assert (out / "public" / "en" / "members" / "index.html").is_file()


def test_same_seed_same_bytes_other_seed_other_site(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        write_site(tmp_path / name, members=60, ties=200, seed=seed)
    first = _files(tmp_path / "a")
    assert first == _files(tmp_path / "b")
    assert first != _files(tmp_path / "c")


def test_command_line_caps_ties_at_what_the_members_allow(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "--members", "5", "--ties", "100",
                 "--languages", "fi,sv,en"]) == 0
    assert "(5 members, 10 ties)" in capsys.readouterr().out
    site, _warnings = load_site(tmp_path)
    assert len(site.ties.ties) == 10
    assert site.languages == ["fi", "sv", "en"]


@pytest.mark.slow
def test_network_scale_times_an_edit_under_netcard_serve(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from benchmarks import network_scale

    site = tmp_path / "site"
    shutil.copytree(small_site / "content", site / "content")
    monkeypatch.setattr(network_scale, "SERVE_SETTLE_SECONDS", 0.5)
    result = network_scale.SizeResult(members=60, ties=200)
    network_scale.measure_served_edits(site, result, 2)
    assert len(result.served_edit) == 2 and all(value > 0 for value in result.served_edit)
    member = network_scale.edited_member(site)
    edited = re.search(r"\(muokattu (benchmarkedit1x\d+)\)", member.read_text())
    assert edited is not None
    marker = edited.group(1)
    page = site / "output" / "workbook" / "members" / member.stem / "index.html"
    assert marker in page.read_text(encoding="utf-8")  # what was timed is what was served
    assert len(result.served_load) == 2
    assert network_scale._served(result).startswith("**")
