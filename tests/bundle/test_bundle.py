"""`netcard bundle`: one self-contained file whose every link works offline."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from generator.bundle import make_bundle
from generator.cli import main
from generator.paths import default_theme_dir
from tests.bundle.bundle_support import (
    SMALL_SITE,
    URL_IN_CSS,
    Parsed,
    csp_of,
    ids_of,
    parse,
    sections_of,
    sha256_source,
)
from tests.conftest import SiteFactory, write_site


def run(argv: list[str]) -> int:
    """The exit code, whether main returns it or argparse exits with it."""
    try:
        return main(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)


URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "action", "formaction", "xlink:href")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("small"), SMALL_SITE)


@pytest.fixture(scope="module")
def small_bundle(small: Path) -> bytes:
    return make_bundle(small)[0].html


@pytest.fixture(scope="module")
def example_bundle(example_copy: Path) -> bytes:
    return make_bundle(example_copy)[0].html


@pytest.fixture(params=["small", "example"])
def bundle(request: pytest.FixtureRequest) -> bytes:
    html: bytes = request.getfixturevalue(f"{request.param}_bundle")
    return html


def test_no_relative_url_anywhere(bundle: bytes) -> None:
    parsed = parse(bundle)
    for tag, attrs in parsed.tags:
        for name in URL_ATTRIBUTES:
            value = (attrs.get(name) or "").strip()
            if name not in attrs:
                continue
            if value.startswith(("#", "data:")):
                continue
            assert tag in ("a", "area") and value.startswith(
                ("https://", "http://", "mailto:", "tel:")), f"<{tag} {name}={value!r}>"
    for style in parsed.styles:
        assert all(url.startswith("data:") for url in URL_IN_CSS.findall(style))


def test_every_fragment_link_has_its_target_and_ids_are_unique(bundle: bytes) -> None:
    parsed = parse(bundle)
    ids = ids_of(parsed)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    known = set(ids)
    fragments = [str(attrs["href"])[1:] for _, attrs in parsed.tags
                 if str(attrs.get("href") or "").startswith("#")]
    assert fragments and not [f for f in fragments if f not in known]
    for tag, attrs in parsed.tags:
        for name in ("for", "list", "aria-labelledby", "aria-describedby", "data-graph"):
            for target in (attrs.get(name) or "").split():
                assert target in known, f"<{tag} {name}={target!r}> has no element"


def test_graph_links_point_at_sections(bundle: bytes) -> None:
    parsed = parse(bundle)
    known = set(ids_of(parsed))
    graphs = [attrs for attrs, _ in parsed.scripts if attrs.get("type") == "application/json"]
    assert graphs
    for attrs, text in parsed.scripts:
        if attrs.get("type") != "application/json":
            continue
        urls = [node["url"] for node in json.loads(text)["nodes"] if node.get("url")]
        assert urls and all(url[0] == "#" and url[1:] in known for url in urls)


def test_bundle_is_deterministic(small: Path, small_bundle: bytes) -> None:
    assert make_bundle(small)[0].html == small_bundle


def test_csp_allows_exactly_the_inline_scripts_and_styles(bundle: bytes) -> None:
    parsed = parse(bundle)
    csp = csp_of(parsed)
    assert csp["default-src"] == ["'none'"] and csp["connect-src"] == ["'none'"]
    assert csp["img-src"] == ["data:"]
    executable = [text for attrs, text in parsed.scripts if attrs.get("type") is None]
    assert [attrs for attrs, _ in parsed.scripts if attrs.get("src")] == []
    assert len(executable) >= 2  # vis-network, the graph, the table and the controller
    assert sorted(csp["script-src"]) == sorted({sha256_source(t) for t in executable})
    assert sorted(csp["style-src"]) == sorted({sha256_source(s) for s in parsed.styles})
    assert "'unsafe-inline'" not in csp["script-src"] + csp["style-src"]


def test_head_says_noindex_and_loads_nothing(bundle: bytes) -> None:
    parsed = parse(bundle)
    assert ("meta", {"name": "robots", "content": "noindex, nofollow"}) in parsed.tags
    assert not [attrs for tag, attrs in parsed.tags if tag == "link"
                and not str(attrs.get("href", "")).startswith("data:")]
    assert not re.search(rb"""(src|href)\s*=\s*["']?//""", bundle)


