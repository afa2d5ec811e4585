"""The workbook's history page: by year from the content's dates, and commit by commit
from a real git repository made in tmp_path (fixed dates, so the bytes are fixed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

import generator.build as build_module
import generator.diff.history as history_module
from generator.analyse.history import NOT_IN_GIT, SHALLOW, years_of
from generator.build import build, load_site
from generator.cli import main
from generator.diff.history import read_history
from generator.model.site import Site
from generator.paths import site_cache_dir

GIT_ENV = {"GIT_AUTHOR_NAME": "Tester", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Tester", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
MEMBER = "name: {fi: Uusi jäsen, sv: Ny medlem, en: New member}\nsector: municipality\n"
PAGE = "workbook/en/history/index.html"


def git(repo: Path, *arguments: str, date: str = "2025-01-01T12:00:00+00:00") -> str:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(repo), *arguments], capture_output=True,
                          text=True, check=True, env=env).stdout


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def history_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_ties: str = "") -> Path:
    """A repository with a starter site in site/ and three commits, a month or so apart:
    the starter, a new member (with `new_ties` added to ties.yaml), and a member removed
    with its ties."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    assert main(["new", str(root / "site")]) == 0
    commit(root, "Starter site", "2024-01-10T09:00:00+00:00")
    content = root / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(MEMBER, encoding="utf-8")
    ties = content / "ties.yaml"
    if new_ties:
        ties.write_text(ties.read_text(encoding="utf-8") + new_ties, encoding="utf-8")
    commit(root, "A new member joins", "2024-02-20T09:00:00+00:00")
    (content / "members" / "kokemusasiantuntijat.yaml").unlink()
    lines = ties.read_text(encoding="utf-8").splitlines(keepends=True)
    ties.write_text(_without_ties_of(lines, "kokemusasiantuntijat"), encoding="utf-8")
    commit(root, "The experts' group leaves", "2024-03-05T09:00:00+00:00")
    return root


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return history_repo(tmp_path, monkeypatch)


@pytest.fixture
def company_deleted(repo: Path) -> Path:
    """`repo` with a fourth commit: the example company, named in Finnish, Swedish and
    English, deleted from the content with its ties (and the link a workbook page had)."""
    content = repo / "site" / "content"
    (content / "members" / "esimerkkiyritys.yaml").unlink()
    ties = content / "ties.yaml"
    lines = ties.read_text(encoding="utf-8").splitlines(keepends=True)
    ties.write_text(_without_ties_of(lines, "esimerkkiyritys"), encoding="utf-8")
    stage = content / "workbook" / "vaihe-3-osaamiskartta.md"
    stage.write_text(stage.read_text(encoding="utf-8").replace(
        "(members/esimerkkiyritys.yaml)", ""), encoding="utf-8")
    commit(repo, "The company leaves", "2024-04-10T09:00:00+00:00")
    return repo


def _without_ties_of(lines: list[str], member: str) -> str:
    """ties.yaml without the list items (`- between: …` with what follows) naming `member`."""
    out: list[str] = []
    item: list[str] = []
    for line in lines:
        if line.startswith("  - ") or not line.startswith(" "):
            if not any(member in kept for kept in item):
                out.extend(item)
            item = []
        item.append(line)
    if not any(member in kept for kept in item):
        out.extend(item)
    return "".join(out)


def page(out: Path, path: str = PAGE) -> str:
    return (out / path).read_text(encoding="utf-8")


@pytest.mark.slow
def test_lists_each_commit_with_what_it_changed(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo / "site", out)
    html = page(out)
    for text in ("The experts&#39; group leaves", "A new member joins", "Starter site",
                 "2024-02-20", "Tester", "3 saved versions changed the content"):
        assert text in html
    assert "One member added:" in html and ">New member</a>" in html
    # deleted from the content: by the name its saved versions gave it, unlinked
    assert "One member removed or left: Kokemusasiantuntijoiden ryhmä (esimerkki)</li>" in html
    assert "ties removed:" in html or "One tie removed:" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="nc-chart nc-chart-series"' in html
    assert "Only the latest" not in html
    assert "Sparade versioner" in page(out, "workbook/sv/history/index.html")
    assert "Tallennetut versiot" in page(out, "workbook/history/index.html")
    # A commit message is taken to be in the site's language, as untranslated prose is
    assert '<strong><span lang="fi">A new member joins</span></strong>' in html
    assert "<strong>A new member joins</strong>" in page(out, "workbook/history/index.html")


