"""benchmarks/compare.py compares like with like: Hugo gets the menu netcard renders.

Times are measured by compare.py itself, never here.
"""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.compare import MENU, hugo_menu, netcard_site, sizes_option, synthetic_pages
from generator.build import render_site


def test_netcard_builds_with_its_defaults_and_hugo_gets_its_menu(tmp_path: Path) -> None:
    site = netcard_site(tmp_path / "netcard", synthetic_pages(12), search=False)
    assert not [page for page in (site / "content/pages").glob("*.md")
                if "menu:" in page.read_text(encoding="utf-8")]
    files = render_site(site, ("public",)).profiles["public"].files
    html = files["page-0001/index.html"].decode("utf-8")
    nav = html.split('<nav class="main-nav', 1)[1].split("</nav>", 1)[0]
    netcard = [(href.removeprefix("../").removesuffix("index.html"), label)
               for href, label in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav)]
    hugo = list(zip([ref.strip("/") + "/" if ref != "/" else "" for _, ref in MENU],
                    re.findall(r'name = "([^"]*)"', hugo_menu()), strict=True))
    assert netcard == hugo


def test_sizes_are_a_comma_separated_list() -> None:
    assert sizes_option("1000,10_000") == [1000, 10000]