def section_html(html: bytes, section: str) -> str:
    """One bundle section's markup, up to the next bundle section (or the end of main)."""
    text = html.decode()
    start = text.index(f'<section id="{section}" class="bundle-section')
    after = start + len(section) + 40
    ends = [text.find(marker, after) for marker in ('class="bundle-section', "</main>")]
    return text[start:min(end for end in ends if end != -1)]


def test_small_site_order_links_and_media(small_bundle: bytes) -> None:
    parsed = parse(small_bundle)
    assert sections_of(parsed) == [
        "home", "card", "members", "members--alpha", "members--beta", "members--gamma",
        "network", "coordination", "history", "portfolios", "workbook", "workbook--vaihe-1",
        "strategy", "strategy--strategia", "pages", "tietoa"]
    card = section_html(small_bundle, "card")  # the preview of the public card
    assert 'href="#members--alpha"' in card and 'id="card__service-neuvonta"' in card
    home = section_html(small_bundle, "home")  # the workbook's home: its dashboard
    assert 'href="#card"' in home and 'id="home__service-neuvonta"' in home
    alpha = section_html(small_bundle, "members--alpha")
    assert 'href="#home__service-neuvonta"' in alpha  # index.html#service-neuvonta
    assert 'href="#members--beta"' in alpha
    assert 'src="data:image/png;base64,' in alpha
    assert 'href="https://alpha.example.org/"' in alpha
    workbook = section_html(small_bundle, "workbook--vaihe-1")
    assert 'href="#strategy--strategia"' in workbook and 'href="#members--alpha"' in workbook
    network = section_html(small_bundle, "network")
    assert 'data-graph="network__network-graph-data"' in network
    assert 'id="network__network-graph-data"' in network
    exports = re.findall(r'<a href="data:([^;]+);[^"]*" download="([^"]+)"', network)
    assert {name for _, name in exports} >= {"network.json", "members.csv", "ties.csv"}
    logo = next(a for tag, a in parsed.tags if tag == "link" and a.get("rel") == "icon")
    svg = base64.b64decode(str(logo["href"]).split(",", 1)[1])
    assert svg.startswith(b"<svg")
    assert b"Pieni verkosto" in small_bundle and b'<html lang="fi"' in small_bundle


def test_other_language(small: Path) -> None:
    html = make_bundle(small, "en")[0].html
    parsed = parse(html)
    assert html.startswith(b"<!DOCTYPE html>\n<html lang=\"en\"")
    assert "Phase one" in section_html(html, "workbook--vaihe-1")
    assert "tietoa" in sections_of(parsed)
    assert b"Small network" in html and b"Contents" in html


def test_cli_writes_the_file(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             small_bundle: bytes) -> None:
    target = tmp_path / "out" / "workbook.html"
    assert main(["bundle", str(small), "-o", str(target)]) == 0
    assert target.read_bytes() == small_bundle
    assert sorted(p.name for p in target.parent.iterdir()) == ["workbook.html"]
    assert "16 sections" in capsys.readouterr().out
    assert main(["bundle", str(small), "--output", str(target), "--lang", "en"]) == 0
    assert b'<html lang="en"' in target.read_bytes()


@pytest.mark.parametrize("arguments, message", [
    (["-o", "{tmp}/workbook.txt"], "does not end in .html"),
    (["-o", "{tmp}"], "does not end in .html"),
    (["-o", "{tmp}/w.html", "--lang", "de"], "no language 'de'"),
    ([], "-o/--output"),
])
def test_cli_usage_errors(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          arguments: list[str], message: str) -> None:
    argv = ["bundle", str(small), *[a.replace("{tmp}", str(tmp_path)) for a in arguments]]
    assert run(argv) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_a_folder_named_html(small: Path, tmp_path: Path) -> None:
    (tmp_path / "x.html").mkdir()
    assert main(["bundle", str(small), "-o", str(tmp_path / "x.html")]) == 2