@pytest.mark.slow
def test_a_commit_message_is_shown_as_text(repo: Path, tmp_path: Path) -> None:
    content = repo / "site" / "content"
    (content / "members" / "uusi-jasen.yaml").write_text(MEMBER.replace("New", "Newer"),
                                                         encoding="utf-8")
    commit(repo, '<img src=x onerror="alert(1)"> & <b>bold</b>', "2024-04-01T09:00:00+00:00")
    out = tmp_path / "out"
    build(repo / "site", out)
    for path in (PAGE, "workbook/history/index.html"):
        html = page(out, path)
        assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
        assert "<img src=x" not in html and "<b>bold" not in html


@pytest.mark.slow
def test_the_cap_says_when_it_is_reached(repo: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "HISTORY_CAP", 2)
    out = tmp_path / "out"
    build(repo / "site", out)
    html = page(out)
    assert "Only the latest 2 saved versions are shown" in html
    assert "Starter site" not in html and "A new member joins" in html
    history = read_history(repo / "site", None, _load, cap=1)
    assert history.capped and [c.message for c in history.commits] == [
        "The experts' group leaves"]


@pytest.mark.slow
def test_outside_git_shows_the_dates_with_a_note(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["new", str(tmp_path / "site")]) == 0
    out = tmp_path / "out"
    build(tmp_path / "site", out)
    html = page(out)
    assert "The site is not kept in git" in html
    assert "<h3>2024</h3>" in html and "members joined:" in html
    assert read_history(tmp_path / "site", None, _load).missing == NOT_IN_GIT


