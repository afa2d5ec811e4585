"""Incremental builds: an edit re-renders exactly what depends on it, never less."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.build as build_module
from generator import rebuilds
from generator.build import build
from generator.load import yaml_marks
from generator.render import incremental
from generator.render.site import PageOutput
from tests.build.test_build import tree_digest
from tests.conftest import SiteFactory

LANGS = ("", "sv/", "en/")


def rendered(site: Path) -> dict[str, set[str]]:
    result = build(site, site / "output")
    return {name: set(profile.rendered) for name, profile in result.profiles.items()}


def every_language(path: str) -> set[str]:
    return {prefix + path for prefix in LANGS}


SERVICE_SITE = {
    "network.yaml": "name: N\nservices:\n  - {id: s, name: S, providers: [alpha]}\n",
    "members/gamma.yaml": "name: Gamma\nrole: partner\n",
    "ties.yaml": "ties:\n  - between: [alpha, beta]\n",
}


def test_no_change_renders_nothing(make_site: SiteFactory) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    assert rendered(site) == {"public": set(), "workbook": set()}


@pytest.mark.slow
def test_description_edit_renders_that_member_only(make_site: SiteFactory) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    (site / "content/members/gamma.yaml").write_text("name: Gamma\nrole: partner\n"
                                                     "description: New words\n")
    assert rendered(site)["public"] == every_language("members/gamma/index.html")


def test_page_caches_written_side_by_side_are_used(make_site: SiteFactory,
                                                  monkeypatch) -> None:
    # Large sites write the two profiles' page caches in parallel (one in a forked
    # process): the next build must find both.
    monkeypatch.setattr(build_module, "PARALLEL_RECORD_MIN_PAGES", 0)
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    (site / "content/members/gamma.yaml").write_text("name: Gamma\nrole: partner\n"
                                                     "description: New words\n")
    assert rendered(site) == {"public": every_language("members/gamma/index.html"),
                              "workbook": every_language("members/gamma/index.html")}


def test_provider_name_edit_renders_its_pages_card_and_network(make_site: SiteFactory) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    (site / "content/members/alpha.yaml").write_text("name: Alpha Renamed\nsector: education\n"
                                                     "role: core\n")
    pages = rendered(site)["public"]
    for path in ("members/alpha/index.html", "index.html", "network/index.html",
                 "members/beta/index.html", "members/index.html"):
        assert every_language(path) <= pages, path
    assert not pages & every_language("members/gamma/index.html")


def test_a_title_edit_renders_its_table_and_round_again(make_site: SiteFactory) -> None:
    # Their pages' titles are read when the page renders (render/pages.py `titled`): a
    # title read while the pages were listed was no dependency, and the page went stale.
    future = "title: {}\nactions:\n  - {{action: A, responsible: [alpha]}}\n"
    evaluation = "title: {}\nresponses:\n  - {{debate: 4}}\n"
    site = make_site({"futures/f.yaml": future.format("F"),
                      "evaluations/r.yaml": evaluation.format("R")})
    build(site, site / "output")
    (site / "content/futures/f.yaml").write_text(future.format("G"))
    (site / "content/evaluations/r.yaml").write_text(evaluation.format("S"))
    pages = rendered(site)["workbook"]
    assert every_language("futures/f/index.html") <= pages
    assert every_language("evaluations/r/index.html") <= pages
    html = (site / "output/workbook/futures/f/index.html").read_text(encoding="utf-8")
    assert "<h1>G</h1>" in html


def test_new_theme_override_is_noticed(make_site: SiteFactory) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    override = site / "themes/default/templates/404.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "base.html" %}{% block main %}<p>Lost!</p>{% endblock %}')
    pages = rendered(site)["public"]
    assert pages == every_language("404.html")
    assert "Lost!" in (site / "output/public/404.html").read_text()


def test_creating_an_optional_file_re_renders_its_readers(make_site: SiteFactory) -> None:
    """ties.yaml and competences.yaml may be absent; creating one later is an edit too."""
    site = make_site({"members/gamma.yaml": "name: Gamma\nrole: partner\n"})
    build(site, site / "output")
    (site / "content/ties.yaml").write_text("ties:\n  - between: [alpha, gamma]\n")
    pages = rendered(site)["public"]
    assert every_language("members/gamma/index.html") <= pages
    assert every_language("network/index.html") <= pages
    assert "Gamma" in (site / "output/public/members/alpha/index.html").read_text()


@pytest.mark.slow
def test_corrupt_cache_is_discarded(make_site: SiteFactory) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    for cache in (site / ".netcard-cache").glob("pages-*.json"):
        cache.write_text("{not json")
    assert all(rendered(site).values())


@pytest.mark.parametrize("sources", [
    "not base64!", "AAA=", [0, 1], 7, None, "//////////8=",  # (the last: 2³²-1, not in the table)
], ids=["not-base64", "not-whole-numbers", "a-list", "a-number", "null", "outside-the-table"])
def test_a_cache_naming_a_pages_sources_wrongly_is_discarded(
        make_site: SiteFactory, sources: object) -> None:
    import json

    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    for cache in (site / ".netcard-cache").glob("pages-*.json"):
        data = json.loads(cache.read_text())
        for entry in data["pages"].values():
            entry[1] = sources
        cache.write_text(json.dumps(data))
    assert not incremental.PageCache.load(site / ".netcard-cache", "public",
                                          incremental.code_fingerprint()).entries
    result = build(site, site / "output")
    assert all(set(profile.rendered) == set(profile.pages)  # nothing taken from it
               for profile in result.profiles.values())


def test_the_page_cache_reads_back_what_it_packed() -> None:
    for indexes in ([], [0], [3, 70_000, 4_294_967_295], list(range(1000))):
        assert incremental._unpacked(incremental._packed(indexes)) == tuple(indexes)


def saved_cache(site: Path, profile: str = "public") -> dict:
    import json

    return json.loads((site / ".netcard-cache" / f"pages-{profile}.json").read_text())


def test_after_an_edit_the_page_cache_keeps_its_table_and_the_reused_pages_entries(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # A reused page keeps its sources' places in the table: nothing of it is worked out
    # again (a table made anew would name each reused page's sources first).
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    before = saved_cache(site)
    named = []

    def naming(cache: incremental.PageCache, page: PageOutput) -> PageOutput:
        named.append(page)
        return page

    monkeypatch.setattr(incremental.PageCache, "_named", naming)
    (site / "content/members/gamma.yaml").write_text("name: Gamma\nrole: partner\n"
                                                     "description: New words\n")
    edited = build(site, site / "output").profiles["public"].rendered
    after = saved_cache(site)
    old_names = [name for name, _ in before["sources"]]
    assert [name for name, _ in after["sources"]][:len(old_names)] == old_names
    kept = [path for path in before["pages"] if path not in edited]
    assert kept and all(after["pages"][path][1] == before["pages"][path][1] for path in kept)
    description = "file:content/members/gamma.yaml#description"
    assert dict(after["sources"])[description] != dict(before["sources"])[description]
    assert after["made_with"] == before["made_with"] == len(before["sources"])
    assert not named
    assert not any(rendered(site).values())  # and the kept table vouches for every page


def test_a_deleted_members_sources_leave_the_page_cache(make_site: SiteFactory) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    (site / "content/members/gamma.yaml").unlink()
    build(site, site / "output")
    after = saved_cache(site)
    assert not any("gamma" in name for name, _ in after["sources"])
    assert after["made_with"] == len(after["sources"])
    assert not any(rendered(site).values())


def test_a_page_cache_table_grown_too_large_is_made_anew(make_site: SiteFactory,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    for profile in ("public", "workbook"):  # as if the table had grown from one source
        data = saved_cache(site, profile)
        data["made_with"] = 1
        (site / ".netcard-cache" / f"pages-{profile}.json").write_text(json.dumps(data))
    monkeypatch.setattr(incremental, "TABLE_SLACK", 0)
    (site / "content/members/gamma.yaml").write_text("name: Gamma\nrole: partner\n"
                                                     "description: New words\n")
    build(site, site / "output")
    after = saved_cache(site)
    assert after["made_with"] == len(after["sources"])
    read = set().union(*(incremental._unpacked(entry[1]) for entry in after["pages"].values()))
    assert read == set(range(len(after["sources"])))  # no source that no page reads
    assert not any(rendered(site).values())


def test_tampered_output_is_not_reused(make_site: SiteFactory) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    page = site / "output/public/members/beta/index.html"
    page.write_text("tampered")
    assert "members/beta/index.html" in rendered(site)["public"]
    assert "tampered" not in page.read_text()



@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page file counts as written long ago: its stamp vouches for it."""
    monkeypatch.setattr(incremental, "RACY_NANOSECONDS", -10**15)


