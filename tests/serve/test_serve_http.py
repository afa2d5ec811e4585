"""What `netcard serve` answers: pages, folders, 404s, types, and nothing outside the profile.

By default both profiles are served, the public card at / and the workbook at
/_workbook/; with a profile, only that one, at /.
"""

from __future__ import annotations

import base64
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.serve import (
    RELOAD_SCRIPT,
    Server,
    Target,
    inject_reload_script,
    rebase_links,
    resolve_request,
)
from tests.serve.serve_helpers import get, raw_status

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQG"
                       "AhKmMIQAAAABJRU5ErkJggg==")
SITE_FILES: dict[str, str | bytes | None] = {
    "site.yaml": "languages: [fi, sv, en]\nbase_url: https://example.org/\n",
    "media/logo.png": PNG,
    "media/photo.jpg": b"\xff\xd8\xff\xe0 not really a photo",
}
WORKBOOK = "/_workbook/"
INTERNAL_PAGE = {"workbook/vaihe-2.md": "---\ntitle: Sisäinen vaihe\nphase: 2\n---\n"
                                        "# Sisäinen vaihe\n\nVain verkostolle.\n"}
# The card's own workbook/ section (one page marked public) beside an internal page.
BOTH_SITES_FILES: dict[str, str | bytes | None] = {
    "workbook/vaihe-1.md": "---\ntitle: Julkinen vaihe\nphase: 1\nvisibility: public\n---\n"
                           "# Julkinen vaihe\n\nKaikille.\n",
    **INTERNAL_PAGE,
}


