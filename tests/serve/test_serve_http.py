"""What `netcard serve` answers: pages, folders, 404s, types, and nothing outside the profile."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from generator.serve import RELOAD_SCRIPT, Target, inject_reload_script, resolve_request
from tests.serve.serve_helpers import get, raw_status

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQG"
                       "AhKmMIQAAAABJRU5ErkJggg==")
SITE_FILES: dict[str, str | bytes | None] = {
    "site.yaml": "languages: [fi, sv, en]\nbase_url: https://example.org/\n",
    "media/logo.png": PNG,
    "media/photo.jpg": b"\xff\xd8\xff\xe0 not really a photo",
}


def test_pages_folders_404_and_types(make_site, start_server) -> None:
    site = make_site(SITE_FILES)
    server = start_server(site)
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
    page_404 = (server.root / "404.html").read_text(encoding="utf-8")
    assert missing.text.replace(_script(missing.text), "") == page_404
    swedish = get(port, "/sv/no-such-page/")
    assert swedish.status == 404 and 'lang="sv"' in swedish.text
    assert get(port, "/members/alpha/index.html/").status == 404

    expected = {
        "/assets/netcard.css": "text/css", "/assets/netcard-graph.js": "text/javascript",
        "/network.json": "application/json", "/network.graphml": "application/graphml+xml",
        "/network.gexf": "application/gexf+xml", "/members.csv": "text/csv",
        "/contact.vcf": "text/vcard", "/sitemap.xml": "application/xml",
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
    assert get(port, "/network.json").body == (server.root / "network.json").read_bytes()

    head = get(port, "/", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert int(head.headers["content-length"]) == len(home.body)


def _script(html: str) -> str:
    start = html.index(f'<script src="{RELOAD_SCRIPT}')
    return html[start:html.index("</script>", start) + len("</script>")]


def test_reload_script_only_in_served_html(make_site, start_server) -> None:
    site = make_site(SITE_FILES)
    server = start_server(site)
    for path in ("/", "/members/", "/members/alpha/", "/sv/", "/missing/"):
        html = get(server.port, path).text
        script = _script(html)
        assert html.index(script) < html.rindex("</body>"), path
        assert html.count(RELOAD_SCRIPT) == 1, path
    for path in ("/network.json", "/assets/netcard.css", "/members.csv", "/sitemap.xml"):
        assert b"__netcard__" not in get(server.port, path).body, path
    built = [path for path in server.out_dir.rglob("*") if path.is_file()]
    assert any(path.suffix == ".html" for path in built)
    leaked = [path for path in built if b"__netcard__" in path.read_bytes()]
    assert leaked == []


def test_nothing_outside_the_profile_folder(make_site, start_server) -> None:
    site = make_site(SITE_FILES)
    (site / "secret.txt").write_text("secret", encoding="utf-8")
    server = start_server(site)
    root = server.root
    os.symlink(site, root / "escape")
    os.symlink(site / "secret.txt", root / "secret.html")
    os.symlink("/etc/passwd", root / "passwd.txt")
    assert (root / "secret.html").read_text(encoding="utf-8") == "secret"  # the link works
    attacks = [
        b"/../public/index.html", b"/../../secret.txt", b"/members/../../../secret.txt",
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


def test_only_loopback_host_names_on_loopback(make_site, start_server) -> None:
    """A page on another site cannot read the workbook through DNS rebinding."""
    server = start_server(make_site())
    assert get(server.port, "/", headers={"Host": "attacker.example"}).status == 403
    for host in ("localhost", f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
        assert get(server.port, "/", headers={"Host": host}).status == 200, host


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
