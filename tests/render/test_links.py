"""Where a link of a rendered page leads: the one reading `netcard check` and the bundle share."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.links import LinkTarget, link_target, site_root


@pytest.mark.parametrize("page, url, expected", [
    ("index.html", "members/alpha/index.html", LinkTarget("members/alpha/index.html")),
    ("members/alpha/index.html", "../beta/index.html#ties",
     LinkTarget("members/beta/index.html", "ties")),
    ("en/members/alpha/index.html", "../../../assets/netcard.css",
     LinkTarget("assets/netcard.css")),
    ("members/alpha/index.html", "../", LinkTarget("members/index.html")),
    ("members/index.html", "./", LinkTarget("members/index.html")),
    ("members/index.html", "../", LinkTarget("index.html")),
    ("members/index.html", "#alpha", LinkTarget("members/index.html", "alpha")),
    ("members/index.html", "?sort=name", LinkTarget("members/index.html")),
    ("index.html", "media/kuva%20%C3%A4.png", LinkTarget("media/kuva ä.png")),
    ("index.html", "  members/alpha/index.html ", LinkTarget("members/alpha/index.html")),
    ("404.html", "/members/alpha/index.html", LinkTarget("members/alpha/index.html")),
    ("404.html", "/", LinkTarget("index.html")),
])
def test_links_inside_the_site(page: str, url: str, expected: LinkTarget) -> None:
    assert link_target(page, url) == expected


@pytest.mark.parametrize("url", [
    "https://example.org/", "mailto:a@example.org", "tel:+358401234567", "data:,",
    "//example.org/x.png", "javascript:alert(1)",
])
def test_links_that_leave_the_site(url: str) -> None:
    assert link_target("members/index.html", url) is None


def test_paths_from_the_root_start_where_the_site_is_served() -> None:
    root = site_root("https://example.org/network")
    assert root == site_root("https://example.org/network/") == "/network/"
    assert site_root(None) == site_root("https://example.org") == "/"
    assert link_target("404.html", "/network/members/", root) == LinkTarget(
        "members/index.html")
    assert link_target("404.html", "/network/", root) == LinkTarget("index.html")
    # Outside the site's folder: a file of the profile that does not exist.
    assert link_target("404.html", "/other/x.html", root) == LinkTarget("other/x.html")


def test_a_link_above_the_profile_stays_above_it() -> None:
    target = link_target("index.html", "../../etc/passwd")
    assert target is not None and target.path.startswith("../")


TRANSLATION_LINKS: dict[str, str | bytes | None] = {
    "pages/tietoa.md": "---\ntitle: {fi: Tietoa, sv: Om oss, en: About}\n---\n"
                       "[På svenska](pages/tietoa.sv.md), [in English](pages/tietoa.en.md#x).\n",
    "pages/tietoa.sv.md": "---\n---\n[Suomeksi](pages/tietoa.md) och [Yhteys](pages/yhteys.md).\n",
    "pages/yhteys.md": "---\ntitle: Yhteys\n---\n[Ruotsiksi](./pages/tietoa.sv.md)\n",
}


def test_a_link_to_a_translation_file_leads_to_that_language_page(
    tmp_path: Path,
) -> None:
    """`[x](pages/tietoa.sv.md)` is the Swedish page of tietoa, from any language's page;
    a translation the page does not have (tietoa.en.md) leads nowhere, and check says so."""
    from generator.build import build
    from generator.check import link_problems
    from tests.conftest import write_site

    site = write_site(tmp_path, TRANSLATION_LINKS)
    result = build(site, site / "output", ("public",))
    public = site / "output" / "public"
    finnish = (public / "tietoa" / "index.html").read_text("utf-8")
    assert 'href="../sv/tietoa/index.html"' in finnish
    assert "tietoa.en.md" not in finnish  # the broken link loses its link
    other = (public / "en" / "yhteys" / "index.html").read_text("utf-8")
    assert 'href="../../sv/tietoa/index.html"' in other  # from English: the Swedish page
    problems = link_problems(result)
    messages = [(e.file, e.message) for e in [*problems.errors, *problems.warnings]]
    assert all("tietoa.sv.md" not in message for _, message in messages), messages
    assert any("content/pages/tietoa.en.md leads nowhere" in message
               for _, message in messages), messages
