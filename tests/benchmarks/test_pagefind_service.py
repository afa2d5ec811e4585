"""benchmarks/pagefind_service.py compares like with like: the service, given every page
of a folder, indexes the same pages as the command line run on that folder.

Times are measured by the benchmark, never here.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.pagefind_service import command_line, pages, service
from generator.build import build
from generator.search import INDEX_FOLDER, pagefind_executable
from tests.conftest import SiteFactory
from tests.search.test_search_index import SITE, fragments


def test_the_service_indexes_the_pages_the_command_line_does(make_site: SiteFactory,
                                                            tmp_path: Path) -> None:
    site = make_site(SITE)
    build(site, site / "output", ("public",))
    public = site / "output" / "public"
    assert pages(public) and not any(INDEX_FOLDER in p.parts for p in pages(public))
    command_line(public, tmp_path / "cli")
    service(pagefind_executable(), public, tmp_path / "service")

    def indexed(folder: Path) -> list[tuple[object, object]]:
        return sorted((f["url"], f["content"]) for f in fragments(folder))

    assert indexed(tmp_path / "cli") == indexed(tmp_path / "service")
    assert len(indexed(tmp_path / "cli")) >= 5