@pytest.mark.usefixtures("settled")
def test_a_settled_page_is_reused_without_reading_its_file(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    opened: list[str] = []
    monkeypatch.setattr(incremental, "open", lambda file, *a, **k: opened.append(file),
                        raising=False)
    (site / "content/members/gamma.yaml").write_text("name: Gamma\nrole: partner\n"
                                                     "description: New words\n")
    assert rendered(site)["public"] == every_language("members/gamma/index.html")
    assert opened == []
    assert "New words" in (site / "output/public/members/gamma/index.html").read_text()
    assert "Beta" in (site / "output/public/members/beta/index.html").read_text()


@pytest.mark.slow
@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("how", ["written over", "replaced by a file of the same size"])
def test_a_settled_page_changed_since_is_rendered_again(make_site: SiteFactory,
                                                       how: str) -> None:
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    page = site / "output/public/members/beta/index.html"
    original = page.read_bytes()
    if how == "written over":
        page.write_text("tampered")
    else:
        other = page.with_name("other")
        other.write_bytes(original.replace(b"Beta", b"Bxta"))
        os.replace(other, page)
    assert "members/beta/index.html" in rendered(site)["public"]
    assert page.read_bytes() == original


def test_a_page_changed_in_place_just_after_it_was_written_is_rendered_again(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Within one tick of a coarse file-system clock a page can be changed in place and
    # keep its inode, size and time: a page written that recently is checked by its bytes.
    monkeypatch.setattr(incremental, "RACY_NANOSECONDS", 10**15)  # every page is recent
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    page = site / "output/public/members/beta/index.html"
    original = page.read_bytes()
    status = page.stat()
    with page.open("r+b") as file:  # the same inode and size, the same time set back
        file.write(b"X" * 16)
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert "members/beta/index.html" in rendered(site)["public"]
    assert page.read_bytes() == original


def test_fields_of_unchanged_files_are_not_fingerprinted_one_by_one(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file whose whole model is unchanged vouches for every field of it.
    site = make_site({**SERVICE_SITE, "members/gamma.yaml": "name: Gamma\nrole: partner\n"
                                                            "description: Old words\n"})
    build(site, site / "output")
    computed: list[str] = []
    compute = incremental.Fingerprints._compute

    def spy(self: incremental.Fingerprints, source: str) -> str | None:
        computed.append(source)
        return compute(self, source)

    monkeypatch.setattr(incremental.Fingerprints, "_compute", spy)
    (site / "content/members/gamma.yaml").write_text("name: Gamma\nrole: partner\n"
                                                     "description: New words\n")
    assert rendered(site)["public"] == every_language("members/gamma/index.html")
    files = {source.partition("#")[0] for source in computed if source.startswith("file:")}
    assert files == {"file:content/members/gamma.yaml"}
    assert "New words" in (site / "output/public/members/gamma/index.html").read_text()


# an edit: (file, its new text or None to delete it) or ("rename", source, target)
Edit = tuple[str, str | None] | tuple[str, str, str]
EDITS: st.SearchStrategy[Edit] = st.sampled_from([
    ("members/alpha.yaml", "name: Alpha\nsector: education\nrole: core\n"),
    ("members/alpha.yaml", "name: {fi: Alfa, en: Alpha}\nsector: ngo\nrole: partner\n"),
    ("members/beta.yaml",
     "name: Beta\nsector: employment\ndescription: '*Hi* [a](members/alpha.yaml)'\n"),
    ("members/beta.yaml", None),
    ("members/gamma.yaml", "name: Gamma\nexternal: true\ncompetences: {x: 4}\n"),
    ("members/gamma.yaml", "name: Gamma\nleft: 2024\n"),
    ("members/delta.yaml", "name: Delta\nparent: alpha\nkind: unit\n"),
    ("members/delta.yaml", None),
    ("members/alpha.yaml", "name: Alpha\nsector: education\nvisibility: internal\n"),
    ("ties.yaml", "ties:\n  - between: [alpha, gamma]\n    strength: 5\n"),
    ("ties.yaml", "ties:\n  - {from: gamma, to: alpha, type: funding}\n"),
    ("ties.yaml", None),
    ("competences.yaml", "areas:\n  - {id: x, name: X}\nneeds:\n  - {area: x, level: 5}\n"),
    ("network.yaml", "name: N\nservices:\n  - {id: s, name: S, providers: [alpha]}\n"),
    ("network.yaml", "name: Renamed\ncoordination: {coordinators: [alpha]}\n"),
    ("pages/about.md", "---\ntitle: About\n---\nSee [alpha](members/alpha.yaml).\n"),
    ("pages/about.md", "---\ntitle: Tietoa\nmenu: false\n---\nBody\n"),
    ("pages/about.md", None),
    ("pages/about.sv.md", "---\ntitle: Om oss\n---\nSe [alpha](members/alpha.yaml).\n"),
    ("pages/about.sv.md", "---\n---\nPå svenska.\n"),
    ("pages/about.sv.md", None),
    ("workbook/w.en.md", "---\ntitle: W in English\n---\nWork in English\n"),
    ("workbook/w.en.md", None),
    ("workbook/w.md", "---\ntitle: W\nphase: 3\n---\nWork\n"),
    ("workbook/w.md", None),
    ("evaluations/r.yaml", "responses:\n  - {debate: 4, trust: [honesty]}\n"),
    ("evaluations/r.yaml", "title: R\nresponses:\n  - {debate: 2}\n"),
    ("evaluations/r.yaml", None),
    ("futures/f.yaml", "title: F\nactions:\n  - {action: A, responsible: [alpha]}\n"),
    ("futures/f.yaml", "title: G\nactions:\n  - {action: A, responsible: [alpha]}\n"),
    ("futures/f.yaml", None),
    ("site.yaml", "languages: [fi, en]\n"),
    ("site.yaml", "languages: [fi, sv, en]\nsearch: false\n"),
    ("site.yaml", "languages: [fi, sv, en]\npublic_sections: [competence-levels, tie-strength]\n"),
    ("rename", "members/gamma.yaml", "members/gamma-two.yaml"),
    ("rename", "pages/about.md", "pages/tietoja.md"),
    ("rename", "workbook/w.md", "strategy/w.md"),
])


def apply(site: Path, edit: Edit) -> None:
    if edit[0] == "rename":
        assert len(edit) == 3
        source, target = site / "content" / edit[1], site / "content" / edit[2]
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            source.rename(target)
        return
    path = site / "content" / edit[0]
    if edit[1] is None:
        path.unlink(missing_ok=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(edit[1], encoding="utf-8")


def references_ok(site: Path) -> bool:
    """Skip sequences that make the content invalid (other tests cover errors)."""
    from generator.build import load_site
    from generator.errors import ContentErrors

    try:
        load_site(site)
    except ContentErrors:
        return False
    return True


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(EDITS, min_size=1, max_size=5))
def test_incremental_equals_clean_build(tmp_path_factory, edits) -> None:
    from tests.conftest import MINIMAL, write_site

    root = tmp_path_factory.mktemp("inc")
    site = write_site(root / "site", {**MINIMAL, "search.yaml": None})
    (site / "content/site.yaml").write_text("languages: [fi, sv, en]\nsearch: false\n")
    build(site, site / "output")
    for edit in edits:
        apply(site, edit)
        if not references_ok(site):
            continue
        build(site, site / "output")
        clean = root / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(site / "content", clean / "content")
        build(clean, clean / "output")
        assert tree_digest(site / "output") == tree_digest(clean / "output"), edit


def test_unchanged_pages_are_linked_not_rewritten(make_site: SiteFactory) -> None:
    """A reused page is the previous build's file itself (same inode), not a copy."""
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    kept = site / "output/public/members/beta/index.html"
    changed = site / "output/public/members/gamma/index.html"
    before = kept.stat().st_ino, changed.stat().st_ino
    (site / "content/members/gamma.yaml").write_text("name: Gamma\nrole: partner\n"
                                                     "description: New words\n")
    build(site, site / "output")
    assert kept.stat().st_ino == before[0]
    assert changed.stat().st_ino != before[1]
    assert "New words" in changed.read_text()


PAGES_SITE = {
    "pages/plain.md": "---\ntitle: Plain\n---\nA page of the pages index only.\n",
    "pages/other.md": "---\ntitle: Other\n---\nSee [the plain page](pages/plain.md).\n",
    "pages/about.md": "---\ntitle: About\nmenu: true\n---\nIn the menu.\n",
}


def every_page(site: Path) -> set[str]:
    public = site / "output/public"
    return {str(path.relative_to(public)) for path in public.rglob("index.html")
            if "pagefind" not in path.parts} | every_language("404.html")


def test_a_title_edit_of_a_page_not_in_the_menu_renders_it_and_the_index_only(
        make_site: SiteFactory) -> None:
    # Issue 15: a free page's title is shown by the page itself and the pages index;
    # a page that links to it keeps its own link text, and the menu does not list it.
    site = make_site(PAGES_SITE)
    build(site, site / "output")
    (site / "content/pages/plain.md").write_text("---\ntitle: Renamed\n---\n"
                                                 "A page of the pages index only.\n")
    pages = rendered(site)
    expected = every_language("plain/index.html") | every_language("pages/index.html")
    assert pages["public"] == expected
    assert pages["workbook"] == expected
    index = (site / "output/public/en/pages/index.html").read_text(encoding="utf-8")
    assert ">Renamed</a>" in index and ">Plain</a>" not in index


@pytest.mark.slow
def test_a_title_edit_of_a_menu_page_renders_every_page_that_shows_the_menu(
        make_site: SiteFactory) -> None:
    site = make_site(PAGES_SITE)
    build(site, site / "output")
    (site / "content/pages/about.md").write_text("---\ntitle: About us\nmenu: true\n---\n"
                                                 "In the menu.\n")
    pages = rendered(site)["public"]
    assert pages == every_page(site)
    card = (site / "output/public/index.html").read_text(encoding="utf-8")
    assert '<a href="about/index.html">About us</a>' in card


def test_a_body_edit_leaves_the_pages_index_alone(make_site: SiteFactory) -> None:
    site = make_site(PAGES_SITE)
    build(site, site / "output")
    (site / "content/pages/plain.md").write_text("---\ntitle: Plain\n---\nNew words.\n")
    assert rendered(site)["public"] == every_language("plain/index.html")


TRANSLATED_SITE = {
    **PAGES_SITE,
    "pages/plain.sv.md": "---\n---\nEn sida på svenska.\n",
    "pages/about.sv.md": "---\ntitle: Om oss\n---\nI menyn.\n",
}


def test_a_translations_body_edit_renders_that_languages_page_only(
        make_site: SiteFactory) -> None:
    site = make_site(TRANSLATED_SITE)
    build(site, site / "output")
    (site / "content/pages/plain.sv.md").write_text("---\n---\nNya ord.\n", encoding="utf-8")
    assert rendered(site) == {"public": {"sv/plain/index.html"},
                              "workbook": {"sv/plain/index.html"}}
    assert "Nya ord." in (site / "output/public/sv/plain/index.html").read_text()


@pytest.mark.slow
def test_a_translations_title_edit_renders_what_shows_the_title(
        make_site: SiteFactory) -> None:
    site = make_site(TRANSLATED_SITE)
    build(site, site / "output")
    (site / "content/pages/about.sv.md").write_text("---\ntitle: Om nätverket\n---\n"
                                                    "I menyn.\n", encoding="utf-8")
    assert rendered(site)["public"] == every_page(site)  # a menu page: every page
    card = (site / "output/public/sv/index.html").read_text(encoding="utf-8")
    assert ">Om nätverket</a>" in card


@pytest.mark.slow
def test_adding_and_deleting_a_translation_renders_that_pages_languages(
        make_site: SiteFactory) -> None:
    """A new translation changes its language's page, and the other translated languages'
    pages read which translations there are (the default language's page reads none);
    deleting it falls back."""
    site = make_site(TRANSLATED_SITE)
    build(site, site / "output")
    english = site / "content/pages/plain.en.md"
    english.write_text("---\n---\nIn English.\n", encoding="utf-8")
    assert rendered(site)["public"] == {"sv/plain/index.html", "en/plain/index.html"}
    assert "In English." in (site / "output/public/en/plain/index.html").read_text()
    english.unlink()
    assert rendered(site)["public"] == {"sv/plain/index.html", "en/plain/index.html"}
    page = (site / "output/public/en/plain/index.html").read_text(encoding="utf-8")
    assert "In English." not in page and '<div class="fallback" lang="fi">' in page


TIE_TYPES = "types:\n  funding: {label: {fi: Rahoitus, sv: Finansiering, en: Funding}}\n"
TIE_SITE = {"members/gamma.yaml": "name: Gamma\nrole: partner\n"}


def member_page(site: Path, member: str, prefix: str = "", profile: str = "workbook") -> str:
    return (site / "output" / profile / prefix / "members" / member / "index.html").read_text()


def tie_line(strength: int = 2, since: str = "2019", note: str = "Old words") -> str:
    return (TIE_TYPES + "ties:\n  - {between: [alpha, beta], type: funding, "
            f"strength: {strength}, since: {since}, channels: [email], note: {note}}}\n")


@pytest.mark.slow
def test_a_tie_edit_renders_both_ends_pages_in_every_language_with_the_new_values(
        make_site: SiteFactory) -> None:
    """A member's tie rows are read once for all its languages (render/tie_rows.py): each
    language's page still depends on what its rows show, and shows the edit."""
    site = make_site({**TIE_SITE, "ties.yaml": tie_line()})
    build(site, site / "output")
    for ties, shown in ((tie_line(note="New words"), "New words"),
                        (tie_line(strength=5, note="New words"), "5/5"),
                        (tie_line(strength=5, since="2021-05", note="New words"), "2021")):
        (site / "content/ties.yaml").write_text(ties)
        pages = rendered(site)["workbook"]
        assert every_language("members/alpha/index.html") <= pages, shown
        assert every_language("members/beta/index.html") <= pages, shown
        for prefix in LANGS:
            for profile in ("workbook", "public") if shown != "5/5" else ("workbook",):
                assert shown in member_page(site, "alpha", prefix, profile), (shown, prefix)
                assert shown in member_page(site, "beta", prefix, profile), (shown, prefix)


def test_a_tie_type_label_edit_renders_the_pages_that_list_such_a_tie(
        make_site: SiteFactory) -> None:
    """The public pages show no ego graph (which reads the types too): their tie rows
    alone depend on the label."""
    site = make_site({**TIE_SITE, "ties.yaml": tie_line()})
    build(site, site / "output")
    (site / "content/ties.yaml").write_text(tie_line().replace("sv: Finansiering", "sv: Stöd"))
    for profile, pages in rendered(site).items():
        assert every_language("members/alpha/index.html") <= pages, profile
        assert every_language("members/beta/index.html") <= pages, profile
        assert not pages & every_language("members/gamma/index.html"), profile  # no tie
        assert "— Stöd," in member_page(site, "alpha", "sv/", profile)
        assert "— Funding," in member_page(site, "alpha", "en/", profile)


@pytest.mark.slow
def test_renaming_a_tie_end_renders_the_other_ends_pages_in_every_language(
        make_site: SiteFactory) -> None:
    """Two pages list Beta: each records its name, not only the first to word it."""
    site = make_site({**TIE_SITE, "members/delta.yaml": "name: Delta\n", "ties.yaml": (
        tie_line() + "  - {between: [gamma, beta]}\n")})
    build(site, site / "output")
    (site / "content/members/beta.yaml").write_text(
        "name: {fi: Beeta, sv: Betan}\nsector: employment\n")
    for profile, pages in rendered(site).items():
        for member in ("alpha", "gamma"):
            assert every_language(f"members/{member}/index.html") <= pages, (profile, member)
            assert ">Beeta</a>" in member_page(site, member, "", profile)
            assert ">Betan</a>" in member_page(site, member, "sv/", profile)
            assert '<span lang="fi">Beeta</span>' in member_page(site, member, "en/", profile)
        assert not pages & every_language("members/delta/index.html"), profile


@pytest.mark.slow
def test_a_members_services_and_groups_edit_renders_its_page_in_every_language(
        make_site: SiteFactory) -> None:
    """What a member page shows the same in every language (its services, groups, units,
    ties) is worked out for its first language and replayed for the others: each still
    depends on it."""
    network = ("name: N\nservices:\n  - {{id: s, name: Palvelu S, providers: [{0}]}}\n"
               "coordination:\n  groups:\n"
               "    - {{id: g, name: Ryhmä G, level: strategy, members: [{0}]}}\n")
    site = make_site({**SERVICE_SITE, "network.yaml": network.format("alpha")})
    build(site, site / "output")
    (site / "content/network.yaml").write_text(network.format("alpha, gamma"))
    pages = rendered(site)["workbook"]
    assert every_language("members/gamma/index.html") <= pages
    for prefix in LANGS:
        page = member_page(site, "gamma", prefix)
        assert "Palvelu S" in page and "Ryhmä G" in page, prefix


def test_a_one_off_build_keeps_no_parsed_documents_for_its_workers(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # netcard build builds once: its render workers would inherit every parsed file.
    monkeypatch.setattr(rebuilds, "_KEEPING", False)
    site = make_site(SERVICE_SITE)
    build(site, site / "output")
    assert not yaml_marks.has_parsed()
    monkeypatch.setattr(rebuilds, "_KEEPING", True)  # netcard serve
    build(site, site / "output")
    assert yaml_marks.has_parsed()
    yaml_marks.take_parsed()


@pytest.mark.parametrize("in_a_worker", [False, True])
def test_a_tie_edit_renders_the_graphs_once(make_site: SiteFactory, monkeypatch,
                                            in_a_worker: bool) -> None:
    """A build that computes a new analysis gives it the fingerprint the next build gives
    the same analysis read back from its cache (computed here or in a worker process)."""
    from generator.analyse import profiles

    if in_a_worker:
        monkeypatch.setattr(profiles, "PARALLEL_ANALYSIS_MIN_MEMBERS", 1)
    site = make_site({**SERVICE_SITE, "pages/about.md": "---\ntitle: About\n---\nText\n"})
    build(site, site / "output")
    (site / "content/ties.yaml").write_text("ties:\n  - between: [alpha, gamma]\n")
    assert every_language("network/index.html") <= rendered(site)["workbook"]
    (site / "content/pages/about.md").write_text("---\ntitle: About\n---\nNew text\n")
    assert rendered(site) == {"public": every_language("about/index.html"),
                              "workbook": every_language("about/index.html")}


COMPETENCE_SITE = {
    **SERVICE_SITE,
    "competences.yaml": "areas:\n  - {id: x, name: X}\n",
    "members/alpha.yaml": "name: Alpha\nsector: education\nrole: core\ncompetences: {x: 4}\n",
}


def test_the_competence_maps_are_worked_out_only_for_a_page_that_shows_them(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The competence maps (and the targets, and the tie suggestions) are worked out when
    a page first reads them: an edit that reuses the pages showing them skips them."""
    from generator.analyse import profiles

    site = make_site(COMPETENCE_SITE)
    build(site, site / "output")
    worked_out: list[str] = []
    competence_maps = profiles.competence_maps

    def spied(view: Any) -> Any:
        worked_out.append(view.profile.value)
        return competence_maps(view)

    monkeypatch.setattr(profiles, "competence_maps", spied)
    (site / "content/members/gamma.yaml").write_text("name: Gamma\nrole: partner\n"
                                                     "description: New words\n")
    assert rendered(site)["public"] == every_language("members/gamma/index.html")
    assert worked_out == []
    page = site / "output/workbook/en/competences/index.html"
    before = page.read_text(encoding="utf-8")
    (site / "content/members/alpha.yaml").write_text(
        "name: Alpha\nsector: education\nrole: core\ncompetences: {x: 2}\n")
    assert every_language("competences/index.html") <= rendered(site)["workbook"]
    assert "workbook" in worked_out  # (levels are not public: the card's page stays)
    assert page.read_text(encoding="utf-8") != before