def test_pages_folders_404_and_types(make_site, start_server) -> None:
    """--profile workbook: only the workbook, at /."""
    site = make_site(SITE_FILES)
    server = start_server(site, profile="workbook")
    root = server.mount("workbook").root
    port = server.port

    home = get(port, "/")
    assert home.status == 200
    assert home.headers["content-type"] == "text/html; charset=utf-8"
    assert home.headers["cache-control"] == "no-store"
    assert "Testiverkosto" in home.text
    assert home.text == get(port, "/index.html").text

    member = get(port, "/members/alpha/")
    assert member.status == 200 and "Alpha" in member.text
    folder = get(port, "/members/alpha")
    assert folder.status == 301 and folder.headers["location"] == "/members/alpha/"
    assert get(port, "/members/alpha/?from=search").status == 200

    missing = get(port, "/no/such/page/")
    assert missing.status == 404
    assert missing.headers["content-type"].startswith("text/html")
    page_404 = (root / "404.html").read_text(encoding="utf-8")
    assert missing.text.replace(_script(missing.text), "") == page_404
    swedish = get(port, "/sv/no-such-page/")
    assert swedish.status == 404 and 'lang="sv"' in swedish.text
    assert get(port, "/members/alpha/index.html/").status == 404

    expected = {
        "/assets/netcard.css": "text/css", "/assets/netcard-graph.js": "text/javascript",
        "/network.json": "application/json", "/network.graphml": "application/graphml+xml",
        "/network.gexf": "application/gexf+xml", "/members.csv": "text/csv",
        "/contact.vcf": "text/vcard", "/robots.txt": "text/plain",
        "/qr.svg": "image/svg+xml", "/media/logo.png": "image/png",
        "/media/photo.jpg": "image/jpeg",
        "/__netcard__/reload.js": "text/javascript",
    }
    for path, kind in expected.items():
        reply = get(port, path)
        assert reply.status == 200, path
        assert reply.headers["content-type"].split(";")[0] == kind, path
        assert reply.headers["cache-control"] == "no-store", path
    assert get(port, "/media/logo.png").body == PNG
    assert get(port, "/network.json").body == (root / "network.json").read_bytes()
    assert get(port, WORKBOOK).status == 404  # one profile: nothing else is served
    assert get(port, "/sitemap.xml").status == 404  # the workbook is not published

    head = get(port, "/", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert int(head.headers["content-length"]) == len(home.body)


def _script(html: str) -> str:
    start = html.index(f'<script src="{RELOAD_SCRIPT}')
    return html[start:html.index("</script>", start) + len("</script>")]


@pytest.mark.slow
def test_reload_script_only_in_served_html(make_site, start_server) -> None:
    site = make_site(SITE_FILES)
    server = start_server(site)
    pages = ("/", "/members/", "/members/alpha/", "/sv/", "/missing/")
    for path in pages + tuple(WORKBOOK + page[1:] for page in pages):
        html = get(server.port, path).text
        script = _script(html)
        assert html.index(script) < html.rindex("</body>"), path
        assert html.count(RELOAD_SCRIPT) == 1, path
    for path in ("/network.json", "/assets/netcard.css", "/members.csv", "/robots.txt"):
        assert b"__netcard__" not in get(server.port, path).body, path
        assert b"__netcard__" not in get(server.port, WORKBOOK + path[1:]).body, path
    built = [path for path in server.out_dir.rglob("*") if path.is_file()]
    for profile in ("public", "workbook"):
        assert any(path.suffix == ".html" and profile in path.parts for path in built)
    leaked = [path for path in built if b"__netcard__" in path.read_bytes()]
    assert leaked == []


def test_nothing_outside_the_profile_folder(make_site, start_server) -> None:
    site = make_site(SITE_FILES)
    (site / "secret.txt").write_text("secret", encoding="utf-8")
    server = start_server(site)
    for mount in server.mounts:
        os.symlink(site, mount.root / "escape")
        os.symlink(site / "secret.txt", mount.root / "secret.html")
        os.symlink("/etc/passwd", mount.root / "passwd.txt")
        assert (mount.root / "secret.html").read_text(encoding="utf-8") == "secret"  # works
    across = [  # from the workbook's path out of it, and from the card into a folder
        b"/_workbook/../public/index.html", b"/_workbook/%2e%2e/public/index.html",
        b"/_workbook/..%2fpublic%2findex.html", b"/_workbook/../../secret.txt",
        b"/_workbook/escape/secret.txt", b"/_workbook/secret.html", b"/_workbook/passwd.txt",
        b"/_workbook/%2e%2e/%2e%2e/secret.txt", b"/_workbook\\..\\secret.txt",
        b"/_workbook%2f..%2fsecret.txt", b"/_workbook/%00", b"/public/index.html",
        b"/workbook/index.html", b"/%5fworkbook/index.html",
    ]
    attacks = [
        *across, b"/../public/index.html", b"/../../secret.txt", b"/members/../../../secret.txt",
        b"/%2e%2e/public/index.html", b"/%2E%2E/%2E%2E/secret.txt", b"/.%2e/.%2e/secret.txt",
        b"/..%2fpublic%2findex.html", b"/%2e%2e%2f%2e%2e%2fsecret.txt", b"/members%2Falpha/",
        b"/..\\..\\secret.txt", b"/%5c..%5c..%5csecret.txt", b"/members\\alpha\\index.html",
        b"//etc/passwd", b"/etc/passwd", b"/%2fetc/passwd", b"http://127.0.0.1/etc/passwd",
        b"etc/passwd", b"/C:/Windows/win.ini", b"/escape/secret.txt", b"/escape/",
        b"/secret.html", b"/passwd.txt", b"/index.html%00.png", b"/%00", b"/members/%00/",
        b"/%c0%ae%c0%ae/secret.txt", b"/%252e%252e/secret.txt",
    ]
    statuses = {attack: raw_status(server.port, attack) for attack in attacks}
    assert set(statuses.values()) == {404}, statuses
    assert raw_status(server.port, b"/members/alpha/") == 200  # the same server still answers
    assert raw_status(server.port, b"/_workbook/members/alpha/") == 200


def test_only_loopback_host_names_on_loopback(make_site, start_server) -> None:
    """A page on another site cannot read the workbook through DNS rebinding."""
    server = start_server(make_site())
    for path in ("/", WORKBOOK, WORKBOOK + "network.json", "/__netcard__/status"):
        assert get(server.port, path, headers={"Host": "attacker.example"}).status == 403, path
        for host in ("localhost", f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
            assert get(server.port, path, headers={"Host": host}).status == 200, (host, path)


def test_resolve_request_and_injection(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("x", encoding="utf-8")
    assert resolve_request(tmp_path, "/a/") == Target("file", (tmp_path / "a" / "index.html"))
    assert resolve_request(tmp_path, "/a") == Target("redirect", location="/a/")
    assert resolve_request(tmp_path, "/a/%2e%2e/a/").kind == "missing"
    assert resolve_request(tmp_path / "not-built", "/").kind == "missing"
    html = b"<html><body><p>x</p></BODY></html>"
    assert inject_reload_script(html, 3) == (b'<html><body><p>x</p><script src="'
                                             + RELOAD_SCRIPT.encode()
                                             + b'?g=3" defer></script></BODY></html>')
    assert inject_reload_script(b"<p>no body</p>", 1).endswith(b"</script>")
    assert rebase_links(b'<a href="/a">', "/") == b'<a href="/a">'
    assert rebase_links(b'<link href="/assets/x.css"><script src=\'/s.js\'></script>'
                        b'<form action="/search/"><a HREF = "/">', WORKBOOK) == (
        b'<link href="/_workbook/assets/x.css"><script src=\'/_workbook/s.js\'></script>'
        b'<form action="/_workbook/search/"><a HREF = "/_workbook/">')
    unchanged = (b'<a href="//cdn.example/x"><a href="members/"><a href="https://e.org/">'
                 b'<p data-x="/y">href="/z"</p><a href="\\\\host">')
    assert rebase_links(unchanged, WORKBOOK) == unchanged


def _network_profile(port: int, path: str) -> str:
    reply = get(port, path)
    assert reply.status == 200, path
    profile: str = json.loads(reply.body)["profile"]
    return profile


def test_both_sites_are_served(make_site, start_server) -> None:
    """The card at /, the workbook at /_workbook/, each with its own pages and 404 pages."""
    site = make_site(BOTH_SITES_FILES)
    server = start_server(site)
    port = server.port
    assert server.url_of("public") == server.url
    assert server.url_of("workbook") == server.url + "_workbook/"
    assert _network_profile(port, "/network.json") == "public"
    assert _network_profile(port, WORKBOOK + "network.json") == "workbook"

    card, workbook = get(port, "/"), get(port, WORKBOOK)
    assert card.status == workbook.status == 200
    assert "Testiverkosto" in card.text and "Testiverkosto" in workbook.text
    for reply in (card, workbook):
        assert reply.text.count(f'<script src="{RELOAD_SCRIPT}?g=') == 1

    internal = get(port, WORKBOOK + "workbook/vaihe-2/")
    assert internal.status == 200 and "Vain verkostolle" in internal.text
    assert get(port, "/workbook/vaihe-2/").status == 404  # internal: not on the card
    # The card's own workbook section (a page marked public) is not hidden by the workbook.
    public_page = get(port, "/workbook/vaihe-1/")
    assert public_page.status == 200 and "Kaikille" in public_page.text
    assert "Sisäinen vaihe" not in get(port, "/workbook/").text
    assert "Sisäinen vaihe" in get(port, WORKBOOK + "workbook/").text

    folder = get(port, "/_workbook/members/alpha")
    assert folder.status == 301 and folder.headers["location"] == "/_workbook/members/alpha/"
    bare = get(port, "/_workbook")
    assert bare.status == 301 and bare.headers["location"] == WORKBOOK

    for profile, missing in (("public", "/no/such/page/"), ("workbook", "/_workbook/no/such/")):
        reply = get(port, missing)
        assert reply.status == 404 and reply.headers["content-type"].startswith("text/html")
        built = (server.mount(profile).root / "404.html").read_bytes()
        expected = rebase_links(built, server.mount(profile).path)
        assert reply.text.replace(_script(reply.text), "") == expected.decode(), profile
    swedish = get(port, "/_workbook/sv/no-such-page/")
    assert swedish.status == 404 and 'lang="sv"' in swedish.text
    assert 'href="/_workbook/assets/netcard.css"' in swedish.text


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value for name, value in attrs
                       if name in ("href", "src", "action") and value]


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@pytest.mark.slow
def test_each_site_links_only_within_itself(make_site, start_server) -> None:
    """Every link and asset of every page (and 404 page) of each site answers 200 from
    that same site: nothing on the card leads into /_workbook/, nothing in the workbook
    leads out of it. (Without base_url, the 404 pages link root-relative.)"""
    site = make_site({**SITE_FILES, "site.yaml": "languages: [fi, sv, en]\n", **INTERNAL_PAGE})
    server = start_server(site)
    port = server.port
    checked: dict[str, int] = {}
    for mount in server.mounts:
        pages = [mount.path + path.relative_to(mount.root).as_posix()
                 for path in sorted(mount.root.rglob("*.html"))]
        assert len(pages) > 20, mount
        for page in [*pages, mount.path + "no/such/page/", mount.path + "sv/no/such/"]:
            for link in _links(get(port, page).text):
                if link.startswith("#"):  # this very page
                    continue
                url = urlsplit(urljoin(f"http://127.0.0.1:{port}{page}", link))
                if url.scheme not in ("http", "https") or url.path.startswith("/__netcard__/"):
                    continue
                assert url.netloc == f"127.0.0.1:{port}", (page, link)
                inside_workbook = url.path.startswith(WORKBOOK)
                assert inside_workbook == (mount.profile == "workbook"), (page, link)
                if url.path not in checked:
                    checked[url.path] = get(port, url.path).status
                assert checked[url.path] == 200, (page, link)
    assert any(path.startswith("/_workbook/assets/") for path in checked)
    assert any(re.match(r"^/assets/", path) for path in checked)


def test_the_start_up_message_says_where_each_site_is(tmp_path: Path) -> None:
    both = Server(tmp_path, port=8000)
    assert both.serving_message() == (
        "Serving the public card at http://127.0.0.1:8000/ and the workbook at "
        "http://127.0.0.1:8000/_workbook/ (this computer only). Ctrl-C stops.")
    assert both.sites() == "the public card and the workbook"
    one = Server(tmp_path, profile="public", port=8000)
    assert one.serving_message() == ("Serving only the public card (--profile public) at "
                                     "http://127.0.0.1:8000/ (this computer only). Ctrl-C stops.")
    anywhere = Server(tmp_path, host="0.0.0.0", port=8000)
    assert "this computer only" not in anywhere.serving_message()
