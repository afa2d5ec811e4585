"""`netcard diff --svg FILE`: the change drawn on the network, on a real git repository."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

import generator.diff.drawing as drawing
from tests.diff.test_diff import MEMBER, commit, diff, repo  # noqa: F401  (repo: a fixture)

ADDED_TIE = "  - between: [uusi-jasen, esimerkkiopisto]\n"


def _change(root: Path) -> None:
    """A member added with a tie, another removed with its ties (in the working tree)."""
    content = root / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(MEMBER, encoding="utf-8")
    (content / "members" / "esimerkkiyritys.yaml").unlink()
    ties = content / "ties.yaml"
    kept = [item for item in re.split(r"(?m)^(?=  - )", ties.read_text(encoding="utf-8"))
            if "esimerkkiyritys" not in item]
    ties.write_text("".join(kept) + ADDED_TIE, encoding="utf-8")


def test_the_drawing_shows_what_was_added_and_removed(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    _change(repo)
    target = tmp_path / "changes.svg"
    code, out, err = diff(capsys, str(repo / "site"), "--svg", str(target))
    assert code == 0, err
    assert "### Muutokset" in out and f"Wrote the drawing of the change to {target}" in err
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')
    assert 'data-change="added" data-member="uusi-jasen"' in svg
    assert 'data-change="removed" data-member="esimerkkiyritys"' in svg
    assert re.search(r'<path data-change="added" d="M[^"]+" fill="none" stroke="#0072b2"', svg)
    assert re.search(r'<path data-change="removed" d="M[^"]+"[^>]*stroke-dasharray', svg)
    assert ">+ Uusi jäsen</text>" in svg  # the site's default language
    assert "Verkoston muutokset: HEAD → työkopio" in svg  # and in its language
    assert "Poistettu: oranssi, katkoviiva, ontto piste" in svg
    diff(capsys, str(repo / "site"), "--lang", "en", "--svg", str(tmp_path / "en.svg"))
    english = (tmp_path / "en.svg").read_text(encoding="utf-8")
    assert "Network changes: HEAD → working tree" in english
    assert "Removed: orange, dashed line, hollow dot" in english
    assert ">+ New member</text>" in english
    code, _, _ = diff(capsys, str(repo / "site"), "--svg", str(tmp_path / "again.svg"))
    assert code == 0 and (tmp_path / "again.svg").read_bytes() == target.read_bytes()


def test_between_two_revisions(repo: Path, tmp_path: Path,  # noqa: F811
                               capsys: pytest.CaptureFixture[str]) -> None:
    _change(repo)
    commit(repo, "changed")
    target = tmp_path / "between.svg"
    code, _, err = diff(capsys, str(repo / "site"), "HEAD~1", "HEAD", "--format", "json",
                        "--svg", str(target))
    assert code == 0, err
    assert 'data-change="added" data-member="uusi-jasen"' in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "message"), [
    ("changes.txt", "does not end in .svg"),
    ("folder.svg", "is a folder"),
    ("missing/changes.svg", "does not exist; create it first"),
    ("repo/site/content/changes.svg", "inside content/"),
])
def test_a_wrong_target_is_refused_before_anything_is_read(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
        name: str, message: str) -> None:
    (tmp_path / "folder.svg").mkdir()
    code, out, err = diff(capsys, str(repo / "site"), "--svg", str(tmp_path / name))
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert not (repo / "site" / "content" / "changes.svg").exists()


def test_an_unwritable_place_is_an_environment_problem(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, data: bytes, durable: bool) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(drawing, "write_atomic", refuse)
    target = tmp_path / "changes.svg"
    code, out, err = diff(capsys, str(repo / "site"), "--svg", str(target))
    assert code == 3 and out == ""  # nothing printed as if it had worked
    assert f"the drawing could not be written to {target} (permission denied)" in err
    assert "choose a folder you can write to with --svg" in err and "Traceback" not in err
    assert not target.exists()


def test_the_help_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    with pytest.raises(SystemExit):
        main(["diff", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--svg FILE.svg" in help_text and "removed ones in orange" in help_text
