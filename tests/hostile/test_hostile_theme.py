"""Theme static files are published like media: nothing from outside the theme, safe SVGs."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import ContentErrors
from generator.paths import default_theme_dir
from generator.render.assets import theme_static_files
from tests.conftest import SiteFactory

SCRIPT_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
              "<script>alert(document.domain)</script></svg>\n")
PLAIN_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
             '<rect width="10" height="10" fill="#1f5f5b"/></svg>\n')


def static_folder(site: Path, theme: str = "default") -> Path:
    folder = site / "themes" / theme / "static"
    folder.mkdir(parents=True)
    return folder


def secret_file(tmp_path: Path) -> Path:
    """A file of the build machine outside the site, standing in for /etc/passwd."""
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:SECRET-OF-THE-BUILD-MACHINE\n", encoding="utf-8")
    return secret


def published(site: Path) -> list[str]:
    output = site / "output"
    if not output.exists():
        return []
    return [path.read_text(encoding="utf-8", errors="replace") for path in output.rglob("*")
            if path.is_file()]


def test_a_link_out_of_the_theme_is_refused_and_not_published(
        make_site: SiteFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site()
    os.symlink(secret_file(tmp_path), static_folder(site) / "passwd.txt")
    assert main(["build", str(site)]) == 2
    err = capsys.readouterr().err
    assert "themes/default/static/passwd.txt: error: this is a link to a file outside the " \
           "theme's folder" in err
    assert "copy the file into themes/default/static/" in err
    assert not any("SECRET-OF-THE-BUILD-MACHINE" in text for text in published(site))


def test_a_link_to_etc_passwd_is_refused_by_check_too(make_site: SiteFactory,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site()
    os.symlink("/etc/passwd", static_folder(site) / "passwd.txt")
    assert main(["check", str(site)]) == 2
    assert "themes/default/static/passwd.txt" in capsys.readouterr().err


def test_a_folder_link_out_of_the_theme_is_refused(make_site: SiteFactory,
                                                   tmp_path: Path) -> None:
    site = make_site()
    os.symlink(secret_file(tmp_path).parent, static_folder(site) / "shared")
    with pytest.raises(ContentErrors) as caught:
        theme_static_files(site, "default")
    assert "themes/default/static/shared: error: this folder links to a place outside" in \
        caught.value.report()


def test_a_link_inside_the_theme_folder_is_published(make_site: SiteFactory) -> None:
    site = make_site({"site.yaml": "search: false\n"})
    static = static_folder(site, "oma")
    (site / "themes" / "oma" / "shared").mkdir()
    (site / "themes" / "oma" / "shared" / "extra.css").write_text("p{}\n", encoding="utf-8")
    os.symlink("../shared/extra.css", static / "extra.css")
    files = theme_static_files(site, "oma")
    assert files["assets/extra.css"].read_text(encoding="utf-8") == "p{}\n"


@pytest.mark.parametrize("theme", ["default", "oma"])
def test_a_theme_svg_that_runs_script_is_refused(make_site: SiteFactory, theme: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({"site.yaml": f"theme: {theme}\n"})
    (static_folder(site, theme) / "kuvake.svg").write_text(SCRIPT_SVG, encoding="utf-8")
    assert main(["build", str(site)]) == 2
    err = capsys.readouterr().err
    assert f"themes/{theme}/static/kuvake.svg:2:1: error: the SVG contains a <script>" in err
    assert not (site / "output").exists()


def test_a_theme_svg_with_a_stylesheet_instruction_and_a_dotted_name_is_refused(
        make_site: SiteFactory) -> None:
    site = make_site()
    (static_folder(site) / "kuvake.svg.").write_text(
        '<?xml-stylesheet type="text/xsl" href="x.txt"?>' + PLAIN_SVG, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        theme_static_files(site, "default")
    assert "themes/default/static/kuvake.svg.:1:1" in caught.value.report()


def test_a_compressed_theme_svg_is_refused(make_site: SiteFactory) -> None:
    site = make_site()
    (static_folder(site) / "kuvake.svgz").write_bytes(gzip.compress(SCRIPT_SVG.encode()))
    with pytest.raises(ContentErrors) as caught:
        theme_static_files(site, "default")
    assert "themes/default/static/kuvake.svgz: error: a compressed SVG" in caught.value.report()


def test_a_plain_theme_svg_is_published(make_site: SiteFactory) -> None:
    site = make_site({"site.yaml": "search: false\n"})
    (static_folder(site) / "kuvake.svg").write_text(PLAIN_SVG, encoding="utf-8")
    assert main(["build", str(site)]) == 0
    for profile in ("public", "workbook"):
        copied = site / "output" / profile / "assets" / "kuvake.svg"
        assert copied.read_text(encoding="utf-8") == PLAIN_SVG


def test_every_file_of_the_built_in_theme_passes(make_site: SiteFactory) -> None:
    files = theme_static_files(make_site(), "default")
    built_in = sorted(p.relative_to(default_theme_dir() / "static").as_posix()
                      for p in (default_theme_dir() / "static").rglob("*") if p.is_file())
    assert built_in and sorted(path.removeprefix("assets/") for path in files) == built_in