@pytest.mark.slow
def test_a_shallow_clone_shows_the_dates_with_a_note(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", (repo).as_uri(), str(clone))
    assert read_history(clone / "site", None, _load).missing == SHALLOW
    out = tmp_path / "out"
    build(clone / "site", out)
    assert "a shallow clone" in page(out)


@pytest.mark.slow
def test_same_repository_same_bytes(repo: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo / "site", tmp_path / "first")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-cache"))  # nothing cached
    build(repo / "site", tmp_path / "second")
    for language in ("", "en/", "sv/"):
        path = f"workbook/{language}history/index.html"
        assert (tmp_path / "first" / path).read_bytes() == (tmp_path / "second" / path).read_bytes()


@pytest.mark.slow
def test_the_public_site_has_no_history(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo / "site", out)
    assert not (out / "public" / "history").exists()
    public_pages = [path.read_text(encoding="utf-8") for path in (out / "public").rglob("*.html")]
    assert not any("history/index.html" in html for html in public_pages)
    assert 'href="history/index.html"' in page(out, "workbook/index.html")


def test_commits_are_read_once_then_cached(repo: Path) -> None:
    cache = site_cache_dir(repo / "site", inside_site=False)
    assert cache is not None
    first = read_history(repo / "site", cache, _load)
    assert len(list((cache / "history").glob("*.json"))) == 3

    def refuse(folder: Path) -> Site:
        raise AssertionError("a cached commit was read again")

    assert read_history(repo / "site", cache, refuse) == first


@pytest.mark.slow
def test_a_new_commit_renders_the_page_again(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(repo / "site", out)
    (repo / "site" / "content" / "members" / "toinen.yaml").write_text(
        MEMBER.replace("New member", "Second member"), encoding="utf-8")
    build(repo / "site", out)
    assert "Add the second member" not in page(out)
    commit(repo, "Add the second member", "2024-04-01T09:00:00+00:00")
    result = build(repo / "site", out)
    assert "Add the second member" in page(out)
    assert "workbook/en/history/index.html" not in result.reused_files()


@pytest.mark.slow
def test_a_commit_with_broken_content_is_shown_as_unreadable(repo: Path, tmp_path: Path) -> None:
    members = repo / "site" / "content" / "members"
    (members / "uusi-jasen.yaml").write_text("name: [broken\n", encoding="utf-8")
    commit(repo, "Broken for a while", "2024-04-01T09:00:00+00:00")
    (members / "uusi-jasen.yaml").write_text(MEMBER, encoding="utf-8")
    commit(repo, "Fixed", "2024-04-02T09:00:00+00:00")
    out = tmp_path / "out"
    build(repo / "site", out)
    html = page(out)
    assert "The content of this version had errors" in html
    assert "What this version changed is not known" in html


def test_years_from_the_content_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main(["new", str(tmp_path / "site")]) == 0
    years = {year.year: year for year in years_of(_load(tmp_path / "site"))}
    assert "esimerkkihanke" in years[2024].joined and "esimerkkihanke" in years[2024].left
    assert "esimerkkiyhdistys" in years[2025].joined
    assert years[2025].members >= years[2024].members  # the former member is gone by then
    assert all(year.ties <= 100 for year in years.values())


def _load(folder: Path) -> Site:
    return load_site(folder)[0]


def _commit_item(html: str, message: str) -> str:
    """The list item of one saved version on the history page (its lists and drawing)."""
    # (on another language's page the message is in a <span lang> of the site's language)
    found = re.search(rf"<li><p><strong>(?:<span lang=\"fi\">)?{re.escape(message)}(?:</span>)?"
                      r"</strong>.*?</li>\n  (?:<li>|</ul>)", html, flags=re.DOTALL)
    assert found is not None, message
    return found.group(0)


@pytest.mark.parametrize(("language", "name", "removed"), [
    ("", "Esimerkkiyritys Oy", "Yksi jäsen poistettiin tai lähti"),
    ("sv/", "Exempelföretaget Ab", "En medlem togs bort eller lämnade nätverket"),
])
@pytest.mark.slow
def test_a_deleted_member_is_named_in_the_page_s_language(
        company_deleted: Path, tmp_path: Path, language: str, name: str, removed: str) -> None:
    """A member deleted from the content has no page, but the saved versions kept its
    name: the lists, the tie lists, the drawing of the change and the picture over time
    give it in the page's language, never by its id, and without a link."""
    out = tmp_path / "out"
    build(company_deleted / "site", out)
    html = page(out, f"workbook/{language}history/index.html")
    item = _commit_item(html, "The company leaves")
    assert f"{removed}: {name}</li>" in item
    removed_ties = re.search(r"<li>[^<]*: ([^\n]*)</li>\n?\s*</ul>", item)
    assert removed_ties is not None and f"{name} → " in removed_ties.group(1)
    assert 'data-change="removed" data-member="esimerkkiyritys"' in item  # the drawing
    assert f">− {name}</text>" in item
    assert re.search(r'data-member="esimerkkiyritys" data-present="[^"]*">'
                     rf"<title>{re.escape(name)}</title>", html)  # the picture over time
    assert "members/esimerkkiyritys/" not in html
    visible = re.sub(r'"[^"]*"', "", html)  # the id may stay in attributes only
    assert "esimerkkiyritys" not in visible


def test_a_member_removed_before_the_cap_is_still_named(company_deleted: Path) -> None:
    """The state before the oldest commit shown is read too: it names the members that
    commit removed."""
    history = read_history(company_deleted / "site", None, _load, cap=1)
    assert [c.message for c in history.commits] == ["The company leaves"]
    assert history.commits[0].members_removed == ("esimerkkiyritys",)
    assert "esimerkkiyritys" not in dict(history.commits[0].state.names)
    assert dict(history.names)["esimerkkiyritys"] == (
        ("en", "Example Company Ltd"), ("fi", "Esimerkkiyritys Oy"),
        ("sv", "Exempelföretaget Ab"))
    assert "kokemusasiantuntijat" not in dict(history.names)  # in no state read


def test_a_cache_entry_of_an_older_format_is_read_again(company_deleted: Path) -> None:
    """An entry written before states kept names (no `format`, no `names`) is read from
    git again and rewritten, never taken for a state without names; so is a damaged one."""
    cache = site_cache_dir(company_deleted / "site", inside_site=False)
    assert cache is not None
    fresh = read_history(company_deleted / "site", cache, _load)
    entries = sorted((cache / "history").glob("*.json"))
    assert len(entries) == 4
    for entry in entries:
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert data["format"] == history_module.CACHE_FORMAT and data["names"]
        old = {key: value for key, value in data.items() if key not in ("format", "names")}
        entry.write_text(json.dumps(old), encoding="utf-8")
    damaged = json.loads(entries[0].read_text(encoding="utf-8"))
    entries[0].write_text(json.dumps({**damaged, "format": history_module.CACHE_FORMAT,
                                      "names": {"a": ["not", "a", "name"]}}), encoding="utf-8")
    loaded: list[Path] = []

    def counting(folder: Path) -> Site:
        loaded.append(folder)
        return _load(folder)

    again = read_history(company_deleted / "site", cache, counting)
    assert len(loaded) == 4 and again == fresh
    assert dict(again.names)["esimerkkiyritys"][1] == ("fi", "Esimerkkiyritys Oy")
    assert all("names" in json.loads(entry.read_text(encoding="utf-8")) for entry in entries)
    assert read_history(company_deleted / "site", cache, _refuse) == fresh


def _refuse(folder: Path) -> Site:
    raise AssertionError("a cached commit was read again")


@pytest.mark.slow
def test_a_commit_that_leaves_content_as_it_was_is_not_up_to_date(repo: Path,
                                                                    tmp_path: Path) -> None:
    """`netcard build`'s no-change check knows the commit: the page must show it."""
    out = tmp_path / "out"
    (repo / "site" / "content" / "members" / "toinen.yaml").write_text(MEMBER, encoding="utf-8")
    assert main(["build", str(repo / "site"), "-o", str(out)]) == 0
    commit(repo, "Committed after the build", "2024-04-01T09:00:00+00:00")
    assert main(["build", str(repo / "site"), "-o", str(out)]) == 0
    assert "Committed after the build" in page(out)


def test_the_series_chart_is_readable_and_deterministic() -> None:
    from generator.render.charts import series_chart

    rows = [("Members", [3.0, 5.0, 4.0], str), ("Density", [0.2, 0.5, 0.25], str)]
    labels = ["2024-01-10", "2024-02-20", "2024-03-05"]
    svg = series_chart(rows, labels, title="The network version by version")
    assert svg == series_chart(rows, labels, title="The network version by version")
    sizes = [float(size) for size in re.findall(r'font-size="([^"]*)"', svg)]
    assert sizes and min(sizes) >= 12
    assert "Members: 2024-01-10 3.0; 2024-02-20 5.0; 2024-03-05 4.0." in svg  # its <desc>
    with pytest.raises(ValueError, match="2 values for 3 points"):
        series_chart([("Ties", [1.0, 2.0], str)], labels, title="x")


@pytest.mark.slow
def test_the_charts_text_is_never_below_12_px(repo: Path, tmp_path: Path, browser: Any) -> None:
    """On a phone the wide chart scrolls in its box; its text stays 12 px or more."""
    out = tmp_path / "out"
    build(repo / "site", out)
    for language in ("", "sv/", "en/"):
        for width, height in ((390, 844), (1280, 800)):
            tab = browser.new_page(viewport={"width": width, "height": height})
            tab.goto((out / f"workbook/{language}history/index.html").as_uri())
            sizes = tab.evaluate("""Array.from(
                document.querySelectorAll('svg.nc-chart-series text'), text => {
                  const svg = text.ownerSVGElement;
                  return parseFloat(getComputedStyle(text).fontSize)
                    * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; })""")
            assert sizes, "the page has a chart with text"
            assert min(sizes) >= 11.9, (language, width, min(sizes))
            assert not tab.evaluate("document.documentElement.scrollWidth > innerWidth")
            tab.close()
