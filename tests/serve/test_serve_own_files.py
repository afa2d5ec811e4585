"""netcard serve's own files (the reload script and the overlay's stylesheet) live in the
built-in theme's serve/ folder: served by `netcard serve`, never part of a built site.
And one media-type map: the preview and the bundle call a file the same kind of file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.bundle import data_uri
from generator.mime import MEDIA_TYPES, UNKNOWN, content_type, media_type
from generator.paths import default_theme_dir
from generator.serve import OWN_FILES
from tests.serve.serve_helpers import get

SERVE_FOLDER = default_theme_dir() / "serve"


def test_own_files_are_served_as_they_are_in_the_theme(make_site, start_server) -> None:
    server = start_server(make_site())
    kinds = {"netcard-reload.js": "text/javascript", "netcard-overlay.css": "text/css"}
    assert sorted(OWN_FILES.values()) == sorted(kinds)
    for address, name in OWN_FILES.items():
        reply = get(server.port, address)
        assert reply.status == 200, address
        assert reply.body == (SERVE_FOLDER / name).read_bytes(), address
        assert reply.headers["content-type"] == f"{kinds[name]}; charset=utf-8", address
    script = (SERVE_FOLDER / "netcard-reload.js").read_text(encoding="utf-8")
    for address in OWN_FILES:  # the script finds the others beside itself, by name
        if not address.endswith(".js"):
            assert f'beside("{address.rsplit("/", 1)[1]}")' in script, address


def _files_and_texts(folder: Path) -> tuple[set[str], list[str]]:
    names = {path.name for path in folder.rglob("*") if path.is_file()}
    texts = [path.read_text(encoding="utf-8", errors="replace")
             for path in folder.rglob("*") if path.suffix in (".html", ".js", ".css")]
    return names, texts


def test_own_files_are_never_in_a_built_site(make_site, start_server, example_output) -> None:
    site = make_site()
    server = start_server(site)
    for output in (server.out_dir, example_output):  # netcard serve's and netcard build's
        names, texts = _files_and_texts(output)
        assert names.isdisjoint(OWN_FILES.values()), output
        assert not any("netcard-error-overlay" in text or "/__netcard__/" in text
                       for text in texts), output


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to check the syntax")
@pytest.mark.parametrize("script", sorted(default_theme_dir().rglob("*.js")),
                         ids=lambda path: path.relative_to(default_theme_dir()).as_posix())
@pytest.mark.slow
def test_every_script_of_the_theme_parses(script: Path) -> None:
    done = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr


def test_media_types_are_named_once() -> None:
    assert media_type("network.gexf") == "application/gexf+xml"
    assert media_type("NETWORK.GEXF") == "application/gexf+xml"
    assert content_type("network.gexf") == "application/gexf+xml; charset=utf-8"
    assert content_type("logo.png") == "image/png"  # no character set for bytes
    assert media_type("archive.zip") == "application/zip"  # Python's own table
    assert media_type("no-ending") == UNKNOWN
    assert media_type("strange.unknownending") == UNKNOWN


def test_serve_and_bundle_agree_on_every_kind_of_file(make_site, start_server) -> None:
    """The same file, served by netcard serve and embedded by netcard bundle."""
    server = start_server(make_site(), profile="public")
    root = server.mount("public").root
    endings = [*MEDIA_TYPES, ".zip", ".unknownending"]
    for ending in endings:
        (root / f"kind{ending}").write_bytes(b"x")
    for ending in endings:
        if ending in (".html",):
            continue  # a page: served with the reload script, never embedded as data
        served = get(server.port, f"/kind{ending}").headers["content-type"]
        embedded = data_uri(f"kind{ending}", b"x").split(";base64,")[0].removeprefix("data:")
        assert served.replace(" ", "") == embedded.replace(" ", ""), ending
        assert served.split(";")[0] == media_type(f"kind{ending}"), ending
