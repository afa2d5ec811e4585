"""Where a link of a rendered page leads: the one reading `netcard check` and the bundle share."""

from __future__ import annotations

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
