"""Large sites parse their folders' files on every core: the same site, the same errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build import load_site
from generator.content_types.registry import BUILT_IN
from generator.errors import ContentErrors, ErrorList
from generator.load import parse_workers, yaml_marks
from generator.load.content import RawContent, load_content
from generator.load.parse_workers import FileToParse, ParsedFile, parse_files
from generator.parallel import can_fork
from tests.conftest import EXAMPLE, SiteFactory

needs_fork = pytest.mark.skipif(not can_fork(), reason="one core, or no fork: never in workers")

BROKEN = {
    "pages/no-front-matter.md": "# Just a body\n",
    "pages/unclosed.md": "---\ntitle: Open\n",
    "pages/duplicate.md": "---\ntitle: A\ntitle: B\n---\nText\n",
    "pages/tabbed.md": "---\ntitle: T\n\tmenu: false\n---\nText\n",
    "pages/latin1.md": "---\ntitle: Ä\n---\n".encode("latin-1"),
    "pages/a-list.md": "---\n- one\n- two\n---\nText\n",
    "pages/Bad Name.md": "---\ntitle: Named badly\n---\n",
    "pages/notes.txt": "not a page\n",
    "members/gamma.yaml": "name: Gamma\nsector: education\nsector: ngo\n",
    "members/delta.yaml": "name: [unclosed\n",
    "members/epsilon.yaml": "- a list\n",
    # translations: good ones, a broken one, one whose page is missing, a wrong language
    "pages/page-001.sv.md": "---\ntitle: Sida 1\n---\n# Rubrik\n\nPå svenska.\n",
    "pages/page-001.en.md": "---\n---\nIn English.\n",
    "pages/page-002.sv.md": "---\ntitle: [unclosed\n---\nText\n",
    "pages/orphan.en.md": "---\ntitle: Orphan\n---\nNo page.\n",
    "pages/page-003.de.md": "---\n---\nDeutsch.\n",
    "pages/page-004.DRAFT.md": "---\n---\nX\n",
}


def pages(count: int) -> dict[str, str | bytes | None]:
    return {f"pages/page-{number:03d}.md":
            f"---\ntitle: Page {number}\norder: {number}\n---\n# Heading {number}\n\nText.\n"
            for number in range(count)}


def load_raw(site: Path, *, in_workers: bool,
             monkeypatch: pytest.MonkeyPatch) -> tuple[RawContent, ErrorList]:
    yaml_marks.take_parsed()  # as in a fresh process (the check for netcard serve)
    monkeypatch.setattr(parse_workers, "PARALLEL_LOAD_MIN_FILES", 1 if in_workers else 10**9)
    errors = ErrorList()
    raw = load_content(site, errors, [content_type.source for content_type in BUILT_IN])
    return raw, errors


def described(raw: RawContent) -> object:
    """Everything the load gave, as plain data (each file's data, marks and body)."""
    markdown = {folder: {identifier: (page.front.file, page.front.data, page.front.marks,
                                      page.front.key_marks, page.body, page.body_line)
                         for identifier, page in files.items()}
                for folder, files in raw.markdown.items()}
    translations = {folder: {identifier: {language: (page.front.file, page.front.data,
                                                     page.front.marks, page.body, page.body_line)
                                          for language, page in by_language.items()}
                             for identifier, by_language in pages.items()}
                    for folder, pages in raw.translations.items()}
    folders = {folder: {identifier: (document.file, document.data, document.marks,
                                     document.key_marks)
                        for identifier, document in files.items()}
               for folder, files in raw.folders.items()}
    return (markdown, translations, folders, list(raw.hashes.items()), sorted(raw.seen_files),
            list(raw.markdown), list(raw.folders), raw.single.keys())


@needs_fork
def test_workers_give_the_same_files_and_every_error_in_the_same_order(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = make_site({**pages(40), **BROKEN})
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Outside\n---\n", encoding="utf-8")
    os.symlink(outside, site / "content/pages/linked.md")
    (site / "content/pages/folder").mkdir()

    here, errors_here = load_raw(site, in_workers=False, monkeypatch=monkeypatch)
    workers, errors_workers = load_raw(site, in_workers=True, monkeypatch=monkeypatch)

    assert described(workers) == described(here)
    assert errors_workers.items == errors_here.items
    located = {(error.file, error.line) for error in errors_here.items}
    assert ("content/pages/duplicate.md", 3) in located  # file:line of the front matter
    assert ("content/members/gamma.yaml", 3) in located
    assert {"content/pages/linked.md", "content/pages/latin1.md", "content/pages/folder",
            "content/pages/Bad Name.md", "content/members/epsilon.yaml",
            "content/pages/page-002.sv.md", "content/pages/page-004.DRAFT.md"} <= {
        error.file for error in errors_here.items}
    assert set(here.translations["pages"]) == {"page-001", "orphan", "page-003"}
    assert here.translations["pages"]["page-001"]["en"].body == "In English.\n"


@needs_fork
def test_a_site_loaded_in_workers_is_the_site_loaded_here(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site / "content")
    (site / "content/workbook/vaihe-1-verkostokartoitus.en.md").write_text(
        "---\ntitle: 'Phase 1: mapping'\n---\nIn English.\n", encoding="utf-8")
    sites = []
    for threshold in (10**9, 1):
        yaml_marks.take_parsed()
        monkeypatch.setattr(parse_workers, "PARALLEL_LOAD_MIN_FILES", threshold)
        sites.append(load_site(site))
    assert sites[0] == sites[1]
    assert any(page.translations for page in sites[0][0].pages.values())  # the example's
    assert sites[0][0].workbook["vaihe-1-verkostokartoitus"].translations


@needs_fork
def test_a_broken_site_reports_the_same_errors_from_the_workers(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({**pages(20), **BROKEN,
                      "pages/bad-key.md": "---\ntitle: X\ncolour: red\n---\n",
                      "pages/page-005.sv.md": "---\nvisibility: internal\n---\nX\n"})
    reports = []
    for threshold in (10**9, 1):
        yaml_marks.take_parsed()
        monkeypatch.setattr(parse_workers, "PARALLEL_LOAD_MIN_FILES", threshold)
        with pytest.raises(ContentErrors) as raised:
            load_site(site)
        reports.append(raised.value.report())
    assert reports[0] == reports[1]
    assert "content/pages/bad-key.md:3:1" in reports[0]
    assert "content/pages/page-005.sv.md:2:13" in reports[0]  # a translation's, merged
    assert "content/pages/orphan.en.md: error: this translation has no page" in reports[0]


def _which_process(site_dir: Path, content_dir: Path, file: FileToParse) -> ParsedFile:
    return ParsedFile(None, [], {file.relative: str(os.getpid())}, set())


def _processes(count: int) -> set[str]:
    files = [FileToParse(f"pages/p{number}.md", True) for number in range(count)]
    parsed = parse_files(_which_process, Path("site"), Path("site/content"), files)
    assert [next(iter(file.hashes)) for file in parsed] == [file.relative for file in files]
    return {pid for file in parsed for pid in file.hashes.values()}


@needs_fork
def test_only_a_site_with_many_files_starts_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    yaml_marks.take_parsed()
    monkeypatch.setattr(parse_workers, "PARALLEL_LOAD_MIN_FILES", 50)
    assert _processes(49) == {str(os.getpid())}
    at_threshold = _processes(50)
    assert str(os.getpid()) in at_threshold and len(at_threshold) > 1  # here and a worker


@needs_fork
def test_a_process_holding_parsed_documents_parses_here(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """netcard serve: the documents the workers parsed are kept here, and the next build
    finds its unchanged files among them instead of starting workers again."""
    site = make_site(pages(10))
    load_raw(site, in_workers=True, monkeypatch=monkeypatch)
    assert yaml_marks.has_parsed()
    assert _processes(60) == {str(os.getpid())}
