"""`netcard diff` on a real git repository made in tmp_path from a starter site."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *arguments: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *arguments], capture_output=True,
                          text=True, check=True, env={**os.environ, **GIT_ENV})
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose subfolder site/ holds a starter site, committed once."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    assert main(["new", str(root / "site")]) == 0
    commit(root, "starter")
    return root


def diff(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["diff", *arguments])
    out, err = capsys.readouterr()
    return code, out, err


def diff_json(capsys: pytest.CaptureFixture[str], *arguments: str) -> dict:
    code, out, err = diff(capsys, *arguments, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if ".git" in path.parts:
            continue
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


MEMBER = "name: {fi: Uusi jäsen, sv: Ny medlem, en: New member}\nsector: municipality\n"


def test_no_changes_says_so(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = diff(capsys, str(repo / "site"), "--lang", "en")
    assert code == 0
    assert "Nothing new becomes public." in out and "No content changed." in out


def test_added_and_removed_member_changed_field_and_ties(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = repo / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(MEMBER, encoding="utf-8")
    (content / "members" / "esimerkkiyritys.yaml").unlink()
    ties = (content / "ties.yaml").read_text(encoding="utf-8")
    (content / "ties.yaml").write_text(
        ties.replace("esimerkkiyritys", "uusi-jasen"), encoding="utf-8")
    edit(content / "members" / "esimerkkiyhdistys.yaml", "sector:",
         "phone: \"+358 40 123 4567\"\nsector:")
    summary = diff_json(capsys, str(repo / "site"))
    members = summary["changes"]["members"]
    assert members["added"] == ["uusi-jasen"]
    assert members["removed"] == ["esimerkkiyritys"]
    assert members["changed"]["esimerkkiyhdistys"]["phone"] == {
        "before": None, "after": "+358 40 123 4567"}
    tie_changes = summary["changes"]["ties"]
    assert any("uusi-jasen" in key for key in tie_changes["added"])
    assert any("esimerkkiyritys" in key for key in tie_changes["removed"])
    assert {"new and public"} <= {item["reason"] for item in summary["becomes_public"]}
    before, after = summary["figures"]["before"], summary["figures"]["after"]
    assert set(before) == {"nodes", "ties", "density", "centralization", "components"}
    assert after["nodes"] == before["nodes"]  # one added, one removed


def test_visibility_made_public_comes_first(repo: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    member = repo / "site" / "content" / "members" / "kokemusasiantuntijat.yaml"
    edit(member, "\nvisibility: internal", "\nvisibility: public")
    code, out, _ = diff(capsys, str(repo / "site"), "--lang", "en")
    assert code == 0
    public_part = out.index("Becomes public")
    assert public_part < out.index("### Changes")
    made_public = out.index("(`kokemusasiantuntijat`): made public")
    assert public_part < made_public < out.index("### Changes")


def test_figures_before_and_after(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ties = repo / "site" / "content" / "ties.yaml"
    text = ties.read_text(encoding="utf-8")
    ties.write_text(text + "  - between: [eeva-esimerkki, esimerkkiyritys]\n", encoding="utf-8")
    summary = diff_json(capsys, str(repo / "site"))
    assert summary["figures"]["after"]["ties"] == summary["figures"]["before"]["ties"] + 1
    assert summary["figures"]["after"]["density"] > summary["figures"]["before"]["density"]


def test_json_is_stable_and_says_what_markdown_says(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = repo / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(MEMBER, encoding="utf-8")
    first = diff(capsys, str(repo / "site"), "--format", "json")[1]
    assert first == diff(capsys, str(repo / "site"), "--format", "json")[1]
    summary = json.loads(first)
    markdown = diff(capsys, str(repo / "site"), "--lang", "en")[1]
    for section, change in summary["changes"].items():
        assert f"#### {section.capitalize()}" in markdown
        for key in change["added"] + change["removed"]:
            assert f"`{key}`" in markdown
    for item in summary["becomes_public"]:
        assert f"(`{item['item']}`): {item['reason']}" in markdown


def test_two_revisions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = repo / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(MEMBER, encoding="utf-8")
    commit(repo, "a member")
    (content / "members" / "uusi-jasen.yaml").unlink()  # in the working tree only
    summary = diff_json(capsys, str(repo / "site"), "HEAD~1", "HEAD")
    assert summary["before"] == "HEAD~1" and summary["after"] == "HEAD"
    assert summary["changes"]["members"]["added"] == ["uusi-jasen"]
    one = diff_json(capsys, str(repo / "site"), "HEAD~1")  # against the working tree
    assert "members" not in one["changes"]


def test_revision_first_when_run_in_the_site(repo: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "site")
    assert diff_json(capsys, "HEAD")["before"] == "HEAD"


def test_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = diff(capsys, str(repo / "site"), "no-such-branch")
    assert code == 2
    assert "'no-such-branch' is not a revision" in err and "git log" in err
    assert "Traceback" not in err


def test_not_in_git(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["new", str(tmp_path / "site")]) == 0
    code, _, err = diff(capsys, str(tmp_path / "site"))
    assert code == 2
    assert "is not in a git repository" in err and "git init" in err


def test_yaml_error_names_file_line_and_state(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    member = repo / "site" / "content" / "members" / "esimerkkiyritys.yaml"
    member.write_text("name: [unclosed\n", encoding="utf-8")
    code, _, err = diff(capsys, str(repo / "site"))
    assert code == 2
    assert "working tree" in err
    assert "content/members/esimerkkiyritys.yaml:" in err
    assert "Traceback" not in err


def test_error_in_a_revision_names_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    member = repo / "site" / "content" / "members" / "esimerkkiyritys.yaml"
    good = member.read_text(encoding="utf-8")
    member.write_text("name: [unclosed\n", encoding="utf-8")
    commit(repo, "broken")
    member.write_text(good, encoding="utf-8")
    code, _, err = diff(capsys, str(repo / "site"))
    assert code == 2
    assert "revision HEAD" in err and "content/members/esimerkkiyritys.yaml:2:1" in err


def test_site_folder_unchanged(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = repo / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(MEMBER, encoding="utf-8")
    before = tree_hash(repo)
    assert diff(capsys, str(repo / "site"))[0] == 0
    assert diff(capsys, str(repo / "site"), "--format", "json")[0] == 0
    assert tree_hash(repo) == before


def test_internal_member_named_on_public_page(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    page = repo / "site" / "content" / "pages" / "tietoa.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nKysy: kokemusasiantuntijat.\n", encoding="utf-8")
    summary = diff_json(capsys, str(repo / "site"))
    named = [item for item in summary["becomes_public"]
             if item["reason"] == "internal member named in public content"]
    assert [item["item"] for item in named] == ["kokemusasiantuntijat"]
    assert named[0]["fields"] == ["pages/tietoa"]


def test_summary_in_the_sites_language_naming_members_and_ties(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = repo / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(MEMBER, encoding="utf-8")
    ties = content / "ties.yaml"
    ties.write_text(ties.read_text(encoding="utf-8")
                    + "  - between: [uusi-jasen, esimerkkiyritys]\n", encoding="utf-8")
    code, finnish, _ = diff(capsys, str(repo / "site"))  # the starter's default: Finnish
    assert code == 0
    assert finnish.startswith("## Sisällön muutokset: HEAD → työkopio")
    assert "### ⚠️ Tulee julkiseksi" in finnish and "### Verkoston tunnusluvut" in finnish
    assert "- Lisätty: Uusi jäsen (`uusi-jasen`)" in finnish
    summary = diff_json(capsys, str(repo / "site"), "--lang", "sv")
    tie_key = next(key for key in summary["changes"]["ties"]["added"] if "uusi-jasen" in key)
    tie_name = summary["names"]["ties"][tie_key]
    assert "Ny medlem" in tie_name and "uusi-jasen" not in tie_name
    assert summary["names"]["members"]["uusi-jasen"] == "Ny medlem"
    mentioned = set(summary["names"]["members"])
    assert "uusi-jasen" in mentioned and len(mentioned) < 6  # only those the summary names
    swedish = diff(capsys, str(repo / "site"), "--lang", "sv")[1]
    assert "### Ändringar" in swedish and "- Tillagda: Ny medlem (`uusi-jasen`)" in swedish
    assert f"{tie_name} (`{tie_key}`)" in swedish
    english = diff(capsys, str(repo / "site"), "--lang", "en")[1]
    assert "- Added: New member (`uusi-jasen`)" in english


def test_names_cannot_make_markdown(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = repo / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(
        'name: "*Bold* [link](http://x.example) `code` <b>|"\nsector: ngo\n', encoding="utf-8")
    out = diff(capsys, str(repo / "site"), "--lang", "en")[1]
    assert ("\\*Bold\\* \\[link\\](http://x.example) \\`code\\` \\<b\\>\\| (`uusi-jasen`)"
            in out)


def test_a_summary_language_that_is_no_language_code_is_refused_before_loading(
        repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.diff import read_revision

    def not_loaded(*args: object) -> None:
        raise AssertionError("a revision was loaded")

    monkeypatch.setattr(read_revision, "load_state", not_loaded)
    code, out, err = diff(capsys, str(repo / "site"), "--lang", "englsh")
    assert code == 2 and out == ""
    assert "--lang englsh is not a language code" in err and "Traceback" not in err


def test_unknown_summary_language(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = diff(capsys, str(repo / "site"), "--lang", "xx")
    assert code == 2 and out == ""
    assert "--lang xx is not a language" in err and "en, fi, sv" in err
    assert "Traceback" not in err and "internal error" not in err
