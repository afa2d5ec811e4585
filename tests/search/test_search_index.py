"""The Pagefind index: one per profile and language, and nothing internal in the public one."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from generator import search
from generator.build import build
from generator.cli import main
from tests.build.test_build import internal_only_strings
from tests.conftest import SiteFactory

SECRET = "Zorblaxinternal"
PUBLIC_WORD = "Kvarkmeadow"

SITE = {
    "members/alpha.yaml": f"name: Alpha\nsector: education\nrole: core\n"
                          f"description: {{fi: Alpha {PUBLIC_WORD} fi, sv: Alpha {PUBLIC_WORD} sv, "
                          f"en: Alpha {PUBLIC_WORD} en}}\n",
    "members/hidden.yaml": f"name: Hidden {SECRET} member\nsector: education\n"
                           "visibility: internal\n",
    "workbook/plan.md": f"---\ntitle: Plan\nphase: 1\n---\nThe {SECRET} plan of the network.\n",
    "pages/about.md": f"---\ntitle: About\n---\nAbout {PUBLIC_WORD} us.\n"
                      f"\nThe {PUBLIC_WORD} network.\n",
    "strategy/goals.md": f"---\ntitle: Goals\n---\nOur {SECRET} goals.\n",
    "members/gamma.yaml": "name: Gamma\nsector: ngo\nwebsite: https://gamma.example.org/\n"
                          "email: gamma@example.org\nphone: \"+358 40 123 4567\"\n",
    "pages/kaannos.md": "---\ntitle: Käännös\n---\nSuomeksi Vorpalsana.\n",
    "pages/kaannos.sv.md": "---\ntitle: Översättning\n---\nPå svenska Glimmerord.\n",
}


def index_text(folder: Path) -> str:
    """Every file of a Pagefind bundle as text, the gzip-compressed ones decompressed."""
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            parts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(parts)


def fragments(folder: Path) -> list[dict[str, object]]:
    """The indexed pages: each fragment is `pagefind_dcd` followed by JSON."""
    found = []
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        found.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import write_site

    site = write_site(tmp_path_factory.mktemp("search"), SITE)
    build(site, site / "output")
    return site / "output"


@pytest.mark.parametrize("profile", ["public", "workbook"])
def test_every_profile_and_language_has_its_own_index(built: Path, profile: str) -> None:
    bundle = built / profile / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"fi", "sv", "en"}
    assert all(language["page_count"] > 3 for language in entry["languages"].values())
    urls = {str(fragment["url"]) for fragment in fragments(bundle)}
    assert "/members/alpha/index.html" in urls
    assert "/sv/members/alpha/index.html" in urls
    assert "/en/about/index.html" in urls
    # Neither the 404 page nor the search page itself is a search result.
    assert not any("404" in url or "/search/" in url for url in urls)


def test_languages_are_indexed_from_their_own_pages(built: Path) -> None:
    by_url = {str(f["url"]): f for f in fragments(built / "public" / "pagefind")}
    assert f"Alpha {PUBLIC_WORD} sv" in str(by_url["/sv/members/alpha/index.html"]["content"])
    assert f"Alpha {PUBLIC_WORD} en" in str(by_url["/en/members/alpha/index.html"]["content"])


def test_a_translated_page_is_indexed_with_its_languages_text(built: Path) -> None:
    by_url = {str(f["url"]): str(f["content"]) for f in fragments(built / "public" / "pagefind")}
    assert "Glimmerord" in by_url["/sv/kaannos/index.html"]
    assert "Vorpalsana" not in by_url["/sv/kaannos/index.html"]
    assert "Vorpalsana" in by_url["/kaannos/index.html"]
    assert "Glimmerord" not in by_url["/kaannos/index.html"]
    assert "Glimmerord" not in by_url["/en/kaannos/index.html"]  # (the Finnish text, marked)


def test_an_excerpt_keeps_each_field_apart(built: Path) -> None:
    """A label and its value read as one field, and each field as a sentence of its own:
    "Verkkosivut: https://… Sähköposti: …", never "Verkkosivuthttps://…Sähköposti"."""
    by_url = {str(f["url"]): str(f["content"]) for f in fragments(built / "public" / "pagefind")}
    finnish, english = by_url["/members/gamma/index.html"], by_url["/en/members/gamma/index.html"]
    # (links read as what they reach: the web site's host, the number grouped for reading)
    assert re.search(r"Verkkosivut: gamma\.example\.org\.? Sähköposti: "
                     r"gamma@example\.org\. Puhelin: 040 123 4567\.", finnish), finnish
    assert re.search(r"Website: gamma\.example\.org\.? E-mail: gamma@example\.org\. "
                     r"Phone: 040 123 4567\.", english), english
    # The network's figures (in the workbook: the public card has none by default): a name,
    # its value and what it means, apart.
    workbook = {str(f["url"]): str(f["content"])
                for f in fragments(built / "workbook" / "pagefind")}["/en/members/gamma/index.html"]
    assert "Ties: 0 how many members" in workbook and "Betweenness: 0.00 how often" in workbook


def test_public_index_contains_no_internal_content(built: Path) -> None:
    public = index_text(built / "public" / "pagefind")
    workbook = index_text(built / "workbook" / "pagefind")
    assert PUBLIC_WORD.lower() in public.lower()
    assert SECRET.lower() not in public.lower()
    assert "/workbook/" not in public and "/strategy/" not in public
    # The same search for the marker finds it where it belongs.
    assert SECRET.lower() in workbook.lower()


def test_menus_and_footer_are_not_indexed(built: Path) -> None:
    about = next(f for f in fragments(built / "public" / "pagefind")
                 if f["url"] == "/en/about/index.html")
    content = str(about["content"])
    assert PUBLIC_WORD in content
    assert "Made with" not in content  # footer
    assert "Members" not in content  # main menu


def test_example_public_index_has_no_internal_string(example_copy: Path,
                                                     example_output: Path) -> None:
    public = " ".join(f"{f['url']} {f['content']} {f.get('meta')}"
                      for f in fragments(example_output / "public" / "pagefind"))
    # Pagefind joins blocks with ". ", so compare the strings without edge punctuation.
    secrets = {s.strip(" .,:;") for s in internal_only_strings(example_copy)}
    secrets = {s for s in secrets if len(s) >= 16}
    assert len(secrets) > 50
    assert [s for s in secrets if s in public] == []


def test_search_false_builds_and_links_nothing_of_pagefind(make_site: SiteFactory) -> None:
    site = make_site({"site.yaml": "languages: [fi, sv, en]\nsearch: false\n"})
    build(site, site / "output")
    for profile in ("public", "workbook"):
        root = site / "output" / profile
        assert not (root / "pagefind").exists()
        assert not (root / "search").exists()
        assert not (root / "assets" / "netcard-search.js").exists()
        for page in root.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert "pagefind" not in text and "search/index.html" not in text, page


@pytest.mark.slow
def test_failed_indexing_leaves_the_old_output(make_site: SiteFactory,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site()
    out = site / "output"
    build(site, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (site / "content" / "pages").mkdir(exist_ok=True)
    (site / "content" / "pages" / "new.md").write_text("---\ntitle: New\n---\nNew page.\n")
    monkeypatch.setattr(search, "pagefind_executable", lambda: Path("/bin/false"))
    assert main(["build", str(site)]) == 1
    message = capsys.readouterr().err
    assert "Pagefind failed to index" in message and "previous output is unchanged" in message
    assert "bug" not in message
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(site.glob(".output.tmp-*"))
    # The failed build saved its page caches while Pagefind ran: they vouch only for
    # files that hold what they record, so the next build is a clean build's equal.
    monkeypatch.undo()
    assert main(["build", str(site)]) == 0
    clean = site.parent / "clean-output"
    build(site, clean)
    assert _tree_bytes(out) == _tree_bytes(clean)


def test_missing_pagefind_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pagefind(name: str, *args: object, **kwargs: object) -> object:
        if name == "pagefind_bin":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pagefind)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(search.SearchIndexError, match=r"pagefind\[bin\].*search: false"):
        search.pagefind_executable()


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_unchanged_pages_keep_their_index_without_running_pagefind(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(SITE)
    out = site / "output"
    build(site, out)
    index = _tree_bytes(out / "public" / "pagefind")
    # Same bytes, new modification time: the build runs, every page is reused.
    about = site / "content" / "pages" / "about.md"
    about.write_bytes(about.read_bytes())
    monkeypatch.setattr(search, "pagefind_executable", lambda: Path("/bin/false"))
    result = build(site, out)
    assert result.unchanged == {"public", "workbook"}
    assert _tree_bytes(out / "public" / "pagefind") == index


def test_pages_saved_while_pagefind_ran_are_reused_after_an_edit(
        make_site: SiteFactory) -> None:
    """With search on, the page caches are saved while Pagefind indexes, with the stamps
    of the new tree's files: once swapped in, those are the live files, so the next
    build takes every page the edit does not touch from them (the very same files)."""
    site = make_site(SITE)
    out = site / "output"
    build(site, out)
    member = out / "public" / "members" / "gamma" / "index.html"
    inode = member.stat().st_ino
    about = site / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("About", "All about", 1),
                     encoding="utf-8")
    result = build(site, out)
    public = result.profiles["public"]
    assert set(public.rendered) and len(public.rendered) < len(public.pages) / 2
    assert all("members/" not in path for path in public.rendered), public.rendered
    assert member.stat().st_ino == inode
    assert "All about" in index_text(out / "public" / "pagefind")


def test_a_changed_page_is_indexed_again(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    out = site / "output"
    build(site, out)
    about = site / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nQuuxberry appears.\n",
                     encoding="utf-8")
    result = build(site, out)
    assert result.unchanged == set()
    assert "Quuxberry" in index_text(out / "public" / "pagefind")


@pytest.mark.slow
def test_preview_serves_new_pages_first_and_indexes_them_after(
        make_site: SiteFactory, tmp_path: Path) -> None:
    from generator.build import complete_preview
    from generator.freshness import is_up_to_date

    site = make_site(SITE)
    out = site / "output"
    build(site, out, ("workbook",), preview=True)  # first build: complete at once
    assert is_up_to_date(site, out, ("workbook",))
    about = site / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nZyxwords appear.\n",
                     encoding="utf-8")
    result = build(site, out, ("workbook",), preview=True)
    page = out / "workbook" / "en" / "about" / "index.html"
    assert "Zyxwords" in page.read_text(encoding="utf-8")
    assert result.incomplete and result.search_pending == ("workbook",)
    assert "Zyxwords" not in index_text(out / "workbook" / "pagefind")
    assert not is_up_to_date(site, out, ("workbook",))  # not recorded as complete yet
    complete_preview(site, out, result)
    assert "Zyxwords" in index_text(out / "workbook" / "pagefind")
    assert is_up_to_date(site, out, ("workbook",))
    assert not list((out / "workbook").glob(".pagefind-next*"))
    # The preview's tree is what a clean build writes (the index aside: Pagefind's own).
    clean = tmp_path / "clean"
    build(site, clean, ("workbook",))
    without_index = {k: v for k, v in _tree_bytes(out).items() if "/pagefind/" not in k}
    assert without_index == {k: v for k, v in _tree_bytes(clean).items()
                             if "/pagefind/" not in k}