def test_content_errors_exit_2_and_keep_the_old_file(make_site: SiteFactory, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({"members/beta.yaml": "name: Beta\nsector: nowhere\n"})
    target = tmp_path / "workbook.html"
    target.write_bytes(b"old")
    assert main(["bundle", str(site), "-o", str(target)]) == 2
    assert "members/beta.yaml:2:" in capsys.readouterr().err
    assert target.read_bytes() == b"old"


def _executable(parsed: Parsed) -> list[str]:
    return [text for attrs, text in parsed.scripts if attrs.get("type") is None]


def test_scripts_are_inlined_once(example_bundle: bytes) -> None:
    scripts = _executable(parse(example_bundle))
    assert len(scripts) == 6
    assert sum("vis-network" in s[:2000] or "vis.Network" in s for s in scripts) >= 1
    assert sum("netcardBundleGraph = function" in s for s in scripts) == 1
    assert sum("table.sortable" in s for s in scripts) == 1
    assert sum("[data-service-finder]" in s for s in scripts) == 1  # the card's finder
    assert sum("section.timeline[data-steps]" in s for s in scripts) == 1  # history's slider


def contents_titles(html: bytes) -> dict[str, str]:
    """Section id → the text of its line in the table of contents."""
    toc = html.decode().split('<nav class="bundle-toc"', 1)[1].split("</nav>", 1)[0]
    return dict(re.findall(r'<a href="#([^"]+)">([^<]*)</a>', toc))


def test_sections_are_titled_as_the_renderer_titled_their_pages(small_bundle: bytes) -> None:
    """Titles come from the renderer's records, not from the first heading of the page:
    the card preview shows the card (whose heading is the network's name) under its own
    title."""
    from generator.render import i18n

    titles = contents_titles(small_bundle)
    assert titles["card"] == i18n.translate("fi", "workbook.preview_title")
    assert titles["members--alpha"] == "Alpha" and titles["tietoa"] == "Tietoa"
    assert 'aria-label="Alpha"' in section_html(small_bundle, "members--alpha")


def test_titles_are_escaped_once(make_site: SiteFactory) -> None:
    site = make_site({"pages/q.md": '---\ntitle: "Tom & Jerry <b> \\"quoted\\""\n---\nText.\n'})
    html = make_bundle(site)[0].html
    assert contents_titles(html)["q"] == "Tom &amp; Jerry &lt;b&gt; &#34;quoted&#34;"
    assert b"<b>" not in html.split(b"<main", 1)[0]


def test_the_bundle_files_of_the_theme_are_inlined_not_published(
        make_site: SiteFactory) -> None:
    """The bundle's layout and controller live in the theme's bundle/ folder; a site's
    theme overrides them one file at a time, and a build publishes neither."""
    site = make_site({"site.yaml": "search: false\n"})
    own = site / "themes" / "default" / "bundle" / "netcard-bundle.css"
    own.parent.mkdir(parents=True)
    own.write_text(".bundle-toc { color: rebeccapurple; }\r\n", encoding="utf-8")
    parsed = parse(make_bundle(site)[0].html)
    assert parsed.styles[-1] == ".bundle-toc { color: rebeccapurple; }\n"  # as hashed
    assert sha256_source(parsed.styles[-1]) in csp_of(parsed)["style-src"]
    controller = (default_theme_dir() / "bundle" / "netcard-bundle.js").read_text("utf-8")
    assert [text for _, text in parsed.scripts][-1] == controller
    assert main(["build", str(site)]) == 0
    published = [p.name for p in (site / "output").rglob("*")]
    assert "netcard.css" in published and not [n for n in published if "bundle" in n]


def test_a_bundle_file_linked_out_of_the_theme_is_refused(
        make_site: SiteFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("SECRET-OF-THE-BUILD-MACHINE", encoding="utf-8")
    folder = (site := make_site()) / "themes" / "default" / "bundle"
    folder.mkdir(parents=True)
    (folder / "netcard-bundle.css").symlink_to(secret)
    target = tmp_path / "workbook.html"
    assert main(["bundle", str(site), "-o", str(target)]) == 2
    assert "themes/default/bundle/netcard-bundle.css: error: this is a link to a file " \
           "outside the theme's folder" in capsys.readouterr().err
    assert not target.exists()
